"""Schema.org structured data for one page, as one JSON-LD ``@graph``.

Nodes by page kind:
- home: ``WebSite`` (with ``publisher``) + the publisher + ``CollectionPage``;
- article: ``BlogPosting`` (headline <= 110 characters, description, image,
  datePublished/dateModified with offset, author name+url, publisher,
  mainEntityOfPage, keywords from tags and focus keywords, isPartOf its
  first topic) + the publisher;
- page, subscribe, thank-you, 404: ``WebPage``;
- lists (index pages, category, tag, author, archives, topic hubs):
  ``CollectionPage`` with an ``ItemList`` of the articles on the page;
- with a firm (``PULLMARKETING_BUSINESS``), the publisher is its node (a
  ``LocalBusiness`` subtype or ``Organization``) and is on every page;
- gate landing: the page's node gets ``mainEntity``: a ``DigitalDocument``
  describing the paper (never the file's secret URL);
- ``BreadcrumbList`` wherever the page is at least one level below home.

Each node type has one builder (``publisher_node``, ``business_node``,
``website_node``, ``article_node``, ``page_node``, ``collection_node``,
``item_list``, ``paper_node``, ``breadcrumb_node``) returning the node as
a dict, empty values included: ``write``, the one writer, leaves them out.
Parts that repeat on many pages of a build (the publisher and references to
it, an author, a topic's hub, a listed article, the crumbs above a page) are
written once, kept in ``SiteGraph`` or the build's ``SiteLinks`` as ``Raw``
JSON text, and copied into each page's nodes.

``script()`` escapes ``<``, ``>``, ``&`` and line separators as ``\\uXXXX``
so no title can close the script or open a comment.
"""

from __future__ import annotations

import codecs
import json

from .. import metadata, text
from ..build import notes_of
from .images import Image
from .links import SiteLinks
from .pageinfo import LIST_KINDS, PageInfo, field, plain, site_values, url_path

HEADLINE_LIMIT = 110
ITEMLIST_LIMIT = 100

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


# json.dumps with options makes a new encoder on every call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def script(nodes: list) -> str:
    """The page's ``<script>`` of JSON-LD: nodes made by ``graph()`` or
    dicts."""
    if not nodes:
        return ""
    # Only the nodes can hold characters to escape: the rest is fixed text,
    # and the script is written with one copy.
    body = ",".join(
        [n.json if n.__class__ is Node else _ENCODER.encode(n) for n in nodes]
    )
    for char, escaped in _ESCAPES.items():  # most scripts have none of them
        if char in body:
            body = body.replace(char, escaped)
    return "".join((_SCRIPT_OPEN, body, _SCRIPT_CLOSE))


_SCRIPT_OPEN = (
    '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
)
_SCRIPT_CLOSE = "]}</script>"


# A page that is all ASCII stays so: one character outside it (the "…" of
# a cut description) would make Python store the whole page with two bytes a
# character, and copy and encode it more slowly when Pelican writes it. Ours
# are then written as references, which HTML and JSON parsers read as the
# characters themselves: numeric character references in tags and titles,
# \u escapes in JSON-LD (a script's text is not HTML-decoded). The values
# that carry them (a page's description) are converted before they are
# written into several tags, the rest of the head in one piece if needed.
def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the characters the ASCII codec cannot write, as
    JSON writes them (surrogate pairs past U+FFFF). A handler is called once
    for each run of such characters; the rest is encoded in C."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(
                f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
            )
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


codecs.register_error("pullmarketing.json", _json_escapes)


def ascii_json(text: str) -> str:
    """JSON text with every character outside ASCII written as ``\\uXXXX``."""
    return text.encode("ascii", "pullmarketing.json").decode("ascii")


# The writer -------------------------------------------------------------

# What ``_ENCODER`` writes for a str, non-ASCII kept (``ensure_ascii=False``),
# and the same with every character outside ASCII as a \u escape.
_enc = json.encoder.encode_basestring
_enc_ascii = json.encoder.encode_basestring_ascii


class Raw(str):
    """JSON text that ``write`` copies as it is: a part that repeats on many
    pages of a build (the publisher, an author, a listed article, the crumbs
    above a page), written once."""

    __slots__ = ()


class _Keys(dict):
    """``"key":`` of each key written, made on first use."""

    def __missing__(self, key: str) -> str:
        written = self[key] = f'"{key}":'
        return written


_KEYS = _Keys()


def write(node: dict) -> str:
    """The JSON text of ``node``, empty values left out at every depth (None,
    "", [] and {}; unknown values are left out rather than written empty):
    what ``_ENCODER`` writes for the node so pruned. ``Raw`` values are
    copied as they are. Keys are the schema.org names the builders write
    (nothing in them to escape)."""
    members = []
    add = members.append
    keys = _KEYS
    for key, value in node.items():
        cls = value.__class__
        # The common values first, each in one test; concatenation, not an
        # f-string, which would copy a Raw value through its __format__.
        if cls is str:
            if value:
                add(keys[key] + _enc(value))
        elif value is None:
            continue
        elif cls is Raw:
            add(keys[key] + value)
        elif cls is int:
            add(keys[key] + str(value))
        else:
            written = _value(value)
            if written is not None:
                add(keys[key] + written)
    return "{" + ",".join(members) + "}"


def members(fields: dict[str, str | None]) -> str:
    """The members of an object of strings (None and "" left out) as
    ``write`` writes them, without the braces: one listed item's fields,
    for ``list_item`` and ``list_items``."""
    keys = _KEYS
    return ",".join([keys[key] + _enc(value) for key, value in fields.items() if value])


def list_item(position: int, fields: str) -> str:
    """A ``ListItem`` of schema.org's numbered lists (an ``ItemList``'s or a
    ``BreadcrumbList``'s ``itemListElement``), its fields written by
    ``members``: an item repeats on many pages at other positions, its
    fields are written once."""
    if fields:
        return f'{{"@type":"ListItem","position":{position},{fields}}}'
    return f'{{"@type":"ListItem","position":{position}}}'


def list_items(first: int, fields: list[str]) -> Raw:
    """The ``ListItem`` array of ``fields`` (each written by ``members``),
    numbered from ``first``: ``list_item`` for each, in one loop (a list
    page lists up to ``ITEMLIST_LIMIT``)."""
    items = []
    add = items.append
    for position, written in enumerate(fields, first):
        if written:
            add(f'{{"@type":"ListItem","position":{position},{written}}}')
        else:
            add(f'{{"@type":"ListItem","position":{position}}}')
    return Raw("[" + ",".join(items) + "]")


def array(items: list[str]) -> Raw | None:
    """A JSON array of written items (None, left out, when there is none)."""
    return Raw("[" + ",".join(items) + "]") if items else None


def _value(value) -> str | None:
    """The JSON text of a value inside a node; None for an empty one."""
    cls = value.__class__
    if cls is dict:
        written = write(value)
        return written if written != "{}" else None
    if cls is list or cls is tuple:
        return _array(value)
    if cls is Raw:
        return value
    if cls is int:
        return str(value)
    if isinstance(value, str):
        return _enc(value) if value else None
    if value is None:
        return None
    if isinstance(value, dict):
        return _value(dict(value))
    return _ENCODER.encode(value)  # numbers, booleans


def _array(values) -> str | None:
    items = []
    add = items.append
    for value in values:
        written = value if value.__class__ is Raw else _value(value)
        if written is not None:
            add(written)
    return "[" + ",".join(items) + "]" if items else None


def raw(node: dict) -> Raw:
    """A part written once and copied into every page that has it."""
    return Raw(write(node))


class Node:
    """One node of the page's graph, as JSON text (made by ``write``), with
    its ``@type`` for the injector (which leaves out types a theme
    describes)."""

    __slots__ = ("type", "json")

    def __init__(self, type: str, json: str):
        self.type = type
        self.json = json

    def __repr__(self) -> str:
        return f"Node({self.json})"


def _page_value(value: str, ascii_only: bool) -> str:
    """A string value of the page's own node; on a page kept ASCII (see
    ``ascii_json``), already written as JSON text with the characters outside
    ASCII as \\u escapes."""
    if not ascii_only or value.isascii():
        return value
    if "\x7f" not in value:  # the C encoder escapes DEL too; ascii_json does not
        return Raw(_enc_ascii(value))
    return Raw(ascii_json(_enc(value)))


# Values of several nodes --------------------------------------------------


def _image_object(image: Image | None, links: SiteLinks) -> dict | None:
    if image is None:
        return None
    url = links.absolute(image.url)
    if not url:
        return None
    return {
        "@type": "ImageObject",
        "url": url,
        "width": image.width,
        "height": image.height,
    }


def _id(url: str | None, fragment: str) -> str | None:
    return f"{url}#{fragment}" if url else None


def _keywords(doc, tag_names: list[str] | None = None) -> str:
    kept, seen = [], set()
    if tag_names is None:
        tag_names = [field(t) for t in getattr(doc, "tags", None) or []]
    for word in tag_names + list(metadata.value(doc, "focus_keywords") or []):
        if word and word.lower() not in seen:
            seen.add(word.lower())
            kept.append(word)
    return ", ".join(kept)


def _size(size) -> str | None:
    if not isinstance(size, int) or size <= 0:
        return None
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def topic_ref(topic, links: SiteLinks) -> dict | None:
    """The hub of a topic, as the articles of the topic name it."""
    if topic is None or not getattr(topic, "url", None):
        return None
    url = links.absolute(url_path(topic.url))
    if not url:
        return None
    return {
        "@type": "CollectionPage",
        "@id": url + "#webpage",
        "url": url,
        "name": field(topic.title),
    }


# The site's nodes, made once per build --------------------------------------


def publisher_node(settings: dict, links: SiteLinks, static_content=None) -> dict:
    """The site's node: the firm (or person) behind the site, the
    ``publisher`` of every article and of the home page's ``WebSite``: the
    firm of ``PULLMARKETING_BUSINESS`` (``business_node``), else
    ``PULLMARKETING_PUBLISHER`` (deprecated: type, name, url, logo,
    same_as), else an Organization named SITENAME at SITEURL.

    ``SiteGraph`` writes this node once per build into the home page and
    every article (with a firm, into every page), and the other nodes name
    it by its ``@id``."""
    from ..business.model import business_from
    from .images import resolve

    firm = business_from(settings.get("PULLMARKETING_BUSINESS"))
    if firm is not None:
        return business_node(firm, settings, links, static_content)
    pub = settings.get("PULLMARKETING_PUBLISHER") or {}
    kind = pub.get("type") or "Organization"
    logo = _image_object(resolve(pub.get("logo"), settings, static_content), links)
    return {
        "@type": kind,
        "@id": _id(links.home, "publisher"),
        "name": pub.get("name") or site_values(settings, links).sitename,
        "url": links.absolute(pub.get("url") or ""),
        ("image" if kind == "Person" else "logo"): logo,
        "sameAs": list(pub.get("same_as") or []),
    }


def business_node(firm, settings: dict, links: SiteLinks, static_content) -> dict:
    """The firm (a ``business.model.Business``) as the site's node, of the
    schema.org type the owner chose (``Plumber``, ``HVACBusiness``, ... or
    ``Organization``): what local search reads, from the values the theme
    prints. A place's properties (geo, opening hours, price range) only for
    a ``LocalBusiness``; the logo stands in for the image Google asks of one.
    No ``aggregateRating`` or ``review``: Google ignores (and may penalise) a
    firm's ratings of itself."""
    from ..business.nap import DAY_NAMES
    from ..business.types import PLACE_ONLY
    from .images import resolve

    def image(value: str) -> dict | None:
        return _image_object(resolve(value, settings, static_content), links)

    logo = image(firm.logo)
    address, geo = firm.address, firm.geo
    node = {
        "@type": firm.type,
        "@id": _id(links.home, "publisher"),
        "name": firm.name,
        "url": links.home,
        "logo": logo,
        "image": image(firm.image) or logo,
        "telephone": firm.telephone,
        "email": firm.email,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address.street,
            "addressLocality": address.locality,
            "addressRegion": address.region,
            "postalCode": address.postcode,
            "addressCountry": address.country,
        }
        if address
        else None,
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": geo.latitude,
            "longitude": geo.longitude,
        }
        if geo
        else None,
        "areaServed": list(firm.area_served),
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [DAY_NAMES[day] for day in hours.days],
                "opens": hours.opens,
                "closes": hours.closes,
            }
            for hours in firm.opening_hours
        ],
        "priceRange": firm.price_range,
        "sameAs": list(firm.same_as),
    }
    if not firm.is_local:
        for key in PLACE_ONLY:
            del node[key]
    return node


class SiteGraph:
    """The graph's parts that are the same on every page of a build, written
    once: the publisher node and references to it and to the site, and each
    author."""

    def __init__(self, settings: dict, links: SiteLinks, static_content):
        self.settings = settings
        self.links = links
        self.sitename = site_values(settings, links).sitename
        publisher = publisher_node(settings, links, static_content)
        self.publisher_url = publisher["url"]
        self.publisher = Node(publisher["@type"], write(publisher))
        # Other nodes name the publisher by its @id (when there is a SITEURL).
        self.publisher_ref = (
            raw({"@id": publisher["@id"]})
            if publisher["@id"]
            else Raw(self.publisher.json)
        )
        # A firm's node is on every page: local search reads any page.
        self.on_every_page = bool(settings.get("PULLMARKETING_BUSINESS"))
        self.website_id = _id(links.home, "website")
        self.website_ref = raw({"@id": self.website_id}) if links.home else None
        self.with_author_pages = bool(settings.get("AUTHOR_SAVE_AS"))
        self.authors: dict[tuple, Raw] = {}
        self.topics: dict[int, tuple[object, Raw | None]] = {}
        # Google wants an author: the publisher wrote what names nobody.
        self.no_author = array(
            [
                write(
                    {
                        "@type": publisher["@type"],
                        "name": publisher["name"],
                        "url": publisher["url"],
                    }
                )
            ]
        )

    @classmethod
    def of(cls, settings: dict, links: SiteLinks, static_content) -> SiteGraph:
        made = links.jsonld_site
        if made is None or made.settings is not settings:
            made = links.jsonld_site = cls(settings, links, static_content)
        return made

    def authors_of(self, doc) -> Raw:
        out = []
        for author in getattr(doc, "authors", None) or ():
            # Pelican makes an Author per document and formats its URL on
            # every access: one encoding per name and slug.
            key = (str(author), getattr(author, "slug", None))
            made = self.authors.get(key)
            if made is None:
                made = self.authors[key] = raw(self.person_node(author))
            out.append(made)
        return array(out) if out else self.no_author

    def part_of(self, info: PageInfo) -> Raw | None:
        """What an article is part of: its first topic's hub, else the
        site."""
        topic = info.topic
        if topic is None:
            return self.website_ref
        # A topic's articles all name it.
        hit = self.topics.get(id(topic))
        if hit is None or hit[0] is not topic:
            ref = topic_ref(topic, self.links)
            hit = self.topics[id(topic)] = (topic, raw(ref) if ref else None)
        return hit[1] or self.website_ref

    def person_node(self, author) -> dict:
        url = None
        if self.with_author_pages:
            url = self.links.absolute(url_path(author.url))
        return {
            "@type": "Person",
            "name": field(author),
            "url": url or self.publisher_url,
        }


def website_node(info: PageInfo, site: SiteGraph) -> dict:
    """The home page's ``WebSite``."""
    return {
        "@type": "WebSite",
        "@id": site.website_id,
        "url": site.links.home,
        "name": site.sitename,
        "description": _page_value(info.description, info.ascii_only),
        "inLanguage": info.lang,
        "publisher": site.publisher_ref,
    }


# One page's nodes -----------------------------------------------------------


def article_node(
    info: PageInfo,
    site: SiteGraph,
    canonical: str | None,
    image: dict | None,
    static_content,
) -> dict:
    """An article's ``BlogPosting``."""
    headline = info.title
    if len(headline) > HEADLINE_LIMIT:
        headline = text.truncate(headline, HEADLINE_LIMIT)
    doc = info.doc
    return {
        "@type": "BlogPosting",
        "@id": _id(canonical, "article"),
        "headline": headline,
        "description": _page_value(info.description, info.ascii_only),
        "image": image,
        "datePublished": info.published_iso,
        "dateModified": info.modified_iso,
        "author": site.authors_of(doc),
        "publisher": site.publisher_ref,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "inLanguage": info.lang,
        "articleSection": info.section,
        "keywords": _keywords(doc, info.tag_names),
        "isPartOf": site.part_of(info),
        "about": (
            paper_node(info, site, static_content) if info.gate is not None else None
        ),
        **conversation_members(info),
    }


def conversation_members(info: PageInfo) -> dict:
    """An article's ``comment`` and ``interactionStatistic``, from the
    conversation feature (``article.pm_conversation``); none without one.
    On a page kept ASCII, written as JSON text with \\u escapes."""
    conversation = getattr(info.doc, "pm_conversation", None)
    if conversation is None:
        return {}
    if not info.ascii_only:
        return conversation.jsonld
    return {
        key: Raw(ascii_json(_ENCODER.encode(value)))
        for key, value in conversation.jsonld.items()
    }


def page_node(
    info: PageInfo,
    site: SiteGraph,
    canonical: str | None,
    image: dict | None,
    static_content,
) -> dict:
    """A ``WebPage``: pages, the subscribe, thank-you and 404 pages. A gate's
    landing page is about its paper."""
    node = _web_page("WebPage", info, site, canonical, image)
    if info.gate is not None and info.kind != "gate_thanks":
        node["mainEntity"] = paper_node(info, site, static_content)
    return node


def collection_node(
    info: PageInfo,
    site: SiteGraph,
    canonical: str | None,
    image: dict | None,
    static_content,
) -> dict:
    """A ``CollectionPage``: the lists (index pages, categories, tags,
    authors, archives, topic hubs), with the articles listed."""
    node = _web_page("CollectionPage", info, site, canonical, image)
    node["mainEntity"] = item_list(info, site.links)
    return node


def _web_page(
    kind: str, info: PageInfo, site: SiteGraph, canonical: str | None, image
) -> dict:
    node = {
        "@type": kind,
        "@id": _id(canonical, "webpage"),
        "url": canonical,
        "name": info.title,
        "description": _page_value(info.description, info.ascii_only),
        "inLanguage": info.lang,
        "isPartOf": site.website_ref,
    }
    if info.doc is not None:
        node["primaryImageOfPage"] = image
        node["datePublished"] = info.published_iso
        node["dateModified"] = info.modified_iso
    if info.crumbs and canonical:
        node["breadcrumb"] = {"@id": canonical + "#breadcrumb"}
    return node


def item_list(info: PageInfo, links: SiteLinks) -> dict | None:
    """The ``ItemList`` of the articles on a list page (the first
    ``ITEMLIST_LIMIT``)."""
    if not info.items:
        return None
    # Positions count on the whole list: page 3 of 10 per page starts at 21.
    start = (info.number - 1) * (info.per_page or len(info.items))
    siteurl = links.siteurl
    fields = []
    for doc in info.items[:ITEMLIST_LIMIT]:
        # An article is listed on many pages: its URL and name are written
        # once.
        notes = notes_of(doc)
        hit = notes.list_item
        if hit is None or hit[0] != siteurl:
            hit = notes.list_item = (siteurl, members(_listed(doc, links)))
        fields.append(hit[1])
    return {
        "@type": "ItemList",
        "numberOfItems": info.total_items or len(info.items),
        "itemListElement": list_items(start + 1, fields),
    }


def _listed(doc, links: SiteLinks) -> dict:
    """What a list says of an article it lists."""
    return {
        "url": links.absolute(links.doc_path(doc)),
        "name": plain(getattr(doc, "title", "")),
    }


def paper_node(info: PageInfo, site: SiteGraph, static_content) -> dict:
    """The gated paper as a ``DigitalDocument`` (never the file's secret
    URL)."""
    from .images import resolve

    gate = info.gate
    cover = resolve(getattr(gate, "cover", None), site.settings, static_content)
    return {
        "@type": "DigitalDocument",
        "name": info.title,
        "description": field(getattr(gate, "summary", None) or "") or info.description,
        "encodingFormat": getattr(gate, "file_type", None),
        "contentSize": _size(getattr(gate, "size", None)),
        "image": _image_object(cover, site.links),
        "inLanguage": info.lang,
        "isAccessibleForFree": True,
    }


def breadcrumb_node(info: PageInfo, links: SiteLinks, canonical: str | None) -> dict:
    """The trail from home to the page (``info.crumbs``)."""
    crumbs = info.crumbs
    # The crumbs above a page (Home, its topic or category) repeat on every
    # page below them: they are written once.
    above = tuple(crumbs[:-1])
    known = links.crumb_items
    items = known.get(above)
    if items is None:
        items = known[above] = [
            list_item(position, members({"name": name, "item": links.absolute(path)}))
            for position, (name, path) in enumerate(above, 1)
        ]
    # The last crumb is the page itself (its path is the page's).
    page = members({"name": crumbs[-1][0], "item": links.page_url(info)})
    return {
        "@type": "BreadcrumbList",
        "@id": canonical + "#breadcrumb" if canonical else None,
        "itemListElement": array([*items, list_item(len(crumbs), page)]),
    }


# The page's graph -------------------------------------------------------------


def graph(
    info: PageInfo,
    settings: dict,
    links: SiteLinks,
    canonical: str | None,
    image: Image | None,
    static_content=None,
) -> list[Node]:
    """The nodes of the page's graph, in order (see the module's docstring)."""
    site = SiteGraph.of(settings, links, static_content)
    image_object = _image_object(image, links)
    nodes: list[Node] = []
    if info.is_home:
        nodes.append(Node("WebSite", write(website_node(info, site))))
        nodes.append(site.publisher)
    if info.kind == "article":
        node = article_node(info, site, canonical, image_object, static_content)
        nodes.append(Node("BlogPosting", write(node)))
        nodes.append(site.publisher)
    elif info.kind in LIST_KINDS:
        node = collection_node(info, site, canonical, image_object, static_content)
        nodes.append(Node("CollectionPage", write(node)))
    else:
        node = page_node(info, site, canonical, image_object, static_content)
        nodes.append(Node("WebPage", write(node)))
    if site.on_every_page and not info.is_home and info.kind != "article":
        nodes.append(site.publisher)
    if len(info.crumbs) >= 2:
        nodes.append(
            Node("BreadcrumbList", write(breadcrumb_node(info, links, canonical)))
        )
    return nodes
