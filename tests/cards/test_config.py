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


def _firm(**values) -> dict:
    return {
        "name": "Harbour Heating Ltd",
        "type": "Organization",
        "telephone": "0117 496 0472",
        **values,
    }


def test_the_firm_gives_the_logo_telephone_and_name_by_default(tmp_path):
    """PULLMARKETING_BUSINESS is the firm's one setting: its raster logo and
    telephone are the cards', and its name when SITENAME is empty."""
    from pelican_pullmarketing.cards.build import contact_of, site_name_of

    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(b"")
    site = {
        "PATH": str(tmp_path),
        "PULLMARKETING_BUSINESS": _firm(logo="images/logo.png"),
    }
    validate(site, warn=False, features={"cards", "business"})
    config = card_config(site)
    assert config.logo == str(tmp_path / "images" / "logo.png")
    assert config.telephone == "0117 496 0472"
    assert contact_of(config, site) == "0117 496 0472"
    assert site_name_of(site) == "Harbour Heating Ltd"
    assert site_name_of({**site, "SITENAME": "Harbour <em>Heat</em>"}) == "Harbour Heat"


def test_the_cards_own_logo_and_telephone_come_before_the_firms(tmp_path):
    (tmp_path / "firm.png").write_bytes(b"")
    (tmp_path / "card.png").write_bytes(b"")
    config = checked(
        tmp_path,
        PULLMARKETING_BUSINESS=_firm(logo="firm.png"),
        PULLMARKETING_SHARE_CARD={"logo": "card.png", "telephone": "0800 123 456"},
    )
    assert config.logo == str(tmp_path / "card.png")
    assert config.telephone == "0800 123 456"


@pytest.mark.parametrize(
    "logo", ["images/logo.svg", "https://cdn.example/logo.png", "images/gone.png"]
)
def test_a_firm_logo_a_card_cannot_draw_is_left_out(tmp_path, logo):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.svg").write_text("<svg/>")
    site = {"PATH": str(tmp_path), "PULLMARKETING_BUSINESS": _firm(logo=logo)}
    validate(site, warn=False, features={"cards", "business"})
    assert card_config(site).logo is None


def test_the_publisher_only_without_a_business(tmp_path):
    """PULLMARKETING_PUBLISHER (deprecated) gives the logo and name while no
    business is set, and is ignored once one is, as the build's deprecation
    warning says."""
    from pelican_pullmarketing.cards.build import site_name_of

    (tmp_path / "old.png").write_bytes(b"")
    site = {
        "PATH": str(tmp_path),
        "PULLMARKETING_PUBLISHER": {"name": "Old name", "logo": "{static}/old.png"},
    }
    validate(site, warn=False, features={"cards", "business"})
    assert card_config(site).logo == str(tmp_path / "old.png")
    assert site_name_of(site) == "Old name"
    site["PULLMARKETING_BUSINESS"] = _firm(logo="/images/new.png")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "new.png").write_bytes(b"")
    validate(site, warn=False, features={"cards", "business"})
    assert card_config(site).logo == str(tmp_path / "images" / "new.png")
    assert site_name_of(site) == "Harbour Heating Ltd"
    site["PULLMARKETING_BUSINESS"] = _firm()
    assert card_config(site).logo is None


def test_false_leaves_out_the_firms_logo_and_telephone(tmp_path):
    """A firm that wants its domain on cards, or no logo there."""
    from pelican_pullmarketing.cards.build import contact_of

    (tmp_path / "logo.png").write_bytes(b"")
    site = {
        "PATH": str(tmp_path),
        "SITEURL": "https://www.harbour.example",
        "PULLMARKETING_BUSINESS": _firm(logo="logo.png"),
        "PULLMARKETING_SHARE_CARD": {"logo": False, "telephone": False},
    }
    validate(site, warn=False, features={"cards", "business"})
    config = card_config(site)
    assert config.logo is None and config.telephone is None
    assert contact_of(config, site) == "harbour.example"
