"""The same small site through notmyidea, simple and the bundled theme: every
page type has exactly one title, description and canonical, no duplicate
meta, and one JSON-LD block that parses with the required properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from seo_helpers import (
    SCRIPT_TITLE_TEXT,
    THEMES,
    SiteBuilder,
    build_settings,
    disconnect_signals,
    head_elements,
    jsonld_blocks,
    links,
    meta,
    meta_counts,
    nodes,
    write_content,
)

# Output file -> page kind, for the default Pelican URL settings.
PAGES = {
    "boiler-pressure.html": "article",
    "boiler-pressure-fr.html": "article",
    "heat-pump-noise.html": "article",
    "boiler-guide.html": "gate_landing",
    "pages/about.html": "page",
    "index.html": "home",
    "index2.html": "index",
    "category/boilers.html": "category",
    "category/boilers2.html": "category",
    "tag/boilers.html": "tag",
    "author/sam-fitter.html": "author",
    "archives.html": "archives",
    "tags.html": "list",
    "categories.html": "list",
    "topics/boilers/index.html": "topic",
    "subscribe/index.html": "subscribe",
    "404.html": "notfound",
}
MULTI = {"article:tag", "og:locale:alternate", "tags", "keywords"}


@pytest.fixture(scope="module", params=sorted(THEMES))
def built(request, tmp_path_factory):
    site = SiteBuilder(tmp_path_factory.mktemp(request.param))
    write_content(site)
    disconnect_signals()
    out = site.build(**build_settings(THEMES[request.param]))
    thanks = sorted(out.glob("downloads/**/*.html"))
    return request.param, out, thanks


def read(out, rel):
    return (out / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("rel", sorted(PAGES))
def test_one_of_each_head_tag(built, rel):
    _, out, _ = built
    html = read(out, rel)
    elements = head_elements(html)
    assert sum(e == "title" for e, _, _ in elements) == 1
    counts = meta_counts(html)
    assert counts["description"] == 1
    assert len(links(html, "canonical")) == 1
    assert [k for k, n in counts.items() if n > 1 and k not in MULTI] == []
    assert len(jsonld_blocks(html)) == 1
    canonical = links(html, "canonical")[0]["href"]
    assert canonical.startswith("https://")
    assert meta(html, "og:url") == canonical


def test_bundled_theme_renders_the_head_block_itself(built):
    import pelican_pullmarketing
    from pelican_pullmarketing.seo.head import MARKER

    theme, out, thanks = built
    base = Path(pelican_pullmarketing.theme_path()) / "templates" / "base.html"
    if theme != "bundled" or not base.is_file():
        pytest.skip("only the bundled theme calls pullmarketing_head()")
    for rel in [*PAGES, *(str(p.relative_to(out)) for p in thanks)]:
        assert MARKER in read(out, rel), rel


@pytest.mark.parametrize("rel", sorted(PAGES))
def test_breadcrumbs_have_two_levels_or_none(built, rel):
    _, out, _ = built
    crumbs = nodes(read(out, rel)).get("BreadcrumbList")
    if PAGES[rel] in ("home", "notfound"):
        assert crumbs is None
    else:
        items = crumbs["itemListElement"]
        assert len(items) >= 2
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == "https://example.com/"


def test_article_blogposting(built):
    _, out, _ = built
    html = read(out, "boiler-pressure.html")
    post = nodes(html)["BlogPosting"]
    assert post["headline"] == SCRIPT_TITLE_TEXT
    assert len(post["headline"]) <= 110
    assert post["datePublished"] == "2024-03-04T10:00:00+00:00"
    assert post["dateModified"] == "2024-07-01T09:30:00+01:00"
    assert post["author"] == [
        {
            "@type": "Person",
            "name": "Sam Fitter",
            "url": "https://example.com/author/sam-fitter.html",
        }
    ]
    assert post["publisher"]["@id"] == "https://example.com/#publisher"
    assert post["mainEntityOfPage"]["@id"] == "https://example.com/boiler-pressure.html"
    assert post["image"]["url"] == "https://example.com/images/boiler.png"
    assert (post["image"]["width"], post["image"]["height"]) == (1200, 630)
    assert post["keywords"] == "boilers, pressure, boiler pressure"
    assert post["description"].startswith("Why boiler pressure drops")
    publisher = nodes(html)["Organization"]
    assert publisher["name"] == "Example Firm Ltd"
    assert publisher["logo"]["url"] == "https://example.com/images/boiler.png"
    assert publisher["sameAs"] == ["https://www.linkedin.com/company/example"]


def test_article_open_graph_and_twitter(built):
    _, out, _ = built
    html = read(out, "boiler-pressure.html")
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:image") == "https://example.com/images/boiler.png"
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta(html, "article:published_time") == "2024-03-04T10:00:00+00:00"
    assert meta(html, "article:section") == "Boilers"
    assert meta_counts(html)["article:tag"] == 2
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:title") == SCRIPT_TITLE_TEXT


def test_title_is_escaped_and_in_the_themes_format(built):
    theme, out, _ = built
    html = read(out, "boiler-pressure.html")
    title = next(t for e, _, t in head_elements(html) if e == "title")
    assert "</script>" not in title and "<!--" not in title
    # simple writes "Site - Post" (unescaped: written again, escaped, in
    # its format); the others put the document title first.
    first = "Example Firm - " if theme == "simple" else ""
    assert title.strip().startswith(first + "Boiler &lt;/script&gt;")
    # The script text cannot close its element or open a comment.
    script = html.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script


def test_translations_hreflang(built):
    _, out, _ = built
    html = read(out, "boiler-pressure.html")
    hreflang = {
        a["hreflang"]: a["href"] for a in links(html, "alternate") if "hreflang" in a
    }
    assert hreflang == {
        "en": "https://example.com/boiler-pressure.html",
        "fr": "https://example.com/boiler-pressure-fr.html",
    }
    assert meta(html, "og:locale:alternate") == "fr_FR"


def test_pagination_prev_next(built):
    _, out, _ = built
    first, second = read(out, "index.html"), read(out, "index2.html")
    assert links(first, "prev") == []
    assert links(first, "next")[0]["href"] == "https://example.com/index2.html"
    assert links(second, "prev")[0]["href"] == "https://example.com/"
    assert links(second, "canonical")[0]["href"] == "https://example.com/index2.html"


def test_home_website_and_collections(built):
    _, out, _ = built
    home = nodes(read(out, "index.html"))
    assert home["WebSite"]["url"] == "https://example.com/"
    assert home["WebSite"]["publisher"]["@id"] == home["Organization"]["@id"]
    for rel in (
        "category/boilers.html",
        "tag/boilers.html",
        "topics/boilers/index.html",
    ):
        page = nodes(read(out, rel))["CollectionPage"]
        items = page["mainEntity"]["itemListElement"]
        assert items and all(i["url"].startswith("https://example.com/") for i in items)


def test_page_and_noindex_kinds(built):
    _, out, thanks = built
    assert nodes(read(out, "pages/about.html"))["WebPage"]["name"] == "About us"
    assert "noindex" in meta(read(out, "404.html"), "robots")
    assert meta(read(out, "pages/old-prices.html"), "robots") == "noindex, follow"
    assert meta(read(out, "pages/about.html"), "robots") is None
    assert thanks, "the gate wrote no thank-you page"
    for page in thanks:
        html = page.read_text(encoding="utf-8")
        assert meta_counts(html)["robots"] == 1
        assert "noindex" in meta(html, "robots")
        assert len(jsonld_blocks(html)) == 1


def test_canonical_metadata_wins(built):
    _, out, _ = built
    html = read(out, "first-on-medium.html")
    assert (
        links(html, "canonical")[0]["href"]
        == "https://medium.com/@firm/first-on-medium-123"
    )


def test_gate_landing_describes_the_paper(built):
    _, out, _ = built
    post = nodes(read(out, "boiler-guide.html"))["BlogPosting"]
    paper = post["about"]
    assert paper["@type"] == "DigitalDocument"
    assert paper["encodingFormat"] == "application/pdf"
    assert paper["description"].startswith("Twelve pages")
    assert "downloads" not in str(paper)  # the file's secret URL is never exposed


def test_feed_autodiscovery(built):
    _, out, _ = built
    hrefs = [
        a["href"]
        for a in links(read(out, "boiler-pressure.html"), "alternate")
        if a.get("type")
    ]
    assert hrefs.count("https://example.com/feeds/all.atom.xml") == 1
    assert any("/topics/boilers/" in h for h in hrefs)
    sub = [
        a["href"]
        for a in links(read(out, "subscribe/index.html"), "alternate")
        if a.get("type")
    ]
    assert any("/topics/heat-pumps/" in h for h in sub)
    assert len(sub) == len(set(sub))


def test_item_positions_continue_across_pages(built):
    _, out, _ = built
    first = nodes(read(out, "category/boilers.html"))["CollectionPage"]["mainEntity"]
    second = nodes(read(out, "category/boilers2.html"))["CollectionPage"]["mainEntity"]
    assert [i["position"] for i in first["itemListElement"]] == [1]
    assert [i["position"] for i in second["itemListElement"]] == [2]
    assert first["numberOfItems"] == second["numberOfItems"] >= 2
    assert meta(read(out, "category/boilers.html"), "description") != meta(
        read(out, "category/boilers2.html"), "description"
    )
