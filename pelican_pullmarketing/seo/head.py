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
- image: 1. metadata ``image``, 2. the gated paper's cover, 3.
  ``PULLMARKETING_DEFAULT_IMAGE``; width/height read from the file.
- feeds: Pelican's FEED_ALL_ATOM / FEED_ALL_RSS, then the feeds of the
  document's topics, the hub's topic, or every topic on the subscribe page.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from markupsafe import Markup

from .. import metadata
from . import jsonld
from .images import Image, resolve
from .links import SiteLinks
from .pageinfo import PageInfo, page_info, plain

MARKER = "<!-- pullmarketing:head -->"


class Tag(NamedTuple):
    key: tuple  # what the tag is; the injector skips keys the theme has
    html: str
    group: tuple | None = None  # skipped with this key (og:image:width with og:image)

    @property
    def skip_key(self) -> tuple:
        return self.group or self.key


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _meta(name: str, content, attr: str = "name", group=None) -> Tag | None:
    if content in (None, ""):
        return None
    return Tag(
        ("meta", name.lower()),
        f'<meta {attr}="{name}" content="{_attr(content)}">',
        group,
    )


def full_title(info: PageInfo, settings: dict) -> str:
    sitename = plain(settings.get("SITENAME") or "")
    if info.is_home:
        subtitle = plain(settings.get("SITESUBTITLE") or "")
        return f"{sitename} | {subtitle}" if subtitle else sitename
    if not sitename or info.title.startswith(sitename):
        return info.title or sitename
    return f"{info.title} | {sitename}"


def canonical_url(info: PageInfo, links: SiteLinks) -> str | None:
    if info.doc is not None:
        given = metadata.value(info.doc, "canonical")
        if given:
            return given
    return links.absolute(info.path)


def page_images(info: PageInfo, settings: dict, static_content) -> list[Image]:
    """Candidate images, best first: metadata ``image``, the gated paper's
    cover, ``PULLMARKETING_DEFAULT_IMAGE``."""
    candidates = []
    if info.doc is not None:
        candidates.append(metadata.value(info.doc, "image"))
    if info.gate is not None:
        candidates.append(getattr(info.gate, "cover", None))
    candidates.append(settings.get("PULLMARKETING_DEFAULT_IMAGE"))
    images = (resolve(value, settings, static_content) for value in candidates)
    return [image for image in images if image is not None]


def _feed_links(ctx, info: PageInfo, settings: dict, links: SiteLinks) -> list[Tag]:
    feeds: list[tuple[str, str, str]] = []  # (mime, title, path or URL)
    sitename = plain(settings.get("SITENAME") or "")
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
    topics = []
    if info.doc is not None:
        topics = list(getattr(info.doc, "pm_topics", None) or [])
    elif info.topic is not None:
        topics = [info.topic]
    elif info.kind == "subscribe":
        topics = list(ctx.get("topics") or [])
    for topic in topics:
        for feed in getattr(topic, "feeds", None) or []:
            feeds.append((feed.mime, plain(feed.title), feed.url))
    tags, seen = [], set()
    for mime, title, path in feeds:
        href = links.href(path)
        if href in seen:
            continue
        seen.add(href)
        tags.append(
            Tag(
                ("feed", feed_key(href, links.siteurl)),
                f'<link rel="alternate" type="{_attr(mime)}" title="{_attr(title)}" '
                f'href="{_attr(href)}">',
            )
        )
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


def _og_locale(lang: str, settings: dict) -> str:
    """``en-GB`` -> ``en_GB``; a bare ``en`` takes its territory from
    Pelican's LOCALE (``en_GB.UTF-8``) when that names one."""
    lang = (lang or "en").replace("-", "_")
    if "_" in lang:
        return lang
    locales = settings.get("LOCALE") or ()
    for loc in [locales] if isinstance(locales, str) else locales:
        code = str(loc).split(".")[0]
        if code.lower().startswith(lang.lower() + "_"):
            return code
    return lang


def head_tags(
    ctx,
    settings: dict,
    template_name: str | None = None,
    links: SiteLinks | None = None,
) -> tuple[PageInfo, list[Tag], list[dict]]:
    """Every tag of the page (JSON-LD nodes separately, so the injector can
    drop types a theme already describes)."""
    links = links or SiteLinks(settings)
    info = page_info(ctx, settings, template_name, links)
    static_content = ctx.get("static_content")
    canonical = info.canonical = canonical_url(info, links)
    images = page_images(info, settings, static_content)
    image = images[0] if images else None  # JSON-LD takes SVG too
    share = next((i for i in images if not i.is_svg), None)
    image_url = links.absolute(share.url) if share else None
    title = full_title(info, settings)
    sitename = plain(settings.get("SITENAME") or "")
    doc = info.doc
    is_article = info.kind == "article"

    tags: list[Tag | None] = [
        Tag(("title",), f"<title>{escape(title, quote=False)}</title>"),
        _meta("description", info.description),
        _meta("robots", info.robots),
    ]
    if canonical:
        tags.append(
            Tag(("canonical",), f'<link rel="canonical" href="{_attr(canonical)}">')
        )
    for rel, path in (("prev", info.prev_path), ("next", info.next_path)):
        if path is not None:
            tags.append(
                Tag(
                    ("rel", rel), f'<link rel="{rel}" href="{_attr(links.href(path))}">'
                )
            )
    tags += _hreflang(info, links)
    tags += _feed_links(ctx, info, settings, links)

    og = "property"
    tags += [
        _meta("og:type", "article" if is_article else "website", og),
        _meta("og:title", info.title if not info.is_home else title, og),
        _meta("og:description", info.description, og),
        _meta("og:url", canonical, og),
        _meta("og:site_name", sitename, og),
        _meta("og:locale", _og_locale(info.lang, settings), og),
    ]
    for other in getattr(doc, "translations", None) or [] if doc else []:
        if getattr(other, "lang", None):
            tags.append(
                _meta(
                    "og:locale:alternate",
                    _og_locale(other.lang, settings),
                    og,
                    ("meta", "og:locale"),
                )
            )
    if image_url:
        group = ("meta", "og:image")
        tags += [
            _meta("og:image", image_url, og),
            _meta("og:image:width", share.width, og, group),
            _meta("og:image:height", share.height, og, group),
            _meta("og:image:alt", info.title, og, group),
        ]
    if is_article:
        tags += [
            _meta("article:published_time", jsonld._iso(info.published), og),
            _meta("article:modified_time", jsonld._iso(info.modified), og),
            _meta("article:section", plain(getattr(doc, "category", "") or ""), og),
        ]
        group = ("meta", "article:tag")
        for tag in getattr(doc, "tags", None) or []:
            tags.append(_meta("article:tag", plain(tag), og, group))
    tags += [
        _meta("twitter:card", "summary_large_image" if image_url else "summary"),
        _meta("twitter:title", info.title if not info.is_home else title),
        _meta("twitter:description", info.description),
        _meta("twitter:image", image_url),
        _meta("twitter:site", settings.get("PULLMARKETING_TWITTER_SITE")),
    ]
    nodes = jsonld.graph(info, settings, links, canonical, image, static_content)
    return info, [t for t in tags if t is not None], nodes


def render_head(
    ctx,
    settings: dict,
    template_name: str | None = None,
    links: SiteLinks | None = None,
) -> str:
    _, tags, nodes = head_tags(ctx, settings, template_name, links)
    lines = [MARKER, *(t.html for t in tags)]
    script = jsonld.script(nodes)
    if script:
        lines.append(script)
    return "\n".join(lines) + "\n"


def jinja_global(settings: dict):
    """``pullmarketing_head`` bound to the build's settings (whose SITEURL is
    absolute even where the template context's is relative)."""
    from jinja2 import pass_context

    links = SiteLinks(settings)

    @pass_context
    def pullmarketing_head(ctx):
        return Markup(render_head(ctx, settings, getattr(ctx, "name", None), links))

    return pullmarketing_head
