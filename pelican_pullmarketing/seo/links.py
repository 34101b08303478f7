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
        self._kinds: dict | None = None
        self._same_pattern: dict[tuple[str, int], bool] = {}

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

    def doc_path(self, doc, saved_as: str | None = None) -> str:
        """A document's site path (Pelican computes ``doc.url`` from settings
        on every access: lists ask for the same documents again and again).

        ``saved_as`` is the file the document's page is written to (the
        context's ``output_file``): where Pelican's URL pattern for the
        document is its SAVE_AS pattern, or that pattern less a trailing
        ``index.html``, the path is read from it instead of asking Pelican to
        format the URL once more (see ``url_from_save_as``)."""
        key = id(doc)
        hit = self._doc_urls.get(key)
        if hit is None or hit[0] is not doc:
            if saved_as is not None and self.url_from_save_as(doc):
                hit = (doc, url_path(saved_as))
            else:
                hit = (doc, url_path(doc.url))
            self._doc_urls[key] = hit
        return hit[1]

    def url_from_save_as(self, doc) -> bool:
        """True when ``url_path(doc.url) == url_path(doc.save_as)`` follows
        from the settings alone. Pelican formats both from one dictionary
        of the document's values (``Content._expand_settings``) with the
        settings ``{ARTICLE|DRAFT|PAGE|DRAFT_PAGE}[_LANG]_{URL|SAVE_AS}``,
        so two patterns that agree (or differ by SAVE_AS's ``index.html``
        after a URL ending in "/") give paths that agree. Documents with a
        ``URL:``/``Save_as:`` of their own and classes other than Pelican's
        Article and Page (which may format differently) are asked."""
        cls = doc.__class__
        kinds = self._kinds
        if kinds is None:
            from pelican.contents import Article, Page

            kinds = self._kinds = {Article: "ARTICLE", Page: "PAGE"}
        kind = kinds.get(cls)
        if (
            kind is None
            or hasattr(doc, "override_url")
            or hasattr(doc, "override_save_as")
        ):
            return False
        if getattr(doc, "status", None) == "draft":
            kind = "DRAFT" if kind == "ARTICLE" else "DRAFT_PAGE"
        if not getattr(doc, "in_default_lang", True):
            kind += "_LANG"
        settings = getattr(doc, "settings", None) or {}
        same = self._same_pattern.get((kind, id(settings)))
        if same is None:
            url = settings.get(kind + "_URL")
            save_as = settings.get(kind + "_SAVE_AS")
            same = self._same_pattern[kind, id(settings)] = (
                isinstance(url, str)
                and isinstance(save_as, str)
                and (
                    url == save_as
                    or (url.endswith("/") and save_as == url + "index.html")
                )
            )
        return same

    def href(self, path: str) -> str:
        """For links that may stay relative (prev/next, feeds): absolute when
        possible, else root-relative."""
        return self.absolute(path) or "/" + path.lstrip("/")

    @property
    def home(self) -> str | None:
        return self.absolute("")
