"""The one head renderer: every search and social tag of a page, computed
from the template context it is rendered with.

The bundled theme calls it as the Jinja global ``pullmarketing_head()``; for
other themes ``inject.py`` calls ``head_tags()`` and adds the tags the theme
lacks. Each tag has a ``key`` (what it is, e.g. ``("meta", "og:title")``) so
the injector can skip what a theme already emits.

Where values come from (first that exists wins):
- title: document title (or list name), then " | " and SITENAME; the home
  page is SITENAME (" | " SITESUBTITLE).
- description: see ``pageinfo.page_info``.
- canonical: 1. metadata ``canonical``, 2. the page's own URL under SITEURL
  (paginated pages are their own canonical).
- robots: 1. the context variable ``robots`` (thank-you pages and other
  features' noindex pages), 2. metadata ``robots``, 3. ``noindex`` on 404
  and drafts; no tag otherwise.
- image: 1. metadata ``image``, 2. the gated paper's cover, 3. the
  generated share card (cards/; first of all with ``PULLMARKETING_SHARE_CARDS
  = "all"``), 4. ``PULLMARKETING_DEFAULT_IMAGE``; width/height read from the
  file.
- feeds: Pelican's FEED_ALL_ATOM / FEED_ALL_RSS, then the feeds of the
  document's topics, the hub's topic, or every topic on the subscribe page.
"""

from __future__ import annotations

import functools
from functools import partial
from html import escape
from typing import NamedTuple

from markupsafe import Markup

from .. import i18n, metadata
from ..cards import hooks as cards
from . import jsonld, verification
from .images import Image, resolve
from .links import SiteLinks
from .pageinfo import PageInfo, field, page_info, site_values
from .titles import SiteTitles

MARKER = "<!-- pullmarketing:head -->"


class Tag(NamedTuple):
    key: tuple  # what the tag is; the injector skips keys the theme has
    html: str
    group: tuple | None = None  # skipped with this key (og:image:width with og:image)


def _attr(value) -> str:
    value = str(value)
    # Most values have nothing to escape: they are returned as they are.
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return escape(value, quote=True)
    return value


def ascii_markup(markup: str) -> str:
    """Markup with every character outside ASCII as a character reference."""
    return markup.encode("ascii", "xmlcharrefreplace").decode("ascii")


# The writer of tags: a page's values are escaped once (``_attr``) and
# written into the tags that carry them, after each tag's opening.


def meta_opening(name: str, attr: str = "name") -> str:
    """What a ``<meta>`` of ``name`` is written as up to its content."""
    return f'<meta {attr}="{name}" content="'


def meta_html(opening: str, content: str) -> str:
    """A ``<meta>`` from its opening and its content escaped (``_attr``)."""
    return f'{opening}{content}">'


def link_html(rel: str, href: str) -> str:
    """A ``<link>`` from its rel and its href escaped (``_attr``)."""
    return f'<link rel="{rel}" href="{href}">'


# Tag(...) goes through a Python-level __new__.
_new_tag = partial(tuple.__new__, Tag)
_META_KEYS: dict[str, tuple] = {}


def _meta(name: str, content, attr: str = "name", group=None) -> Tag | None:
    """A ``<meta>`` tag and its key (None for an empty content)."""
    if content is None or content == "":
        return None
    key = _META_KEYS.get(name)
    if key is None:
        key = _META_KEYS[name] = ("meta", name.lower())
    return _new_tag((key, meta_html(meta_opening(name, attr), _attr(content)), group))


class SiteTags:
    """Values and tags that are the same on every page of a build, made once
    (one per SiteLinks: ``SiteTags.of(settings, links)``)."""

    def __init__(self, settings: dict, links: SiteLinks):
        values = site_values(settings, links)
        self.sitename = values.sitename
        self.subtitle = values.subtitle
        self.titles = SiteTitles(settings.get("PULLMARKETING_TITLE_FORMAT"))
        self.og_site_name = _meta("og:site_name", self.sitename, "property")
        self.twitter_site = _meta(
            "twitter:site", settings.get("PULLMARKETING_TWITTER_SITE")
        )
        # Site-verification codes: the home page's only.
        codes = settings.get("PULLMARKETING_VERIFICATION") or {}
        self.verification = [
            _meta(name, codes[engine].strip())
            for engine, name in verification.ENGINES.items()
            if codes.get(engine)
        ]
        self.site_feeds = _feed_tags(_site_feeds(settings, links, self.sitename), links)
        self.site_feed_hrefs = frozenset(href for href, _ in self.site_feeds)
        self.site_feed_tags = [tag for _, tag in self.site_feeds]
        endpoint = settings.get("PULLMARKETING_WEBMENTION_ENDPOINT")
        self.webmention = (
            Tag(_WEBMENTION, f'<link rel="webmention" href="{_attr(endpoint)}">')
            if endpoint
            else None
        )
        self.settings = settings
        self.site_locales = links.site_locales
        self._locales: dict[str, Tag | None] = {}
        self._alternates: dict[str, Tag | None] = {}
        self._topic_feeds: dict[int, tuple[object, list[tuple[str, Tag]]]] = {}

    @property
    def home_title(self) -> str:
        # The separator is the site's title format's (the theme's, once
        # learned from its first article).
        return self.titles.style.home(self.sitename, self.subtitle)

    def page_title(self, info: PageInfo) -> str:
        """The ``<title>`` of a page: the home page's, or the page's own title
        and the site name in the site's title format; never one another
        page of this build already has."""
        if info.is_home:
            title = self.home_title
        elif not self.sitename or info.title.startswith(self.sitename):
            title = info.title or self.sitename
        else:
            title = self.titles.style.title(info.title, self.sitename)
        if not self.titles.claim(title, info.path):
            labelled = _labelled_title(info)
            if labelled:
                title = self.titles.style.title(labelled, self.sitename)
                self.titles.claim(title, info.path)
        return title

    @classmethod
    def of(cls, settings: dict, links: SiteLinks) -> SiteTags:
        made = links.site_tags
        if made is None or made.settings is not settings:
            made = links.site_tags = cls(settings, links)
        return made

    def og_locale(self, lang: str) -> Tag | None:
        try:
            return self._locales[lang]
        except KeyError:
            tag = _meta(
                "og:locale",
                _og_locale(lang, self.settings, self.site_locales),
                "property",
            )
            self._locales[lang] = tag
            return tag

    def og_locale_alternate(self, lang: str) -> Tag | None:
        try:
            return self._alternates[lang]
        except KeyError:
            tag = _meta(
                "og:locale:alternate",
                _og_locale(lang, self.settings, self.site_locales),
                "property",
                ("meta", "og:locale"),
            )
            self._alternates[lang] = tag
            return tag

    def topic_feeds(self, topic, links: SiteLinks) -> list[tuple[str, Tag]]:
        """(href, tag) of each feed of a topic (topics repeat on every page
        of their articles)."""
        hit = self._topic_feeds.get(id(topic))
        if hit is None or hit[0] is not topic:
            feeds = [
                (feed.mime, field(feed.title), feed.url)
                for feed in getattr(topic, "feeds", None) or []
            ]
            hit = (topic, _feed_tags(feeds, links))
            self._topic_feeds[id(topic)] = hit
        return hit[1]


def canonical_url(info: PageInfo, links: SiteLinks) -> str | None:
    if info.doc is not None:
        given = metadata.value(info.doc, "canonical")
        if given:
            return given
    if info.canonical_path is not None:
        return links.absolute(info.canonical_path)
    return links.page_url(info)


def page_images(
    info: PageInfo, settings: dict, static_content, links: SiteLinks
) -> list[Image]:
    """Candidate images, best first: metadata ``image``, the gated paper's
    cover, ``PULLMARKETING_DEFAULT_IMAGE``; the page's share card before the
    default image (``"missing"``) or before every image (``"all"``). Each
    value is resolved (its file found and its size read) once per build: the
    default image is every page's."""
    candidates = image_candidates(info, settings)
    card = cards.page_card(info, bool(candidates[0] or candidates[1]))
    if card is not None:
        return [card, *resolved_images(candidates, settings, static_content, links)]
    return resolved_images(candidates, settings, static_content, links)


def image_candidates(info: PageInfo, settings: dict) -> tuple:
    """(metadata ``image``, the gated paper's cover, the site's default
    image) of a page, each None when absent."""
    return (
        metadata.value(info.doc, "image") if info.doc is not None else None,
        getattr(info.gate, "cover", None) if info.gate is not None else None,
        settings.get("PULLMARKETING_DEFAULT_IMAGE"),
    )


def page_card(info: PageInfo, settings: dict) -> Image | None:
    """The page's share card as ``page_images`` asks for it (the card job
    noted then), without the rest."""
    candidates = image_candidates(info, settings)
    return cards.page_card(info, bool(candidates[0] or candidates[1]))


def resolved_images(
    candidates, settings: dict, static_content, links: SiteLinks
) -> list[Image]:
    """The candidates' images, each value resolved once per build."""
    if not any(candidates):  # most pages have no image
        return []
    known = links.images
    images = []
    for value in candidates:
        if value:
            key = (value, id(static_content))
            hit = known.get(key)
            if hit is None or hit[0] is not static_content:
                hit = known[key] = (
                    static_content,
                    resolve(value, settings, static_content),
                )
            if hit[1] is not None:
                images.append(hit[1])
    return images


def _site_feeds(settings: dict, links: SiteLinks, sitename: str):
    """(mime, title, path or URL) of Pelican's site-wide feeds."""
    feeds = []
    feed_domain = (settings.get("FEED_DOMAIN") or "").rstrip("/")
    if feed_domain == links.siteurl or "://" not in feed_domain:
        feed_domain = ""  # Pelican's feeds live under SITEURL
    for key, mime, label in (
        ("FEED_ALL_ATOM", "application/atom+xml", "Atom"),
        ("FEED_ALL_RSS", "application/rss+xml", "RSS"),
    ):
        path = settings.get(f"{key}_URL") or settings.get(key)
        if path:
            url = f"{feed_domain}/{path.lstrip('/')}" if feed_domain else path
            feeds.append((mime, f"{sitename} ({label})", url))
    return feeds


def _feed_tags(feeds, links: SiteLinks) -> list[tuple[str, Tag]]:
    out, seen = [], set()
    for mime, title, path in feeds:
        href = links.href(path)
        if href in seen:
            continue
        seen.add(href)
        out.append(
            (
                href,
                Tag(
                    ("feed", feed_key(href, links.siteurl)),
                    f'<link rel="alternate" type="{_attr(mime)}" title="{_attr(title)}" '
                    f'href="{_attr(href)}">',
                ),
            )
        )
    return out


def _feed_links(ctx, info: PageInfo, site: SiteTags, links: SiteLinks) -> list[Tag]:
    """The site's feeds, then those of the document's topics, the hub's
    topic, or every topic on the subscribe page (each href once)."""
    topics = ()
    if info.doc is not None:
        topics = getattr(info.doc, "pm_topics", None) or ()
    elif info.topic is not None:
        topics = (info.topic,)
    elif info.kind == "subscribe":
        topics = ctx.get("topics") or ()
    if not topics:
        return site.site_feed_tags  # shared: callers only read it
    tags = list(site.site_feed_tags)
    seen = set(site.site_feed_hrefs)
    for topic in topics:
        for href, tag in site.topic_feeds(topic, links):
            if href not in seen:
                seen.add(href)
                tags.append(tag)
    return tags


def feed_key(href: str, siteurl: str) -> str:
    """Feed link identity whether written absolute, root-relative or (under
    RELATIVE_URLS) relative to the page: ``../feeds/all.atom.xml``."""
    if siteurl and href.startswith(siteurl):
        href = href[len(siteurl) :]
    elif "://" in href:
        href = href.split("://", 1)[1].partition("/")[2]
    href = href.lstrip("/")
    while href.startswith(("../", "./")):
        href = href.split("/", 1)[1]
    return href


def _hreflang(info: PageInfo, links: SiteLinks) -> list[Tag]:
    doc = info.doc
    translations = list(getattr(doc, "translations", None) or []) if doc else []
    if not translations:
        return []
    tags = []
    for item in sorted([doc, *translations], key=lambda d: d.lang or ""):
        href = links.absolute(links.doc_path(item))
        if href and item.lang:
            tags.append(
                Tag(
                    ("hreflang", item.lang.lower()),
                    f'<link rel="alternate" hreflang="{_attr(item.lang)}" href="{_attr(href)}">',
                )
            )
    return tags


def _og_locale(lang: str, settings: dict, site_locales: dict | None = None) -> str:
    """Open Graph's ``ll_TT`` form of a page's language: PULLMARKETING_OG_LOCALES
    when it names the language; ``en-GB`` -> ``en_GB``; a bare ``en`` takes
    its territory from Pelican's LOCALE (``en_GB.UTF-8``) when that names
    one, else from the LOCALE of the site built in that language
    (``site_locales``: under i18n_subsites, so that a page and its
    translation agree on both locales), else the language's most likely
    territory (CLDR, through Babel)."""
    chosen = settings.get("PULLMARKETING_OG_LOCALES") or {}
    lang = (lang or "en").replace("-", "_")
    if lang in chosen:
        return chosen[lang]
    if "_" in lang:
        head, _, tail = lang.partition("_")
        return f"{head.lower()}_{tail.upper()}" if len(tail) == 2 else lang
    for locales in (settings.get("LOCALE"), (site_locales or {}).get(lang)):
        found = _locale_of(lang, locales)
        if found:
            return found
    return likely_locale(lang)


def _locale_of(lang: str, locales) -> str | None:
    """The first of a LOCALE setting's locales (one or a list) in ``lang``,
    without its encoding: ``en_GB.UTF-8`` -> ``en_GB``."""
    for loc in [locales] if isinstance(locales, str) else locales or ():
        code = str(loc).split(".")[0]
        if code.lower().startswith(lang.lower() + "_"):
            return code
    return None


@functools.cache
def likely_locale(lang: str) -> str:
    """``fr`` -> ``fr_FR``, ``en`` -> ``en_US``, ``cy`` -> ``cy_GB`` (CLDR's
    likely subtags); the language itself when CLDR knows no territory."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang.lower())
    territory = likely.split("_")[-1] if likely else ""
    if len(territory) == 2 and territory.isalpha():
        return f"{lang.lower()}_{territory}"
    return lang


_NOTHING: dict = {}


def _labelled_title(info: PageInfo) -> str | None:
    """The page's title with what tells it apart from another page of the
    same title (its kind), in the page's language; None for kinds without."""
    kind = info.kind
    if kind not in _LABELLED_KINDS:
        return None
    _ = i18n.gettext_for(info.lang)
    if kind == "category":
        # Translators: the title of a page whose title another page has
        # already, followed by what the page is ("Heat pumps (category)").
        return _("{title} (category)").format(title=info.title)
    if kind == "tag":
        return _("{title} (tag)").format(title=info.title)
    if kind == "author":
        return _("{title} (author)").format(title=info.title)
    if kind == "topic":
        return _("{title} (topic)").format(title=info.title)
    if kind == "page":
        return _("{title} (page)").format(title=info.title)
    return _("{title} (archives)").format(title=info.title)


# Kinds of pages whose title may say what they are (_labelled_title).
_LABELLED_KINDS = frozenset(
    ("category", "tag", "author", "topic", "page", "period_archives")
)


class PageHead:
    """One page's values as its tags write them, each escaped once (most
    are written in several tags), and the keys of the tags the page already
    has (``present``: the theme's, for the injector)."""

    __slots__ = (
        "info",
        "present",
        "description",
        "canonical",
        "title",
        "share",
        "image_url",
    )

    def __init__(self, info: PageInfo, present, canonical, share, image_url):
        self.info = info
        self.present = present
        self.description = self.escaped(info.description)
        self.canonical = _attr(canonical) if canonical else ""
        self.title = ""  # the social title, once the <title> is known
        self.share = share  # the image Open Graph and Twitter show (no SVG)
        self.image_url = image_url

    def escaped(self, value: str) -> str:
        """``value`` for an attribute; on a page kept ASCII, with character
        references for the rest (see inject.py)."""
        if not value:
            return ""
        value = _attr(value)
        if self.info.ascii_only and not value.isascii():
            value = ascii_markup(value)
        return value


def head_tags(
    ctx,
    settings: dict,
    template_name: str | None,
    links: SiteLinks,
    present=_NOTHING,
    info: PageInfo | None = None,
) -> tuple[PageInfo, list[str], list[jsonld.Node]]:
    """The markup of every tag of the page whose key (or group) is not in
    ``present`` (the theme's, for the injector), in order, and the JSON-LD
    nodes separately (the injector drops types a theme already describes).
    A tag the theme has is not even written."""
    site = SiteTags.of(settings, links)
    if info is None:
        info = page_info(ctx, settings, template_name, links)
    static_content = ctx.get("static_content")
    canonical = info.canonical
    if canonical is None:
        canonical = info.canonical = canonical_url(info, links)
    images = page_images(info, settings, static_content, links)
    image = share = image_url = None
    if images:
        image = images[0]  # JSON-LD takes SVG too
        share = next((i for i in images if not i.is_svg), None)
        image_url = links.absolute(share.url) if share else None
    page = PageHead(info, present, canonical, share, image_url)
    out: list[str] = []
    _search_tags(out, page, site, ctx, links)
    _open_graph_tags(out, page, site)
    if info.kind == "article":
        _article_tags(out, page)
    _twitter_tags(out, page, site)
    if info.is_home:
        out += [t.html for t in site.verification if t.key not in present]
    if not out:
        # The JSON-LD of a page that gets no tag is spliced as it is.
        info.ascii_only = False
    nodes = jsonld.graph(info, settings, links, canonical, image, static_content)
    return info, out, nodes


def _search_tags(out: list, page: PageHead, site: SiteTags, ctx, links) -> None:
    """Title, description, robots, canonical, prev/next, hreflang, feeds,
    the webmention endpoint."""
    info, present = page.info, page.present
    add = out.append
    if _TITLE not in present:
        title = site.page_title(info)
        add(f"<title>{escape(title, quote=False)}</title>")
        social = title if info.is_home else info.title
    else:
        social = site.home_title if info.is_home else info.title
    page.title = page.escaped(social)
    if page.description and _DESCRIPTION not in present:
        add(meta_html(_DESCRIPTION_OPEN, page.description))
    if info.robots and _ROBOTS not in present:
        add(meta_html(_ROBOTS_OPEN, _attr(info.robots)))
    if page.canonical and _CANONICAL not in present:
        add(link_html("canonical", page.canonical))
    if info.prev_path is not None and _PREV not in present:
        add(link_html("prev", _attr(links.href(info.prev_path))))
    if info.next_path is not None and _NEXT not in present:
        add(link_html("next", _attr(links.href(info.next_path))))
    doc = info.doc
    if doc is not None and getattr(doc, "translations", None):
        out += [t.html for t in _hreflang(info, links) if t.key not in present]
    out += [t.html for t in _feed_links(ctx, info, site, links) if t.key not in present]
    if site.webmention is not None and _WEBMENTION not in present:
        add(site.webmention.html)


def _open_graph_tags(out: list, page: PageHead, site: SiteTags) -> None:
    """``og:`` type, title, description, url, site name, locales, image."""
    info, present = page.info, page.present
    add = out.append
    if _OG_TYPE not in present:
        add(_OG_TYPE_ARTICLE if info.kind == "article" else _OG_TYPE_WEBSITE)
    if page.title and _OG_TITLE not in present:
        add(meta_html(_OG_TITLE_OPEN, page.title))
    if page.description and _OG_DESCRIPTION not in present:
        add(meta_html(_OG_DESCRIPTION_OPEN, page.description))
    if page.canonical and _OG_URL not in present:
        add(meta_html(_OG_URL_OPEN, page.canonical))
    if site.og_site_name is not None and _OG_SITE_NAME not in present:
        add(site.og_site_name.html)
    if _OG_LOCALE not in present:
        tag = site.og_locale(info.lang)
        if tag is not None:
            add(tag.html)
        doc = info.doc
        for other in (getattr(doc, "translations", None) if doc else None) or ():
            if getattr(other, "lang", None):
                tag = site.og_locale_alternate(other.lang)
                if tag is not None:
                    add(tag.html)
    if page.image_url and _OG_IMAGE not in present:
        share = page.share
        for tag in (
            _meta("og:image", page.image_url, "property"),
            _meta("og:image:width", share.width, "property"),
            _meta("og:image:height", share.height, "property"),
            _meta("og:image:alt", _image_alt(info), "property"),
        ):
            if tag is not None:
                add(tag.html)


def _image_alt(info: PageInfo) -> str:
    """The share image's alt text: metadata ``image_alt``, else the title."""
    given = metadata.value(info.doc, "image_alt") if info.doc is not None else None
    return field(given) if given else info.title


def _article_tags(out: list, page: PageHead) -> None:
    """``article:`` dates, section and tags."""
    info, present = page.info, page.present
    add = out.append
    for opening, key, value in (
        (_PUBLISHED_OPEN, _PUBLISHED, info.published_iso),
        (_MODIFIED_OPEN, _MODIFIED, info.modified_iso),
        (_SECTION_OPEN, _SECTION, info.section),
    ):
        if value and key not in present:
            add(meta_html(opening, _attr(value)))
    if _ARTICLE_TAG not in present:
        for name in info.tag_names:
            if name:
                add(meta_html(_ARTICLE_TAG_OPEN, _attr(name)))


def _twitter_tags(out: list, page: PageHead, site: SiteTags) -> None:
    """``twitter:`` card, title, description, image, site; then the
    article's ``fediverse:creator`` (Mastodon's author under a link)."""
    present = page.present
    add = out.append
    if _TWITTER_CARD not in present:
        add(_TWITTER_LARGE if page.image_url else _TWITTER_SUMMARY)
    if page.title and _TWITTER_TITLE not in present:
        add(meta_html(_TWITTER_TITLE_OPEN, page.title))
    if page.description and _TWITTER_DESCRIPTION not in present:
        add(meta_html(_TWITTER_DESCRIPTION_OPEN, page.description))
    if page.image_url and _TWITTER_IMAGE not in present:
        add(meta_html(_TWITTER_IMAGE_OPEN, _attr(page.image_url)))
    tag = site.twitter_site
    if tag is not None and tag.key not in present:
        add(tag.html)
    if page.info.kind == "article" and _FEDIVERSE not in present:
        creator = cards.fediverse_creator(page.info.doc)
        if creator:
            add(meta_html(_FEDIVERSE_OPEN, _attr(creator)))


# Keys and openings of the tags every page may have.
_TITLE = ("title",)
_CANONICAL = ("canonical",)
_PREV, _NEXT = ("rel", "prev"), ("rel", "next")
_WEBMENTION = ("rel", "webmention")
_OG_SITE_NAME = ("meta", "og:site_name")
_OG_LOCALE = ("meta", "og:locale")
_OG_IMAGE = ("meta", "og:image")


def _meta_key(name: str, attr: str = "name") -> tuple[tuple, str]:
    """The key of a ``<meta>`` of ``name`` and its opening."""
    key = _META_KEYS[name] = ("meta", name)
    return key, meta_opening(name, attr)


_DESCRIPTION, _DESCRIPTION_OPEN = _meta_key("description")
_ROBOTS, _ROBOTS_OPEN = _meta_key("robots")
_OG_TYPE, _OG_TYPE_OPEN = _meta_key("og:type", "property")
_OG_TITLE, _OG_TITLE_OPEN = _meta_key("og:title", "property")
_OG_DESCRIPTION, _OG_DESCRIPTION_OPEN = _meta_key("og:description", "property")
_OG_URL, _OG_URL_OPEN = _meta_key("og:url", "property")
_PUBLISHED, _PUBLISHED_OPEN = _meta_key("article:published_time", "property")
_MODIFIED, _MODIFIED_OPEN = _meta_key("article:modified_time", "property")
_SECTION, _SECTION_OPEN = _meta_key("article:section", "property")
_ARTICLE_TAG, _ARTICLE_TAG_OPEN = _meta_key("article:tag", "property")
_TWITTER_CARD, _TWITTER_CARD_OPEN = _meta_key("twitter:card")
_TWITTER_TITLE, _TWITTER_TITLE_OPEN = _meta_key("twitter:title")
_TWITTER_DESCRIPTION, _TWITTER_DESCRIPTION_OPEN = _meta_key("twitter:description")
_TWITTER_IMAGE, _TWITTER_IMAGE_OPEN = _meta_key("twitter:image")
_FEDIVERSE, _FEDIVERSE_OPEN = _meta_key("fediverse:creator")
_OG_TYPE_ARTICLE = meta_html(_OG_TYPE_OPEN, "article")
_OG_TYPE_WEBSITE = meta_html(_OG_TYPE_OPEN, "website")
_TWITTER_LARGE = meta_html(_TWITTER_CARD_OPEN, "summary_large_image")
_TWITTER_SUMMARY = meta_html(_TWITTER_CARD_OPEN, "summary")


def render_head(
    ctx,
    settings: dict,
    template_name: str | None,
    links: SiteLinks,
) -> str:
    _, tags, nodes = head_tags(ctx, settings, template_name, links)
    lines = [MARKER, *tags]
    script = jsonld.script(nodes)
    if script:
        lines.append(script)
    return "\n".join(lines) + "\n"


def jinja_global(settings: dict):
    """``pullmarketing_head`` bound to the build's settings (whose SITEURL is
    absolute even where the template context's is relative)."""
    from jinja2 import pass_context

    from .. import build

    links = SiteLinks(settings)
    current = build.current()
    if current is not None and current.seo is not None:
        links.site_locales = current.seo.links.site_locales

    @pass_context
    def pullmarketing_head(ctx):
        return Markup(render_head(ctx, settings, getattr(ctx, "name", None), links))

    return pullmarketing_head
