"""The sample site cross-posts several articles to several targets."""

from __future__ import annotations

import json
from pathlib import Path

from pelican.settings import read_settings

from pelican_pullmarketing.crosspost.targets import PLATFORMS

SAMPLE_SITE = Path(__file__).resolve().parents[2] / "sample_site"


def test_sample_site_manifest_covers_several_articles_and_targets(
    site, tmp_path, quiet_pelican
):
    settings = read_settings(str(SAMPLE_SITE / "pelicanconf.py"))
    overrides = {
        k: v
        for k, v in settings.items()
        if k.startswith("PULLMARKETING_") or k in ("PLUGINS", "THEME")
    }
    overrides.update(
        PATH=str(SAMPLE_SITE / "content"),
        OUTPUT_PATH=str(tmp_path / "out"),
        SITEURL="https://harbourheating.example",
        RELATIVE_URLS=False,
        STATIC_PATHS=settings["STATIC_PATHS"],
        ARTICLE_PATHS=settings["ARTICLE_PATHS"],
        PAGE_PATHS=settings["PAGE_PATHS"],
        ARTICLE_URL=settings["ARTICLE_URL"],
        ARTICLE_SAVE_AS=settings["ARTICLE_SAVE_AS"],
        PULLMARKETING_CROSSPOST_STATE=str(tmp_path / "state.json"),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
    )
    assert set(settings["PULLMARKETING_CROSSPOST_TARGETS"]) == set(PLATFORMS)
    site.build(**overrides)
    manifest = json.loads(
        (tmp_path / "out" / "crosspost" / "manifest.json").read_text()
    )
    entries = manifest["entries"]
    sources = {e["source"] for e in entries}
    targets = {e["target"] for e in entries}
    assert len(sources) >= 3 and len(targets) >= 5
    assert all(e["ok"] for e in entries), [
        (e["id"], [c for c in e["checks"] if not c["ok"]])
        for e in entries
        if not e["ok"]
    ]
    assert all(
        e["canonical_url"].startswith("https://harbourheating.example/")
        for e in entries
    )
