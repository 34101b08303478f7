"""The one absolute-URL helper of the SEO feature.

Canonical, Open Graph, hreflang, sitemap and JSON-LD URLs must be absolute;
they come from SITEURL as set in the settings (never the per-page relative
SITEURL Pelican puts in the template context under RELATIVE_URLS). With an
empty SITEURL, ``absolute()`` returns None and those tags are left out.
"""

from __future__ import annotations

from string import Formatter

from ..urls import absolute_url, is_absolute
from .pageinfo import url_path


class SiteLinks:
    def __init__(self, settings: dict):
        self.siteurl = (settings.get("SITEURL") or "").rstrip("/")
        self._doc_urls: dict[int, tuple[object, str]] = {}
        self.memo: dict[str, object] = {}  # values fixed for a build (publisher)
        self._kinds: dict | None = None
        self._patterns: dict[tuple[str, int], tuple[object, str | None]] = {}

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

    def doc_path(self, doc) -> str:
        """A document's site path (Pelican computes ``doc.url`` from settings
        on every access: lists ask for the same documents again and again)."""
        key = id(doc)
        hit = self._doc_urls.get(key)
        if hit is None or hit[0] is not doc:
            url = self.simple_url(doc)
            hit = (doc, url_path(doc.url if url is None else url))
            self._doc_urls[key] = hit
        return hit[1]

    def simple_url(self, doc) -> str | None:
        """``doc.url`` where the URL pattern that applies names no field but
        ``{slug}`` and ``{lang}`` (Pelican's default ``{slug}.html``, or
        ``{slug}/``): the pattern formatted with those two values, which is
        what Pelican computes (``Content._expand_settings`` formats the same
        pattern with ``url_format``, whose ``slug`` and ``lang`` are these)
        without building ``url_format`` (the document's metadata copied, its
        source path made relative, its category and author slugs). None
        (ask Pelican) for a ``URL:`` of the document's own, other patterns
        and classes other than Pelican's Article and Page."""
        kinds = self._kinds
        if kinds is None:
            from pelican.contents import Article, Page

            kinds = self._kinds = {Article: "ARTICLE", Page: "PAGE"}
        kind = kinds.get(doc.__class__)
        if kind is None or hasattr(doc, "override_url"):
            return None
        if getattr(doc, "status", None) == "draft":
            kind = "DRAFT" if kind == "ARTICLE" else "DRAFT_PAGE"
        if not getattr(doc, "in_default_lang", True):
            kind += "_LANG"
        settings = getattr(doc, "settings", None)
        known = self._patterns.get((kind, id(settings)))
        if known is None or known[0] is not settings:
            pattern = settings.get(kind + "_URL") if settings is not None else None
            known = (settings, pattern if _only_slug_and_lang(pattern) else None)
            self._patterns[kind, id(settings)] = known
        pattern = known[1]
        if pattern is None:
            return None
        return pattern.format(
            slug=getattr(doc, "slug", ""), lang=getattr(doc, "lang", "en")
        )

    def href(self, path: str) -> str:
        """For links that may stay relative (prev/next, feeds): absolute when
        possible, else root-relative."""
        return self.absolute(path) or "/" + path.lstrip("/")

    @property
    def home(self) -> str | None:
        return self.absolute("")


def _only_slug_and_lang(pattern) -> bool:
    """True for a format string whose fields are only ``{slug}`` and
    ``{lang}`` (a format spec allowed, no nested field)."""
    if not isinstance(pattern, str):
        return False
    try:
        fields = list(Formatter().parse(pattern))
    except ValueError:
        return False
    return all(
        name is None or (name in ("slug", "lang") and "{" not in (spec or ""))
        for _, name, spec, _ in fields
    )
