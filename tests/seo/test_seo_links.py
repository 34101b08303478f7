"""A document's URL as the SEO feature reads it: formatted here where
Pelican's URL pattern names only the slug and language, from Pelican
otherwise, and the same either way."""

from __future__ import annotations

import pytest
from pelican.contents import Article, Page
from seo_helpers import links

from pelican_pullmarketing.seo.links import SiteLinks
from pelican_pullmarketing.seo.pageinfo import url_path


def _article(settings: dict, **meta) -> Article:
    from datetime import datetime

    values = {
        "title": "Boiler Pressure",
        "slug": "boiler",
        "date": datetime(2024, 3, 4),
    }
    values.update(meta)
    return Article("Text.", metadata=values, settings=settings)


@pytest.fixture
def settings():
    from pelican.settings import DEFAULT_CONFIG

    return dict(DEFAULT_CONFIG, SITEURL="https://example.com")


@pytest.mark.parametrize(
    ("pattern", "simple"),
    [
        ("{slug}.html", True),
        ("posts/{slug}/", True),
        ("/{lang}/{slug}", True),
        ("{slug!s:>3}.html", True),
        ("", True),
        ("{date:%Y}/{slug}/", False),
        ("{category}/{slug}.html", False),
        ("{slug[0]}/{slug}", False),
        ("{}.html", False),
        ("{slug:{lang}}", False),
        ("{slug", False),
    ],
)
def test_url_is_formatted_here_only_for_slug_and_lang_patterns(
    settings, pattern, simple
):
    settings.update(ARTICLE_URL=pattern, ARTICLE_SAVE_AS="{slug}.html")
    doc = _article(settings)
    site = SiteLinks(settings)
    made = site.simple_url(doc)
    assert (made is not None) is simple
    try:
        expected = doc.url
    except (ValueError, IndexError, KeyError):
        return  # a pattern Pelican itself cannot format
    if simple:
        assert made == expected
    # Either way the path is Pelican's own.
    assert site.doc_path(doc) == url_path(expected)


def test_own_url_drafts_translations_and_other_classes(settings):
    settings.update(
        DRAFT_URL="drafts/{slug}.html",
        ARTICLE_LANG_URL="{lang}/{date:%Y}/{slug}/",
        PAGE_URL="{slug}/",
    )
    site = SiteLinks(settings)
    assert site.simple_url(_article(settings, url="elsewhere/boiler/")) is None
    draft = _article(settings, status="draft")
    assert site.simple_url(draft) == "drafts/boiler.html" == draft.url
    french = _article(settings, lang="fr")
    assert site.simple_url(french) is None  # its LANG pattern names the date
    assert site.doc_path(french) == "fr/2024/boiler/" == french.url

    class Custom(Article):
        @property
        def url(self):
            return "custom/" + self.slug

    custom = Custom(
        "T", metadata={"title": "T", "slug": "t", "date": draft.date}, settings=settings
    )
    assert site.simple_url(custom) is None
    assert site.doc_path(custom) == "custom/t"
    page = Page(
        "Text.", metadata={"title": "About", "slug": "about"}, settings=settings
    )
    assert site.simple_url(page) == "about/" == page.url


def test_a_built_site_has_pelicans_urls_whatever_the_patterns(site):
    site.article("boiler")
    site.article("pump", lang="en")
    site.write(
        "pump-fr.md",
        "Title: Pompe\nDate: 2024-03-04 10:00\nCategory: News\nSlug: pump\n"
        "Lang: fr\n\nTexte.\n",
    )
    site.article("own-url", url="elsewhere/own/", save_as="elsewhere/own/index.html")
    site.page("about")
    out = site.build(
        THEME="notmyidea",
        ARTICLE_URL="{date:%Y}/{slug}/",
        ARTICLE_SAVE_AS="{date:%Y}/{slug}/index.html",
        ARTICLE_LANG_URL="{lang}/{slug}",
        ARTICLE_LANG_SAVE_AS="{lang}/{slug}/index.html",
        PAGE_URL="{slug}/",
        PAGE_SAVE_AS="{slug}/index.html",
    )

    def canonical(path: str) -> str:
        html = (out / path).read_text(encoding="utf-8")
        return links(html, "canonical")[0]["href"]

    assert canonical("2024/boiler/index.html") == "https://example.com/2024/boiler/"
    assert canonical("2024/pump/index.html") == "https://example.com/2024/pump/"
    # The translation's URL pattern differs from its file's: Pelican's URL.
    assert canonical("fr/pump/index.html") == "https://example.com/fr/pump"
    assert canonical("elsewhere/own/index.html") == "https://example.com/elsewhere/own/"
    assert canonical("about/index.html") == "https://example.com/about/"
