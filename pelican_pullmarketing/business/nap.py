"""Name, address, phone: how the theme writes them. The values themselves are
printed as the owner typed them (so the page and the JSON-LD agree byte for
byte); only the ``tel:`` link target and the days of opening hours are
derived here."""

from __future__ import annotations

import re

from .. import i18n

# Country calling codes and whether the national form's leading 0 (the trunk
# prefix) is dropped in the international form (Italy keeps it).
DIAL_CODES = {
    "GB": "44",
    "IE": "353",
    "FR": "33",
    "DE": "49",
    "NL": "31",
    "BE": "32",
    "AT": "43",
    "CH": "41",
    "SE": "46",
    "FI": "358",
    "PL": "48",
    "AU": "61",
    "NZ": "64",
    "ZA": "27",
    "IN": "91",
    "IT": "39",
    "ES": "34",
    "PT": "351",
    "DK": "45",
    "NO": "47",
}
KEEPS_TRUNK_ZERO = {"IT"}
NORTH_AMERICA = {"US", "CA"}

# schema.org's names of the days (JSON-LD ``dayOfWeek``: never translated).
DAY_NAMES = {
    "Mo": "Monday",
    "Tu": "Tuesday",
    "We": "Wednesday",
    "Th": "Thursday",
    "Fr": "Friday",
    "Sa": "Saturday",
    "Su": "Sunday",
}


def tel_href(telephone: str, country: str = "") -> str:
    """``tel:`` URL of a number as people write it: ``0117 496 0472`` in GB
    is ``tel:+441174960472``; a number given with ``+`` or ``00`` keeps its
    own country code; a country not in ``DIAL_CODES`` keeps the digits."""
    if not telephone:
        return ""
    digits = re.sub(r"\D", "", telephone)
    if telephone.strip().startswith("+"):
        return "tel:+" + digits
    if digits.startswith("00"):
        return "tel:+" + digits[2:]
    if country in NORTH_AMERICA:
        if len(digits) == 10:
            return "tel:+1" + digits
        if len(digits) == 11 and digits.startswith("1"):
            return "tel:+" + digits
    code = DIAL_CODES.get(country)
    if code and digits.startswith("0"):
        national = digits if country in KEEPS_TRUNK_ZERO else digits[1:]
        return f"tel:+{code}{national}"
    return "tel:" + digits


def day_names(lang: str | None) -> dict[str, str]:
    """The days as readers of ``lang`` name them, by code."""
    _ = i18n.gettext_for(lang)
    return {
        "Mo": _("Monday"),
        "Tu": _("Tuesday"),
        "We": _("Wednesday"),
        "Th": _("Thursday"),
        "Fr": _("Friday"),
        "Sa": _("Saturday"),
        "Su": _("Sunday"),
    }


def format_days(spec: str, lang: str | None = None) -> str:
    """``Mo-Fr`` -> ``Monday to Friday``; ``Mo,We`` -> ``Monday, Wednesday``
    (in ``lang``; English without)."""
    _ = i18n.gettext_for(lang)
    names = day_names(lang)
    parts = []
    for part in spec.split(","):
        first, _sep, last = part.partition("-")
        name = names.get(first, first)
        if last:
            # Translators: opening hours on a range of days ("Monday to
            # Friday 08:00–18:00").
            name = _("{first} to {last}").format(first=name, last=names.get(last, last))
        parts.append(name)
    return ", ".join(parts)
