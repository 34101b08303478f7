"""Documents' URLs given once (``urls.fix_urls``): Pelican's own value, in
the attribute Pelican itself sets for a ``URL:`` metadata line."""

from __future__ import annotations

from datetime import datetime

from pelican.contents import Article, Page
from pelican.settings import DEFAULT_CONFIG

from pelican_pullmarketing.urls import fix_urls


def _settings(**overrides) -> dict:
    return dict(DEFAULT_CONFIG, SITEURL="https://example.com", **overrides)


def test_each_document_gets_the_url_pelican_computes():
    settings = _settings(
        ARTICLE_URL="{date:%Y}/{lang}/{slug}/",
        ARTICLE_SAVE_AS="{date:%Y}/{lang}/{slug}/index.html",
    )
    doc = Article(
        "Text.",
        metadata={"title": "T", "slug": "boiler", "date": datetime(2024, 3, 4)},
        settings=settings,
    )
    expected, expected_file = doc.url, doc.save_as
    fix_urls([doc])
    assert doc.override_url == expected == "2024/en/boiler/"
    assert doc.override_save_as == expected_file == "2024/en/boiler/index.html"
    doc.slug = "renamed"  # fixed: later changes no longer count
    assert doc.url == "2024/en/boiler/"
    assert doc.save_as == "2024/en/boiler/index.html"  # the file where it links


def test_a_translation_keeps_its_language_patterns_and_own_save_as_is_kept():
    settings = _settings(
        ARTICLE_TRANSLATION_ID="slug",
        ARTICLE_LANG_URL="{lang}/{slug}.html",
        ARTICLE_LANG_SAVE_AS="{lang}/{slug}.html",
    )
    meta = {"title": "T", "slug": "chaudiere", "date": datetime(2024, 3, 4)}
    french = Article("Texte.", metadata=dict(meta, lang="fr"), settings=settings)
    own = Page(
        "Text.",
        metadata={
            "title": "P",
            "slug": "p",
            "save_as": "own/file.html",
            "url": "own/file.html",
        },
        settings=_settings(),
    )
    fix_urls([french, own])
    assert (french.url, french.save_as) == ("fr/chaudiere.html", "fr/chaudiere.html")
    assert own.override_save_as == "own/file.html"


def test_a_url_that_does_not_lead_to_the_written_file_follows_the_file():
    # A page saved as about/index.html under Pelican's default pages/about.html
    # (no `url:`), and an article whose `url:` names another file.
    page = Page(
        "Text.",
        metadata={"title": "T", "slug": "projets", "save_as": "about/index.html"},
        settings=_settings(),
    )
    article = Article(
        "Text.",
        metadata={
            "title": "A",
            "slug": "a",
            "date": datetime(2024, 3, 4),
            "url": "2024/a/",
            "save_as": "a.html",
        },
        settings=_settings(),
    )
    agreeing = Page(
        "Text.",
        metadata={"title": "C", "slug": "c", "url": "c", "save_as": "c/index.html"},
        settings=_settings(),
    )
    told = []
    fix_urls([page, article, agreeing], warn=lambda d, u, s: told.append((d, u, s)))
    assert page.url == "about/" and article.url == "a.html"
    assert agreeing.url == "c"  # "c" is served by c/index.html (a redirect to c/)
    assert told == [
        (page, "pages/projets.html", "about/"),
        (article, "2024/a/", "a.html"),
    ]
    told.clear()
    fix_urls([page, article], warn=lambda d, u, s: told.append(d))
    assert told == []  # once fixed, they agree


def test_a_pattern_the_document_cannot_fill_is_left_to_pelican():
    # A field the page does not have: Pelican itself cannot format this URL.
    doc = Page(
        "Text.",
        metadata={"title": "T", "slug": "about"},
        settings=_settings(PAGE_URL="{series}/{slug}/"),
    )
    other = Page(
        "Text.", metadata={"title": "U", "slug": "contact"}, settings=_settings()
    )

    class Slotted:  # a generator's list may hold other objects
        __slots__ = ("url",)

        def __init__(self):
            self.url = "slotted.html"

    fix_urls([doc, Slotted(), other])
    assert not hasattr(doc, "override_url")
    assert other.override_url == "pages/contact.html"


def test_an_address_urllib_refuses_is_kept_as_written_not_a_traceback():
    # urllib raises ValueError("Invalid IPv6 URL") on an unclosed bracket; an
    # article may hold one. Feeds and copies keep it as the author wrote it.
    from pelican_pullmarketing import urls

    base = "https://example.com/2024/post/"
    assert urls.join(base, "http://[broken/a.png") == "http://[broken/a.png"
    assert urls.join(base, "b.png") == "https://example.com/2024/post/b.png"
    assert not urls.is_absolute("http://[broken/")
    assert urls.scheme_of("http://[broken/") == ""
    assert urls.scheme_of("HTTPS://example.com/") == "https"
    markup = '<img src="http://[broken/a.png"> <img src="b.png">'
    assert urls.absolutize_html(markup, base) == (
        '<img src="http://[broken/a.png"> '
        '<img src="https://example.com/2024/post/b.png">'
    )
