"""sitemap.xml and robots.txt: what is listed, what is left out, when the site
provides its own, the index past the URL limit, and an empty SITEURL."""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from seo_helpers import build_settings, links, write_content

from pelican_pullmarketing.seo import sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def urls(out) -> dict[str, str | None]:
    tree = etree.parse(str(out / "sitemap.xml"))
    return {
        u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS)
        for u in tree.findall("s:url", NS)
    }


def test_sitemap_lists_indexable_pages_only(site):
    write_content(site)
    out = site.build(**build_settings("simple"))
    found = urls(out)
    base = "https://example.com/"
    for rel in (
        "",
        "index2.html",
        "boiler-pressure.html",
        "boiler-pressure-fr.html",
        "boiler-guide.html",
        "pages/about.html",
        "category/boilers.html",
        "tag/boilers.html",
        "topics/boilers/",
        "subscribe/",
    ):
        assert base + rel in found, rel
    for rel in (
        "unfinished.html",  # draft
        "drafts/unfinished.html",
        "pages/secret-offer.html",  # hidden
        "pages/old-prices.html",  # robots: noindex
        "first-on-medium.html",  # canonical elsewhere
        "404.html",
        "feeds/all.atom.xml",
        "papers/guide.pdf",
    ):
        assert base + rel not in found, rel
    assert not any("/downloads/" in u for u in found)  # thank-you pages, gated files
    assert found[base + "boiler-pressure.html"] == "2024-07-01T09:30:00+01:00"
    # A list's lastmod is the newest change among the articles on that page.
    assert found[base + "tag/pressure.html"] == "2024-07-01T09:30:00+01:00"
    for lastmod in filter(None, found.values()):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", lastmod)
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.com/sitemap.xml" in robots.splitlines()


def test_sub_path_site_urls(site):
    site.article("post", "Text.")
    out = site.build(SITEURL="https://user.github.io/repo")
    assert "https://user.github.io/repo/post.html" in urls(out)
    assert (
        "Sitemap: https://user.github.io/repo/sitemap.xml"
        in (out / "robots.txt").read_text()
    )


def test_site_provided_files_are_kept(site):
    site.article("post", "Text.")
    site.write("extra/robots.txt", "User-agent: *\nDisallow: /private/\n")
    site.write("extra/sitemap.xml", "<urlset/>\n")
    out = site.build(
        STATIC_PATHS=["extra"],
        EXTRA_PATH_METADATA={
            "extra/robots.txt": {"path": "robots.txt"},
            "extra/sitemap.xml": {"path": "sitemap.xml"},
        },
    )
    assert (out / "robots.txt").read_text() == "User-agent: *\nDisallow: /private/\n"
    assert (out / "sitemap.xml").read_text() == "<urlset/>\n"


def test_sitemap_and_robots_can_be_turned_off(site):
    site.article("post", "Text.")
    out = site.build(PULLMARKETING_SITEMAP_SAVE_AS="", PULLMARKETING_ROBOTS_SAVE_AS="")
    assert not (out / "sitemap.xml").exists() and not (out / "robots.txt").exists()


def test_sitemap_index_past_the_limit(tmp_path):
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    entries = {
        f"https://example.com/p{i}.html": sitemap.Entry(
            f"https://example.com/p{i}.html", when
        )
        for i in range(5)
    }
    written = sitemap.write_sitemaps(
        entries,
        str(tmp_path),
        "sitemap.xml",
        lambda p: "https://example.com/" + p,
        limit=2,
    )
    assert written == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = etree.parse(str(tmp_path / "sitemap.xml"))
    locs = [e.text for e in index.findall("s:sitemap/s:loc", NS)]
    assert locs == [f"https://example.com/sitemap-{i}.xml" for i in (1, 2, 3)]
    parts = [etree.parse(str(tmp_path / f"sitemap-{i}.xml")) for i in (1, 2, 3)]
    assert [len(p.findall("s:url", NS)) for p in parts] == [2, 2, 1]


def test_empty_siteurl_builds_with_one_warning(site, caplog):
    write_content(site)
    caplog.set_level(logging.INFO)
    out = site.build(
        **{**build_settings("notmyidea"), "SITEURL": "", "RELATIVE_URLS": True}
    )
    html = (out / "boiler-pressure.html").read_text(encoding="utf-8")
    assert links(html, "canonical") == []
    assert 'property="og:url"' not in html and 'property="og:image"' not in html
    assert "<title>" in html and 'name="description"' in html
    assert not (out / "sitemap.xml").exists()
    assert "Sitemap:" not in (out / "robots.txt").read_text()
    # The settings check warns once; the SEO feature adds no warning of its own.
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [
        r.name for r in warnings if r.name.startswith("pelican_pullmarketing.seo")
    ] == []
    settings_check = [r for r in warnings if r.name == "pelican_pullmarketing.settings"]
    assert sum("SITEURL is empty" in r.getMessage() for r in settings_check) == 1


def test_bad_publisher_stops_the_build_with_a_clear_message(site):
    import pytest

    from pelican_pullmarketing.errors import BuildFailed

    site.article("post", "Text.")
    with pytest.raises(BuildFailed) as failed:
        site.build(
            PULLMARKETING_PUBLISHER={
                "type": "Company",
                "url": "example.com",
                "colour": 1,
            }
        )
    message = str(failed.value)
    assert "PULLMARKETING_PUBLISHER['type']" in message and "'Company'" in message
    assert "PULLMARKETING_PUBLISHER['url']" in message and "absolute URL" in message
    assert "PULLMARKETING_PUBLISHER['colour']: unknown key" in message
    assert not (site.output / "post.html").exists()


def test_page_paths_normalised_as_normpath_does():
    import os

    from pelican_pullmarketing.seo.plugin import _normpath

    for path in (
        "a/b.html",
        "/x/y.html",
        "a//b",
        "./a",
        "a/./b",
        "a/../b",
        "../a",
        "a/",
        "",
        ".a",
        "a/.b/c",
    ):
        assert _normpath(path) == os.path.normpath(path)


def test_a_sitemap_another_plugin_writes_is_kept(site, caplog):
    # Sitemap plugins write their file before the build finishes; ours would
    # replace it silently.
    from tests.conftest import plugin_module

    site.article("post", "Text.")

    def their_sitemap(generator, writer=None):
        output = generator.output_path
        with open(f"{output}/sitemap.xml", "w", encoding="utf-8") as fh:
            fh.write("<urlset><!-- theirs --></urlset>\n")

    with caplog.at_level(logging.WARNING):
        out = site.build(
            PLUGINS=[
                "pelican_pullmarketing.seo",
                plugin_module("their_sitemap", article_writer_finalized=their_sitemap),
            ]
        )
    assert (out / "sitemap.xml").read_text() == "<urlset><!-- theirs --></urlset>\n"
    # robots.txt is still ours and names the sitemap that is there.
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.com/sitemap.xml" in robots.splitlines()
    assert any(
        "sitemap.xml was written by something else" in r.getMessage()
        and "PULLMARKETING_SITEMAP_SAVE_AS" in r.getMessage()
        for r in caplog.records
    )


def test_a_sitemap_left_from_an_earlier_build_is_replaced(site):
    site.article("post", "Text.")
    site.build(DELETE_OUTPUT_DIRECTORY=False)
    stale = site.output / "sitemap.xml"
    stale.write_text("<urlset/>\n", encoding="utf-8")
    os.utime(stale, (1_000_000_000, 1_000_000_000))  # written long ago
    out = site.build(DELETE_OUTPUT_DIRECTORY=False)
    assert "https://example.com/post.html" in urls(out)


def test_an_empty_page_is_not_in_the_sitemap(site):
    # A home-made theme with an empty authors.html (Pelican writes it anyway).
    theme = site.root / "theme"
    templates = theme / "templates"
    templates.mkdir(parents=True)
    (templates / "authors.html").write_text("", encoding="utf-8")
    (templates / "base.html").write_text(
        "<!DOCTYPE html><html><head><title>{{ SITENAME }}</title></head>"
        "<body>{% block content %}{% endblock %}</body></html>",
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
        "period_archives",
    ):
        (templates / f"{name}.html").write_text(
            '{% extends "base.html" %}', encoding="utf-8"
        )
    site.article("post", "Text.", category="News")
    out = site.build(THEME=str(theme), PLUGINS=["pelican_pullmarketing.seo"])
    assert (out / "authors.html").stat().st_size == 0
    found = urls(out)
    assert "https://example.com/authors.html" not in found
    assert "https://example.com/post.html" in found


def test_canonical_links_and_sitemap_point_to_the_file_written(site, caplog):
    # A page saved as about/index.html with no url: Pelican's url is
    # pages/projets.html, a file that does not exist.
    site.page("projets", "Nos projets.", title="Projets", save_as="about/index.html")
    site.article("post", "Read [our projects]({filename}pages/projets.md).")
    out = site.build(PLUGINS=["pelican_pullmarketing.seo"])
    page = (out / "about" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.com/about/">' in page
    assert '<meta property="og:url" content="https://example.com/about/">' in page
    assert "https://example.com/about/" in urls(out)
    assert "https://example.com/pages/projets.html" not in urls(out)
    # Pelican's own links follow: the article links to the file that exists.
    assert 'href="https://example.com/about/"' in (out / "post.html").read_text()
    assert (
        "pages/projets.md: url 'pages/projets.html' does not lead to the file written, 'about/index.html'"
        in caplog.text
    )


_URL_PIECES = st.sampled_from(
    [*"aZ09./:@%_~!$&'()*+,=-?#;[] \t\n\x01\\é\u3000", "//", "../", "/./"]
)


@settings(max_examples=500, deadline=None)
@given(
    start=st.sampled_from(["http://", "https://", "HTTP://", "http:", "http:///", ""]),
    rest=st.lists(_URL_PIECES, max_size=30).map("".join),
    base=st.sampled_from(
        ["https://example.com/a/b.html", "http://example.com/", "https://x.org/p/"]
    ),
)
def test_an_image_url_joins_as_urljoin_joins_it(start, rest, base):
    # Absolute URLs skip urljoin's parsing only where it returns them as given.
    from urllib.parse import urljoin

    try:
        expected = urljoin(base, start + rest)
    except ValueError:  # "http://[": not an image URL, not a traceback
        expected = ""
    assert sitemap._join(base, start + rest) == expected
