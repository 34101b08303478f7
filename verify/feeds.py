"""Feeds: every Atom, RSS and JSON Feed file and the OPML parse and carry the
elements their specs require (RFC 4287, RSS 2.0, JSON Feed 1.1, OPML 2.0);
feedparser must read Atom and RSS without a "bozo" complaint."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import feedparser
from lxml import etree

from verify.report import CheckResult, result

ATOM = "{http://www.w3.org/2005/Atom}"


def find_feeds(folder: Path) -> dict[str, list[str]]:
    """Feed files by kind ("atom", "rss", "json", "opml"), sniffed from content."""
    folder = Path(folder)
    kinds: dict[str, list[str]] = {"atom": [], "rss": [], "json": [], "opml": []}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in (
            ".xml",
            ".atom",
            ".rss",
            ".json",
            ".opml",
        ):
            continue
        rel = path.relative_to(folder).as_posix()
        head = path.read_bytes()[:2048].lstrip()
        if path.suffix == ".json":
            # Parsed, not sniffed: with sorted keys "version" comes last.
            try:
                version = json.loads(path.read_bytes()).get("version", "")
            except (ValueError, AttributeError):
                continue
            if str(version).startswith("https://jsonfeed.org/version/"):
                kinds["json"].append(rel)
        elif b"<feed" in head:
            kinds["atom"].append(rel)
        elif b"<rss" in head:
            kinds["rss"].append(rel)
        elif b"<opml" in head or path.suffix == ".opml":
            kinds["opml"].append(rel)
    return kinds


def _rfc3339(value: str | None) -> bool:
    if not value:
        return False
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def check_atom(rel: str, data: bytes) -> list[str]:
    root = etree.fromstring(data)
    out = []
    if root.tag != f"{ATOM}feed":
        return [f"{rel}: root element is {root.tag}, expected Atom <feed>"]

    def text(el, name):
        child = el.find(f"{ATOM}{name}")
        return (child.text or "").strip() if child is not None else ""

    for name in ("id", "title", "updated"):
        if not text(root, name):
            out.append(f"{rel}: feed has no <{name}> (RFC 4287 4.1.1)")
    if text(root, "updated") and not _rfc3339(text(root, "updated")):
        out.append(
            f"{rel}: feed <updated> {text(root, 'updated')!r} is not an RFC 3339 date-time"
        )
    if not root.xpath("a:link[@rel='self']", namespaces={"a": ATOM[1:-1]}):
        out.append(f'{rel}: feed has no <link rel="self"> (RFC 4287 recommends it)')
    feed_author = root.find(f"{ATOM}author") is not None
    ids = set()
    for n, entry in enumerate(root.iter(f"{ATOM}entry"), 1):
        label = f"{rel}: entry {n} ({text(entry, 'title')[:40] or 'no title'})"
        for name in ("id", "title", "updated"):
            if not text(entry, name):
                out.append(f"{label} has no <{name}>")
        entry_id = text(entry, "id")
        if entry_id in ids:
            out.append(f"{label} repeats id {entry_id}")
        ids.add(entry_id)
        if text(entry, "updated") and not _rfc3339(text(entry, "updated")):
            out.append(f"{label} <updated> {text(entry, 'updated')!r} is not RFC 3339")
        if not feed_author and entry.find(f"{ATOM}author") is None:
            out.append(f"{label} has no <author> and the feed has none either")
        if entry.find(f"{ATOM}link") is None and entry.find(f"{ATOM}content") is None:
            out.append(f"{label} has neither <link> nor <content>")
    return out


def check_rss(rel: str, data: bytes) -> list[str]:
    root = etree.fromstring(data)
    if root.tag != "rss":
        return [f"{rel}: root element is {root.tag}, expected <rss>"]
    out = []
    if root.get("version") != "2.0":
        out.append(f"{rel}: <rss version={root.get('version')!r}>, expected 2.0")
    channel = root.find("channel")
    if channel is None:
        return out + [f"{rel}: no <channel>"]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            out.append(f"{rel}: channel has no <{name}> (RSS 2.0 requires it)")
    guids = set()
    for n, item in enumerate(channel.iter("item"), 1):
        label = f"{rel}: item {n} ({(item.findtext('title') or '')[:40] or 'no title'})"
        if not (item.findtext("title") or item.findtext("description")):
            out.append(f"{label} has neither <title> nor <description>")
        guid = item.find("guid")
        if guid is None or not (guid.text or "").strip():
            out.append(f"{label} has no <guid>")
            continue
        value = guid.text.strip()
        if value in guids:
            out.append(f"{label} repeats guid {value}")
        guids.add(value)
        if guid.get("isPermaLink", "true") != "false" and not value.startswith(
            ("http://", "https://")
        ):
            out.append(
                f'{label} guid {value!r} is not a URL but lacks isPermaLink="false"'
            )
    return out


def check_json_feed(rel: str, data: bytes) -> list[str]:
    try:
        feed = json.loads(data)
    except ValueError as exc:
        return [f"{rel}: not valid JSON: {exc}"]
    out = []
    if not str(feed.get("version", "")).startswith("https://jsonfeed.org/version/1"):
        out.append(
            f"{rel}: version {feed.get('version')!r}, expected https://jsonfeed.org/version/1.1"
        )
    if not feed.get("title"):
        out.append(f"{rel}: no title (JSON Feed requires it)")
    items = feed.get("items")
    if not isinstance(items, list):
        return out + [f"{rel}: items is {type(items).__name__}, expected an array"]
    if "authors" in feed and not isinstance(feed["authors"], list):
        out.append(f"{rel}: authors must be an array (JSON Feed 1.1)")
    ids = set()
    for n, item in enumerate(items, 1):
        label = f"{rel}: item {n} ({str(item.get('title', ''))[:40] or 'no title'})"
        if not isinstance(item.get("id"), str) or not item.get("id"):
            out.append(f"{label} has no string id")
        elif item["id"] in ids:
            out.append(f"{label} repeats id {item['id']}")
        else:
            ids.add(item["id"])
        if not (item.get("content_html") or item.get("content_text")):
            out.append(f"{label} has neither content_html nor content_text")
        if "authors" in item and not isinstance(item["authors"], list):
            out.append(f"{label} authors must be an array")
        for key in ("date_published", "date_modified"):
            if key in item and not _rfc3339(item[key]):
                out.append(f"{label} {key} {item[key]!r} is not RFC 3339")
    return out


def check_opml(rel: str, data: bytes) -> list[str]:
    root = etree.fromstring(data)
    if root.tag != "opml":
        return [f"{rel}: root element is {root.tag}, expected <opml>"]
    out = []
    if root.get("version") not in ("1.0", "1.1", "2.0"):
        out.append(f"{rel}: <opml version={root.get('version')!r}>")
    if root.find("head") is None or not (root.findtext("head/title") or "").strip():
        out.append(f"{rel}: no <head><title>")
    outlines = root.findall("body//outline")
    if not outlines:
        out.append(f"{rel}: <body> has no <outline>")
    for n, outline in enumerate(outlines, 1):
        if not outline.get("text"):
            out.append(
                f"{rel}: outline {n} has no text attribute (OPML 2.0 requires it)"
            )
        if outline.get("type") == "rss" and not outline.get("xmlUrl"):
            out.append(
                f"{rel}: outline {n} ({outline.get('text')}) of type rss has no xmlUrl"
            )
    return out


CHECKERS = {
    "atom": check_atom,
    "rss": check_rss,
    "json": check_json_feed,
    "opml": check_opml,
}


def check_feeds(folder: Path) -> CheckResult:
    folder = Path(folder)
    kinds = find_feeds(folder)
    failures: list[str] = []
    for kind, rels in kinds.items():
        for rel in rels:
            data = (folder / rel).read_bytes()
            try:
                failures += CHECKERS[kind](rel, data)
            except etree.XMLSyntaxError as exc:
                failures.append(f"{rel}: not well-formed XML: {exc}")
                continue
            # feedparser 6.0 reads Atom and RSS only; JSON Feed gets our checks.
            if kind in ("atom", "rss"):
                parsed = feedparser.parse(data)
                if parsed.bozo:
                    failures.append(f"{rel}: feedparser: {parsed.bozo_exception}")
    counts = {k: len(v) for k, v in kinds.items()}
    if not any(counts[k] for k in ("atom", "rss", "json")):
        failures.append(f"no Atom, RSS or JSON feed found in {folder}")
    summary = (
        ", ".join(f"{n} {k}" for k, n in counts.items()) + f"; {len(failures)} problems"
    )
    return result("feeds", failures, summary, data={"files": kinds})
