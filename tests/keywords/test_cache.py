"""Keyword links kept across builds with Pelican's content cache on: a warm
rebuild writes exactly what a cold build of the same site writes, whatever
changed between the two builds, and reuses the links of the documents that
did not change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pelican_pullmarketing import build as pm_build
from tests.conftest import SiteBuilder

KW_ONLY = ["pelican_pullmarketing.keywords"]
KEYWORDS = {
    "boiler service": "{filename}/boilers.md",
    "heat pump": "{filename}/pumps.md",
    "hot water": "{filename}/pages/water.md",
}
ARTICLES = 6


def make_site(root: Path) -> SiteBuilder:
    site = SiteBuilder(root)
    site.article("boilers", "All about boilers and a heat pump.", title="Boilers")
    site.article("pumps", "Pumps, and a boiler service now and then.", title="Pumps")
    site.page("water", "Hot water at every tap; a boiler service helps.")
    for n in range(ARTICLES):
        site.article(
            f"post-{n}",
            f"Post {n}: book a boiler service, ask about a heat pump, "
            f"get hot water. <code>heat pump</code>",
            date=f"2024-03-0{n + 1} 10:00",
        )
    return site


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def settings(**overrides) -> dict:
    base = {
        "PLUGINS": KW_ONLY,
        "PULLMARKETING_KEYWORDS": KEYWORDS,
        "ARTICLE_URL": "{slug}/",
        "ARTICLE_SAVE_AS": "{slug}/index.html",
        "DELETE_OUTPUT_DIRECTORY": True,
    }
    base.update(overrides)
    return base


def cached(site: SiteBuilder, cache: Path, **overrides) -> float:
    site.build(
        **settings(
            CACHE_CONTENT=True,
            LOAD_CONTENT_CACHE=True,
            CACHE_PATH=str(cache),
            **overrides,
        )
    )
    return pm_build.last_report().get("keyword_documents_cached", -1)


def edit_one_article(site: SiteBuilder) -> None:
    path = site.content / "post-2.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nA heat pump, again.\n", encoding="utf-8"
    )
    later = path.stat().st_mtime + 5
    os.utime(path, (later, later))


CHANGES = {
    # name: (what changes between the builds, documents whose links are reused)
    "unchanged": ({}, None, ARTICLES + 3),
    "one article edited": ({}, edit_one_article, ARTICLES + 2),
    "one keyword's target": (
        {"PULLMARKETING_KEYWORDS": {**KEYWORDS, "heat pump": "{filename}/post-0.md"}},
        None,
        0,
    ),
    "link cap": ({"PULLMARKETING_MAX_LINKS_PER_ARTICLE": 1}, None, 0),
    "SITEURL": ({"SITEURL": "https://www.example.org/blog"}, None, ARTICLES + 3),
    "relative URLs": ({"RELATIVE_URLS": True}, None, ARTICLES + 3),
    "target renamed": ({"ARTICLE_URL": "a/{slug}.html"}, None, ARTICLES + 3),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_warm_rebuild_writes_what_a_cold_build_writes(tmp_path, change):
    overrides, edit, reused = CHANGES[change]
    if "ARTICLE_URL" in overrides:
        overrides = {**overrides, "ARTICLE_SAVE_AS": overrides["ARTICLE_URL"]}
    warm = make_site(tmp_path / "warm")
    cache = tmp_path / "cache"
    assert cached(warm, cache) == 0  # the first build fills the cache
    if edit is not None:
        edit(warm)
    assert cached(warm, cache, **overrides) == reused

    cold = SiteBuilder(tmp_path / "cold")
    shutil.copytree(warm.content, cold.content, dirs_exist_ok=True)
    cold.build(**settings(**overrides))
    assert tree(warm.output) == tree(cold.output)
    written = tree(cold.output)
    assert sum(data.count(b'class="keyword-link"') for data in written.values()) > 9


def test_a_damaged_cache_file_is_read_as_empty(tmp_path):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    cached(site, cache)
    before = tree(site.output)
    (cache / "pullmarketing-keywords.pickle").write_bytes(b"not a pickle")
    assert cached(site, cache) == 0
    assert tree(site.output) == before


def test_without_the_content_cache_nothing_is_written(tmp_path):
    site = make_site(tmp_path / "site")
    site.build(**settings(CACHE_PATH=str(tmp_path / "cache")))
    assert not (tmp_path / "cache" / "pullmarketing-keywords.pickle").exists()
