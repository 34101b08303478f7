"""The share cards' settings, checked in one place: ``PULLMARKETING_SHARE_CARD``
(colours, logo, fonts, layout, telephone), the design tokens of the bundled
theme it falls back to, and ``PULLMARKETING_FEDIVERSE_CREATORS``.

``card_config(settings)`` returns a ``CardConfig`` or raises ``SettingsError``
listing every problem (file, field, value given, what was expected).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..errors import SettingsError, describe
from . import brand

FIELD = "PULLMARKETING_SHARE_CARD"
_COLOURS = ("background", "text", "muted", "accent", "accent_text")
_KEYS = set(_COLOURS) | {
    "logo",
    "font",
    "font_regular",
    "fallback_fonts",
    "layout",
    "telephone",
    "show_domain",
}
LAYOUTS = ("left", "center")
BUNDLED_FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts")
BUNDLED_BOLD = os.path.join(BUNDLED_FONTS, "DejaVuSans-Bold.ttf")
BUNDLED_REGULAR = os.path.join(BUNDLED_FONTS, "DejaVuSans.ttf")
_LOGO_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
_FONT_TYPES = (".ttf", ".otf", ".ttc")
SAVE_AS_TYPES = (".png", ".webp")
_HANDLE = re.compile(r"@[A-Za-z0-9_][A-Za-z0-9_.-]*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


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


def _site_path(value: str, settings: dict) -> str:
    """A path from the settings: absolute, or under the content folder."""
    if os.path.isabs(value):
        return value
    value = value.removeprefix("{static}").lstrip("/")
    return os.path.join(settings.get("PATH") or os.curdir, value)


def _file_problem(key, value, settings, types, what):
    if not isinstance(value, str) or not value.strip():
        return None, describe(
            "invalid value",
            field=f'{FIELD}["{key}"]',
            value=value,
            expected=f"the path of {what}",
        )
    path = _site_path(value, settings)
    if not value.lower().endswith(types):
        return None, describe(
            "unsupported file type",
            field=f'{FIELD}["{key}"]',
            value=value,
            expected=f"{what} ({', '.join(types)})",
        )
    if not os.path.isfile(path):
        return None, describe(
            "file not found",
            file=path,
            field=f'{FIELD}["{key}"]',
            value=value,
            expected=f"an existing file: {what} (relative paths are read under PATH, the content folder)",
        )
    return path, None


def check_colour(value) -> tuple[int, int, int]:
    """``#0b5cad``, ``#fff``, ``rgb(11, 92, 173)`` or a CSS colour name ->
    (r, g, b); ValueError otherwise."""
    from PIL import ImageColor

    if not isinstance(value, str):
        raise ValueError(value)
    rgb = ImageColor.getrgb(value.strip())
    return tuple(rgb[:3])


def _fediverse(settings: dict, problems: list[str]) -> dict:
    value = settings.get("PULLMARKETING_FEDIVERSE_CREATORS") or {}
    if not isinstance(value, dict):
        problems.append(
            describe(
                "invalid value",
                field="PULLMARKETING_FEDIVERSE_CREATORS",
                value=value,
                expected='a dict of author name -> "@user@instance"',
            )
        )
        return {}
    out = {}
    for author, handle in value.items():
        if not isinstance(handle, str) or not _HANDLE.fullmatch(handle.strip()):
            problems.append(
                describe(
                    "invalid fediverse handle",
                    field=f'PULLMARKETING_FEDIVERSE_CREATORS["{author}"]',
                    value=handle,
                    expected='"@user@instance", e.g. "@ann@mastodon.social"',
                )
            )
            continue
        out[str(author)] = handle.strip()
    return out


def card_config(settings: dict) -> CardConfig:
    """The checked card settings, the theme's design tokens filling in the
    colours not given."""
    problems: list[str] = []
    given = settings.get(FIELD) or {}
    if not isinstance(given, dict):
        raise SettingsError(
            describe(
                "invalid value",
                field=FIELD,
                value=given,
                expected='a dict, e.g. {"background": "#0b5cad", "logo": "images/logo.png"}',
            )
        )
    unknown = sorted(set(given) - _KEYS)
    if unknown:
        problems.append(
            describe(
                "unknown keys",
                field=FIELD,
                value=unknown,
                expected=", ".join(sorted(_KEYS)),
            )
        )
    colours = brand.theme_colours(settings)
    for key in _COLOURS:
        if key in given:
            try:
                colours[key] = check_colour(given[key])
            except ValueError:
                problems.append(
                    describe(
                        "not a colour",
                        field=f'{FIELD}["{key}"]',
                        value=given[key],
                        expected='a CSS colour such as "#0b5cad", "#fff", "rgb(11, 92, 173)" or "navy"',
                    )
                )
    logo = None
    if given.get("logo") is not None:
        logo, problem = _file_problem(
            "logo",
            given["logo"],
            settings,
            _LOGO_TYPES,
            "a PNG, JPEG, WebP or GIF logo",
        )
        if problem:
            problems.append(problem)
    else:
        logo = brand.publisher_logo(settings)
    fonts = {}
    for key, default in (("font", BUNDLED_BOLD), ("font_regular", None)):
        fonts[key] = default
        if given.get(key) is not None:
            fonts[key], problem = _file_problem(
                key, given[key], settings, _FONT_TYPES, "a TrueType or OpenType font"
            )
            if problem:
                problems.append(problem)
    fallbacks = []
    extra = given.get("fallback_fonts", [])
    if isinstance(extra, str) or not isinstance(extra, (list, tuple)):
        problems.append(
            describe(
                "invalid value",
                field=f'{FIELD}["fallback_fonts"]',
                value=extra,
                expected="a list of font files tried, in order, for characters the font lacks",
            )
        )
        extra = []
    for value in extra:
        path, problem = _file_problem(
            "fallback_fonts",
            value,
            settings,
            _FONT_TYPES,
            "a TrueType or OpenType font",
        )
        if problem:
            problems.append(problem)
        else:
            fallbacks.append(path)
    layout = given.get("layout", "left")
    if layout not in LAYOUTS:
        problems.append(
            describe(
                "invalid value",
                field=f'{FIELD}["layout"]',
                value=layout,
                expected=" or ".join(repr(x) for x in LAYOUTS),
            )
        )
    telephone = given.get("telephone")
    if telephone is not None and (
        not isinstance(telephone, str) or not re.search(r"\d", telephone)
    ):
        problems.append(
            describe(
                "invalid value",
                field=f'{FIELD}["telephone"]',
                value=telephone,
                expected='a telephone number as it should be shown, e.g. "+44 20 7946 0958"',
            )
        )
    show_domain = given.get("show_domain", True)
    if not isinstance(show_domain, bool):
        problems.append(
            describe(
                "invalid value",
                field=f'{FIELD}["show_domain"]',
                value=show_domain,
                expected="True or False",
            )
        )
    save_as = settings.get("PULLMARKETING_SHARE_CARD_SAVE_AS", "{url}share.png")
    if not isinstance(save_as, str) or not save_as.lower().endswith(SAVE_AS_TYPES):
        problems.append(
            describe(
                "invalid value",
                field="PULLMARKETING_SHARE_CARD_SAVE_AS",
                value=save_as,
                expected='a path ending in .png or .webp, e.g. "{url}share.png"',
            )
        )
    fediverse = _fediverse(settings, problems)
    if problems:
        raise SettingsError(
            "invalid share-card settings:\n" + "\n".join(f"  - {p}" for p in problems)
        )
    font = fonts["font"] or BUNDLED_BOLD
    regular = fonts["font_regular"] or (
        font if given.get("font") is not None else BUNDLED_REGULAR
    )
    return CardConfig(
        colours=colours,
        logo=logo,
        font=font,
        font_regular=regular,
        fallback_fonts=tuple(fallbacks),
        layout=layout,
        telephone=telephone.strip() if isinstance(telephone, str) else None,
        show_domain=show_domain,
        fediverse=fediverse,
    )
