"""WebSub publishing: tell the hub which feeds changed since the last ping.

The built output is the source of truth: every feed file that carries a
``rel="hub"`` link (Atom, RSS) or a ``hubs`` entry (JSON Feed) is a candidate,
named by its ``rel="self"`` / ``feed_url``. A small JSON state file keeps the
SHA-256 of each feed as last pinged, per hub, so an unchanged feed is not pinged
again (builds are byte-deterministic, so equal bytes mean nothing changed).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from ..errors import PullMarketingError
from ..files import read_state, write_json_atomic
from ..retry import send_with_retries

FEED_SUFFIXES = (".xml", ".atom", ".rss", ".json")
STATE_VERSION = 1
_MAX_FEED_BYTES = 20_000_000


@dataclass(frozen=True)
class FeedFile:
    path: str  # relative to the output folder
    url: str  # the feed's public URL (rel="self")
    hub: str
    sha256: str


@dataclass
class PingResult:
    feed: FeedFile
    hub: str
    status: str  # "pinged", "unchanged", "failed", "would ping"
    attempts: int = 0
    detail: str = ""


def _xml_links(data: bytes) -> tuple[str | None, str | None]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None, None
    found: dict[str, str] = {}
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "link" and el.get("rel") in ("self", "hub"):
            found.setdefault(el.get("rel"), el.get("href") or "")
    return found.get("self"), found.get("hub")


def _json_links(data: bytes) -> tuple[str | None, str | None]:
    try:
        doc = json.loads(data)
    except ValueError:
        return None, None
    if not isinstance(doc, dict) or "jsonfeed.org/version" not in str(
        doc.get("version", "")
    ):
        return None, None
    hubs = [
        h.get("url")
        for h in doc.get("hubs") or ()
        if isinstance(h, dict) and str(h.get("type", "")).lower() == "websub"
    ]
    return doc.get("feed_url"), (hubs[0] if hubs else None)


def find_feeds(output_dir: str) -> list[FeedFile]:
    """Feeds in ``output_dir`` that announce a WebSub hub, sorted by path."""
    if not os.path.isdir(output_dir):
        raise PullMarketingError(
            "output folder not found",
            file=output_dir,
            expected="the folder Pelican built (e.g. output)",
        )
    found = []
    for folder, dirs, files in os.walk(output_dir):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(FEED_SUFFIXES):
                continue
            path = os.path.join(folder, name)
            if os.path.getsize(path) > _MAX_FEED_BYTES:
                continue
            with open(path, "rb") as fh:
                data = fh.read()
            reader = _json_links if name.endswith(".json") else _xml_links
            self_url, hub = reader(data)
            if self_url and hub:
                found.append(
                    FeedFile(
                        path=os.path.relpath(path, output_dir).replace(os.sep, "/"),
                        url=self_url,
                        hub=hub,
                        sha256=hashlib.sha256(data).hexdigest(),
                    )
                )
    return found


def load_state(path: str) -> dict:
    return read_state(
        path,
        key="hubs",
        what="the WebSub state file",
        command="pullmarketing websub ping",
        redo="ping every feed again",
    )


def save_state(path: str, state: dict) -> None:
    write_json_atomic(path, state)


def publish(
    client: httpx.Client,
    hub: str,
    feed_url: str,
    *,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[bool, int, str]:
    """POST ``hub.mode=publish`` for one feed (retried as ``retry`` says).
    Returns (ok, attempts, detail)."""
    return send_with_retries(
        lambda: client.post(hub, data={"hub.mode": "publish", "hub.url": feed_url}),
        accepted=lambda r: 200 <= r.status_code < 300,
        explain=lambda r: f"HTTP {r.status_code} {r.text.strip()[:200]}".strip(),
        retries=retries,
        backoff=backoff,
        sleep=sleep,
    )


def ping(
    feeds: list[FeedFile],
    state: dict,
    *,
    client: httpx.Client,
    hub_override: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[PingResult]:
    """Ping the hub for every feed whose bytes changed since its last successful
    ping; record successes in ``state`` (in place)."""
    results = []
    for feed in feeds:
        hub = hub_override or feed.hub
        known = state["hubs"].setdefault(hub, {})
        if not force and known.get(feed.url) == feed.sha256:
            results.append(PingResult(feed, hub, "unchanged"))
            continue
        if not feed.url.startswith(("http://", "https://")):
            detail = "the feed's own URL is not absolute: build with SITEURL set"
            results.append(PingResult(feed, hub, "failed", 0, detail))
            continue
        if dry_run:
            results.append(PingResult(feed, hub, "would ping"))
            continue
        ok, attempts, detail = publish(
            client, hub, feed.url, retries=retries, backoff=backoff, sleep=sleep
        )
        if ok:
            known[feed.url] = feed.sha256
        results.append(
            PingResult(feed, hub, "pinged" if ok else "failed", attempts, detail)
        )
    state["version"] = STATE_VERSION
    return results
