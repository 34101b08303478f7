"""The share cards' look for one build, from settings the schema has checked
(``settings.SHARE_CARD``, ``settings.FEDIVERSE_CREATORS``): the colours as
RGB (the bundled theme's design tokens filling in those not given), the logo
and font files found under the content folder, the fonts to fall back on.

``card_config(settings)`` returns a ``CardConfig`` or raises
``InvalidSettings`` listing every file that is not there (the schema checks
each value's type; only a build knows the content folder to look in).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import InvalidSettings, describe
from . import brand

FIELD = "PULLMARKETING_SHARE_CARD"
COLOURS = ("background", "text", "muted", "accent", "accent_text")
BUNDLED_FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts")
BUNDLED_BOLD = os.path.join(BUNDLED_FONTS, "DejaVuSans-Bold.ttf")
BUNDLED_REGULAR = os.path.join(BUNDLED_FONTS, "DejaVuSans.ttf")


@dataclass(frozen=True)
class CardConfig:
    """Everything a card's look depends on (its texts aside)."""

    colours: dict  # name -> (r, g, b)
    logo: str | None  # absolute path of a raster logo
    font: str  # bold face (title, site name)
    font_regular: str  # regular face (topic, contact)
    fallback_fonts: tuple[str, ...]
    layout: str
    telephone: str | None
    show_domain: bool
    fediverse: dict  # author name -> "@user@instance"


def site_path(value: str, settings: dict) -> str:
    """A path from the settings: absolute, or under the content folder."""
    if os.path.isabs(value):
        return value
    value = value.removeprefix("{static}").lstrip("/")
    return os.path.join(settings.get("PATH") or os.curdir, value)


def check_colour(value) -> tuple[int, int, int]:
    """``#0b5cad``, ``#fff``, ``rgb(11, 92, 173)`` or a CSS colour name ->
    (r, g, b); ValueError otherwise."""
    from PIL import ImageColor

    if not isinstance(value, str):
        raise ValueError(value)
    rgb = ImageColor.getrgb(value.strip())
    return tuple(rgb[:3])


def _existing(where: str, value: str, settings: dict, problems: list[str]) -> str:
    """The file ``value`` names; a problem when it is not there (``where``:
    the key's path below the setting, e.g. ``['logo']``)."""
    path = site_path(value, settings)
    if not os.path.isfile(path):
        problems.append(
            describe(
                "file not found",
                file=path,
                field=FIELD + where,
                value=value,
                expected="an existing file (relative paths are read under PATH, the content folder)",
            )
        )
    return path


def card_config(settings: dict) -> CardConfig:
    """The look of this build's cards, from its validated settings."""
    given = settings.get(FIELD) or {}
    problems: list[str] = []
    colours = brand.theme_colours(settings)
    for key in COLOURS:
        if key in given:
            colours[key] = check_colour(given[key])
    logo = given.get("logo")
    if logo is False:
        logo = None  # no logo, not even the firm's
    elif logo is not None:
        logo = _existing("['logo']", logo, settings, problems)
    else:
        logo = brand.firm_logo(settings)
    font = given.get("font")
    if font is not None:
        font = _existing("['font']", font, settings, problems)
    regular = given.get("font_regular")
    if regular is not None:
        regular = _existing("['font_regular']", regular, settings, problems)
    fallbacks = tuple(
        _existing(f"['fallback_fonts'][{i}]", value, settings, problems)
        for i, value in enumerate(given.get("fallback_fonts") or ())
    )
    if problems:
        raise InvalidSettings("invalid share-card settings:", problems)
    return CardConfig(
        colours=colours,
        logo=logo,
        font=font or BUNDLED_BOLD,
        # The regular face: the site's bold font when it gives only that.
        font_regular=regular or font or BUNDLED_REGULAR,
        fallback_fonts=fallbacks,
        layout=given.get("layout", "left"),
        # False: no telephone, not even the firm's (the domain instead).
        telephone=(
            (given["telephone"] or None)
            if "telephone" in given
            else brand.firm_telephone(settings)
        ),
        show_domain=given.get("show_domain", True),
        fediverse=dict(settings.get("PULLMARKETING_FEDIVERSE_CREATORS") or {}),
    )
