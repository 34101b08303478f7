"""The hostile corpus built with three themes and every feature: every output
the package writes stays escaped for its context, valid, and holds the text
as it was written.

Pages are parsed with html5lib, as browsers parse them: a comment or script
opened by text would swallow the rest of the page, so the landmarks after
the text must still be elements, and a page may hold no element or
attribute that the same page built from harmless text does not. Feeds, OPML
and the sitemap parse as XML without recovery and feedparser reports no
error; JSON files and JSON-LD blocks parse and hold the text exactly; the
cross-posting manifest's payloads hold plain text, no markup.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter

import feedparser
import pytest
from corpus import (
    HOSTILE,
    LONG_TITLE_LENGTH,
    _md_meta,
    expected_text,
    long_title,
)
from hostile_support import (
    THEMES,
    builds_of,
    element_counts,
    event_handlers,
    graph_nodes,
    harmless_path,
    has_forbidden,
    jsonld_blocks,
    our_meta_tags,
    parse_html,
    strict_xml,
    text_of,
)

from pelican_pullmarketing import text


def require_java():
    import shutil

    if shutil.which("java"):
        return
    if os.environ.get("CI"):
        pytest.fail("java is not installed; .ci/run installs it")
    pytest.skip("SKIPPED LOUDLY: java (for the Nu HTML Checker) is not installed")


ONE_LINE = expected_text(_md_meta(HOSTILE))  # a metadata field, as written
ITEM = expected_text(_md_meta(HOSTILE).replace(",", " ").replace(";", " "))

# What follows the text on a page of each theme: still an element, or text
# opened a comment or a script that swallowed it.
LANDMARKS = {
    "bundled": ("//main", "//footer[contains(@class, 'site-footer')]//nav"),
    "notmyidea": ("//footer[@id='contentinfo']",),
    "simple": ("//footer",),
}


@pytest.fixture(scope="module", params=THEMES)
def theme(request):
    return request.param


@pytest.fixture(scope="module")
def builds(theme, tmp_path_factory):
    return builds_of(theme, tmp_path_factory.mktemp(f"corpus-{theme}"))


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return builds_of("bundled", tmp_path_factory.mktemp("corpus-bundled"))


def _tree(b, rel):
    return parse_html(b.read(rel))


def test_the_corpus_builds_every_page_of_the_harmless_blog(builds):
    hostile, harmless = builds["hostile"], builds["harmless"]
    assert sorted(harmless_path(p) for p in hostile.pages()) == harmless.pages()
    assert len(hostile.pages()) >= 12
    assert (hostile.output / "hostile-md.html").is_file()
    assert (hostile.output / "hostile-rst.html").is_file()


def test_no_page_gains_an_element_or_an_event_handler_from_text(builds, theme):
    hostile, harmless = builds["hostile"], builds["harmless"]
    plain = builds.get("hostile_plain")
    plain_pages = set(plain.pages()) if plain else set()
    problems = []
    for rel in hostile.pages():
        tree = _tree(hostile, rel)
        counts = element_counts(tree)
        reference = element_counts(_tree(harmless, harmless_path(rel)))
        handlers = event_handlers(tree)
        if rel in plain_pages:
            # The theme prints some fields unescaped itself: what the plugin
            # adds is what the plugin build has beyond the plain build.
            theirs = _tree(plain, rel)
            counts = counts - element_counts(theirs)
            ref_plain = element_counts(
                _tree(builds["harmless_plain"], harmless_path(rel))
            )
            reference = reference - ref_plain
            handlers = sorted(
                (Counter(handlers) - Counter(event_handlers(theirs))).elements()
            )
            landmarks_expected = [
                bool(theirs.xpath(x)) for x in LANDMARKS[theme]
            ]  # the theme may have swallowed its own page
        else:
            landmarks_expected = [True] * len(LANDMARKS[theme])
        extra = counts - reference
        if extra:
            problems.append(f"{rel}: more than the harmless page: {dict(extra)}")
        if handlers:
            problems.append(f"{rel}: event handlers {handlers}")
        found = [bool(tree.xpath(x)) for x in LANDMARKS[theme]]
        if found != landmarks_expected:
            problems.append(f"{rel}: landmarks {LANDMARKS[theme]} found {found}")
    assert not problems, "\n".join(problems)


def test_the_bundled_theme_shows_each_field_as_written(bundled):
    hostile = bundled["hostile"]
    article = _tree(hostile, "hostile-md.html")
    h1 = article.xpath("//h1")[0]
    assert text_of(h1) == ONE_LINE
    assert not h1.xpath(".//*")
    assert (
        article.xpath("//title")[0].text
        == text.truncate(ONE_LINE, 120) + " | Corpus Firm"
    )
    meta = text_of(article.xpath("//p[contains(@class, 'entry-meta')]")[0])
    assert ITEM in meta  # author
    assert ONE_LINE in meta  # category
    tags = [text_of(t) for t in article.xpath("//ul[@class='tag-list']/li")]
    assert ITEM in tags
    crumbs = article.xpath("//nav[@class='breadcrumbs']//li")
    assert text_of(crumbs[1]) == ONE_LINE
    # a card's summary: the text of the author's HTML, cut as text
    summaries = [
        text_of(s)
        for rel in hostile.pages()
        if rel.startswith("index")
        for s in _tree(hostile, rel).xpath("//p[contains(@class, 'card__summary')]")
    ]
    assert any("Summary with code <script>alert(1)</script>" in s for s in summaries)
    # the topic hub: a title from the settings is plain text
    hub = _tree(hostile, "topics/heating/index.html")
    assert text_of(hub.xpath("//h1")[0]) == expected_text(HOSTILE)
    # the gate's button
    guide = _tree(hostile, "pages/guide.html")
    button = guide.xpath("//form//button")[0]
    assert text_of(button) == ONE_LINE


def test_head_tags_hold_the_plain_text(builds):
    hostile = builds["hostile"]
    content = our_meta_tags(hostile.read("hostile-md.html"))
    description = text.truncate(ONE_LINE, 155)
    assert content["twitter:description"] == description
    assert content["og:description"] == description
    assert content["og:image:alt"] == ONE_LINE
    assert content["article:section"] == ONE_LINE
    assert content["twitter:title"].startswith(ONE_LINE[:20])


def test_every_json_ld_block_parses_and_holds_the_text(builds):
    hostile = builds["hostile"]
    for rel in hostile.pages():
        source = hostile.read(rel)
        blocks = jsonld_blocks(source)  # every block parses
        assert blocks, rel
        assert source.count("application/ld+json") == len(blocks), rel
        for bad in ("</script", "<!--", "<script"):
            for raw in re.findall(r'ld\+json">(.*?)</script>', source, re.S):
                assert bad not in raw, (rel, bad)
    nodes = graph_nodes(jsonld_blocks(hostile.read("hostile-md.html")))
    post = next(n for n in nodes if n.get("@type") == "BlogPosting")
    assert post["articleSection"] == ONE_LINE
    assert (
        post["author"][0]["name"] == ITEM
        if isinstance(post["author"], list)
        else post["author"]["name"] == ITEM
    )
    assert post["description"] == text.truncate(ONE_LINE, 155)
    assert post["headline"] == text.truncate(ONE_LINE, 110)
    assert ITEM in post["keywords"]
    crumbs = next(n for n in nodes if n.get("@type") == "BreadcrumbList")
    assert crumbs["itemListElement"][1]["name"] == ONE_LINE


def test_feeds_opml_and_sitemap_are_well_formed_xml(builds):
    hostile = builds["hostile"]
    files = hostile.files(".xml", ".opml")
    assert any(f.name == "atom.xml" for f in files)
    assert any(f.name == "sitemap.xml" for f in files)
    for path in files:
        strict_xml(path.read_bytes())
        if path.name in ("atom.xml", "rss.xml"):
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    atom = feedparser.parse(
        (hostile.output / "topics" / "heating" / "atom.xml").read_bytes()
    )
    titles = {e.title for e in atom.entries}
    assert ONE_LINE in titles
    entry = next(e for e in atom.entries if e.title == ONE_LINE)
    assert ONE_LINE in {t.term for t in entry.tags}
    assert entry.author == ITEM
    assert atom.feed.title == "Corpus Firm: " + expected_text(HOSTILE)
    opml = strict_xml((hostile.output / "subscribe" / "topics.opml").read_bytes())
    outline = opml.find(".//outline")
    assert outline.get("text") == "Corpus Firm: " + expected_text(HOSTILE)
    assert outline.get("description") == expected_text(HOSTILE)


def test_json_files_parse_and_hold_plain_text(builds):
    hostile = builds["hostile"]
    files = hostile.files(".json")
    assert files
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))
    feed = json.loads(
        (hostile.output / "topics" / "heating" / "feed.json").read_text(
            encoding="utf-8"
        )
    )
    assert feed["title"] == "Corpus Firm: " + expected_text(HOSTILE)
    item = next(i for i in feed["items"] if i["title"] == ONE_LINE)
    # plain-text fields: the text, entities decoded once, no markup
    assert item["summary"] == text.truncate(ONE_LINE, 500)
    assert ONE_LINE in item["tags"]
    assert item["authors"] == [{"name": ITEM}]


def test_crosspost_payloads_hold_plain_text(builds):
    hostile = builds["hostile"]
    manifest = json.loads(
        (hostile.output / "crosspost" / "manifest.json").read_text(encoding="utf-8")
    )
    entries = {
        (e["source"], e["target"]): e
        for e in manifest["entries"]
        if e["source"] == "hostile-md.md"
    }
    devto = entries[("hostile-md.md", "devto")]["payload"]["article"]
    assert devto["title"] == ONE_LINE
    assert devto["description"] == text.truncate(ONE_LINE, 155)
    status = entries[("hostile-md.md", "mastodon")]["payload"]["status"]
    assert status.startswith(ONE_LINE)
    plain_fields = {
        "devto": (devto["title"], devto["description"], *devto["tags"]),
        "mastodon": (status,),
        "bluesky": (
            entries[("hostile-md.md", "bluesky")]["payload"]["record"]["text"],
        ),
        "x": (entries[("hostile-md.md", "x")]["payload"]["text"],),
    }
    for target, values in plain_fields.items():
        for value in values:
            # plain text: no markup of ours, no character written as an entity
            assert "&lt;script" not in value, target
            assert "<p>" not in value, target
    for (source, target), e in entries.items():
        flat = json.dumps(e["payload"], ensure_ascii=True)
        for control in ("\\u0000", "\\u0001", "\\u001b"):
            assert control not in flat, (source, target)


def test_no_output_holds_a_character_xml_forbids(builds):
    hostile = builds["hostile"]
    suffixes = (".xml", ".json", ".opml", ".txt")
    if "hostile_plain" not in builds:
        suffixes += (".html",)  # other themes print such characters themselves
    for path in hostile.output.rglob("*"):
        if path.is_file() and path.suffix in suffixes:
            assert not has_forbidden(path.read_text(encoding="utf-8")), path


def test_a_10000_character_title_is_written_in_full_once_per_page(builds):
    hostile = builds["hostile"]
    title = text.plain_text(long_title(HOSTILE))
    assert len(long_title(HOSTILE)) == LONG_TITLE_LENGTH
    # A stretch from the middle of the title, as the page writes it.
    middle = html.escape(title[4000:4400], quote=False)
    weight = len(html.escape(title).encode("utf-8"))
    plain = builds.get("hostile_plain")

    def size(b, rel):
        return (b.output / rel).stat().st_size

    for rel in hostile.pages():
        copies = hostile.read(rel).count(middle)
        if plain is not None and (plain.output / rel).is_file():
            copies -= plain.read(rel).count(middle)  # the theme's own copies
            assert copies <= 0, rel
        else:
            assert copies <= 1, rel
    added = size(hostile, "long-title.html") - size(hostile, "short-title.html")
    if plain is None:
        assert added <= weight + 2048, (added, weight)
    else:  # what the plugin adds to the page does not grow with the title
        theirs = size(plain, "long-title.html") - size(plain, "short-title.html")
        assert added - theirs <= 2048, (added, theirs)


def _nu_errors(b, rels) -> dict[str, set[str]]:
    """Nu HTML Checker errors per page, the quoted text in each message
    left out (it differs between the hostile and the harmless text)."""
    from verify.html_check import run_vnu

    messages, _ = run_vnu([b.output / r for r in rels])
    found: dict[str, set[str]] = {r: set() for r in rels}
    for m in messages:
        if (
            m.get("type") not in ("error", "non-document-error")
            and m.get("subType") != "fatal"
        ):
            continue
        rel = m.get("url", "").split(str(b.output) + "/", 1)[-1]
        found.setdefault(rel, set()).add(
            re.sub(r"“[^”]*”", "“…”", m.get("message", ""))
        )
    return found


def test_the_nu_checker_finds_no_error_the_harmless_pages_do_not_have(builds):
    require_java()
    hostile, harmless = builds["hostile"], builds["harmless"]
    rels = hostile.pages()
    errors = _nu_errors(hostile, rels)
    reference = _nu_errors(harmless, [harmless_path(r) for r in rels])
    theirs: dict[str, set[str]] = {}
    plain = builds.get("hostile_plain")
    if plain is not None:
        # What the theme does with the text itself. The plugin's own pages
        # (hubs, subscribe, thank-you) print the theme's header and menu:
        # there, any error the theme makes on its own pages is the theme's.
        theirs = _nu_errors(plain, plain.pages())
        anywhere = set().union(*theirs.values())
        theirs = {r: theirs.get(r, anywhere) for r in rels}
    problems = [
        f"{rel}: {message}"
        for rel in rels
        for message in sorted(
            errors.get(rel, set())
            - reference.get(harmless_path(rel), set())
            - theirs.get(rel, set())
        )
    ]
    assert not problems, "\n".join(problems)
