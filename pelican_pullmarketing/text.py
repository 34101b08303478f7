"""Text as the package reads and writes it: the trust model in code.

Pelican treats three fields of a document as HTML written by the site's
author: its content, title and summary. Everything else (description,
category, tag and author names, image alt text, keyword phrases, topic
titles and descriptions, gate and cross-posting texts, anything read from a
CSV export) is plain text, whatever characters it holds. Every output then
escapes for its own context (attribute, element text, JSON, XML); these
helpers only turn values into text:

- ``plain_text(markup)``: the visible text of the author's HTML, entities
  decoded once, for places that take text (meta tags, JSON-LD, feeds' plain
  fields, short posts);
- ``field_text(value)``: a plain-text field as one line, taken literally;
- ``clean(value)``: drops the characters no output may hold (control
  characters other than tab, line feed and carriage return; noncharacters;
  lone surrogates): XML 1.0 forbids them and HTML parsers report them;
- ``truncate(text, limit)``: cut at a word boundary by grapheme cluster, the
  ellipsis counted, never inside a cluster (nor, since it cuts text before
  anything is escaped, inside an entity).

See docs/security.md.
"""

from __future__ import annotations

import html
import re

import regex
from markupsafe import Markup

from .build import notes_of

# What no output may hold, because HTML parsers report it and XML 1.0
# forbids or discourages it: control characters but tab, LF and CR (C0, DEL,
# C1), noncharacters, and surrogates (only a lone one can be in a str).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(1, 17))
    + "]"
)

# HTML's tokenizer opens a tag only at "<" followed by a letter, "/" or "!"
# (or "?"): "a < b > c" is text. Comments end at the first "-->".
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<[A-Za-z/!?][^>]*>", re.S)
_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_GRAPHEME = regex.compile(r"\X")

ELLIPSIS = "…"


# The same class without the planes past the first: a class with characters
# past U+FFFF is matched about ten times more slowly (32 ns a character, 160 µs
# for an article's 5,000), and few texts have any such character.
_FORBIDDEN_BMP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def clean(value: str) -> str:
    """``value`` without the characters no output may hold."""
    if _FORBIDDEN_BMP.search(value) is None and (
        value.isascii() or not any(map(_is_astral_noncharacter, _ASTRAL.findall(value)))
    ):
        return value
    return _FORBIDDEN.sub("", value)


def _is_astral_noncharacter(char: str) -> bool:
    return ord(char) & 0xFFFE == 0xFFFE  # U+1FFFE, U+1FFFF ... U+10FFFF


def author_html(value) -> Markup:
    """The one place the package marks text as HTML: a document's title,
    summary or content (or SITENAME, SITESUBTITLE), which Pelican treats as
    HTML written by the site's author. Templates that autoescape print it as
    markup; every other value they escape."""
    if value is None:
        return Markup("")
    return Markup(clean(str(value)))


def field_text(value) -> str:
    """A plain-text field (a category, a tag, a description) as one line of
    text: forbidden characters dropped, whitespace folded, nothing else
    changed (``<b>`` stays the three characters it is)."""
    if value is None:
        return ""
    # split() and the regex \s+ know the same whitespace; split and join
    # make two objects where a substitution makes one per space.
    return " ".join(clean(str(value)).split())


def plain_text(markup: str | None) -> str:
    """Visible text of an HTML fragment written by the author: tags,
    comments, scripts and styles dropped, entities decoded once, whitespace
    folded."""
    if not markup:
        return ""
    if "<" in markup:
        markup = _TAG.sub(" ", _DROP.sub(" ", markup))
    if "&" in markup:
        markup = html.unescape(markup)
    return field_text(markup)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def graphemes(text: str) -> list[str]:
    """Extended grapheme clusters: what a reader sees as one character (an
    accented letter written as two code points, an emoji with a skin tone)."""
    return _GRAPHEME.findall(text)


def grapheme_count(text: str) -> int:
    return len(_GRAPHEME.findall(text))


_TRIM = " ,;:.-–—\n"


def truncate(text: str, limit: int, ellipsis: str = ELLIPSIS) -> str:
    """Cut ``text`` (whitespace folded first) to at most ``limit`` grapheme
    clusters at a word boundary, ending with ``ellipsis`` when anything was
    cut; the ellipsis counts toward the limit. A single word longer than the
    limit is cut inside the word, never inside a cluster."""
    text = " ".join(text.split())  # whitespace folded (see field_text)
    if len(text) <= limit:  # clusters never outnumber code points
        return text
    room = limit - len(ellipsis)
    if room <= 0:
        return ""
    if text[: limit + 1].isascii():
        # Whitespace folded, every ASCII character is a cluster of its own
        # (CR LF, the one pair UAX 29 joins, cannot remain): no need to ask.
        cut = room
    else:
        ends = []  # end offset of each of the first limit + 1 clusters
        for match in _GRAPHEME.finditer(text):
            ends.append(match.end())
            if len(ends) > limit:
                break
        else:
            return text  # it fits: fewer clusters than code points
        cut = ends[room - 1]
    head = text[:cut]
    if not text[cut].isspace():
        space = head.rfind(" ")
        if space > 0:
            head = head[:space]
    head = head.rstrip(_TRIM)
    return head + ellipsis if head else ""


# A spreadsheet runs a cell that starts with one of these as a formula: a
# search term someone typed ("=HYPERLINK(...)") must not run when the owner
# opens an exported CSV. Such cells are written with a leading apostrophe,
# which spreadsheets hide, and read back without it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """``value`` as a CSV cell that no spreadsheet runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def from_csv_cell(value: str) -> str:
    """A cell written by ``csv_cell`` read back as the value it was."""
    if value[:1] == "'" and value[1:2] and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def _formatted(doc, name: str) -> bool:
    """Whether Pelican's Markdown reader rendered metadata ``name`` as HTML
    (the site lists it in FORMATTED_FIELDS)."""
    settings = getattr(doc, "settings", None) or {}
    return name in (settings.get("FORMATTED_FIELDS") or ())


# How long a description made from a summary is, unless the site sets
# PULLMARKETING_DESCRIPTION_LENGTH: what search engines show of one.
DESCRIPTION_LENGTH = 155


def description(doc, limit: int = DESCRIPTION_LENGTH) -> str:
    """A document's description for meta tags, feeds and copies elsewhere:
    1. its ``description`` metadata (plain text, unless the site has Pelican
    format it as Markdown), 2. the text of its summary, cut at a word
    boundary near ``limit`` characters.

    Kept on the document once made: SEO, feeds and cross-posting each ask for
    it, and a document's text no longer changes once the build writes."""
    notes = notes_of(doc)
    known = notes.descriptions
    for at in range(0, len(known), 2):
        if known[at] == limit:
            return known[at + 1]
    meta = (getattr(doc, "metadata", None) or {}).get("description")
    value = ""
    if meta is not None:
        value = (
            plain_text(str(meta))
            if _formatted(doc, "description")
            else field_text(meta)
        )
    if not value:
        value = plain_text(getattr(doc, "summary", "") or "")
    value = truncate(value, limit)
    notes.descriptions = (*known, limit, value)
    return value


def finalize(value):
    """Every value a template of the bundled theme prints, without the
    characters no output may hold (Markup stays Markup)."""
    if isinstance(value, str):
        cleaned = clean(value)
        return value if cleaned is value else value.__class__(cleaned)
    if value is None or hasattr(value, "__html__"):
        return value
    # Pelican's categories, tags and authors print as their names.
    as_text = str(value)
    cleaned = clean(as_text)
    return value if cleaned is as_text else cleaned
