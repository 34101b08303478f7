"""Bad card settings stop the build with one clear message naming the field,
the value given and what was expected; never a traceback. The schema checks
every key of PULLMARKETING_SHARE_CARD; the files it names are looked for
when a build starts (``card_config``), under the content folder."""

from __future__ import annotations

import pytest

from pelican_pullmarketing.cards.config import card_config
from pelican_pullmarketing.errors import SettingsError
from pelican_pullmarketing.settings import validate


def checked(tmp_path, **given):
    """The site's settings through the schema, then the build's card look."""
    site = {"PATH": str(tmp_path), **given}
    validate(site, warn=False, features={"cards"})
    return card_config(site)


def problems(tmp_path, **given) -> str:
    with pytest.raises(SettingsError) as info:
        checked(tmp_path, **given)
    return str(info.value)


def test_a_colour_that_is_not_a_colour(tmp_path):
    text = problems(tmp_path, PULLMARKETING_SHARE_CARD={"background": "blurple"})
    assert "PULLMARKETING_SHARE_CARD['background']: invalid value" in text
    assert "given 'blurple'" in text and "#0b5cad" in text


def test_a_missing_logo_and_font(tmp_path):
    text = problems(
        tmp_path,
        PULLMARKETING_SHARE_CARD={
            "logo": "images/logo.png",
            "font": "fonts/Brand.ttf",
            "fallback_fonts": ["fonts/Noto.ttf"],
        },
    )
    assert str(tmp_path / "images" / "logo.png") in text
    assert "PULLMARKETING_SHARE_CARD['logo']: file not found" in text
    assert "PULLMARKETING_SHARE_CARD['font']: file not found" in text
    assert "PULLMARKETING_SHARE_CARD['fallback_fonts'][0]: file not found" in text


def test_an_svg_logo_is_refused_with_what_is_expected(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg/>")
    text = problems(tmp_path, PULLMARKETING_SHARE_CARD={"logo": "logo.svg"})
    assert "PULLMARKETING_SHARE_CARD['logo']: invalid value" in text
    assert "PNG, JPEG, WebP or GIF" in text


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
    assert "PULLMARKETING_SHARE_CARD['colour']: unknown key" in text
    assert (
        "PULLMARKETING_SHARE_CARD['layout']: invalid value (given 'right'; "
        "expected one of 'left', 'center')" in text
    )
    assert "PULLMARKETING_SHARE_CARD['telephone']: invalid value" in text
    assert "PULLMARKETING_SHARE_CARD_SAVE_AS" in text and ".png or .webp" in text


def test_a_fediverse_handle_must_be_user_at_instance(tmp_path):
    text = problems(
        tmp_path, PULLMARKETING_FEDIVERSE_CREATORS={"Ann": "ann@mastodon.social"}
    )
    assert "PULLMARKETING_FEDIVERSE_CREATORS['Ann']: invalid" in text
    assert "@user@instance" in text


def test_good_settings(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"")
    config = checked(
        tmp_path,
        PULLMARKETING_SHARE_CARD={
            "background": "#123",
            "logo": "{static}/logo.png",
            "layout": "center",
            "telephone": " +44 117 496 0123 ",
        },
        PULLMARKETING_FEDIVERSE_CREATORS={"Ann": "@ann@mastodon.social"},
    )
    assert config.colours["background"] == (0x11, 0x22, 0x33)
    assert config.logo == str(tmp_path / "logo.png")
    assert config.layout == "center"
    assert config.telephone == "+44 117 496 0123"
    assert config.fediverse == {"Ann": "@ann@mastodon.social"}
