"""The one absolute-URL helper of the SEO feature.

Canonical, Open Graph, hreflang, sitemap and JSON-LD URLs must be absolute;
they come from SITEURL as set in the settings (never the per-page relative
SITEURL Pelican puts in the template context under RELATIVE_URLS). With an
empty SITEURL, ``absolute()`` returns None and those tags are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..build import notes_of
from ..urls import absolute_url, is_absolute
from .pageinfo import url_path

if TYPE_CHECKING:
    from .head import SiteTags
    from .jsonld import SiteGraph
    from .pageinfo import SiteValues


class SiteLinks:
    def __init__(self, settings: dict):
        self.siteurl = (settings.get("SITEURL") or "").rstrip("/")
        # i18n_subsites: the LOCALE setting of the site of each other
        # language (``subsites.site_locales``), for og:locale:alternate.
        self.site_locales: dict[str, object] = {}
        # What the head, page-info and JSON-LD writers make once per build
        # (each ``X.of(settings, links)``), and the caches they share; all
        # dropped with the build (``build.SeoPart.links``). What is worked
        # out once per document is on the document (``build.DocumentNotes``).
        self.site_tags: SiteTags | None = None  # head: tags every page has
        self.page_site: SiteValues | None = None  # pageinfo: site-wide values
        self.jsonld_site: SiteGraph | None = None  # jsonld: the site's nodes
        self.images: dict[
            tuple, object
        ] = {}  # head: (value, id(static_content)) -> image
        self.category_crumbs: dict[
            tuple, tuple[str, str]
        ] = {}  # pageinfo: category -> (name, path)
        self.crumb_items: dict[
            tuple, list
        ] = {}  # jsonld: crumbs above a page -> their items, written
        self.head_tags: dict[
            str, object
        ] = {}  # inject: a theme's tag as written -> what it is

    def absolute(self, path: str | None) -> str | None:
        """Absolute URL of a site-relative ``path`` (or ``path`` itself when
        already absolute); None without SITEURL."""
        if path is None:
            return None
        if ":" not in path and not path.startswith((".", "//")) and "/." not in path:
            # Pelican's URLs are plain site paths: no need for urljoin's rules.
            return f"{self.siteurl}/{path.lstrip('/')}" if self.siteurl else None
        if is_absolute(path):
            return path
        if not self.siteurl:
            return None
        return absolute_url(self.siteurl, path)

    def page_url(self, info) -> str | None:
        """A page's absolute URL (its ``PageInfo.path`` under SITEURL),
        made once: its canonical link, breadcrumb and sitemap entry write
        it."""
        url = info.url
        if url == "":
            url = info.url = self.absolute(info.path)
        return url

    def doc_path(self, doc) -> str:
        """A document's site path, made once per document (lists ask for the
        same documents again and again; in a build, ``core.fix_document_urls``
        has already given each document its URL)."""
        notes = notes_of(doc)
        path = notes.site_path
        if path is None:
            path = notes.site_path = url_path(doc.url)
        return path

    def href(self, path: str) -> str:
        """For links that may stay relative (prev/next, feeds): absolute when
        possible, else root-relative."""
        return self.absolute(path) or "/" + path.lstrip("/")

    @property
    def home(self) -> str | None:
        return self.absolute("")
