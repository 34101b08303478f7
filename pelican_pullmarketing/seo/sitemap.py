"""sitemap.xml: every indexable HTML page the build wrote, with ``lastmod``.

Entries are collected as pages are written (``content_written``) and written
at ``finalized``. Left out: noindex pages (context ``robots`` or metadata),
drafts, hidden documents, thank-you pages, 404, pages whose canonical URL is
elsewhere; feeds and gated files are never HTML pages written by the writer.
Past 50,000 URLs the file becomes a sitemap index of numbered sitemaps.
"""

from __future__ import annotations

import os
from datetime import datetime
from xml.sax.saxutils import escape

MAX_URLS = 50_000  # per sitemap file (sitemaps.org protocol)

_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class Entry:
    """One sitemap URL (a plain class: a dataclass compiles its methods when
    the module is imported, once per build)."""

    __slots__ = ("loc", "lastmod")

    def __init__(self, loc: str, lastmod: datetime | None = None):
        self.loc = loc  # absolute URL
        self.lastmod = lastmod

    def __eq__(self, other) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return (self.loc, self.lastmod) == (other.loc, other.lastmod)

    def __hash__(self) -> int:
        return hash((self.loc, self.lastmod))

    def __repr__(self) -> str:
        return f"Entry({self.loc!r}, {self.lastmod!r})"


def _lastmod(value: datetime | None) -> str:
    return f"<lastmod>{value.isoformat(timespec='seconds')}</lastmod>" if value else ""


def urlset(entries: list[Entry]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{_NS}">']
    for e in entries:
        lines.append(f"<url><loc>{escape(e.loc)}</loc>{_lastmod(e.lastmod)}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_index(locations: list[tuple[str, datetime | None]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{_NS}">']
    for loc, lastmod in locations:
        lines.append(f"<sitemap><loc>{escape(loc)}</loc>{_lastmod(lastmod)}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def part_name(save_as: str, number: int) -> str:
    """``sitemap.xml`` -> ``sitemap-1.xml``."""
    root, ext = os.path.splitext(save_as)
    return f"{root}-{number}{ext or '.xml'}"


def write_sitemaps(
    entries: dict[str, Entry],
    output_path: str,
    save_as: str,
    absolute,
    limit: int = MAX_URLS,
) -> list[str]:
    """Write the sitemap (or an index and its parts); return the written
    site-relative paths. ``absolute(path)`` makes a site path absolute."""
    ordered = [entries[k] for k in sorted(entries)]
    if len(ordered) <= limit:
        files = {save_as: urlset(ordered)}
    else:
        files, index = {}, []
        for number, start in enumerate(range(0, len(ordered), limit), start=1):
            chunk = ordered[start : start + limit]
            name = part_name(save_as, number)
            files[name] = urlset(chunk)
            dates = [e.lastmod for e in chunk if e.lastmod]
            index.append((absolute(name), max(dates) if dates else None))
        files[save_as] = sitemap_index(index)
    for name, content in files.items():
        path = os.path.join(output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
    return sorted(files)
