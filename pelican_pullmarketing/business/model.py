"""The firm behind the site, as the theme and the JSON-LD read it.

``PULLMARKETING_BUSINESS`` is checked by the settings schema (``BUSINESS`` in
settings.py: every key to the leaf, every problem named by its key path);
``business_from`` turns the checked dict into a frozen ``Business`` once per
build (``plugin.start``). The theme prints it (header, footer h-card, contact
blocks) and the JSON-LD describes it from the same values, so name, address
and telephone are the same bytes in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import types
from .nap import format_days, tel_href

SETTING = "PULLMARKETING_BUSINESS"

_HOURS = re.compile(
    r"^(?P<days>[A-Za-z]{2}(?:-[A-Za-z]{2})?(?:,[A-Za-z]{2}(?:-[A-Za-z]{2})?)*)"
    r"\s+(?P<opens>\d{2}:\d{2})-(?P<closes>\d{2}:\d{2})$"
)
DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


@dataclass(frozen=True)
class Address:
    street: str
    locality: str
    region: str
    postcode: str
    country: str


@dataclass(frozen=True)
class Geo:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class OpeningHours:
    """One line such as ``Mo-Fr 08:00-18:00``: ``days`` in order (codes)."""

    source: str
    days: tuple[str, ...]
    opens: str
    closes: str
    lang: str = ""  # the site's language (DEFAULT_LANG): ``days_text``'s

    @property
    def days_text(self) -> str:
        """``Monday to Friday``, ``Saturday``, ``Monday, Wednesday``, in the
        site's language."""
        return format_days(self.source.split()[0], self.lang)

    def days_in(self, lang: str | None) -> str:
        """``days_text`` in ``lang`` (a page in another language than the
        site's: ``hours.days_in(article.lang)``)."""
        return format_days(self.source.split()[0], lang or self.lang)

    @property
    def hours_text(self) -> str:
        return f"{self.opens}\u2013{self.closes}"


@dataclass(frozen=True)
class CallToAction:
    text: str
    url: str


@dataclass(frozen=True)
class Accreditation:
    name: str
    number: str = ""
    url: str = ""
    badge: str = ""


@dataclass(frozen=True)
class Business:
    name: str
    type: str
    telephone: str = ""
    email: str = ""
    address: Address | None = None
    geo: Geo | None = None
    area_served: tuple[str, ...] = ()
    opening_hours: tuple[OpeningHours, ...] = ()
    price_range: str = ""
    logo: str = ""
    image: str = ""
    same_as: tuple[str, ...] = ()
    call_to_action: CallToAction | None = None
    accreditations: tuple[Accreditation, ...] = ()
    country: str = ""  # the address's, for the telephone's international form
    # The logo's size in pixels, read from the file by the build (0: unknown).
    logo_width: int = 0
    logo_height: int = 0

    @property
    def tel_href(self) -> str:
        """``tel:+441174960472``: the telephone as a link target."""
        return tel_href(self.telephone, self.country)

    @property
    def is_local(self) -> bool:
        return types.is_local_business(self.type)


def parse_opening_hours(line: str, lang: str = "") -> OpeningHours:
    """``Mo-Fr 08:00-18:00`` (days: codes Mo..Su, ranges and commas; 24-hour
    times) -> OpeningHours (days written in ``lang``); ValueError naming
    what is wrong."""
    m = _HOURS.match(line.strip()) if isinstance(line, str) else None
    if not m:
        raise ValueError("a line such as 'Mo-Fr 08:00-18:00' or 'Sa 09:00-12:00'")
    days: list[str] = []
    for part in m["days"].split(","):
        first, _, last = part.partition("-")
        if first not in DAY_CODES or (last and last not in DAY_CODES):
            raise ValueError("days written Mo, Tu, We, Th, Fr, Sa, Su")
        start = DAY_CODES.index(first)
        end = DAY_CODES.index(last) if last else start
        if end < start:
            raise ValueError("a day range in week order, e.g. Mo-Fr")
        days += [d for d in DAY_CODES[start : end + 1] if d not in days]
    for time in (m["opens"], m["closes"]):
        hours, minutes = int(time[:2]), int(time[3:])
        if hours > 24 or minutes > 59 or (hours == 24 and minutes):
            raise ValueError("times from 00:00 to 24:00")
    return OpeningHours(line.strip(), tuple(days), m["opens"], m["closes"], lang)


def business_from(checked: dict | None, lang: str = "") -> Business | None:
    """The ``Business`` of a ``PULLMARKETING_BUSINESS`` value the schema has
    checked (None when unset); its opening days written in ``lang``, the
    site's language."""
    if not checked:
        return None
    address = checked.get("address")
    geo = checked.get("geo")
    action = checked.get("call_to_action")
    return Business(
        name=checked["name"],
        type=checked["type"],
        telephone=checked.get("telephone") or "",
        email=checked.get("email") or "",
        address=Address(
            street=address["street"],
            locality=address["locality"],
            region=address.get("region") or "",
            postcode=address["postcode"],
            country=address["country"],
        )
        if address
        else None,
        geo=Geo(float(geo["latitude"]), float(geo["longitude"])) if geo else None,
        area_served=tuple(checked.get("area_served") or ()),
        opening_hours=tuple(
            parse_opening_hours(line, lang)
            for line in checked.get("opening_hours") or ()
        ),
        price_range=checked.get("price_range") or "",
        logo=checked.get("logo") or "",
        image=checked.get("image") or "",
        same_as=tuple(checked.get("same_as") or ()),
        call_to_action=CallToAction(action["text"], action["url"]) if action else None,
        accreditations=tuple(
            Accreditation(
                name=item["name"],
                number=item.get("number") or "",
                url=item.get("url") or "",
                badge=item.get("badge") or "",
            )
            for item in checked.get("accreditations") or ()
        ),
        country=address["country"] if address else "",
    )
