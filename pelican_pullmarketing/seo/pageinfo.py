"""What a written page is, from the template context Pelican (or a feature's
generator) renders it with: its kind, document, URL, title, description,
robots directives, pagination, listed items and dates.

Both the head renderer (bundled theme, Jinja global) and the injector and
sitemap (``content_written``) start from here, so every consumer agrees on
what a page is. The context is a Jinja ``Context`` or a plain dict: only
``.get`` is used.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .. import i18n, metadata, text
from ..build import UNSET, notes_of

if TYPE_CHECKING:
    from .links import SiteLinks

# Kinds of pages that list documents (CollectionPage + ItemList in JSON-LD).
LIST_KINDS = {
    "index",
    "category",
    "tag",
    "author",
    "archives",
    "period_archives",
    "tags",
    "categories",
    "authors",
    "topic",
}
# Lists whose items are articles (the others list tags, categories, authors).
ARTICLE_LISTS = LIST_KINDS - {"tags", "categories", "authors"}
_DIRECT = {"index", "archives", "tags", "categories", "authors", "period_archives"}


class PageInfo:
    """What one page is (a plain class: a dataclass costs the build a code
    generation and compilation of its methods at import)."""

    __slots__ = (
        "kind",
        "path",
        "title",
        "doc",
        "robots",
        "number",
        "per_page",
        "prev_path",
        "next_path",
        "items",
        "total_items",
        "crumbs",
        "lang",
        "published",
        "modified",
        "topic",
        "gate",
        "canonical",
        "canonical_path",
        "url",
        "describe_doc",
        "fallback_description",
        "fallback_text",
        "limit",
        "_description",
        "_iso",
        "ascii_only",
        "_tag_names",
        "_section",
    )

    def __init__(self, kind: str, path: str, title: str, doc: Any = None):
        self.kind = kind
        self.path = path  # site-relative URL ("" for the home page)
        self.title = title  # without the site name
        self.doc = doc
        self.robots: str | None = None
        self.number = 1  # page number of a paginated list
        self.per_page = 0  # items per page of a paginated list
        self.prev_path: str | None = None
        self.next_path: str | None = None
        self.items: list = []  # documents listed on this page
        self.total_items = 0
        self.crumbs: list[tuple[str, str]] = []  # (name, path)
        self.lang = "en"
        self.published: datetime | None = None
        self.modified: datetime | None = None
        self.topic: Any = None
        self.gate: Any = None
        self.canonical: str | None = None  # set by the head renderer
        # Where the page's canonical copy lives, when not at ``path`` (a
        # category page that lists exactly a topic hub's articles).
        self.canonical_path: str | None = None
        # Absolute URL of ``path`` ("" until made, None without SITEURL):
        # the canonical link, the breadcrumb and the sitemap all write it.
        self.url: str | None = ""
        # The description is made on first use: a document's comes from its
        # summary, which the sitemap alone never needs.
        self.describe_doc = False
        self.fallback_description = ""
        self.fallback_text = ""  # cut to ``limit`` if ever needed
        self.limit = text.DESCRIPTION_LENGTH
        self._description = ""
        self._iso: tuple[str | None, str | None] | None = None
        # The injector sets it for a page otherwise all ASCII: values written
        # several times are then made ASCII once (see inject.py).
        self.ascii_only = False
        self._tag_names: list[str] | None = None
        self._section: str | None = None

    def __repr__(self) -> str:
        return f"PageInfo(kind={self.kind!r}, path={self.path!r}, title={self.title!r})"

    @property
    def description(self) -> str:
        if not self._description:
            made = text.description(self.doc, self.limit) if self.describe_doc else ""
            if not made and not self.fallback_description and self.fallback_text:
                self.fallback_description = text.truncate(
                    self.fallback_text, self.limit
                )
            self._description = made or self.fallback_description
        return self._description

    @description.setter
    def description(self, value: str) -> None:
        self._description = value

    @property
    def tag_names(self) -> list[str]:
        """The document's tags as plain text (meta tags and JSON-LD both
        write them; Pelican's tag names are properties)."""
        if self._tag_names is None:
            self._tag_names = [field(t) for t in getattr(self.doc, "tags", None) or []]
        return self._tag_names

    @property
    def section(self) -> str:
        """The document's category as plain text."""
        if self._section is None:
            self._section = field(getattr(self.doc, "category", "") or "")
        return self._section

    @property
    def published_iso(self) -> str | None:
        return (self._iso or self._iso_dates())[0]

    @property
    def modified_iso(self) -> str | None:
        return (self._iso or self._iso_dates())[1]

    def _iso_dates(self) -> tuple[str | None, str | None]:
        # Both the meta tags and JSON-LD write them; a document never
        # modified has its publication date as both.
        published, modified = self.published, self.modified
        first = published.isoformat(timespec="seconds") if published else None
        if modified is not published:
            second = modified.isoformat(timespec="seconds") if modified else None
        else:
            second = first
        self._iso = (first, second)
        return self._iso

    @property
    def is_home(self) -> bool:
        return self.kind == "index" and self.number == 1

    @property
    def indexable(self) -> bool:
        """False for noindex pages, drafts and hidden documents: kept out of
        the sitemap."""
        if self.robots and ("noindex" in self.robots or "none" in self.robots):
            return False
        status = getattr(self.doc, "status", "published") if self.doc else "published"
        return status == "published"

    @property
    def lastmod(self) -> datetime | None:
        return self.modified or self.published


def url_path(url: str | None) -> str:
    """Pelican URL -> canonical form: ``index.html`` endings dropped."""
    url = (url or "").lstrip("/")
    if url == "index.html":
        return ""
    if url.endswith("/index.html"):
        return url[: -len("index.html")]
    return url


def aware(value, settings: dict) -> datetime | None:
    """A date with a time zone (Pelican's TIMEZONE when naive), for ISO 8601
    with offset."""
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        try:
            zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
        except Exception:
            zone = timezone.utc
        value = value.replace(tzinfo=zone)
    return value


# A document's title in full belongs in its <h1>; the head's <title>, social
# titles, image alt text and breadcrumbs take at most this many graphemes
# (a 10,000-character title must not be written six times).
TITLE_LIMIT = 120


def plain(value) -> str:
    """The text of an HTML field written by the author (a title, SITENAME)."""
    return _plain(str(value)) if value is not None else ""


@lru_cache(maxsize=4096)
def _plain(value: str) -> str:
    # Titles and names repeat on every list page that shows them.
    if "<" not in value and "&" not in value:
        return text.field_text(value)
    return text.plain_text(value)


def field(value) -> str:
    """A plain-text field (a category, tag or author name, a topic title) as
    it is, on one line (see text.field_text)."""
    return _field(str(value)) if value is not None else ""


@lru_cache(maxsize=4096)
def _field(value: str) -> str:
    return text.field_text(value)


def doc_dates(doc, settings: dict) -> tuple[datetime | None, datetime | None]:
    published = aware(getattr(doc, "date", None), settings)
    modified = aware(getattr(doc, "modified", None), settings) or published
    return published, modified


def _newest(items, settings: dict, links: SiteLinks) -> datetime | None:
    # Lists show the same documents again and again (the tags, categories
    # and authors pages each go through all articles): one date per document.
    best = None
    for doc in items:
        notes = notes_of(doc)
        mod = notes.modified
        if mod is UNSET:
            mod = notes.modified = doc_dates(doc, settings)[1]
        if mod and (best is None or mod > best):
            best = mod
    return best


def _kind(ctx, settings: dict, template_name: str | None) -> str:
    # Pelican passes `url` and `template_name` to the writer, not the context:
    # kinds are told apart by the variables each generator passes.
    if ctx.get("gate") is not None and ctx.get("landing") is not None:
        return "gate_thanks"
    output = ctx.get("output_file") or ""
    if (
        output.endswith("404.html") and os.path.basename(output) == "404.html"
    ) or template_name in ("404", "404.html"):
        return "notfound"
    if ctx.get("article") is not None:
        return "article"
    page = ctx.get("page")
    if page is not None:
        return "notfound" if getattr(page, "slug", None) == "404" else "page"
    if ctx.get("topic") is not None:
        return "topic"
    page_name = ctx.get("page_name")
    if page_name == "subscribe":
        return "subscribe"
    if ctx.get("period") is not None:
        return "period_archives"
    for name in ("tag", "author", "category"):
        if ctx.get(name) is not None:
            return name
    for name in settings.get("DIRECT_TEMPLATES") or ():
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html") or ""
        if page_name and page_name == os.path.splitext(save_as)[0]:
            return name if name in _DIRECT else "other"
    if template_name and os.path.splitext(template_name)[0] in _DIRECT:
        return os.path.splitext(template_name)[0]
    return "other"


class SiteValues:
    """Values of the settings every page needs (site name and subtitle as
    plain text, description length, language), read once per build (one per
    SiteLinks: ``site_values(settings, links)``)."""

    __slots__ = ("settings", "sitename", "subtitle", "description", "limit", "lang")

    def __init__(self, settings: dict):
        self.settings = settings
        self.sitename = plain(settings.get("SITENAME") or "")
        self.subtitle = plain(settings.get("SITESUBTITLE") or "")
        # SITEDESCRIPTION: what themes such as Flex write as the site's
        # description (plain text); else the subtitle.
        self.description = field(settings.get("SITEDESCRIPTION")) or self.subtitle
        self.limit = (
            settings.get("PULLMARKETING_DESCRIPTION_LENGTH") or text.DESCRIPTION_LENGTH
        )
        self.lang = settings.get("DEFAULT_LANG") or "en"


def site_values(settings: dict, links: SiteLinks) -> SiteValues:
    made = links.page_site
    if made is None or made.settings is not settings:
        made = links.page_site = SiteValues(settings)
    return made


def page_info(
    ctx, settings: dict, template_name: str | None, links: SiteLinks
) -> PageInfo:
    """Describe the page rendered with template context ``ctx``.

    Titles (site name added later): document title; category/topic name;
    "Articles tagged X"; "Articles by X"; period archives "Archives: 2024";
    fixed names for the other list pages. Descriptions: 1. the document's
    ``description`` metadata, 2. its summary as plain text cut near
    ``PULLMARKETING_DESCRIPTION_LENGTH``; lists: the topic's description, else
    a sentence naming the list and the site.
    """
    kind = _kind(ctx, settings, template_name)
    site = site_values(settings, links)
    sitename = site.sitename
    limit = site.limit
    info = PageInfo(kind=kind, path="", title="")
    info.lang = site.lang
    info.limit = limit
    robots = ctx.get("robots")
    info.robots = str(robots) if robots else None

    if kind == "gate_thanks":
        info.lang = i18n.page_lang(ctx)  # its white paper's language
    doc = None
    if kind == "article":
        doc = ctx.get("article")
    elif kind in ("page", "notfound"):
        doc = ctx.get("page")
    if doc is not None:
        info.doc = doc
        info.path = links.doc_path(doc)
        info.title = (
            text.truncate(plain(getattr(doc, "title", "")), TITLE_LIMIT) or sitename
        )
        info.describe_doc = True
        info.lang = getattr(doc, "lang", None) or info.lang
        info.published, info.modified = doc_dates(doc, settings)
        info.robots = info.robots or metadata.value(doc, "robots")
        if getattr(doc, "status", "published") == "draft" and not info.robots:
            info.robots = "noindex, nofollow"
        info.gate = getattr(doc, "pm_gate", None)
        info.topic = next(iter(getattr(doc, "pm_topics", None) or ()), None)
    # The page's words in its language: the document's, else the site's.
    _ = i18n.gettext_for(info.lang)
    if doc is None:
        _describe_list(info, ctx, settings, kind, site, links, _)

    if kind == "notfound":
        info.title = info.title if doc is not None else _("Page not found")
        info.robots = info.robots or "noindex"
        info.fallback_description = _("This page does not exist on {site}.").format(
            site=sitename
        )
    if kind == "gate_thanks":
        info.robots = info.robots or "noindex, nofollow"
    if not info.fallback_description:
        info.fallback_text = site.description or f"{info.title} – {sitename}"
    if not info.path:
        info.path = url_path(ctx.get("output_file"))
    _breadcrumbs(info, ctx, links, _)
    return info


def _describe_list(
    info: PageInfo,
    ctx,
    settings: dict,
    kind: str,
    site: SiteValues,
    links: SiteLinks,
    _,
):
    """A list page: what it lists, and its title and description by kind
    (``_``: gettext in the page's language)."""
    _list_items(info, ctx, settings, kind, links)
    desc = _LIST_NAMES.get(kind, _other_list)(info, ctx, site, _)
    if info.number > 1:
        # Translators: the title of the second and later pages of a list
        # of articles ("Articles tagged heat pumps – page 2").
        info.title = _("{title} – page {number}").format(
            title=info.title, number=info.number
        )
        if desc:
            # Translators: the description of the second and later pages
            # of a list: the list's description, then the page's number.
            desc = _("{description} Page {number}.").format(
                description=desc, number=info.number
            )
    info.description = text.truncate(desc, info.limit) if desc else ""


def _list_items(
    info: PageInfo, ctx, settings: dict, kind: str, links: SiteLinks
) -> None:
    """The documents a list page shows, its pagination and its date."""
    page = ctx.get("articles_page")
    items = list(getattr(page, "object_list", None) or ())
    if page is None:
        items = list(ctx.get("articles") or ()) if kind in ARTICLE_LISTS else []
    info.items = items
    paginator = ctx.get("articles_paginator")
    info.total_items = getattr(paginator, "count", None) or len(items)
    if page is not None:
        info.number = getattr(page, "number", 1) or 1
        info.per_page = getattr(paginator, "per_page", 0) or len(items)
        info.path = url_path(getattr(page, "url", ""))
        prev_page, next_page = (
            ctx.get("articles_previous_page"),
            ctx.get("articles_next_page"),
        )
        info.prev_path = url_path(prev_page.url) if prev_page is not None else None
        info.next_path = url_path(next_page.url) if next_page is not None else None
    if kind in ARTICLE_LISTS:
        info.modified = _newest(items, settings, links)
    elif kind in LIST_KINDS:  # tags, categories, authors: change with any article
        info.modified = _newest(ctx.get("articles") or (), settings, links)


# Each kind of list page's title (set on the page) and description
# (returned, before the page number and the cut), in the page's language
# (``_``).


def _topic_list(info: PageInfo, ctx, site: SiteValues, _) -> str:
    topic = ctx.get("topic")
    info.topic = topic
    info.title = field(getattr(topic, "title", "")) or field(topic)
    info.path = info.path or url_path(getattr(topic, "url", ""))
    desc = field(getattr(topic, "description", "") or "")
    return desc or _("Articles about {topic} from {site}.").format(
        topic=info.title, site=site.sitename
    )


def _category_list(info: PageInfo, ctx, site: SiteValues, _) -> str:
    category = ctx.get("category")
    info.title = field(category)
    topic = (ctx.get("pm_category_topics") or {}).get(getattr(category, "slug", None))
    if topic is not None:
        # The page of an automatic topic (its feeds are announced), or a
        # list a topic hub repeats: the hub is the canonical copy.
        info.topic = topic
        if topic.save_as:
            info.canonical_path = url_path(topic.url)
    return _("Articles about {topic} from {site}.").format(
        topic=info.title, site=site.sitename
    )


def _tag_list(info: PageInfo, ctx, site: SiteValues, _) -> str:
    tag = field(ctx.get("tag"))
    info.title = _("Articles tagged {tag}").format(tag=tag)
    return _("Articles tagged {tag} on {site}.").format(tag=tag, site=site.sitename)


def _author_list(info: PageInfo, ctx, site: SiteValues, _) -> str:
    author = field(ctx.get("author"))
    info.title = _("Articles by {author}").format(author=author)
    return _("Articles by {author} on {site}.").format(
        author=author, site=site.sitename
    )


def _period_list(info: PageInfo, ctx, site: SiteValues, _) -> str:
    label = " ".join(str(p) for p in ctx.get("period") or ())
    if label:
        # Translators: the title of the archives of a year, a month or a
        # day ("Archives: 2024", "Archives: 2024 March").
        info.title = _("Archives: {period}").format(period=label)
    else:
        info.title = _("Archives")
    return _("Articles published in {period} on {site}.").format(
        period=label, site=site.sitename
    )


def _thank_you_page(info: PageInfo, ctx, site: SiteValues, _) -> str:
    landing = ctx.get("landing")
    info.gate = ctx.get("gate")
    paper = plain(getattr(landing, "title", "")).rstrip(" –")
    if paper:
        # Translators: the title of the page a reader reaches after asking
        # for a white paper ("Thank you – Heat pump guide").
        info.title = _("Thank you – {paper}").format(paper=paper)
    else:
        info.title = _("Thank you")
    return _("Your download from {site}.").format(site=site.sitename)


def _subscribe_page(info: PageInfo, ctx, site: SiteValues, _) -> str:
    info.title = _("Subscribe")
    return _("Follow {site} by topic: feeds and email updates.").format(
        site=site.sitename
    )


def _index_list(info: PageInfo, ctx, site: SiteValues, _) -> str:
    info.title = site.sitename
    return site.description or _("Latest articles from {site}.").format(
        site=site.sitename
    )


# The pages about the site as a whole: their title and description in the
# page's language (``_``).
_SITE_LISTS = {
    "archives": lambda _: (_("Archives"), _("Archives of {site}.")),
    "tags": lambda _: (_("Tags"), _("Tags of {site}.")),
    "categories": lambda _: (_("Categories"), _("Categories of {site}.")),
    "authors": lambda _: (_("Authors"), _("Authors of {site}.")),
    "notfound": lambda _: (
        _("Page not found"),
        # Translators: the description of a "page not found" page that is
        # no document of the site (a theme's 404 template).
        _("Page not found of {site}."),
    ),
}


def _other_list(info: PageInfo, ctx, site: SiteValues, _) -> str:
    """Archives, the tags, categories and authors pages, 404 and the rest."""
    words = _SITE_LISTS.get(info.kind)
    if words is None:
        info.title = site.sitename
        return ""
    info.title, description = words(_)
    return description.format(site=site.sitename)


_LIST_NAMES = {
    "topic": _topic_list,
    "category": _category_list,
    "tag": _tag_list,
    "author": _author_list,
    "period_archives": _period_list,
    "gate_thanks": _thank_you_page,
    "subscribe": _subscribe_page,
    "index": _index_list,
}


def _category_crumb(category, links: SiteLinks) -> tuple[str, str]:
    """(name, path) of a category (Pelican formats its URL on every access;
    its articles all ask for it). Pelican gives each article a Category
    object of its own: the crumb is kept by class and name, which decide
    the slug and so the URL within a build."""
    known = links.category_crumbs
    key = (category.__class__, str(category))
    hit = known.get(key)
    if hit is None:
        hit = known[key] = (field(category), url_path(category.url))
    return hit


def _breadcrumbs(info: PageInfo, ctx, links: SiteLinks, _) -> None:
    """Home > topic or category > document; Home > list page. Only pages at
    least one level below home get a trail."""
    if info.is_home or info.kind in ("notfound",):
        return
    # Translators: the first step of a breadcrumb trail (the home page).
    crumbs = [(_("Home"), "")]
    doc = info.doc
    if doc is not None and info.kind == "article":
        if info.topic is not None and getattr(info.topic, "url", None):
            crumbs.append((field(info.topic.title), url_path(info.topic.url)))
        elif getattr(doc, "category", None) is not None:
            crumbs.append(_category_crumb(doc.category, links))
    crumbs.append((info.title, info.path))
    if crumbs[-1][1] == "" and len(crumbs) == 2:
        return
    info.crumbs = crumbs
