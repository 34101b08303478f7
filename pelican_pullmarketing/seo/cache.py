"""Completed heads kept across builds, beside Pelican's content cache.

With Pelican's content cache on (``CACHE_CONTENT``, ``LOAD_CONTENT_CACHE``)
a writer's preview rebuild renders most pages exactly as last time. What
the injector does to a page's head (``inject.inject_parts``: the theme tags
it drops or rewrites and the markup it adds before ``</head>``) depends on:

- the build (the **build key**): every setting, sanitised (any change means
  every page is completed again), this package's, Python's and the
  libraries' versions, the loaded features, the other sites' locales
  (``i18n_subsites``) and the site-wide images as resolved (their sizes);
- the page (the **page key**): the theme's head up to the first
  ``</head>``, whether the page is all ASCII, its output file, its kind,
  the title style learned so far, and what the context gives the page: its
  document, the documents it lists, its topic, category, tag, author,
  period, pagination (``DOC_FIELDS``, ``TOPIC_FIELDS``, ``CONTEXT_KEYS``,
  each document's and topic's digest made once per build).

The body of the page is not an input, so it is not hashed. The title style
and the claimed titles depend on the order pages are rendered in: a page
whose head is reused replays its ``learn_from`` and ``claim`` calls and is
completed again when a claim turns out differently. Pages whose theme calls
``pullmarketing_head()`` itself, pages without a head and gate thank-you
pages (their URL holds the secret token) are never kept.

The cache is a plain pickle, ``CACHE_PATH/pullmarketing-seo.pickle``
(never gzipped: compressing costs most of what it saves), read when
``LOAD_CONTENT_CACHE`` is on and written when ``CACHE_CONTENT`` is, holding
the pages of one build and replaced atomically; beside it
``pullmarketing-seo-delta.pickle`` holds the pages later builds completed
afresh (a writer's rebuild after an edit: a few pages), so that such a
build writes those pages, not 13 MB of unchanged ones. Both are rewritten
as one file when the delta holds more than a quarter of a build's pages.
Entries are found by a key of everything they depend on, so one kept a
build longer than needed is never wrong, only unused. A file that cannot be
read is an empty cache (a delta that cannot be read, or made over another
file than the one there, is no delta).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import json
import logging
import os
import pickle
import re
import sys
import types
from importlib import metadata as importlib_metadata
from pathlib import PurePath

from .. import __version__, metadata
from ..cards import hooks as cards
from ..files import content_cache_file
from . import head, images, inject
from .pageinfo import ARTICLE_LISTS, PageInfo, _kind

logger = logging.getLogger(__name__)

CACHE_FILE = "pullmarketing-seo.pickle"
DELTA_FILE = "pullmarketing-seo-delta.pickle"
# The delta holds at most this share of a build's pages; past it, the cache
# file is written again with every page (and the delta goes).
DELTA_SHARE = 0.25
FORMAT = 3  # of the file and its entries; a change makes every page a miss

# What a page's key takes from its document and from every document it
# lists or names (translations): ``doc_digest``. The attributes of
# documents the head completion reads must all be here or in DOC_DERIVED
# (``tests/seo/test_seo_cache.py`` records them during a build).
DOC_FIELDS = (
    "url",
    "title",
    "lang",
    "date",
    "modified",
    "status",
    "slug",
    "metadata",  # robots, canonical, image, image_alt, focus_keywords, description, summary
    "_content",  # the summary's source when the metadata has none
    "tags",
    "category",
    "author",
    "authors",
    "translations",
    "pm_gate",
    "pm_topics",
    "pm_conversation",
)
# Read by Pelican's own properties on the way to a field above (the summary
# is made from ``_content`` or ``metadata["summary"]`` with the settings,
# which the build key holds), or only named in a log message.
DOC_DERIVED = frozenset(
    {
        "summary",
        "_summary",
        "_get_summary",
        "get_summary",
        "get_content",
        "_update_content",
        "content",
        "settings",
        "_context",
        "_get_intrasite_link_regex",
        "_link_replacer",
        "_find_path",
        "get_siteurl",
        "get_url_setting",
        "url_format",
        "_expand_settings",
        "source_path",
        "relative_source_path",
        "get_relative_source_path",
        "in_default_lang",
        "default_status",
        "mandatory_properties",
        "_status",  # status
        "override_url",  # url
        "_pullmarketing",  # this package's memo of metadata and description
    }
)
# What is read from a category, tag or author (Pelican's URLWrapper).
WRAPPER_FIELDS = ("name", "slug", "url")
# Read by Pelican's properties on the way to those (its URL from its
# settings, which the build key holds).
WRAPPER_DERIVED = frozenset({"_name", "_slug", "as_dict", "settings"})
# What the key takes from a topic (``topic_digest``) and its feeds.
TOPIC_FIELDS = ("slug", "title", "description", "url", "save_as", "feeds")
FEED_FIELDS = ("mime", "title", "url", "href", "format")
# What the key takes from a gated paper (never its token or secret URLs).
GATE_FIELDS = ("cover", "summary", "file_type", "size", "title", "file_name")
# What it takes from a conversation.
CONVERSATION_FIELDS = ("jsonld",)
# The template context keys the head completion reads (``page_key``).
CONTEXT_KEYS = frozenset(
    {
        "output_file",
        "article",
        "page",
        "topic",
        "page_name",
        "period",
        "tag",
        "author",
        "category",
        "pm_category_topics",
        "robots",
        "articles_page",
        "articles_paginator",
        "articles_previous_page",
        "articles_next_page",
        "articles",
        "static_content",
        "topics",
        # Read only on gate thank-you pages, which are never kept.
        "gate",
        "landing",
        "DEFAULT_LANG",
    }
)
_LISTS_OF_ALL = ("tags", "categories", "authors")


# --- the build key --------------------------------------------------------------


def sanitise(value, depth: int = 0):
    """A form of ``value`` that is the same in every process for the same
    value (no addresses, sets sorted), to hash settings with."""
    if depth > 50:
        return "<deep>"
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return value
    if isinstance(value, dict):
        items = [
            (sanitise(k, depth + 1), sanitise(v, depth + 1)) for k, v in value.items()
        ]
        return ("dict", sorted(items, key=repr))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [sanitise(v, depth + 1) for v in value])
    if isinstance(value, (set, frozenset)):
        return ("set", sorted((sanitise(v, depth + 1) for v in value), key=repr))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return ("datetime", value.isoformat())
    if isinstance(value, re.Pattern):
        return ("regex", value.pattern, value.flags)
    if isinstance(value, PurePath):
        return ("path", str(value))
    if isinstance(value, types.ModuleType):
        return ("module", value.__name__)
    if isinstance(value, dt.tzinfo):
        return ("tz", str(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            "dataclass",
            _qualname(type(value)),
            [
                (f.name, sanitise(getattr(value, f.name, None), depth + 1))
                for f in dataclasses.fields(value)
            ],
        )
    if callable(value) or isinstance(value, type):
        return ("callable", _qualname(value))
    return ("object", _qualname(type(value)))


def _qualname(obj) -> str:
    module = getattr(obj, "__module__", None) or ""
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    if name is None:
        return f"{module}:{_qualname(type(obj))}"
    return f"{module}:{name}"


def _digest(*parts) -> bytes:
    """blake2b-128 of ``parts``: str, bytes, numbers, None and tuples and
    lists of them, whose ``repr`` is exact and the same in every process."""
    return hashlib.blake2b(
        repr(parts).encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


def _text_digest(text: str) -> bytes:
    """blake2b-128 of a long text (a page's head, a document's markup)."""
    return hashlib.blake2b(
        text.encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


def settings_digests(settings: dict) -> dict[str, bytes]:
    """A digest of each setting (the log names those that changed)."""
    return {str(k): _digest(sanitise(v)) for k, v in settings.items()}


def _versions() -> tuple:
    found = []
    for name in ("pelican", "babel", "regex", "jinja2", "markdown", "docutils"):
        try:
            found.append((name, importlib_metadata.version(name)))
        except importlib_metadata.PackageNotFoundError:
            found.append((name, None))
    return (__version__, FORMAT, sys.version_info[:2], tuple(found))


def site_images(settings: dict, static_content) -> tuple:
    """The site-wide images as resolved (URL and size): a logo file replaced
    by one of another size changes every page's JSON-LD."""
    values = [settings.get("PULLMARKETING_DEFAULT_IMAGE")]
    publisher = settings.get("PULLMARKETING_PUBLISHER")
    if isinstance(publisher, dict):
        values.append(publisher.get("logo"))
    business = settings.get("PULLMARKETING_BUSINESS")
    if isinstance(business, dict):
        for name in ("logo", "image"):
            value = business.get(name)
            values.extend(value if isinstance(value, (list, tuple)) else [value])
    found = []
    for value in values:
        if isinstance(value, str) and value.strip():
            image = images.resolve(value, settings, static_content)
            found.append((value, _image(image)))
    return tuple(found)


def _image(image) -> tuple | None:
    if image is None:
        return None
    return (image.url, image.width, image.height)


def build_key(settings: dict, digests: dict, links, features, static_content) -> bytes:
    return _digest(
        _versions(),
        sorted(digests.items()),
        sanitise(links.site_locales),
        sorted(features or ()),
        site_images(settings, static_content),
    )


# --- the page key ---------------------------------------------------------------


class Digests:
    """Each document's and topic's digest, made once per build (keyed by
    ``id``, checked by identity, as ``links.list_items``)."""

    def __init__(self, settings: dict, static_content) -> None:
        self.settings = settings
        self.static_content = static_content
        self._docs: dict[int, tuple[object, bytes]] = {}
        self._topics: dict[int, tuple[object, bytes]] = {}
        self._images: dict[str, tuple | None] = {}

    def image(self, value) -> tuple | None:
        if not value:
            return None
        value = str(value)
        if value not in self._images:
            self._images[value] = _image(
                images.resolve(value, self.settings, self.static_content)
            )
        return self._images[value]

    def doc(self, doc) -> bytes:
        if doc is None:
            return b"\x00none"
        hit = self._docs.get(id(doc))
        if hit is None or hit[0] is not doc:
            hit = self._docs[id(doc)] = (doc, self._doc(doc))
        return hit[1]

    def _doc(self, doc) -> bytes:
        meta = getattr(doc, "metadata", None) or {}
        summary = meta.get("summary")
        if summary is None:
            source = getattr(doc, "_content", None)
        else:
            source = ("summary", summary)
        gate = getattr(doc, "pm_gate", None)
        conversation = getattr(doc, "pm_conversation", None)
        return _digest(
            type(doc).__qualname__,
            getattr(doc, "url", None),
            getattr(doc, "title", None),
            getattr(doc, "lang", None),
            _date(getattr(doc, "date", None)),
            _date(getattr(doc, "modified", None)),
            getattr(doc, "status", None),
            getattr(doc, "slug", None),
            [
                (k, metadata.value(doc, k))
                for k in ("robots", "canonical", "image", "image_alt", "focus_keywords")
            ],
            meta.get("description"),
            _text_digest(str(source)) if source is not None else None,
            [str(t) for t in getattr(doc, "tags", None) or ()],
            _wrapper(getattr(doc, "category", None)),
            _wrapper(getattr(doc, "author", None)),
            [_wrapper(a) for a in getattr(doc, "authors", None) or ()],
            [
                (
                    getattr(t, "lang", None),
                    getattr(t, "url", None),
                    getattr(t, "title", None),
                )
                for t in getattr(doc, "translations", None) or ()
            ],
            self.image(metadata.value(doc, "image")),
            self._gate(gate),
            [self.topic(t) for t in getattr(doc, "pm_topics", None) or ()],
            None if conversation is None else _conversation(conversation),
        )

    def _gate(self, gate) -> tuple | None:
        if gate is None:
            return None
        values = tuple(getattr(gate, name, None) for name in GATE_FIELDS)
        return (*values, self.image(getattr(gate, "cover", None)))

    def topic(self, topic) -> bytes:
        if topic is None:
            return b"\x00none"
        hit = self._topics.get(id(topic))
        if hit is None or hit[0] is not topic:
            hit = self._topics[id(topic)] = (topic, self._topic(topic))
        return hit[1]

    def _topic(self, topic) -> bytes:
        return _digest(
            type(topic).__qualname__,
            str(topic),
            [getattr(topic, name, None) for name in TOPIC_FIELDS if name != "feeds"],
            [
                tuple(getattr(feed, name, None) for name in FEED_FIELDS)
                for feed in getattr(topic, "feeds", None) or ()
            ],
        )


def _conversation(conversation):
    """What the article's JSON-LD takes from its conversation: the inputs of
    its ``jsonld`` where the object says them (``jsonld_inputs``), else the
    JSON-LD itself."""
    inputs = getattr(conversation, "jsonld_inputs", None)
    if inputs is not None:
        return inputs()
    return json.dumps(
        getattr(conversation, "jsonld", None),
        sort_keys=True,
        ensure_ascii=False,
        default=repr,
    )


def _date(value) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else None


def _wrapper(value) -> tuple | None:
    if value is None:
        return None
    return (
        type(value).__qualname__,
        str(value),
        getattr(value, "slug", None),
        getattr(value, "url", None),
    )


def page_key(
    head: str, ascii_only: bool, ctx, kind: str, titles, digests: Digests
) -> bytes:
    """The key of a page (``head``: its markup up to and including the first
    ``</head>``)."""
    get = ctx.get
    style = titles.style
    parts = [
        _text_digest(head),
        ascii_only,
        get("output_file"),
        kind,
        (style.format, style.learned),
        str(get("robots")) if get("robots") else None,
        get("page_name"),
        repr(get("period")),
        digests.doc(get("article")),
        digests.doc(get("page")),
        digests.topic(get("topic")),
        _wrapper(get("tag")) if not isinstance(get("tag"), str) else get("tag"),
        _wrapper(get("author"))
        if not isinstance(get("author"), str)
        else get("author"),
    ]
    category = get("category")
    if category is not None:
        parts.append(_wrapper(category) if not isinstance(category, str) else category)
        topics = get("pm_category_topics") or {}
        parts.append(digests.topic(topics.get(getattr(category, "slug", None))))
    page = get("articles_page")
    if page is not None:
        parts.append(
            (
                getattr(page, "number", None),
                getattr(page, "url", None),
                b"".join(
                    digests.doc(d) for d in getattr(page, "object_list", None) or ()
                ),
            )
        )
        paginator = get("articles_paginator")
        parts.append(
            (getattr(paginator, "count", None), getattr(paginator, "per_page", None))
        )
        for name in ("articles_previous_page", "articles_next_page"):
            other = get(name)
            parts.append(getattr(other, "url", None) if other is not None else None)
    if (page is None and kind in ARTICLE_LISTS) or kind in _LISTS_OF_ALL:
        parts.append(b"".join(digests.doc(d) for d in get("articles") or ()))
    if kind == "subscribe":
        parts.append([digests.topic(t) for t in get("topics") or ()])
    return _digest(*parts)


# --- the file -------------------------------------------------------------------


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector off while the file is read: a page's entry
    is tuples of strings (no cycle to collect), and reading thousands of
    them with the collector on runs it again and again over the whole heap
    (230 ms instead of 19 for 2,000 articles)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class HeadCache:
    """The completed heads of the last build's pages, by page key: the
    cache file's, and the delta file's made over it."""

    def __init__(self, path: str, *, load: bool, save: bool) -> None:
        self.path = path
        self.delta_path = os.path.join(os.path.dirname(path), DELTA_FILE)
        self._save = save
        self._stored = self._read() if load else {}
        self._old: dict[bytes, tuple] = {}
        self._new: dict[bytes, tuple] = {}
        # The cache file whose pages _old holds (its serial; None: none) and
        # the delta file's pages over it.
        self._base: str | None = None
        self._delta: dict[bytes, tuple] = {}
        self.build: bytes | None = None  # this build's key, at the first page
        self.settings: dict[str, bytes] = {}
        self.digests: Digests | None = None
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_settings(cls, settings: dict) -> HeadCache | None:
        """The cache of a build with these settings; None without Pelican's
        content cache."""
        found = content_cache_file(settings, CACHE_FILE)
        if found is None:
            return None
        path, load, save = found
        return cls(path, load=load, save=save)

    def _read(self) -> dict:
        stored = self._load(self.path)
        if not stored or not isinstance(stored.get("settings"), dict):
            return {}
        delta = self._load(self.delta_path)
        if (
            delta
            and delta.get("base") == stored.get("serial")
            and delta.get("build") == stored.get("build")
        ):
            stored["entries"].update(delta["entries"])
            stored["delta"] = delta["entries"]
        return stored

    def _load(self, path: str) -> dict:
        try:
            with open(path, "rb") as fh, _collector_paused():
                stored = pickle.load(fh)
        except FileNotFoundError:
            return {}
        except Exception as exc:  # cut short, another version's, not a pickle
            logger.debug("pullmarketing: head cache %s not read: %s", path, exc)
            return {}
        if (
            not isinstance(stored, dict)
            or stored.get("format") != FORMAT
            or stored.get("version") != __version__
            or not isinstance(stored.get("entries"), dict)
        ):
            logger.debug("pullmarketing: head cache %s is of another version", path)
            return {}
        return stored

    def begin(self, settings: dict, links, features, static_content) -> None:
        """Work out the build key (at the first page: every plugin has set
        its settings by then) and keep the stored pages only if it is the
        stored one."""
        self.settings = settings_digests(settings)
        self.build = build_key(settings, self.settings, links, features, static_content)
        self.digests = Digests(settings, static_content)
        stored = self._stored
        self._stored = {}
        if not stored:
            return
        if stored.get("build") == self.build:
            self._old = stored["entries"]
            self._base = stored.get("serial")
            self._delta = stored.get("delta") or {}
            return
        before = stored.get("settings") or {}
        changed = sorted(
            set(before) ^ set(self.settings)
            | {
                k
                for k in before
                if k in self.settings and before[k] != self.settings[k]
            }
        )
        logger.debug(
            "pullmarketing: head cache: every page is completed again (%s)",
            ("settings changed: " + ", ".join(changed[:10]))
            if changed
            else "versions, features or site images changed",
        )

    def get(self, key: bytes) -> tuple | None:
        entry = self._old.get(key)
        if entry is None:
            return None
        if not _well_formed(entry):
            logger.debug("pullmarketing: head cache %s: a damaged entry", self.path)
            return None
        return entry

    def put(self, key: bytes, entry: tuple) -> None:
        self._new[key] = entry

    def save(self) -> None:
        """Write this build's pages: the pages completed afresh into the
        delta file while it holds at most a quarter of the build's pages,
        else every page into the cache file (and no delta)."""
        if not self._save or self.build is None:
            return
        old = self._old
        # A kept page's entry is the very object read (complete() puts it).
        fresh = {k: v for k, v in self._new.items() if old.get(k) is not v}
        if self._base is not None and len(self._delta) + len(
            fresh
        ) <= DELTA_SHARE * len(self._new):
            if fresh:
                self._write(
                    self.delta_path,
                    {
                        "format": FORMAT,
                        "version": __version__,
                        "base": self._base,
                        "build": self.build,
                        "entries": {**self._delta, **fresh},
                    },
                )
            return
        if not self._new:
            return
        serial = os.urandom(16).hex()
        data = {
            "format": FORMAT,
            "version": __version__,
            "serial": serial,
            "build": self.build,
            "settings": self.settings,
            "entries": self._new,
        }
        if self._write(self.path, data):
            # The delta, made over the file replaced, is no longer read.
            with contextlib.suppress(OSError):
                os.remove(self.delta_path)

    def _write(self, path: str, data: dict) -> bool:
        folder = os.path.dirname(path)
        partial = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(folder, exist_ok=True)
            with open(partial, "wb") as fh, _collector_paused():
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
            logger.warning(
                "pullmarketing: could not write the head cache %s: %s", path, exc
            )
            if os.path.exists(partial):
                os.remove(partial)
            return False
        return True


def _well_formed(entry) -> bool:
    """Whether ``entry`` is (edits, insert, record, info values, card) as
    ``complete`` keeps it."""
    if not (type(entry) is tuple and len(entry) == 5):
        return False
    edits, insert, record, values, card = entry
    return (
        (
            card is None
            or type(card) is tuple
            and len(card) == 4
            and type(card[0]) is str
            and type(card[1]) is tuple
            and type(card[2]) is str
            and type(card[3]) is str
        )
        and type(values) is tuple
        and len(values) == len(_INFO_FIELDS)
        and type(values[0]) is str
        and type(values[1]) is str
        and type(values[2]) is str
        and type(values[7]) is int
        and type(insert) is str
        and type(edits) is tuple
        and all(
            type(e) is tuple
            and len(e) == 3
            and type(e[0]) is int
            and type(e[1]) is int
            and (e[2] is None or type(e[2]) is str)
            for e in edits
        )
        and type(record) is tuple
        and all(
            type(r) is tuple and len(r) == 3 and type(r[1]) is tuple for r in record
        )
    )


# --- a page -----------------------------------------------------------------------


def complete(cache: HeadCache, html: str, ctx, settings: dict, links, features):
    """(page info, new html) as ``inject.inject`` gives them, the head's
    edits taken from the cache when the page's key is there (and its title
    claims turn out as last time), else made and kept."""
    m = inject._HEAD_END.search(html)
    if m is None:
        return inject.inject(html, ctx, settings, links)
    page_head = html[: m.end()]
    kind = _kind(ctx, settings, None)
    if head.MARKER in page_head or kind == "gate_thanks":
        # The theme completes its own head; a thank-you page's URL is secret.
        return inject.inject(html, ctx, settings, links)
    if cache.build is None:
        cache.begin(settings, links, features, ctx.get("static_content"))
    titles = head.SiteTags.of(settings, links).titles
    key = page_key(page_head, html.isascii(), ctx, kind, titles, cache.digests)
    entry = cache.get(key)
    if entry is not None:
        done = _replay(entry, html, m.start(), ctx, settings, links, titles)
        if done is not None:
            cache.hits += 1
            cache.put(key, entry)
            return done
    record = titles.record = []
    try:
        info, scan, edits, insert = inject.inject_parts(html, ctx, settings, links)
    finally:
        titles.record = None
    cache.misses += 1
    if scan is None:
        return info, html
    card = cards.kept_card(info, head.page_card(info, settings))
    cache.put(key, (edits, insert, tuple(record), _info_values(info), card))
    return info, inject.assemble(html, scan.end, edits, insert)


# What the rest of the build reads of a page's PageInfo (its sitemap entry,
# its share card), kept with its head.
_INFO_FIELDS = (
    "kind",
    "path",
    "title",
    "lang",
    "robots",
    "published",
    "modified",
    "number",
    "canonical",
    "canonical_path",
)


def _info_values(info) -> tuple:
    return tuple(getattr(info, name) for name in _INFO_FIELDS)


def restored_info(values: tuple, ctx) -> PageInfo:
    """The PageInfo of a kept page: its values as the completion made them,
    its document, gated paper and topic from this build's context (as
    ``page_info`` takes them)."""
    kind, path, title = values[:3]
    doc = None
    if kind == "article":
        doc = ctx.get("article")
    elif kind in ("page", "notfound"):
        doc = ctx.get("page")
    info = PageInfo(kind, path, title, doc)
    (
        _,
        _,
        _,
        info.lang,
        info.robots,
        info.published,
        info.modified,
        info.number,
        info.canonical,
        info.canonical_path,
    ) = values
    if doc is not None:
        info.gate = getattr(doc, "pm_gate", None)
        info.topic = next(iter(getattr(doc, "pm_topics", None) or ()), None)
    elif kind == "topic":
        info.topic = ctx.get("topic")
    elif kind == "category":
        category = ctx.get("category")
        topics = ctx.get("pm_category_topics") or {}
        info.topic = topics.get(getattr(category, "slug", None))
    return info


def _replay(entry: tuple, html: str, end: int, ctx, settings: dict, links, titles):
    """A kept page: its title-style lesson and title claims made again (None
    when a claim turns out otherwise: another page has that title now), its
    page info and share card job as a completion makes them, and its edits
    applied."""
    edits, insert, record, values, card = entry
    for what, args, result in record:
        if what == "learn":
            titles.learn_from(*args)
        elif titles.claim(*args) != result:
            return None
    info = restored_info(values, ctx)
    cards.replay_card(info, card)
    return info, inject.assemble(html, end, edits, insert)
