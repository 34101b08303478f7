"""Everything one build of a site holds, in one place.

A Pelican build runs as a chain of signals; what one receiver learns and a
later one needs (the keyword catalogue, the gates found while reading, the
pages whose head was completed, the sitemap entries, ...) lives in the one
``Build`` below, one typed part per feature. Nothing else keeps a value from
one build for the next: no module global, no private key in Pelican's
settings or in ``generator.context``, no cache on a shared object.

For example, the keyword catalogue of a build is
``current().keywords.catalogue``: read at ``initialized`` (``keywords.plugin.start``),
dropped at ``finalized`` with the whole ``Build``.

Life of a build (``core`` does both ends; docs/architecture.md has the table
of signals):

- at ``initialized`` (``core.start``) the settings are validated, ``begin()``
  makes the build current, then each loaded feature's ``start(build)`` fills
  its part (the keyword catalogue is read here, so a bad CSV stops the build
  before anything is read or written);
- every receiver after that asks ``current()``;
- at ``finalized`` (``core.finish``) each feature's ``finish(build)`` runs,
  then ``end()`` drops the build, with every cache in it.

Builds nest: ``i18n_subsites`` runs each language's site as a Pelican of
its own inside the main site's run (from the main site's ``get_writer``).
A build begun while another one is running (its Pelican inside ``run()``)
goes on top of it; when the inner build ends, the outer one is current
again and goes on where it was. ``outer(build)`` is the build a build runs
inside (a subsite hands its sitemap entries to the main site's).

``pelican --autoreload`` sends ``initialized`` once and then runs the site
again and again: each later run gets a fresh ``Build`` at its start
(``get_generators``, the first signal of every run). A build that stopped
half-way (no ``finalized``) is replaced by the next one, never continued:
``begin()`` drops every build whose Pelican is no longer running, and the
earlier build of the same Pelican.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .business.leads import SignupForm
    from .business.model import Business
    from .cards.build import Job
    from .cards.config import CardConfig
    from .gates.landing import Gate
    from .keywords.catalogue import KeywordCatalogue
    from .seo.links import SiteLinks
    from .seo.sitemap import Entry
    from .topics.model import TopicSpec
    from .watch.config import WatchedFeed
    from .watch.hubs import ElsewhereItem


@dataclass
class KeywordsPart:
    """Keyword anchors: the catalogue read at start-up, the article generator
    kept until the pages are read, the documents links point to."""

    catalogue: KeywordCatalogue | None = None
    articles: Any = None  # the ArticlesGenerator, between its end and the pages'
    targets: list = field(default_factory=list)  # their URLs are fixed before rendering
    report: Any = None  # linker.LinkReport: the links to resolve once URLs are final


@dataclass
class TopicsPart:
    """Topics: ``PULLMARKETING_TOPICS`` parsed once (None: categories are
    topics). The topic index itself is the topics generator's (``index``),
    and reaches templates as ``pm_all_topics`` / ``pm_category_topics``."""

    specs: list[TopicSpec] | None = None


@dataclass
class GatesPart:
    """White-paper gates: each gated file (its path in the content folder)
    and its gate, and the plain paths a previous build may have published."""

    by_file: dict[str, Gate] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)


@dataclass
class SeoPart:
    """Search metadata: the site's URLs and the per-build values made once
    (``links``), what each page rendered, the sitemap entries, the counters."""

    settings: dict
    links: SiteLinks
    output: str  # OUTPUT_PATH, absolute
    started: float = field(
        default_factory=time.time
    )  # files newer were written by this build
    entries: dict[str, Entry] = field(default_factory=dict)  # sitemap, by URL
    rendered: dict[str, object] = field(default_factory=dict)  # output file -> PageInfo
    provided: set[str] = field(default_factory=set)  # files the site provides itself
    sitemap_elsewhere: str | None = None  # another plugin's sitemap file
    pages: int = 0
    injected: int = 0
    seconds: float = 0.0
    cache: Any = None  # seo.cache.HeadCache: with Pelican's content cache on
    features: frozenset = frozenset()  # the build's features (the cache's key)

    @property
    def output_prefix(self) -> str:
        return os.path.join(self.output, "")


@dataclass
class WatchPart:
    """Industry watch: the feeds of ``PULLMARKETING_WATCH`` (checked at
    start-up) and, when hubs show items from elsewhere, those items by topic
    slug, read from the committed watch file (never the network). Templates
    read the items as ``pm_watch_items``."""

    feeds: list[WatchedFeed] = field(default_factory=list)
    hub_items: dict[str, list[ElsewhereItem]] = field(default_factory=dict)


@dataclass
class CardsPart:
    """Share cards: the checked look, where cards go, and the cards the pages
    and the cross-poster asked for (``jobs``, by output path), drawn or
    taken from the cache at ``finalized``; the counters the build reports."""

    config: CardConfig
    mode: str | None  # "missing", "all", or None (off)
    save_as: str
    cache_dir: str
    output: str  # OUTPUT_PATH, absolute
    fmt: str  # "png" or "webp"
    site_name: str
    contact: str  # telephone or domain
    fingerprint: str  # of the look: part of every cache key
    url_suffix: str | None = None  # save_as is "{url}" and this text
    key_prefix: str = ""  # the look's part of every card's key text (_key)
    jobs: dict[str, Job] = field(default_factory=dict)
    drawn: int = 0
    reused: int = 0
    draw_seconds: float = 0.0
    draw_cpu_seconds: float = 0.0
    write_seconds: float = 0.0


@dataclass
class BusinessPart:
    """The firm: ``PULLMARKETING_BUSINESS`` read once (None: unset), its
    logo's size read from the file, and the e-mail sign-up form of the
    gates' provider (None: no provider); templates get them as
    ``pm_business`` and ``pm_signup_form``."""

    firm: Business | None = None
    signup: SignupForm | None = None


@dataclass
class ImagesPart:
    """Images in the text: by page (its output file, relative), the raster
    images worth smaller copies, found while the documents are read and
    offered once the page is written; whether Pillow is there (None: not
    asked yet)."""

    pending: dict[str, list] = field(default_factory=dict)
    with_copies: bool | None = None


@dataclass
class ConversationPart:
    """Conversation: the committed conversation file's records by source path
    (read at start-up when the file exists; empty otherwise) and how their
    replies are shown (``render.RenderContext``: hidden URLs, the firm's
    accounts, the date format). Articles get their rendering data from it
    (``article.pm_conversation``, the theme API) once the content is read."""

    articles: dict = field(default_factory=dict)
    context: Any = None  # render.RenderContext, when there are records


@dataclass
class Build:
    """One build: Pelican's settings, the features the site loads, and one
    part per feature (``None`` for a feature the site does not load)."""

    settings: dict
    features: frozenset[str]
    pelican: Any = None
    keywords: KeywordsPart | None = None
    topics: TopicsPart | None = None
    gates: GatesPart | None = None
    seo: SeoPart | None = None
    watch: WatchPart | None = None
    cards: CardsPart | None = None
    business: BusinessPart | None = None
    images: ImagesPart | None = None
    conversation: ConversationPart | None = None
    ran: bool = False  # its run has started (get_generators)
    # The cycle collector's frozen generation holds what the reading phase
    # made (core.freeze_what_was_read), until the build ends.
    frozen: bool = False
    # What templates ask on every page, made once a build (template_answer).
    template_memo: dict = field(default_factory=dict)
    # The document classes whose first instance made room for the plugin's
    # attributes (``reserve_attributes``).
    document_classes: set = field(default_factory=set)
    # Counters a feature reports when the build ends (pages scanned, seconds):
    # numbers only, kept after the build for the overhead benchmark.
    report: dict[str, float] = field(default_factory=dict)


class DocumentNotes:
    """What the plugin keeps on one document while a build runs: its parsed
    metadata (``metadata.parsed``) and its descriptions by length
    (``text.description``). The one private attribute of ours on a document
    (``_pullmarketing``); a document is read afresh by every build, so its
    notes go with it. (Themes read ``pm_topics``, ``pm_related``,
    ``pm_syndication``, ``pm_gate`` and ``gate_form``: the documented theme
    API, not state.) Also what features work out once per document and ask
    for again and again (a document is listed on many pages): on the
    document, not in a table by ``id(doc)``, which costs 150 bytes more an
    entry."""

    __slots__ = (
        "values",
        "problems",
        "descriptions",
        "site_path",
        "modified",
        "list_item",
        "card",
    )

    def __init__(self):
        # Every document of a large site has notes: small fields, no empty
        # containers of its own (20,000 documents x each object counts).
        self.values: dict | None = None  # None: not parsed yet
        self.problems: tuple[str, ...] = ()
        self.descriptions: tuple = ()  # (limit, text, limit, text, ...)
        # What the SEO feature and the share cards work out once per
        # document (UNSET: not yet): its site path (``SiteLinks.doc_path``),
        # its newest date (``pageinfo``), (SITEURL, what a list's JSON-LD
        # says of it) and (the cards' part of the build, its URL then, its
        # card's path or None: pages and the cross-poster ask many times).
        self.site_path: str | None = None
        self.modified: Any = UNSET
        self.list_item: tuple | None = None
        self.card: tuple | None = None


UNSET = object()  # a note not worked out yet, where None is an answer


_NOTES = "_pullmarketing"


def notes_of(doc) -> DocumentNotes:
    """The notes on ``doc``, made on first use (kept only when ``doc`` can
    hold an attribute)."""
    notes = getattr(doc, _NOTES, None)
    if notes is None:
        notes = DocumentNotes()
        with contextlib.suppress(AttributeError):  # objects without __dict__
            setattr(doc, _NOTES, notes)
    return notes


def reserve_attributes(doc, names) -> None:
    """Make room for ``names`` (the attributes the plugin will set) in
    every document of ``doc``'s class, by setting and removing each one on
    ``doc``, the first document of its class read (at ``content_object_init``,
    before the next one is made).

    CPython (3.11 on) keeps an object's attributes inline, without a dict of
    its own, while their names are in its class's table of shared names,
    and each new object shrinks the room left in that table: once Pelican
    has made a few documents the table is full with Pelican's own names.
    An attribute whose name is not in it moves the document's attributes
    into a dict of its own, about 1.3 KB a document (26 MB at 20,000
    articles); names entered while the first document is made fit, as
    many as the table still holds. Harmless where objects work otherwise
    (other Pythons, a table already full): nothing is changed but the
    table."""
    for name in names:
        if hasattr(doc, name):
            continue
        try:
            setattr(doc, name, None)
            delattr(doc, name)
        except (AttributeError, TypeError):
            return


class _Slot:
    """The builds running now, innermost last (one, unless a plugin runs a
    site inside another's run); the one place that remembers them (and the
    numbers the last finished build reported: no object of it)."""

    running: list[Build] = []
    last_report: dict[str, float] = {}


def current() -> Build | None:
    """The build running now (the innermost), or None outside a build (a
    command, a test calling a feature's functions directly)."""
    return _Slot.running[-1] if _Slot.running else None


def template_answer(name: str, make, *args):
    """``make(*args)``, made once a build for every page whose template asks
    with the same ``args`` (known by identity and length: a new or grown
    list is read afresh); made every time outside a build."""
    running = current()
    if running is None:
        return make(*args)
    key = (name, *map(id, args))
    sizes = tuple(len(a or ()) for a in args)
    known = running.template_memo.get(key)
    if (
        known is not None
        and all(was is now for was, now in zip(known[0], args, strict=True))
        and known[1] == sizes
    ):
        return known[2]
    found = make(*args)
    running.template_memo[key] = (args, sizes, found)
    return found


def outer(build: Build) -> Build | None:
    """The build ``build`` runs inside, or None when it is the outermost."""
    running = _Slot.running
    for depth in range(1, len(running)):
        if running[depth] is build:
            return running[depth - 1]
    return None


def running() -> tuple[Build, ...]:
    """The builds running now, outermost first (the last is current)."""
    return tuple(_Slot.running)


def begin(build: Build) -> Build:
    """Make ``build`` the current one, on top of the builds still running
    (``build`` runs inside them). The others are dropped: a build that
    stopped half-way, the earlier run of ``build``'s own Pelican, and any
    build begun inside those."""
    kept: list[Build] = []
    for running in _Slot.running:
        if running.pelican is build.pelican or not _inside_run(running.pelican):
            break
        kept.append(running)
    _Slot.running = [*kept, build]
    return build


def end() -> Build | None:
    """Drop the current build and return it (the one it ran inside is
    current again); keep its ``report``."""
    build = _Slot.running.pop() if _Slot.running else None
    if build is not None:
        _Slot.last_report = dict(build.report)
    return build


def _inside_run(pelican) -> bool:
    """Whether ``pelican.run()`` is on the call stack now: its build is still
    running (a build whose run raised is not, whatever it last heard)."""
    if pelican is None:
        return False
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "run" and frame.f_locals.get("self") is pelican:
            return True
        frame = frame.f_back
    return False


def last_report() -> dict[str, float]:
    """The counters the last finished build reported (``pelican -D`` logs
    them too), for the overhead benchmark."""
    return dict(_Slot.last_report)
