"""The brand a card wears when ``PULLMARKETING_SHARE_CARD`` does not say:
the colours of the bundled theme's design tokens (``tokens.css``, then the
site's own stylesheets in ``PULLMARKETING_THEME_CSS`` that override them, as
the browser reads them) and the publisher's logo.
"""

from __future__ import annotations

import logging
import os
import re

from .. import theme_path

logger = logging.getLogger(__name__)

# Card colour <- design token of the theme (light scheme: cards are images,
# they have no colour scheme).
TOKENS = {
    "background": "--pm-color-brand",
    "text": "--pm-color-on-brand",
    "muted": "--pm-color-on-brand",
    "accent": "--pm-color-accent",
    "accent_text": "--pm-color-on-accent",
}
# The tokens.css values, should a file be unreadable.
FALLBACK = {
    "background": (11, 92, 173),
    "text": (255, 255, 255),
    "muted": (255, 255, 255),
    "accent": (179, 64, 12),
    "accent_text": (255, 255, 255),
}
_DECL = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")


def tokens_of(css: str) -> dict[str, str]:
    """Custom properties declared in top-level ``:root`` rules of a
    stylesheet (those inside ``@media`` are the dark scheme's: left out)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: dict[str, str] = {}
    depth, selector_start, body_start, selector = 0, 0, 0, ""
    for m in re.finditer(r"[{}]", css):
        if m.group() == "{":
            if depth == 0:
                selector = css[selector_start : m.start()].strip()
                body_start = m.end()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                if selector == ":root":
                    found.update(
                        (k, v.strip())
                        for k, v in _DECL.findall(css[body_start : m.start()] + ";")
                    )
                selector_start = m.end()
    return found


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError):
        return ""


def stylesheets(settings: dict) -> list[str]:
    """The theme's tokens.css, then each local file of PULLMARKETING_THEME_CSS
    (looked up under the content folder; URLs are not fetched)."""
    files = [os.path.join(theme_path(), "static", "css", "tokens.css")]
    for entry in settings.get("PULLMARKETING_THEME_CSS") or ():
        if not isinstance(entry, str) or "://" in entry or entry.startswith("//"):
            continue
        rel = entry.lstrip("/")
        for root in (settings.get("PATH"), settings.get("OUTPUT_PATH")):
            if root and os.path.isfile(os.path.join(root, rel)):
                files.append(os.path.join(root, rel))
                break
    return files


def theme_colours(settings: dict) -> dict:
    from .config import check_colour

    tokens: dict[str, str] = {}
    for path in stylesheets(settings):
        tokens.update(tokens_of(_read(path)))
    colours = dict(FALLBACK)
    for key, token in TOKENS.items():
        value = tokens.get(token)
        if value is None:
            continue
        try:
            colours[key] = check_colour(value)
        except ValueError:
            logger.warning(
                "pullmarketing: share cards: design token %s is %r, not a colour "
                "a card can use; using %s",
                token,
                value,
                "#{:02x}{:02x}{:02x}".format(*colours[key]),
            )
    return colours


def _firm(settings: dict) -> dict:
    """The firm as the site describes it: PULLMARKETING_BUSINESS, else the
    deprecated PULLMARKETING_PUBLISHER (ignored once a business is set, as
    the build's deprecation warning says); {} for neither."""
    for name in ("PULLMARKETING_BUSINESS", "PULLMARKETING_PUBLISHER"):
        firm = settings.get(name)
        if isinstance(firm, dict) and firm:
            return firm
    return {}


def firm_logo(settings: dict) -> str | None:
    """The firm's logo when it is a raster file of the site (``{static}``
    and the other prefixes the theme's header takes): an SVG or a URL is
    not drawn."""
    from ..seo.images import site_path

    value = _firm(settings).get("logo")
    if not isinstance(value, str) or "://" in value or value.startswith("//"):
        return None
    rel = site_path(value.strip())
    if not rel.lower().endswith((".png", ".jpg", ".jpeg", ".webp", ".gif")):
        return None
    path = os.path.join(settings.get("PATH") or os.curdir, rel)
    return path if os.path.isfile(path) else None


def firm_telephone(settings: dict) -> str | None:
    """The firm's telephone as PULLMARKETING_BUSINESS gives it."""
    business = settings.get("PULLMARKETING_BUSINESS")
    value = business.get("telephone") if isinstance(business, dict) else None
    return value.strip() or None if isinstance(value, str) else None


def firm_name(settings: dict) -> str:
    """The firm's name."""
    value = _firm(settings).get("name")
    return value.strip() if isinstance(value, str) else ""
