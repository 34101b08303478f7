"""Images in a document's text: each ``<img>`` whose file is in the site gets
its ``width`` and ``height`` (read from the file's header, as the share images
are), ``decoding="async"`` and ``loading="lazy"``, except the first large
image, which the reader sees first and which should load at once. What the
author wrote wins: an attribute already there is left as it is.

Attributes are inserted at offsets, so the rest of the text stays byte for
byte as the author and Pelican wrote it; text without ``<img`` costs one
substring search.
"""

from __future__ import annotations

import os
import re

from ..seo.images import image_size, site_path

# At least this wide (CSS pixels, as written or read): a "large" image, one
# that may be the largest thing on screen when the page opens.
LARGE = 400

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_LINK_PREFIX = re.compile(
    r"^(?:\{(?:static|attach|filename)\}|\|(?:static|attach|filename)\|)"
)


def attributes(tag: str) -> dict[str, str]:
    body = tag[4:].rstrip(">").rstrip("/")
    found = {}
    for name, value in _ATTR.findall(body):
        value = value or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        found.setdefault(name.lower(), value)
    return found


def image_file(src: str, doc_dir: str, content: str) -> str | None:
    """The file an ``src`` names: ``{static}``/``{attach}``/``{filename}``
    links and root paths from the content folder, relative ones from the
    document's folder (then the content folder); None for other sites."""
    if not src or re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
        return None
    src = src.split("?", 1)[0].split("#", 1)[0]
    linked = _LINK_PREFIX.match(src)
    if linked or src.startswith("/"):
        rel = site_path(src[linked.end() :] if linked else src)
        if linked and not src[linked.end() :].startswith("/"):
            candidates = [os.path.join(doc_dir, rel), os.path.join(content, rel)]
        else:
            candidates = [os.path.join(content, rel)]
    else:
        candidates = [os.path.join(doc_dir, src), os.path.join(content, src)]
    for path in candidates:
        if os.path.isfile(path):
            return path
    return None


def _number(value: str | None) -> int:
    try:
        return int(float((value or "").strip().removesuffix("px")))
    except ValueError:
        return 0


def sized_images(
    html: str, doc_dir: str, content: str, found: list | None = None
) -> str:
    """``html`` with width, height, decoding and loading added to its images;
    each image file in the site is added to ``found`` as (path, width,
    height)."""
    if "<img" not in html and "<IMG" not in html:
        return html
    pieces, last, seen_large = [], 0, False
    for match in _IMG.finditer(html):
        tag = match.group(0)
        attrs = attributes(tag)
        extra = []
        width = _number(attrs.get("width"))
        path = image_file(attrs.get("src", ""), doc_dir, content)
        size = image_size(path) if path else None
        if size and found is not None:
            found.append((path, size[0], size[1]))
        if size and "width" not in attrs and "height" not in attrs:
            width = size[0]
            extra.append(f' width="{size[0]}" height="{size[1]}"')
        large = width >= LARGE and not seen_large
        seen_large = seen_large or large
        if "decoding" not in attrs:
            extra.append(' decoding="async"')
        if "loading" not in attrs and not large:
            extra.append(' loading="lazy"')
        if not extra:
            continue
        end = match.end() - (2 if tag.endswith("/>") else 1)
        pieces += [html[last:end], "".join(extra)]
        last = end
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)
