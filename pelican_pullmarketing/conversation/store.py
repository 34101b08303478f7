"""The conversation file (``conversation.json`` in the content folder, meant to
be committed): per article (by source path in the content folder), the copies
looked at, their counts, and every reply and reaction received.

Shape::

    {"version": 1,
     "reviewed_at": "2026-12-07T10:00:00+00:00",        # last `review`
     "articles": {
       "articles/boiler.md": {
         "url": "https://firm.example/2026/boiler/",
         "copies": {"<copy URL>": {"platform": "mastodon", "url": ...,
                    "account": "<profile URL of the firm's account>",
                    "counts": {"replies": 2, "likes": 5, "reposts": 1},
                    "status": "ok" | "unavailable" | "gone", "note": "..."}},
         "entries": [{"id": "mastodon:<uri>", "platform": "mastodon",
                      "kind": "reply" | "like" | "repost" | "bookmark" | "mention",
                      "copy": "<copy URL>", "url": ..., "author": {"name", "url"},
                      "published": ..., "html": "<p>sanitised</p>",
                      "in_reply_to": "<id of the parent entry>" | null,
                      "counts": {...}, "first_seen": ..., "removed": true?}]}}}

Merging keeps what is stored: a copy that cannot be fetched keeps its counts
and replies and is marked; a reply missing from a good fetch is marked
``removed`` (its author withdrew it), never dropped. Entries are sorted by
published time then id, keys sorted, so two fetches of the same replies give
the same bytes. Written atomically (temporary file, fsync, rename).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..errors import PullMarketingError
from ..files import dump_json, read_json, write_json_atomic

VERSION = 1
OK = "ok"
UNAVAILABLE = "unavailable"
GONE = "gone"
REPLY = "reply"
KINDS = ("reply", "mention", "like", "repost", "bookmark")
EXPECTED = (
    '{"version": 1, "articles": {...}} as written by `pullmarketing conversation fetch`'
)


def empty() -> dict:
    return {"version": VERSION, "articles": {}}


def load(path: str) -> dict:
    """The file's data (empty when it does not exist); a clear error naming
    the file when it is not ours."""
    if not path or not os.path.exists(path):
        return empty()
    data = read_json(path, what="conversation file", expected=EXPECTED)
    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise PullMarketingError(
            "invalid conversation file", file=path, expected=EXPECTED
        )
    for source, record in data["articles"].items():
        if not isinstance(record, dict) or not isinstance(
            record.get("entries", []), list
        ):
            raise PullMarketingError(
                "invalid article record",
                file=path,
                field=f"articles[{source!r}]",
                expected='{"url": ..., "copies": {...}, "entries": [...]}',
            )
    return data


def normalise(data: dict) -> dict:
    """``data`` in its written order (entries sorted), in place."""
    for record in data.get("articles", {}).values():
        record["entries"] = sorted_entries(record.get("entries", []))
    data["version"] = VERSION
    return data


def dump_state(data: dict) -> str:
    """The exact text ``save`` writes for ``data``."""
    return dump_json(normalise(data))


def save(path: str, data: dict) -> None:
    write_json_atomic(path, normalise(data), sync=True)


def sorted_entries(entries: list[dict]) -> list[dict]:
    return sorted(entries, key=lambda e: (e.get("published") or "", e.get("id", "")))


def article(data: dict, source: str, url: str) -> dict:
    record = data["articles"].setdefault(source, {})
    record.setdefault("copies", {})
    record.setdefault("entries", [])
    if url:
        record["url"] = url
    return record


@dataclass
class CopyResult:
    """What one fetch of one copy found."""

    platform: str
    url: str  # the copy's URL (the key of its record)
    account: str = ""  # profile URL of the account that published the copy
    counts: dict = field(default_factory=dict)
    entries: list[dict] = field(default_factory=list)


@dataclass
class MergeCount:
    new: int = 0
    updated: int = 0
    removed: int = 0


def merge_copy(record: dict, result: CopyResult, now: str) -> MergeCount:
    """Put a good fetch of one copy into the article's record."""
    count = MergeCount()
    record["copies"][result.url] = _copy_record(result, OK)
    stored = {e["id"]: e for e in record["entries"] if isinstance(e, dict)}
    seen: set[str] = set()
    for entry in result.entries:
        seen.add(entry["id"])
        old = stored.get(entry["id"])
        if old is None:
            entry = dict(entry, first_seen=now)
            record["entries"].append(entry)
            stored[entry["id"]] = entry
            count.new += 1
            continue
        fresh = dict(entry, first_seen=old.get("first_seen") or now)
        if fresh != old:
            old.clear()
            old.update(fresh)
            count.updated += 1
    for entry in record["entries"]:
        if (
            entry.get("copy") == result.url
            and entry["id"] not in seen
            and not entry.get("removed")
        ):
            entry["removed"] = True
            count.removed += 1
    return count


def mark_copy(record: dict, platform: str, url: str, status: str, note: str) -> None:
    """A copy that could not be fetched: everything stored stays; the copy
    says why."""
    copy = record["copies"].get(url) or {"platform": platform, "url": url}
    copy.update(status=status, note=note)
    copy.setdefault("counts", {})
    record["copies"][url] = copy


def _copy_record(result: CopyResult, status: str) -> dict:
    out = {
        "platform": result.platform,
        "url": result.url,
        "counts": {k: int(v) for k, v in sorted(result.counts.items())},
        "status": status,
    }
    if result.account:
        out["account"] = result.account
    return out
