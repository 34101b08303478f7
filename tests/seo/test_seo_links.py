"""A document's URL as the SEO feature reads it: Pelican's own, computed
once per build (``core.fix_document_urls``) where Pelican reads it too."""

from __future__ import annotations

from seo_helpers import links

from pelican_pullmarketing.seo.links import SiteLinks
from pelican_pullmarketing.seo.pageinfo import url_path
from tests.conftest import plugin_module, renamer, url_recorder

_PATTERNS = dict(
    ARTICLE_URL="{date:%Y}/{slug}/",
    ARTICLE_SAVE_AS="{date:%Y}/{slug}/index.html",
    ARTICLE_LANG_URL="{lang}/{slug}",
    ARTICLE_LANG_SAVE_AS="{lang}/{slug}/index.html",
    DRAFT_URL="drafts/{category}/{slug}.html",
    DRAFT_SAVE_AS="drafts/{category}/{slug}.html",
    PAGE_URL="{slug}/",
    PAGE_SAVE_AS="{slug}/index.html",
)


def test_every_document_gets_pelicans_own_url_once(site):
    site.article("boiler")
    site.write(
        "boiler-fr.md",
        "Title: Chaudière\nDate: 2024-03-04 10:00\nCategory: News\nSlug: boiler\n"
        "Lang: fr\n\nTexte.\n",
    )
    site.article("draft", status="draft")
    site.article("own-url", url="elsewhere/own/", save_as="elsewhere/own/index.html")
    site.page("about")
    site.page("secret", status="hidden")
    site.article("hidden-post", status="hidden")
    site.page("draft-page", status="draft")
    seen, record = url_recorder()

    site.build(
        THEME="notmyidea",
        PLUGINS=[
            "pelican_pullmarketing.seo",
            plugin_module("recorder", all_generators_finalized=record),
        ],
        **_PATTERNS,
    )
    fixed = {doc.source_path.rsplit("/", 1)[-1]: doc for doc, _ in seen}
    given = {doc.source_path.rsplit("/", 1)[-1]: url for doc, url in seen}
    assert sorted(fixed) == [
        "about.md",
        "boiler-fr.md",
        "boiler.md",
        "draft-page.md",
        "draft.md",
        "hidden-post.md",
        "own-url.md",
        "secret.md",
    ]
    assert given["boiler.md"] == "2024/boiler/"
    assert given["boiler-fr.md"] == "fr/boiler"
    assert given["draft.md"] == "drafts/news/draft.html"
    assert given["own-url.md"] == "elsewhere/own/"  # its URL: metadata
    assert given["secret.md"] == "secret/"
    assert given["hidden-post.md"] == "2024/hidden-post/"
    assert given["draft-page.md"] == "drafts/pages/draft-page.html"
    for name, doc in fixed.items():
        if name != "own-url.md":
            del doc.override_url  # what Pelican computes without it
        assert doc.url == given[name], name


def test_a_slug_changed_before_the_documents_are_final_counts(site):
    # Another plugin renames an article when the pages are read: the URL is
    # fixed after every generator finished, so Pelican's lists and our
    # canonical link and sitemap agree on the new one.
    site.article("boiler")

    out = site.build(
        THEME="notmyidea",
        PLUGINS=[
            "pelican_pullmarketing.seo",
            plugin_module("renamer", page_generator_finalized=renamer("renamed")),
        ],
    )
    page = (out / "renamed.html").read_text(encoding="utf-8")
    assert links(page, "canonical")[0]["href"] == "https://example.com/renamed.html"
    assert 'href="https://example.com/renamed.html"' in site.read("index.html")
    assert "<loc>https://example.com/renamed.html</loc>" in site.read("sitemap.xml")


def test_document_paths_outside_a_build_are_pelicans():
    # The head renderer used on its own (no build fixed the URLs) asks Pelican.
    from datetime import datetime

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    settings = dict(DEFAULT_CONFIG, SITEURL="https://example.com", **_PATTERNS)
    doc = Article(
        "Text.",
        metadata={"title": "T", "slug": "boiler", "date": datetime(2024, 3, 4)},
        settings=settings,
    )
    assert not hasattr(doc, "override_url")
    assert SiteLinks(settings).doc_path(doc) == url_path(doc.url) == "2024/boiler/"


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
    out = site.build(THEME="notmyidea", **_PATTERNS)

    def canonical(path: str) -> str:
        html = (out / path).read_text(encoding="utf-8")
        return links(html, "canonical")[0]["href"]

    assert canonical("2024/boiler/index.html") == "https://example.com/2024/boiler/"
    assert canonical("2024/pump/index.html") == "https://example.com/2024/pump/"
    # The translation's URL pattern differs from its file's: Pelican's URL.
    assert canonical("fr/pump/index.html") == "https://example.com/fr/pump"
    assert canonical("elsewhere/own/index.html") == "https://example.com/elsewhere/own/"
    assert canonical("about/index.html") == "https://example.com/about/"
