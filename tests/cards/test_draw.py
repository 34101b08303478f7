"""A card as a file: 1200x630, at most 150 KB, the same bytes every time, in
the brand's colours (the theme's design tokens, the site's stylesheet, or the
settings)."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from pelican_pullmarketing.cards import brand
from pelican_pullmarketing.cards.config import BUNDLED_BOLD, card_config
from pelican_pullmarketing.cards.draw import MAX_BYTES, CardText, draw_card

TEXT = CardText(
    title="Heat pump running costs: what our customers really pay",
    label="Heat pumps",
    site_name="Harbour Heating & Plumbing",
    contact="+44 117 496 0123",
)


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def config(tmp_path, **card):
    return card_config({"PATH": str(tmp_path), "PULLMARKETING_SHARE_CARD": card})


def test_a_card_is_a_1200_by_630_png_under_150_kb(tmp_path):
    data, dropped = draw_card(TEXT, config(tmp_path))
    image = opened(data)
    assert image.format == "PNG" and image.size == (1200, 630)
    assert len(data) <= MAX_BYTES
    assert dropped == set()


def test_webp_when_asked(tmp_path):
    data, _ = draw_card(TEXT, config(tmp_path), "webp")
    image = opened(data)
    assert image.format == "WEBP" and image.size == (1200, 630)
    assert len(data) <= MAX_BYTES


def test_the_same_card_is_the_same_bytes(tmp_path):
    first, _ = draw_card(TEXT, config(tmp_path))
    second, _ = draw_card(TEXT, config(tmp_path))
    assert first == second
    other, _ = draw_card(CardText("Another title", "Heat pumps"), config(tmp_path))
    assert other != first


def test_the_colours_are_the_bundled_themes_design_tokens(tmp_path):
    image = opened(draw_card(TEXT, config(tmp_path))[0]).convert("RGB")
    assert image.getpixel((600, 620)) == (0x0B, 0x5C, 0xAD)  # --pm-color-brand
    assert image.getpixel((600, 5)) == (0xB3, 0x40, 0x0C)  # --pm-color-accent stripe


def test_a_site_stylesheet_overriding_the_tokens_changes_the_card(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "brand.css").write_text(
        ":root { --pm-color-brand: #1d6b2f; }\n"
        "@media (prefers-color-scheme: dark) { :root { --pm-color-brand: #000; } }\n"
    )
    settings = {"PATH": str(tmp_path), "PULLMARKETING_THEME_CSS": ["css/brand.css"]}
    image = opened(draw_card(TEXT, card_config(settings))[0]).convert("RGB")
    assert image.getpixel((600, 620)) == (0x1D, 0x6B, 0x2F)


def test_colours_from_the_settings_win(tmp_path):
    cfg = config(tmp_path, background="rgb(20, 20, 20)", accent="gold")
    image = opened(draw_card(TEXT, cfg)[0]).convert("RGB")
    assert image.getpixel((600, 620)) == (20, 20, 20)
    assert image.getpixel((600, 5)) == (255, 215, 0)


def test_tokens_of_reads_top_level_root_rules_only():
    css = """
    /* :root { --pm-color-brand: red; } in a comment */
    :root { --pm-color-brand: #0b5cad; --pm-color-accent: #b3400c }
    @media (prefers-color-scheme: dark) { :root { --pm-color-brand: #82bcff; } }
    .x { --pm-color-brand: blue; }
    """
    assert brand.tokens_of(css) == {
        "--pm-color-brand": "#0b5cad",
        "--pm-color-accent": "#b3400c",
    }


def test_a_photographic_logo_keeps_the_card_under_150_kb(tmp_path):
    rng = random.Random(4)
    noise = Image.frombytes(
        "RGB", (600, 600), bytes(rng.randrange(256) for _ in range(600 * 600 * 3))
    )
    noise.save(tmp_path / "logo.png")
    cfg = config(tmp_path, logo="logo.png")
    data, _ = draw_card(TEXT, cfg)
    assert len(data) <= MAX_BYTES
    image = opened(data).convert("RGB")
    # The logo is drawn in the footer's box (not the brand colour there).
    assert image.getpixel((80 + 36, 630 - 80 - 36)) != (0x0B, 0x5C, 0xAD)


def test_an_unreadable_logo_leaves_the_card_without_it(tmp_path, caplog):
    (tmp_path / "logo.png").write_bytes(b"not a png")
    data, _ = draw_card(TEXT, config(tmp_path, logo="logo.png"))
    assert opened(data).size == (1200, 630)
    assert "logo" in caplog.text and "cannot be read" in caplog.text


@pytest.mark.parametrize(
    "title",
    ["", "🔥🚀", "x" * 400, ("word " * 80).strip(), "中文标题", "عنوان عربي"],
)
def test_any_title_makes_a_card(tmp_path, title):
    data, _ = draw_card(
        CardText(title, "", "Example Firm", "example.com"), config(tmp_path)
    )
    assert opened(data).size == (1200, 630)
    assert len(data) <= MAX_BYTES


def test_without_raqm_cards_are_drawn_with_the_basic_layout(tmp_path, monkeypatch):
    from pelican_pullmarketing.cards import typeset

    monkeypatch.setattr(typeset, "raqm", lambda: False)
    typeset.font.cache_clear()
    typeset._width.cache_clear()
    try:
        for title in ("כיצד משאבת חום חוסכת 30% בחשבון", TEXT.title):
            data, dropped = draw_card(
                CardText(title, "Heat pumps", "Firm"), config(tmp_path)
            )
            assert opened(data).size == (1200, 630) and dropped == set()
        from PIL import ImageFont

        assert (
            typeset.font(typeset.Face(BUNDLED_BOLD), 40).layout_engine
            == ImageFont.Layout.BASIC
        )
    finally:
        typeset.font.cache_clear()
        typeset._width.cache_clear()
