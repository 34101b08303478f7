"""The firm behind the site, read once from ``PULLMARKETING_BUSINESS``.

``read_business(value)`` checks the whole dict and returns a frozen
``Business`` (or raises ``SettingsError`` listing every problem, each naming
its key: ``PULLMARKETING_BUSINESS["address"]["postcode"]``). The theme prints
it (header, footer h-card, contact blocks) and the JSON-LD describes it from
the same values, so name, address and telephone are the same bytes in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SettingsError, describe
from . import types
from .nap import format_days, tel_href

SETTING = "PULLMARKETING_BUSINESS"

KEYS = (
    "name",
    "type",
    "telephone",
    "email",
    "address",
    "geo",
    "area_served",
    "opening_hours",
    "price_range",
    "logo",
    "image",
    "same_as",
    "call_to_action",
    "accreditations",
)
ADDRESS_KEYS = ("street", "locality", "region", "postcode", "country")
# What a LocalBusiness needs to be found for a place (Google's required
# address fields); an Organization may leave the address out.
ADDRESS_REQUIRED = ("street", "locality", "postcode", "country")

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

    @property
    def days_text(self) -> str:
        """``Monday to Friday``, ``Saturday``, ``Monday, Wednesday``."""
        return format_days(self.source.split()[0])

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


class _Problems:
    def __init__(self):
        self.lines: list[str] = []

    def add(self, keys: tuple, value, expected: str, message="invalid value"):
        field = SETTING + "".join(f"[{k!r}]".replace("'", '"') for k in keys)
        self.lines.append(
            describe(message, field=field, value=value, expected=expected)
        )


def _text(problems, value: dict, key, *, path=(), required=False) -> str:
    if key not in value or value[key] is None:
        if required:
            problems.add(path + (key,), None, "a non-empty string", "missing key")
        return ""
    given = value[key]
    if not isinstance(given, str) or (required and not given.strip()):
        problems.add(path + (key,), given, "a non-empty string")
        return ""
    return given.strip()


def _url(problems, value, keys) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        problems.add(keys, value, "an absolute URL starting with http:// or https://")
        return ""
    return value


def _str_list(problems, value: dict, key) -> tuple[str, ...]:
    given = value.get(key)
    if given is None:
        return ()
    if isinstance(given, str):
        given = [given]
    if not isinstance(given, (list, tuple)) or not all(
        isinstance(v, str) and v.strip() for v in given
    ):
        problems.add((key,), given, "a list of non-empty strings")
        return ()
    return tuple(v.strip() for v in given)


def _unknown_keys(problems, value: dict, known, path=()) -> None:
    import difflib

    for key in value:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.add(
            path + (key,),
            None,
            "one of " + ", ".join(known) + hint,
            "unknown key",
        )


def _type(problems, value: dict) -> str:
    kind = _text(problems, value, "type", required=True)
    if kind and kind not in types.BUSINESS_TYPES:
        close = types.suggest(kind)
        hint = f"; did you mean {close!r}?" if close else ""
        problems.add(
            ("type",),
            kind,
            "a schema.org LocalBusiness subtype such as 'Plumber', 'HVACBusiness', "
            "'Electrician' or 'ProfessionalService', or 'Organization'" + hint,
            "unknown type",
        )
        return ""
    return kind


def _address(problems, value: dict, local: bool) -> Address | None:
    given = value.get("address")
    if given is None:
        if local:
            problems.add(
                ("address",),
                None,
                "a dict with " + ", ".join(ADDRESS_REQUIRED) + " (a LocalBusiness "
                "has premises; use 'Organization' for a firm without)",
                "missing key",
            )
        return None
    if not isinstance(given, dict):
        problems.add(("address",), given, "a dict with " + ", ".join(ADDRESS_KEYS))
        return None
    _unknown_keys(problems, given, ADDRESS_KEYS, ("address",))
    parts = {
        k: _text(problems, given, k, path=("address",), required=k in ADDRESS_REQUIRED)
        for k in ADDRESS_KEYS
    }
    country = parts["country"]
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        problems.add(
            ("address", "country"), country, "a two-letter ISO 3166 code such as 'GB'"
        )
    return Address(**parts)


def _geo(problems, value: dict) -> Geo | None:
    given = value.get("geo")
    if given is None:
        return None
    if not isinstance(given, dict):
        problems.add(("geo",), given, "a dict with latitude and longitude")
        return None
    _unknown_keys(problems, given, ("latitude", "longitude"), ("geo",))
    out = []
    for key, limit in (("latitude", 90), ("longitude", 180)):
        number = given.get(key)
        if (
            isinstance(number, bool)
            or not isinstance(number, (int, float))
            or not -limit <= number <= limit
        ):
            problems.add(("geo", key), number, f"a number from -{limit} to {limit}")
            return None
        out.append(float(number))
    return Geo(*out)


def parse_opening_hours(line: str) -> OpeningHours:
    """``Mo-Fr 08:00-18:00`` (days: codes Mo..Su, ranges and commas; 24-hour
    times) -> OpeningHours; ValueError naming what is wrong."""
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
    return OpeningHours(line.strip(), tuple(days), m["opens"], m["closes"])


def _opening_hours(problems, value: dict) -> tuple[OpeningHours, ...]:
    lines = _str_list(problems, value, "opening_hours")
    out = []
    for i, line in enumerate(lines):
        try:
            out.append(parse_opening_hours(line))
        except ValueError as exc:
            problems.add(("opening_hours", i), line, str(exc))
    return tuple(out)


def _call_to_action(problems, value: dict) -> CallToAction | None:
    given = value.get("call_to_action")
    if given is None:
        return None
    if not isinstance(given, dict):
        problems.add(("call_to_action",), given, "a dict with text and url")
        return None
    _unknown_keys(problems, given, ("text", "url"), ("call_to_action",))
    text = _text(problems, given, "text", path=("call_to_action",), required=True)
    url = _text(problems, given, "url", path=("call_to_action",), required=True)
    return CallToAction(text, url) if text and url else None


def _accreditations(problems, value: dict) -> tuple[Accreditation, ...]:
    given = value.get("accreditations")
    if given is None:
        return ()
    if not isinstance(given, (list, tuple)):
        problems.add(("accreditations",), given, "a list of dicts (name, number, url)")
        return ()
    out = []
    keys = ("name", "number", "url", "badge")
    for i, item in enumerate(given):
        path = ("accreditations", i)
        if not isinstance(item, dict):
            problems.add(path, item, "a dict with name, number, url, badge")
            continue
        _unknown_keys(problems, item, keys, path)
        parts = {
            k: _text(problems, item, k, path=path, required=k == "name") for k in keys
        }
        if parts["url"]:
            parts["url"] = _url(problems, parts["url"], path + ("url",))
        if parts["name"]:
            out.append(Accreditation(**parts))
    return tuple(out)


def read_business(value) -> Business | None:
    """The checked ``Business`` of a ``PULLMARKETING_BUSINESS`` value (None
    when unset); ``SettingsError`` listing every problem otherwise."""
    if value is None:
        return None
    problems = _Problems()
    if not isinstance(value, dict):
        problems.add((), value, "a dict (name, type, telephone, address, ...)")
        raise SettingsError("invalid business settings:\n  - " + problems.lines[0])
    _unknown_keys(problems, value, KEYS)
    name = _text(problems, value, "name", required=True)
    kind = _type(problems, value)
    telephone = _text(problems, value, "telephone")
    email = _text(problems, value, "email")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        problems.add(("email",), email, "an e-mail address")
    if "telephone" not in value and "email" not in value:
        problems.add(
            ("telephone",), None, "a telephone (or at least an email)", "missing key"
        )
    if telephone and len(re.sub(r"\D", "", telephone)) < 5:
        problems.add(("telephone",), telephone, "a telephone number")
    address = _address(problems, value, types.is_local_business(kind))
    same_as = tuple(
        _url(problems, u, ("same_as", i))
        for i, u in enumerate(_str_list(problems, value, "same_as"))
    )
    business = Business(
        name=name,
        type=kind,
        telephone=telephone,
        email=email,
        address=address,
        geo=_geo(problems, value),
        area_served=_str_list(problems, value, "area_served"),
        opening_hours=_opening_hours(problems, value),
        price_range=_text(problems, value, "price_range"),
        logo=_text(problems, value, "logo"),
        image=_text(problems, value, "image"),
        same_as=tuple(u for u in same_as if u),
        call_to_action=_call_to_action(problems, value),
        accreditations=_accreditations(problems, value),
        country=address.country if address else "",
    )
    if problems.lines:
        raise SettingsError(
            "invalid business settings:\n"
            + "\n".join(f"  - {line}" for line in problems.lines)
        )
    return business
