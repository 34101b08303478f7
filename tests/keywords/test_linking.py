"""Every matching rule of keyword anchors, on real Pelican builds."""

from __future__ import annotations

import logging
import re

import pytest

from pelican_pullmarketing.errors import BuildFailed
from tests.conftest import plugin_module, renamer

LINK = re.compile(r'<a href="([^"]*)" class="keyword-link">(.*?)</a>', re.S)
KW_ONLY = ["pelican_pullmarketing.keywords"]


def links(html: str) -> list[tuple[str, str]]:
    return LINK.findall(html)


def texts(html: str) -> list[str]:
    return [text for _, text in links(html)]


def build(site, keywords: dict, **settings):
    settings.setdefault("PLUGINS", KW_ONLY)
    return site.build(PULLMARKETING_KEYWORDS=keywords, **settings)


@pytest.fixture
def target(site):
    site.article("target", "The page customers should land on.", title="Target")
    return "{filename}/target.md"


# Rule 1: case-insensitive, original casing kept, Unicode-aware.


def test_case_insensitive_keeps_the_texts_casing(site, target):
    site.article("post", "We offer a yearly BOILER Service for every home.")
    build(site, {"boiler service": target})
    assert links(site.read("post.html")) == [
        ("https://example.com/target.html", "BOILER Service")
    ]


def test_accented_keyword_matches_whole_word_only(site, target):
    site.article("one", "Send your Résumé today.")
    site.article("two", "Many résumés arrive.")
    site.article("three", "Try résuméwriter now.")
    build(site, {"résumé": target})
    assert texts(site.read("one.html")) == ["Résumé"]
    assert texts(site.read("two.html")) == []
    assert texts(site.read("three.html")) == []


def test_decomposed_accents_are_normalised(site, target):
    # Keyword typed with combining accents, text with precomposed ones, and back.
    site.article("nfc", "A café near the harbour.")
    site.article("nfd", "Another cafe\u0301 near the harbour.")
    build(site, {"cafe\u0301": target})
    assert texts(site.read("nfc.html")) == ["café"]
    assert texts(site.read("nfd.html")) == ["cafe\u0301"]


def test_case_folding_that_changes_length_keeps_offsets(site, target):
    # İ folds to two code points and ß to "ss": the link must still wrap
    # exactly the matched words.
    site.article("post", "İİİ Straße and STRASSE, then a boiler service here.")
    build(site, {"straße": target, "boiler service": "https://example.org/bs"})
    html = site.read("post.html")
    assert links(html) == [
        ("https://example.com/target.html", "Straße"),
        ("https://example.org/bs", "boiler service"),
    ]
    assert "İİİ <a" in html


# Rule 2: whole words; scripts without spaces need no boundary.


def test_no_match_inside_words(site, target):
    site.article("post", "Our co-ops and boiler_service and Windows 110.")
    build(site, {"co-op": target, "boiler service": target, "Windows 11": target})
    assert texts(site.read("post.html")) == []


def test_match_next_to_punctuation(site):
    site.article(
        "post",
        "Upgrade to Windows 11, then (co-op) and “heat pump”.",
    )
    build(
        site,
        {
            "windows 11": "https://example.org/w",
            "co-op": "https://example.org/c",
            "heat pump": "https://example.org/h",
        },
    )
    assert texts(site.read("post.html")) == ["Windows 11", "co-op", "heat pump"]


def test_word_continued_across_inline_markup_is_not_matched(site, target):
    site.article("post", "Two *boiler*s and a **boiler**.")
    build(site, {"boiler": target})
    html = site.read("post.html")
    assert texts(html) == ["boiler"]
    assert '<strong><a href="https://example.com/target.html"' in html


def test_cjk_keyword_needs_no_word_boundary(site, target):
    site.article("post", "ガス暖房の点検をします。")
    build(site, {"暖房": target})
    assert texts(site.read("post.html")) == ["暖房"]


# Rule 3: any whitespace run between the words of a phrase.


def test_phrase_split_by_a_line_break(site, target):
    site.article("post", "We do a yearly boiler\nservice and more.")
    build(site, {"boiler service": target})
    assert texts(site.read("post.html")) == ["boiler\nservice"]


def test_phrase_with_several_spaces_and_entities(site, target):
    site.article("post", "Call Heating  &  Plumbing today.")
    build(site, {"heating & plumbing": target})
    assert texts(site.read("post.html")) == ["Heating  &amp;  Plumbing"]


# Rule 4: longest match wins, then leftmost; never overlapping.


def test_longest_match_wins_over_earlier_shorter_one(site):
    # A leftmost-longest automaton would take "air source" and lose the
    # longer "source heat pump installation" that starts inside it.
    site.article("post", "An air source heat pump installation in Bristol.")
    build(
        site,
        {
            "air source": "https://example.org/a",
            "source heat pump installation": "https://example.org/b",
            "heat pump": "https://example.org/c",
        },
    )
    assert links(site.read("post.html")) == [
        ("https://example.org/b", "source heat pump installation")
    ]


def test_equal_length_overlap_leftmost_wins(site):
    site.article("post", "Text: gas boiler fan today.")
    # "gas boiler" and "boiler fan" have the same length.
    build(
        site,
        {"gas boiler": "https://example.org/a", "boiler fan": "https://example.org/b"},
    )
    assert texts(site.read("post.html")) == ["gas boiler"]


# Rule 5: first occurrence, per-target cap, total cap in document order.


def test_only_first_occurrence_and_caps(site):
    site.article(
        "post",
        "Alpha, beta, alpha, gamma, delta, epsilon, beta.",
    )
    build(
        site,
        {
            "alpha": "https://example.org/1",
            "beta": "https://example.org/1",
            "gamma": "https://example.org/2",
            "delta": "https://example.org/3",
            "epsilon": "https://example.org/4",
        },
        PULLMARKETING_MAX_LINKS_PER_ARTICLE=3,
    )
    # beta shares alpha's target (1 link per target); then the total cap of 3.
    assert texts(site.read("post.html")) == ["Alpha", "gamma", "delta"]


def test_per_target_cap_can_be_raised(site):
    site.article("post", "Alpha then beta.")
    build(
        site,
        {"alpha": "https://example.org/1", "beta": "https://example.org/1"},
        PULLMARKETING_MAX_LINKS_PER_TARGET=2,
    )
    assert texts(site.read("post.html")) == ["Alpha", "beta"]


def test_zero_max_links_adds_none(site, target):
    site.article("post", "A boiler service.")
    build(site, {"boiler service": target}, PULLMARKETING_MAX_LINKS_PER_ARTICLE=0)
    assert texts(site.read("post.html")) == []


# Rule 6: never inside excluded elements, comments or attributes.


def test_never_inside_links_headings_code_comments_or_attributes(site, target):
    site.article(
        "post",
        """
        ## Boiler service in a heading

        Inline `boiler service` code and [boiler service](https://x.example/) link.
        ![boiler service](https://x.example/i.png "boiler service")

            boiler service in a code block

        <!-- boiler service in a comment -->
        <button>boiler service</button> <label>boiler service</label>
        <kbd>boiler service</kbd> <samp>boiler service</samp>
        <script>var s = "boiler service";</script>
        <svg><text>boiler service</text></svg>

        | Service | Price |
        |---|---|
        | boiler service | £90 |
        """,
    )
    build(site, {"boiler service": target})
    html = site.read("post.html")
    assert texts(html) == ["boiler service"]
    assert '<td><a href="https://example.com/target.html" class="keyword-link">' in html


# Rule 7: never a link to the document itself.


def test_no_self_links_by_filename_or_by_url(site):
    site.article("boilers", "Our boiler service and gas boilers.")
    build(
        site,
        {
            "boiler service": "{filename}/boilers.md",
            "gas boilers": "https://example.com/boilers.html",
        },
    )
    assert texts(site.read("boilers.html")) == []


# Rule 8: untouched documents byte-identical; only wrappers added otherwise.


def test_documents_are_changed_only_by_the_added_links(site, tmp_path, target):
    site.article(
        "plain",
        'No phrases here, but <span title="x &amp; y">odd &#x27;markup&#39;</span>.',
    )
    site.article(
        "linked",
        "The boiler service &amp; <em title='a>b'>more</em> &#169; text.",
    )
    with_links = build(site, {"boiler service": target})
    first = {p: (with_links / p).read_bytes() for p in ("plain.html", "linked.html")}
    build(site, {})
    assert (site.output / "plain.html").read_bytes() == first["plain.html"]
    original = (site.output / "linked.html").read_text(encoding="utf-8")
    changed = first["linked.html"].decode("utf-8")
    assert changed != original
    unwrapped = LINK.sub(lambda m: m.group(2), changed)
    assert unwrapped == original


# Rule 9: {filename} targets follow URL settings; feeds get absolute URLs;
# missing targets warn and add nothing.


def test_targets_follow_url_settings_and_feeds(site, target):
    site.article("post", "A boiler service.")
    build(
        site,
        {"boiler service": target},
        ARTICLE_URL="{date:%Y}/{slug}/",
        ARTICLE_SAVE_AS="{date:%Y}/{slug}/index.html",
        RELATIVE_URLS=True,
        FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    assert links(site.read("2024/post/index.html")) == [
        ("../../2024/target/", "boiler service")
    ]
    feed = site.read("feeds/all.atom.xml")
    assert (
        'href="https://example.com/2024/target/" class="keyword-link"&gt;boiler service'
        in feed
    )


def _contents_before_rendering(site, keywords, **settings) -> dict[str, str]:
    """Each article's ``_content`` once every generator is done, as Pelican
    will render it."""
    seen: dict[str, str] = {}

    def record(generators):
        from pelican_pullmarketing import core

        seen.update((doc.slug, doc._content) for doc in core.documents(generators))

    plugin = plugin_module("recorder", all_generators_finalized=record)
    build(site, keywords, PLUGINS=[*KW_ONLY, plugin], **settings)
    return seen


@pytest.mark.parametrize("siteurl", ["https://example.com/blog", ""])
def test_links_are_written_with_the_url_pelican_would_write(site, target, siteurl):
    # No {filename} reference is left for Pelican to resolve again: the link
    # holds the URL Pelican writes for it, on the page as in the feed.
    site.article("post", "A boiler service.")
    contents = _contents_before_rendering(
        site,
        {"boiler service": target},
        SITEURL=siteurl,
        ARTICLE_URL="{slug}/",
        ARTICLE_SAVE_AS="{slug}/index.html",
    )
    url = f"{siteurl}/target/"
    assert links(contents["post"]) == [(url, "boiler service")]
    assert links(site.read("post/index.html")) == [(url, "boiler service")]


def test_links_stay_references_with_relative_urls(site, target):
    # Pelican resolves them page by page: one content shows in its own page,
    # in index pages and in feeds, each with its own way to the root.
    site.article("post", "A boiler service.")
    contents = _contents_before_rendering(
        site, {"boiler service": target}, RELATIVE_URLS=True
    )
    assert links(contents["post"]) == [("{filename}/target.md", "boiler service")]
    assert links(site.read("post.html")) == [("./target.html", "boiler service")]


def test_target_url_is_taken_once_every_generator_is_done(site, target):
    # Target URLs are fixed for Pelican's link resolution, but only after
    # all generators finished: a change made after linking still counts.
    site.article("post", "A boiler service.")
    site.article("other", "Read the target.", title="Other")
    build(
        site,
        {"boiler service": target},
        PLUGINS=[
            *KW_ONLY,
            plugin_module(
                "slug_changer", page_generator_finalized=renamer("renamed", "target")
            ),
        ],
    )
    assert links(site.read("post.html")) == [
        ("https://example.com/renamed.html", "boiler service")
    ]
    assert 'href="https://example.com/renamed.html"' in site.read("index.html")


def test_missing_target_warns_and_links_nothing(site, caplog):
    site.article("post", "A boiler service.")
    with caplog.at_level(logging.WARNING):
        build(site, {"boiler service": "{filename}/nowhere.md"})
    assert texts(site.read("post.html")) == []
    assert any(
        "'boiler service'" in r.getMessage()
        and "{filename}/nowhere.md" in r.getMessage()
        for r in caplog.records
    )


# Rule 10: drafts and hidden documents are never targets.


def test_drafts_and_hidden_documents_are_not_targets(site, caplog):
    site.article("draft", "Draft.", status="draft")
    site.article("hidden", "Hidden.", status="hidden")
    site.article("post", "A boiler service and a heat pump.")
    with caplog.at_level(logging.WARNING):
        build(
            site,
            {
                "boiler service": "{filename}/draft.md",
                "heat pump": "{filename}/hidden.md",
            },
        )
    assert texts(site.read("post.html")) == []
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "is a draft" in messages and "is hidden" in messages


# Pages, opt-out, class setting.


def test_pages_link_and_are_targets(site):
    site.page("contact", "Book a boiler service by phone.")
    site.page("services", "Everything we do.")
    site.article("post", "Please get in touch with us.")
    build(
        site,
        {
            "boiler service": "{filename}/pages/services.md",
            "get in touch": "{filename}/pages/contact.md",
        },
    )
    assert links(site.read("pages/contact.html")) == [
        ("https://example.com/pages/services.html", "boiler service")
    ]
    assert links(site.read("post.html")) == [
        ("https://example.com/pages/contact.html", "get in touch")
    ]


def test_keyword_links_off_disables_a_document(site, target):
    site.article("off", "A boiler service.", keyword_links="off")
    site.article("on", "A boiler service.")
    build(site, {"boiler service": target})
    assert texts(site.read("off.html")) == []
    assert texts(site.read("on.html")) == ["boiler service"]


def test_link_class_setting(site, target):
    site.article("post", "A boiler service.")
    build(site, {"boiler service": target}, PULLMARKETING_KEYWORD_LINK_CLASS="")
    html = site.read("post.html")
    assert '<a href="https://example.com/target.html">boiler service</a>' in html


def test_full_plugin_adds_links(site, target):
    site.article("post", "A boiler service.")
    site.build(PULLMARKETING_KEYWORDS={"boiler service": target})
    assert texts(site.read("post.html")) == ["boiler service"]


# The CSV catalogue.


def test_csv_catalogue_with_bom_and_variants(site, target):
    site.write(
        "keywords.csv",
        "\ufeffkeyword,target,variants\n"
        "boiler service,{filename}/target.md,boiler services|boiler-servicing\n",
    )
    site.article("one", "Annual boiler-servicing.")
    site.article("two", "Our boiler services, and a boiler service.")
    build(site, {})
    assert texts(site.read("one.html")) == ["boiler-servicing"]
    # Variants are the same keyword: its first occurrence only.
    assert texts(site.read("two.html")) == ["boiler services"]


def test_conflicting_targets_name_both_places(site, target):
    site.write("keywords.csv", "keyword,target\nBoiler Service,https://example.org/x\n")
    site.article("post", "A boiler service.")
    with pytest.raises(BuildFailed) as failure:
        build(site, {"boiler service": target})
    message = str(failure.value)
    assert "PULLMARKETING_KEYWORDS" in message
    assert "keywords.csv, line 2" in message
    assert not (site.output / "post.html").exists()


def test_bad_csv_rows_stop_the_build_with_line_numbers(site):
    site.write(
        "keywords.csv",
        "keyword,target\nboiler service,/relative/path\n,{filename}/x.md\n",
    )
    site.article("post", "A boiler service.")
    with pytest.raises(BuildFailed) as failure:
        build(site, {})
    message = str(failure.value)
    assert "line 2" in message and "'/relative/path'" in message
    assert "line 3" in message


def test_links_the_author_wrote_count_toward_the_target_cap(site, target):
    site.article("elsewhere", "Text.")
    site.write(
        "sub/post.md",
        "Title: Post\nDate: 2024-03-04\nSlug: post\n\n"
        "See [our guide]({filename}../target.md) first. A boiler service and a heat pump.\n",
    )
    build(
        site,
        {"boiler service": target, "heat pump": "{filename}/elsewhere.md"},
    )
    # The author already links to target.md: no keyword link to it on top.
    assert links(site.read("post.html")) == [
        ("https://example.com/elsewhere.html", "heat pump")
    ]
