"""No template of the plugin or the bundled theme writes a word that is not
a translatable message: every text between tags, and every attribute a
reader or a screen reader meets (aria-label, alt, title, placeholder, the
value of a button), is inside ``_()`` or a ``{% trans %}`` block."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest
from jinja2 import Environment

from pelican_pullmarketing import theme_path
from pelican_pullmarketing.core import TEMPLATES_PATH

# Names that are the same in every language (brands, formats).
NAMES = {
    "Atom",
    "RSS",
    "JSON",
    "OPML",
    "Feedly",
    "Inoreader",
    "Mastodon",
    "Bluesky",
    "LinkedIn",
    "DEV",
    "Hashnode",
    "Medium",
    "GitHub",
    "Pelican",
}
TEXT_ATTRIBUTES = {"aria-label", "alt", "title", "placeholder", "aria-description"}
_WORD = re.compile(r"[^\W\d_]{2,}")
_IDENTIFIER = re.compile(r"[\w.]*[-_][\w.-]*")
_HOLE = "\x1f"  # where an expression or a tag of Jinja stood


def template_files() -> list[str]:
    found = []
    for root in (TEMPLATES_PATH, os.path.join(theme_path(), "templates")):
        for folder, _dirs, files in os.walk(root):
            found += [os.path.join(folder, f) for f in files if f.endswith(".html")]
    return sorted(found)


def literal_html(source: str) -> str:
    """The template's text outside Jinja's tags and outside {% trans %}
    blocks, each expression or tag replaced by a mark."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    out, depth, pending = [], 0, None
    for _line, kind, value in env.lex(source):
        if kind == "whitespace":
            continue
        if kind == "data":
            if depth == 0:
                out.append(value)
            continue
        if kind == "name" and pending == "block_begin":
            if value == "trans":
                depth += 1
            elif value == "endtrans":
                depth -= 1
        pending = kind if kind in ("block_begin",) else None
        if depth == 0 and kind in ("variable_begin", "block_begin"):
            out.append(_HOLE)
    return "".join(out)


class Words(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0

    def _check(self, text: str, where: str) -> None:
        # CSS classes and other identifiers ("page-subscribe") are not words.
        plain = _IDENTIFIER.sub(" ", text.replace(_HOLE, " "))
        for word in _WORD.findall(plain):
            if word not in NAMES:
                self.found.append(f"{where}: {text.strip()!r}")
                return

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        kind = dict(attrs).get("type", "")
        for name, value in attrs:
            # A button's value is what it says; another input's value is
            # data sent with the form.
            shown = tag == "button" or kind in ("submit", "button", "reset")
            if value and (name in TEXT_ATTRIBUTES or (name == "value" and shown)):
                self._check(value, f"<{tag} {name}>")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self._check(data, "text")


@pytest.mark.parametrize(
    "path",
    template_files(),
    ids=lambda p: os.path.relpath(p, os.path.dirname(theme_path())),
)
def test_every_word_of_a_template_is_translatable(path):
    with open(path, encoding="utf-8") as fh:
        source = fh.read()
    parser = Words()
    parser.feed(literal_html(source))
    parser.close()
    assert parser.found == [], f"{path}: words outside _() or {{% trans %}}"


def test_the_check_finds_words_outside_messages():
    parser = Words()
    parser.feed(
        literal_html(
            '<a title="Read more" href="{{ url }}">{{ _("Home") }}</a> Subscribe'
            "{% trans %}Follow us{% endtrans %}<button>{{ x }} Send</button>"
        )
    )
    assert parser.found == [
        "<a title>: 'Read more'",
        "text: 'Subscribe'",
        "text: 'Send'",
    ]
    parser = Words()
    parser.feed(
        literal_html(
            '<body class="{% block c %}page-subscribe{% endblock %}">'
            '<input type="checkbox" value="yes"><input type="submit" value="Send">'
        )
    )
    assert parser.found == ["<input value>: 'Send'"]
