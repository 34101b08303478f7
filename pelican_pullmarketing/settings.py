"""The one settings schema: every ``PULLMARKETING_*`` name, its type, default
and meaning, and ``validate()``, which checks a site's settings once at start-up.

A reader learns the plugin's whole surface here, down to every key of the
dict settings: they are declared with the small checkers below (``Keys``,
``DictOf``, ``ListOf``, ``OneOf``, ``Optional`` over plain leaf checkers), so
``GATE`` says which keys each form provider accepts, ``CROSSPOST_TARGETS``
which options each platform takes, and the README's settings table is made
from the same declarations (``nested_keys``). Features read the validated
values straight from Pelican's settings dict (defaults filled in, file paths
made absolute), like any native Pelican setting. In a build, the defaults
filled in are those of the features the site loads (and the bundled
theme's): Pelican copies its settings into the context of every page it
writes, so a site that loads one feature does not carry every other
feature's settings through each page. A feature that reads another's
setting uses ``setting_value()``.
"""

from __future__ import annotations

import copy
import html
import logging
import os
import re
import string as string_module
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import metadata, text
from .errors import InvalidSettings, describe
from .i18n import words

logger = logging.getLogger(__name__)

PREFIX = "PULLMARKETING_"

# --- checkers ------------------------------------------------------------------
#
# A checker takes a value and returns it (normalised) or raises
# ``ValueError(expected)``. Leaf checkers are plain functions; the composite
# ones below (``Keys``, ``DictOf``, ``ListOf``, ``OneOf``, ``Optional``) are
# built from them, check every part and raise ``Invalid`` listing every
# problem with its key path. ``validate`` turns those into one message, a line
# per problem: ``PULLMARKETING_GATE['form_id']: missing key for provider
# 'formspree' (expected ...)``.

Check = Callable[[Any], Any]

# How close an unknown name must be to a known one to be offered as "did you
# mean" (difflib's ratio): the one cut-off of every such hint.
DID_YOU_MEAN_CUTOFF = 0.75


def closest(name: str, known) -> str | None:
    """The known name ``name`` was probably meant to be, if any."""
    import difflib  # only for a misspelt name: not imported by every build

    close = difflib.get_close_matches(
        name, list(known), n=1, cutoff=DID_YOU_MEAN_CUTOFF
    )
    return close[0] if close else None


@dataclass(frozen=True)
class Problem:
    """One problem inside a nested value; ``path`` is below the setting's name,
    e.g. ``['devto']['tags']``."""

    path: str
    message: str
    value: Any = None
    expected: str | None = None

    def under(self, path: str) -> Problem:
        return Problem(path + self.path, self.message, self.value, self.expected)

    def line(self, setting: str, source: str | None = None) -> str:
        return describe(
            self.message,
            file=source,
            field=setting + self.path,
            value=self.value,
            expected=self.expected,
        )


class Invalid(ValueError):
    """Raised by a composite checker: every ``Problem`` it found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


_FAILED = object()


def _check_part(check: Check, value, path: str, problems: list, what="value"):
    """``check(value)``; a failure is added to ``problems`` under ``path``
    and ``_FAILED`` returned."""
    try:
        return check(value)
    except Invalid as exc:
        problems.extend(p.under(path) for p in exc.problems)
    except ValueError as exc:
        problems.append(Problem(path, f"invalid {what}", value, str(exc)))
    return _FAILED


def _as_expected(doc: str) -> str:
    """A key's meaning ("The form's id.") as what a message expects ("the
    form's id")."""
    doc = doc.rstrip(".")
    return doc[:1].lower() + doc[1:] if doc[1:2].islower() else doc


def _key_path(key) -> str:
    return f"[{key!r}]"


@dataclass(frozen=True)
class Key:
    """One key of a dict setting: its checker, meaning and default (filled in
    when the key is absent; ``None``: left absent)."""

    check: Check
    doc: str
    default: Any = None


class Keys:
    """A dict with these keys: every ``required`` one, any ``optional`` one,
    no other. ``noun`` names a key in messages ("option"); ``of`` says whose
    keys they are ("provider 'kit'")."""

    def __init__(
        self,
        required: dict[str, Key] | None = None,
        optional: dict[str, Key] | None = None,
        *,
        noun: str = "key",
        of: str | None = None,
    ):
        self.required = dict(required or {})
        self.optional = dict(optional or {})
        self.keys = {**self.required, **self.optional}
        self.noun = noun
        self.owner = of
        self.of = f" for {of}" if of else ""

    def expected(self) -> str:
        return f"a dict with the {self.noun}s " + ", ".join(self.keys)

    def __call__(self, value):
        if not isinstance(value, dict):
            raise ValueError(self.expected())
        problems: list[Problem] = []
        out = {}
        for name, given in value.items():
            key = self.keys.get(name)
            if key is None:
                problems.append(self._unknown(name))
                continue
            checked = _check_part(key.check, given, _key_path(name), problems)
            if checked is not _FAILED:
                out[name] = checked
        for name, key in self.keys.items():
            if name in value:
                continue
            if name in self.required:
                message = f"missing {self.noun}{self.of}"
                expected = _as_expected(key.doc)
                problems.append(Problem(_key_path(name), message, None, expected))
            elif key.default is not None:
                out[name] = copy.deepcopy(key.default)
        if problems:
            raise Invalid(problems)
        return out

    def _unknown(self, name) -> Problem:
        close = closest(str(name), self.keys)
        hint = f"; did you mean {close!r}?" if close else ""
        return Problem(
            _key_path(name),
            f"unknown {self.noun}{self.of}{hint}",
            None,
            "one of " + ", ".join(repr(k) for k in self.keys),
        )

    def parts(self):
        for name, key in self.keys.items():
            yield _key_path(name), key, name in self.required


class DictOf:
    """A dict of any keys passing ``key`` (a ``keys_noun`` such as "topic
    slug") whose values pass ``value`` (a ``values_noun`` such as "topic")."""

    def __init__(
        self,
        key: Check,
        value: Check,
        *,
        placeholder: str,
        keys_noun: str = "key",
        values_noun: str = "value",
        expected: str | None = None,
    ):
        self.key = key
        self.value = value
        self.placeholder = placeholder  # names any key in the docs: "<slug>"
        self.keys_noun = keys_noun
        self.values_noun = values_noun
        self._expected = expected or f"a dict of {values_noun}s by {keys_noun}"

    def __call__(self, value):
        if not isinstance(value, dict):
            raise ValueError(self._expected)
        problems: list[Problem] = []
        out = {}
        for name, given in value.items():
            path = _key_path(name)
            if _check_part(self.key, name, "", problems, self.keys_noun) is _FAILED:
                continue
            checked = _check_part(self.value, given, path, problems, self.values_noun)
            if checked is not _FAILED:
                out[name] = checked
        if problems:
            raise Invalid(problems)
        return out

    def parts(self):
        yield f"[{self.placeholder}]", Key(self.value, ""), False


class ListOf:
    """A list (or tuple) whose items pass ``item``; with ``single``, one item
    given alone counts as a list of it. An item that fails a plain checker
    makes the list invalid as a whole (``expected`` says what it must be)."""

    def __init__(self, item: Check, expected: str, *, single: bool = False):
        self.item = item
        self._expected = expected
        self.single = single

    def __call__(self, value):
        if self.single and isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise ValueError(self._expected)
        problems: list[Problem] = []
        out = []
        for index, item in enumerate(value):
            try:
                out.append(self.item(item))
            except Invalid as exc:
                problems.extend(p.under(f"[{index}]") for p in exc.problems)
            except ValueError:
                raise ValueError(self._expected) from None
        if problems:
            raise Invalid(problems)
        return out

    def parts(self):
        yield "[]", Key(self.item, ""), False


class OneOf:
    """A dict whose ``tag`` key picks its shape among ``shapes`` (e.g. the
    gate's ``provider``: each provider has its own keys)."""

    def __init__(self, tag: str, shapes: dict[str, Keys]):
        self.tag = tag
        self.shapes = shapes

    def __call__(self, value):
        if not isinstance(value, dict):
            raise ValueError(f"a dict with {self.tag!r} and its keys")
        name = value.get(self.tag)
        if not isinstance(name, str) or name not in self.shapes:
            raise Invalid(
                [
                    Problem(
                        "",
                        f"unknown or missing {self.tag!r}",
                        name,
                        "one of " + ", ".join(repr(s) for s in self.shapes),
                    )
                ]
            )
        return self.shapes[name](value)

    def parts(self):
        """The tag, the keys every shape shares, then each shape's own."""
        shapes = list(self.shapes.values())
        shared = {
            name: key
            for name, key in shapes[0].keys.items()
            if name != self.tag and all(s.keys.get(name) is key for s in shapes)
        }
        names = ", ".join(f"`{n}`" for n in self.shapes)
        yield _key_path(self.tag), Key(string, f"One of {names}."), True
        for name, key in shared.items():
            yield _key_path(name), key, False
        for shape_name, shape in self.shapes.items():
            for path, key, required in shape.parts():
                name = path[2:-2]
                if name != self.tag and name not in shared:
                    doc = f"{self.tag} `{shape_name}`: {key.doc}"
                    yield path, Key(key.check, doc, key.default), required


class Optional:
    """``None`` or a value passing ``check``."""

    def __init__(self, check: Check):
        self.check = check

    def __call__(self, value):
        return None if value is None else self.check(value)

    def parts(self):
        parts = getattr(self.check, "parts", None)
        return parts() if parts else ()


def nested_keys(check: Check, path: str = ""):
    """Every key below a setting, as ``(path, Key, required)``, depth first:
    what the README table and the docs show."""
    parts = getattr(check, "parts", None)
    for sub, key, required in parts() if parts else ():
        if key.doc:
            yield path + sub, key, required
        yield from nested_keys(key.check, path + sub)


# Leaf checkers.


def string(value):
    if not isinstance(value, str):
        raise ValueError("a string")
    return value


def nonempty(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty string")
    return value


def plain_text(value):
    """A string, as one line of plain text (titles, descriptions)."""
    return text.field_text(string(value))


def stripped(value):
    return string(value).strip()


def url(value):
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ValueError("an absolute URL starting with http:// or https://")
    return value


def url_or_path(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a URL or a path in the site")
    return value


def whole(minimum: int, why: str = "") -> Check:
    expected = f"a whole number >= {minimum}" + (f" ({why})" if why else "")

    def check(value):
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ValueError(expected)
        return value

    return check


def number(minimum: float, maximum: float) -> Check:
    expected = f"a number from {minimum} to {maximum}"

    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(expected)
        if not minimum <= value <= maximum:
            raise ValueError(expected)
        return value

    return check


def boolean(value):
    if not isinstance(value, bool):
        raise ValueError("True or False")
    return value


def choice(*choices: str) -> Check:
    def check(value):
        if value not in choices:
            raise ValueError("one of " + ", ".join(repr(c) for c in choices))
        return value

    return check


def title_format(value):
    if (
        not isinstance(value, str)
        or value.count("{title}") != 1
        or value.count("{site}") != 1
    ):
        raise ValueError(
            'a string with {title} and {site} once each, e.g. "{title} | {site}"'
        )
    return value


def dict_of_str(value):
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError('a dict of strings, e.g. {"phrase": "{filename}/post.md"}')
    return value


list_of_str = ListOf(string, "a list of strings", single=True)


def expecting(check: Check, expected: str) -> Check:
    """``check``, saying ``expected`` when the value fails it."""

    def wrapped(value):
        try:
            return check(value)
        except ValueError:
            raise ValueError(expected) from None

    return wrapped


# --- the shapes of the dict settings -------------------------------------------

# Topics (PULLMARKETING_TOPICS).

_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def topic_slug(value):
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise ValueError("lower-case letters, digits and hyphens, e.g. 'heat-pumps'")
    return value


def _name(value):
    return nonempty(value).strip()


_NAMES = ListOf(_name, "a list of names, e.g. ['Boilers']", single=True)

TOPIC = Keys(
    optional={
        "title": Key(
            Optional(plain_text),
            "Title of the hub page and the feeds. Unset: the slug, capitalised.",
        ),
        "description": Key(
            Optional(plain_text),
            "One line under the title; the hub's meta description and the feeds' subtitle.",
        ),
        "categories": Key(_NAMES, "Categories whose articles belong to the topic.", []),
        "tags": Key(_NAMES, "Tags whose articles belong to the topic.", []),
        "intro": Key(
            Optional(stripped),
            "Markdown shown at the top of the hub page (`{filename}` links work).",
        ),
        "feed_id": Key(
            Optional(stripped),
            "Id of the topic's feeds; keep it when the slug changes. Unset: `tag:<authority>,<year>:topics/<slug>`.",
        ),
        "image": Key(
            url_or_path,
            "Picture of the topic's card on the home page (bundled theme): a URL or a path in the site.",
        ),
        "call_to_action": Key(
            Keys(
                required={"text": Key(_name, "The button's words.")},
                optional={
                    "url": Key(
                        url_or_path,
                        "Where it leads. Unset: the business's call to action.",
                    ),
                    "lead": Key(string, "A sentence before the button."),
                },
            ),
            "The next step after the topic's articles (bundled theme). Unset: the business's call to action.",
        ),
    }
)
TOPICS = DictOf(
    topic_slug,
    TOPIC,
    placeholder="'<slug>'",
    keys_noun="topic slug",
    values_noun="topic",
    expected='a dict of topics by slug, e.g. {"heat-pumps": {"title": "Heat pumps"}}',
)

# Who publishes (PULLMARKETING_PUBLISHER).

PUBLISHER = Keys(
    optional={
        "type": Key(
            choice("Organization", "Person"),
            "`Organization` or `Person`.",
            "Organization",
        ),
        "name": Key(nonempty, "Name. Unset: `SITENAME`."),
        "url": Key(url, "Home page. Unset: `SITEURL`."),
        "logo": Key(nonempty, "Logo (a person's photo): a URL or a path in the site."),
        "same_as": Key(
            ListOf(url, "a list of absolute URLs (profiles)"),
            "Profiles elsewhere (absolute URLs).",
            [],
        ),
    }
)

# The firm (PULLMARKETING_BUSINESS): the bundled theme prints it, the JSON-LD
# describes it (the site's node). Its schema.org types and the opening-hours
# grammar are the business feature's (business/types.py, business/model.py).


class Rules:
    """A dict passing ``shape`` and each of ``rules``: a rule reads the whole
    dict as given and returns the problems no one key shows (a key that
    another key's value makes required). Every problem is reported at once."""

    def __init__(self, shape: Keys, *rules: Callable[[dict], list[Problem]]):
        self.shape = shape
        self.rules = rules

    def __call__(self, value):
        problems: list[Problem] = []
        checked = None
        try:
            checked = self.shape(value)
        except Invalid as exc:
            problems += exc.problems
        for rule in self.rules:
            problems += rule(value)
        if problems:
            raise Invalid(problems)
        return checked

    def parts(self):
        return self.shape.parts()


_BUSINESS_TYPE = (
    "a schema.org LocalBusiness subtype such as 'Plumber', 'HVACBusiness', "
    "'Electrician' or 'ProfessionalService', or 'Organization'"
)


def business_type(value):
    from .business.types import BUSINESS_TYPES, suggest

    if isinstance(value, str) and value in BUSINESS_TYPES:
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_BUSINESS_TYPE)
    close = suggest(value)
    hint = f"; did you mean {close!r}?" if close else ""
    raise Invalid([Problem("", "unknown type" + hint, value, _BUSINESS_TYPE)])


def filled(value):
    """A non-empty string, stripped."""
    return nonempty(value).strip()


def telephone(value):
    value = stripped(value)
    if value and len(re.sub(r"\D", "", value)) < 5:
        raise ValueError("a telephone number as people write it, e.g. '0117 496 0472'")
    return value


def email(value):
    value = stripped(value)
    if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError("an e-mail address")
    return value


def country_code(value):
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value.strip()):
        raise ValueError("a two-letter ISO 3166 code such as 'GB'")
    return value.strip()


def opening_hours_line(value):
    """``Mo-Fr 08:00-18:00``; a wrong line is named by its place in the list."""
    from .business.model import parse_opening_hours

    try:
        return parse_opening_hours(value).source
    except ValueError as exc:
        raise Invalid([Problem("", "invalid value", value, str(exc))]) from None


def _firm_has_premises(value) -> list[Problem]:
    from .business.types import is_local_business

    kind = value.get("type") if isinstance(value, dict) else None
    if not isinstance(kind, str) or not is_local_business(kind):
        return []
    if value.get("address") is not None:
        return []
    expected = (
        "a dict with street, locality, postcode, country (a LocalBusiness has "
        "premises; use 'Organization' for a firm without)"
    )
    return [Problem("['address']", "missing key", None, expected)]


def _firm_can_be_reached(value) -> list[Problem]:
    if not isinstance(value, dict) or (
        value.get("telephone") is not None or value.get("email") is not None
    ):
        return []
    expected = "a telephone (or at least an email)"
    return [Problem("['telephone']", "missing key", None, expected)]


ADDRESS = Keys(
    required={
        "street": Key(filled, "Street address, e.g. 'Unit 4, Feeder Road'."),
        "locality": Key(filled, "Town or city."),
        "postcode": Key(filled, "Postcode."),
        "country": Key(country_code, "Two-letter ISO 3166 country code, e.g. 'GB'."),
    },
    optional={"region": Key(stripped, "County, state or region.")},
)
ACCREDITATION = Keys(
    required={
        "name": Key(filled, "Name of the body or scheme, e.g. 'Gas Safe Register'.")
    },
    optional={
        "number": Key(stripped, "The firm's registration number."),
        "url": Key(url, "The register or scheme's page (absolute URL)."),
        "badge": Key(url_or_path, "Badge image: a URL or a path in the site."),
    },
)
BUSINESS = Rules(
    Keys(
        required={
            "name": Key(filled, "The firm's name, as on its signs and invoices."),
            "type": Key(
                business_type,
                "A schema.org `LocalBusiness` subtype (`Plumber`, `HVACBusiness`, `Electrician`, `ProfessionalService`, ...), or `Organization` for a firm without premises.",
            ),
        },
        optional={
            "telephone": Key(
                telephone,
                "Telephone as people write it; linked as `tel:` in its international form. This or `email` is required.",
            ),
            "email": Key(email, "E-mail address."),
            "address": Key(
                Optional(ADDRESS),
                "Postal address, a dict of the keys below; required for a `LocalBusiness`.",
            ),
            "geo": Key(
                Keys(
                    required={
                        "latitude": Key(number(-90, 90), "Latitude, e.g. 51.4492."),
                        "longitude": Key(number(-180, 180), "Longitude, e.g. -2.5737."),
                    }
                ),
                "Where the premises are.",
            ),
            "area_served": Key(
                ListOf(
                    filled, "a list of places, e.g. ['Bristol', 'Bath']", single=True
                ),
                "Places the firm serves.",
                [],
            ),
            "opening_hours": Key(
                ListOf(
                    opening_hours_line,
                    "a list of lines such as 'Mo-Fr 08:00-18:00'",
                    single=True,
                ),
                "One line per set of days: `Mo-Fr 08:00-18:00`, `Sa 09:00-12:00` (days Mo Tu We Th Fr Sa Su, 24-hour times).",
                [],
            ),
            "price_range": Key(stripped, "Price range, e.g. `££`."),
            "logo": Key(url_or_path, "Logo: a URL or a path in the site."),
            "image": Key(
                url_or_path,
                "A picture of the firm (premises, van, team). Unset: the logo.",
            ),
            "same_as": Key(
                ListOf(url, "a list of absolute URLs (profiles)", single=True),
                "Profiles elsewhere: Google Business Profile, LinkedIn, ...",
                [],
            ),
            "call_to_action": Key(
                Keys(
                    required={
                        "text": Key(
                            filled, "The button's words, e.g. 'Book a free survey'."
                        ),
                        "url": Key(
                            url_or_path, "Where it leads: a path in the site or a URL."
                        ),
                    }
                ),
                "The one thing the firm wants a reader to do.",
            ),
            "accreditations": Key(
                ListOf(ACCREDITATION, "a list of accreditations (dicts)"),
                "Trade bodies and registrations, each a dict of the keys below.",
                [],
            ),
        },
    ),
    _firm_has_premises,
    _firm_can_be_reached,
)

# The bundled theme's author box (PULLMARKETING_AUTHORS).

AUTHORS = DictOf(
    string,
    Keys(
        optional={
            "role": Key(string, "One line under the author's name."),
            "bio": Key(string, "A short paragraph about the author."),
        }
    ),
    placeholder="'<author name>'",
    keys_noun="author name",
    values_noun="author",
    expected='a dict by author name, e.g. {"Jo Bloggs": {"role": "...", "bio": "..."}}',
)

# White-paper gates (PULLMARKETING_GATE): the keys of every form provider,
# then each provider's own.


def gate_text(value):
    """A non-empty string (or number: form ids are often written as one)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (str, int))
        or not str(value).strip()
    ):
        raise ValueError("a non-empty string")
    return value


def matching(pattern: str, expected: str) -> Check:
    compiled = re.compile(pattern)

    def check(value):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(expected)
        if not compiled.match(str(value).strip()):
            raise ValueError(expected)
        return value

    return check


def https_url(value):
    parts = urlsplit(value.strip()) if isinstance(value, str) else None
    if parts is None or parts.scheme != "https" or not parts.netloc:
        raise ValueError("an https:// URL")
    return value


_MAILCHIMP_ACTION = "the form's action URL from Mailchimp's embed code, https://<dc>.list-manage.com/subscribe/post?u=<u>&id=<id>"


def mailchimp_action(value):
    try:
        parts = urlsplit(
            html.unescape(https_url(value).strip())
        )  # from the embed's HTML
    except ValueError:
        raise ValueError(_MAILCHIMP_ACTION) from None
    query = parse_qs(parts.query)
    if not (parts.hostname or "").endswith(".list-manage.com") or not (
        query.get("u") and query.get("id")
    ):
        raise ValueError(_MAILCHIMP_ACTION)
    return value


def form_method(value):
    if not isinstance(value, str) or value.lower() not in ("post", "get"):
        raise ValueError("'post' or 'get'")
    return value


form_field = expecting(nonempty, "a field name")
hidden_fields = expecting(dict_of_str, "a dict of field name -> value (strings)")


_ID = r"^[A-Za-z0-9_-]+$"
_DIGITS = r"^[0-9]+$"
_GUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

GATE_COMMON = {
    "delivery": Key(
        choice("page", "email"),
        "`page` (a thank-you page links the file) or `email` (the provider e-mails it).",
        "page",
    ),
    "paper_field": Key(form_field, "Name of the hidden field that names the paper."),
    "page_field": Key(
        form_field, "Name of the hidden field that holds the landing page's URL."
    ),
    "consent_field": Key(form_field, "Name of the marketing-consent checkbox."),
    "hidden": Key(hidden_fields, "Extra hidden fields: a dict of name -> value.", {}),
}
_REDIRECT_IN_FORM = "True: the form sends the thank-you URL; False: the provider's own redirect setting is used."


def gate_provider(name: str, required: dict[str, Key], optional=None) -> Keys:
    """The keys of one form provider: ``provider``, its own and the common ones."""
    return Keys(
        required={"provider": Key(string, f"`{name}`."), **required},
        optional={**GATE_COMMON, **(optional or {})},
        of=f"provider {name!r}",
    )


GATE_PROVIDERS = {
    "formspree": gate_provider(
        "formspree",
        {
            "form_id": Key(
                matching(
                    _ID, "letters and digits only, e.g. 'xbjnqkzd' (not the whole URL)"
                ),
                "The form's id, the part after /f/ in its endpoint https://formspree.io/f/<form_id>.",
            )
        },
        {
            "subject": Key(
                gate_text,
                "Subject of the notification e-mail. Unset: 'White paper: <title>'.",
            ),
            "redirect_in_form": Key(boolean, _REDIRECT_IN_FORM, True),
        },
    ),
    "mailchimp": gate_provider(
        "mailchimp",
        {
            "action_url": Key(
                mailchimp_action,
                _MAILCHIMP_ACTION[0].upper() + _MAILCHIMP_ACTION[1:] + ".",
            )
        },
    ),
    "kit": gate_provider(
        "kit",
        {
            "form_id": Key(
                matching(_DIGITS, "digits only, e.g. '1234567'"),
                "The number of the Kit (ConvertKit) form, from its embed code.",
            )
        },
    ),
    "buttondown": gate_provider(
        "buttondown",
        {
            "username": Key(
                matching(_ID, "the username only, e.g. 'harbourheating'"),
                "The newsletter's Buttondown username.",
            )
        },
        {"tag": Key(gate_text, "Tag given to every subscriber from this form.")},
    ),
    "hubspot": gate_provider(
        "hubspot",
        {
            "portal_id": Key(
                matching(_DIGITS, "digits only, e.g. '62515'"),
                "The HubSpot account (portal) id, digits.",
            ),
            "form_guid": Key(
                matching(
                    _GUID, "the form's GUID, e.g. 78c2891f-ebdd-44c0-bd94-15c012bbbfbf"
                ),
                "The form's GUID, e.g. 78c2891f-ebdd-44c0-bd94-15c012bbbfbf.",
            ),
        },
        {
            "action_url": Key(
                https_url,
                "Another submission endpoint (e.g. for an EU data centre account).",
            ),
            "redirect_in_form": Key(boolean, _REDIRECT_IN_FORM, True),
        },
    ),
    "custom": gate_provider(
        "custom",
        {
            "action_url": Key(https_url, "The URL the form posts to."),
            "email_field": Key(
                gate_text, "The name of the e-mail field the endpoint expects."
            ),
            "method": Key(form_method, "`post` or `get`."),
        },
        {
            "honeypot_field": Key(
                gate_text,
                "Name of a field the endpoint treats as a bot trap (must stay empty).",
            ),
            "next_field": Key(
                gate_text,
                "Name of the field that carries the redirect URL (e.g. 'redirect').",
            ),
        },
    ),
}
GATE = OneOf("provider", GATE_PROVIDERS)

# Cross-posting (PULLMARKETING_CROSSPOST_TARGETS): each platform's options.

POST_PLACEHOLDERS = ("title", "summary", "url", "tags")
DEFAULT_POST_TEMPLATE = "{title}\n\n{summary}\n\n{url}\n\n{tags}"
DEFAULT_FOOTER = "*First published on [{site}]({url}).*"


def clean_text(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty string")
    return text.clean(value.strip())


def api_url(value):
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ValueError("an absolute URL starting with https://")
    return value.rstrip("/")


def tag_list(value):
    if isinstance(value, str):
        value = metadata.parse_list(value)
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, str) for v in value
    ):
        raise ValueError('a list of tags, e.g. ["heating", "bristol"]')
    return [text.field_text(v) for v in value if text.field_text(v)]


def post_template(value):
    if not isinstance(value, str):
        raise ValueError("a string with {title}, {summary}, {url}, {tags}")
    try:
        names = {
            f for _, f, _, _ in string_module.Formatter().parse(value) if f is not None
        }
    except ValueError:
        raise ValueError("a template with balanced {braces}") from None
    unknown = names - set(POST_PLACEHOLDERS)
    if unknown:
        raise ValueError(
            "only the placeholders {title}, {summary}, {url}, {tags} "
            f"(unknown: {', '.join(sorted(unknown))})"
        )
    if "url" not in names:
        raise ValueError("a template containing {url}: every copy links back")
    return text.clean(value)


def footer(value):
    if not isinstance(value, str):
        raise ValueError("a string with {site} and {url}, or an empty string")
    try:
        value.format(site="", url="")
    except (KeyError, IndexError, ValueError):
        raise ValueError("a string using only {site} and {url}") from None
    return text.clean(value)


def linkedin_urn(value):
    if not isinstance(value, str) or not value.startswith(
        ("urn:li:person:", "urn:li:organization:")
    ):
        raise ValueError("a URN like urn:li:person:abc123 or urn:li:organization:123")
    return value


_TARGET_COMMON = {
    "tags": Key(
        tag_list,
        "Tags added to every copy (a list, or one string of comma-separated tags).",
    ),
    "api_base": Key(api_url, "Another API address (a self-hosted or test server)."),
}
_ARTICLE_OPTIONS = {
    **_TARGET_COMMON,
    "footer": Key(
        footer,
        "Line under each copy; `{site}` and `{url}` (empty: none).",
        DEFAULT_FOOTER,
    ),
}
_POST_OPTIONS = {
    **_TARGET_COMMON,
    "template": Key(
        post_template,
        "Text of each post from `{title}`, `{summary}`, `{url}` (required) and `{tags}`. Unset: "
        + "`"
        + DEFAULT_POST_TEMPLATE.replace("\n", "\\n")
        + "`.",
    ),
}
_LANGUAGE = Key(clean_text, "Language of the posts (ISO 639), e.g. `en`.")


def target_options(display: str, optional: dict[str, Key], required=None) -> Keys:
    return Keys(required=required, optional=optional, noun="option", of=display)


CROSSPOST_PLATFORM_OPTIONS = {
    "devto": target_options(
        "DEV",
        {
            **_ARTICLE_OPTIONS,
            "series": Key(clean_text, "Series every copy belongs to."),
            "published": Key(boolean, "False: copies are drafts on DEV.", True),
        },
    ),
    "hashnode": target_options(
        "Hashnode",
        _ARTICLE_OPTIONS,
        {"publication_id": Key(clean_text, "Id of the Hashnode publication (blog).")},
    ),
    "medium": target_options("Medium", _ARTICLE_OPTIONS),
    "mastodon": target_options(
        "Mastodon",
        {
            **_POST_OPTIONS,
            "visibility": Key(
                choice("public", "unlisted", "private", "direct"),
                "Who sees the posts.",
                "public",
            ),
            "language": _LANGUAGE,
            "limit": Key(
                whole(100, "your instance's post length"),
                "Post length of the instance, in characters.",
                500,
            ),
            "card_media": Key(
                boolean,
                "True: the share card is attached as the status's image (Mastodon then shows it instead of the link's preview).",
                False,
            ),
        },
        {
            "instance": Key(
                api_url, "The instance's address, e.g. https://mastodon.social."
            )
        },
    ),
    "bluesky": target_options("Bluesky", {**_POST_OPTIONS, "language": _LANGUAGE}),
    "linkedin": target_options(
        "LinkedIn",
        {
            **_POST_OPTIONS,
            "visibility": Key(
                choice("PUBLIC", "CONNECTIONS"), "Who sees the posts.", "PUBLIC"
            ),
            "version": Key(clean_text, "LinkedIn API version (YYYYMM).", "202501"),
        },
        {
            "author": Key(
                linkedin_urn, "Who posts: urn:li:person:... or urn:li:organization:...."
            )
        },
    ),
    "x": target_options("X", _POST_OPTIONS),
}


def _options_or_none(shape: Keys) -> Check:
    """A target's options, ``None`` meaning none."""

    def check(value):
        return shape({} if value is None else value)

    check.parts = shape.parts  # type: ignore[attr-defined]
    return check


CROSSPOST_TARGETS = Keys(
    optional={
        name: Key(_options_or_none(shape), f"Options of {shape.owner}.")
        for name, shape in CROSSPOST_PLATFORM_OPTIONS.items()
    },
    noun="target",
)


# Industry watch (PULLMARKETING_WATCH): each feed a URL, or a dict of its keys.

WATCH_FEED_EXAMPLE = '{"url": "https://trade.example/feed", "title": "Trade News", "topics": ["boilers"], "show": True}'


def feed_url(value):
    parts = urlsplit(value.strip()) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("the feed's absolute URL, starting with http:// or https://")
    return value.strip()


def _watch_topic(value):
    return expecting(nonempty, "a topic slug, e.g. 'heat-pumps'")(value).strip()


WATCH_FEED_KEYS = Keys(
    required={
        "url": Key(feed_url, "The feed's address (Atom, RSS or JSON Feed)."),
    },
    optional={
        "title": Key(
            Optional(plain_text),
            "What the report and the hubs call the feed. Unset: the feed's own title.",
        ),
        "topics": Key(
            ListOf(
                _watch_topic, "a list of topic slugs, e.g. ['heat-pumps']", single=True
            ),
            "Slugs of the topics the feed belongs to (those of `PULLMARKETING_TOPICS`, or category slugs).",
            [],
        ),
        "show": Key(
            boolean,
            "True: its items may appear on its topics' hubs (`PULLMARKETING_WATCH_ON_HUBS`).",
            False,
        ),
    },
)


class WatchFeed:
    """One watched feed: its URL alone, or a dict of ``WATCH_FEED_KEYS``;
    normalised to the dict."""

    def __call__(self, value):
        if isinstance(value, str):
            value = {"url": value}
        if not isinstance(value, dict):
            raise Invalid(
                [
                    Problem(
                        "",
                        "invalid feed",
                        value,
                        f"a feed URL or a dict such as {WATCH_FEED_EXAMPLE}",
                    )
                ]
            )
        return WATCH_FEED_KEYS(value)

    def parts(self):
        return WATCH_FEED_KEYS.parts()


class WatchFeeds(ListOf):
    """The watched feeds, each listed once (by its URL); one feed given alone
    counts as a list of it."""

    def __init__(self):
        super().__init__(WatchFeed(), "a list of feeds", single=True)

    def __call__(self, value):
        if isinstance(value, dict):
            value = [value]
        problems = self._listed_twice(value)
        try:
            feeds = super().__call__(value)
        except Invalid as exc:
            problems = exc.problems + problems
        if problems:
            problems.sort(key=lambda p: int(p.path[1 : p.path.index("]")]))
            raise Invalid(problems)
        return feeds

    @staticmethod
    def _listed_twice(value) -> list[Problem]:
        if not isinstance(value, (list, tuple)):
            return []
        seen: dict[str, int] = {}
        problems = []
        for index, entry in enumerate(value):
            address = entry.get("url") if isinstance(entry, dict) else entry
            if not isinstance(address, str):
                continue
            address = address.strip()
            if address in seen:
                problems.append(
                    Problem(
                        f"[{index}]",
                        "feed listed twice",
                        address,
                        f"each feed once (also [{seen[address]}])",
                    )
                )
            else:
                seen[address] = index
        return problems


WATCH_FEEDS = WatchFeeds()


# --- the settings ---------------------------------------------------------------


# Search metadata: being found
def indexnow_key(value):
    from .seo.indexnow import KEY_EXPECTED, is_key

    if not is_key(value):
        raise ValueError(KEY_EXPECTED)
    return value


def robots_policy(value):
    from .seo.robots import check_policy

    return check_policy(value)


VERIFICATION = Keys(
    optional={
        "google": Key(
            nonempty,
            "The code Google Search Console gives (`google-site-verification`).",
        ),
        "bing": Key(nonempty, "The code Bing Webmaster Tools gives (`msvalidate.01`)."),
        "yandex": Key(
            nonempty, "The code Yandex Webmaster gives (`yandex-verification`)."
        ),
        "pinterest": Key(
            nonempty, "The code Pinterest gives to claim the site (`p:domain_verify`)."
        ),
        "facebook_domain": Key(
            nonempty,
            "The code Meta Business gives to verify the domain (`facebook-domain-verification`).",
        ),
    },
    noun="engine",
)


# Share cards (PULLMARKETING_SHARE_CARD, PULLMARKETING_FEDIVERSE_CREATORS).
# Files are checked here for their type; that they exist is checked when a
# build starts (``cards.config.card_config``), where the content folder is known.


def colour(value):
    """A CSS colour Pillow reads (kept as given; the card turns it into RGB)."""
    from PIL import ImageColor  # only for a site that sets a colour

    expected = 'a CSS colour such as "#0b5cad", "#fff", "rgb(11, 92, 173)" or "navy"'
    if not isinstance(value, str):
        raise ValueError(expected)
    try:
        ImageColor.getrgb(value.strip())
    except ValueError:
        raise ValueError(expected) from None
    return value


def file_of_type(what: str, types: tuple[str, ...]) -> Check:
    """The path of a file whose name ends in one of ``types``."""
    expected = f"the path of {what} ({', '.join(types)})"

    def check(value):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(expected)
        if not value.lower().endswith(types):
            raise ValueError(expected)
        return value

    return check


CARD_LOGO_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
CARD_FONT_TYPES = (".ttf", ".otf", ".ttc")
_card_logo_file = file_of_type("a PNG, JPEG, WebP or GIF logo", CARD_LOGO_TYPES)


def card_logo(value):
    """A logo file, or False for none (not even the firm's)."""
    if value is False:
        return False
    try:
        return _card_logo_file(value)
    except ValueError:
        raise ValueError(
            "the path of a PNG, JPEG, WebP or GIF logo, or False for none"
        ) from None


card_font = file_of_type("a TrueType or OpenType font", CARD_FONT_TYPES)


def telephone(value):
    if value is False:
        return False  # none on the cards, not even the firm's
    if not isinstance(value, str) or not re.search(r"\d", value):
        raise ValueError(
            'a telephone number as it should be shown, e.g. "+44 20 7946 0958", '
            "or False for none"
        )
    return value.strip()


def card_save_as(value):
    if not isinstance(value, str) or not value.lower().endswith((".png", ".webp")):
        raise ValueError('a path ending in .png or .webp, e.g. "{url}share.png"')
    return value


_HANDLE = re.compile(r"@[A-Za-z0-9_][A-Za-z0-9_.-]*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def fediverse_handle(value):
    if not isinstance(value, str) or not _HANDLE.fullmatch(value.strip()):
        raise ValueError('"@user@instance", e.g. "@ann@mastodon.social"')
    return value.strip()


_OG_LOCALE = re.compile(r"[a-z]{2,3}_[A-Z]{2}")


def og_locale(value):
    """An Open Graph locale: language, underscore, territory (``en_GB``)."""
    if not isinstance(value, str) or not _OG_LOCALE.fullmatch(value.strip()):
        raise ValueError('a locale such as "en_GB", "fr_BE" or "pt_BR"')
    return value.strip()


OG_LOCALES = DictOf(
    string,
    og_locale,
    placeholder="'<language>'",
    keys_noun="language",
    values_noun="Open Graph locale",
    expected='a dict of language -> locale, e.g. {"en": "en_GB", "fr": "fr_BE"}',
)


def _card_colour(token: str) -> Key:
    return Key(
        colour, f"{token} (a CSS colour). Unset: the bundled theme's design token."
    )


SHARE_CARD = Keys(
    optional={
        "background": _card_colour("Background"),
        "text": _card_colour("Colour of the title and the site's name"),
        "muted": _card_colour("Colour of the contact line"),
        "accent": _card_colour("Colour of the topic's label"),
        "accent_text": _card_colour("Text on the topic's label"),
        "logo": Key(
            card_logo,
            "Logo (PNG, JPEG, WebP or GIF; relative: under the content folder), or `False` for none. Unset: the firm's logo (`PULLMARKETING_BUSINESS`, else the publisher's) when it is one of those.",
        ),
        "font": Key(
            card_font,
            "Font file of the title and the site's name. Unset: the bundled DejaVu Sans Bold.",
        ),
        "font_regular": Key(
            card_font,
            "Font file of the topic and the contact line. Unset: `font` if set, else the bundled DejaVu Sans.",
        ),
        "fallback_fonts": Key(
            ListOf(card_font, "a list of font files"),
            "Font files tried, in order, for characters the font lacks.",
            [],
        ),
        "layout": Key(choice("left", "center"), "`left` or `center`.", "left"),
        "telephone": Key(
            telephone,
            "Telephone shown on the card (as written), or `False` for none (the domain instead). Unset: the firm's (`PULLMARKETING_BUSINESS`), else the site's domain.",
        ),
        "show_domain": Key(
            boolean, "False: no domain on cards without a telephone.", True
        ),
    }
)

FEDIVERSE_CREATORS = DictOf(
    string,
    fediverse_handle,
    placeholder="'<author name>'",
    keys_noun="author name",
    values_noun="fediverse handle",
    expected='a dict of author name -> "@user@instance"',
)


@dataclass(frozen=True)
class Setting:
    name: str
    check: Callable[[Any], Any]
    default: Any
    doc: str
    feature: str
    # "content": a relative path is resolved against PATH (the content folder).
    path: str | None = None
    # The file must exist when the user set the value (defaults may be absent).
    must_exist: bool = False
    env: str | None = None  # environment variable that supplies the value when unset


def setting(name, check, default, doc, feature, **kw) -> Setting:
    """``PULLMARKETING_<name>``."""
    return Setting(PREFIX + name, check, default, doc, feature, **kw)


# --- the schema. Order = the README's settings table.
SCHEMA: list[Setting] = [
    # Keyword anchors
    setting(
        "KEYWORDS",
        dict_of_str,
        {},
        "Phrase -> link target: a `{filename}` reference to an article or page, or an absolute URL.",
        "keywords",
    ),
    setting(
        "KEYWORDS_FILE",
        string,
        "keywords.csv",
        "CSV of `keyword,target[,variants]` (variants separated by `|`), merged with `PULLMARKETING_KEYWORDS`; loaded when it exists.",
        "keywords",
        path="content",
        must_exist=True,
    ),
    setting(
        "MAX_LINKS_PER_ARTICLE",
        whole(0),
        10,
        "At most this many keyword links in one article or page.",
        "keywords",
    ),
    setting(
        "MAX_LINKS_PER_TARGET",
        whole(1),
        1,
        "At most this many keyword links to the same target in one document.",
        "keywords",
    ),
    setting(
        "KEYWORD_LINK_CLASS",
        string,
        "keyword-link",
        "CSS class of the links the plugin adds (empty: no class attribute).",
        "keywords",
    ),
    # Topics and feeds
    setting(
        "TOPICS",
        Optional(TOPICS),
        None,
        "Topics by slug (lower-case letters, digits, hyphens), each a dict of the keys below; a document belongs to a topic through its category, its tags or its `topics` metadata. Unset: each category is a topic.",
        "topics",
    ),
    setting(
        "TOPIC_URL", string, "topics/{slug}/", "URL of a topic hub page.", "topics"
    ),
    setting(
        "TOPIC_SAVE_AS",
        string,
        "topics/{slug}/index.html",
        "Where a topic hub page is written.",
        "topics",
    ),
    setting(
        "TOPIC_ATOM_SAVE_AS",
        string,
        "topics/{slug}/atom.xml",
        "Atom feed of a topic (empty string: none).",
        "topics",
    ),
    setting(
        "TOPIC_RSS_SAVE_AS",
        string,
        "topics/{slug}/rss.xml",
        "RSS 2.0 feed of a topic (empty string: none).",
        "topics",
    ),
    setting(
        "TOPIC_JSON_SAVE_AS",
        string,
        "topics/{slug}/feed.json",
        "JSON Feed 1.1 of a topic (empty string: none).",
        "topics",
    ),
    setting(
        "TOPIC_PAGINATION",
        Optional(whole(1)),
        None,
        "Articles per page of a topic hub. Unset: `DEFAULT_PAGINATION`, or 10 on a site that does not paginate.",
        "topics",
    ),
    setting(
        "SUBSCRIBE_URL",
        string,
        "subscribe/",
        "URL of the subscribe page (all topics and their feeds).",
        "topics",
    ),
    setting(
        "SUBSCRIBE_SAVE_AS",
        string,
        "subscribe/index.html",
        "Where the subscribe page is written (empty string: none).",
        "topics",
    ),
    setting(
        "OPML_SAVE_AS",
        string,
        "subscribe/topics.opml",
        "OPML 2.0 list of every topic feed (empty string: none).",
        "topics",
    ),
    setting(
        "EMAIL_BY_FEED_URL",
        Optional(string),
        "https://blogtrottr.com/?subscribe={feed}",
        "RSS-to-email service offered on the subscribe page; `{feed}` is the URL-encoded feed (None: not offered).",
        "topics",
    ),
    setting(
        "FEED_ID_AUTHORITY",
        Optional(nonempty),
        None,
        "Authority of `tag:` entry ids (a domain you own). Unset: SITEURL's host. Set it before moving the site so ids never change.",
        "topics",
    ),
    setting(
        "FEED_UTM",
        Optional(dict_of_str),
        None,
        'Campaign parameters added to entry links in feeds (never to ids), e.g. `{"utm_source": "feed", "utm_medium": "{format}", "utm_campaign": "{topic}"}`.',
        "topics",
    ),
    setting(
        "FEED_MAX_ITEMS",
        whole(1),
        50,
        "At most this many entries, newest first, in each topic feed.",
        "topics",
    ),
    setting(
        "WEBSUB_HUB",
        Optional(url),
        None,
        'WebSub hub URL: adds `rel="hub"` to every feed; `pullmarketing websub ping` notifies it.',
        "topics",
    ),
    setting(
        "WEBSUB_STATE",
        string,
        "websub-state.json",
        "State file of `pullmarketing websub ping` (feeds' last pinged hashes).",
        "topics",
        path="content",
    ),
    # Search metadata
    setting(
        "SEO_INJECT",
        choice("auto", "off"),
        "auto",
        "`auto`: add the missing head tags to every written HTML page of any theme; `off`: only the bundled theme's own head block.",
        "seo",
    ),
    setting(
        "DEFAULT_IMAGE",
        Optional(url_or_path),
        None,
        "Image for Open Graph / Twitter / JSON-LD when a document has no `image` metadata.",
        "seo",
    ),
    setting(
        "PUBLISHER",
        Optional(PUBLISHER),
        None,
        "Deprecated: use `PULLMARKETING_BUSINESS`. Who publishes, in the JSON-LD of every page: a dict of the keys below. Unset: an Organization named `SITENAME` at `SITEURL`.",
        "seo",
    ),
    setting(
        "TITLE_FORMAT",
        title_format,
        "{title} | {site}",
        "Page titles (`{title}` and `{site}`) where the theme has no format of its own; a theme's, learned from its article pages, wins.",
        "seo",
    ),
    setting(
        "OG_LOCALES",
        OG_LOCALES,
        {},
        'Language -> `og:locale` (`{"en": "en_GB"}`). Unset: the territory of Pelican\'s `LOCALE` when it names one for the language (under `i18n_subsites`, the `LOCALE` of that language\'s site), else the language\'s most likely one (CLDR: `en` -> `en_US`, `fr` -> `fr_FR`, `pt` -> `pt_BR`).',
        "seo",
    ),
    setting(
        "DESCRIPTION_LENGTH",
        whole(50),
        text.DESCRIPTION_LENGTH,
        "Meta descriptions made from summaries are cut at a word boundary near this many characters.",
        "seo",
    ),
    setting(
        "TWITTER_SITE",
        Optional(string),
        None,
        "`twitter:site` handle, e.g. `@firm`.",
        "seo",
    ),
    setting(
        "SITEMAP_SAVE_AS",
        string,
        "sitemap.xml",
        "Sitemap of every indexable URL (empty string: none).",
        "seo",
    ),
    setting(
        "ROBOTS_SAVE_AS",
        string,
        "robots.txt",
        "robots.txt with an absolute `Sitemap:` line (empty string: none).",
        "seo",
    ),
    # Search metadata: being found (IndexNow, verification, robots policy, lastmod)
    setting(
        "INDEXNOW_KEY",
        Optional(indexnow_key),
        None,
        "IndexNow key (8-128 of a-z, A-Z, 0-9, '-'; `pullmarketing indexnow key` makes one): the build writes `<key>.txt` at the site's root for `pullmarketing indexnow ping`. Also read from the environment variable of the same name.",
        "seo",
        env="PULLMARKETING_INDEXNOW_KEY",
    ),
    setting(
        "INDEXNOW_ENDPOINT",
        url,
        "https://api.indexnow.org/indexnow",
        "Where `pullmarketing indexnow ping` submits URLs (the shared endpoint passes them to Bing, Yandex, Naver, Seznam and Yep).",
        "seo",
    ),
    setting(
        "INDEXNOW_STATE",
        string,
        "indexnow-state.json",
        "State file of `pullmarketing indexnow ping` (each URL's hash when last accepted).",
        "seo",
        path="content",
    ),
    setting(
        "VERIFICATION",
        Optional(VERIFICATION),
        None,
        "Site-verification codes, written as meta tags on the home page only.",
        "seo",
    ),
    setting(
        "ROBOTS",
        robots_policy,
        "allow-all",
        'robots.txt policy: `"allow-all"`, `"search-only"` (search and answer engines read; training-only crawlers may not), `"block-ai"`, or `{"User-agent": "allow"|"disallow"|["/path/", ...]}` (docs/seo.md).',
        "seo",
    ),
    setting(
        "LASTMOD_FROM_GIT",
        boolean,
        False,
        "Date a document without `modified` metadata by the last commit of its source file (one `git log` per build; a shallow clone falls back to its dates).",
        "seo",
    ),
    # Share cards
    setting(
        "SHARE_CARDS",
        Optional(choice("missing", "all")),
        "missing",
        "Generated 1200x630 share cards (Open Graph, Twitter, JSON-LD, cross-posts): `missing` for articles, pages and topic hubs without their own image, `all` for every one of them, `None` for none.",
        "cards",
    ),
    setting(
        "SHARE_CARD",
        Optional(SHARE_CARD),
        None,
        "Look of the cards: a dict of the keys below (colours default to the bundled theme's design tokens).",
        "cards",
    ),
    setting(
        "SHARE_CARD_SAVE_AS",
        card_save_as,
        "{url}share.png",
        "Where each card is written in the output: `{url}` (the page's URL as a folder), `{slug}`, `{lang}`; `.png` or `.webp`.",
        "cards",
    ),
    setting(
        "SHARE_CARD_CACHE",
        nonempty,
        ".cache/share-cards",
        "Cache folder of drawn cards (relative: next to the content folder); git-ignore it.",
        "cards",
    ),
    setting(
        "FEDIVERSE_CREATORS",
        FEDIVERSE_CREATORS,
        {},
        'Author name -> fediverse handle, for `<meta name="fediverse:creator">` (Mastodon shows the author under link previews): `{"Ann Smith": "@ann@mastodon.social"}`.',
        "cards",
    ),
    # The firm
    setting(
        "BUSINESS",
        Optional(BUSINESS),
        None,
        "The firm behind the site, a dict of the keys below: the bundled theme prints it and the JSON-LD describes it as the site's node (docs/business.md). Supersedes `PULLMARKETING_PUBLISHER`.",
        "business",
    ),
    # Theme
    setting(
        "THEME_CSS",
        list_of_str,
        [],
        "Site stylesheets (URLs or paths in the output) loaded after the theme's `tokens.css`.",
        "theme",
    ),
    setting(
        "AUTHORS",
        AUTHORS,
        {},
        "Author box of the bundled theme: by author name (as in the documents' `author`), a dict of the keys below.",
        "theme",
    ),
    # Words
    setting(
        "WORDS",
        words.check,
        {},
        "The site's own words in place of the package's, keyed by the English sentence as `pullmarketing words` lists it: "
        'text for every language, or a dict by language (`{"Get new articles by e-mail": "Follow the workshop by e-mail", '
        '"fr": {"Get new articles by e-mail": "Suivre l\'atelier par e-mail"}}`); plain text with the sentence\'s placeholders '
        "(`%(topic)s`, `{site}`), a list of forms for a plural (docs/i18n.md).",
        "words",
    ),
    # White-paper gates
    setting(
        "GATE",
        Optional(GATE),
        None,
        "Form provider of white-paper gates: a dict with `provider` and that provider's keys below.",
        "gates",
    ),
    setting(
        "GATE_SECRET",
        Optional(nonempty),
        None,
        "Secret for download tokens (HMAC). Also read from the environment variable of the same name.",
        "gates",
        env="PULLMARKETING_GATE_SECRET",
    ),
    setting(
        "PRIVACY_URL",
        Optional(url_or_path),
        None,
        "Privacy policy linked next to the marketing-consent checkbox.",
        "gates",
    ),
    setting(
        "GATE_DOWNLOADS_PATH",
        nonempty,
        "downloads",
        "Output folder of the token folders that hold gated files and thank-you pages.",
        "gates",
    ),
    # Cross-posting
    setting(
        "CROSSPOST_TARGETS",
        CROSSPOST_TARGETS,
        {},
        'Platforms copies go to, each with its options below (`{}` or `None`: the defaults), e.g. `{"devto": {}, "mastodon": {"instance": "https://mastodon.social"}}`.',
        "crosspost",
    ),
    setting(
        "CROSSPOST_DEFAULT",
        list_of_str,
        ["none"],
        "Targets of documents without `crosspost` metadata: `none` (opt-in), `all`, or a list of target names.",
        "crosspost",
    ),
    setting(
        "CROSSPOST_MANIFEST",
        string,
        "crosspost/manifest.json",
        "Where the build writes the cross-posting manifest, in the output (empty string: none).",
        "crosspost",
    ),
    setting(
        "CROSSPOST_STATE",
        string,
        "crosspost-state.json",
        "State file of `pullmarketing crosspost publish` (commit it).",
        "crosspost",
        path="content",
    ),
    setting(
        "CROSSPOST_UTM",
        Optional(dict_of_str),
        {
            "utm_source": "{target}",
            "utm_medium": "syndication",
            "utm_campaign": "crosspost",
        },
        "Campaign parameters on every link back from a copy; `{target}` is the platform.",
        "crosspost",
    ),
    # Industry watch
    setting(
        "WATCH",
        WATCH_FEEDS,
        [],
        "Feeds of your industry that `pullmarketing watch fetch` reads: each a URL, or a dict of the keys below.",
        "watch",
    ),
    setting(
        "WATCH_FILE",
        string,
        "watch.json",
        "Where `pullmarketing watch fetch` stores the feeds' items (commit it); builds read it, never the network.",
        "watch",
        path="content",
    ),
    setting(
        "WATCH_KEEP_DAYS",
        whole(1),
        180,
        "Days of items the watch file keeps.",
        "watch",
    ),
    setting(
        "WATCH_ON_HUBS",
        whole(0),
        0,
        'At most this many recent items of a topic\'s `show` feeds on its hub, as "Worth reading elsewhere" (0: none).',
        "watch",
    ),
    # Conversation (replies and reactions from every copy, webmentions)
    setting(
        "CONVERSATION_FILE",
        string,
        "conversation.json",
        "Replies, likes and reposts fetched by `pullmarketing conversation fetch` (commit it); the build reads it, never the network.",
        "conversation",
        path="content",
    ),
    setting(
        "CONVERSATION_HIDE",
        ListOf(url, "a list of absolute URLs (replies or profiles)", single=True),
        [],
        "Reply URLs or author profile URLs left off the page and the JSON-LD (kept in the file).",
        "conversation",
    ),
    setting(
        "CONVERSATION_ACCOUNTS",
        ListOf(url, "a list of absolute URLs (profiles)", single=True),
        [],
        "Profile URLs of the firm besides the authors of its copies: their replies answer a thread in `pullmarketing conversation review`.",
        "conversation",
    ),
    setting(
        "WEBMENTION_ENDPOINT",
        Optional(url),
        None,
        'Webmention receiver (e.g. `https://webmention.io/example.com/webmention`): every page advertises it with `<link rel="webmention">`; webmention.io\'s mentions are fetched.',
        "conversation",
    ),
    setting(
        "WEBMENTION_STATE",
        string,
        "webmention-state.json",
        "State file of `pullmarketing conversation send` (webmentions sent; commit it).",
        "conversation",
        path="content",
    ),
]

BY_NAME: dict[str, Setting] = {s.name: s for s in SCHEMA}

# What an empty SITEURL means for each feature, said in one warning.
_EMPTY_SITEURL_EFFECTS = (
    "canonical and Open Graph URLs and the sitemap are left out, feeds and OPML "
    "use root-relative links without reader buttons or stable entry ids, and "
    "the cross-posting manifest is a preview whose copies cannot link back"
)


def defaults() -> dict[str, Any]:
    return {s.name: copy.deepcopy(s.default) for s in SCHEMA}


def _resolve_path(setting: Setting, value: str, settings: dict) -> str:
    if setting.path == "content" and value and not os.path.isabs(value):
        return os.path.join(settings.get("PATH") or os.curdir, value)
    return value


_VALIDATED = "_PULLMARKETING_VALIDATED"


# A build fills in the defaults of the features it loads and of these
# (``core.start``).
ALWAYS_FILLED = frozenset({"theme"})


def setting_value(settings: dict, name: str) -> Any:
    """A setting's value, or its default where the site's validated settings
    do not carry it (a setting of a feature the site does not load)."""
    if name in settings:
        return settings[name]
    return copy.deepcopy(BY_NAME[name].default)


def validate(
    settings: dict,
    *,
    source: str | None = None,
    warn: bool = True,
    features: set[str] | frozenset[str] | None = None,
) -> dict:
    """Check every ``PULLMARKETING_*`` value in ``settings``, to the leaf of
    the dict settings, fill in defaults and resolve file paths, in place.
    Raises ``SettingsError`` listing every problem; unknown names get a "did
    you mean" warning.

    Runs once per settings dict: a second call (a feature loaded alone and
    with the package) returns at once. With ``features``, only the defaults
    of those features are filled in (every value given is still checked).
    """
    if settings.get(_VALIDATED):
        return settings
    if warn:
        warn_about_site(settings, source=source)
    problems: list[str] = []
    for entry in SCHEMA:
        given = _take_from_environment(entry, settings)
        if not given and features is not None and entry.feature not in features:
            continue
        value = settings[entry.name] if given else copy.deepcopy(entry.default)
        value, found = _checked(entry, value, settings, given=given, source=source)
        if found:
            problems += found
        else:
            settings[entry.name] = value
    problems += _crosspost_default_problems(settings, source)
    problems += _watch_topic_problems(settings, source)
    if problems:
        raise InvalidSettings("invalid pull-marketing settings:", problems)
    settings[_VALIDATED] = True
    return settings


def _take_from_environment(entry: Setting, settings: dict) -> bool:
    """Whether the site gives ``entry``, in its settings or (for a setting
    read from the environment) there; the environment's value is copied in."""
    if entry.name in settings:
        return True
    if entry.env and os.environ.get(entry.env):
        settings[entry.name] = os.environ[entry.env]
        return True
    return False


def _checked(
    entry: Setting, value, settings: dict, *, given: bool, source: str | None
) -> tuple[Any, list[str]]:
    """``value`` checked (normalised, its path resolved), or the problems."""
    try:
        value = entry.check(value)
    except Invalid as exc:
        return value, [p.line(entry.name, source) for p in exc.problems]
    except ValueError as exc:
        return value, [
            Problem("", "invalid value", value, str(exc)).line(entry.name, source)
        ]
    if entry.path and isinstance(value, str) and value:
        value = _resolve_path(entry, value, settings)
        if given and entry.must_exist and not os.path.exists(value):
            return value, [
                describe(
                    "file not found",
                    file=source,
                    field=entry.name,
                    value=value,
                    expected="an existing file (relative paths are resolved against PATH, the content folder)",
                )
            ]
    return value, []


def check_setting(name: str, value, source: str | None = None):
    """One setting's value checked against the schema (normalised); raises
    ``SettingsError`` listing every problem."""
    entry = BY_NAME[name]
    value, problems = _checked(entry, value, {}, given=False, source=source)
    if problems:
        raise InvalidSettings("invalid pull-marketing settings:", problems)
    return value


def _crosspost_default_problems(settings: dict, source: str | None) -> list[str]:
    """``PULLMARKETING_CROSSPOST_DEFAULT`` names targets of
    ``PULLMARKETING_CROSSPOST_TARGETS`` (or ``all``, ``none``)."""
    targets = settings.get("PULLMARKETING_CROSSPOST_TARGETS") or {}
    return [
        describe(
            "unknown target",
            file=source,
            field="PULLMARKETING_CROSSPOST_DEFAULT",
            value=item,
            expected="all, none or a target of PULLMARKETING_CROSSPOST_TARGETS",
        )
        for item in settings.get("PULLMARKETING_CROSSPOST_DEFAULT") or []
        if item not in ("all", "none") and item not in targets
    ]


def _watch_topic_problems(settings: dict, source: str | None) -> list[str]:
    """The topics of ``PULLMARKETING_WATCH``'s feeds are slugs of
    ``PULLMARKETING_TOPICS`` when the site lists its topics (categories, the
    other kind, are known only once the content is read: the build warns)."""
    topics = settings.get("PULLMARKETING_TOPICS")
    feeds = settings.get("PULLMARKETING_WATCH")
    if not isinstance(topics, dict) or not isinstance(feeds, list):
        return []
    problems = []
    for index, feed in enumerate(feeds):
        slugs = feed.get("topics") if isinstance(feed, dict) else None
        for slug in slugs if isinstance(slugs, list) else ():
            if not isinstance(slug, str) or slug in topics:
                continue
            close = closest(slug, topics)
            hint = f"; did you mean {close!r}?" if close else ""
            problems.append(
                describe(
                    f"unknown topic{hint}",
                    file=source,
                    field=f"PULLMARKETING_WATCH[{index}]['topics']",
                    value=slug,
                    expected="a slug of PULLMARKETING_TOPICS: "
                    + ", ".join(sorted(topics)),
                )
            )
    return problems


def warn_about_site(settings: dict, *, source: str | None = None) -> None:
    """The warnings about a site's settings, each said once: unknown
    ``PULLMARKETING_*`` names ("did you mean") and an empty ``SITEURL`` (a
    local build; one line for every feature it affects). A build says them
    at the start of every run (``core.start_run``); commands on validating."""
    for name in sorted(k for k in settings if k.startswith(PREFIX)):
        if name not in BY_NAME:
            close = closest(name, BY_NAME)
            hint = f"; did you mean {close}?" if close else ""
            logger.warning(
                "%sunknown setting %s%s", f"{source}: " if source else "", name, hint
            )
    if not settings.get("SITEURL"):
        logger.warning(
            "pullmarketing: SITEURL is empty (a local build), so %s; "
            "set SITEURL in publishconf.py for the published site",
            _EMPTY_SITEURL_EFFECTS,
        )
