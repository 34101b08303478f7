"""Hubs as lenses: the recent items of a topic's feeds (those whose entry in
``PULLMARKETING_WATCH`` says ``show``) under "Worth reading elsewhere", from
the committed watch file only. Newest first by the items' own dates, never by
the time of the build, so two builds of the same files are identical."""

from __future__ import annotations

from dataclasses import dataclass

from .config import WatchedFeed
from .store import WatchStore, sort_items

CONTEXT_KEY = (
    "pm_watch_items"  # topic slug -> [ElsewhereItem], in the templates' context
)


@dataclass(frozen=True)
class ElsewhereItem:
    """One link out, as a hub shows it (plain text: templates escape it)."""

    title: str
    link: str
    source: str  # the feed's name
    date: str  # ISO date, YYYY-MM-DD
    published: str  # ISO 8601 time, for <time datetime>


def items_by_topic(
    store: WatchStore, feeds: list[WatchedFeed], limit: int
) -> dict[str, list[ElsewhereItem]]:
    """Up to ``limit`` newest items with a link for each topic that shown
    feeds belong to."""
    shown = {f.url: f for f in feeds if f.show and f.topics}
    found: dict[str, list[ElsewhereItem]] = {}
    if not shown or limit <= 0:
        return found
    linked = [i for i in store.items if i.feed in shown and _is_web_link(i.link)]
    for item in sort_items(linked):
        feed = shown[item.feed]
        state = store.feeds.get(feed.url)
        entry = ElsewhereItem(
            item.title,
            item.link,
            feed.name(state.title if state else ""),
            item.published[:10],
            item.published,
        )
        for slug in feed.topics:
            bucket = found.setdefault(slug, [])
            if len(bucket) < limit:
                bucket.append(entry)
    return found


def _is_web_link(link: str) -> bool:
    """Only http(s) links go out from a hub (the file may be edited by hand)."""
    return link.startswith(("http://", "https://"))
