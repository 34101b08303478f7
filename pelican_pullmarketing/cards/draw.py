"""Drawing one 1200x630 card with Pillow, to PNG or WebP bytes.

The look: the brand colour as background, an accent stripe, the topic in an
accent label, the title as large as fits (at most three lines), and a footer
with the logo, the site's name and the telephone or domain. Right-to-left
titles are set from the right. The bytes depend only on the inputs (no
timestamps, no randomness), so two builds make the same file.
"""

from __future__ import annotations

import io
import logging
import zlib
from dataclasses import dataclass
from functools import lru_cache

from . import typeset
from .config import BUNDLED_BOLD, CardConfig

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 150 * 1024
MARGIN = 80
TITLE_SIZES = (76, 70, 64, 58, 53, 48, 44, 40)
TITLE_LINES = 3
LINE_HEIGHT = 1.2
LABEL_SIZE = 28
SITE_SIZE = 34
CONTACT_SIZE = 28
LOGO_BOX = 72
STRIPE = 14


@dataclass(frozen=True)
class CardText:
    """What a card says (plain text)."""

    title: str
    label: str = ""  # topic or category
    site_name: str = ""
    contact: str = ""  # telephone or domain
    lang: str = "en"


@lru_cache(maxsize=16)
def _logo(path: str, mtime_ns: int):
    from PIL import Image

    with Image.open(path) as im:
        im.seek(0)
        logo = im.convert("RGBA")
    logo.thumbnail((LOGO_BOX, LOGO_BOX), Image.Resampling.LANCZOS)
    return logo


def load_logo(path: str | None):
    """The logo scaled into its box, or None (said once) when unreadable."""
    if not path:
        return None
    import os

    from PIL import UnidentifiedImageError

    try:
        return _logo(path, os.stat(path).st_mtime_ns)
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        logger.warning(
            "pullmarketing: share cards: logo %s cannot be read (%s); cards are drawn without it",
            path,
            exc.__class__.__name__,
        )
        return None


def _faces(config: CardConfig, bold: bool, lang: str):
    first = config.font if bold else config.font_regular
    return typeset.chain(first, config.fallback_fonts, BUNDLED_BOLD, lang)


def _one_line(text: str, faces, size: int, width: float, dropped: set):
    toks = typeset.tokens(text, faces, dropped)
    if not toks:
        return None
    return typeset.fit(toks, faces, width, (size, size - 4, size - 8), 1)


def draw_card(
    text: CardText, config: CardConfig, fmt: str = "png"
) -> tuple[bytes, set[str]]:
    """The card's file bytes and the characters no font could draw (left
    out)."""
    from PIL import Image, ImageDraw

    text = CardText(
        title=typeset.clean(text.title),
        label=typeset.clean(text.label),
        site_name=typeset.clean(text.site_name),
        contact=typeset.clean(text.contact),
        lang=text.lang,
    )
    colours = config.colours
    image = Image.new("RGB", (WIDTH, HEIGHT), colours["background"])
    draw = ImageDraw.Draw(image)
    dropped: set[str] = set()
    centered = config.layout == "center"
    bold = _faces(config, True, text.lang)
    regular = _faces(config, False, text.lang)
    inner = WIDTH - 2 * MARGIN

    draw.rectangle((0, 0, WIDTH, STRIPE), fill=colours["accent"])

    # Topic label.
    top = MARGIN
    if text.label:
        fitted = _one_line(text.label, regular, LABEL_SIZE, inner - 40, dropped)
        if fitted:
            size = fitted.size
            space = typeset.space_width(regular, size)
            line = fitted.lines[0]
            w = typeset.line_width(line, size, space)
            pad_x, pad_y = 18, 10
            x0 = (WIDTH - w) / 2 - pad_x if centered else MARGIN
            box = (x0, top, x0 + w + 2 * pad_x, top + size + 2 * pad_y)
            draw.rounded_rectangle(box, radius=8, fill=colours["accent"])
            base = typeset.direction_of(text.label) or "ltr"
            typeset.draw_line(
                draw,
                line,
                size,
                x0 + pad_x,
                top + pad_y + size * 0.8,
                colours["accent_text"],
                base,
                space,
            )
            top = box[3] + 28
    else:
        top += 20

    # Title.
    footer_top = HEIGHT - MARGIN - LOGO_BOX
    title = text.title or text.site_name
    toks = typeset.tokens(title, bold, dropped)
    if toks:
        fitted = typeset.fit(toks, bold, inner, TITLE_SIZES, TITLE_LINES)
        size = fitted.size
        space = typeset.space_width(bold, size)
        step = size * LINE_HEIGHT
        block = step * len(fitted.lines)
        room = footer_top - 24 - top
        y = top + max(0.0, (room - block) / 2) + size * 0.9
        base = typeset.direction_of(title) or "ltr"
        for line in fitted.lines:
            w = typeset.line_width(line, size, space)
            if centered:
                x = (WIDTH - w) / 2
            elif base == "rtl":
                x = WIDTH - MARGIN - w
            else:
                x = MARGIN
            typeset.draw_line(draw, line, size, x, y, colours["text"], base, space)
            y += step

    # Footer: logo, site name, contact.
    logo = load_logo(config.logo)
    contact_w = 0.0
    contact_line = None
    if text.contact:
        fitted = _one_line(text.contact, regular, CONTACT_SIZE, inner / 2, dropped)
        if fitted:
            contact_line = fitted
            contact_w = typeset.line_width(
                fitted.lines[0], fitted.size, typeset.space_width(regular, fitted.size)
            )
    baseline = footer_top + LOGO_BOX / 2 + SITE_SIZE * 0.35
    x = MARGIN
    if logo is not None:
        lx = x if not centered else MARGIN
        image.paste(
            logo, (int(lx), int(footer_top + (LOGO_BOX - logo.height) / 2)), logo
        )
        x += logo.width + 20
    name_room = WIDTH - MARGIN - x - (contact_w + 40 if contact_w else 0)
    if text.site_name and name_room > 100:
        fitted = _one_line(text.site_name, bold, SITE_SIZE, name_room, dropped)
        if fitted:
            space = typeset.space_width(bold, fitted.size)
            base = typeset.direction_of(text.site_name) or "ltr"
            typeset.draw_line(
                draw,
                fitted.lines[0],
                fitted.size,
                x,
                baseline,
                colours["text"],
                base,
                space,
            )
    if contact_line is not None:
        size = contact_line.size
        space = typeset.space_width(regular, size)
        typeset.draw_line(
            draw,
            contact_line.lines[0],
            size,
            WIDTH - MARGIN - contact_w,
            baseline,
            colours["muted"],
            "ltr",
            space,
        )
    return encode(image, fmt), dropped


def encode(image, fmt: str) -> bytes:
    """PNG or lossless WebP. PNG uses zlib's run-length strategy: cards are
    flat colour and text, which it packs about as small as the default
    strategy in half the time (the encoding is most of a card's cost). A card
    over 150 KB (a photographic logo) is made again with a 256-colour
    palette and full compression."""
    data = _save(image, fmt, fast=True)
    if len(data) > MAX_BYTES:
        data = _save(image.quantize(256), fmt, fast=False)
    return data


def _save(image, fmt: str, *, fast: bool) -> bytes:
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", lossless=True, quality=80 if fast else 100, method=4)
    elif fast:
        image.save(out, "PNG", compress_level=6, compress_type=zlib.Z_RLE)
    else:
        image.save(out, "PNG", compress_level=9)
    return out.getvalue()
