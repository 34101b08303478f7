"""Completed heads kept across builds with Pelican's content cache on
(``seo/cache.py``): a warm rebuild writes exactly what a cold build of the
same site writes, whatever changed between the two builds, and reuses the
heads of the pages that did not change.

The first test is the safety net: it records everything the head completion
reads from documents, topics, gates, categories and the template context
during a build of a site with most features, and fails when something is
read that the cache's key does not cover."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
from pathlib import Path

import pytest

from pelican_pullmarketing import build as pm_build
from pelican_pullmarketing.seo import cache as seo_cache
from pelican_pullmarketing.seo import inject
from tests.business.business_helpers import firm
from tests.conftest import SiteBuilder
from tests.seo.seo_helpers import build_settings, png, write_content

CACHE_FILE = seo_cache.CACHE_FILE
DELTA_FILE = seo_cache.DELTA_FILE


def make_site(root: Path) -> SiteBuilder:
    """The SEO tests' site of every page type (a translation, a gate, a
    draft, hidden and noindex pages, a 404), with a firm, topics, share
    cards, keywords, and an article with an image of its own."""
    site = SiteBuilder(root)
    write_content(site)
    site.write("images/logo.png", png(400, 200))
    site.write("images/radiator.png", png(1000, 500))
    site.article(
        "radiator-bleeding",
        "Bleed a radiator when its top stays cold. A heat pump needs no bleeding.",
        date="2024-05-20 08:00",
        category="Heat pumps",
        tags="radiators",
        image="{static}/images/radiator.png",
        author="Sam Fitter",
    )
    site.article(
        "thermostats",
        "Where to put a thermostat, and why boiler pressure matters.",
        title="Thermostats",
        date="2024-06-10 08:00",
        category="Boilers",
        tags="controls",
    )
    return site


# A third-party-like theme whose head has a title, a stylesheet and little
# else (so most tags are injected); translations are linked in the body.
BARE_BASE = """<!DOCTYPE html>
<html lang="{{ DEFAULT_LANG }}">
<head>
<meta charset="utf-8">
<title>{% block title %}{{ SITENAME|striptags }}{% endblock %}</title>
<link rel="stylesheet" href="/theme/site.css">
</head>
<body>
<nav>{% for cat, _ in categories %}<a href="/{{ cat.url }}">{{ cat }}</a> {% endfor %}</nav>
{% block content %}{% for a in articles_page.object_list if articles_page %}
<h2><a href="/{{ a.url }}">{{ a.title }}</a></h2>{{ a.summary }}{% endfor %}{% endblock %}
</body>
</html>
"""
BARE_DOCUMENT = """{% extends "base.html" %}
{% block title %}{{ SITENAME|striptags }} – {{ DOC.title|striptags }}{% endblock %}
{% block content %}<h1>{{ DOC.title }}</h1>{{ DOC.content }}
{% for t in DOC.translations %}<a href="/{{ t.url }}">{{ t.lang }}</a>{% endfor %}
{% endblock %}
"""


def bare_theme(folder: Path) -> Path:
    """The bare theme's templates (over Pelican's simple theme)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "base.html").write_text(BARE_BASE, encoding="utf-8")
    for name in ("article", "page"):
        (folder / f"{name}.html").write_text(
            BARE_DOCUMENT.replace("DOC", name), encoding="utf-8"
        )
    return folder


THEME = {"theme": "notmyidea", "overrides": None}


@pytest.fixture(params=["notmyidea", "bare"])
def theme(request, tmp_path):
    """Each test runs with notmyidea (whose head has feeds, a description
    and hreflang links) and with the bare theme."""
    overrides = bare_theme(tmp_path / "bare-theme") if request.param == "bare" else None
    THEME.update(theme="simple" if overrides else "notmyidea", overrides=overrides)
    yield request.param
    THEME.update(theme="notmyidea", overrides=None)


@pytest.fixture
def bare(tmp_path):
    THEME.update(theme="simple", overrides=bare_theme(tmp_path / "bare-theme"))
    yield THEME["overrides"]
    THEME.update(theme="notmyidea", overrides=None)


def settings(**overrides) -> dict:
    base = build_settings(THEME["theme"])
    if THEME["overrides"] is not None:
        base["THEME_TEMPLATES_OVERRIDES"] = [str(THEME["overrides"])]
    base.pop("PULLMARKETING_PUBLISHER")
    base.update(
        {
            "PULLMARKETING_BUSINESS": firm(),
            "PULLMARKETING_KEYWORDS": {
                "heat pump": "{filename}/heat-pump-noise.md",
                "boiler pressure": "{filename}/boiler-pressure.md",
            },
            "DELETE_OUTPUT_DIRECTORY": True,
        }
    )
    base.update(overrides)
    return base


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def warm_build(site: SiteBuilder, cache: Path, **overrides) -> dict:
    site.build(
        **settings(
            CACHE_CONTENT=True,
            LOAD_CONTENT_CACHE=True,
            CACHE_PATH=str(cache),
            **overrides,
        )
    )
    report = pm_build.last_report()
    return {
        "reused": report.get("seo_pages_cached", -1),
        "completed": report.get("seo_pages_completed", -1),
    }


def cold_tree(tmp_path: Path, warm: SiteBuilder, **overrides) -> dict[str, bytes]:
    cold = SiteBuilder(tmp_path / "cold")
    shutil.copytree(warm.content, cold.content, dirs_exist_ok=True)
    cold.build(**settings(**overrides))
    return tree(cold.output)


def touch(path: Path) -> None:
    later = path.stat().st_mtime + 5
    os.utime(path, (later, later))


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    touch(path)


# --- test 0: what the head completion reads is what the key covers ---------


class RecordingContext:
    """A template context that notes every key read."""

    def __init__(self, ctx, seen: set) -> None:
        self._ctx = ctx
        self._seen = seen

    def get(self, key, default=None):
        self._seen.add(key)
        return self._ctx.get(key, default)

    def __getitem__(self, key):
        self._seen.add(key)
        return self._ctx[key]

    def __contains__(self, key):
        self._seen.add(key)
        return key in self._ctx


def _watched_classes():
    from pelican.contents import Content
    from pelican.urlwrappers import URLWrapper

    from pelican_pullmarketing.conversation.render import Conversation
    from pelican_pullmarketing.gates.landing import Gate
    from pelican_pullmarketing.topics.model import Feed, Topic

    return {
        "document": Content,
        "category, tag or author": URLWrapper,
        "topic": Topic,
        "feed": Feed,
        "gate": Gate,
        "conversation": Conversation,
    }


def covered(group: str) -> frozenset:
    return {
        "document": frozenset(seo_cache.DOC_FIELDS) | seo_cache.DOC_DERIVED,
        "category, tag or author": frozenset(seo_cache.WRAPPER_FIELDS)
        | seo_cache.WRAPPER_DERIVED,
        "topic": frozenset(seo_cache.TOPIC_FIELDS),
        "feed": frozenset(seo_cache.FEED_FIELDS),
        "gate": frozenset(seo_cache.GATE_FIELDS),
        "conversation": frozenset(seo_cache.CONVERSATION_FIELDS),
    }[group]


def record_reads(monkeypatch) -> tuple[dict, set]:
    """Record, while a page's head is completed, every attribute read on the
    watched classes (by group) and every context key."""
    reads: dict[str, set] = {group: set() for group in _watched_classes()}
    keys: set = set()
    active = [False]
    for group, cls in _watched_classes().items():
        original = cls.__getattribute__

        def recording(self, name, _group=group, _original=original):
            if active[0] and not (name.startswith("__") and name.endswith("__")):
                reads[_group].add(name)
            return _original(self, name)

        monkeypatch.setattr(cls, "__getattribute__", recording)
    completing = inject.inject_parts

    def recorded(html, ctx, settings, links, rest_ascii=None):
        active[0] = True
        try:
            return completing(
                html, RecordingContext(ctx, keys), settings, links, rest_ascii
            )
        finally:
            active[0] = False

    monkeypatch.setattr(inject, "inject_parts", recorded)
    return reads, keys


def test_everything_the_head_completion_reads_is_in_the_key(
    tmp_path, monkeypatch, theme
):
    site = make_site(tmp_path / "site")
    reads, keys = record_reads(monkeypatch)
    site.build(**settings(PULLMARKETING_SHARE_CARDS="all"))
    # The recording saw the features it must cover.
    assert {"url", "title", "metadata", "pm_gate", "translations"} <= reads["document"]
    assert reads["topic"] and reads["gate"] and reads["category, tag or author"]
    assert {"article", "articles_page", "topic"} <= keys
    uncovered = {
        group: sorted(names - covered(group)) for group, names in reads.items()
    }
    assert {g: n for g, n in uncovered.items() if n} == {}
    assert sorted(keys - seo_cache.CONTEXT_KEYS) == []


# --- invalidation: a warm rebuild writes what a cold build writes ----------


def retitle(site: SiteBuilder) -> None:
    rewrite(site.content / "thermostats.md", "Title: Thermostats", "Title: Room stats")


def new_summary(site: SiteBuilder) -> None:
    rewrite(site.content / "thermostats.md", "Where to put", "Exactly where to put")


def resize_image(site: SiteBuilder) -> None:
    # The article's own image file: the article is untouched, so Pelican's
    # content cache still reads it from the cache.
    (site.content / "images/radiator.png").write_bytes(png(640, 480))


def translate(site: SiteBuilder) -> None:
    site.article(
        "thermostats",
        "Où placer un thermostat.",
        title="Thermostats (fr)",
        date="2024-06-10 08:00",
        category="Boilers",
        lang="fr",
        folder="fr",
    )


def resize_logo(site: SiteBuilder) -> None:
    # The firm's logo (every page's JSON-LD); no setting changes.
    (site.content / "images/logo.png").write_bytes(png(300, 300))


def recolour_logo(site: SiteBuilder) -> None:
    # The logo's pixels, at the same size: no head changes (every one is
    # kept), but every share card does: its cache key, which holds the
    # logo's bytes, is made again for each kept page.
    (site.content / "images/logo.png").write_bytes(png(400, 200, b"\xc0\x30\x10"))


def bigger_paper(site: SiteBuilder) -> None:
    (site.content / "papers/guide.pdf").write_bytes(b"%PDF-1.4 " + b"x" * 40000)


def new_modified_date(site: SiteBuilder) -> None:
    rewrite(
        site.content / "thermostats.md",
        "Date: 2024-06-10 08:00",
        "Date: 2024-06-10 08:00\nModified: 2024-09-01 12:00",
    )


def add_article(site: SiteBuilder) -> None:
    site.article(
        "flue-checks",
        "Check the flue once a year.",
        date="2024-08-01 08:00",
        category="Boilers",
        tags="controls",
    )


def to_draft(site: SiteBuilder) -> None:
    rewrite(
        site.content / "thermostats.md",
        "Date: 2024-06-10 08:00",
        "Date: 2024-06-10 08:00\nStatus: draft",
    )


def hide_page(site: SiteBuilder) -> None:
    rewrite(
        site.content / "pages/about.md", "Slug: about", "Slug: about\nStatus: hidden"
    )


def topics_metadata(site: SiteBuilder) -> None:
    # The Boilers article names a second topic in its metadata: it joins
    # the heat pumps' hub, and its own JSON-LD names the topic.
    rewrite(
        site.content / "thermostats.md",
        "Date: 2024-06-10 08:00",
        "Date: 2024-06-10 08:00\nTopics: Heat pumps",
    )


def new_author_and_category(site: SiteBuilder) -> None:
    path = site.content / "radiator-bleeding.md"
    rewrite(path, "author: Sam Fitter", "author: Alex Engineer")
    rewrite(path, "Category: Heat pumps", "Category: Boilers")


EVERY_PAGE = "every page"
SOME_PAGES = "some pages"
LISTS = "the lists it joins, leaves or shifts"

CHANGES = {
    # name: (settings, edit of the content, pages whose heads are reused)
    "unchanged": ({}, None, EVERY_PAGE),
    "an article's title": ({}, retitle, SOME_PAGES),
    "an article's summary": ({}, new_summary, SOME_PAGES),
    "an article's image file": ({}, resize_image, SOME_PAGES),
    "a translation added": ({}, translate, SOME_PAGES),
    "a topic's title": (
        {
            "PULLMARKETING_TOPICS": {
                **build_settings("notmyidea")["PULLMARKETING_TOPICS"],
                "heat-pumps": {
                    "title": "Heat pumps, air and ground",
                    "categories": ["Heat pumps"],
                },
            }
        },
        None,
        0,
    ),
    "SITEURL": ({"SITEURL": "https://www.example.org/blog"}, None, 0),
    "relative URLs": ({"RELATIVE_URLS": True}, None, 0),
    "a feed the theme names in its head": (
        {"FEED_ALL_RSS": "feeds/all.rss.xml"},
        None,
        0,
    ),
    "the firm's telephone": (
        {"PULLMARKETING_BUSINESS": firm(telephone="0117 496 0999")},
        None,
        0,
    ),
    "a keyword's target": (
        {
            "PULLMARKETING_KEYWORDS": {
                "heat pump": "{filename}/radiator-bleeding.md",
                "boiler pressure": "{filename}/boiler-pressure.md",
            }
        },
        None,
        0,
    ),
    "the cards' look": (
        {"PULLMARKETING_SHARE_CARD": {"background": "#102030", "text": "#f0f0f0"}},
        None,
        0,
    ),
    "the card mode": ({"PULLMARKETING_SHARE_CARDS": "all"}, None, 0),
    "the firm's logo file": ({}, resize_logo, 0),
    "the logo's pixels": ({}, recolour_logo, EVERY_PAGE),
    "the gated file": ({}, bigger_paper, SOME_PAGES),
    "an article's modified date": ({}, new_modified_date, SOME_PAGES),
    "an article added": ({}, add_article, LISTS),
    "an article made a draft": ({}, to_draft, LISTS),
    "a page hidden": ({}, hide_page, SOME_PAGES),
    "an article's author and category": ({}, new_author_and_category, LISTS),
    "an article's topics metadata": ({}, topics_metadata, LISTS),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_warm_rebuild_writes_what_a_cold_build_writes(tmp_path, change, theme):
    overrides, edit, reused = CHANGES[change]
    warm = make_site(tmp_path / "warm")
    cache = tmp_path / "cache"
    first = warm_build(warm, cache)
    assert first["reused"] == 0  # the first build fills the cache
    pages = first["completed"]
    assert pages > 20
    if edit is not None:
        edit(warm)
    second = warm_build(warm, cache, **overrides)
    assert tree(warm.output) == cold_tree(tmp_path, warm, **overrides)
    if reused == EVERY_PAGE:
        assert second == {"reused": pages, "completed": 0}
    elif reused == LISTS:
        # The article's page, and every list it joins, leaves or shifts
        # (one article a page: the index pages, its category's pages).
        assert 5 <= second["completed"] <= 30, second
        assert second["reused"] >= 10, second
    elif reused == SOME_PAGES:
        # The changed document's page and the lists that show it are
        # completed again; the rest are reused.
        assert 1 <= second["completed"] <= 14, second
        assert second["reused"] >= pages - 14, second
    else:
        assert second["reused"] == reused, second


def test_a_title_another_page_had_is_not_reused(tmp_path, bare):
    """Titles are claimed in render order: when an article takes the title
    of a tag page whose own key did not change, the tag page's kept head
    (its claim fails when replayed) is completed again, and given back when
    the article gives the title up."""
    warm = make_site(tmp_path / "warm")
    cache = tmp_path / "cache"
    warm_build(warm, cache)
    plain_title = _title(warm, "tag/radiators.html")
    article = warm.content / "thermostats.md"
    rewrite(article, "Title: Thermostats", "Title: Articles tagged radiators")
    second = warm_build(warm, cache)
    assert tree(warm.output) == cold_tree(tmp_path / "1", warm)
    labelled = _title(warm, "tag/radiators.html")
    assert labelled != plain_title
    assert second["reused"] > 0
    rewrite(article, "Title: Articles tagged radiators", "Title: Thermostats")
    third = warm_build(warm, cache)
    assert tree(warm.output) == cold_tree(tmp_path / "2", warm)
    assert _title(warm, "tag/radiators.html") == plain_title
    assert third["reused"] > 0


def _title(site: SiteBuilder, page: str) -> str:
    text = site.read(page)
    return text[text.index("<title>") : text.index("</title>")]


def test_a_head_template_edit_completes_every_page_and_a_body_edit_none(tmp_path, bare):
    warm = make_site(tmp_path / "warm")
    cache = tmp_path / "cache"
    pages = warm_build(warm, cache)["completed"]
    base = bare / "base.html"
    base.write_text(
        BARE_BASE.replace("<body>", '<body class="wide">'), encoding="utf-8"
    )
    assert warm_build(warm, cache) == {"reused": pages, "completed": 0}
    assert tree(warm.output) == cold_tree(tmp_path / "1", warm)
    base.write_text(
        BARE_BASE.replace(
            "<meta charset", '<meta name="theme-color" content="#fff">\n<meta charset'
        ),
        encoding="utf-8",
    )
    assert warm_build(warm, cache) == {"reused": 0, "completed": pages}
    assert tree(warm.output) == cold_tree(tmp_path / "2", warm)


# --- the file --------------------------------------------------------------


def test_a_damaged_cache_file_is_read_as_empty(tmp_path, caplog):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    pages = warm_build(site, cache)["completed"]
    before = tree(site.output)
    (cache / CACHE_FILE).write_bytes(b"\x80\x05not a pickle at all")
    assert warm_build(site, cache) == {"reused": 0, "completed": pages}
    assert tree(site.output) == before
    # And a cache cut short.
    data = (cache / CACHE_FILE).read_bytes()
    (cache / CACHE_FILE).write_bytes(data[: len(data) // 2])
    assert warm_build(site, cache) == {"reused": 0, "completed": pages}
    assert tree(site.output) == before
    assert warm_build(site, cache) == {"reused": pages, "completed": 0}


def test_damaged_entries_are_misses(tmp_path):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    pages = warm_build(site, cache)["completed"]
    before = tree(site.output)
    stored = pickle.loads((cache / CACHE_FILE).read_bytes())
    keys = list(stored["entries"])
    good = stored["entries"][keys[0]]
    bad_entries = [
        None,
        ("x",),
        ((1, 2), *good[1:]),
        (good[0], 3, *good[2:]),
        good[:4],  # the last format's entry, without its card
        (*good[:4], ("share.png", "not a tuple", "key", "fingerprint")),
    ]
    for key, bad in zip(keys[: len(bad_entries)], bad_entries, strict=True):
        stored["entries"][key] = bad
    (cache / CACHE_FILE).write_bytes(pickle.dumps(stored))
    assert warm_build(site, cache) == {
        "reused": pages - len(bad_entries),
        "completed": len(bad_entries),
    }
    assert tree(site.output) == before


def test_another_format_means_every_page_is_completed(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    pages = warm_build(site, cache)["completed"]
    monkeypatch.setattr(seo_cache, "FORMAT", seo_cache.FORMAT + 1)
    assert warm_build(site, cache) == {"reused": 0, "completed": pages}


def test_a_rebuild_after_an_edit_writes_only_the_pages_it_completed(
    tmp_path, monkeypatch
):
    """A writer's rebuild: the cache file stays as it is; the pages
    completed afresh go into the delta file, which the next build reads
    with it."""
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    pages = warm_build(site, cache)["completed"]
    base = (cache / CACHE_FILE).read_bytes()
    assert not (cache / DELTA_FILE).exists()
    retitle(site)
    second = warm_build(site, cache)
    assert 1 <= second["completed"] <= 14
    assert (cache / CACHE_FILE).read_bytes() == base
    delta = pickle.loads((cache / DELTA_FILE).read_bytes())
    assert 1 <= len(delta["entries"]) <= second["completed"]
    assert delta["base"] == pickle.loads(base)["serial"]
    # Both files give every page of the next build.
    assert warm_build(site, cache) == {"reused": pages, "completed": 0}
    assert tree(site.output) == cold_tree(tmp_path / "1", site)
    # A second edit adds its pages to the delta (this small site's pages
    # would pass the share a blog's thousands leave room for).
    monkeypatch.setattr(seo_cache, "DELTA_SHARE", 0.9)
    new_summary(site)
    third = warm_build(site, cache)
    assert (cache / CACHE_FILE).read_bytes() == base
    grown = pickle.loads((cache / DELTA_FILE).read_bytes())["entries"]
    assert len(grown) > len(delta["entries"])
    assert warm_build(site, cache) == {"reused": pages, "completed": 0}
    assert third["completed"] >= 1
    assert tree(site.output) == cold_tree(tmp_path / "2", site)


def test_a_delta_past_its_share_is_folded_into_the_cache_file(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    pages = warm_build(site, cache)["completed"]
    retitle(site)
    warm_build(site, cache)
    assert (cache / DELTA_FILE).exists()
    monkeypatch.setattr(seo_cache, "DELTA_SHARE", 0)
    new_summary(site)
    warm_build(site, cache)
    assert not (cache / DELTA_FILE).exists()
    stored = pickle.loads((cache / CACHE_FILE).read_bytes())
    assert len(stored["entries"]) == pages  # the last build's pages only
    assert warm_build(site, cache) == {"reused": pages, "completed": 0}
    assert tree(site.output) == cold_tree(tmp_path, site)


@pytest.mark.parametrize("damage", ["garbage", "another cache file"])
def test_a_delta_not_made_over_the_cache_file_there_is_not_read(
    tmp_path, damage, monkeypatch
):
    """A delta cut short, or made over a cache file another build has
    replaced since: the pages it held are completed again."""
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    pages = warm_build(site, cache)["completed"]
    retitle(site)
    completed = warm_build(site, cache)["completed"]
    if damage == "garbage":
        data = (cache / DELTA_FILE).read_bytes()
        (cache / DELTA_FILE).write_bytes(data[: len(data) // 2])
    else:
        stored = pickle.loads((cache / CACHE_FILE).read_bytes())
        stored["serial"] = "another build's"
        (cache / CACHE_FILE).write_bytes(pickle.dumps(stored))
    again = warm_build(site, cache)
    assert again == {"reused": pages - completed, "completed": completed}
    assert tree(site.output) == cold_tree(tmp_path, site)


def test_kept_pages_that_would_write_one_card_are_still_named(tmp_path, caplog):
    """Two pages whose cards would be one file (a pattern without {url} or
    {slug}) are reported on a rebuild whose heads all come from the cache
    too, with the documents' own source paths."""
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    one_file = {"PULLMARKETING_SHARE_CARD_SAVE_AS": "cards/{lang}.png"}
    warm_build(site, cache, **one_file)
    caplog.clear()
    caplog.set_level(logging.WARNING, logger="pelican_pullmarketing")
    second = warm_build(site, cache, **one_file)
    assert second["completed"] == 0 and second["reused"] > 20
    clashes = [
        r.getMessage() for r in caplog.records if "would both write" in r.getMessage()
    ]
    assert clashes, caplog.text
    assert any("thermostats.md" in m for m in clashes)


def test_without_the_content_cache_nothing_is_written(tmp_path):
    site = make_site(tmp_path / "site")
    site.build(**settings(CACHE_PATH=str(tmp_path / "cache")))
    assert not (tmp_path / "cache" / CACHE_FILE).exists()
    assert "seo_pages_cached" not in pm_build.last_report()


def test_the_cache_holds_no_gate_token(tmp_path):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    warm_build(site, cache)
    (token,) = [p.name for p in (site.output / "downloads").iterdir()]
    assert len(token) >= 16
    data = (cache / CACHE_FILE).read_bytes()
    assert token.encode() not in data
    stored = pickle.loads(data)
    assert stored["entries"]  # the other pages are kept


PELICANCONF = """
import re

def shout(text):
    return text.upper()

PATH = {content!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
SITEURL = "https://example.com"
SITENAME = "Example Firm"
TIMEZONE = "Europe/London"
PLUGINS = ["pelican_pullmarketing"]
THEME = "notmyidea"
JINJA_FILTERS = {{"shout": shout}}
SKIP_WORDS = {{"boiler", "pump", "heat", "noise", "radiator", "water"}}
SLUG_PATTERN = re.compile(r"[a-z]+", re.I)
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
STATIC_PATHS = ["images", "papers"]
PULLMARKETING_GATE = {{"provider": "formspree", "form_id": "xyzabcd"}}
PULLMARKETING_GATE_SECRET = "test-secret-for-tokens"
PULLMARKETING_PRIVACY_URL = "privacy/"
"""


def test_two_processes_share_the_cache(tmp_path):
    """Settings holding a function, a set and a regex give the same key in
    processes with different hash seeds: the second build reuses every
    page."""
    import subprocess
    import sys

    site = SiteBuilder(tmp_path / "site")
    write_content(site)
    cache = tmp_path / "cache"
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(
        PELICANCONF.format(
            content=str(site.content), output=str(site.output), cache=str(cache)
        ),
        encoding="utf-8",
    )
    stored = []
    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "-m", "pelican", "-s", str(conf), "-q"],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=tmp_path,
        )
        stored.append(pickle.loads((cache / CACHE_FILE).read_bytes()))
    assert stored[0]["entries"]
    assert stored[1]["build"] == stored[0]["build"]
    assert stored[1]["entries"].keys() == stored[0]["entries"].keys()


def reply(number: int, text: str) -> dict:
    return {
        "id": f"mastodon:{number}",
        "platform": "mastodon",
        "kind": "reply",
        "url": f"https://social.example/@alice/{number}",
        "author": {"name": "Alice", "url": "https://social.example/@alice"},
        "published": f"2024-06-1{number}T09:15:00Z",
        "html": f"<p>{text}</p>",
        "in_reply_to": None,
    }


def conversation_rebuild(tmp_path, first: list[dict], then: list[dict]):
    """A warm build with the committed conversation file holding ``first``
    (replies to thermostats.md), then one with ``then``: (the warm site,
    each build's counters, the cold build's tree with ``then``)."""
    import json

    warm = make_site(tmp_path / "warm")
    path = warm.content / "conversation.json"

    def write(entries: list[dict]) -> None:
        articles = {"thermostats.md": {"entries": entries}}
        path.write_text(
            json.dumps({"version": 1, "articles": articles}), encoding="utf-8"
        )

    write(first)
    cache = tmp_path / "cache"
    conversation = {"PULLMARKETING_CONVERSATION_FILE": str(path)}
    counts = [warm_build(warm, cache, **conversation)]
    write(then)
    touch(path)
    counts.append(warm_build(warm, cache, **conversation))
    cold = cold_tree(
        tmp_path,
        warm,
        PULLMARKETING_CONVERSATION_FILE=str(
            tmp_path / "cold" / "content" / "conversation.json"
        ),
    )
    return warm, counts, cold


def test_a_reply_added_to_the_conversation_completes_its_article_again(tmp_path, theme):
    """The article's JSON-LD counts and quotes its replies: a reply added to
    the committed conversation file (no document changed) is in the warm
    rebuild's head, as in a cold build's; that article's head is completed
    again, with the lists that show it."""
    first_reply = reply(1, "Where in the hall?")
    warm, (first, second), cold = conversation_rebuild(
        tmp_path, [first_reply], [first_reply, reply(2, "Away from the radiator.")]
    )
    assert tree(warm.output) == cold
    assert "Away from the radiator." in (warm.output / "thermostats.html").read_text(
        encoding="utf-8"
    )
    # The article's page and the lists that show it (their key covers each
    # listed document whole) are completed again; the rest are reused.
    assert 1 <= second["completed"] <= 14, (first, second)
    assert second["reused"] == first["completed"] - second["completed"], second


@pytest.mark.parametrize(
    "edit",
    [
        {"html": "<p>Where exactly in the hall?</p>"},
        {"author": {"name": "Alice B.", "url": "https://social.example/@alice"}},
        {"author": {"name": "Alice", "url": "https://social.example/@alice2"}},
        {"published": "2024-06-12T10:00:00Z"},
        {"url": "https://social.example/@alice/99"},
    ],
    ids=["text", "author", "author url", "date", "url"],
)
def test_a_reply_edited_completes_its_article_again(tmp_path, edit):
    """Each field of a reply the article's JSON-LD quotes is in the key (the
    key takes the conversation's jsonld_inputs, not the JSON-LD itself)."""
    first_reply = reply(1, "Where in the hall?")
    warm, (_, second), cold = conversation_rebuild(
        tmp_path, [first_reply], [{**first_reply, **edit}]
    )
    assert tree(warm.output) == cold
    assert second["completed"] >= 1, second


def test_a_warm_rebuild_of_a_bilingual_blog_writes_what_a_cold_build_writes(tmp_path):
    """i18n_subsites builds each language's site inside the main site's run:
    each keeps its own heads in the cache, and an article retitled in one
    language changes that language's pages and its translation's alternates
    exactly as a cold build does."""
    subsites = pytest.importorskip("pelican.plugins.i18n_subsites.i18n_subsites")
    from tests.blogs import build_blog, copy_blog

    blog = copy_blog("bilingual_subsites", tmp_path / "warm")
    cache = tmp_path / "cache"
    cached = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(cache),
        "PLUGINS": ["i18n_subsites", "pelican_pullmarketing"],
    }
    subsites._MAIN_SETTINGS = None
    try:
        build_blog(blog, "publishconf.py", **cached)
        first = pm_build.last_report().get("seo_pages_completed", -1)
        article = blog / "content" / "articles" / "tubeless-setup-fr.md"
        text = article.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("Title:"))
        rewrite(article, title, title + " (mise à jour)")
        warm_out = build_blog(blog, "publishconf.py", **cached)
        report = pm_build.last_report()
        cold = copy_blog("bilingual_subsites", tmp_path / "cold")
        shutil.copytree(blog / "content", cold / "content", dirs_exist_ok=True)
        cold_out = build_blog(
            cold, "publishconf.py", PLUGINS=["i18n_subsites", "pelican_pullmarketing"]
        )
    finally:
        subsites._MAIN_SETTINGS = None
    assert first > 0
    assert tree(warm_out) == tree(cold_out)
    assert report.get("seo_pages_cached", 0) > 0, report


def commit(repo: Path, when: str, message: str) -> None:
    """Commit everything in ``repo`` at ``when`` (author and committer)."""
    from tests.blogs import git

    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def test_a_commit_that_dates_an_article_completes_it_again(tmp_path, theme):
    """With PULLMARKETING_LASTMOD_FROM_GIT, an article without ``modified``
    metadata is dated by its last commit (article:modified_time, JSON-LD
    dateModified): a later commit of the article gives the warm rebuild the
    head a cold build writes."""
    import subprocess

    warm = make_site(tmp_path / "warm")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=warm.root, check=True)
    commit(warm.root, "2024-06-11T10:00:00Z", "first")
    cache = tmp_path / "cache"
    dated = {"PULLMARKETING_LASTMOD_FROM_GIT": True, "TIMEZONE": "UTC"}
    warm_build(warm, cache, **dated)
    rewrite(warm.content / "thermostats.md", "Where to put", "Where best to put")
    commit(warm.root, "2024-09-02T10:00:00Z", "second")
    second = warm_build(warm, cache, **dated)
    page = (warm.output / "thermostats.html").read_text(encoding="utf-8")
    assert "2024-09-02" in page
    cold = tmp_path / "cold-repo"
    shutil.copytree(warm.root, cold, ignore=shutil.ignore_patterns("output"))
    cold_site = SiteBuilder(cold)
    cold_site.build(**settings(**dated))
    assert tree(warm.output) == tree(cold_site.output)
    assert second["reused"] > 0, second
