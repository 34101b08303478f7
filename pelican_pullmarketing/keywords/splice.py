"""The HTML side of keyword links: which stretches of an HTML fragment may
hold a link (``MarkupText``), and wrapping the chosen ranges in links by
splicing at offsets, so the rest of the markup stays byte for byte as
Pelican wrote it (a parser would re-quote attributes and re-encode
entities).

The whole fragment is searched at once (tags included: cheap for an
automaton); each candidate is then checked against its position: inside a
tag, a comment or an excluded element means no link. Excluded regions are
found by one regular expression, only for documents that have candidates.
"""

from __future__ import annotations

import functools
import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from .matcher import SearchText

# Elements whose text is never linked: links, headings, code and the like,
# form controls, embedded documents and raw text.
EXCLUDED = frozenset(
    [
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "button",
        "select",
        "label",
        "svg",
        "math",
        "option",
        "title",
        "template",
        "noscript",
        "iframe",
        "object",
    ]
)
# Inline elements: text on both sides of their tags still forms one word
# (``<em>boiler</em>s`` is the word "boilers").
INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    ]
)

_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_TAG = re.compile(rf"</?(?P<name>[A-Za-z][^\s/>]*){_ATTRS}>")


def _alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, written as a trie
    (``o(?:bject|ption)``): the engine then tries one branch per letter
    instead of every word at every ``<`` of the document."""
    branches: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        branches.setdefault(word[:1], []).append(word[1:])
    alternatives = []
    optional = False
    for first, rests in branches.items():
        if not first:
            optional = True
            continue
        rest = _alternation(rests)
        alternatives.append(re.escape(first) + rest)
    if not alternatives:
        return ""
    body = "|".join(alternatives)
    if optional:
        return f"(?:{body})?"
    return body if len(alternatives) == 1 else f"(?:{body})"


_EXCLUDED_ALT = _alternation(EXCLUDED)
_EXCLUDED_REGION = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    rf"|<(?P<name>{_EXCLUDED_ALT})(?=[\s/>]){_ATTRS}>",
    re.S | re.I,
)
# The same for ASCII text already in lower case: without re.I the engine
# compares characters as they are, several times faster.
_EXCLUDED_REGION_LOWER = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[cdata\[.*?(?:\]\]>|\Z)"
    rf"|<(?P<name>{_EXCLUDED_ALT})(?=[\s/>]){_ATTRS}>",
    re.S,
)


# Elements that may contain themselves; the others end at their first close tag.
_NESTING = frozenset(["svg", "math", "template", "object", "noscript"])


# Compiled when first needed: most builds meet only a few of these elements.
@functools.cache
def _close_tag(name: str, flags: int = re.I) -> re.Pattern:
    return re.compile(rf"</{name}\s*>", flags)


@functools.cache
def _open_or_close_tag(name: str, flags: int = re.I) -> re.Pattern:
    return re.compile(rf"<(/?){name}(?=[\s/>]){_ATTRS}>", flags)


def _close_of(name: str, markup: str, pos: int, flags: int = re.I) -> int:
    """End of the close tag matching an element opened before ``pos``."""
    if name not in _NESTING:
        close = _close_tag(name, flags).search(markup, pos)
        return close.end() if close else len(markup)
    depth = 1
    tags = _open_or_close_tag(name, flags)
    while depth:
        tag = tags.search(markup, pos)
        if tag is None:
            return len(markup)
        depth += -1 if tag.group(1) else 1
        pos = tag.end()
    return pos


def iter_excluded_regions(
    markup: str, *, lower: bool = False
) -> Iterator[tuple[int, int]]:
    """(start, end) of each stretch of markup whose text is never linked, in
    order and without overlap: comments, CDATA and excluded elements with
    their content. ``lower``: ``markup`` is already case-folded Latin-1 text
    (searched case-sensitively, which is faster)."""
    region, flags = (_EXCLUDED_REGION_LOWER, 0) if lower else (_EXCLUDED_REGION, re.I)
    pos = 0
    while True:
        m = region.search(markup, pos)
        if m is None:
            return
        end = m.end()
        name = m["name"]
        if name and not markup.startswith("/>", end - 2):
            end = _close_of(name if lower else name.lower(), markup, end, flags)
        yield m.start(), end
        pos = max(end, pos + 1)


class MarkupText(SearchText):
    """The whole HTML fragment as one searched text: word boundaries look
    through inline tags, and a candidate is linkable only outside tags (so
    never in attribute values), comments and excluded elements, and when it
    does not span a tag."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup
        self.add(markup)
        # Excluded regions, read from their iterator only as far as a
        # candidate needs (the text after the last candidate is never
        # searched for them): [iterator, starts, ends] once first needed.
        self._regions: list = []

    def linkable(self, start: int, end: int) -> bool:
        markup = self.markup
        if markup.find("<", start, end) != -1:
            return False
        lt = markup.rfind("<", 0, start)
        if lt != -1:
            tag = _TAG.match(markup, lt)
            if tag is None and lt > markup.rfind(">", 0, start):
                return False  # inside an unterminated tag
            if tag is not None and tag.end() > start:
                return False  # inside a tag, e.g. an attribute value
        return not self._excluded(start)

    def _excluded(self, pos: int) -> bool:
        regions = self._regions
        if not regions:
            # The searched text of a Latin-1 document is the markup case-
            # folded, whitespace as spaces, at the same offsets unless
            # entities or runs of spaces were shortened (then the lengths
            # differ); no Latin-1 character but the ASCII letters matches an
            # ASCII letter with re.I.
            text, markup = self.text, self.markup
            if self.latin1 and len(text) == len(markup):
                regions.extend([iter_excluded_regions(text, lower=True), [], []])
            else:
                regions.extend([iter_excluded_regions(markup), [], []])
        source, starts, ends = regions
        while not starts or starts[-1] <= pos:
            region = next(source, None)
            if region is None:
                break
            starts.append(region[0])
            ends.append(region[1])
        i = bisect_right(starts, pos) - 1
        return i >= 0 and ends[i] > pos

    def char_before(self, pos: int) -> str:
        text = self._text if self._text is not None else self.text
        while pos > 0:
            char = text[pos - 1]
            if char != ">":
                return char
            lt = text.rfind("<", 0, pos - 1)
            tag = _TAG.match(text, lt) if lt != -1 else None
            if tag is None or tag.end() != pos or tag["name"].lower() not in INLINE:
                return ""
            pos = lt
        return ""

    def char_after(self, pos: int) -> str:
        text = self._text if self._text is not None else self.text
        while pos < len(text):
            char = text[pos]
            if char != "<":
                return char
            tag = _TAG.match(text, pos)
            if tag is None or tag["name"].lower() not in INLINE:
                return ""
            pos = tag.end()
        return ""


def link_tag(href: str, css_class: str) -> str:
    attrs = f'href="{html.escape(href, quote=True)}"'
    if css_class:
        attrs += f' class="{html.escape(css_class, quote=True)}"'
    return f"<a {attrs}>"


def splice_links(markup: str, links: Iterable[tuple[int, int, str]]) -> str:
    """Wrap ``markup[start:end]`` in each opening tag given (non-overlapping
    ranges); nothing else changes."""
    out: list[str] = []
    pos = 0
    for start, end, opening in sorted(links):
        out += [markup[pos:start], opening, markup[start:end], "</a>"]
        pos = end
    if not out:
        return markup
    out.append(markup[pos:])
    return "".join(out)
