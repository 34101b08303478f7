"""Document metadata the plugin reads, in one place: field name, parser, default
and meaning. ``value(doc, name)`` gives the parsed value; ``problems(doc)``
names every malformed field (file, field, given, expected) so the build can stop
with one clear list instead of a traceback half-way through writing. An empty
field is not malformed: it means "not set" (``is_empty``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .build import notes_of
from .errors import describe

_TRUE = {"on", "yes", "true", "1"}
_FALSE = {"off", "no", "false", "0", "none"}


def parse_flag(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("on or off (also yes/no, true/false)")


def parse_list(raw: Any) -> list[str]:
    """``a, b`` -> ``["a", "b"]``; empty items dropped; order kept."""
    if isinstance(raw, (list, tuple)):
        items = [str(i) for i in raw]
    else:
        items = str(raw).split(",")
    return [i.strip() for i in items if i.strip()]


def parse_text(raw: Any) -> str:
    text = str(raw).strip()
    if not text:
        raise ValueError("a non-empty text")
    return text


def parse_absolute_url(raw: Any) -> str:
    text = str(raw).strip()
    if not text.startswith(("http://", "https://")):
        raise ValueError("an absolute URL starting with http:// or https://")
    try:
        urlsplit(text)
    except ValueError as exc:  # "http://[x": an unclosed IPv6 bracket
        raise ValueError(f"an absolute URL that can be read ({exc})") from None
    return text


def parse_url_list(raw: Any) -> list[str]:
    urls = parse_list(raw)
    for url in urls:
        parse_absolute_url(url)
    return urls


_ROBOTS = {
    "index",
    "noindex",
    "follow",
    "nofollow",
    "noarchive",
    "nosnippet",
    "noimageindex",
    "none",
    "all",
}


def parse_robots(raw: Any) -> str:
    words = parse_list(raw)
    if not words or any(w.lower() not in _ROBOTS for w in words):
        raise ValueError("comma-separated robots directives, e.g. noindex, nofollow")
    return ", ".join(w.lower() for w in words)


@dataclass(frozen=True)
class Field:
    parse: Callable[[Any], Any]
    default: Any
    doc: str
    feature: str
    # "content": the value is a path inside the content folder that must exist.
    content_path: bool = False


FIELDS: dict[str, Field] = {
    # keywords
    "keyword_links": Field(
        parse_flag, True, "`off` disables keyword links in this document.", "keywords"
    ),
    "focus_keywords": Field(
        parse_list,
        [],
        "The document's own key phrases (comma-separated), checked by `pullmarketing audit`.",
        "keywords",
    ),
    # topics
    "topics": Field(
        parse_list,
        [],
        "Topics this document belongs to besides those its category and tags give (comma-separated slugs).",
        "topics",
    ),
    "feed_id": Field(
        parse_text,
        None,
        "Feed entry id that overrides the generated `tag:` URI (keep it when migrating).",
        "topics",
    ),
    # seo
    "description": Field(
        parse_text,
        None,
        "Meta description (else the summary, cut near 155 characters).",
        "seo",
    ),
    "canonical": Field(
        parse_absolute_url,
        None,
        "Canonical URL when the post first appeared elsewhere.",
        "seo",
    ),
    "robots": Field(parse_robots, None, "Robots directives, e.g. `noindex`.", "seo"),
    "image": Field(
        parse_text,
        None,
        "Share image (path in the site or URL) for Open Graph, Twitter and JSON-LD.",
        "seo",
    ),
    "image_alt": Field(
        parse_text,
        None,
        "Text alternative of the share image (else the document's title).",
        "seo",
    ),
    # gates
    "gated_file": Field(
        parse_text,
        None,
        "File in the content folder offered behind the form; the document becomes its landing page.",
        "gates",
        content_path=True,
    ),
    "gate_cover": Field(parse_text, None, "Cover image of the gated paper.", "gates"),
    "gate_button": Field(parse_text, None, "Text of the form's button.", "gates"),
    "gate_summary": Field(
        parse_text,
        None,
        "One-paragraph description of the paper shown beside the form.",
        "gates",
    ),
    # crosspost
    "crosspost": Field(
        parse_list,
        None,
        "Targets to copy this document to: names, `all` or `none`.",
        "crosspost",
    ),
    "syndication": Field(
        parse_url_list,
        [],
        "URLs of copies published elsewhere, shown as 'Also published on'.",
        "crosspost",
    ),
}


def _source(doc) -> str:
    return getattr(doc, "source_path", None) or getattr(
        doc, "relative_source_path", "?"
    )


def is_empty(raw: Any) -> bool:
    """An empty field (``Image:`` with nothing after it) means "not set", as
    plain Pelican and themes read it: names such as ``image``, ``description``
    or ``canonical`` are shared with themes and other plugins."""
    if raw is None:
        return True
    if isinstance(raw, (list, tuple)):
        return not any(str(item).strip() for item in raw)
    return isinstance(raw, str) and not raw.strip()


def empty_fields(doc) -> list[str]:
    """Names of our fields present but empty on ``doc`` (read as not set)."""
    meta = getattr(doc, "metadata", {}) or {}
    return [name for name in FIELDS if name in meta and is_empty(meta[name])]


def parse_document(
    doc, settings: dict | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Parse every known field of ``doc.metadata``; return (values, problems)."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    meta = getattr(doc, "metadata", {}) or {}
    settings = settings if settings is not None else getattr(doc, "settings", {}) or {}
    for name, spec in FIELDS.items():
        if name not in meta or is_empty(meta[name]):
            continue
        raw = meta[name]
        try:
            parsed = spec.parse(raw)
        except ValueError as exc:
            problems.append(
                describe(
                    "invalid metadata",
                    file=_source(doc),
                    field=name,
                    value=raw,
                    expected=str(exc),
                )
            )
            continue
        if spec.content_path:
            full = os.path.join(settings.get("PATH") or os.curdir, parsed)
            if not os.path.isfile(full):
                problems.append(
                    describe(
                        "file not found",
                        file=_source(doc),
                        field=name,
                        value=parsed,
                        expected="a file in the content folder (path relative to PATH)",
                    )
                )
                continue
        values[name] = parsed
    return values, problems


def parsed(doc) -> tuple[dict[str, Any], tuple[str, ...]]:
    """``parse_document(doc)`` made once per document: features read values
    while the build runs and the metadata check reads the problems after."""
    notes = notes_of(doc)
    if notes.values is None:
        _parse_into(notes, doc)
    return notes.values, notes.problems


def _parse_into(notes, doc) -> dict[str, Any]:
    values, problems = parse_document(doc)
    notes.values = values
    notes.problems = tuple(problems)
    return values


def value(doc, name: str) -> Any:
    """The parsed value of metadata ``name`` on ``doc`` (its default when absent
    or malformed; malformed values are reported by the build's metadata check)."""
    notes = notes_of(doc)
    cache = notes.values
    if cache is None:
        cache = _parse_into(notes, doc)
    if name in cache:
        return cache[name]
    default = FIELDS[name].default
    return list(default) if isinstance(default, list) else default


def is_listed(doc) -> bool:
    """True for documents that may appear in lists, feeds and links:
    published articles and pages (not drafts, not hidden)."""
    return getattr(doc, "status", "published") == "published"
