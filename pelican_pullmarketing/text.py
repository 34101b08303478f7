"""Document-text helpers shared by features: plain text of HTML, word counts,
cutting at a word boundary."""

from __future__ import annotations

import contextlib
import html
import re

_TAG = re.compile(r"<[^>]*>")
_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def plain_text(markup: str | None) -> str:
    """Visible text of an HTML fragment, entities decoded, whitespace folded."""
    if not markup:
        return ""
    if "<" in markup:
        markup = _TAG.sub(" ", _DROP.sub(" ", markup))
    # split() and the regex \s+ know the same whitespace; split and join
    # make two objects where a substitution makes one per space.
    return " ".join(html.unescape(markup).split())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut ``text`` to at most ``limit`` characters at a word boundary, adding
    ``ellipsis`` when anything was cut (the ellipsis counts toward the limit)."""
    text = " ".join(text.split())  # whitespace folded (see plain_text)
    if len(text) <= limit:
        return text
    room = max(0, limit - len(ellipsis))
    cut = text[:room]
    if " " in cut and not text[room : room + 1].isspace():
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-–—") + ellipsis


def description(doc, limit: int = 155) -> str:
    """A document's description for meta tags, feeds and copies elsewhere:
    1. its ``description`` metadata, 2. its summary as plain text, cut at a
    word boundary near ``limit`` characters.

    Kept on the document once made: SEO, feeds and cross-posting each ask for
    it, and a document's text no longer changes once the build writes."""
    cache = getattr(doc, "_pm_descriptions", None)
    if cache is not None and limit in cache:
        return cache[limit]
    meta = (getattr(doc, "metadata", None) or {}).get("description")
    if meta and str(meta).strip():
        value = truncate(plain_text(str(meta)), limit)
    else:
        value = truncate(plain_text(getattr(doc, "summary", "") or ""), limit)
    if cache is None:
        cache = {}
        with contextlib.suppress(AttributeError):  # objects without __dict__
            doc._pm_descriptions = cache
    cache[limit] = value
    return value
