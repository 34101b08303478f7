"""Write the sample firm's logo: content/images/logo.svg (the header's, sharp
at any size) and content/images/logo.png (512 px, for search engines, which
want a raster logo), drawn from the same shapes. Pillow; byte-identical on
every run.

    python sample_site/make_logo.py
"""

from __future__ import annotations

import io
import os

from PIL import Image, ImageDraw

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "content", "images")
SIZE = 512
BLUE, WHITE, ORANGE, YELLOW = "#0b4f8a", "#ffffff", "#f07c1e", "#ffd27a"
ROOF = [(104, 262), (256, 120), (408, 262)]
FLAME = [
    (256, 188),
    (300, 246),
    (330, 300),
    (332, 344),
    (314, 382),
    (282, 404),
    (256, 410),
    (230, 404),
    (198, 382),
    (180, 344),
    (182, 300),
    (214, 250),
]
CORE = [
    (256, 290),
    (282, 330),
    (288, 362),
    (274, 388),
    (256, 394),
    (238, 388),
    (224, 362),
    (230, 330),
]


def svg() -> str:
    def pts(points):
        return " ".join(f"{x},{y}" for x, y in points)

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="104" fill="{BLUE}"/>'
        f'<polyline points="{pts(ROOF)}" fill="none" stroke="{WHITE}" '
        'stroke-width="40" stroke-linecap="round" stroke-linejoin="round"/>'
        f'<polygon points="{pts(FLAME)}" fill="{ORANGE}"/>'
        f'<polygon points="{pts(CORE)}" fill="{YELLOW}"/></svg>\n'
    )


def png() -> bytes:
    scale = 4  # drawn large, then reduced: smooth edges without anti-aliasing
    big = Image.new("RGBA", (SIZE * scale, SIZE * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)

    def up(points):
        return [(x * scale, y * scale) for x, y in points]

    draw.rounded_rectangle(
        (0, 0, SIZE * scale - 1, SIZE * scale - 1), 104 * scale, BLUE
    )
    draw.line(up(ROOF), WHITE, 40 * scale, joint="curve")
    for x, y in (ROOF[0], ROOF[-1]):
        r = 20 * scale
        draw.ellipse(
            (x * scale - r, y * scale - r, x * scale + r, y * scale + r), WHITE
        )
    draw.polygon(up(FLAME), ORANGE)
    draw.polygon(up(CORE), YELLOW)
    small = big.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.quantize(64, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()


if __name__ == "__main__":
    with open(os.path.join(HERE, "logo.svg"), "w", encoding="utf-8") as f:
        f.write(svg())
    with open(os.path.join(HERE, "logo.png"), "wb") as f:
        f.write(png())
