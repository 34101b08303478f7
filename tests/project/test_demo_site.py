"""`make demo` builds the sample site with sample_site/democonf.py: the site as
published, at http://127.0.0.1:PORT, with no warning for the sample site's own
configuration. Built the way the Makefile builds it, in a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import html5lib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SITE = ROOT / "sample_site"
PORT = "8765"
SITE = f"http://127.0.0.1:{PORT}"
TOPICS = ("boilers", "heat-pumps", "plumbing")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "output"
    env = dict(os.environ, DEMO_PORT=PORT, COLUMNS="200")
    env.pop("SITEURL", None)
    env.pop("PULLMARKETING_GATE_SECRET", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "content"]
        + ["--settings", "democonf.py", "--output", str(out)],
        cwd=SAMPLE_SITE,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out, proc.stdout + proc.stderr


def test_the_demo_build_prints_no_warning(demo):
    _, log = demo
    assert "WARNING" not in log and "ERROR" not in log, log
    assert "Done: Processed" in log


def test_the_sitemap_and_robots_txt_carry_the_demo_address(demo):
    out, _ = demo
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}/</loc>" in sitemap
    assert f"<loc>{SITE}/2024/boiler-service-bristol/</loc>" in sitemap
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def test_site_and_topic_feeds_are_written_with_absolute_links(demo):
    out, _ = demo
    site_feed = (out / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert f'href="{SITE}/2024/boiler-service-bristol/"' in site_feed
    for topic in TOPICS:
        for name in ("atom.xml", "rss.xml", "feed.json"):
            text = (out / "topics" / topic / name).read_text(encoding="utf-8")
            assert f"{SITE}/topics/{topic}/{name}" in text, (topic, name)
    assert (out / "subscribe" / "topics.opml").is_file()


def test_the_subscribe_page_has_its_reader_buttons(demo):
    out, _ = demo
    doc = html5lib.parse(
        (out / "subscribe" / "index.html").read_text(encoding="utf-8"),
        namespaceHTMLElements=False,
    )
    links = {a.get("href") for a in doc.iter("a")}
    for topic in TOPICS:
        feed = quote(f"{SITE}/topics/{topic}/atom.xml", safe="")
        assert f"https://feedly.com/i/subscription/feed/{feed}" in links, topic


def test_cross_posting_previews_link_back_to_the_demo_site(demo):
    out, _ = demo
    manifest = json.loads((out / "crosspost" / "manifest.json").read_text("utf-8"))
    entries = manifest["entries"]
    assert entries
    assert all(e["ok"] for e in entries), [e["id"] for e in entries if not e["ok"]]
    assert all(e["canonical_url"].startswith(f"{SITE}/") for e in entries)


def test_the_gated_paper_has_its_thank_you_page(demo):
    out, _ = demo
    thanks = list((out / "downloads").glob("*/index.html"))
    assert len(thanks) == 1
    assert list((out / "downloads").glob("*/heat-pump-guide.pdf"))
