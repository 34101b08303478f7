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
- gate landing: the page's node gets ``mainEntity``: a ``DigitalDocument``
  describing the paper (never the file's secret URL);
- ``BreadcrumbList`` wherever the page is at least one level below home.

``script()`` escapes ``<``, ``>``, ``&`` and line separators as ``\\uXXXX``
so no title can close the script or open a comment.
"""

from __future__ import annotations

import codecs
import json

from .. import metadata, text
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
    for char, escaped in _ESCAPES.items():  # str.replace beats translate here
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


def _prune(value):
    """Drop None, empty strings and empty containers (unknown values are left
    out rather than emitted empty)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                v = _prune(v)
            if v is not None and v != "" and v != [] and v != {}:
                out[k] = v
        return out
    if isinstance(value, list):
        out = [_prune(v) if isinstance(v, (dict, list)) else v for v in value]
        return [v for v in out if v is not None and v != "" and v != [] and v != {}]
    return value


def _compact(node: dict) -> dict:
    """``_prune`` one level deep, for nodes whose nested values were made
    compact already (the common case: every value non-empty)."""
    return {
        k: v
        for k, v in node.items()
        if v or not (v is None or isinstance(v, (str, list, dict)))
    }


def _image_object(image: Image | None, links: SiteLinks):
    if image is None:
        return None
    url = links.absolute(image.url)
    if not url:
        return None
    return _compact(
        {
            "@type": "ImageObject",
            "url": url,
            "width": image.width,
            "height": image.height,
        }
    )


def _id(url: str | None, fragment: str) -> str | None:
    return f"{url}#{fragment}" if url else None


def publisher_node(settings: dict, links: SiteLinks, static_content=None) -> dict:
    """``PULLMARKETING_PUBLISHER`` (type, name, url, logo, same_as), else an
    Organization named SITENAME at SITEURL."""
    from .images import resolve

    pub = settings.get("PULLMARKETING_PUBLISHER") or {}
    kind = pub.get("type") or "Organization"
    logo = _image_object(resolve(pub.get("logo"), settings, static_content), links)
    return _prune(
        {
            "@type": kind,
            "@id": _id(links.home, "publisher"),
            "name": pub.get("name") or site_values(settings, links).sitename,
            "url": links.absolute(pub.get("url") or ""),
            ("image" if kind == "Person" else "logo"): logo,
            "sameAs": list(pub.get("same_as") or []),
        }
    )


def _keywords(doc, tag_names: list[str] | None = None) -> str:
    kept, seen = [], set()
    if tag_names is None:
        tag_names = [field(t) for t in getattr(doc, "tags", None) or []]
    for word in tag_names + list(metadata.value(doc, "focus_keywords") or []):
        if word and word.lower() not in seen:
            seen.add(word.lower())
            kept.append(word)
    return ", ".join(kept)


def _paper(info: PageInfo, links: SiteLinks, settings: dict, static_content) -> dict:
    from .images import resolve

    gate = info.gate
    cover = _image_object(
        resolve(getattr(gate, "cover", None), settings, static_content), links
    )
    return _compact(
        {
            "@type": "DigitalDocument",
            "name": info.title,
            "description": field(getattr(gate, "summary", None) or "")
            or info.description,
            "encodingFormat": getattr(gate, "file_type", None),
            "contentSize": _size(getattr(gate, "size", None)),
            "image": cover,
            "inLanguage": info.lang,
            "isAccessibleForFree": True,
        }
    )


def _size(size) -> str | None:
    if not isinstance(size, int) or size <= 0:
        return None
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _crumb(position: int, name: str, url: str | None) -> str:
    return (
        '{"@type":"ListItem","position":'
        + str(position)
        + (',"name":' + _enc(name) if name else "")
        + (',"item":' + _enc(url) if url else "")
        + "}"
    )


def _breadcrumb(info: PageInfo, links: SiteLinks, canonical: str | None) -> str:
    crumbs = info.crumbs
    # The crumbs above a page (Home, its topic or category) repeat on every
    # page below them: their items are encoded once.
    above = tuple(crumbs[:-1])
    known = links.memo.get("crumb_items")
    if known is None:
        known = links.memo["crumb_items"] = {}
    items = known.get(above)
    if items is None:
        items = known[above] = "".join(
            [
                _crumb(i, name, links.absolute(path)) + ","
                for i, (name, path) in enumerate(above, 1)
            ]
        )
    # The last crumb is the page itself (its path is the page's).
    name = crumbs[-1][0]
    return (
        '{"@type":"BreadcrumbList"'
        + (',"@id":' + _enc(canonical + "#breadcrumb") if canonical else "")
        + ',"itemListElement":['
        + items
        + _crumb(len(crumbs), name, links.page_url(info))
        + "]}"
    )


def _item_list(info: PageInfo, links: SiteLinks) -> str | None:
    if not info.items:
        return None
    # Positions count on the whole list: page 3 of 10 per page starts at 21.
    start = (info.number - 1) * (info.per_page or len(info.items))
    known = links.memo.setdefault("list_items", {})
    elements = []
    for i, doc in enumerate(info.items[:ITEMLIST_LIMIT], start=1):
        # An article is listed on many pages: its URL and name are encoded once.
        hit = known.get(id(doc))
        if hit is None or hit[0] is not doc:
            url = links.absolute(links.doc_path(doc))
            name = plain(getattr(doc, "title", ""))
            rest = (
                (',"url":' + _enc(url) if url else "")
                + (',"name":' + _enc(name) if name else "")
                + "}"
            )
            hit = known[id(doc)] = (doc, rest)
        elements.append('{"@type":"ListItem","position":' + str(start + i) + hit[1])
    return (
        '{"@type":"ItemList","numberOfItems":'
        + str(info.total_items or len(info.items))
        + ',"itemListElement":['
        + ",".join(elements)
        + "]}"
    )


class Node:
    """One node of the page's graph, as JSON text (see ``_object``), with its
    ``@type`` for the injector (which leaves out types a theme describes)."""

    __slots__ = ("type", "json")

    def __init__(self, type: str, json: str):
        self.type = type
        self.json = json

    def __repr__(self) -> str:
        return f"Node({self.json})"


# What ``_ENCODER`` writes for a str, non-ASCII kept (``ensure_ascii=False``),
# and the same with every character outside ASCII as a \u escape.
_enc = json.encoder.encode_basestring
_enc_ascii = json.encoder.encode_basestring_ascii


def _text(value) -> str | None:
    """JSON text of a value, None for what ``_prune`` leaves out (None, "",
    [], {})."""
    if not value and (value is None or isinstance(value, (str, list, dict))):
        return None
    return _enc(value) if value.__class__ is str else _ENCODER.encode(value)


def _text_for_page(value: str, ascii_only: bool) -> str | None:
    """JSON text of a string (None when empty); on a page kept ASCII, with
    the characters outside ASCII as \\u escapes (``ascii_json``)."""
    if not value:
        return None
    if not ascii_only or value.isascii():
        return _enc(value)
    if "\x7f" not in value:  # the C encoder escapes DEL too; ascii_json does not
        return _enc_ascii(value)
    return ascii_json(_enc(value))


def _object(fields) -> str:
    """A JSON object from (key, JSON text or None) pairs, None left out: what
    ``_ENCODER`` writes for the compact dict of the same values, without
    building the dict (a page's graph is written as text; site-wide parts
    and each listed article's are encoded once per build)."""
    return "{" + ",".join([f'"{k}":{v}' for k, v in fields if v is not None]) + "}"


class _SiteGraph:
    """The graph's parts that are the same on every page, encoded once."""

    def __init__(self, settings: dict, links: SiteLinks, static_content):
        self.settings = settings
        self.sitename = site_values(settings, links).sitename
        self.publisher = publisher_node(settings, links, static_content)
        self.publisher_json = _ENCODER.encode(self.publisher)
        self.publisher_node = Node(self.publisher["@type"], self.publisher_json)
        publisher_ref = (
            {"@id": self.publisher["@id"]}
            if "@id" in self.publisher
            else self.publisher
        )
        self.publisher_ref = _ENCODER.encode(publisher_ref)
        self.website_id = _id(links.home, "website")
        self.website_ref = (
            '{"@id":' + _enc(self.website_id) + "}" if links.home else None
        )
        self.with_author_pages = bool(settings.get("AUTHOR_SAVE_AS"))
        self.authors: dict[tuple, str] = {}
        self.no_author = _object(
            (
                ("@type", _text(self.publisher.get("@type", "Organization"))),
                ("name", _text(self.publisher.get("name"))),
                ("url", _text(self.publisher.get("url"))),
            )
        )

    @classmethod
    def of(cls, settings: dict, links: SiteLinks, static_content) -> _SiteGraph:
        made = links.memo.get("jsonld_site")
        if made is None or made.settings is not settings:
            made = links.memo["jsonld_site"] = cls(settings, links, static_content)
        return made

    def authors_json(self, doc, links: SiteLinks) -> str:
        """Google wants an author: the publisher wrote what names nobody."""
        out = []
        for author in getattr(doc, "authors", None) or ():
            # Pelican makes an Author per document and formats its URL on
            # every access: one encoding per name and slug.
            key = (str(author), getattr(author, "slug", None))
            made = self.authors.get(key)
            if made is None:
                url = (
                    links.absolute(url_path(author.url))
                    if self.with_author_pages
                    else None
                )
                made = self.authors[key] = _object(
                    (
                        ("@type", '"Person"'),
                        ("name", _text(field(author))),
                        ("url", _text(url or self.publisher.get("url"))),
                    )
                )
            out.append(made)
        return "[" + ",".join(out or [self.no_author]) + "]"


def graph(
    info: PageInfo,
    settings: dict,
    links: SiteLinks,
    canonical: str | None,
    image: Image | None,
    static_content=None,
) -> list[Node]:
    site = _SiteGraph.of(settings, links, static_content)
    headline = info.title
    if len(headline) > HEADLINE_LIMIT:
        headline = text.truncate(headline, HEADLINE_LIMIT)
    nodes: list[Node] = []
    image_json = _text(_image_object(image, links))
    description = _text_for_page(info.description, info.ascii_only)
    lang = _text(info.lang)
    canonical_json = _text(canonical)

    if info.is_home:
        home = _text(links.home)
        nodes.append(
            Node(
                "WebSite",
                _object(
                    (
                        ("@type", '"WebSite"'),
                        ("@id", _text(site.website_id)),
                        ("url", home),
                        ("name", _text(site.sitename)),
                        ("description", description),
                        ("inLanguage", lang),
                        ("publisher", site.publisher_ref),
                    )
                ),
            )
        )
        nodes.append(site.publisher_node)

    # The page's own node is written field by field, each left out when
    # empty (as ``_object`` does): ``,"key":`` + JSON text.
    doc = info.doc
    if info.kind == "article":
        out = ['{"@type":"BlogPosting"']
        add = out.append
        if canonical:
            add(',"@id":' + _enc(canonical + "#article"))
        if headline:
            add(',"headline":' + _enc(headline))
        if description:
            add(',"description":' + description)
        if image_json:
            add(',"image":' + image_json)
        published, modified = info.published_iso, info.modified_iso
        if published:
            add(',"datePublished":' + _enc(published))
        if modified:
            add(',"dateModified":' + _enc(modified))
        add(',"author":' + site.authors_json(doc, links))
        add(',"publisher":' + site.publisher_ref)
        if canonical_json:
            add(',"mainEntityOfPage":{"@type":"WebPage","@id":' + canonical_json + "}")
            add(',"url":' + canonical_json)
        else:
            add(',"mainEntityOfPage":{"@type":"WebPage"}')
        if lang:
            add(',"inLanguage":' + lang)
        section = info.section
        if section:
            add(',"articleSection":' + _enc(section))
        keywords = _keywords(doc, info.tag_names)
        if keywords:
            add(',"keywords":' + _enc(keywords))
        part_of = _text(_topic_ref(info, links)) or site.website_ref
        if part_of:
            add(',"isPartOf":' + part_of)
        if info.gate is not None:
            about = _text(_paper(info, links, settings, static_content))
            if about:
                add(',"about":' + about)
        conversation = getattr(doc, "pm_conversation", None)
        if conversation is not None:  # comment, interactionStatistic
            for key, value in conversation.jsonld.items():
                value = _ENCODER.encode(value)
                add(f',"{key}":' + (ascii_json(value) if info.ascii_only else value))
        add("}")
        nodes.append(Node("BlogPosting", "".join(out)))
        nodes.append(site.publisher_node)
    else:
        listing = info.kind in LIST_KINDS
        kind = "CollectionPage" if listing else "WebPage"
        out = ['{"@type":"' + kind + '"']
        add = out.append
        if canonical:
            add(',"@id":' + _enc(canonical + "#webpage"))
            add(',"url":' + canonical_json)
        if info.title:
            add(',"name":' + _enc(info.title))
        if description:
            add(',"description":' + description)
        if lang:
            add(',"inLanguage":' + lang)
        if site.website_ref:
            add(',"isPartOf":' + site.website_ref)
        if doc is not None:
            if image_json:
                add(',"primaryImageOfPage":' + image_json)
            published, modified = info.published_iso, info.modified_iso
            if published:
                add(',"datePublished":' + _enc(published))
            if modified:
                add(',"dateModified":' + _enc(modified))
        if info.crumbs and canonical:
            add(',"breadcrumb":{"@id":' + _enc(canonical + "#breadcrumb") + "}")
        main_entity = _item_list(info, links) if listing else None
        if info.gate is not None and info.kind != "gate_thanks":
            main_entity = _text(_paper(info, links, settings, static_content))
        if main_entity:
            add(',"mainEntity":' + main_entity)
        add("}")
        nodes.append(Node(kind, "".join(out)))
    if len(info.crumbs) >= 2:
        nodes.append(Node("BreadcrumbList", _breadcrumb(info, links, canonical)))
    return nodes


def _topic_ref(info: PageInfo, links: SiteLinks) -> dict | None:
    topic = info.topic
    if topic is None or not getattr(topic, "url", None):
        return None
    url = links.absolute(url_path(topic.url))
    if not url:
        return None
    return _compact(
        {
            "@type": "CollectionPage",
            "@id": url + "#webpage",
            "url": url,
            "name": field(topic.title),
        }
    )
