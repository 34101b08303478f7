"""Dates in the language of their document, with CLDR's names (through
Babel) instead of the machine's locale.

Pelican writes ``locale_date`` with strftime under the process locale
(``LOCALE``), and CI machines have only the C and English locales: a French
blog got "Mon 07 October 2024", a Polish translation in an English site
English month names. Here the pattern stays the one Pelican uses for the
document (its ``date_format``: ``DATE_FORMATS[lang]``, a string or a
``(locale, format)`` pair, else ``DEFAULT_DATE_FORMAT``), turned into a CLDR
pattern, and the names are the document's language's in CLDR: the language
of the pair's locale when ``DATE_FORMATS`` gives one, else the document's
``lang``. A month written with a day number takes CLDR's format form (Polish
"7 października 2024", Russian "7 октября"), a month without one the
stand-alone form ("październik 2024").

Directives CLDR has no field for (``%c``, ``%x``, ``%U``, ``%z``, ``%-y``...)
and a language CLDR does not know keep Pelican's own text (``locale_date``),
so nothing is lost. Characters Pelican's strftime does not treat as a
directive (``%e``, ``%Q``) are written as they are, as Pelican writes them:
English documents read exactly as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, datetime

from jinja2 import pass_context

from . import normalise, page_lang

# pelican.utils.strftime's candidates ("%[-]?.") and the directives it
# formats; any other candidate is written as it is.
_CANDIDATE = re.compile(r"(%-?.)")
_C89 = frozenset("aAbBcdfGHIjmMpSUuVwWxXyYzZ%")

# strftime directive (with "-": without leading zeros) -> CLDR field, for the
# directives whose result CLDR writes the same way in English.
_FIELDS = {
    "a": "EEE",
    "A": "EEEE",
    "d": "dd",
    "-d": "d",
    "m": "MM",
    "-m": "M",
    "y": "yy",
    "Y": "y",
    "H": "HH",
    "-H": "H",
    "I": "hh",
    "-I": "h",
    "M": "mm",
    "-M": "m",
    "S": "ss",
    "-S": "s",
    "p": "a",
    "j": "DDD",
    "-j": "D",
}
# Names have no leading zeros to strip, nor has a year of four digits.
_FIELDS.update({"-" + code: _FIELDS[code] for code in "aApY"})
# Month names: (with a day number, CLDR's format form; without, stand-alone).
_MONTHS = {"b": ("MMM", "LLL"), "B": ("MMMM", "LLLL")}
_MONTHS.update({"-" + k: v for k, v in _MONTHS.items()})
_DAYS = frozenset({"d", "-d"})
# Directives whose text depends on the day alone (not on the time or zone).
_DAY_ONLY = frozenset("aAbBdmyYjUWwuVG%")


@functools.cache
def day_only(strftime_pattern: str) -> bool:
    """Whether ``strftime_pattern`` writes the same text for every moment of
    a day: its texts are then made once a day (a site's replies, hundreds a
    day, share the few days they were written on)."""
    return all(c[-1] in _DAY_ONLY for c in _CANDIDATE.findall(strftime_pattern))


@functools.cache
def cldr_parts(strftime_pattern: str) -> tuple[tuple[str, bool], ...] | None:
    """``strftime_pattern`` as Pelican's strftime reads it, in parts of
    ``(text, is_field)``: CLDR fields for the directives, text for the rest
    (``"%a %d %B %Y"`` -> ``EEE``, `` ``, ``dd``, `` ``, ``MMMM``, `` ``,
    ``y``); None when a directive has no CLDR field. Fields are written one
    by one: two directives side by side (``%a%A``) make no CLDR pattern."""
    parts = _CANDIDATE.split(strftime_pattern)
    if any("%" in text for text in parts[0::2]):
        return None  # a "%" Pelican's strftime cannot format either
    with_day = any(c[1:] in _DAYS for c in parts[1::2])
    out = []
    for i, text in enumerate(parts):
        code = text[1:]
        if i % 2 == 0 or code[-1] not in _C89:
            field = None  # text, or not a directive for Pelican either
        elif code[-1] == "%":
            text, field = "%", None
        elif code in _MONTHS:
            field = _MONTHS[code][0 if with_day else 1]
        else:
            field = _FIELDS.get(code)
            if field is None:
                return None
        if field is not None:
            out.append((field, True))
        elif text:
            out.append((text, False))
    return tuple(out)


@functools.cache
def babel_locale(language: str | None):
    """Babel's locale for ``language`` (``fr``, ``pl-PL``, ``ja_JP.UTF-8``),
    or None when CLDR does not know it. The C and POSIX locales name no
    language (Babel would read them as American English)."""
    from babel import Locale, UnknownLocaleError

    code = _code(language)
    if code in ("", "c", "posix"):
        return None
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def format_date(when: datetime, strftime_pattern: str, language: str | None):
    """``when`` written with ``strftime_pattern`` in ``language``, from CLDR;
    None when the pattern or the language has no CLDR equivalent (the caller
    keeps Pelican's text). The time is written in ``when``'s own zone."""
    if not isinstance(when, datetime) or day_only(strftime_pattern):
        when = datetime(when.year, when.month, when.day)
    # The wall-clock time is all a pattern writes (no zone fields), and two
    # aware times of different zones may compare equal: the cache key is
    # the naive time.
    return _format(when.replace(tzinfo=None), strftime_pattern, language)


@functools.lru_cache(maxsize=4096)
def _format(when: datetime, strftime_pattern: str, language: str | None):
    """A document's date is written on many pages (its own, lists, hubs,
    related articles): each text is made once."""
    from babel.dates import format_datetime

    parts = cldr_parts(strftime_pattern)
    locale = babel_locale(language)
    if parts is None or locale is None:
        return None
    return "".join(
        format_datetime(when, text, locale=locale) if is_field else text
        for text, is_field in parts
    )


def date_format_of(doc, settings) -> tuple[str, str | None]:
    """The strftime pattern Pelican uses for ``doc`` and the language its
    names are written in: ``(pattern, language)``.

    The pattern: the document's ``date_format`` (which Pelican sets from
    ``DATE_FORMATS[lang]`` or ``DEFAULT_DATE_FORMAT``, or its metadata),
    else the same rule from ``settings``. The language: the locale of a
    ``(locale, format)`` pair in ``DATE_FORMATS`` when CLDR knows it, else
    for a document in the site's language (``DEFAULT_LANG``) the language
    of ``LOCALE`` when CLDR knows it (Pelican writes those documents' dates
    under ``LOCALE``: a site left at ``DEFAULT_LANG = "en"`` with a French
    ``LOCALE`` keeps French dates), else the document's ``lang``."""
    default = settings.get("DEFAULT_LANG") or "en"
    lang = getattr(doc, "lang", None) or default
    configured = (settings.get("DATE_FORMATS") or {}).get(lang)
    pattern = getattr(doc, "date_format", None)
    if isinstance(configured, (tuple, list)) and len(configured) == 2:
        locale_name, configured = configured
        if pattern in (None, configured) and babel_locale(locale_name) is not None:
            lang = locale_name
    elif lang == default:
        site_locale = _first_locale(settings.get("LOCALE"))
        if site_locale and babel_locale(site_locale) is not None:
            lang = site_locale
    if not isinstance(pattern, str):
        pattern = (
            configured
            if isinstance(configured, str)
            else settings.get("DEFAULT_DATE_FORMAT") or "%a %d %B %Y"
        )
    return pattern, lang


def _first_locale(value) -> str | None:
    """The first name in ``LOCALE`` (a string or a list of names)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], str):
        return value[0]
    return None


def _pelican_text(when, doc, pattern: str) -> str:
    """What Pelican writes: the document's own ``locale_date`` or
    ``locale_modified`` when ``when`` is that date, else its strftime."""
    for attr, text_attr in (("date", "locale_date"), ("modified", "locale_modified")):
        if doc is not None and getattr(doc, attr, None) is when:
            text = getattr(doc, text_attr, None)
            if isinstance(text, str):
                return text
    try:
        if day_only(pattern):
            return _day_text(date(when.year, when.month, when.day), pattern)
        from pelican.utils import strftime

        return strftime(when, pattern)
    except (ValueError, TypeError):
        return when.isoformat()


@functools.lru_cache(maxsize=4096)
def _day_text(day: date, pattern: str) -> str:
    """Pelican's strftime of a pattern that writes the day alone."""
    from pelican.utils import strftime

    return strftime(day, pattern)


def document_date(when, doc, settings) -> str:
    """``when`` (the document's date, its modified date, a reply's time) as
    the document writes dates: its pattern, its language's names; Pelican's
    text when CLDR cannot write it."""
    return date_writer(doc, settings)(when)


def date_writer(doc, settings) -> Callable[[datetime], str]:
    """``document_date`` for one document, its pattern and language worked
    out once: for the many dates written under one article (its replies)."""
    pattern, language = date_format_of(doc, settings)
    if _is_english(language) and _names_are_c_locales():
        # Pelican's strftime already writes English names here: the same
        # text (the Hypothesis test holds the two side by side), without
        # CLDR's data.
        return functools.partial(_pelican_text, doc=doc, pattern=pattern)

    def write(when) -> str:
        text = format_date(when, pattern, language)
        return text if text is not None else _pelican_text(when, doc, pattern)

    return write


def _code(language: str | None) -> str:
    """A language or locale name without its encoding and modifier, in
    gettext's form: ``en_GB.UTF-8`` -> ``en_GB``, ``pl-pl`` -> ``pl_PL``."""
    return normalise((language or "").split(".")[0].split("@")[0])


def _is_english(language: str | None) -> bool:
    code = _code(language)
    return code == "en" or code.startswith("en_")


def _names_are_c_locales() -> bool:
    """Whether the process writes dates under the C (POSIX) locale, whose
    day and month names are English (Pelican sets LC_TIME from LOCALE)."""
    import locale

    try:
        name = locale.setlocale(locale.LC_TIME)
    except locale.Error:
        return False
    return name in ("C", "POSIX") or name.startswith(("C.", "POSIX."))


class _PageDocument:
    """A page's language, for a date written without its document."""

    def __init__(self, lang: str):
        self.lang = lang


@pass_context
def pullmarketing_date(context, when, doc=None):
    """``{{ pullmarketing_date(article.date, article) }}`` in templates: a
    document's date in the document's language (see ``document_date``).
    Without a document (``pullmarketing_date(some_date)``), in the page's
    language with its pattern. Anything that is not a date is returned as
    it is. A global, not a filter: a template that asks whether it is
    defined still compiles without the plugin."""
    if not isinstance(when, date):
        return when
    if doc is None:
        doc = _PageDocument(page_lang(context))
    return document_date(when, doc, context)
