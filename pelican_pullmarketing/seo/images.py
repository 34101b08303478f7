"""Share images: where a page's image comes from, its absolute URL, and its
pixel size read from the file header (no imaging library, no full decode).

Open Graph and Google both prefer images with known width and height, and a
header read costs a few bytes per image, once per build.
"""

from __future__ import annotations

import os
import re
import struct
from functools import cache, lru_cache

from ..urls import is_absolute

_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|")


class Image:
    """A share image (a plain class: a dataclass compiles its methods when
    the module is imported, once per build)."""

    __slots__ = ("url", "width", "height")

    def __init__(self, url: str, width: int | None = None, height: int | None = None):
        self.url = url  # absolute, or site-relative when SITEURL is empty
        self.width = width
        self.height = height

    def __eq__(self, other) -> bool:
        if not isinstance(other, Image):
            return NotImplemented
        return (self.url, self.width, self.height) == (
            other.url,
            other.width,
            other.height,
        )

    def __hash__(self) -> int:
        return hash((self.url, self.width, self.height))

    def __repr__(self) -> str:
        return f"Image({self.url!r}, {self.width!r}, {self.height!r})"

    @property
    def is_svg(self) -> bool:
        # Open Graph and Twitter cards take raster images only.
        return self.url.lower().split("?", 1)[0].endswith(".svg")


def site_path(value: str) -> str:
    """``{static}/images/a.jpg`` or ``/images/a.jpg`` -> ``images/a.jpg``."""
    for prefix in _PREFIXES:
        if value.startswith(prefix):
            value = value[len(prefix) :]
            break
    return value.lstrip("/")


def resolve(value: str | None, settings: dict, static_content=None) -> Image | None:
    """An image named in metadata or settings: an absolute URL (kept, size
    unknown) or a path in the site, looked up 1. among the static files Pelican
    copied (their real URL), 2. as a file under the content folder, 3. under
    the output folder (for the size)."""
    if not value or not str(value).strip():
        return None
    value = str(value).strip()
    if is_absolute(value):
        return Image(value)
    rel = site_path(value)
    url = rel
    static = (static_content or {}).get(rel) if static_content is not None else None
    if static is not None and getattr(static, "url", None):
        url = static.url
    width = height = None
    for root in (settings.get("PATH"), settings.get("OUTPUT_PATH")):
        if root:
            size = image_size(os.path.join(root, rel))
            if size:
                width, height = size
                break
    return Image(url, width, height)


def image_size(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _cached_size(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1024)
def _cached_size(path: str, _mtime: int, _size: int) -> tuple[int, int] | None:
    try:
        with open(path, "rb") as f:
            head = f.read(64 * 1024)
    except OSError:
        return None
    return header_size(head)


def header_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first bytes of a PNG, GIF, JPEG, WebP or SVG
    file."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    return _svg_size(data[:4096])


@cache
def _svg_patterns() -> tuple[re.Pattern, re.Pattern]:
    # Compiled on first use: few sites have SVG share images.
    return (
        re.compile(rb"<svg\b([^>]*)>", re.S),
        re.compile(rb"""\b(width|height|viewBox)\s*=\s*["']([^"']*)["']"""),
    )


def _svg_size(data: bytes) -> tuple[int, int] | None:
    svg_root, svg_attr = _svg_patterns()
    m = svg_root.search(data)
    if not m:
        return None
    attrs = {k.decode(): v.decode() for k, v in svg_attr.findall(m.group(1))}
    try:
        if "width" in attrs and "height" in attrs:
            w, h = (float(attrs[k].removesuffix("px")) for k in ("width", "height"))
        else:
            w, h = (float(x) for x in attrs["viewBox"].replace(",", " ").split()[2:4])
    except (KeyError, ValueError):
        return None
    return (round(w), round(h)) if w > 0 and h > 0 else None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        w = int.from_bytes(data[24:27], "little") + 1
        h = int.from_bytes(data[27:30], "little") + 1
        return w, h
    if chunk == b"VP8 " and len(data) >= 30:
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in _SOF:
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return w, h
        i += 2 + length
    return None
