"""Weight budgets measured on built pages: an article at most 14 KB of HTML
gzipped, all CSS at most 10 KB gzipped, at most 3 requests for a text-only page,
and nothing loaded or linked from another origin."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import theme_contract_stub as contract_stub
from test_theme_contract_blocks import STUB_SETTINGS
from theme_helpers import (
    CSS_DIR,
    gzipped_size,
    html_pages,
    parse,
    theme_settings,
    write_articles,
)

ARTICLE_BUDGET = 8 * 1024
CSS_BUDGET = 8 * 1024
REQUEST_BUDGET = 3


def subresources(root) -> list[str]:
    """URLs a browser fetches while loading the page (not links it follows)."""
    fetched_rels = ("stylesheet", "icon", "preload", "modulepreload", "manifest")
    urls = [
        link.get("href")
        for link in root.xpath("//link[@href]")
        if set((link.get("rel") or "").lower().split()) & set(fetched_rels)
        or "icon" in (link.get("rel") or "")
    ]
    urls += root.xpath(
        "//*[self::img or self::script or self::iframe or self::source or self::audio or self::video or self::embed]/@src"
    )
    urls += root.xpath("//object/@data")
    return [u for u in urls if not u.startswith("data:")]


def build_full_site(site):
    write_articles(site)
    site.article(
        "boiler-guide",
        "What the guide covers.",
        date="2024-01-15 09:00",
        category="Boilers",
        stub_gate="yes",
    )
    site.article(
        "syndicated",
        "Copied.",
        date="2024-06-01 09:00",
        category="Boilers",
        stub_syndication="yes",
    )
    settings = dict(STUB_SETTINGS, PLUGINS=[contract_stub])
    return site.build(**theme_settings(**settings))


def test_all_css_is_under_budget():
    css = b"".join(p.read_bytes() for p in sorted(CSS_DIR.glob("*.css")))
    assert gzipped_size(css) <= CSS_BUDGET


def test_article_html_is_under_budget_with_every_block(site):
    out = build_full_site(site)
    article = (
        out / "post-1.html"
    )  # about 1,000 words plus related, feeds, paper, author
    root = parse(article)
    assert root.xpath("//section[contains(@class, 'related')]")
    assert root.xpath("//aside[contains(@class, 'paper-cta')]")
    assert len(root.xpath("//main//p")) >= 8
    assert gzipped_size(article.read_bytes()) <= ARTICLE_BUDGET


def test_text_only_pages_need_at_most_three_requests(site):
    out = build_full_site(site)
    for path in html_pages(out):
        fetched = subresources(parse(path))
        assert 1 + len(fetched) <= REQUEST_BUDGET, (path, fetched)
        assert not parse(path).xpath("//script[not(@type='application/ld+json')]"), (
            f"{path}: the theme needs no JavaScript"
        )


def test_no_other_origin_in_any_href_or_src(site):
    """Only links the site owner asked for leave the site: feed readers and the
    RSS-to-email service (its button) on the subscribe page, copies of an
    article."""
    write_articles(site)
    out = site.build(**theme_settings())
    for path in html_pages(out):
        root = parse(path)
        for element in root.xpath("//*[@href or @src or @action or @srcset or @data]"):
            if (
                element.xpath("ancestor::ul[@class='reader-list']")
                or element.get("rel") == "syndication"
                or (
                    "signup__service" in (element.get("class") or "")
                    and "subscribe" in path.parts
                )
            ):
                continue
            for attr in ("href", "src", "action", "srcset", "data"):
                url = element.get(attr)
                if url is None or url.startswith("data:"):
                    continue
                host = urlsplit(urljoin("https://example.com/", url)).netloc
                assert host == "example.com", f"{path}: {url}"


def test_subresources_stay_on_the_site_with_every_plugin_block(site):
    out = build_full_site(site)
    for path in html_pages(out):
        for url in subresources(parse(path)):
            assert (
                urlsplit(urljoin("https://example.com/", url)).netloc == "example.com"
            ), (path, url)
