"""Budgets measured on the built sample site, the site the README's screenshots
and the audit use: every article at most 8 KB of gzipped HTML, at most three
requests for a page without images in its text (four with the logo in the
header), nothing fetched from another origin."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from pelican.settings import read_settings
from test_theme_budgets import ARTICLE_BUDGET, REQUEST_BUDGET, subresources
from theme_helpers import gzipped_size, html_pages, parse

from pelican import Pelican
from tests.conftest import SAMPLE_SITE, disconnect_signals

SITEURL = "https://harbourheating.example"


def test_sample_site_pages_keep_to_the_budgets(tmp_path):
    out = tmp_path / "output"
    disconnect_signals()
    try:
        settings = read_settings(
            str(SAMPLE_SITE / "pelicanconf.py"),
            override={
                "OUTPUT_PATH": str(out),
                "SITEURL": SITEURL,
                "RELATIVE_URLS": False,
                "CACHE_CONTENT": False,
                "LOAD_CONTENT_CACHE": False,
            },
        )
        Pelican(settings).run()
    finally:
        disconnect_signals()
    articles = [
        p for p in html_pages(out) if parse(p).xpath("//body[@class='page-article']")
    ]
    assert len(articles) >= 5
    for path in articles:
        assert gzipped_size(path.read_bytes()) <= ARTICLE_BUDGET, path
    for path in html_pages(out):
        root = parse(path)
        fetched = subresources(root)
        for url in fetched:
            assert (
                urlsplit(urljoin(SITEURL + "/", url)).netloc == urlsplit(SITEURL).netloc
            ), (path, url)
        # a page without images in its text: the budget, plus the site's logo
        if not root.xpath("//main//img"):
            logo = root.xpath("//header[@class='site-header']//img[@class='site-logo']")
            assert logo, path
            assert 1 + len(fetched) <= REQUEST_BUDGET + len(logo), (path, fetched)
        assert len(root.xpath("//h1")) == 1, path
