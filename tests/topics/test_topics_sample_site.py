"""The sample firm's site: three topics, each with a hub page and feeds that
pass the checks, published under its real address."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pelican.settings import read_settings
from topics_support import check_json_feed, feed_paths, parse_feed, parse_xml

from pelican import Pelican

SAMPLE_SITE = Path(__file__).resolve().parents[2] / "sample_site"
SITEURL = "https://harbourheating.example"


def test_sample_site_topics_hubs_and_feeds(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLE_SITE)
    settings = read_settings(
        str(SAMPLE_SITE / "pelicanconf.py"),
        override={
            "OUTPUT_PATH": str(tmp_path / "out"),
            "SITEURL": SITEURL,
            "RELATIVE_URLS": False,
            # The topics feature alone: the other features' checks are theirs.
            "PLUGINS": ["pelican_pullmarketing.topics"],
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        },
    )
    topics = settings["PULLMARKETING_TOPICS"]
    assert len(topics) >= 3
    Pelican(settings).run()  # signals are cleaned by the autouse fixture
    out = tmp_path / "out"
    for slug, topic in topics.items():
        hub = (out / f"topics/{slug}/index.html").read_text(encoding="utf-8")
        assert topic["title"] in hub
        assert topic["description"] in hub
    paths = feed_paths(out)
    assert len(paths) == 3 * len(topics)
    for path in paths:
        if path.suffix == ".json":
            doc = check_json_feed(path)
            assert doc["items"], path
            assert all(
                i["id"].startswith("tag:harbourheating.example,") for i in doc["items"]
            )
        else:
            parse_xml(path)
            parsed = parse_feed(path)
            assert parsed.entries, path
            for entry in parsed.entries:
                assert entry.link.startswith(SITEURL + "/")
                assert entry.id.startswith("tag:harbourheating.example,")
    opml = parse_xml(out / "subscribe/topics.opml")
    assert len(opml.findall("body/outline")) == len(topics)
    subscribe = (out / "subscribe/index.html").read_text(encoding="utf-8")
    for topic in topics.values():
        assert topic["title"] in subscribe
    assert os.path.isfile(out / "topics/heat-pumps/feed.json")
    # Hidden and draft articles of the sample stay out.
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        assert "heat-pump-open-day" not in raw and "hydrogen-ready-boilers" not in raw
    assert json.loads((out / "topics/plumbing/feed.json").read_text())["hubs"]
