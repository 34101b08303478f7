"""The site's own words in place of the package's: ``PULLMARKETING_WORDS``.

A site replaces any sentence the package writes, keyed by the English
sentence as the catalogue (``pullmarketing.pot``) has it, for every
language or for one::

    PULLMARKETING_WORDS = {
        "Get new articles by e-mail": "Follow the workshop by e-mail",
        "fr": {"Get new articles by e-mail": "Suivre l'atelier par e-mail"},
    }

A page's language entry (``fr_CA``, then ``fr``) comes before the entry
for every language, which comes before the catalogue. A replacement is
plain text, escaped where it is printed; it keeps the sentence's
placeholders (``%(topic)s``, ``{site}``), no more and no fewer. A sentence
with a plural (``%(count)s article``) takes a list of its forms, in
gettext's order for the language (English: one, other; Polish: one, few,
many). A sentence whose English holds HTML markup cannot be replaced (its
markup is the theme's, not words).

``check`` is the setting's checker (settings.py); ``replaced`` is what the
gettext of templates and of Python code asks first (``i18n``).
"""

from __future__ import annotations

import functools
import os
import re
import string
from dataclasses import dataclass

from .. import build

WORDS_SETTING = "PULLMARKETING_WORDS"
EXAMPLE = (
    '{"Get new articles by e-mail": "Follow the workshop by e-mail", '
    '"fr": {"Get new articles by e-mail": "Suivre l\'atelier par e-mail"}}'
)

_PERCENT = re.compile(r"%(?:\((\w+)\)s|%)")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Sentence:
    """One message of the package's catalogue."""

    english: str
    plural: str | None  # the English plural, for a message with one
    style: str  # "percent" (%(name)s), "brace" ({name}) or "plain"
    placeholders: frozenset[str]
    comment: str  # the note for translators, when it has one

    @property
    def replaceable(self) -> bool:
        return "<" not in self.english


def _pot_path() -> str:
    from . import DOMAIN, LOCALE_DIR

    return os.path.join(LOCALE_DIR, f"{DOMAIN}.pot")


@functools.cache
def sentences() -> dict[str, Sentence]:
    """Every message of the package, by its English (singular) text."""
    from babel.messages.pofile import read_po

    with open(_pot_path(), "rb") as handle:
        catalogue = read_po(handle)
    found = {}
    for message in catalogue:
        if not message.id:
            continue
        english, plural = (
            (message.id[0], message.id[1])
            if isinstance(message.id, (list, tuple))
            else (message.id, None)
        )
        style, names = _style_of(english, message.flags)
        comment = " ".join(message.auto_comments).strip()
        found[english] = Sentence(english, plural, style, names, comment)
    return found


def collapsed(text: str) -> str:
    """``text`` with each run of white space as one space: the key a site
    writes for a sentence the catalogue has over two lines ("Also in:
    %(languages)s")."""
    return " ".join(text.split())


@functools.cache
def _by_collapsed() -> dict[str, str]:
    return {collapsed(english): english for english in sentences()}


def _style_of(english: str, flags) -> tuple[str, frozenset[str]]:
    if "python-format" in flags:
        return "percent", frozenset(n for n in _PERCENT.findall(english) if n)
    if "python-brace-format" in flags:
        return "brace", frozenset(_brace_names(english))
    return "plain", frozenset()


def _brace_names(text: str) -> list[str]:
    """The ``{name}`` fields of ``text``; ValueError for a lone brace."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def _percent_names(text: str) -> list[str]:
    """The ``%(name)s`` fields of ``text``; ValueError for a lone ``%``."""
    names = []
    position = 0
    while True:
        at = text.find("%", position)
        if at < 0:
            return names
        found = _PERCENT.match(text, at)
        if found is None:
            raise ValueError("a lone %")
        if found.group(1):
            names.append(found.group(1))
        position = found.end()


def written(style: str, name: str) -> str:
    """A placeholder as a sentence writes it: ``{site}`` or ``%(topic)s``."""
    return "{" + name + "}" if style == "brace" else f"%({name})s"


def shown(names) -> str:
    return ", ".join(sorted(names)) or "none"


# How each style's placeholders are read, and what a text that cannot be
# read has wrong.
_READERS = {
    "brace": (
        _brace_names,
        "a brace outside a placeholder (write {{ and }} for a brace)",
    ),
    "percent": (
        _percent_names,
        "a % outside a placeholder (write %% for a per cent sign)",
    ),
}


def placeholder_problem(sentence: Sentence, text: str) -> str | None:
    """Why ``text`` cannot stand for ``sentence`` (its placeholders), or None."""
    if sentence.style == "plain":
        if "%" in text or "{" in text or "}" in text:
            return "a % or a brace, which this sentence cannot print"
        return None
    read, unreadable = _READERS[sentence.style]
    try:
        given = {written(sentence.style, n) for n in read(text)}
    except ValueError:
        return unreadable
    wanted = {written(sentence.style, n) for n in sentence.placeholders}
    if given != wanted:
        return f"placeholders {shown(given)} where the sentence has {shown(wanted)}"
    return None


@functools.cache
def plural_rule(lang: str | None):
    """``(number of forms, n -> form index)`` of gettext in ``lang``: the
    package's catalogue's when it ships the language, else Babel's table,
    else English's (one, other)."""
    import gettext as _gettext

    from babel.core import UnknownLocaleError
    from babel.messages.plurals import get_plural

    from . import _ours, normalise

    ours = _ours(lang) if lang else None
    if ours is not None:
        header = ours.info().get("plural-forms", "")
        count = re.search(r"nplurals\s*=\s*(\d+)", header)
        if count:
            return int(count.group(1)), ours.plural
    code = normalise(lang)
    if code:
        try:
            found = get_plural(code)
            return found.num_plurals, _gettext.c2py(found.plural_expr)
        except (UnknownLocaleError, ValueError):
            pass
    return 2, lambda n: int(n != 1)


# --- the setting's checker -------------------------------------------------------


def check(value):
    """``PULLMARKETING_WORDS`` checked to the leaf (settings.py's checker
    protocol: the value back, languages normalised, or ``Invalid``)."""
    from ..settings import Invalid, Problem
    from . import normalise

    if not isinstance(value, dict):
        raise ValueError(f"a dict of sentence -> replacement, e.g. {EXAMPLE}")
    problems: list[Problem] = []
    out: dict = {}
    for key, given in value.items():
        path = f"[{key!r}]"
        if isinstance(given, dict):
            if not isinstance(key, str) or not _LANGUAGE.match(key):
                problems.append(
                    Problem(
                        path,
                        "not a language",
                        key,
                        'a language code ("fr", "pt-BR") over a dict of its '
                        "sentences, or a sentence over its replacement text",
                    )
                )
                continue
            lang = normalise(key)
            own = out.setdefault(lang, {})
            for english, text in given.items():
                sub = f"{path}[{english!r}]"
                checked = _entry(english, text, lang, sub, problems)
                if checked is not None:
                    own[_msgid(english)] = checked
            continue
        checked = _entry(key, given, None, path, problems)
        if checked is not None:
            out[_msgid(key)] = checked
    if problems:
        raise Invalid(problems)
    return out


def _msgid(key: str) -> str:
    """The catalogue's own text of the sentence a key names."""
    return _by_collapsed().get(collapsed(key), key)


def _entry(english, text, lang, path, problems):
    """One replacement checked (None when it has problems, added to them)."""
    from ..settings import Problem, closest

    known = sentences()
    sentence = None
    if isinstance(english, str):
        sentence = known.get(_by_collapsed().get(collapsed(english), english))
    if sentence is None:
        close = closest(str(english), [s for s in known if known[s].replaceable])
        hint = f"; did you mean {close!r}?" if close else ""
        problems.append(
            Problem(
                path,
                f"unknown sentence{hint}",
                None,
                "a sentence of the package in English, as `pullmarketing words` lists it",
            )
        )
        return None
    if not sentence.replaceable:
        problems.append(
            Problem(
                path,
                "this sentence holds the theme's HTML markup and cannot be replaced",
                None,
                "another sentence, or the template overridden in THEME_TEMPLATES_OVERRIDES",
            )
        )
        return None
    if sentence.plural is not None:
        return _plural_entry(sentence, text, lang, path, problems)
    if not isinstance(text, str) or not text.strip():
        problems.append(Problem(path, "invalid replacement", text, "non-empty text"))
        return None
    why = placeholder_problem(sentence, text)
    if why:
        expected = f"text {_wanted(sentence)}"
        problems.append(Problem(path, why, text, expected))
        return None
    return text


def _wanted(sentence: Sentence) -> str:
    """What a replacement of ``sentence`` must hold, for messages."""
    if not sentence.placeholders:
        return "without placeholders, % or braces"
    names = shown(written(sentence.style, n) for n in sentence.placeholders)
    return f"with the placeholders {names}"


def _plural_entry(sentence, text, lang, path, problems):
    from ..settings import Problem

    forms = plural_rule(lang)[0] if lang else None
    count = f"{forms} " if forms else ""
    expected = f"a list of the {count}plural forms, in gettext's order for the language"
    if not lang:
        expected += f", e.g. [{sentence.english!r}, {sentence.plural!r}]"
    ok = isinstance(text, (list, tuple)) and len(text) >= 2
    ok = ok and all(isinstance(t, str) and t.strip() for t in text)
    if not ok or (forms and len(text) != forms):
        problems.append(Problem(path, "invalid plural replacement", text, expected))
        return None
    for form in text:
        why = placeholder_problem(sentence, form)
        if why:
            wanted = f"each form {_wanted(sentence)}"
            problems.append(Problem(path, why, form, wanted))
            return None
    return list(text)


# --- looking a sentence up ----------------------------------------------------------


def replaced(words: dict | None, lang: str | None, english: str):
    """The site's replacement of ``english`` in ``lang`` (its language entry,
    then the one for every language), or None. A plural sentence's is the
    list of its forms."""
    if not words:
        return None
    from . import normalise

    code = normalise(lang)
    if code:
        for key in (code, code.split("_")[0]) if "_" in code else (code,):
            own = words.get(key)
            if isinstance(own, dict) and english in own:
                return own[english]
    found = words.get(english)
    return None if isinstance(found, dict) else found


def plural_form(forms: list, lang: str | None, n) -> str:
    """The form of ``forms`` for ``n`` in ``lang``; a list shorter than the
    language's forms (an entry for every language) gives its last one."""
    try:
        index = int(plural_rule(lang)[1](n))
    except (TypeError, ValueError):
        index = 1
    return forms[min(index, len(forms) - 1)]


def site_words() -> dict | None:
    """The current build's ``PULLMARKETING_WORDS`` (None outside a build)."""
    current = build.current()
    return current.settings.get(WORDS_SETTING) if current is not None else None
