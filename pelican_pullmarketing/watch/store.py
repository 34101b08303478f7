"""The watch file (``PULLMARKETING_WATCH_FILE``, committed beside the content):
each watched feed's conditional-GET validators and the items read from it.

An item is a pointer, not a copy: feed, title, link, date and the first few
hundred characters of its summary as plain text. Items are kept for
``PULLMARKETING_WATCH_KEEP_DAYS`` and stored once however often a feed
repeats them (by id, else link). The file is written in one step and only
changes when a feed brought something new, so fetching again without news
leaves it byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field

from ..errors import PullMarketingError
from ..files import read_json, write_json_atomic

VERSION = 1
SUMMARY_LIMIT = 300  # characters of an item's summary kept (never the article)
EXPECTED = (
    'a watch file written by `pullmarketing watch fetch`: {"version": 1, '
    '"feeds": {...}, "items": [...]}'
)


@dataclass
class WatchItem:
    id: str  # the feed's id of the item, else its link
    feed: str  # URL of the watched feed
    title: str
    link: str
    published: str  # ISO 8601 in UTC; the first fetch's time when the feed gives none
    summary: str = ""

    @property
    def date(self) -> dt.datetime:
        return parse_time(self.published)

    def key(self) -> tuple[str, str]:
        return (self.id, self.link)


@dataclass
class FeedState:
    title: str = ""  # the feed's own title
    etag: str = ""
    last_modified: str = ""
    moved_to: str = ""  # where a permanent redirect points


@dataclass
class WatchStore:
    feeds: dict[str, FeedState] = field(default_factory=dict)
    items: list[WatchItem] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "version": VERSION,
            "feeds": {
                url: {k: v for k, v in asdict(state).items() if v}
                for url, state in sorted(self.feeds.items())
            },
            "items": [
                {k: getattr(item, k) for k in _FIELDS}
                for item in sort_items(self.items)
            ],
        }


def parse_time(value: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc)


def format_time(when: dt.datetime) -> str:
    return (
        when.astimezone(dt.timezone.utc)
        .replace(microsecond=0)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
    )


def sort_items(items: list[WatchItem]) -> list[WatchItem]:
    """Newest first; ties in a stable order."""
    ordered = sorted(items, key=lambda i: (i.feed, i.id))
    return sorted(ordered, key=lambda i: i.published, reverse=True)


_FIELDS = ("id", "feed", "title", "link", "published", "summary")


def _item(raw, path: str, index: int) -> WatchItem:
    """One stored item, checked (every field text, the date ISO 8601)."""
    try:
        values = [raw[k] for k in _FIELDS[:5]] + [raw.get("summary", "")]
        if not all(type(v) is str for v in values):
            raise TypeError
        parse_time(values[4])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise PullMarketingError(
            "invalid item",
            file=path,
            field=f"items[{index}]",
            value=raw,
            expected="id, feed, title, link, summary as text and published as "
            "an ISO 8601 date",
        ) from None
    return WatchItem(*values)


def load_store(path: str) -> WatchStore:
    """The stored feeds and items; an empty store when the file does not exist
    yet. A file that is not a watch file raises ``PullMarketingError``."""
    try:
        data = read_json(path, what="the watch file", expected=EXPECTED)
    except FileNotFoundError:
        return WatchStore()
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise PullMarketingError(
            "not a watch file", file=path, value=str(data)[:60], expected=EXPECTED
        )
    feeds_raw = data.get("feeds") or {}
    items_raw = data.get("items") or []
    if not isinstance(feeds_raw, dict) or not isinstance(items_raw, list):
        raise PullMarketingError("not a watch file", file=path, expected=EXPECTED)
    feeds = {}
    for url, state in feeds_raw.items():
        if not isinstance(state, dict) or not all(
            isinstance(v, str) for v in state.values()
        ):
            raise PullMarketingError(
                "invalid feed state",
                file=path,
                field=f"feeds[{url!r}]",
                value=state,
                expected=EXPECTED,
            )
        known = {k: v for k, v in state.items() if k in FeedState.__dataclass_fields__}
        feeds[url] = FeedState(**known)
    items = [_item(raw, path, i) for i, raw in enumerate(items_raw)]
    return WatchStore(feeds, items)


def save_store(path: str, store: WatchStore) -> None:
    write_json_atomic(path, store.to_json())


def add_items(store: WatchStore, new: list[WatchItem]) -> list[WatchItem]:
    """Add the items not stored yet (by id, else link; the first copy wins, so
    an article that two feeds carry is stored once). Returns those added."""
    ids = {item.id for item in store.items}
    links = {item.link for item in store.items if item.link}
    added = []
    for item in new:
        if item.id in ids or (item.link and item.link in links):
            continue
        ids.add(item.id)
        if item.link:
            links.add(item.link)
        store.items.append(item)
        added.append(item)
    return added


def prune(store: WatchStore, *, keep_days: int, now: dt.datetime) -> int:
    """Drop items older than ``keep_days``; returns how many."""
    cutoff = now - dt.timedelta(days=keep_days)
    kept = [item for item in store.items if item.date >= cutoff]
    dropped = len(store.items) - len(kept)
    store.items = kept
    return dropped


def watch_file(settings: dict) -> str:
    path = settings.get("PULLMARKETING_WATCH_FILE") or "watch.json"
    if not os.path.isabs(path):
        path = os.path.join(settings.get("PATH") or os.curdir, path)
    return path
