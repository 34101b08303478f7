"""Fetching the watched feeds: one polite conditional GET per feed with
httpx, parsed by feedparser (Atom, RSS 0.9x/1.0/2.0) or as JSON Feed.

Politeness and safety, per feed: the ETag and Last-Modified the feed sent
last time go back with the request, so an unchanged feed costs a 304 and no
body; a User-Agent naming the site; redirects followed (a permanent one is
reported, so the settings can be updated); a time-out for the whole
request, body included; a bounded body. A feed that fails in any way (HTTP
error, time-out, HTML page, invalid XML, too large) is reported by name and
leaves the stored items as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import xml.sax
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from .. import __version__, text
from .config import WatchedFeed
from .store import SUMMARY_LIMIT, FeedState, WatchItem, format_time

TIMEOUT = 20.0  # seconds for one feed, body included
MAX_BYTES = 5_000_000  # a feed larger than this is refused (5 MB)
MAX_REDIRECTS = 5
ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml, "
    "application/feed+json, application/json;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.1"
)


class FeedProblem(Exception):
    """Why a feed brought nothing this time (said with the feed's name)."""


@dataclass
class FetchResult:
    feed: WatchedFeed
    status: str  # "new", "not modified", "failed"
    items: list[WatchItem] = field(default_factory=list)
    state: FeedState | None = None  # the validators to store (None: keep)
    problem: str = ""
    moved_to: str = ""


def user_agent(settings: dict) -> str:
    """``pelican-pullmarketing/0.1.0 (watch; +https://firm.example/)``: who
    asks and where to find them (SITEURL, else SITENAME)."""
    site = (settings.get("SITEURL") or "").strip() or text.plain_text(
        settings.get("SITENAME") or ""
    )
    site = site.encode("ascii", "ignore").decode().strip()
    contact = f"; +{site}" if site.startswith("http") else (f"; {site}" if site else "")
    return f"pelican-pullmarketing/{__version__} (industry watch{contact})"


def make_client(
    settings: dict, *, timeout: float = TIMEOUT, transport=None
) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": user_agent(settings), "Accept": ACCEPT},
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        transport=transport,
    )


def _conditional_headers(state: FeedState | None) -> dict[str, str]:
    headers = {}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _read_body(response: httpx.Response, deadline: float, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FeedProblem(f"too large ({int(declared):,} bytes; at most {max_bytes:,})")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FeedProblem(f"too large (more than {max_bytes:,} bytes)")
        if time.monotonic() > deadline:
            raise FeedProblem("timed out while reading")
        chunks.append(chunk)
    return b"".join(chunks)


def _permanent_move(response: httpx.Response) -> str:
    for step in response.history:
        if step.status_code in (301, 308):
            return str(response.url)
    return ""


def fetch_feed(
    client: httpx.Client,
    feed: WatchedFeed,
    state: FeedState | None,
    *,
    now: dt.datetime,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> FetchResult:
    """One feed: conditional GET, then its items. Never raises for anything
    the feed's server does: the result says what went wrong."""
    deadline = time.monotonic() + timeout
    try:
        with client.stream(
            "GET", feed.url, headers=_conditional_headers(state)
        ) as response:
            if response.status_code == 304:
                return FetchResult(feed, "not modified")
            if response.status_code >= 400:
                raise FeedProblem(
                    f"HTTP {response.status_code} {response.reason_phrase}".strip()
                )
            body = _read_body(response, deadline, max_bytes)
            final_url = str(response.url)
            headers = response.headers
            moved = _permanent_move(response)
    except httpx.TimeoutException:
        return FetchResult(feed, "failed", problem=f"timed out after {timeout:g} s")
    except httpx.TooManyRedirects:
        return FetchResult(
            feed, "failed", problem=f"more than {MAX_REDIRECTS} redirects"
        )
    except httpx.HTTPError as exc:
        return FetchResult(
            feed, "failed", problem=f"cannot connect: {exc.__class__.__name__}: {exc}"
        )
    except FeedProblem as exc:
        return FetchResult(feed, "failed", problem=str(exc))
    try:
        title, items = parse_feed(
            body, headers.get("Content-Type", ""), feed, final_url, now
        )
    except FeedProblem as exc:
        return FetchResult(feed, "failed", problem=str(exc))
    new_state = FeedState(
        title=title,
        etag=headers.get("ETag", ""),
        last_modified=headers.get("Last-Modified", ""),
        moved_to=moved,
    )
    return FetchResult(feed, "new", items, new_state, moved_to=moved)


# --- parsing -----------------------------------------------------------------------


def _is_json(body: bytes, content_type: str) -> bool:
    return "json" in content_type.lower() or body.lstrip()[:1] == b"{"


def parse_feed(
    body: bytes, content_type: str, feed: WatchedFeed, base_url: str, now: dt.datetime
) -> tuple[str, list[WatchItem]]:
    """(the feed's title, its items). Raises ``FeedProblem`` for anything that
    is not a feed."""
    if _is_json(body, content_type):
        return _parse_json_feed(body, feed, now)
    import feedparser

    parsed = feedparser.parse(
        body,
        response_headers={"content-type": content_type, "content-location": base_url},
    )
    if not parsed.get("version"):
        kind = content_type.split(";")[0].strip() or "no Content-Type"
        raise FeedProblem(f"not a feed ({kind}): an HTML page or another document")
    error = parsed.get("bozo_exception")
    if isinstance(error, xml.sax.SAXException):
        raise FeedProblem(f"invalid XML: {error}")
    title = text.plain_text(parsed.feed.get("title", ""))
    items = []
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        stamp = dt.datetime(*when[:6], tzinfo=dt.timezone.utc) if when else now
        summary = entry.get("summary", "")
        if not summary and entry.get("content"):
            summary = entry.content[0].get("value", "")
        item = _item(
            feed,
            entry.get("id", ""),
            entry.get("title", ""),
            entry.get("link", ""),
            stamp,
            summary,
        )
        if item is not None:
            items.append(item)
    return title, items


def _json_date(value, now: dt.datetime) -> dt.datetime:
    if isinstance(value, str) and value:
        try:
            when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return now
        return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return now


def _parse_json_feed(body: bytes, feed: WatchedFeed, now: dt.datetime):
    """JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedProblem(f"invalid JSON: {exc}") from None
    version = data.get("version", "") if isinstance(data, dict) else ""
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        raise FeedProblem("not a feed (JSON without a jsonfeed.org version)")
    items = []
    for entry in data.get("items") or ():
        if not isinstance(entry, dict):
            continue
        summary = (
            entry.get("summary")
            or entry.get("content_html")
            or entry.get("content_text")
            or ""
        )
        item = _item(
            feed,
            str(entry.get("id") or ""),
            entry.get("title") or "",
            entry.get("url") or entry.get("external_url") or "",
            _json_date(entry.get("date_published") or entry.get("date_modified"), now),
            summary if isinstance(summary, str) else "",
        )
        if item is not None:
            items.append(item)
    return text.plain_text(str(data.get("title") or "")), items


def _item(
    feed: WatchedFeed, item_id, title, link, when: dt.datetime, summary
) -> WatchItem | None:
    """An item as stored: plain text only, the summary cut short; None for an
    entry with neither title nor link."""
    title = text.plain_text(str(title or ""))
    link = str(link or "").strip()
    if not link.startswith(("http://", "https://")):
        link = ""
    summary = text.truncate(text.plain_text(str(summary or "")), SUMMARY_LIMIT)
    if not title and not link:
        return None
    if not title:
        title = link
    item_id = str(item_id or "").strip() or link or _hash_id(feed.url, title)
    return WatchItem(item_id, feed.url, title, link, format_time(when), summary)


def _hash_id(url: str, title: str) -> str:
    return "sha256:" + hashlib.sha256(f"{url}\x1f{title}".encode()).hexdigest()[:16]


def fetch_all(
    feeds: list[WatchedFeed],
    states: dict[str, FeedState],
    client: httpx.Client,
    *,
    now: dt.datetime,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[WatchedFeed], None] | None = None,
) -> list[FetchResult]:
    results = []
    for feed in feeds:
        results.append(
            fetch_feed(
                client,
                feed,
                states.get(feed.url),
                now=now,
                timeout=timeout,
                max_bytes=max_bytes,
            )
        )
        if progress is not None:
            progress(feed)
    return results


@dataclass
class FetchSummary:
    added: int = 0
    dropped: int = 0  # older than PULLMARKETING_WATCH_KEEP_DAYS
    changed: bool = False  # the file must be written


def apply_results(
    store, results: list[FetchResult], *, keep_days: int, now: dt.datetime
) -> FetchSummary:
    """Put what the feeds brought into ``store``: new items (deduplicated),
    the validators of feeds that answered 200, and nothing at all for feeds
    that failed or answered 304."""
    from .store import add_items, prune

    summary = FetchSummary()
    before = store.to_json()
    for result in results:
        if result.status != "new":
            continue
        fresh = [
            i for i in result.items if i.date >= now - dt.timedelta(days=keep_days)
        ]
        summary.added += len(add_items(store, fresh))
        store.feeds[result.feed.url] = result.state
    summary.dropped = prune(store, keep_days=keep_days, now=now)
    summary.changed = store.to_json() != before
    return summary
