"""Head injection: targeted scan of <head>, tags the theme has are skipped,
the theme's own duplicates are removed, everything else is left byte for byte."""

from __future__ import annotations

from seo_helpers import links, meta, meta_counts

from pelican_pullmarketing.seo.head import MARKER, Tag
from pelican_pullmarketing.seo.inject import merge, scan_head

THEME_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset='utf-8' />
  <title>My Post | Site</title>
  <!-- <meta name="twitter:card" content="commented out"> -->
  <meta name="description" content="Site-wide words" />
  <meta property=og:title content="Theme's title">
  <script type="application/ld+json">{"@type": "WebSite", "name": "Site"}</script>
  <style>/* <link rel="canonical" href="/not-a-tag"> */</style>
  <meta name="description" content="The post's own words" />
  <link href="https://example.com/feeds/all.atom.xml" type="application/atom+xml" rel="alternate" title="Feed">
</head>
<body><meta name="description" content="in the body, not ours to touch"></body>
</html>
"""

OURS = [
    Tag(("title",), "<title>Ours</title>"),
    Tag(("meta", "description"), '<meta name="description" content="ours">'),
    Tag(("canonical",), '<link rel="canonical" href="https://example.com/p.html">'),
    Tag(("meta", "og:title"), '<meta property="og:title" content="ours">'),
    Tag(("meta", "twitter:card"), '<meta name="twitter:card" content="summary">'),
    Tag(
        ("feed", "feeds/all.atom.xml"),
        '<link rel="alternate" href="/feeds/all.atom.xml">',
    ),
    Tag(
        ("feed", "topics/a/atom.xml"),
        '<link rel="alternate" type="application/atom+xml" href="https://example.com/topics/a/atom.xml">',
    ),
]
NODES = [
    {"@type": "WebSite", "name": "Site"},
    {"@type": "BlogPosting", "headline": "P"},
]


def test_scan_finds_theme_tags_outside_comments_and_raw_text():
    scan = scan_head(THEME_HEAD, "https://example.com")
    assert ("title",) in scan.keys
    assert len(scan.keys[("meta", "description")]) == 2
    assert ("meta", "og:title") in scan.keys
    assert ("meta", "twitter:card") not in scan.keys  # commented out
    assert ("canonical",) not in scan.keys  # inside <style>
    assert ("feed", "feeds/all.atom.xml") in scan.keys
    assert scan.jsonld_types == {"WebSite"}
    assert scan.description == "The post's own words"


def test_merge_adds_only_missing_tags_and_keeps_last_duplicate():
    scan = scan_head(THEME_HEAD, "https://example.com")
    html = merge(THEME_HEAD, scan, OURS, NODES)
    head = html[: html.index("</head>")]
    assert head.count("<title>") == 1 and "<title>My Post | Site</title>" in head
    assert meta_counts(html)["description"] == 1
    assert meta(html, "description") == "The post's own words"
    assert meta(html, "og:title") == "Theme's title"
    assert meta(html, "twitter:card") == "summary"
    assert len(links(html, "canonical")) == 1
    assert head.count("feeds/all.atom.xml") == 1
    assert "topics/a/atom.xml" in head
    # The theme's WebSite node is not repeated; ours adds the BlogPosting only.
    assert head.count('"WebSite"') == 1 and "BlogPosting" in head
    # Everything else is untouched, byte for byte.
    assert html.replace(head, "") == THEME_HEAD[THEME_HEAD.index("</head>") :]
    assert "<meta charset='utf-8' />" in html and "in the body, not ours" in html


def test_merge_replaces_tags_asked_for():
    scan = scan_head(THEME_HEAD, "")
    html = merge(THEME_HEAD, scan, OURS, [], replace={("title",)})
    assert "<title>Ours</title>" in html and "My Post | Site" not in html


def test_nothing_to_do_returns_the_same_text():
    page = "<html><head><title>T</title></head><body></body></html>"
    scan = scan_head(page)
    assert merge(page, scan, [Tag(("title",), "<title>X</title>")], []) == page


def test_pages_without_head_or_with_our_block_are_left_alone():
    assert scan_head("<p>fragment</p>") is None
    assert scan_head(f"<head>{MARKER}<title>x</title></head>").has_marker


def test_injection_off_leaves_other_themes_alone(site):
    site.article("post", "Text.")
    out = site.build(THEME="simple", PULLMARKETING_SEO_INJECT="off")
    html = (out / "post.html").read_text(encoding="utf-8")
    assert links(html, "canonical") == []
    assert "application/ld+json" not in html


def test_pages_rendered_elsewhere_are_rewritten_in_place(tmp_path):
    """A page whose template we did not see render (a plugin with its own
    Jinja environment) gets its head completed from content_written."""
    import os

    from pelican_pullmarketing.seo import plugin

    page = tmp_path / "custom.html"
    page.write_text("<html><head><title>Custom</title></head><body>x</body></html>")
    os.chmod(page, 0o644)
    settings = {
        "SITEURL": "https://example.com",
        "SITENAME": "Firm",
        "OUTPUT_PATH": str(tmp_path),
    }
    from pelican_pullmarketing import build

    current = build.begin(build.Build(settings=settings, features=frozenset({"seo"})))
    current.seo = plugin.new_part(settings)
    try:
        plugin.page_written(str(page), {"output_file": "custom.html"})
        entries = current.seo.entries
    finally:
        build.end()
    html = page.read_text()
    assert links(html, "canonical")[0]["href"] == "https://example.com/custom.html"
    assert html.count("<title>") == 1
    assert oct(page.stat().st_mode & 0o777) == oct(0o644)
    assert not list(tmp_path.glob(".pm-*"))
    assert "https://example.com/custom.html" in entries


def test_two_builds_are_byte_identical(site, tmp_path):
    site.article("post", "Text.", tags="a, b")
    site.page("about", "About.")
    first = site.build(THEME="notmyidea")
    snapshot = {
        p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()
    }
    again = site.build(THEME="notmyidea")
    assert {
        p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()
    } == snapshot


def test_feed_links_match_however_they_are_written():
    from pelican_pullmarketing.seo.head import feed_key

    site = "https://example.com/blog"
    keys = {
        feed_key(href, site)
        for href in (
            "https://example.com/blog/feeds/all.atom.xml",
            "/feeds/all.atom.xml",
            "../../feeds/all.atom.xml",
            "./feeds/all.atom.xml",
        )
    }
    assert keys == {"feeds/all.atom.xml"}


def test_relative_urls_build_has_no_duplicate_feed_links(site):
    site.article("post", "Text.", folder="")
    out = site.build(
        THEME="simple",
        RELATIVE_URLS=True,
        FEED_ALL_ATOM="feeds/all.atom.xml",
        FEED_DOMAIN="",
        ARTICLE_URL="posts/{slug}/",
        ARTICLE_SAVE_AS="posts/{slug}/index.html",
    )
    html = (out / "posts/post/index.html").read_text(encoding="utf-8")
    feeds = [a["href"] for a in links(html, "alternate") if a.get("type")]
    assert sum(h.endswith("feeds/all.atom.xml") for h in feeds) == 1
    assert links(html, "canonical")[0]["href"] == "https://example.com/posts/post/"


def test_an_ascii_page_stays_ascii_and_reads_the_same():
    """Our characters outside ASCII are written as references on a page that
    is otherwise all ASCII (HTML and JSON parsers read the same text); a page
    with other characters keeps them as they are."""
    import json

    from pelican_pullmarketing.seo.jsonld import Node

    tags = [
        Tag(("title",), "<title>Caf\u00e9 \u2013 page 2</title>"),
        Tag(("meta", "description"), '<meta name="description" content="Cut\u2026">'),
    ]
    nodes = [Node("WebPage", '{"@type":"WebPage","name":"Caf\u00e9 \U0001f525"}')]
    page = "<html><head><meta charset='utf-8'></head><body>Plain</body></html>"
    html = merge(page, scan_head(page), tags, nodes)
    assert html.isascii()
    assert meta(html, "description") == "Cut\u2026"
    assert "<title>Caf&#233; &#8211; page 2</title>" in html
    block = html[html.index('json">') + 6 : html.index("</script>")]
    assert json.loads(block)["@graph"][0]["name"] == "Caf\u00e9 \U0001f525"
    wide = page.replace("Plain", "Pl\u00e4in")
    html = merge(wide, scan_head(wide), tags, nodes)
    assert 'content="Cut\u2026"' in html and "Caf\u00e9 \U0001f525" in html


def test_default_image_on_every_page_read_once_per_build(site, monkeypatch):
    """PULLMARKETING_DEFAULT_IMAGE shares every page that has no image of its
    own; its size is read from the file once per build, not once per page."""
    from seo_helpers import png

    from pelican_pullmarketing.seo import images

    reads = []
    real = images.image_size
    monkeypatch.setattr(
        images, "image_size", lambda path: reads.append(path) or real(path)
    )
    site.write("images/share.png", png(1200, 630))
    for slug in ("one", "two", "three"):
        site.article(slug)
    site.article("own", image="{static}/images/share.png")
    out = site.build(
        THEME="notmyidea",
        STATIC_PATHS=["images"],
        PULLMARKETING_DEFAULT_IMAGE="images/share.png",
        # Generated share cards would come before the default image.
        PULLMARKETING_SHARE_CARDS=None,
    )
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert meta(html, "og:image") == "https://example.com/images/share.png", page
        assert meta(html, "og:image:width") == "1200", page
    assert len(reads) <= 2, reads  # the default and the article's own value


def _theme(site, titles: dict[str, str], head: str = "") -> str:
    """A small theme whose templates write the given <title> blocks."""
    folder = site.root / "blogtheme" / "templates"
    folder.mkdir(parents=True)
    (folder / "base.html").write_text(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<title>{% block title %}{{ SITENAME }}{% endblock %}</title>"
        + head
        + "{% block head %}{% endblock %}</head><body><main>{% block content %}"
        "{% endblock %}</main></body></html>",
        encoding="utf-8",
    )
    for name in (
        "index",
        "article",
        "page",
        "category",
        "tag",
        "tags",
        "categories",
        "archives",
        "author",
        "authors",
        "period_archives",
    ):
        block = titles.get(name)
        body = f"{{% block title %}}{block}{{% endblock %}}" if block else ""
        (folder / f"{name}.html").write_text(
            '{% extends "base.html" %}' + body, encoding="utf-8"
        )
    return str(folder.parent)


def _titles(out) -> dict[str, str]:
    import html as html_module
    import re as re_module

    found = {}
    for path in sorted(out.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        m = re_module.search(r"<title>(.*?)</title>", text, re_module.S)
        found[str(path.relative_to(out))] = (
            html_module.unescape(m.group(1)) if m else None
        )
    return found


def test_one_title_format_on_the_site_the_themes(site):
    theme = _theme(
        site,
        {
            "article": "{{ SITENAME }} – {{ article.title }}",
            "category": "{{ SITENAME }}{{ SITENAME }} - {{ category }} category",
            "tag": "{{ SITENAME }} – {{ tag }} tag",
        },
    )
    site.article("post", "Text.", title="First post", category="News", tags="tips")
    site.article(
        "other", "Text.", title="Second post", category="News", date="2024-03-05"
    )
    out = site.build(THEME=theme, PLUGINS=["pelican_pullmarketing.seo"])
    titles = _titles(out)
    assert titles["post.html"] == "Example Firm – First post"  # the theme's, kept
    # a list page in another format gets the theme's format
    assert titles["category/news.html"] == "Example Firm – News"
    # one that follows it keeps its own words
    assert titles["tag/tips.html"] == "Example Firm – tips tag"
    # pages the theme gives only the site name get a title of their own
    assert titles["archives.html"] == "Example Firm – Archives"
    assert titles["index.html"] == "Example Firm"  # home: the theme's
    values = [t for t in titles.values() if t]
    assert len(values) == len(set(values)), titles
    separators = {
        t.split("Example Firm", 1)[1][:3] for t in values if t != "Example Firm"
    }
    assert separators == {" – "}


def test_without_a_theme_format_the_setting_gives_it(site):
    theme = _theme(site, {})  # every page: just the site name
    site.article("post", "Text.", title="First post", category="News")
    out = site.build(
        THEME=theme,
        PLUGINS=["pelican_pullmarketing.seo"],
        PULLMARKETING_TITLE_FORMAT="{site} · {title}",
    )
    titles = _titles(out)
    assert titles["post.html"] == "Example Firm · First post"
    assert titles["category/news.html"] == "Example Firm · News"
    assert titles["index.html"] == "Example Firm"


def test_a_theme_description_or_url_that_disagrees_is_replaced_where_it_was(site):
    head = (
        '<meta name="description" content="{{ SITESUBTITLE }}">'
        '<meta property="og:description" content="{% if article %}{{ article.summary|striptags }}{% else %}Site wide{% endif %}">'
        '<meta property="og:url" content="{{ SITEURL }}">'
        '{% if article %}<meta property="article:published_time" content="{{ article.date }}">'
        '<meta property="article:modified_time" content="">{% endif %}'
    )
    theme = _theme(site, {"article": "{{ article.title }} | {{ SITENAME }}"}, head)
    site.article(
        "post",
        "A long body. " * 40,
        title="First post",
        description="What the post says, in one sentence.",
    )
    out = site.build(
        THEME=theme, PLUGINS=["pelican_pullmarketing.seo"], SITESUBTITLE="Heating"
    )
    page = (out / "post.html").read_text(encoding="utf-8")
    assert meta_counts(page)["description"] == 1
    for name in ("description", "og:description", "twitter:description"):
        assert meta(page, name) == "What the post says, in one sentence.", name
    assert meta(page, "og:url") == "https://example.com/post.html"
    assert meta(page, "article:published_time") == "2024-03-04T10:00:00+00:00"
    assert meta(page, "article:modified_time") == "2024-03-04T10:00:00+00:00"
    # in place: the theme's order is kept, its description before its og:url
    assert page.index('name="description"') < page.index('property="og:url"')
