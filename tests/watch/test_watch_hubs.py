"""Hubs as lenses: "Worth reading elsewhere" on topic hubs, from the
committed watch file, with the network unplugged."""

from __future__ import annotations

import json
import socket

import html5lib
import pytest
from watch_support import TOPICS, run, watch_entries, write_firm_site, write_settings

import pelican_pullmarketing
from pelican_pullmarketing.errors import BuildFailed

NS = {"h": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def watched_site(site, feed_server):
    """The firm's site with watch.json fetched from the loopback server, which
    is then shut: builds must not need it."""
    write_firm_site(site)
    entries = watch_entries(feed_server)[:4]
    settings = write_settings(site, entries, PULLMARKETING_TOPICS=TOPICS)
    assert run("watch", "fetch", "--settings", settings).exit_code == 0
    site.entries = entries
    return site


@pytest.fixture
def unplugged(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"the build tried to connect: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def build(site, **settings):
    return site.build(
        PULLMARKETING_TOPICS=TOPICS,
        PULLMARKETING_WATCH=site.entries,
        THEME=pelican_pullmarketing.theme_path(),
        **settings,
    )


def elsewhere(site, slug: str) -> list[tuple[str, str, str, str, str]]:
    doc = html5lib.parse(site.read(f"topics/{slug}/index.html"))
    section = doc.find(".//h:section[@aria-labelledby='elsewhere-title']", NS)
    if section is None:
        return []
    found = []
    for li in section.findall(".//h:li", NS):
        a = li.find("h:a", NS)
        source = li.find("h:span", NS)
        when = li.find("h:time", NS)
        found.append((a.text, a.get("href"), a.get("rel"), source.text, when.text))
    return found


def outputs(folder) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_hubs_show_recent_items_of_their_shown_feeds(watched_site, unplugged):
    build(watched_site, PULLMARKETING_WATCH_ON_HUBS=2)
    assert elsewhere(watched_site, "heat-pumps") == [
        (
            "Heat pump noise rules relaxed for terraced homes",
            "https://heatingtrade.example/news/heat-pump-noise-rules",
            "noopener",
            "Heating Trade Weekly",
            "2026-11-28",
        ),
        (
            "How loud is an air source heat pump at night?",
            "https://homeownersforum.example/t/501",
            "noopener",
            "Homeowners Forum: Heating",
            "2026-11-27",
        ),
    ]
    # the competitor's feed is watched for the report but not shown
    assert elsewhere(watched_site, "boilers") == [
        (
            "Heat pump noise rules relaxed for terraced homes",
            "https://heatingtrade.example/news/heat-pump-noise-rules",
            "noopener",
            "Heating Trade Weekly",
            "2026-11-28",
        ),
        (
            "Hydrogen boilers trial ends early",
            "https://heatingtrade.example/news/hydrogen-trial-ends",
            "noopener",
            "Heating Trade Weekly",
            "2026-11-20",
        ),
    ]
    assert elsewhere(watched_site, "plumbing") == []
    assert "Worth reading elsewhere" not in watched_site.read(
        "topics/plumbing/index.html"
    )


def test_builds_are_byte_identical_without_network(watched_site, unplugged):
    first = outputs(build(watched_site, PULLMARKETING_WATCH_ON_HUBS=3))
    second = outputs(build(watched_site, PULLMARKETING_WATCH_ON_HUBS=3))
    assert first == second
    assert b"Worth reading elsewhere" in first["topics/heat-pumps/index.html"]


def test_off_by_default_the_watch_changes_nothing_in_the_output(
    watched_site, unplugged
):
    watching = outputs(build(watched_site))
    plain = outputs(
        watched_site.build(
            PULLMARKETING_TOPICS=TOPICS, THEME=pelican_pullmarketing.theme_path()
        )
    )
    assert watching == plain
    assert not any(b"Worth reading elsewhere" in data for data in watching.values())


def test_other_themes_get_the_plugins_hub_block_escaped(watched_site, unplugged):
    path = watched_site.content / "watch.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["items"][1]["title"] = "Noise <script>alert(1)</script> & rules"
    data["items"].append(
        dict(data["items"][2], id="x", link="javascript:alert(1)", title="Sneaky")
    )
    path.write_text(json.dumps(data), encoding="utf-8")
    watched_site.build(
        PULLMARKETING_TOPICS=TOPICS,
        PULLMARKETING_WATCH=watched_site.entries,
        PULLMARKETING_WATCH_ON_HUBS=5,
    )
    page = watched_site.read("topics/heat-pumps/index.html")
    assert "Noise &lt;script&gt;alert(1)&lt;/script&gt; &amp; rules" in page
    assert "javascript:" not in page and "Sneaky" not in page
    doc = html5lib.parse(page)
    section = doc.find(".//h:section[@class='pm-topic-elsewhere']", NS)
    links = [(a.get("href"), a.get("rel")) for a in section.findall(".//h:a", NS)]
    assert links[0] == (
        "https://heatingtrade.example/news/heat-pump-noise-rules",
        "noopener",
    )
    assert len(links) == 5  # of the six items of the magazine and the forum


def test_a_missing_watch_file_is_a_warning_not_an_error(
    watched_site, unplugged, caplog
):
    (watched_site.content / "watch.json").unlink()
    build(watched_site, PULLMARKETING_WATCH_ON_HUBS=2)
    assert "does not exist yet: run `pullmarketing watch fetch`" in caplog.text
    assert elsewhere(watched_site, "heat-pumps") == []


def test_bad_watch_settings_stop_the_build_before_anything_is_written(site):
    write_firm_site(site)
    with pytest.raises(BuildFailed) as caught:
        site.build(
            PULLMARKETING_TOPICS=TOPICS,
            PULLMARKETING_WATCH=[
                {"url": "https://a.example/feed", "topics": ["heatpumps"]}
            ],
            PULLMARKETING_WATCH_ON_HUBS=-1,
        )
    message = str(caught.value)
    assert (
        "PULLMARKETING_WATCH_ON_HUBS: invalid value (given -1; expected a whole number >= 0)"
        in message
    )
    assert not site.output.exists()
    with pytest.raises(BuildFailed) as caught:
        site.build(
            PULLMARKETING_TOPICS=TOPICS,
            PULLMARKETING_WATCH=[
                {"url": "https://a.example/feed", "topics": ["heatpumps"]}
            ],
        )
    assert (
        "PULLMARKETING_WATCH[0]['topics']: unknown topic; did you mean 'heat-pumps'? "
        "(given 'heatpumps'; expected a slug of PULLMARKETING_TOPICS: boilers, "
        "heat-pumps, plumbing)" in str(caught.value)
    )
    assert not site.output.exists()


def test_category_pages_of_automatic_topics_show_items_too(watched_site, unplugged):
    entries = [
        dict(e, topics=["heat-pumps"])
        for e in watched_site.entries
        if isinstance(e, dict)
    ]
    watched_site.build(
        PULLMARKETING_WATCH=entries,
        PULLMARKETING_WATCH_ON_HUBS=1,
        THEME=pelican_pullmarketing.theme_path(),
    )
    doc = html5lib.parse(watched_site.read("category/heat-pumps.html"))
    section = doc.find(".//h:section[@aria-labelledby='elsewhere-title']", NS)
    links = [a.get("href") for a in section.findall(".//h:a", NS)]
    assert links == ["https://heatingtrade.example/news/heat-pump-noise-rules"]
    assert "elsewhere-title" not in watched_site.read("category/boilers.html")


def test_only_a_hubs_first_page_lists_items_from_elsewhere(watched_site, unplugged):
    for n in range(3):
        watched_site.article(
            f"heat-pump-note-{n}",
            "Notes.",
            category="Heat pumps",
            date=f"2026-10-1{n} 10:00",
        )
    build(watched_site, PULLMARKETING_WATCH_ON_HUBS=2, PULLMARKETING_TOPIC_PAGINATION=2)
    assert len(elsewhere(watched_site, "heat-pumps")) == 2
    second = watched_site.read("topics/heat-pumps/index2.html")
    assert "Worth reading elsewhere" not in second
