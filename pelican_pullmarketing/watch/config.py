"""The watched feeds, as ``PULLMARKETING_WATCH`` lists them. The schema
(``settings.WATCH_FEEDS``) checks every entry to the leaf at start-up and
normalises a URL given alone to a dict; this module turns the checked
entries into ``WatchedFeed`` records."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import settings as schema

SETTING = "PULLMARKETING_WATCH"
EXAMPLE = schema.WATCH_FEED_EXAMPLE


@dataclass(frozen=True)
class WatchedFeed:
    url: str
    title: str  # as the settings give it; empty: the feed's own title
    topics: tuple[str, ...] = ()
    show: bool = False  # its items may appear on its topics' hubs

    def name(self, stored_title: str = "") -> str:
        """What the owner calls it: the title set, the feed's own, or its host."""
        return self.title or stored_title or urlsplit(self.url).netloc or self.url


def configured_feeds(settings: dict) -> list[WatchedFeed]:
    """The site's watched feeds. The entries are checked by the schema
    (again: a no-op on settings already validated); a bad one raises
    ``InvalidSettings`` naming every problem."""
    entries = schema.check_setting(SETTING, settings.get(SETTING) or [])
    return [
        WatchedFeed(
            entry["url"],
            entry.get("title") or "",
            tuple(entry.get("topics", ())),
            entry.get("show", False),
        )
        for entry in entries
    ]
