"""Smaller copies of the raster images in a document's text, for ``srcset``:
at each width of ``WIDTHS`` below the image's own, in WebP and in the
image's own format (PNG or JPEG), plus a WebP at full size. The page then
offers them in a ``<picture>``: the browser picks the WebP it needs, a browser
without WebP the original format.

Made with Pillow (when it is installed; without it images keep their size
attributes only). A copy's name carries a hash of the original's bytes, so a
copy already in the output folder is never made again, and an image that
changed gets new names (no stale copy in a browser's cache). Pillow writes
the same bytes for the same input and options: two builds are identical.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re

WIDTHS = (480, 960, 1440)
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
# The theme's text column (42rem) on wide screens, the whole width on phones.
SIZES = "(min-width: 46rem) 42rem, 100vw"
WEBP_QUALITY = 80
JPEG_QUALITY = 82


def pillow_available() -> bool:
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        return False
    return True


def variant_widths(width: int) -> list[int]:
    return [w for w in WIDTHS if w < width]


def content_hash(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:10]


def variant_name(name: str, digest: str, width: int | None, ext: str) -> str:
    """``photo.png`` -> ``photo-480w-<hash>.webp`` (``-full-`` at full size)."""
    stem = os.path.splitext(name)[0]
    return f"{stem}-{f'{width}w' if width else 'full'}-{digest}{ext}"


def _encode(image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "WEBP":
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    elif fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def make_variants(source: str, folder: str, width: int, height: int) -> dict:
    """Write the copies of ``source`` into ``folder`` (the output folder of
    the original), each unless it is there already; return
    ``{"webp": [(name, w)], "original": [(name, w)]}``, narrowest first."""
    ext = os.path.splitext(source)[1].lower()
    fmt = FORMATS[ext]
    digest = content_hash(source)
    name = os.path.basename(source)
    wanted = [(w, ".webp", "WEBP") for w in variant_widths(width)]
    wanted += [(None, ".webp", "WEBP")]
    wanted += [(w, ext, fmt) for w in variant_widths(width)]
    made = {"webp": [], "original": []}
    image = None
    for w, out_ext, out_fmt in wanted:
        target = variant_name(name, digest, w, out_ext)
        path = os.path.join(folder, target)
        if not os.path.exists(path):
            if image is None:
                from PIL import Image

                image = Image.open(source)
                image.load()
            copy = image
            if w:
                copy = image.resize(
                    (w, max(1, round(height * w / width))), Image.Resampling.LANCZOS
                )
            os.makedirs(folder, exist_ok=True)
            with open(path, "wb") as f:
                f.write(_encode(copy, out_fmt))
        made["webp" if out_ext == ".webp" else "original"].append((target, w or width))
    made["original"].append((name, width))
    return made


_SRC = re.compile(r"""\ssrc\s*=\s*(["'])(.*?)\1""", re.I)


def picture(tag: str, made: dict) -> str:
    """The ``<img>`` ``tag`` (src as the page links it) in a ``<picture>``
    with the copies: each copy's URL is the src with its file name changed."""
    src = _SRC.search(tag).group(2)
    base = posixpath.dirname(src.split("?", 1)[0])
    prefix = base + "/" if base else ""

    def srcset(items):
        return ", ".join(f"{prefix}{name} {w}w" for name, w in items)

    end = len(tag) - (2 if tag.endswith("/>") else 1)
    img = (
        tag[:end].rstrip()
        + f' srcset="{srcset(made["original"])}" sizes="{SIZES}"'
        + tag[end:]
    )
    return (
        f'<picture><source type="image/webp" srcset="{srcset(made["webp"])}"'
        f' sizes="{SIZES}">{img}</picture>'
    )
