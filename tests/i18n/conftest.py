"""A catalogue of the package's words written for a test: compiled from .po
text with Babel into a temporary folder that stands in for the shipped
``locale/`` folder."""

from __future__ import annotations

import io
import os

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from pelican_pullmarketing import i18n


def write_catalogue(folder, lang: str, messages: dict) -> None:
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        "",
    ]
    for msgid, msgstr in messages.items():
        lines += [f"msgid {_quoted(msgid)}", f"msgstr {_quoted(msgstr)}", ""]
    catalog = read_po(io.StringIO("\n".join(lines)))
    target = os.path.join(folder, lang, "LC_MESSAGES")
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, f"{i18n.DOMAIN}.mo"), "wb") as fh:
        write_mo(fh, catalog)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    """``catalogues({"fr": {"Subscribe": "S'abonner"}})``: those catalogues
    and no other are the package's for the rest of the test."""

    def make(by_lang: dict) -> str:
        folder = tmp_path / "locale"
        for lang, messages in by_lang.items():
            write_catalogue(folder, lang, messages)
        monkeypatch.setattr(i18n, "LOCALE_DIR", str(folder))
        i18n.translations.cache_clear()
        return str(folder)

    yield make
    i18n.translations.cache_clear()
