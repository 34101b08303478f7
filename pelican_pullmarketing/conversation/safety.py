"""Reply text comes from strangers: sanitised with nh3 (the Ammonia HTML
sanitiser) to a small allow-list, bounded in length, and never allowed to
bring another origin onto the page (no image, no avatar, no style).

Sanitised when fetched (what the file stores) and checked when rendered
(the file is committed and may be edited by hand): markup already in the
sanitiser's exact output form passes with one regular-expression match;
anything else is sanitised again, so the page is safe whatever the file holds
and a build does not pay for the sanitiser on every reply.
"""

from __future__ import annotations

import html
import re

import nh3

from .. import text

TAGS = frozenset({"p", "br", "a", "em", "strong", "i", "b"})
ATTRIBUTES = {"a": {"href"}}
LINK_REL = "nofollow ugc noopener"
URL_SCHEMES = frozenset({"http", "https"})
# Elements whose content is dropped with them, not kept as text.
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object"})

_EMPTY_LINK = re.compile(r'<a rel="nofollow ugc noopener">(.*?)</a>', re.S)

# Bounds: what is read of one reply, and what a page shows of it.
MAX_SOURCE_CHARS = 50_000
MAX_TEXT_CHARS = 3_000
MAX_HTML_CHARS = 8_000  # markup beyond this (deep nesting) is shown as text
MAX_NAME_CHARS = 80


def sanitize_html(markup: str | None) -> str:
    """The reply's HTML reduced to paragraphs, line breaks, links and
    emphasis; links get ``rel="nofollow ugc noopener"``; only http(s) links;
    bounded: a reply longer than ``MAX_TEXT_CHARS`` of text (or
    ``MAX_HTML_CHARS`` of markup) becomes its text cut at a word boundary,
    as one escaped paragraph."""
    if not markup:
        return ""
    markup = text.clean(str(markup)[:MAX_SOURCE_CHARS])
    cleaned = nh3.clean(
        markup,
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        link_rel=LINK_REL,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
    )
    # A link whose URL was dropped (javascript:, data:) keeps its text only.
    cleaned = _EMPTY_LINK.sub(r"\1", cleaned)
    visible = text.plain_text(cleaned)
    if len(visible) > MAX_TEXT_CHARS or len(cleaned) > MAX_HTML_CHARS:
        return "<p>" + html.escape(text.truncate(visible, MAX_TEXT_CHARS)) + "</p>"
    return cleaned.strip()


# The sanitiser's output, token by token: text without "<", or one of the
# allowed tags exactly as nh3 writes it (a link's href is an http(s) URL in
# double quotes, with no quote, angle bracket or space inside).
_STORED_FORM = re.compile(
    r"(?:[^<]+|</?(?:p|em|strong|i|b)>|<br>"
    r'|<a href="https?://[^"<>\s]+" rel="nofollow ugc noopener">|</a>)*'
)


def stored_html(markup: str | None) -> str:
    """Stored reply HTML made safe for the page: as it is when it is already
    in the sanitiser's output form and within bounds (the cheap, usual
    case), else sanitised again."""
    if not markup:
        return ""
    if (
        isinstance(markup, str)
        and len(markup) <= MAX_TEXT_CHARS
        and _STORED_FORM.fullmatch(markup)
    ):
        return markup
    return sanitize_html(markup)


def text_to_html(value: str | None) -> str:
    """Plain text (Bluesky posts, webmention text) as escaped paragraphs and
    line breaks, then sanitised like HTML (bounded the same way)."""
    if not value:
        return ""
    value = text.clean(str(value)[:MAX_SOURCE_CHARS]).replace("\r\n", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    markup = "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return sanitize_html(markup)


# An absolute http(s) URL with a host, no space and no control character.
_URL_FORM = re.compile(
    r"https?://[^\s/?#\x00-\x1f\x7f-\x9f]+(?:[/?#][^\s\x00-\x1f\x7f-\x9f]*)?", re.I
)


def safe_url(value) -> str:
    """``value`` when it is an absolute http(s) URL with a host and without
    spaces or controls, else ""."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if len(value) > 2000 or not _URL_FORM.fullmatch(value):
        return ""
    if not value.isascii() and text.clean(value) != value:
        return ""
    return value


def safe_name(value) -> str:
    """A display name as one short line of plain text."""
    name = text.field_text(value if isinstance(value, str) else "")
    if len(name) > MAX_NAME_CHARS:
        name = text.truncate(name, MAX_NAME_CHARS)
    return name


def initials(name: str) -> str:
    """One or two letters standing for the author instead of an avatar."""
    letters = [w[0] for w in re.findall(r"\w+", name or "") if w[0].isalnum()]
    if not letters:
        return "?"
    picked = letters[0] + (letters[-1] if len(letters) > 1 else "")
    return picked.upper()
