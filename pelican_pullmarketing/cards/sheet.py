"""A contact sheet: many cards on one PNG, each at half size with the name of
what it is for under it, so a designer sees every card at once."""

from __future__ import annotations

import io

from . import typeset
from .config import BUNDLED_REGULAR
from .draw import HEIGHT, WIDTH

SCALE = 2  # each card at half size
GAP = 24
CAPTION = 18
SHEET_BACKGROUND = (236, 239, 242)
CAPTION_COLOUR = (40, 46, 52)


def contact_sheet(cards: list[tuple[str, bytes]], columns: int = 3) -> bytes:
    """PNG bytes of ``cards`` ((caption, card file bytes), in order) in a
    grid of ``columns``."""
    from PIL import Image, ImageDraw

    columns = max(1, min(columns, len(cards) or 1))
    tile_w, tile_h = WIDTH // SCALE, HEIGHT // SCALE
    cell_h = tile_h + CAPTION + 12
    rows = -(-len(cards) // columns) if cards else 1
    sheet = Image.new(
        "RGB",
        (GAP + columns * (tile_w + GAP), GAP + rows * (cell_h + GAP)),
        SHEET_BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    faces = typeset.chain(BUNDLED_REGULAR, (), BUNDLED_REGULAR, "en")
    for n, (caption, data) in enumerate(cards):
        x = GAP + (n % columns) * (tile_w + GAP)
        y = GAP + (n // columns) * (cell_h + GAP)
        with Image.open(io.BytesIO(data)) as card:
            tile = card.convert("RGB").resize(
                (tile_w, tile_h), Image.Resampling.LANCZOS
            )
        sheet.paste(tile, (x, y))
        toks = typeset.tokens(typeset.clean(caption), faces)
        if toks:
            fitted = typeset.fit(toks, faces, tile_w, (CAPTION,), 1)
            space = typeset.space_width(faces, fitted.size)
            typeset.draw_line(
                draw,
                fitted.lines[0],
                fitted.size,
                x,
                y + tile_h + 8 + CAPTION * 0.8,
                CAPTION_COLOUR,
                "ltr",
                space,
            )
    out = io.BytesIO()
    sheet.save(out, "PNG", compress_level=6)
    return out.getvalue()
