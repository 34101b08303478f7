"""sitemap.xml: every indexable HTML page the build wrote, with ``lastmod``.

Entries are collected as pages are written (``content_written``) and written
at ``finalized``. Left out: noindex pages (context ``robots`` or metadata),
drafts, hidden documents, thank-you pages, 404, pages whose canonical URL is
elsewhere; feeds and gated files are never HTML pages written by the writer.
Past 50,000 URLs the file becomes a sitemap index of numbered sitemaps.

Each entry lists its page's images (Google's image sitemap extension): its
share card where the card is the page's image, the document's ``image``
metadata, a gated paper's cover and the images in its text, as absolute
URLs, each once. A sitemap without any image is written
exactly as before (no image namespace).
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from html import unescape
from urllib.parse import urljoin
from xml.sax.saxutils import escape

MAX_URLS = 50_000  # per sitemap file (sitemaps.org protocol)
MAX_IMAGES = 1_000  # per page (Google's image sitemap extension)

_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


_IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
_IMG_SRC = re.compile(
    r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I
)


class Entry:
    """One sitemap URL (a plain class: a dataclass compiles its methods when
    the module is imported, once per build)."""

    __slots__ = ("loc", "lastmod", "images")

    def __init__(
        self, loc: str, lastmod: datetime | None = None, images: tuple[str, ...] = ()
    ):
        self.loc = loc  # absolute URL
        self.lastmod = lastmod
        self.images = images  # absolute URLs

    def __eq__(self, other) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return (self.loc, self.lastmod, self.images) == (
            other.loc,
            other.lastmod,
            other.images,
        )

    def __hash__(self) -> int:
        return hash((self.loc, self.lastmod, self.images))

    def __repr__(self) -> str:
        return f"Entry({self.loc!r}, {self.lastmod!r}, {self.images!r})"


# An absolute http(s) URL that urljoin would give back as it is: an ASCII
# host, no query, fragment, parameters, blank or bracket (most images listed:
# the share card, an absolute ``image``).
_AS_IS = re.compile(r"https?://[A-Za-z0-9.:@%_~!$&'()*+,=-]+(?:/[^?#;\s\[\]]*)?")


def _join(page_url: str, src: str) -> str:
    """``urljoin(page_url, src)``, without parsing ``src`` when it is an
    absolute URL urljoin returns unchanged; "" for one urljoin refuses (an
    unclosed IPv6 bracket: ``<img src="http://[">`` in an article)."""
    if _AS_IS.fullmatch(src):
        return src
    try:
        return urljoin(page_url, src)
    except ValueError:
        return ""


def image_urls(page_url: str, listed: list[str], html: str | None) -> tuple[str, ...]:
    """The page's images as absolute URLs, each once, in order: ``listed``
    (metadata image, paper cover: site paths or URLs) then every ``<img
    src>`` of ``html``, each resolved against the page's own URL. Data URLs
    and anything that is not http(s) are left out."""
    found: dict[str, None] = {}
    sources = list(listed)
    if html and "<img" in html:
        sources += [
            unescape(a or b or c) for a, b, c in _IMG_SRC.findall(html) if a or b or c
        ]
    for src in sources:
        url = _join(page_url, src.strip())
        if url.startswith(("http://", "https://")):
            found.setdefault(url, None)
            if len(found) == MAX_IMAGES:
                break
    return tuple(found)


def _images(urls: tuple[str, ...]) -> str:
    return "".join(
        f"<image:image><image:loc>{escape(u)}</image:loc></image:image>" for u in urls
    )


def _lastmod(value: datetime | None) -> str:
    return f"<lastmod>{value.isoformat(timespec='seconds')}</lastmod>" if value else ""


def urlset(entries: list[Entry]) -> str:
    namespaces = f'xmlns="{_NS}"'
    if any(e.images for e in entries):
        namespaces += f' xmlns:image="{_IMAGE_NS}"'
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {namespaces}>"]
    for e in entries:
        lines.append(
            f"<url><loc>{escape(e.loc)}</loc>{_lastmod(e.lastmod)}"
            f"{_images(e.images)}</url>"
        )
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
