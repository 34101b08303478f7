"""The one absolute-URL helper of the SEO feature.

Canonical, Open Graph, hreflang, sitemap and JSON-LD URLs must be absolute;
they come from SITEURL as set in the settings (never the per-page relative
SITEURL Pelican puts in the template context under RELATIVE_URLS). With an
empty SITEURL, ``absolute()`` returns None and those tags are left out.
"""

from __future__ import annotations

from ..urls import absolute_url, is_absolute


class SiteLinks:
    def __init__(self, settings: dict):
        self.siteurl = (settings.get("SITEURL") or "").rstrip("/")

    def absolute(self, path: str | None) -> str | None:
        """Absolute URL of a site-relative ``path`` (or ``path`` itself when
        already absolute); None without SITEURL."""
        if path is None:
            return None
        if is_absolute(path):
            return path
        if not self.siteurl:
            return None
        return absolute_url(self.siteurl, path)

    def href(self, path: str) -> str:
        """For links that may stay relative (prev/next, feeds): absolute when
        possible, else root-relative."""
        return self.absolute(path) or "/" + path.lstrip("/")

    @property
    def home(self) -> str | None:
        return self.absolute("")
