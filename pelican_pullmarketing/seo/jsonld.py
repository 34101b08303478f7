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

import json

from .. import metadata, text
from .images import Image
from .links import SiteLinks
from .pageinfo import LIST_KINDS, PageInfo, plain, url_path

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


def script(nodes: list[dict]) -> str:
    if not nodes:
        return ""
    data = {"@context": "https://schema.org", "@graph": nodes}
    body = _ENCODER.encode(data)
    for char, escaped in _ESCAPES.items():  # str.replace beats translate here
        if char in body:
            body = body.replace(char, escaped)
    return '<script type="application/ld+json">' + body + "</script>"


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


def _iso(value):
    return value.isoformat(timespec="seconds") if value else None


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
            "name": pub.get("name") or plain(settings.get("SITENAME") or ""),
            "url": links.absolute(pub.get("url") or ""),
            ("image" if kind == "Person" else "logo"): logo,
            "sameAs": list(pub.get("same_as") or []),
        }
    )


def _authors(doc, settings: dict, links: SiteLinks, publisher: dict) -> list[dict]:
    authors = list(getattr(doc, "authors", None) or [])
    with_pages = bool(settings.get("AUTHOR_SAVE_AS"))
    out = []
    for author in authors:
        url = links.absolute(url_path(author.url)) if with_pages else None
        out.append(
            _compact(
                {
                    "@type": "Person",
                    "name": plain(author),
                    "url": url or publisher.get("url"),
                }
            )
        )
    if not out:  # Google wants an author: the publisher wrote it
        out.append(
            _compact(
                {
                    "@type": publisher.get("@type", "Organization"),
                    "name": publisher.get("name"),
                    "url": publisher.get("url"),
                }
            )
        )
    return out


def _keywords(doc) -> str:
    kept, seen = [], set()
    for word in [plain(t) for t in getattr(doc, "tags", None) or []] + list(
        metadata.value(doc, "focus_keywords") or []
    ):
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
            "description": plain(getattr(gate, "summary", None) or "")
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


def _breadcrumb(info: PageInfo, links: SiteLinks, canonical: str | None) -> dict:
    items = []
    for position, (name, path) in enumerate(info.crumbs, start=1):
        items.append(
            _compact(
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": name,
                    "item": links.absolute(path),
                }
            )
        )
    return _compact(
        {
            "@type": "BreadcrumbList",
            "@id": _id(canonical, "breadcrumb"),
            "itemListElement": items,
        }
    )


def _item_list(info: PageInfo, links: SiteLinks) -> dict | None:
    if not info.items:
        return None
    # Positions count on the whole list: page 3 of 10 per page starts at 21.
    start = (info.number - 1) * (info.per_page or len(info.items))
    known = links.memo.setdefault("list_items", {})
    elements = []
    for i, doc in enumerate(info.items[:ITEMLIST_LIMIT], start=1):
        # An article is listed on many pages: its URL and name are made once.
        hit = known.get(id(doc))
        if hit is None or hit[0] is not doc:
            url = links.absolute(links.doc_path(doc))
            name = plain(getattr(doc, "title", ""))
            hit = known[id(doc)] = (doc, url, name)
        element = {"@type": "ListItem", "position": start + i}
        if hit[1]:
            element["url"] = hit[1]
        if hit[2]:
            element["name"] = hit[2]
        elements.append(element)
    return {
        "@type": "ItemList",
        "numberOfItems": info.total_items or len(info.items),
        "itemListElement": elements,
    }


def graph(
    info: PageInfo,
    settings: dict,
    links: SiteLinks,
    canonical: str | None,
    image: Image | None,
    static_content=None,
) -> list[dict]:
    sitename = plain(settings.get("SITENAME") or "")
    publisher = links.memo.get("publisher")
    if publisher is None:
        publisher = links.memo["publisher"] = publisher_node(
            settings, links, static_content
        )
    website_ref = {"@id": _id(links.home, "website")} if links.home else None
    publisher_ref = {"@id": publisher["@id"]} if "@id" in publisher else publisher
    headline = info.title
    if len(headline) > HEADLINE_LIMIT:
        headline = text.truncate(headline, HEADLINE_LIMIT)
    nodes: list[dict] = []
    image_node = _image_object(image, links)

    if info.is_home:
        nodes.append(
            {
                "@type": "WebSite",
                "@id": _id(links.home, "website"),
                "url": links.home,
                "name": sitename,
                "description": info.description,
                "inLanguage": info.lang,
                "publisher": publisher_ref,
            }
        )
        nodes.append(publisher)

    doc = info.doc
    if info.kind == "article":
        node = {
            "@type": "BlogPosting",
            "@id": _id(canonical, "article"),
            "headline": headline,
            "description": info.description,
            "image": image_node,
            "datePublished": info.published_iso,
            "dateModified": info.modified_iso,
            "author": _authors(doc, settings, links, publisher),
            "publisher": publisher_ref,
            "mainEntityOfPage": _compact({"@type": "WebPage", "@id": canonical}),
            "url": canonical,
            "inLanguage": info.lang,
            "articleSection": plain(getattr(doc, "category", "") or ""),
            "keywords": _keywords(doc),
            "isPartOf": _topic_ref(info, links) or website_ref,
        }
        if info.gate is not None:
            node["about"] = _paper(info, links, settings, static_content)
        nodes.append(node)
        nodes.append(publisher)
    else:
        listing = info.kind in LIST_KINDS
        node = {
            "@type": "CollectionPage" if listing else "WebPage",
            "@id": _id(canonical, "webpage"),
            "url": canonical,
            "name": info.title,
            "description": info.description,
            "inLanguage": info.lang,
            "isPartOf": website_ref,
            "primaryImageOfPage": image_node if doc is not None else None,
            "datePublished": info.published_iso if doc is not None else None,
            "dateModified": info.modified_iso if doc is not None else None,
            "breadcrumb": {"@id": _id(canonical, "breadcrumb")}
            if info.crumbs and canonical
            else None,
        }
        if listing:
            node["mainEntity"] = _item_list(info, links)
        if info.gate is not None and info.kind != "gate_thanks":
            node["mainEntity"] = _paper(info, links, settings, static_content)
        nodes.append(node)
    if len(info.crumbs) >= 2:
        nodes.append(_breadcrumb(info, links, canonical))
    # The publisher is compact already (and the same object on every page).
    return [n if n is publisher else _compact(n) for n in nodes]


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
            "name": plain(topic.title),
        }
    )
