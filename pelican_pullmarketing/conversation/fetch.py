"""`pullmarketing conversation fetch`: for every published article, look at
each of its copies (the cross-posting state file's, the ``syndication``
metadata's) and at its webmentions, and merge what they received into the
conversation file.

A platform that fails (down, 429 beyond what a run waits, hanging) does not
stop the others; what was stored for it stays, marked ``unavailable``; the
run reports it and ends non-zero. The file is written once, atomically, at
the end (and not at all when nothing changed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from .. import metadata, urls
from ..crosspost import state as crosspost_state
from ..crosspost.clients.base import USER_AGENT, Http, RemoteError
from ..crosspost.markdown_source import relative_source
from ..crosspost.targets import Target
from . import store
from .sources import FETCHERS, Copy, Gone

FETCHED_TARGETS = ("mastodon", "bluesky", "devto")
_MASTODON_PATH = re.compile(r"^/@[^/]+/\d+/?$")


@dataclass(frozen=True)
class ArticleRef:
    source: str  # path in the content folder: the key in both state files
    url: str  # absolute URL of the article ("" without SITEURL)
    title: str
    copies: tuple[Copy, ...]


@dataclass
class CopyOutcome:
    source: str
    platform: str
    url: str
    status: str  # ok, gone, unavailable, would fetch
    message: str = ""
    new: int = 0

    @property
    def failed(self) -> bool:
        return self.status == store.UNAVAILABLE


@dataclass
class FetchReport:
    outcomes: list[CopyOutcome] = field(default_factory=list)
    changed: bool = False

    @property
    def failed_platforms(self) -> list[str]:
        return sorted({o.platform for o in self.outcomes if o.failed})


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def platform_of_url(url: str) -> str | None:
    """The fetched platform a ``syndication`` URL belongs to, if any."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[x": no platform's address
        return None
    host = (parts.hostname or "").lower()
    if host == "bsky.app":
        return "bluesky"
    if host == "dev.to":
        return "devto"
    if _MASTODON_PATH.match(parts.path):
        return "mastodon"
    return None


def copies_of(
    source: str,
    syndication: Iterable[str],
    published: dict,
    targets: Mapping[str, Target],
) -> list[Copy]:
    """Copies of one article: the state file's first (they carry the remote
    id), then the metadata's; each URL once."""
    out: list[Copy] = []
    seen: set[str] = set()
    for record in published.get("entries", {}).values():
        if not isinstance(record, dict) or record.get("source") != source:
            continue
        target = record.get("target")
        if (
            target not in FETCHED_TARGETS
            or record.get("status") != crosspost_state.PUBLISHED
            or not record.get("url")
        ):
            continue
        configured = targets.get(target)
        out.append(
            Copy(
                target,
                record["url"],
                str(record.get("remote_id") or ""),
                (configured.api_base if configured else "") or "",
            )
        )
        seen.add(record["url"])
    for url in syndication:
        platform = platform_of_url(url)
        if platform and url not in seen:
            seen.add(url)
            configured = targets.get(platform)
            out.append(
                Copy(
                    platform, url, "", (configured.api_base if configured else "") or ""
                )
            )
    out.sort(key=lambda c: (FETCHED_TARGETS.index(c.platform), c.url))
    return out


def webmentions_enabled(settings: Mapping, env: Mapping[str, str]) -> bool:
    endpoint = settings.get("PULLMARKETING_WEBMENTION_ENDPOINT") or ""
    return bool(env.get("WEBMENTION_IO_TOKEN")) or "webmention.io/" in endpoint


def site_articles(
    generators, settings: dict, published: dict, targets: Mapping[str, Target], env
) -> list[ArticleRef]:
    """Every published article (translations too) with its copies."""
    siteurl = settings.get("SITEURL") or ""
    webmention = webmentions_enabled(settings, env)
    out = []
    for gen in generators:
        for doc in list(getattr(gen, "articles", None) or ()) + list(
            getattr(gen, "translations", None) or ()
        ):
            if getattr(doc, "status", "published") != "published":
                continue
            source = relative_source(doc, settings)
            url = urls.absolute_url(siteurl, getattr(doc, "url", "") or "")
            copies = copies_of(
                source, metadata.value(doc, "syndication") or (), published, targets
            )
            if webmention:
                copies.append(Copy("webmention", url))
            out.append(
                ArticleRef(source, url, str(getattr(doc, "title", "")), tuple(copies))
            )
    out.sort(key=lambda a: a.source)
    return out


def make_http(
    *,
    timeout: float = 20.0,
    sleep: Callable[[float], None] | None = None,
    max_wait: float = 60.0,
) -> Http:
    client = httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        follow_redirects=True,
    )
    kwargs = {"sleep": sleep} if sleep else {}
    return Http(client, max_retries=2, max_wait=max_wait, **kwargs)


def redact(message: str, env: Mapping[str, str]) -> str:
    """A message without any token's value (a platform may echo a request)."""
    for name in ("MASTODON_ACCESS_TOKEN", "WEBMENTION_IO_TOKEN", "DEVTO_API_KEY"):
        secret = env.get(name)
        if secret and len(secret) >= 4:
            message = message.replace(secret, "***")
    return message


def fetch_all(
    articles: list[ArticleRef],
    data: dict,
    http: Http,
    env: Mapping[str, str],
    *,
    dry_run: bool = False,
    clock: Callable[[], str] = now,
) -> FetchReport:
    """Fetch every copy of every article into ``data`` (in place). A
    platform that failed once in this run is not asked again (a down
    instance would otherwise cost a time-out per article)."""
    report = FetchReport()
    down: dict[str, str] = {}
    before = store.dump_state(data) if not dry_run else ""
    stamp = clock()
    for art in articles:
        if not art.copies:
            continue
        record = None if dry_run else store.article(data, art.source, art.url)
        for copy in art.copies:
            if dry_run:
                report.outcomes.append(
                    CopyOutcome(art.source, copy.platform, copy.url, "would fetch")
                )
                continue
            if copy.platform == "webmention" and not copy.url.startswith(
                ("http://", "https://")
            ):
                message = "the article's URL is not absolute: fetch with SITEURL set (publishconf.py)"
                store.mark_copy(
                    record, copy.platform, copy.url, store.UNAVAILABLE, message
                )
                report.outcomes.append(
                    CopyOutcome(
                        art.source, copy.platform, copy.url, store.UNAVAILABLE, message
                    )
                )
                continue
            if copy.platform in down:
                message = f"not asked: {down[copy.platform]}"
                store.mark_copy(
                    record,
                    copy.platform,
                    copy.url,
                    store.UNAVAILABLE,
                    "not fetched: the platform failed",
                )
                report.outcomes.append(
                    CopyOutcome(
                        art.source, copy.platform, copy.url, store.UNAVAILABLE, message
                    )
                )
                continue
            report.outcomes.append(
                _fetch_one(art, copy, record, http, env, stamp, down)
            )
    if not dry_run:
        report.changed = store.dump_state(data) != before
    return report


def _fetch_one(art, copy, record, http, env, stamp, down) -> CopyOutcome:
    fetcher = FETCHERS[copy.platform]
    try:
        result = fetcher(http, env, copy)
    except Gone as exc:
        store.mark_copy(record, copy.platform, copy.url, store.GONE, str(exc))
        return CopyOutcome(art.source, copy.platform, copy.url, store.GONE, str(exc))
    except (
        RemoteError,
        httpx.HTTPError,
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
    ) as exc:
        message = redact(str(exc) or exc.__class__.__name__, env)
        if not isinstance(exc, RemoteError):
            message = f"unexpected answer: {exc.__class__.__name__}: {message}"
        down[copy.platform] = message
        store.mark_copy(record, copy.platform, copy.url, store.UNAVAILABLE, message)
        return CopyOutcome(
            art.source, copy.platform, copy.url, store.UNAVAILABLE, message
        )
    merged = store.merge_copy(record, result, stamp)
    note = f"{len(result.entries)} entries"
    if merged.removed:
        note += f", {merged.removed} no longer there (kept, marked removed)"
    return CopyOutcome(art.source, copy.platform, copy.url, store.OK, note, merged.new)
