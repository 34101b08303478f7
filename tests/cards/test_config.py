"""Bad card settings stop the build with one clear message naming the field,
the value given and what was expected; never a traceback."""

from __future__ import annotations

import pytest

from pelican_pullmarketing.cards.config import card_config
from pelican_pullmarketing.errors import SettingsError


def problems(tmp_path, **settings) -> str:
    with pytest.raises(SettingsError) as info:
        card_config({"PATH": str(tmp_path), **settings})
    return str(info.value)


def test_a_colour_that_is_not_a_colour(tmp_path):
    text = problems(tmp_path, PULLMARKETING_SHARE_CARD={"background": "blurple"})
    assert 'PULLMARKETING_SHARE_CARD["background"]: not a colour' in text
    assert "given 'blurple'" in text and "#0b5cad" in text


def test_a_missing_logo_and_font(tmp_path):
    text = problems(
        tmp_path,
        PULLMARKETING_SHARE_CARD={"logo": "images/logo.png", "font": "fonts/Brand.ttf"},
    )
    assert str(tmp_path / "images" / "logo.png") in text
    assert 'PULLMARKETING_SHARE_CARD["logo"]: file not found' in text
    assert 'PULLMARKETING_SHARE_CARD["font"]: file not found' in text


def test_an_svg_logo_is_refused_with_what_is_expected(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg/>")
    text = problems(tmp_path, PULLMARKETING_SHARE_CARD={"logo": "logo.svg"})
    assert "unsupported file type" in text and "PNG, JPEG, WebP or GIF" in text


def test_unknown_keys_layout_telephone_and_save_as(tmp_path):
    text = problems(
        tmp_path,
        PULLMARKETING_SHARE_CARD={
            "colour": "#fff",
            "layout": "right",
            "telephone": "call us",
        },
        PULLMARKETING_SHARE_CARD_SAVE_AS="{url}share.jpg",
    )
    assert "unknown keys (given ['colour']" in text
    assert (
        """["layout"]: invalid value (given 'right'; expected 'left' or 'center')"""
        in text
    )
    assert '["telephone"]' in text
    assert "PULLMARKETING_SHARE_CARD_SAVE_AS" in text and ".png or .webp" in text


def test_a_fediverse_handle_must_be_user_at_instance(tmp_path):
    text = problems(
        tmp_path, PULLMARKETING_FEDIVERSE_CREATORS={"Ann": "ann@mastodon.social"}
    )
    assert 'PULLMARKETING_FEDIVERSE_CREATORS["Ann"]: invalid fediverse handle' in text


def test_good_settings(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"")
    config = card_config(
        {
            "PATH": str(tmp_path),
            "PULLMARKETING_SHARE_CARD": {
                "background": "#123",
                "logo": "{static}/logo.png",
                "layout": "center",
                "telephone": "+44 117 496 0123",
            },
            "PULLMARKETING_FEDIVERSE_CREATORS": {"Ann": "@ann@mastodon.social"},
        }
    )
    assert config.colours["background"] == (0x11, 0x22, 0x33)
    assert config.logo == str(tmp_path / "logo.png")
    assert config.layout == "center"
    assert config.fediverse == {"Ann": "@ann@mastodon.social"}
