"""Properties of the functions that make text for output, for any Unicode
string (Hypothesis): escaped for their context, text kept, never cut inside
a grapheme cluster, a surrogate pair or an entity."""

from __future__ import annotations

import html
import json
import re
from types import SimpleNamespace

import feedparser
import pytest
from hostile_support import has_forbidden, parse_html, strict_xml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pelican_pullmarketing import text
from pelican_pullmarketing.crosspost import shortpost
from pelican_pullmarketing.errors import SettingsError
from pelican_pullmarketing.seo import jsonld
from pelican_pullmarketing.seo.head import _meta
from pelican_pullmarketing.topics import feeds, model

# Any text: every code point but lone surrogates (a str from a UTF-8 file
# cannot hold one), with the hostile pieces and clusters drawn more often.
PIECES = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<!--",
        "]]>",
        "&amp;",
        "&lt;b&gt;",
        '"',
        "'",
        "\\",
        "\x00",
        "\u2028",
        "\u202e",
        "e\u0301",
        "\U0001f44d\U0001f3fd",
        "\U0001f469\u200d\U0001f4bb",
        " ",
        "&",
    ]
)
ANY_TEXT = st.lists(
    st.one_of(st.text(st.characters(exclude_categories=("Cs",))), PIECES),
    max_size=30,
).map("".join)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(ANY_TEXT, st.integers(min_value=0, max_value=200))
@example("a" * 10 + "\U0001f44d\U0001f3fd" * 5, 12)
@example("e\u0301" * 30, 10)
def test_truncate_keeps_whole_clusters_within_the_limit(value, limit):
    cut = text.truncate(value, limit)
    folded = " ".join(value.split())
    assert text.grapheme_count(cut) <= max(limit, 0) or cut == folded == ""
    if cut == folded:
        return
    assert cut.endswith(text.ELLIPSIS) or cut == ""
    head = cut[: -len(text.ELLIPSIS)] if cut else ""
    # a prefix of whole clusters of the text: nothing cut inside one
    assert folded.startswith(head)
    clusters = text.graphemes(folded)
    assert text.graphemes(head) == clusters[: len(text.graphemes(head))]


ASCII_WORDS = st.lists(
    st.one_of(st.text(st.characters(max_codepoint=127), max_size=12), PIECES),
    max_size=40,
).map("".join)


@SETTINGS
@given(ASCII_WORDS, st.integers(min_value=2, max_value=200))
@example("word " * 40 + "e\u0301", 150)
@example("a" * 155 + "\u0301 more", 155)
def test_the_ascii_shortcut_cuts_where_the_cluster_walk_does(value, limit):
    # truncate() skips the grapheme walk when the text's first limit + 1
    # characters are ASCII. One non-ASCII cluster put in front (and the
    # limit raised by one) forces the walk: it must cut at the same place.
    folded = " ".join(value.split())
    walked = text.truncate("\u00e0" + folded, limit + 1)
    assert walked.startswith("\u00e0")
    expected = walked[1:] if walked[1:] != text.ELLIPSIS else ""
    assert text.truncate(value, limit) == expected


@SETTINGS
@given(ANY_TEXT)
def test_the_text_of_escaped_text_is_the_text(value):
    # An author who writes a plain string as HTML (escaped) gets it back.
    assert text.plain_text(html.escape(value)) == text.field_text(value)
    assert not has_forbidden(text.plain_text(value))
    assert not has_forbidden(text.field_text(value))


@SETTINGS
@given(ANY_TEXT, st.integers(min_value=1, max_value=200))
def test_descriptions_are_the_plain_text_cut(value, limit):
    doc = SimpleNamespace(metadata={"description": value}, summary="<p>x</p>")
    made = text.description(doc, limit)
    if text.field_text(value):
        assert made == text.truncate(text.field_text(value), limit)
    else:
        assert made == "x"
    assert not has_forbidden(made)


@SETTINGS
@given(ANY_TEXT)
def test_a_meta_tag_reads_back_as_its_text(value):
    value = text.field_text(value)
    tag = _meta("description", value)
    if not value:
        assert tag is None
        return
    meta = parse_html(f"<!DOCTYPE html><head>{tag.html}").find(".//meta")
    assert meta is not None and meta.get("content") == value


@SETTINGS
@given(ANY_TEXT)
def test_json_ld_never_closes_its_script_and_round_trips(value):
    value = text.field_text(value)
    script = jsonld.script([{"@type": "Thing", "name": value}])
    body = script[len('<script type="application/ld+json">') : -len("</script>")]
    for bad in ("</", "<!--", "<script", "]]>"):
        assert bad not in body.lower()
    assert json.loads(body)["@graph"][0]["name"] == value
    # the same in a page that is all ASCII
    assert json.loads(jsonld.ascii_json(body))["@graph"][0]["name"] == value


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_feeds_are_well_formed_and_hold_the_titles(title, summary):
    import datetime as dt

    when = dt.datetime(2024, 3, 4, tzinfo=dt.timezone.utc)
    entry = feeds.Entry(
        id="tag:example.com,2024-03-04:/a.md",
        title=text.plain_text(title),
        url="https://example.com/a/",
        published=when,
        updated=when,
        authors=(text.field_text(summary) or "A",),
        tags=tuple(t for t in (text.field_text(title),) if t),
        summary_html=text.clean(summary),
        summary_text=text.field_text(summary),
        content_html=text.clean(summary),
    )
    info = feeds.FeedInfo(
        id="tag:example.com,2024:topics/t",
        title=text.field_text(title) or "T",
        subtitle=text.field_text(summary),
        home_url="https://example.com/t/",
        self_url="https://example.com/t/atom.xml",
        author="A",
        language="en",
        hub=None,
        updated=when,
        utm={},
        topic_slug="t",
    )
    for render, path in (
        (
            feeds.render_atom,
            "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title",
        ),
        (feeds.render_rss, "channel/item/title"),
    ):
        data = render(info, [entry])
        root = strict_xml(data)
        assert (root.findtext(path) or "") == entry.title
        # feedparser reads it without error (its text may differ: it repairs
        # what looks like doubly encoded UTF-8, such as "Â¡")
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
    item = json.loads(feeds.render_json(info, [entry]))["items"][0]
    assert item["title"] == entry.title and item["summary"] == entry.summary_text
    opml = strict_xml(
        feeds.render_opml(
            "T",
            "A",
            [
                {
                    "text": info.title,
                    "xmlUrl": info.self_url,
                    "description": info.subtitle,
                }
            ],
        )
    )
    assert opml.find(".//outline").get("text") == info.title


@SETTINGS
@given(ANY_TEXT, ANY_TEXT, st.integers(min_value=60, max_value=500))
def test_short_posts_fit_and_keep_the_link(title, summary, limit):
    url = "https://example.com/2024/post/?utm_source=x"
    post, _ = shortpost.compose(
        "{title}\n\n{summary}\n\n{url}",
        title=text.plain_text(title),
        summary=text.field_text(summary),
        url=url,
        tags=[],
        limit=limit,
        measure=shortpost.mastodon_length,
    )
    assert shortpost.mastodon_length(post) <= limit
    assert url in post
    assert not has_forbidden(post)
    # never half a cluster: the post is made of whole clusters of its parts
    for cluster in text.graphemes(post):
        assert cluster in post


@SETTINGS
@given(st.text(max_size=30))
def test_a_topic_slug_is_safe_in_a_url_or_refused_by_name(slug):
    try:
        specs = model.parse_topics({slug: {"title": "T"}})
    except SettingsError as exc:
        assert "PULLMARKETING_TOPICS" in str(exc)
        return
    # only what a URL path and a file name take as they are
    assert re.fullmatch(r"[a-z0-9_-]+", specs[0].slug)


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_a_limit_smaller_than_a_word_still_never_splits_a_cluster(limit):
    cut = text.truncate("\U0001f469\U0001f3ff\u200d\U0001f4bb" * 4, limit)
    assert text.grapheme_count(cut) <= limit
    assert "\u200d" not in cut[-2:] or cut.endswith(text.ELLIPSIS)


_SPECIAL = [
    "\x00",
    "\x08",
    "\t",
    "\n",
    "\x0b",
    "\r",
    "\x1f",
    "\x7f",
    "\x85",
    "\x9f",
    "\ufdd0",
    "\ufdef",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\U0001fffd",
    "\U0001fffe",
    "\U0001ffff",
    "\U0010fffe",
    "\U0010ffff",
    "😀",
    "é",
    "ż",
]


@given(st.text(st.one_of(st.characters(), st.sampled_from(_SPECIAL))))
@example("\U0001fffe")
@example("x\U0010fffe😀")
@example("😀 \U0001ffff")
@example("é\U0008fffe")
def test_clean_drops_exactly_the_forbidden_characters(value):
    """The fast checks (the first plane, then each character past it) decide
    as the one class of every forbidden character does."""
    assert text.clean(value) == text._FORBIDDEN.sub("", value)
