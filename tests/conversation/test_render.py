"""The conversation rendered under the article by real Pelican builds: the
bundled theme, another theme including the partial, JSON-LD counts, hidden
entries, hostile replies, and a site without a conversation file."""

from __future__ import annotations

import json
import re

import html5lib
import mf2py
import pytest
from fakeapis import ARTICLE_URL, BSKY_RKEY, DEV_ID, MASTODON_ID

from pelican_pullmarketing import theme_path
from pelican_pullmarketing.conversation import fetch, store
from pelican_pullmarketing.conversation.sources import Copy

NS = "{http://www.w3.org/1999/xhtml}"
PAGE = "2024/boiler-service/index.html"
BOB = "https://social.example/@bob"
SETTINGS = {
    "ARTICLE_URL": "{date:%Y}/{slug}/",
    "ARTICLE_SAVE_AS": "{date:%Y}/{slug}/index.html",
    "THEME": theme_path(),
    "PULLMARKETING_CONVERSATION_HIDE": [BOB],
    "PULLMARKETING_WEBMENTION_ENDPOINT": "https://webmention.io/example.com/webmention",
}
COPIES = (
    Copy("mastodon", f"https://mastodon.example/@harbour/{MASTODON_ID}", MASTODON_ID),
    Copy(
        "bluesky", f"https://bsky.app/profile/harbourheating.example/post/{BSKY_RKEY}"
    ),
    Copy("devto", "https://dev.to/harbour/boiler-service-1abc", str(DEV_ID)),
    Copy("webmention", ARTICLE_URL),
)


@pytest.fixture
def fetched(fake_apis, site):
    """The conversation file a real fetch writes from the fakes."""
    data = store.empty()
    http = fetch.make_http(timeout=5)
    try:
        fetch.fetch_all(
            [fetch.ArticleRef("boiler-service.md", ARTICLE_URL, "Boiler", COPIES)],
            data,
            http,
            fake_apis.env(),
        )
    finally:
        http.close()
    store.save(str(site.content / "conversation.json"), data)
    site.article(
        "boiler-service",
        "How often should a boiler be serviced?",
        syndication=", ".join(c.url for c in COPIES[:3]),
    )
    site.article("heat-pumps", "No replies yet.", syndication=COPIES[1].url)
    site.article("quiet", "Nobody copied this one.")
    return data


def section(html: str):
    doc = html5lib.parse(html)
    found = [el for el in doc.iter(f"{NS}section") if el.get("id") == "conversation"]
    return found[0] if found else None


def blogposting(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    graph = json.loads(block.group(1))
    return next(n for n in graph["@graph"] if n["@type"] == "BlogPosting")


def visible_replies(data: dict) -> list[dict]:
    return [
        e
        for e in data["articles"]["boiler-service.md"]["entries"]
        if e["kind"] == "reply" and e["author"]["url"] != BOB and not e.get("removed")
    ]


def test_the_bundled_theme_shows_the_threaded_conversation(
    site, quiet_pelican, fetched
):
    site.build(**SETTINGS)
    html = site.read(PAGE)
    conv = section(html)
    assert conv is not None
    counts = [
        "".join(li.itertext())
        for li in conv.iter(f"{NS}li")
        if "conversation__count" in li.get("class", "")
    ]
    assert counts == [
        "Mastodon: 3 replies · 7 likes · 2 reposts",
        "Bluesky: 1 reply · 11 likes · 4 reposts",
        "DEV: 2 replies · 9 likes · 0 reposts",
        "Webmention: 1 reply · 1 like · 0 reposts",
    ]
    # Threaded: the firm's answer hangs under Alice's question.
    items = mf2py.parse(doc=html, url=ARTICLE_URL)["items"]
    entry = next(i for i in items if "h-entry" in i["type"])
    comments = entry["properties"]["comment"]
    alice = next(
        c
        for c in comments
        if c["properties"]["author"][0]["properties"]["name"] == ["Alice Moss"]
    )
    assert alice["type"] == ["h-cite"]
    assert alice["properties"]["url"] == ["https://social.example/@alice/2001"]
    (answer,) = (
        alice["children"] if "children" in alice else alice["properties"]["comment"]
    )
    assert answer["properties"]["author"][0]["properties"]["name"] == [
        "Harbour Heating"
    ]
    # Reply-on links to each copy.
    links = [
        a.get("href")
        for a in conv.iter(f"{NS}a")
        if "".join(a.itertext()).startswith("Reply on")
    ]
    assert links == [c.url for c in COPIES[:3]]


def test_hidden_entries_stay_in_the_file_and_leave_the_page_and_json_ld(
    site, quiet_pelican, fetched
):
    site.build(**SETTINGS)
    html = site.read(PAGE)
    assert "My engineer never turned up" not in html
    assert "Bob Reed" not in html
    stored = json.loads((site.content / "conversation.json").read_text())
    assert any(
        e["author"]["url"] == BOB
        for e in stored["articles"]["boiler-service.md"]["entries"]
    )


def test_json_ld_counts_match_the_file(site, quiet_pelican, fetched):
    site.build(**SETTINGS)
    node = blogposting(site.read(PAGE))
    replies = visible_replies(fetched)
    assert len(node["comment"]) == len(replies) == 7
    assert {c["url"] for c in node["comment"]} == {e["url"] for e in replies}
    copies = fetched["articles"]["boiler-service.md"]["copies"].values()
    likes = sum(
        c["counts"].get("likes", 0) for c in copies if c["platform"] != "webmention"
    )
    reposts = sum(
        c["counts"].get("reposts", 0) for c in copies if c["platform"] != "webmention"
    )
    webmention_likes = sum(
        1
        for e in fetched["articles"]["boiler-service.md"]["entries"]
        if e["kind"] == "like"
    )
    stats = {
        s["interactionType"]: s["userInteractionCount"]
        for s in node["interactionStatistic"]
    }
    assert stats == {
        "https://schema.org/CommentAction": len(replies),
        "https://schema.org/LikeAction": likes + webmention_likes,
        "https://schema.org/ShareAction": reposts,
    }


def test_a_hostile_reply_renders_harmless(site, quiet_pelican, fetched):
    site.build(**SETTINGS)
    html = site.read(PAGE)
    conv = section(html)
    assert not list(conv.iter(f"{NS}script")) and not list(conv.iter(f"{NS}img"))
    assert not list(conv.iter(f"{NS}iframe"))
    for el in conv.iter():
        assert not [a for a in el.attrib if a.lower().startswith("on") or a == "style"]
    for a in conv.iter(f"{NS}a"):
        assert a.get("href", "").startswith("https://"), a.get("href")
    # The name is text, and its profile link (javascript:) is dropped.
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in html
    assert "javascript:" not in html
    assert "tracker.example" not in html and "files.example" not in html


def test_articles_without_conversation_show_only_reply_on_links(
    site, quiet_pelican, fetched
):
    site.build(**SETTINGS)
    conv = section(site.read("2024/heat-pumps/index.html"))
    assert [("".join(a.itertext()), a.get("href")) for a in conv.iter(f"{NS}a")] == [
        ("Reply on Bluesky", COPIES[1].url)
    ]
    assert not [li for li in conv.iter(f"{NS}li") if "p-comment" in li.get("class", "")]
    assert section(site.read("2024/quiet/index.html")) is None


def test_every_page_advertises_the_webmention_endpoint(site, quiet_pelican, fetched):
    site.build(**SETTINGS)
    tag = '<link rel="webmention" href="https://webmention.io/example.com/webmention">'
    for page in (PAGE, "index.html", "2024/quiet/index.html"):
        assert site.read(page).count(tag) == 1, page


def test_without_a_conversation_file_nothing_is_read(site, quiet_pelican, monkeypatch):
    site.article("quiet", "Nobody replied.")

    def never(path):  # pragma: no cover - the assertion is that it is not called
        raise AssertionError("conversation file read")

    monkeypatch.setattr(store, "load", never)
    site.build(**SETTINGS)
    assert section(site.read("2024/quiet/index.html")) is None
    assert '"comment"' not in site.read("2024/quiet/index.html")


def test_any_theme_can_include_the_partial(site, quiet_pelican, fetched, tmp_path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "article.html").write_text(
        '{% extends "!simple/article.html" %}{% block content %}{{ super() }}'
        '<div class="h-entry">{% include "conversation.html" %}</div>{% endblock %}',
        encoding="utf-8",
    )
    settings = dict(
        SETTINGS, THEME="simple", THEME_TEMPLATES_OVERRIDES=[str(overrides)]
    )
    site.build(**settings)
    html = site.read(PAGE)
    conv = section(html)
    assert conv is not None
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in html and "<script>alert" not in html
    assert html.count('<link rel="webmention"') == 1
    assert len(blogposting(html)["comment"]) == 7


def test_two_builds_are_byte_identical(site, quiet_pelican, fetched):
    first = site.build(**SETTINGS)
    page = (first / PAGE).read_bytes()
    site.build(**SETTINGS)
    assert (site.output / PAGE).read_bytes() == page


def test_reply_on_links_come_from_the_file_too(site, quiet_pelican, fetched):
    # The article names no copy: the conversation file's copies are linked.
    site.article("boiler-service", "How often should a boiler be serviced?")
    data = json.loads((site.content / "conversation.json").read_text())
    data["articles"]["boiler-service.md"]["copies"][COPIES[2].url]["status"] = "gone"
    (site.content / "conversation.json").write_text(json.dumps(data))
    site.build(**SETTINGS)
    conv = section(site.read(PAGE))
    links = [
        a.get("href")
        for a in conv.iter(f"{NS}a")
        if "".join(a.itertext()).startswith("Reply on")
    ]
    assert links == [COPIES[0].url, COPIES[1].url]  # DEV's copy is gone


def test_a_hand_edited_file_is_sanitised_when_rendered(site, quiet_pelican):
    # The file is committed: whatever it holds, the page stays harmless.
    hostile = {
        "id": "mastodon:x",
        "platform": "mastodon",
        "kind": "reply",
        "copy": "https://m.example/@f/1",
        "url": "javascript:alert(1)",
        "author": {"name": "<script>alert(2)</script>", "url": "data:text/html,x"},
        "published": "2024-03-05T10:00:00Z",
        "html": '<p onclick="x()">hi<script>alert(3)</script><img src="https://t.example/p.gif">'
        '<a href="javascript:alert(4)">link</a></p>' + "<p>long " * 5000,
        "in_reply_to": None,
    }
    record = {"url": ARTICLE_URL, "copies": {}, "entries": [hostile]}
    (site.content / "conversation.json").write_text(
        json.dumps({"version": 1, "articles": {"boiler-service.md": record}})
    )
    site.article("boiler-service", "Text.")
    site.build(**SETTINGS)
    html = site.read(PAGE)
    conv = section(html)
    assert not list(conv.iter(f"{NS}script")) and not list(conv.iter(f"{NS}img"))
    assert "alert(" not in "".join(conv.itertext()).replace(
        "<script>alert(2)</script>", ""
    )
    assert (
        "javascript:" not in html
        and "data:text" not in html
        and "t.example" not in html
    )
    (reply,) = [li for li in conv.iter(f"{NS}li") if "p-comment" in li.get("class", "")]
    assert len("".join(reply.itertext())) < 3_500  # bounded


def test_a_long_chain_is_nested_four_levels_deep_in_order():
    from pelican_pullmarketing.conversation import render

    entries = [
        {
            "id": f"m:{i}",
            "platform": "mastodon",
            "kind": "reply",
            "url": f"https://s.example/{i}",
            "author": {"name": f"R {i}", "url": f"https://s.example/@{i}"},
            "published": f"2024-03-0{1 + i}T10:00:00Z",
            "html": f"<p>{i}</p>",
            "in_reply_to": f"m:{i - 1}" if i else None,
        }
        for i in range(7)
    ]
    ctx = render.RenderContext.of(store.empty(), {})
    conv = render.conversation({"entries": entries, "copies": {}}, ctx)

    def shape(replies):
        return [(r.author, shape(r.children)) for r in replies]

    assert shape(conv.replies) == [
        (
            "R 0",
            [("R 1", [("R 2", [("R 3", []), ("R 4", []), ("R 5", []), ("R 6", [])])])],
        )
    ]
    assert (
        conv.count == 7
        and conv.jsonld["interactionStatistic"][0]["userInteractionCount"] == 7
    )


def test_a_conversation_file_that_is_not_ours_stops_the_build_before_writing(
    site, quiet_pelican
):
    from pelican_pullmarketing.errors import BuildFailed

    site.write("conversation.json", '{"version": 1, "articles": []}')
    site.article("boiler-service", "How often should a boiler be serviced?")
    with pytest.raises(BuildFailed) as stopped:
        site.build(**SETTINGS)
    message = str(stopped.value)
    assert "conversation.json" in message
    assert "invalid conversation file" in message
    assert not list(site.output.rglob("*.html"))


def test_what_an_article_shows_keeps_no_string_of_the_parsed_file():
    # The file's records are dropped after every article has its
    # conversation: one of their strings kept by a reply keeps the memory
    # around it (63 MB of records at 40,000 replies) from going back.
    import sys

    from pelican_pullmarketing.conversation import render

    text = json.dumps(
        {
            "entries": [
                {
                    "id": f"m:{i}",
                    "platform": "mastodon" if i % 2 else "unknown-platform",
                    "kind": "reply",
                    "url": f"https://s.example/@r{i}/{i}",
                    "author": {
                        "name": f"Reader {i}",
                        "url": f"https://s.example/@r{i}",
                    },
                    "published": f"2024-03-0{1 + i}T10:00:00Z" if i else "soon",
                    "html": f"<p>Reply {i}</p>",
                    "in_reply_to": None,
                }
                for i in range(4)
            ],
            "copies": {
                "https://mastodon.example/@firm/1": {
                    "platform": "mastodon",
                    "url": "https://mastodon.example/@firm/1",
                    "account": "https://mastodon.example/@firm",
                    "counts": {"likes": 3, "replies": 4, "reposts": 1},
                    "status": "ok",
                }
            },
        }
    )
    record = json.loads(text)
    strings = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(record)
    before = [sys.getrefcount(s) for s in strings]
    ctx = render.RenderContext.of({"articles": {"a.md": record}}, {})
    conv = render.conversation(record, ctx)
    assert (
        conv.count == 4 and [r.url for r in conv.flat][0] == "https://s.example/@r0/0"
    )
    assert [r.published for r in conv.flat] == [
        "soon",
        "2024-03-02T10:00:00Z",
        "2024-03-03T10:00:00Z",
        "2024-03-04T10:00:00Z",
    ] and conv.flat[0].date == "soon"
    assert [link.url for link in conv.reply_on] == ["https://mastodon.example/@firm/1"]
    after = [sys.getrefcount(s) for s in strings]
    kept = [s for s, n, m in zip(strings, before, after, strict=True) if m != n]
    assert kept == []


def test_an_article_lets_its_conversation_go_once_its_page_is_written(
    site, quiet_pelican, fetched
):
    # Only the article's own page shows its conversation: kept for every
    # article until the build ends, it was 31 MB of the peak at 40,000
    # replies. The page still shows it, with its JSON-LD.
    from tests.conftest import plugin_module

    seen = {}

    def record(generators):
        seen["articles"] = [
            a for g in generators for a in getattr(g, "articles", None) or ()
        ]

    def written(path, context):
        article = context.get("article")
        if article is not None:
            seen.setdefault("while_written", {})[article.slug] = (
                getattr(article, "pm_conversation", None) is not None
            )

    plugin = plugin_module(
        "probe", all_generators_finalized=record, content_written=written
    )
    site.build(**SETTINGS, PLUGINS=["pelican_pullmarketing", plugin])
    html = site.read(PAGE)
    assert section(html) is not None and len(blogposting(html)["comment"]) == 7
    # Held while the page is written (a receiver listed after ours sees it) ...
    assert seen["while_written"]["boiler-service"] is True
    # ... and let go after.
    boiler = next(a for a in seen["articles"] if a.slug == "boiler-service")
    assert getattr(boiler, "pm_conversation", None) is None


def test_release_comes_after_receivers_connected_since_an_earlier_build(
    site, quiet_pelican, fetched
):
    # A process that builds again (autoreload, a script) keeps release
    # connected from the build before; a plugin loaded since must still see
    # the conversation of the page written.
    import types

    from pelican import signals
    from pelican_pullmarketing.conversation import plugin as conversation_plugin

    seen = {}

    def written(path, context):
        article = context.get("article")
        if article is not None and article.slug == "boiler-service":
            seen["held"] = getattr(article, "pm_conversation", None) is not None

    def register():
        signals.content_written.connect(conversation_plugin.release)  # left over
        signals.content_written.connect(written)

    probe = types.ModuleType("probe")
    probe.register = register
    probe.written = written
    site.build(**SETTINGS, PLUGINS=["pelican_pullmarketing", probe])
    assert seen == {"held": True}
