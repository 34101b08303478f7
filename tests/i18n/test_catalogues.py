"""The shipped catalogues are in step with the code and the templates: the
.pot template holds every message (``make i18n-extract``), each language's
.po translates every one of them, keeping its placeholders, and the .mo
files the wheel ships are the .po files compiled (``make i18n-compile``)."""

from __future__ import annotations

import gettext
import io
import os
import re

import pytest
from babel.messages import frontend
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from pelican_pullmarketing import i18n

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
POT = os.path.join(i18n.LOCALE_DIR, f"{i18n.DOMAIN}.pot")
LANGUAGES = ("de", "es", "fr", "pl")  # shipped, complete


def po_path(lang: str, ext: str = "po") -> str:
    return os.path.join(i18n.LOCALE_DIR, lang, "LC_MESSAGES", f"{i18n.DOMAIN}.{ext}")


def read(path: str):
    with open(path, "rb") as fh:
        return read_po(fh)


def _key(message_id) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def extracted() -> set[str]:
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with open(os.path.join(ROOT, "babel.cfg"), encoding="utf-8") as fh:
        method_map, options_map = parse(fh)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        found.add(_key(message))
    return found


def test_the_template_holds_every_message_of_the_code_and_templates():
    in_pot = {_key(m.id) for m in read(POT) if m.id}
    found = extracted()
    assert found, "no message found: babel.cfg matches no file"
    missing, stale = sorted(found - in_pot), sorted(in_pot - found)
    assert (missing, stale) == ([], []), "run `make i18n-update`"


# Placeholders a translation must keep: Jinja's %(name)s (trans blocks) and
# Python's {name} (str.format).
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


def _placeholders(text: str) -> set[tuple[str, str]]:
    """Each placeholder with its syntax: a Jinja one and a Python one of
    the same name are not the same."""
    found = set()
    for jinja, python in _PLACEHOLDER.findall(text):
        found.add(("%", jinja) if jinja else ("{}", python))
    return found


def _stray(text: str) -> list[str]:
    rest = _PLACEHOLDER.sub("", text).replace("%%", "")
    return [c for c in rest if c in "%{}"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(lang):
    template = {_key(m.id) for m in read(POT) if m.id}
    catalogue = read(po_path(lang))
    problems = []
    seen = set()
    for message in catalogue:
        if not message.id:
            continue
        key = _key(message.id)
        seen.add(key)
        strings = (
            [message.string] if isinstance(message.string, str) else message.string
        )
        if message.fuzzy or not all(s.strip() for s in strings):
            problems.append(f"not translated: {key!r}")
            continue
        wanted = _placeholders(key)
        for s in strings:
            if _placeholders(s) != wanted or _stray(s) != _stray(key):
                problems.append(f"placeholders of {key!r}: {s!r}")
    problems += [f"missing: {k!r}" for k in sorted(template - seen)]
    problems += [f"not in the template: {k!r}" for k in sorted(seen - template)]
    assert problems == []


def _messages(data: bytes) -> dict:
    """A .mo file's messages and plural rule (its header also names the
    Babel version that compiled it, which may differ)."""
    catalogue = gettext.GNUTranslations(io.BytesIO(data))
    messages = dict(catalogue._catalog)
    messages.pop("", None)
    return {"plural": catalogue.plural(5), "messages": messages}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shipped_mo_is_the_po_compiled(lang):
    compiled = io.BytesIO()
    write_mo(compiled, read(po_path(lang)))
    with open(po_path(lang, "mo"), "rb") as fh:
        shipped = fh.read()
    assert _messages(shipped) == _messages(compiled.getvalue()), (
        "run `make i18n-compile`"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_gettext_finds_the_catalogue(lang):
    i18n.translations.cache_clear()
    try:
        found = i18n.translations(lang)
        assert found.gettext("Subscribe") != "Subscribe"
        regional = i18n.translations(f"{lang}-CH")  # falls back to the language
        assert regional.gettext("Subscribe") == found.gettext("Subscribe")
        assert i18n.translations("tlh").gettext("Subscribe") == "Subscribe"
    finally:
        i18n.translations.cache_clear()


def test_the_placeholder_check_tells_the_syntaxes_apart():
    assert _placeholders("Articles tagged {tag}") != _placeholders(
        "Articles avec %(tag)s"
    )
    assert _stray("à 100 % :") == ["%"] and _stray("100%% %(x)s {y}") == []
