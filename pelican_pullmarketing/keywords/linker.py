"""Add keyword links to every document of a build: resolve the catalogue's
targets against the documents read, build the automaton once, then for each
document run the pipeline: matcher (candidates in the document's text) ->
chooser (which become links) -> splice (write them into the markup)."""

from __future__ import annotations

import html
import logging
import posixpath
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlparse, urlsplit, urlunparse, urlunsplit

from .. import metadata, urls
from . import cache
from .catalogue import KeywordCatalogue
from .chooser import LinkChooser
from .matcher import KeywordMatcher, Match
from .splice import MarkupText, link_tag, splice_links

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResolvedTarget:
    href: str  # what goes in the link: "{filename}/..." or the absolute URL
    doc: object | None  # the site's document it points to, if any

    @property
    def key(self) -> object:
        return id(self.doc) if self.doc is not None else self.href


def source_path(doc) -> str:
    path = getattr(doc, "relative_source_path", None) or doc.get_relative_source_path()
    return path.replace("\\", "/")


def comparable_url(url: str) -> str:
    """``url`` as compared with a document's: scheme and host in lower case,
    no query, fragment, trailing slash or ``/index.html``; an address urllib
    refuses (``http://[x``) as it is (it is no document's)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path.rstrip("/") or "/"
    if path.endswith("/index.html"):
        path = path[: -len("/index.html")] or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def resolve_targets(
    catalogue: KeywordCatalogue, documents: Iterable, settings: dict
) -> list[ResolvedTarget | None]:
    """One resolved target per keyword; None (with a warning naming keyword
    and target) when it names no document, or a draft or hidden one."""
    documents = list(documents)
    by_path = {source_path(doc): doc for doc in documents}
    siteurl = settings.get("SITEURL") or ""
    by_url = {}
    if siteurl and any(k.target.url for k in catalogue.keywords):
        for doc in documents:
            if metadata.is_listed(doc) and getattr(doc, "url", None) is not None:
                by_url.setdefault(
                    comparable_url(urls.absolute_url(siteurl, doc.url)), doc
                )
    resolved: list[ResolvedTarget | None] = []
    known: dict[object, ResolvedTarget] = {}  # many keywords share a target
    for keyword in catalogue.keywords:
        target = keyword.target
        hit = known.get(target)
        if hit is not None:
            resolved.append(hit)
            continue
        if target.path is None:
            doc = by_url.get(comparable_url(target.url))
            resolved.append(ResolvedTarget(target.url, doc))
            continue
        doc = by_path.get(target.path)
        if doc is None:
            logger.warning(
                "pullmarketing: keyword %r (%s): target %s is not an article or "
                "page of this site; no link added",
                keyword.phrase,
                keyword.source,
                target,
            )
            resolved.append(None)
        elif not metadata.is_listed(doc):
            logger.warning(
                "pullmarketing: keyword %r (%s): target %s is %s; no link added",
                keyword.phrase,
                keyword.source,
                target,
                "a draft" if getattr(doc, "status", "") == "draft" else "hidden",
            )
            resolved.append(None)
        else:
            if target not in known:
                known[target] = ResolvedTarget(target.href, doc)
            resolved.append(known[target])
    return resolved


_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"'#?]*)""", re.I)


def _existing_links(doc, markup: str, target_keys: dict[str, object]) -> dict:
    """How many links the document already has to each catalogue target."""
    counts: dict[object, int] = {}
    # The regular expression finds no link sooner than a search for "<a"
    # over the whole text; the test is only made when links were found.
    hrefs = _HREF.findall(markup)
    if not hrefs or "<a" not in markup:
        return counts
    base = source_path(doc).rpartition("/")[0]
    for href in hrefs:
        key = target_keys.get(href)
        if key is None and href.startswith(("{filename}", "|filename|")):
            path = href[10:]
            path = path[1:] if path.startswith("/") else posixpath.join(base, path)
            key = target_keys.get(posixpath.normpath(unquote(path)))
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    return counts


def _forget_rendered(docs: list) -> None:
    """Drop Pelican's memoised content/summary of changed documents, in case
    another plugin rendered them before we changed ``_content``."""
    if not docs:
        return
    ids = {id(doc) for doc in docs}
    cls = type(docs[0])
    for name in ("get_content", "get_summary"):
        cache = getattr(getattr(cls, name, None), "cache", None)
        if not cache:
            continue
        for key in [k for k in cache if k and id(k[0]) in ids]:
            del cache[key]


@dataclass
class LinksTo:
    """The keyword links to one document (``reference``: its ``{filename}``
    link, in the tag ``opening``) and the documents that hold them."""

    target: object
    reference: str
    opening: str
    holders: list = field(default_factory=list)


@dataclass
class LinkReport:
    added: int = 0  # links added
    targets: list = field(default_factory=list)  # documents they point to
    links_to: list[LinksTo] = field(default_factory=list)  # to resolve
    settings: dict = field(default_factory=dict)
    cached: int = 0  # documents whose links came from the cache


def resolve_links(report: LinkReport) -> int:
    """Once the targets' URLs are final (``urls.fix_urls``, before anything
    is rendered), write each ``{filename}`` keyword link with the URL Pelican
    would write for it (``written_href``), so Pelican has nothing left to
    resolve: one pass over each document holding such links. A tag an author
    wrote exactly like ours gets what Pelican would have written for it too.
    Returns how many targets' links were resolved."""
    hrefs: dict[str, str] = {}  # reference -> URL
    holders: dict[int, object] = {}
    for links_to in report.links_to:
        target = links_to.target
        # fix_urls gave the target the URL that serves its file.
        url = getattr(target, "override_url", None) or served_url(target)
        href = written_href(links_to.reference, url, report.settings)
        if href is not None:
            hrefs[links_to.reference] = href
            for doc in links_to.holders:
                holders.setdefault(id(doc), doc)
    if not hrefs:
        return 0
    css_class = report.settings.get("PULLMARKETING_KEYWORD_LINK_CLASS", "keyword-link")
    # The tags link_tag writes for a reference ({filename}/ and a plain path).
    tag = re.compile(
        re.escape('<a href="')
        + r"(\{filename\}/[A-Za-z0-9._~/-]+)"
        + re.escape(link_tag("", css_class)[len('<a href="') :])
    )

    def resolved(m: re.Match) -> str:
        href = hrefs.get(m[1])
        return m[0] if href is None else m[0].replace(m[1], href, 1)

    docs = list(holders.values())
    for doc in docs:
        doc._content = tag.sub(resolved, doc._content)
    _forget_rendered(docs)
    return len(hrefs)


_PLAIN_PATH = re.compile(r"[A-Za-z0-9._~/-]+")


def served_url(doc) -> str | None:
    """The URL Pelican will use for ``doc`` once ``urls.fix_urls`` gives it
    its URL (the one serving the file written); None when it has none."""
    try:
        url = doc.url
    except Exception:
        return None
    save_as = getattr(doc, "save_as", None)
    served = urls.served_url(url, save_as) if isinstance(save_as, str) else None
    return url if served is None else served


def written_href(href: str, url: str | None, settings: dict) -> str | None:
    """What Pelican writes for the link ``href`` (``{filename}/<path>``, a
    document whose URL is ``url``) when ``RELATIVE_URLS`` is off: its
    ``Content._link_replacer`` joins the URL to SITEURL (with a trailing
    slash) by ``urljoin``, the same in every page, feed and summary. None
    where that cannot be written in advance byte for byte: relative URLs
    (Pelican joins each page's own way up to the root, and one document's
    content shows in its page, in index pages and in feeds), or a path or
    URL that Pelican would read or write differently."""
    if (
        url is None
        or settings.get("RELATIVE_URLS")
        or not href.startswith("{filename}/")
    ):
        return None
    value = href[len("{filename}") :]
    if not _PLAIN_PATH.fullmatch(value):
        return None  # quoting, escaping, queries: left to Pelican
    siteurl = settings.get("SITEURL") or ""
    if not siteurl.endswith("/"):
        siteurl += "/"
    written = urljoin(siteurl, url)
    if "\\" in written:
        written = written.replace("\\", "/")
    if written.startswith("//"):
        # Pelican puts it back in the reference's parts, which a path
        # starting "//" does not survive unchanged in every Python.
        parts = list(urlparse(value))
        parts[2] = written
        written = urlunparse(parts)
    if html.escape(written, quote=True) != written:
        return None  # Pelican writes it unescaped
    return written


class DocumentLinker:
    """What every document of one build is linked with: the resolved
    targets, the automaton over the keywords that have one, and the rules
    (``PULLMARKETING_MAX_LINKS_PER_ARTICLE``, ``_PER_TARGET``, the link
    class). ``links(doc, markup)`` runs the pipeline for one document
    (matcher -> chooser), ``write(markup, links)`` splices the links in."""

    def __init__(
        self,
        targets: list[ResolvedTarget | None],
        catalogue: KeywordCatalogue,
        settings: dict,
    ) -> None:
        self.targets = targets
        self.settings = settings
        self._catalogue = catalogue
        self._matcher: KeywordMatcher | None = None
        self.max_links = settings.get("PULLMARKETING_MAX_LINKS_PER_ARTICLE", 10)
        self.max_per_target = settings.get("PULLMARKETING_MAX_LINKS_PER_TARGET", 1)
        self._css_class = settings.get(
            "PULLMARKETING_KEYWORD_LINK_CLASS", "keyword-link"
        )
        self._target_keys = _target_keys(targets)
        # Each keyword's target key, worked out once: the chooser asks for
        # it for every candidate.
        self._target_key = [
            target.key if target is not None else None for target in targets
        ].__getitem__
        # A keyword that points at a document is skipped in that document
        # (no self links): document id -> its keywords.
        self._own_keywords: dict[int, list[int]] = {}
        for index, target in enumerate(targets):
            if target is not None and target.doc is not None:
                self._own_keywords.setdefault(id(target.doc), []).append(index)
        self._openings: dict[int, str] = {}  # keyword -> opening tag, when used

    @property
    def matcher(self) -> KeywordMatcher:
        """The automaton, built when a document is first searched (a rebuild
        that finds every document's links in the cache builds none)."""
        if self._matcher is None:
            targets = self.targets
            # Only keywords with a usable target go into the automaton.
            self._matcher = KeywordMatcher(
                self._catalogue.search_keys(lambda index: targets[index] is not None),
                keyed=True,
            )
        return self._matcher

    def cache_key(self) -> bytes:
        """What the links of every document of this build depend on besides
        the document (``cache.build_key``)."""
        resolved = [
            None
            if target is None
            else "d:" + source_path(target.doc)
            if target.doc is not None
            else "u:" + target.href
            for target in self.targets
        ]
        return cache.build_key(
            self._catalogue.search_keys(),
            resolved,
            (self.max_links, self.max_per_target),
        )

    def cached_links(self, places: cache.Places, markup: str) -> list[Match] | None:
        """The links a cache entry holds, None if it does not fit this
        build (a damaged file)."""
        targets, size = self.targets, len(markup)
        links = []
        for i in range(0, len(places) - 2, 3):
            start, end, keyword = places[i : i + 3]
            if not (
                0 <= start < end <= size
                and 0 <= keyword < len(targets)
                and targets[keyword] is not None
            ):
                return None
            links.append(Match(start, end, keyword, end - start))
        return links if len(places) % 3 == 0 else None

    def links(self, doc, markup: str) -> list[Match]:
        """The links to add to ``doc`` (whose content is ``markup``), in
        document order."""
        chooser = LinkChooser(
            self._target_key,
            max_links=self.max_links,
            max_per_target=self.max_per_target,
            # Links the author wrote count toward the per-target cap: a page
            # that already links to a target gets no keyword link to it.
            linked=lambda: _existing_links(doc, markup, self._target_keys),
        )
        runs = self.matcher.runs(
            MarkupText(markup),
            first_only=True,
            skip=self._own_keywords.get(id(doc), ()),
            size=chooser.room(),
        )
        return chooser.take(runs)

    def opening(self, index: int) -> str:
        """The opening tag of keyword ``index``'s links: the one place their
        ``href`` is written, the same in every document: the target's
        ``{filename}`` reference or absolute URL (``resolve_links`` writes
        the reference's URL in once the URLs are final)."""
        tag = self._openings.get(index)
        if tag is None:
            href = self.targets[index].href
            tag = self._openings[index] = link_tag(href, self._css_class)
        return tag

    def write(self, markup: str, links: list[Match]) -> str:
        """``markup`` with ``links`` spliced in."""
        opening = self.opening
        return splice_links(
            markup, [(m.start, m.end, opening(m.keyword)) for m in links]
        )


def _target_keys(targets: list[ResolvedTarget | None]) -> dict[str, object]:
    """Each target's key under every form an author's link to it may take:
    its href and, for documents, the source path."""
    keys: dict[str, object] = {}
    for target in targets:
        if target is not None:
            keys.setdefault(target.href, target.key)
            if target.doc is not None:
                keys.setdefault(source_path(target.doc), target.key)
    return keys


def link_documents(
    documents: Iterable,
    catalogue: KeywordCatalogue,
    settings: dict,
) -> LinkReport:
    """Add keyword links to the ``_content`` of every document that allows
    them. Returns how many links were added and the documents they point to
    (each once, in the order first linked), and the links to resolve once
    their URLs are final (``resolve_links``)."""
    started = time.perf_counter()
    documents = list(documents)
    report = LinkReport()
    if not catalogue.keywords or not documents:
        return report
    linker = DocumentLinker(
        resolve_targets(catalogue, documents, settings), catalogue, settings
    )
    targets = linker.targets
    changed = []
    linked_docs: dict[int, object] = {}
    # Links to resolve once the URLs are final (none with RELATIVE_URLS).
    resolvable = not settings.get("RELATIVE_URLS")
    links_to: dict[int, LinksTo] = {}  # by target document
    kept = cache.LinkCache.for_settings(settings)
    base = linker.cache_key() if kept is not None else b""
    for doc in documents:
        markup = getattr(doc, "_content", None)
        if (
            not markup
            or not linker.max_links
            or not metadata.value(doc, "keyword_links")
        ):
            continue
        links = None
        if kept is not None:
            key = kept.key(base, source_path(doc), markup)
            places = kept.get(key)
            if places is not None:
                links = linker.cached_links(places, markup)
            if links is None:
                links = linker.links(doc, markup)
                kept.put(key, tuple(n for m in links for n in m[:3]))
        else:
            links = linker.links(doc, markup)
        if links:
            doc._content = linker.write(markup, links)
            changed.append(doc)
            report.added += len(links)
            for m in links:
                target_doc = targets[m.keyword].doc
                if target_doc is not None:
                    linked_docs.setdefault(id(target_doc), target_doc)
                    if not resolvable:
                        continue
                    to = links_to.get(id(target_doc))
                    if to is None:
                        to = links_to[id(target_doc)] = LinksTo(
                            target_doc,
                            targets[m.keyword].href,
                            linker.opening(m.keyword),
                        )
                    if not to.holders or to.holders[-1] is not doc:
                        to.holders.append(doc)
    _forget_rendered(changed)
    if kept is not None:
        kept.save()
        report.cached = kept.hits
    logger.info(
        "pullmarketing: %d keyword links in %d of %d documents (%d keywords, "
        "%d documents' links from the cache, %.0f ms)",
        report.added,
        len(changed),
        len(documents),
        len(catalogue.keywords),
        report.cached,
        (time.perf_counter() - started) * 1000,
    )
    report.targets = list(linked_docs.values())
    report.links_to = list(links_to.values())
    report.settings = settings
    return report
