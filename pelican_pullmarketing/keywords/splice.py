"""Find the linkable text of an HTML fragment and wrap matches in links by
splicing at offsets, so the rest of the markup stays byte for byte as Pelican
wrote it (a parser would re-quote attributes and re-encode entities).

The scan is a single pass of one regular expression over tags, comments and
raw-text elements; text inside excluded elements, comments and attribute
values is never linkable.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .matcher import SearchText

# Elements whose text is never linked: links, headings, code and the like,
# form controls and embedded documents.
EXCLUDED = frozenset(
    ["a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style", "textarea", "button", "select", "label", "svg", "math", "option", "title", "template", "noscript", "iframe", "object"]
)
# Elements whose content is raw text: skipped whole, tags inside are not tags.
_RAW = frozenset(["script", "style", "textarea", "title"])
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
# Inline elements: text on both sides still forms one word (``<em>co</em>op``).
_INLINE = frozenset(
    ["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"]
)

_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>?"
    r"|<(?P<close>/)?(?P<name>[A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S,
)


def _first_char(text: str) -> str:
    return html.unescape(text[:12])[:1] if text.startswith("&") else text[:1]


def _last_char(text: str) -> str:
    amp = text.rfind("&", max(0, len(text) - 12))
    if amp != -1 and text.endswith(";"):
        return html.unescape(text[amp:])[-1:]
    return text[-1:]


def linkable_text(markup: str) -> SearchText:
    """The searchable text of ``markup``: every text run outside excluded
    elements, comments and tags, with offsets into ``markup``."""
    st = SearchText()
    excluded_depth: dict[str, int] = {}
    blocked = 0  # how many excluded elements we are inside
    runs: list[tuple[int, int, bool]] = []  # (start, end, linkable)
    glued: list[bool] = []  # run i joins run i+1 across inline tags only
    pos = 0
    length = len(markup)
    inline_gap = True
    while pos < length:
        m = _MARKUP.search(markup, pos)
        tag_start = m.start() if m else length
        if tag_start > pos:
            if runs and not inline_gap:
                glued[-1] = False
            elif runs:
                glued[-1] = True
            runs.append((pos, tag_start, blocked == 0))
            glued.append(False)
            inline_gap = True
        if m is None:
            break
        pos = m.end()
        name = m.group("name")
        if name is None:  # comment, CDATA, doctype, processing instruction
            continue
        name = name.lower()
        if name not in _INLINE:
            inline_gap = False
        if m.group("close"):
            if excluded_depth.get(name):
                excluded_depth[name] -= 1
                blocked -= 1
            continue
        if name in _RAW:
            close = re.compile(rf"</{name}\s*>", re.I).search(markup, pos)
            pos = close.end() if close else length
            inline_gap = False
            continue
        if name in EXCLUDED and name not in _VOID and not m.group().endswith("/>"):
            excluded_depth[name] = excluded_depth.get(name, 0) + 1
            blocked += 1
    for i, (start, end, linkable) in enumerate(runs):
        if not linkable:
            continue
        left = right = ""
        if i and glued[i - 1]:
            left = _last_char(markup[runs[i - 1][0] : runs[i - 1][1]])
        if glued[i]:
            right = _first_char(markup[runs[i + 1][0] : runs[i + 1][1]])
        st.add(markup[start:end], start, left=left, right=right)
    return st


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
