"""The one absolute-URL helper of the SEO feature.

Canonical, Open Graph, hreflang, sitemap and JSON-LD URLs must be absolute;
they come from SITEURL as set in the settings (never the per-page relative
SITEURL Pelican puts in the template context under RELATIVE_URLS). With an
empty SITEURL, ``absolute()`` returns None and those tags are left out.
"""

from __future__ import annotations

from ..urls import absolute_url, is_absolute
from .pageinfo import url_path


class SiteLinks:
    def __init__(self, settings: dict):
        self.siteurl = (settings.get("SITEURL") or "").rstrip("/")
        self._doc_urls: dict[int, tuple[object, str]] = {}
        self.memo: dict[str, object] = {}  # values fixed for a build (publisher)

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
        key = id(doc)
        hit = self._doc_urls.get(key)
        if hit is None or hit[0] is not doc:
            hit = self._doc_urls[key] = (doc, url_path(doc.url))
        return hit[1]

    def href(self, path: str) -> str:
        """For links that may stay relative (prev/next, feeds): absolute when
        possible, else root-relative."""
        return self.absolute(path) or "/" + path.lstrip("/")

    @property
    def home(self) -> str | None:
        return self.absolute("")
