"""The watched feeds, as ``PULLMARKETING_WATCH`` lists them: each entry a URL
or a dict (``url``, ``title``, ``topics``, ``show``), checked in one function
so every problem is named at once, before anything is fetched or built."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import ProblemList, describe

SETTING = "PULLMARKETING_WATCH"
KEYS = ("url", "title", "topics", "show")
EXAMPLE = '{"url": "https://trade.example/feed", "title": "Trade News", "topics": ["boilers"], "show": True}'


@dataclass(frozen=True)
class WatchedFeed:
    url: str
    title: str  # as the settings give it; empty: the feed's own title
    topics: tuple[str, ...] = ()
    show: bool = False  # its items may appear on its topics' hubs

    def name(self, stored_title: str = "") -> str:
        """What the owner calls it: the title set, the feed's own, or its host."""
        return self.title or stored_title or urlsplit(self.url).netloc or self.url


def _is_http_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _entry(raw, where: str, problems: list[str]) -> WatchedFeed | None:
    if isinstance(raw, str):
        raw = {"url": raw}
    if not isinstance(raw, dict):
        problems.append(
            describe(
                "invalid feed",
                field=where,
                value=raw,
                expected=f"a feed URL or a dict such as {EXAMPLE}",
            )
        )
        return None
    found = len(problems)
    for key in sorted(k for k in raw if k not in KEYS):
        close = difflib.get_close_matches(str(key), KEYS, n=1)
        problems.append(
            describe(
                "unknown key",
                field=where,
                value=key,
                expected="one of "
                + ", ".join(KEYS)
                + (f" (did you mean {close[0]!r}?)" if close else ""),
            )
        )
    url = raw.get("url")
    if not _is_http_url(url):
        problems.append(
            describe(
                "invalid url",
                field=f"{where}['url']",
                value=url,
                expected="the feed's absolute URL, starting with http:// or https://",
            )
        )
    title = raw.get("title", "")
    if title is None:
        title = ""
    if not isinstance(title, str):
        problems.append(
            describe(
                "invalid title",
                field=f"{where}['title']",
                value=title,
                expected="a string",
            )
        )
    topics = raw.get("topics", ())
    if isinstance(topics, str):
        topics = (topics,)
    if not isinstance(topics, (list, tuple)) or not all(
        isinstance(t, str) and t.strip() for t in topics
    ):
        problems.append(
            describe(
                "invalid topics",
                field=f"{where}['topics']",
                value=topics,
                expected="a list of topic slugs, e.g. ['heat-pumps']",
            )
        )
    show = raw.get("show", False)
    if not isinstance(show, bool):
        problems.append(
            describe(
                "invalid show",
                field=f"{where}['show']",
                value=show,
                expected="True or False",
            )
        )
    if len(problems) > found:
        return None
    return WatchedFeed(
        url.strip(), " ".join(title.split()), tuple(t.strip() for t in topics), show
    )


def parse_feeds(raw, *, known_topics: set[str] | None = None) -> list[WatchedFeed]:
    """The watched feeds of ``PULLMARKETING_WATCH``. Raises ``ProblemList``
    naming every bad entry; with ``known_topics``, a topic slug that is not
    one of them is a problem too."""
    if raw is None:
        return []
    if isinstance(raw, (str, dict)):
        raw = [raw]
    if not isinstance(raw, (list, tuple)):
        raise ProblemList(
            "invalid pull-marketing settings:",
            [
                describe(
                    "invalid value",
                    field=SETTING,
                    value=raw,
                    expected="a list of feeds",
                )
            ],
        )
    problems: list[str] = []
    feeds: list[WatchedFeed] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw):
        where = f"{SETTING}[{index}]"
        url = entry.get("url") if isinstance(entry, dict) else entry
        if isinstance(url, str) and url.strip() in seen:
            problems.append(
                describe(
                    "feed listed twice",
                    field=where,
                    value=url.strip(),
                    expected=f"each feed once (also {SETTING}[{seen[url.strip()]}])",
                )
            )
            continue
        if isinstance(url, str):
            seen[url.strip()] = index
        feed = _entry(entry, where, problems)
        if feed is None:
            continue
        if known_topics is not None:
            for slug in feed.topics:
                if slug not in known_topics:
                    close = difflib.get_close_matches(slug, sorted(known_topics), n=1)
                    problems.append(
                        describe(
                            "unknown topic",
                            field=f"{where}['topics']",
                            value=slug,
                            expected="a slug of PULLMARKETING_TOPICS: "
                            + ", ".join(sorted(known_topics))
                            + (f" (did you mean {close[0]!r}?)" if close else ""),
                        )
                    )
        feeds.append(feed)
    if problems:
        raise ProblemList("invalid pull-marketing settings:", problems)
    return feeds


def configured_feeds(settings: dict) -> list[WatchedFeed]:
    """The site's watched feeds; topic slugs are checked against
    ``PULLMARKETING_TOPICS`` when the site lists its topics (categories, the
    other kind, are only known once the content is read)."""
    topics = settings.get("PULLMARKETING_TOPICS")
    known = set(topics) if isinstance(topics, dict) else None
    return parse_feeds(settings.get(SETTING), known_topics=known)
