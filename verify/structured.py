"""Structured data: every JSON-LD block parses, and extruct finds BlogPosting and
BreadcrumbList items with the properties Google's Article and Breadcrumb
documentation requires or recommends."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import extruct

from verify.pages import html_files, page_url, parse
from verify.report import CheckResult, result

ARTICLE_TYPES = {"BlogPosting", "Article", "NewsArticle"}
# Google "Article" structured data: all recommended (none strictly required).
ARTICLE_PROPS = ("headline", "image", "datePublished", "dateModified", "author")


def _items(data) -> list[dict]:
    """Every typed object in extruct's JSON-LD output, @graph and nesting included."""
    found, stack = [], [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "@type" in node:
                found.append(node)
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return found


def _types(item: dict) -> set[str]:
    kind = item.get("@type")
    return set(kind if isinstance(kind, list) else [kind])


def _iso_with_zone(value) -> bool:
    try:
        return (
            datetime.fromisoformat(str(value).replace("Z", "+00:00")).tzinfo is not None
        )
    except ValueError:
        return False


def _deref(value, nodes: dict[str, dict]):
    """A ``{"@id": ...}`` reference replaced by the node it names in the same page."""
    if isinstance(value, list):
        return [_deref(v, nodes) for v in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return nodes.get(value["@id"], value)
    return value


def check_article(
    where: str, item: dict, nodes: dict[str, dict] | None = None
) -> list[str]:
    nodes = nodes or {}
    item = {key: _deref(value, nodes) for key, value in item.items()}
    out = []
    kind = "/".join(sorted(_types(item) & ARTICLE_TYPES))
    for prop in ARTICLE_PROPS:
        if not item.get(prop):
            out.append(f"{where}: {kind} has no {prop}")
    for prop in ("datePublished", "dateModified"):
        if item.get(prop) and not _iso_with_zone(item[prop]):
            out.append(
                f"{where}: {kind} {prop} {item[prop]!r} is not ISO 8601 with a time zone"
            )
    authors = item.get("author")
    for author in (
        authors if isinstance(authors, list) else [authors] if authors else []
    ):
        if not isinstance(author, dict) or not author.get("name"):
            out.append(f"{where}: {kind} author {author!r} has no name")
        elif not author.get("url"):
            out.append(f"{where}: {kind} author {author.get('name')!r} has no url")
    if not (item.get("mainEntityOfPage") or item.get("url")):
        out.append(f"{where}: {kind} has neither mainEntityOfPage nor url")
    publisher = item.get("publisher")
    if publisher is not None and not (
        isinstance(publisher, dict) and publisher.get("name")
    ):
        out.append(f"{where}: {kind} publisher has no name")
    return out


def check_breadcrumbs(where: str, item: dict) -> list[str]:
    elements = item.get("itemListElement")
    if not isinstance(elements, list) or len(elements) < 2:
        return [f"{where}: BreadcrumbList needs at least two itemListElement entries"]
    out = []
    for n, element in enumerate(elements, 1):
        if not isinstance(element, dict) or "ListItem" not in _types(element):
            out.append(f"{where}: BreadcrumbList entry {n} is not a ListItem")
            continue
        if element.get("position") != n:
            out.append(
                f"{where}: BreadcrumbList entry {n} has position {element.get('position')!r}, expected {n}"
            )
        target = element.get("item")
        name = element.get("name") or (
            target.get("name") if isinstance(target, dict) else None
        )
        if not name:
            out.append(f"{where}: BreadcrumbList entry {n} has no name")
        # Google: item (the URL) is required on every entry but the last.
        if n < len(elements) and not element.get("item"):
            out.append(f"{where}: BreadcrumbList entry {n} has no item URL")
    return out


def check_business(where: str, item: dict, tree) -> list[str]:
    """A site node of a LocalBusiness type (or Organization): Google's
    required name and address, no self-serving rating, and the same name,
    address and telephone as the page's h-card, byte for byte."""
    from pelican_pullmarketing.business.types import LOCAL_BUSINESS_TYPES

    out = []
    kinds = _types(item)
    local = bool(kinds & LOCAL_BUSINESS_TYPES)
    address = item.get("address") if isinstance(item.get("address"), dict) else {}
    if local and not (item.get("name") and address.get("streetAddress")):
        out.append(f"{where}: {'/'.join(sorted(kinds))} has no name or address")
    for prop in ("aggregateRating", "review"):
        if prop in item:
            out.append(f"{where}: the firm rates itself ({prop}): Google ignores it")
    cards = tree.xpath('//footer//*[contains(concat(" ", @class, " "), " h-card ")]')
    if not cards:
        return out

    def card(cls: str) -> str | None:
        found = cards[0].xpath(f'.//*[contains(concat(" ", @class, " "), " {cls} ")]')
        return found[0].text_content() if found else None

    pairs = (
        ("p-name", item.get("name")),
        ("p-tel", item.get("telephone")),
        ("p-street-address", address.get("streetAddress")),
        ("p-locality", address.get("addressLocality")),
        ("p-postal-code", address.get("postalCode")),
    )
    for cls, value in pairs:
        shown = card(cls)
        if value is not None and shown is not None and shown != value:
            out.append(
                f"{where}: h-card {cls} {shown!r} differs from JSON-LD {value!r}"
            )
    return out


def check_structured_data(
    folder: Path, site_url: str = "http://127.0.0.1"
) -> CheckResult:
    folder = Path(folder)
    failures: list[str] = []
    counts = {
        "pages": 0,
        "blocks": 0,
        "BlogPosting": 0,
        "BreadcrumbList": 0,
        "LocalBusiness": 0,
    }
    for rel in html_files(folder):
        counts["pages"] += 1
        tree = parse(folder, rel)
        scripts = tree.xpath('//script[@type="application/ld+json"]')
        bad = False
        for n, script in enumerate(scripts, 1):
            counts["blocks"] += 1
            try:
                json.loads(script.text or "")
            except ValueError as exc:
                failures.append(
                    f"{rel}: JSON-LD block {n} (line {script.sourceline}) does not parse: {exc}"
                )
                bad = True
        is_article = bool(tree.xpath('//meta[@property="og:type"][@content="article"]'))
        if bad or not scripts:
            if is_article:
                failures.append(
                    f"{rel}: og:type article but no parseable BlogPosting JSON-LD"
                )
            continue
        html = (folder / rel).read_text(encoding="utf-8", errors="replace")
        data = extruct.extract(
            html,
            base_url=site_url.rstrip("/") + page_url(rel),
            syntaxes=["json-ld"],
            errors="strict",
        )
        items = _items(data.get("json-ld", []))
        nodes = {i["@id"]: i for i in items if isinstance(i.get("@id"), str)}
        articles = [i for i in items if _types(i) & ARTICLE_TYPES]
        for item in articles:
            counts["BlogPosting"] += 1
            failures += check_article(rel, item, nodes)
        for item in items:
            if item.get("@id", "").endswith("#publisher") and _types(item) - {"Person"}:
                counts["LocalBusiness"] += 1
                failures += check_business(rel, item, tree)
            if "BreadcrumbList" in _types(item):
                counts["BreadcrumbList"] += 1
                failures += check_breadcrumbs(rel, item)
        if is_article and not articles:
            failures.append(f"{rel}: og:type article but no BlogPosting JSON-LD")
    for kind in ("BlogPosting", "BreadcrumbList"):
        if counts["pages"] and not counts[kind]:
            failures.append(f"no {kind} JSON-LD on any of {counts['pages']} pages")
    summary = (
        f"{counts['blocks']} JSON-LD blocks on {counts['pages']} pages, "
        f"{counts['BlogPosting']} BlogPosting, {counts['BreadcrumbList']} BreadcrumbList, "
        f"{counts['LocalBusiness']} site nodes; "
        f"{len(failures)} problems"
    )
    return result("structured-data", failures, summary, data=counts)
