"""Topic feeds that readers can rely on: Atom and RSS 2.0 through feedgenerator,
JSON Feed 1.1 by hand, and the OPML list of every topic.

Why not Pelican's own feeds: every category feed there shares one Atom id, RSS
guids are URLs without ``isPermaLink="false"`` and entry ids change with the
domain or the slug. Here an entry id is a ``tag:`` URI made of an authority the
owner controls, the first publication date and the source path, so moving the
site or renaming a slug never makes readers show old posts as new.

Every URL is absolute (or root-relative when the site has no SITEURL), every
byte is deterministic: no clock is read.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from dataclasses import dataclass
from io import StringIO
from urllib.parse import quote
from zoneinfo import ZoneInfo

from feedgenerator import Atom1Feed, Rss201rev2Feed
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator

from .. import metadata, text
from ..urls import absolute_url, absolutize_html, add_query, site_host, utm_params

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


# --- ids -------------------------------------------------------------------------


def id_authority(settings: dict) -> str:
    """``PULLMARKETING_FEED_ID_AUTHORITY``, else SITEURL's host, else ``localhost``
    (a site without SITEURL: the generator warns that ids will change)."""
    return (
        settings.get("PULLMARKETING_FEED_ID_AUTHORITY")
        or site_host(settings.get("SITEURL") or "")
        or "localhost"
    )


def entry_id(doc, settings: dict) -> str:
    """``feed_id`` metadata, else ``tag:AUTHORITY,YYYY-MM-DD:/SOURCE`` with the
    first publication date and the source path relative to PATH."""
    override = metadata.value(doc, "feed_id")
    if override:
        return override
    source = (getattr(doc, "relative_source_path", "") or "").replace("\\", "/")
    day = doc.date.strftime("%Y-%m-%d")
    return f"tag:{id_authority(settings)},{day}:/{quote(source, safe='/-._~')}"


def topic_feed_id(topic, settings: dict, first_year: int) -> str:
    """The topic's ``feed_id`` setting, else ``tag:AUTHORITY,YEAR:topics/SLUG``
    with the year of the site's oldest article (distinct per topic)."""
    if topic.feed_id:
        return topic.feed_id
    return f"tag:{id_authority(settings)},{first_year}:topics/{topic.slug}"


# --- entries -----------------------------------------------------------------------


def aware(date, settings: dict) -> dt.datetime:
    if date.tzinfo is None:
        zone = settings.get("TIMEZONE")
        date = date.replace(tzinfo=ZoneInfo(zone) if zone else dt.timezone.utc)
    return date.replace(microsecond=0)


def rfc3339(date: dt.datetime) -> str:
    return date.isoformat()


def rfc822(date: dt.datetime) -> str:
    return email.utils.format_datetime(date)


def site_author(settings: dict) -> str:
    """Who speaks for the site: AUTHOR, else SITENAME."""
    author = text.field_text(settings.get("AUTHOR"))
    return author or text.plain_text(settings.get("SITENAME") or "")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str  # absolute, without campaign parameters
    published: dt.datetime
    updated: dt.datetime
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    summary_html: str
    summary_text: str
    content_html: str


def make_entry(doc, settings: dict, context: dict) -> Entry:
    """A feed entry of ``doc``; ``{filename}`` links resolved by Pelican against
    SITEURL, then every remaining relative URL made absolute."""
    siteurl = settings.get("SITEURL") or ""
    base = siteurl or "/"
    url = absolute_url(siteurl, doc.url)
    # Pelican computes summaries from `content` at the current `localsiteurl`
    # (relative per written page with RELATIVE_URLS): pin it to the site root.
    saved = context.get("localsiteurl")
    context["localsiteurl"] = base
    try:
        content = doc.get_content(base)
        summary = doc.get_summary(base)
    finally:
        context["localsiteurl"] = saved
    published = aware(doc.date, settings)
    modified = getattr(doc, "modified", None)
    updated = aware(modified, settings) if modified else published
    tags = []
    for wrapper in [getattr(doc, "category", None), *(getattr(doc, "tags", ()) or ())]:
        name = text.field_text(wrapper.name) if wrapper is not None else ""
        if name and name not in tags:
            tags.append(name)
    authors = (text.field_text(a.name) for a in getattr(doc, "authors", None) or ())
    # Titles, summaries and bodies are the author's HTML (written as HTML in
    # the feeds); everything else is plain text. None holds a character XML
    # forbids (text.clean).
    return Entry(
        id=text.clean(entry_id(doc, settings)),
        title=text.plain_text(doc.title),
        url=url,
        published=published,
        updated=max(updated, published),
        authors=tuple(a for a in authors if a) or (site_author(settings),),
        tags=tuple(tags),
        summary_html=text.clean(absolutize_html(summary or "", url)),
        summary_text=text.description(doc, 500),
        content_html=text.clean(absolutize_html(content or "", url)),
    )


@dataclass(frozen=True)
class FeedInfo:
    """What every format of one topic feed says about itself."""

    id: str
    title: str
    subtitle: str
    home_url: str  # the hub page, absolute
    self_url: str
    author: str
    language: str
    hub: str | None
    updated: dt.datetime
    utm: dict
    topic_slug: str


def entry_link(entry: Entry, info: FeedInfo, fmt: str) -> str:
    params = utm_params(info.utm, format=fmt, topic=info.topic_slug)
    return add_query(entry.url, params)


def feed_updated(entries: list[Entry], fallback: dt.datetime) -> dt.datetime:
    return max((e.updated for e in entries), default=fallback)


# --- Atom ----------------------------------------------------------------------------


class _Atom(Atom1Feed):
    def latest_post_date(self):
        return self.feed["updated"]

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement(
                "link", "", {"rel": "hub", "href": self.feed["hub"]}
            )

    def add_item_elements(self, handler, item):
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", "", {"href": item["link"], "rel": "alternate"})
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("published", rfc3339(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339(item["updateddate"]))
        for name in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        handler.addQuickElement("summary", item["description"], {"type": "html"})
        handler.addQuickElement("content", item["content"], {"type": "html"})
        for cat in item["categories"]:
            handler.addQuickElement("category", "", {"term": cat})


def render_atom(info: FeedInfo, entries: list[Entry]) -> bytes:
    feed = _Atom(
        title=info.title,
        link=info.home_url,
        description=info.subtitle,
        subtitle=info.subtitle or None,
        language=info.language or None,
        author_name=info.author,
        feed_url=info.self_url,
        feed_guid=info.id,
        hub=info.hub,
        updated=info.updated,
    )
    return _feed_bytes(feed, info, entries, "atom")


# --- RSS 2.0 ----------------------------------------------------------------------------


class _Rss(Rss201rev2Feed):
    def latest_post_date(self):
        return self.feed["updated"]

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        attrs["xmlns:dc"] = "http://purl.org/dc/elements/1.1/"
        return attrs

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement(
                "atom:link", None, {"rel": "hub", "href": self.feed["hub"]}
            )

    def add_item_elements(self, handler, item):
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", item["link"])
        handler.addQuickElement("description", item["description"])
        handler.addQuickElement("content:encoded", item["content"])
        for name in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        handler.addQuickElement("pubDate", rfc822(item["pubdate"]))
        handler.addQuickElement("guid", item["unique_id"], {"isPermaLink": "false"})
        for cat in item["categories"]:
            handler.addQuickElement("category", cat)


def render_rss(info: FeedInfo, entries: list[Entry]) -> bytes:
    feed = _Rss(
        title=info.title,
        link=info.home_url,
        description=info.subtitle or info.title,
        language=info.language or None,
        feed_url=info.self_url,
        hub=info.hub,
        updated=info.updated,
    )
    return _feed_bytes(feed, info, entries, "rss")


def _feed_bytes(feed, info: FeedInfo, entries: list[Entry], fmt: str) -> bytes:
    """The feed with its entries; each format's class writes the fields it has
    (RSS has no updated date)."""
    for entry in entries:
        feed.add_item(
            title=entry.title,
            link=entry_link(entry, info, fmt),
            description=entry.summary_html,
            content=entry.content_html,
            unique_id=entry.id,
            pubdate=entry.published,
            updateddate=entry.updated,
            categories=entry.tags,
            authors=entry.authors,
        )
    out = StringIO()
    feed.write(out, "utf-8")
    return (out.getvalue() + "\n").encode("utf-8")


# --- JSON Feed 1.1 ---------------------------------------------------------------------


def render_json(info: FeedInfo, entries: list[Entry]) -> bytes:
    items = []
    for entry in entries:
        item = {
            "id": entry.id,
            "url": entry_link(entry, info, "json"),
            "title": entry.title,
            "content_html": entry.content_html,
            "summary": entry.summary_text,
            "date_published": rfc3339(entry.published),
            "date_modified": rfc3339(entry.updated),
            "tags": list(entry.tags),
            "authors": [{"name": name} for name in entry.authors],
        }
        items.append(item)
    doc = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.self_url,
        "description": info.subtitle,
        "authors": [{"name": info.author}],
        "items": items,
    }
    if info.language:
        doc["language"] = info.language
    if info.hub:
        doc["hubs"] = [{"type": "WebSub", "url": info.hub}]
    return (
        json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")


# --- OPML 2.0 ----------------------------------------------------------------------------


def render_opml(title: str, owner: str, outlines: list[dict]) -> bytes:
    """OPML 2.0 with one ``<outline type="rss">`` per dict of ``outlines``
    (keys ``text``, ``xmlUrl``, ``htmlUrl``, ``description``)."""
    out = StringIO()
    handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    handler.startDocument()
    handler.startElement("opml", {"version": "2.0"})
    handler.startElement("head", {})
    handler.addQuickElement("title", title)
    if owner:
        handler.addQuickElement("ownerName", owner)
    handler.addQuickElement("docs", "http://opml.org/spec2.opml")
    handler.endElement("head")
    handler.startElement("body", {})
    for outline in outlines:
        attrs = {"type": "rss", "version": "RSS", **outline}
        attrs["title"] = outline["text"]
        handler.addQuickElement("outline", None, attrs)
    handler.endElement("body")
    handler.endElement("opml")
    return (out.getvalue() + "\n").encode("utf-8")
