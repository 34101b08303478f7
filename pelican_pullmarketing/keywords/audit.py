"""`pullmarketing audit`: each document against its focus keywords, and the
keyword catalogue against the site, on the documents as the build reads them
(keyword links included).

Thresholds are the ones in common use (Yoast, Rank Math): keyphrase in the
title and its first half, in the first 10% of the text, in a subheading, the
slug and the meta description; density 0.5-3%; title 30-60 characters;
description 70-155; at least 300 words.

Each document is read in its own language (its ``lang``, which Pelican sets
from DEFAULT_LANG when its metadata does not say): a focus keyword is in
the slug when its words are, with or without the stop words of that
language ("pompe à chaleur" in ``pompe-a-chaleur`` or ``pompe-chaleur``),
and words are counted as word processors count them, each character of a
script written without spaces (Chinese, Japanese, Thai) as one word.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from rich.console import Console
from rich.markup import escape

from .. import core, language, metadata, text, urls
from ..console import print_table
from .catalogue import KeywordCatalogue, load_catalogue, phrase_key
from .linker import comparable_url, resolve_targets, source_path
from .matcher import KeywordMatcher, SearchText
from .proposals import STOPWORDS

TITLE_LENGTH = (30, 60)
DESCRIPTION_LENGTH = (70, 155)
DENSITY = (0.5, 3.0)
MIN_WORDS = 300
INTRO_SHARE = 0.10

_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.S | re.I)
_LINK = re.compile(r"<a\b([^>]*)>", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_CLASS = re.compile(r"""\bclass\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_FILENAME = re.compile(r"^[{|]filename[}|](.*)$")


def _slug_form(phrase: str) -> str:
    return re.sub(r"[\W_]+", "-", phrase_key(phrase)).strip("-")


def _slug_forms(phrase: str, lang: str | None, site: dict) -> set[str]:
    """How a focus keyword may show in a slug: its words joined by hyphens,
    or as Pelican's ``slugify`` writes them with the site's settings (accents
    and other scripts transliterated unless SLUGIFY_USE_UNICODE), each with
    and without the document language's stop words and elided words."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    subs = (
        site.get("SLUG_REGEX_SUBSTITUTIONS")
        or DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    )
    stopwords = language.stopwords(lang, STOPWORDS)
    content = " ".join(
        word
        for word in language.content_words(phrase_key(phrase), lang)
        if word not in stopwords
    )
    forms = set()
    for value in {phrase, content}:
        if value:
            forms.add(_slug_form(value))
            forms.add(
                slugify(
                    value,
                    regex_subs=subs,
                    use_unicode=bool(site.get("SLUGIFY_USE_UNICODE", False)),
                )
            )
    return {form for form in forms if form}


def _finder(phrase: str):
    matcher = KeywordMatcher([(phrase, 0)])

    def find(value: str) -> list[int]:
        return [m.start for m in matcher.find_all(SearchText.plain(value))]

    return find


def _link_targets(doc, by_path: dict, by_url: dict, siteurl: str, css_class: str):
    """(target document, is keyword link) for each link in a document."""
    found = []
    base = source_path(doc).rsplit("/", 1)[0] if "/" in source_path(doc) else ""
    for m in _LINK.finditer(getattr(doc, "_content", "") or ""):
        attrs = m.group(1)
        href = _HREF.search(attrs)
        if not href:
            continue
        value = html.unescape(href.group(2)).split("#")[0].split("?")[0]
        classes = _CLASS.search(attrs)
        is_keyword = (
            bool(css_class)
            and classes is not None
            and css_class in classes.group(2).split()
        )
        target = None
        filename = _FILENAME.match(value)
        if filename:
            path = unquote(filename.group(1))
            if path.startswith("/"):
                path = path[1:]
            elif base:
                path = f"{base}/{path}"
            target = by_path.get(re.sub(r"(^|/)\./", r"\1", path))
        elif siteurl or value.startswith("/"):
            absolute = (
                urls.absolute_url(siteurl, value)
                if not urls.scheme_of(value)
                else value
            )
            target = by_url.get(comparable_url(absolute))
        if target is not None and target is not doc:
            found.append((target, is_keyword))
    return found


def _check_focus(
    doc,
    phrase: str,
    title: str,
    body: str,
    description: str,
    words: int,
    slug_forms: set[str],
):
    find = _finder(phrase)
    in_title = find(title)
    occurrences = find(body)
    headings = [
        text.plain_text(h)
        for _, h in _HEADING.findall(getattr(doc, "_content", "") or "")
    ]
    density = round(100.0 * len(occurrences) / words, 2) if words else 0.0
    return {
        "phrase": phrase,
        "in_title": bool(in_title),
        "in_title_first_half": any(pos < len(title) / 2 for pos in in_title),
        "in_first_10_percent": any(
            pos <= len(body) * INTRO_SHARE for pos in occurrences
        ),
        "in_subheading": any(find(h) for h in headings),
        "in_slug": any(
            form in (getattr(doc, "slug", "") or "").lower() for form in slug_forms
        ),
        "in_description": bool(find(description)),
        "occurrences": len(occurrences),
        "density": density,
    }


_FOCUS_FLAGS = (
    ("in_title", "not in the title"),
    ("in_title_first_half", "not in the first half of the title"),
    ("in_first_10_percent", "not in the first 10% of the text"),
    ("in_subheading", "in no subheading"),
    ("in_slug", "not in the slug"),
    ("in_description", "not in the meta description"),
)


def audit_site(
    generators, site: dict, catalogue: KeywordCatalogue | None = None
) -> dict:
    """The whole report as plain data (stable order, for JSON)."""
    generators = list(generators)
    catalogue = catalogue if catalogue is not None else load_catalogue(site)
    all_docs = list(core.documents(generators))
    docs = sorted((d for d in all_docs if metadata.is_listed(d)), key=source_path)
    inbound, outbound_keyword = _link_counts(docs, site)
    focus_owners: dict[str, list[str]] = {}  # focus keyword -> documents
    reports = [
        _document_report(doc, inbound[id(doc)], outbound_keyword[id(doc)], site)
        for doc in docs
    ]
    for report in reports:
        for check in report["focus_keywords"]:
            focus_owners.setdefault(phrase_key(check["phrase"]), []).append(
                report["path"]
            )
    cannibalised = [
        {"focus_keyword": key, "documents": sorted(set(paths))}
        for key, paths in sorted(focus_owners.items())
        if len(set(paths)) > 1
    ]
    site_flags = [
        f"{len(c['documents'])} documents share the focus keyword {c['focus_keyword']!r}: "
        + ", ".join(c["documents"])
        for c in cannibalised
    ]
    unused = _unused_phrases(catalogue, docs)
    site_flags += [f"catalogue phrase {p!r} occurs in no document" for p in unused]
    conflicts = _focus_conflicts(catalogue, docs, all_docs, site)
    site_flags += [
        f"{c['document']}: focus keyword {c['focus_keyword']!r} is sent to "
        f"{c['catalogue_target']} by the catalogue ({c['defined_in']})"
        for c in conflicts
    ]
    flag_count = sum(len(r["flags"]) for r in reports) + len(site_flags)
    return {
        "documents": reports,
        "cannibalisation": cannibalised,
        "unused_keywords": unused,
        "focus_conflicts": conflicts,
        "site_flags": site_flags,
        "summary": {"documents": len(reports), "flags": flag_count},
    }


def _link_counts(docs: list, site: dict) -> tuple[dict, dict]:
    """Per document (by id): [keyword links, all links] from the other
    documents, and the keyword links it has to them."""
    siteurl = site.get("SITEURL") or ""
    css_class = site.get("PULLMARKETING_KEYWORD_LINK_CLASS", "keyword-link")
    by_path = {source_path(d): d for d in docs}
    by_url = {comparable_url(urls.absolute_url(siteurl, d.url)): d for d in docs}
    inbound = {id(d): [0, 0] for d in docs}  # keyword links, all links
    outbound_keyword = {id(d): 0 for d in docs}
    for doc in docs:
        for target, is_keyword in _link_targets(
            doc, by_path, by_url, siteurl, css_class
        ):
            if id(target) in inbound:
                inbound[id(target)][1] += 1
                if is_keyword:
                    inbound[id(target)][0] += 1
                    outbound_keyword[id(doc)] += 1
    return inbound, outbound_keyword


def _document_report(
    doc, inbound: list[int], outbound_keyword: int, site: dict
) -> dict:
    """One document's entry: its focus keyword checks, lengths, links and
    flags."""
    title = text.plain_text(getattr(doc, "title", "") or "")
    body = text.plain_text(getattr(doc, "_content", "") or "")
    words = language.count_words(body)
    lang = getattr(doc, "lang", None) or site.get("DEFAULT_LANG")
    meta_description = (getattr(doc, "metadata", {}) or {}).get("description")
    description = (
        text.plain_text(str(meta_description))
        if meta_description
        else text.description(doc)
    )
    focus = metadata.value(doc, "focus_keywords")
    checks = [
        _check_focus(
            doc, f, title, body, description, words, _slug_forms(f, lang, site)
        )
        for f in focus
    ]
    keyword_in, links_in = inbound
    flags = [flag for check in checks for flag in _focus_flags(check)]
    if not focus:
        flags.append("no focus_keywords")
    flags += _length_flags(title, description, words)
    if not links_in:
        flags.append("orphan: no other document links here")
    return {
        "path": source_path(doc),
        "url": doc.url,
        "title": title,
        "title_length": len(title),
        "description_length": len(description),
        "word_count": words,
        "focus_keywords": checks,
        "inbound_keyword_links": keyword_in,
        "inbound_links": links_in,
        "outbound_keyword_links": outbound_keyword,
        "orphan": not links_in,
        "flags": flags,
    }


def _focus_flags(check: dict) -> list[str]:
    flags = []
    for key, message in _FOCUS_FLAGS:
        if not check[key] and not (
            key == "in_title_first_half" and not check["in_title"]
        ):
            flags.append(f"focus keyword {check['phrase']!r} {message}")
    if not DENSITY[0] <= check["density"] <= DENSITY[1]:
        flags.append(
            f"density of {check['phrase']!r} is {check['density']}% "
            f"(expected {DENSITY[0]}-{DENSITY[1]}%)"
        )
    return flags


def _length_flags(title: str, description: str, words: int) -> list[str]:
    flags = []
    if not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
        flags.append(
            f"title is {len(title)} characters (expected {TITLE_LENGTH[0]}-{TITLE_LENGTH[1]})"
        )
    if not DESCRIPTION_LENGTH[0] <= len(description) <= DESCRIPTION_LENGTH[1]:
        flags.append(
            f"description is {len(description)} characters "
            f"(expected {DESCRIPTION_LENGTH[0]}-{DESCRIPTION_LENGTH[1]})"
        )
    if words < MIN_WORDS:
        flags.append(f"{words} words (expected at least {MIN_WORDS})")
    return flags


def _unused_phrases(catalogue: KeywordCatalogue, docs: list) -> list[str]:
    """Catalogue phrases that occur in no document."""
    matcher = KeywordMatcher(catalogue.forms())
    used: set[int] = set()
    for doc in docs:
        st = SearchText.plain(text.plain_text(getattr(doc, "_content", "") or ""))
        used |= {m.keyword for m in matcher.find_all(st, first_only=True)}
    return sorted(
        (k.phrase for i, k in enumerate(catalogue.keywords) if i not in used),
        key=phrase_key,
    )


def _focus_conflicts(
    catalogue: KeywordCatalogue, docs: list, all_docs: list, site: dict
) -> list[dict]:
    """Focus keywords the catalogue sends to another document."""
    targets = resolve_targets(catalogue, all_docs, site) if catalogue.keywords else []
    index_of = {phrase_key(form): i for form, i in catalogue.forms()}
    conflicts = []
    for doc in docs:
        for focus in metadata.value(doc, "focus_keywords"):
            i = index_of.get(phrase_key(focus))
            if i is None or targets[i] is None or targets[i].doc is doc:
                continue
            conflicts.append(
                {
                    "focus_keyword": focus,
                    "document": source_path(doc),
                    "catalogue_target": str(catalogue.keywords[i].target),
                    "defined_in": catalogue.keywords[i].source,
                }
            )
    return conflicts


def _mark(value: bool) -> str:
    return "[green]yes[/green]" if value else "[red]no[/red]"


def render_text(report: dict, console: Console) -> None:
    columns = (
        "document",
        "words",
        "title",
        "descr.",
        "focus keyword",
        "title",
        "intro",
        "subhead",
        "slug",
        "descr.",
        "density",
        "links in",
    )
    rows = []
    for doc in report["documents"]:
        checks = doc["focus_keywords"] or [None]
        for n, check in enumerate(checks):
            first = n == 0
            row = [
                escape(doc["path"]) if first else "",
                str(doc["word_count"]) if first else "",
                str(doc["title_length"]) if first else "",
                str(doc["description_length"]) if first else "",
            ]
            if check is None:
                row += ["[dim]none[/dim]"] + [""] * 6
            else:
                row += [
                    escape(check["phrase"]),
                    _mark(check["in_title"]),
                    _mark(check["in_first_10_percent"]),
                    _mark(check["in_subheading"]),
                    _mark(check["in_slug"]),
                    _mark(check["in_description"]),
                    f"{check['density']}%",
                ]
            row.append(
                f"{doc['inbound_keyword_links']}/{doc['inbound_links']}"
                if first
                else ""
            )
            rows.append(row)
    print_table(console, "Documents", columns, rows)
    console.print("[dim]links in: keyword links / all links from other documents[/dim]")
    for doc in report["documents"]:
        if doc["flags"]:
            console.print(f"\n[bold]{doc['path']}[/bold]")
            for flag in doc["flags"]:
                console.print(f"  - {flag}", markup=False)
    if report["site_flags"]:
        console.print("\n[bold]Site[/bold]")
        for flag in report["site_flags"]:
            console.print(f"  - {flag}", markup=False)
    summary = report["summary"]
    console.print(f"\n{summary['documents']} documents, {summary['flags']} flags")
