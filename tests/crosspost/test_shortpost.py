"""Counting, shortening and Bluesky facets of short posts."""

from __future__ import annotations

import pytest

from pelican_pullmarketing.crosspost import shortpost

URL = "https://example.com/2024/heat-pumps/?utm_source=x&utm_medium=syndication"
THUMBS_UP_DARK = "\U0001f44d\U0001f3fd"  # 👍🏽: 2 code points, 1 grapheme
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧: 5 code points
E_DECOMPOSED = "e\u0301"  # é as e + combining acute


def test_graphemes_count_what_people_see():
    text = f"Caf{E_DECOMPOSED} {THUMBS_UP_DARK}{FAMILY} 🇬🇧"
    assert len(text) == 16  # code points
    # C a f é ␠ 👍🏽 👨‍👩‍👧 ␠ 🇬🇧
    assert shortpost.grapheme_count(text) == 9
    assert shortpost.graphemes(text)[3] == E_DECOMPOSED
    assert shortpost.graphemes(text)[6] == FAMILY


def test_shorten_never_splits_a_cluster_and_cuts_at_words():
    text = f"Réglage chaudière {FAMILY}{FAMILY} annuel"
    short = shortpost.shorten(text, 20)
    assert short.endswith("…")
    assert shortpost.grapheme_count(short) <= 20
    assert short == "Réglage chaudière…"
    # no word break available: cut between clusters, never inside one
    emoji_only = FAMILY * 10
    cut = shortpost.shorten(emoji_only, 4)
    assert cut == FAMILY * 3 + "…"


def test_mastodon_counts_graphemes_and_urls_as_23():
    text = f"Café {THUMBS_UP_DARK} {URL}"
    assert shortpost.mastodon_length(text) == 5 + 1 + 1 + 23
    assert shortpost.mastodon_length(text + ".") == 5 + 1 + 1 + 23 + 1


def test_x_counts_urls_as_23_and_emoji_as_2():
    assert shortpost.x_length(f"Hi {URL}") == 3 + 23
    assert shortpost.x_length(THUMBS_UP_DARK) == 2
    assert shortpost.x_length(FAMILY) == 2
    assert shortpost.x_length(E_DECOMPOSED) == 1  # NFC first
    assert shortpost.x_length("日本") == 4


@pytest.mark.parametrize(
    ("measure", "limit"),
    [
        (shortpost.x_length, 280),
        (shortpost.mastodon_length, 500),
        (shortpost.bluesky_length, 300),
        (shortpost.linkedin_length, 3000),
    ],
)
def test_compose_fits_keeps_the_whole_link_and_ends_summary_with_ellipsis(
    measure, limit
):
    summary = (
        "Les pompes à chaleur réduisent la facture 🔥 de manière notable. " * 80
    ).strip()
    text, notes = shortpost.compose(
        "{title}\n\n{summary}\n\n{url}\n\n{tags}",
        title="Pompes à chaleur",
        summary=summary,
        url=URL,
        tags=["#HeatPumps", "#Bristol"],
        limit=limit,
        measure=measure,
    )
    assert measure(text) <= limit
    assert URL in text
    assert "summary shortened" in notes
    paragraph = text.split("\n\n")[1]
    assert paragraph.endswith("…")
    # cut at a word boundary: what is kept is a prefix ending on a whole word
    kept = paragraph[:-1]
    assert summary.startswith(kept)
    assert summary[len(kept)] in " ." or summary[len(kept) - 1] in " ."


def test_compose_drops_tags_then_title_but_never_the_url():
    long_url = "https://example.com/" + "a" * 250
    text, notes = shortpost.compose(
        "{title} {summary} {url} {tags}",
        title="A title that is rather long for this",
        summary="summary",
        url=long_url,
        tags=["#One", "#Two"],
        limit=270,
        measure=shortpost.bluesky_length,
    )
    assert long_url in text
    assert shortpost.bluesky_length(text) <= 270
    assert "hashtag left out" in notes and "title shortened" in notes


def test_bluesky_facets_use_utf8_byte_offsets():
    text = f"Chaudière {THUMBS_UP_DARK} {FAMILY} é\n{URL}\n#Bristol"
    facets = shortpost.bluesky_facets(text, ["#Bristol"])
    data = text.encode("utf-8")
    link, tag = facets
    start, end = link["index"]["byteStart"], link["index"]["byteEnd"]
    assert data[start:end].decode() == URL
    # character offsets would be wrong: every non-ASCII character before the URL
    # takes more bytes than code points
    assert start > text.index(URL)
    assert start == len(text[: text.index(URL)].encode("utf-8"))
    assert data[tag["index"]["byteStart"] : tag["index"]["byteEnd"]] == b"#Bristol"
    assert tag["features"][0] == {
        "$type": "app.bsky.richtext.facet#tag",
        "tag": "Bristol",
    }


def test_linkedin_escapes_reserved_characters_but_not_url_or_tags():
    text = shortpost.render(
        "{title} ({summary}) {url} {tags}",
        title="C# & [boilers]",
        summary="50% off_now",
        url=URL,
        tags=["#Heating"],
        escape=shortpost.escape_linkedin,
    )
    assert text == rf"C\# & \[boilers\] \(50% off\_now\) {URL} #Heating"


def test_hashtags_camel_case_and_dedupe():
    assert shortpost.hashtags(["heat pumps", "Heat-Pumps", "boilers", "2024"]) == [
        "#HeatPumps",
        "#boilers",
    ]
