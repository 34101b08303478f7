"""WCAG AA contrast of the colour tokens, in the light and the dark scheme:
4.5:1 for text pairs the components use (syntax colours on the code
background among them), 3:1 for focus rings and form borders."""

from __future__ import annotations

import re

import pytest
from theme_helpers import CSS_DIR

TEXT_PAIRS = [
    ("text", "bg"),
    ("text", "surface"),
    ("text", "code-bg"),
    ("text", "mark"),
    ("text", "callout-bg"),
    ("text", "warning-bg"),
    ("text-muted", "bg"),
    ("text-muted", "surface"),
    ("link", "bg"),
    ("link", "surface"),
    ("link", "callout-bg"),
    ("link-hover", "bg"),
    ("link-hover", "surface"),
    ("accent", "bg"),
    ("accent", "surface"),
    ("on-brand", "brand"),
    ("on-accent", "accent"),
    # syntax colours on code blocks
    ("code-keyword", "code-bg"),
    ("code-string", "code-bg"),
    ("code-number", "code-bg"),
    ("code-name", "code-bg"),
    ("code-comment", "code-bg"),
    ("code-inserted", "code-bg"),
    ("code-deleted", "code-bg"),
]
UI_PAIRS = [
    ("focus", "bg"),
    ("focus", "surface"),
    ("text-muted", "bg"),
    ("accent", "bg"),
]


def scheme_colours() -> dict[str, dict[str, str]]:
    tokens = (CSS_DIR / "tokens.css").read_text(encoding="utf-8")
    light, dark = tokens.split("prefers-color-scheme: dark", 1)
    pattern = r"--pm-color-([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;"
    light_colours = dict(re.findall(pattern, light))
    return {
        "light": light_colours,
        "dark": {**light_colours, **dict(re.findall(pattern, dark))},
    }


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_meet_aa(scheme):
    colours = scheme_colours()[scheme]
    low = [
        f"{fg} on {bg}: {contrast(colours[fg], colours[bg]):.2f}"
        for fg, bg in TEXT_PAIRS
        if contrast(colours[fg], colours[bg]) < 4.5
    ]
    assert not low, low


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_rings_and_field_borders_meet_3_to_1(scheme):
    colours = scheme_colours()[scheme]
    for fg, bg in UI_PAIRS:
        assert contrast(colours[fg], colours[bg]) >= 3, (fg, bg)
