"""Content and checks shared by the topics tests: a small firm's site with three
topics, and readers of the feeds a build writes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
from lxml import etree, html

ATOM = "{http://www.w3.org/2005/Atom}"
TOPICS = {
    "boilers": {
        "title": "Boilers and servicing",
        "description": "Keeping a gas boiler safe and efficient.",
        "categories": ["Boilers"],
        "intro": "Start with [our servicing guide]({filename}service.md).",
    },
    "heat-pumps": {
        "title": "Heat pumps",
        "description": "Air source heat pumps, grants and running costs.",
        "categories": ["Heat pumps"],
        "tags": ["renewables"],
    },
    "plumbing": {
        "title": "Plumbing",
        "description": "Leaks, bathrooms and hot water.",
        "categories": ["Plumbing"],
    },
}
SITE = {
    "PULLMARKETING_TOPICS": TOPICS,
    "PULLMARKETING_FEED_ID_AUTHORITY": "firm.example",
}


def write_firm_site(site) -> None:
    """Articles in every topic, one in two topics, plus content that must never
    reach a feed (draft, hidden article, noindex page)."""
    site.article(
        "service",
        "Why a yearly service matters.\n\nBook a **service** once a year. ![Boiler](images/boiler.png) See "
        "[grants]({filename}grants.md) and [our prices](../prices/).",
        title="Annual boiler service",
        date="2024-01-10 09:00",
        category="Boilers",
        tags="servicing, safety",
        summary="Why a yearly service matters.",
    )
    site.article(
        "grants",
        "The Boiler Upgrade Scheme pays £7,500.",
        title="Heat pump grants",
        date="2024-03-31 10:00",
        modified="2024-06-02 08:30",
        category="Heat pumps",
        topics="boilers",
    )
    site.article(
        "solar",
        "Panels and a heat pump work well together.",
        title="Solar with a heat pump",
        date="2024-04-05 12:00",
        category="News",
        tags="renewables",
    )
    site.article(
        "leaks",
        "Turn off the stopcock first.",
        date="2024-02-01 08:00",
        category="Plumbing",
    )
    site.article(
        "secret-draft",
        "Not yet.",
        date="2024-05-01",
        category="Boilers",
        status="draft",
    )
    site.article(
        "hidden-offer",
        "Hidden.",
        date="2024-05-02",
        category="Boilers",
        status="hidden",
    )
    site.page("thanks", "Thank you.", topics="boilers", robots="noindex")
    site.write("images/boiler.png", b"\x89PNG\r\n")


def feed_paths(out: Path) -> list[Path]:
    return sorted(
        p
        for p in (out / "topics").rglob("*")
        if p.name in {"atom.xml", "rss.xml", "feed.json"}
    )


def parse_xml(path: Path):
    return etree.fromstring(path.read_bytes())


def parse_feed(path: Path):
    """feedparser's view; fails the test on any well-formedness problem."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def check_json_feed(path: Path) -> dict:
    """JSON Feed 1.1's required keys and types (feedparser 6.0 reads no JSON)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(doc["title"], str) and doc["title"]
    assert isinstance(doc["items"], list)
    for item in doc["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
        assert isinstance(item["authors"], list)
    return doc


def atom_ids(path: Path) -> dict[str, str]:
    """Entry title -> id of an Atom feed."""
    root = parse_xml(path)
    return {
        e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}id")
        for e in root.iter(f"{ATOM}entry")
    }


def all_entry_ids(out: Path) -> dict[str, set[str]]:
    """Per feed file: the set of its entry ids (every format)."""
    ids = {}
    for path in feed_paths(out):
        rel = str(path.relative_to(out))
        if path.suffix == ".json":
            ids[rel] = {i["id"] for i in json.loads(path.read_text())["items"]}
        elif path.name == "rss.xml":
            ids[rel] = {g.text for g in parse_xml(path).iter("guid")}
        else:
            ids[rel] = set(atom_ids(path).values())
    return ids


_URL_IN_HTML = re.compile(r"""\s(?:href|src)\s*=\s*["']([^"']*)["']""")


def urls_in_html(fragment: str) -> list[str]:
    return _URL_IN_HTML.findall(fragment)


def internal_links(page: Path, siteurl: str, within: str = "/*") -> list[str]:
    """href/src values of a written HTML page (or of the elements the XPath
    ``within`` selects) that point inside the site."""
    tree = html.fromstring(page.read_bytes())
    out = []
    for el in (e for root in tree.xpath(within) for e in root.iter()):
        for attr in ("href", "src"):
            value = el.get(attr)
            if not value or value.startswith(("#", "mailto:", "tel:")):
                continue
            parts = urlsplit(value)
            if parts.scheme and not value.startswith(siteurl + "/"):
                continue  # another site (feed readers, Pelican's home page)
            out.append(value)
    return out


def resolve(out: Path, page: Path, link: str, siteurl: str) -> Path:
    """The output file a link of ``page`` points to."""
    path = urlsplit(link).path
    if link.startswith(siteurl + "/"):
        target = out / path[len(urlsplit(siteurl).path) :].lstrip("/")
    elif path.startswith("/"):
        target = out / path.lstrip("/")
    else:
        target = (page.parent / path).resolve()
    if link.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target
