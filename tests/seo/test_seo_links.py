"""A document's URL as the SEO feature reads it: from the written file where
Pelican's URL and SAVE_AS patterns agree, from Pelican otherwise, and the
same either way."""

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
    ("url", "save_as", "follows"),
    [
        ("{slug}.html", "{slug}.html", True),
        ("posts/{slug}/", "posts/{slug}/index.html", True),
        ("{date:%Y}/{slug}/", "{date:%Y}/{slug}/index.html", True),
        ("posts/{slug}", "posts/{slug}/index.html", False),
        ("p/{slug}/", "posts/{slug}/index.html", False),
        ("{slug}/", "{slug}.html", False),
    ],
)
def test_url_is_read_from_the_file_only_where_the_patterns_agree(
    settings, url, save_as, follows
):
    settings.update(ARTICLE_URL=url, ARTICLE_SAVE_AS=save_as)
    doc = _article(settings)
    site = SiteLinks(settings)
    assert site.url_from_save_as(doc) is follows
    # Either way the path is Pelican's own.
    assert site.doc_path(doc, doc.save_as) == url_path(doc.url)


def test_own_url_drafts_translations_and_other_classes_are_asked_of_pelican(
    settings,
):
    settings.update(
        DRAFT_URL="drafts/{slug}.html",
        DRAFT_SAVE_AS="drafts/{slug}.html",
        ARTICLE_LANG_URL="{slug}-{lang}/",
        ARTICLE_LANG_SAVE_AS="{lang}/{slug}.html",
    )
    site = SiteLinks(settings)
    assert not site.url_from_save_as(_article(settings, url="elsewhere/boiler/"))
    assert not site.url_from_save_as(_article(settings, save_as="x/boiler.html"))
    draft = _article(settings, status="draft")
    assert site.url_from_save_as(draft)
    assert site.doc_path(draft, draft.save_as) == "drafts/boiler.html"
    french = _article(settings, lang="fr")
    assert not site.url_from_save_as(french)
    assert site.doc_path(french, french.save_as) == "boiler-fr/"

    class Custom(Article):
        @property
        def url(self):
            return "custom/" + self.slug

    assert not site.url_from_save_as(
        Custom(
            "T",
            metadata={"title": "T", "slug": "t", "date": draft.date},
            settings=settings,
        )
    )
    page = Page(
        "Text.", metadata={"title": "About", "slug": "about"}, settings=settings
    )
    assert site.url_from_save_as(page)
    assert site.doc_path(page, page.save_as) == "pages/about.html"


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
