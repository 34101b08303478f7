"""Short social posts: each platform's way of counting, a template filled and
shortened to fit, and Bluesky's byte-offset facets.

Counting rules (what the platforms' own validators do):
- Mastodon: grapheme clusters, every URL counts 23.
- Bluesky: grapheme clusters (and at most 3,000 UTF-8 bytes), URLs in full.
- X: twitter-text weights: most Latin/Greek/Cyrillic code points 1, others
  (CJK, emoji) 2, an emoji sequence 2 in all, every URL 23; text NFC-normalised.
- LinkedIn: characters of the commentary as sent (escaped "little" text).
Grapheme clusters come from the ``regex`` module's ``\\X`` (Unicode extended
grapheme clusters), so an emoji with skin tone or an accented letter written
as two code points is one character, as users see it.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable

import regex

from .. import text as text_rules

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+")
_TRAILING = ".,;:!?)]}'\""
_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_EMOJI = regex.compile(r"\p{Extended_Pictographic}|[\U0001F1E6-\U0001F1FF]")
_LINKEDIN_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
ELLIPSIS = text_rules.ELLIPSIS


def url_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of URLs in ``text`` (trailing punctuation left out)."""
    spans = []
    for m in URL_IN_TEXT.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _TRAILING:
            end -= 1
        spans.append((m.start(), end))
    return spans


# Grapheme clusters and cutting at a word boundary are the package's text
# rules (text.py): the same for meta descriptions and short posts.
graphemes = text_rules.graphemes
grapheme_count = text_rules.grapheme_count


def _with_urls_as(text: str, measure: Callable[[str], int], url_weight: int) -> int:
    total, pos = 0, 0
    for start, end in url_spans(text):
        total += measure(text[pos:start]) + url_weight
        pos = end
    return total + measure(text[pos:])


def mastodon_length(text: str) -> int:
    return _with_urls_as(text, grapheme_count, 23)


def _x_weight(segment: str) -> int:
    units = 0
    for cluster in graphemes(segment):
        if _EMOJI.search(cluster):
            units += 200
            continue
        for ch in cluster:
            cp = ord(ch)
            units += 100 if any(lo <= cp <= hi for lo, hi in _X_LIGHT) else 200
    return units


def x_length(text: str) -> int:
    text = unicodedata.normalize("NFC", text)
    units = _with_urls_as(text, _x_weight, 2300)
    return -(-units // 100)


def bluesky_length(text: str) -> int:
    return grapheme_count(text)


def linkedin_length(text: str) -> int:
    return len(text)


def escape_linkedin(text: str) -> str:
    """Backslash-escape the reserved characters of LinkedIn's "little" text
    format; unescaped, LinkedIn silently cuts the post at the first one."""
    return _LINKEDIN_RESERVED.sub(r"\\\1", text)


def hashtag(tag: str) -> str:
    """``heat pumps`` -> ``#HeatPumps`` (CamelCase reads well to screen readers)."""
    parts = [p for p in re.split(r"[^\w]+|_", tag) if p]
    if not parts:
        return ""
    word = (
        parts[0] if len(parts) == 1 else "".join(p[:1].upper() + p[1:] for p in parts)
    )
    if word.isdigit():
        return ""
    return "#" + word


def hashtags(tags: list[str], limit: int = 5) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        h = hashtag(tag)
        if h and h.lower() not in seen:
            seen.add(h.lower())
            out.append(h)
    return out[:limit]


def shorten(text: str, max_graphemes: int) -> str:
    """Cut ``text`` to at most ``max_graphemes`` grapheme clusters at a word
    boundary, ending with an ellipsis; never splits a cluster."""
    return text_rules.truncate(text, max_graphemes)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def render(
    template: str,
    *,
    title: str,
    summary: str,
    url: str,
    tags: list[str],
    escape: Callable[[str], str] = lambda s: s,
) -> str:
    """Fill ``template``; ``escape`` applies to literal text, title and summary
    (never to the URL or the hashtags)."""
    out = []
    fields = {
        "title": escape(title),
        "summary": escape(summary),
        "url": url,
        "tags": " ".join(tags),
    }
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(escape(literal))
        if name is not None:
            out.append(fields[name])
    return _tidy("".join(out))


def compose(
    template: str,
    *,
    title: str,
    summary: str,
    url: str,
    tags: list[str],
    limit: int,
    measure: Callable[[str], int],
    escape: Callable[[str], str] = lambda s: s,
) -> tuple[str, list[str]]:
    """The post from ``template`` within ``limit`` as ``measure`` counts.

    Shortens in this order until it fits: the summary (word boundary, ellipsis,
    dropped when nothing useful is left), the hashtags (last first), the title.
    The URL is never touched. Returns (text, notes on what was shortened)."""
    notes: list[str] = []

    def make() -> str:
        return render(
            template, title=title, summary=summary, url=url, tags=tags, escape=escape
        )

    text = make()
    while measure(text) > limit and summary:
        over = measure(text) - limit
        budget = grapheme_count(summary) - max(1, -(-over // 2))
        summary = shorten(summary, budget) if budget >= 12 else ""
        notes.append("summary shortened" if summary else "summary left out")
        text = make()
    while measure(text) > limit and tags:
        tags = tags[:-1]
        notes.append("hashtag left out")
        text = make()
    while measure(text) > limit and title:
        over = measure(text) - limit
        budget = grapheme_count(title) - max(1, -(-over // 2))
        title = shorten(title, budget) if budget >= 1 else ""
        notes.append("title shortened")
        text = make()
    return text, sorted(set(notes))


def utf8_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Character offsets -> UTF-8 byte offsets (what Bluesky facets use)."""
    byte_start = len(text[:start].encode("utf-8"))
    return byte_start, byte_start + len(text[start:end].encode("utf-8"))


def bluesky_facets(text: str, tags: list[str]) -> list[dict]:
    """Link facets for every URL and tag facets for our hashtags."""
    facets = []
    for start, end in url_spans(text):
        b0, b1 = utf8_span(text, start, end)
        facets.append(
            {
                "index": {"byteStart": b0, "byteEnd": b1},
                "features": [
                    {"$type": "app.bsky.richtext.facet#link", "uri": text[start:end]}
                ],
            }
        )
    for tag in tags:
        for m in re.finditer(re.escape(tag) + r"(?![\w])", text):
            if m.start() > 0 and not text[m.start() - 1].isspace():
                continue
            b0, b1 = utf8_span(text, m.start(), m.end())
            facets.append(
                {
                    "index": {"byteStart": b0, "byteEnd": b1},
                    "features": [
                        {"$type": "app.bsky.richtext.facet#tag", "tag": tag[1:]}
                    ],
                }
            )
    return sorted(facets, key=lambda f: f["index"]["byteStart"])
