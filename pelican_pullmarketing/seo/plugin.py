"""Signal receivers of the SEO feature (thin: the work is in head, inject,
sitemap and robots).

- initialized (``start``, called by ``core.start``): check
  ``PULLMARKETING_PUBLISHER``; the build's ``seo`` part (``build.SeoPart``).
- generator_init: ``pullmarketing_head`` as a Jinja global of every
  generator's environment (other features' generators included).
- static_generator_finalized: note files the site provides itself.
- all_generators_finalized: give every document its URL once (canonical,
  og:url, sitemap, JSON-LD lists, and Pelican's own lists and links all ask
  for it; ``core.fix_document_urls``).
- generator_init also gives each environment a template class that completes
  the head of every page it renders (``PULLMARKETING_SEO_INJECT`` = "auto"),
  so the file is written once.
- content_written: collect sitemap entries; a page rendered some other way
  gets its head completed by rewriting the file (atomically).
- finalized (``finish``, called by ``core.finish``): write sitemap.xml and
  robots.txt unless the site has its own (an ``i18n_subsites`` subsite
  hands its sitemap entries to the main site instead: ``..subsites``).
"""

from __future__ import annotations

import logging
import os
import time

from .. import build, core, metadata, subsites
from ..build import SeoPart
from ..cards import hooks as cards
from ..files import write_atomic
from ..settings import check_setting
from . import (
    gitdates,
    head,
    images,
    indexnow,
    inject,
    neighbours,
    robots,
    sitemap,
)
from .cache import HeadCache, complete
from .links import SiteLinks
from .pageinfo import page_info

logger = logging.getLogger(__name__)


def check_publisher(value, source=None) -> None:
    """``PULLMARKETING_PUBLISHER`` against the schema (``settings.PUBLISHER``)."""
    check_setting("PULLMARKETING_PUBLISHER", value, source)


def new_part(settings: dict) -> SeoPart:
    """The SEO part of a build over ``settings``."""
    return SeoPart(
        settings=settings,
        links=SiteLinks(settings),
        output=os.path.abspath(settings.get("OUTPUT_PATH") or "output"),
    )


def start(current: build.Build) -> None:
    settings = current.settings
    check_publisher(settings.get("PULLMARKETING_PUBLISHER"))
    state = current.seo = new_part(settings)
    state.cache = HeadCache.for_settings(settings)
    state.features = frozenset(current.features)
    state.links.site_locales = subsites.site_locales(current)
    for neighbour in neighbours.settle(current.pelican):
        if neighbour.kind == "sitemap":
            state.sitemap_elsewhere = neighbours.sitemap_file(settings)
    for dest in (settings.get("TEMPLATE_PAGES") or {}).values():
        state.provided.add(os.path.normpath(dest))
    for meta in (settings.get("EXTRA_PATH_METADATA") or {}).values():
        if isinstance(meta, dict) and meta.get("path"):
            state.provided.add(os.path.normpath(meta["path"]))


def _part() -> SeoPart | None:
    current = build.current()
    return current.seo if current is not None else None


def add_jinja_global(generator) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["pullmarketing_head"] = head.jinja_global(generator.settings)
        env.template_class = inject.injecting_template_class(
            env.template_class, page_rendered
        )


def _normpath(path: str) -> str:
    """``os.path.normpath`` for the paths of every page: one already normal
    (no empty, ``.`` or ``..`` part, no trailing slash) is returned as it is,
    without normpath's Python-level split and join."""
    if (
        path
        and "//" not in path
        and "/." not in path
        and not path.startswith(".")
        and not path.endswith("/")
    ):
        return path
    return os.path.normpath(path)


def page_rendered(html: str, context, rest_ascii: bool | None = None) -> str:
    """Complete the head of a page as it is rendered (the file is written
    once); ``page_written`` then only collects its sitemap entry. ``html``
    may be the page's beginning through its ``</head>`` (``rest_ascii``:
    whether the rest is ASCII; ``inject.injecting_template_class``)."""
    state = _part()
    if state is None:
        return html
    started = time.perf_counter()
    info = None
    if not html.strip():
        # A theme's empty template (an authors.html of 0 bytes): not a page.
        state.rendered[_normpath(context["output_file"])] = _EMPTY
        return html
    if state.settings.get("PULLMARKETING_SEO_INJECT", "auto") == "auto":
        if state.cache is not None and rest_ascii is None:
            # The whole page (a long page's beginning is completed afresh).
            info, new = complete(
                state.cache, html, context, state.settings, state.links, state.features
            )
        else:
            info, new = inject.inject(
                html, context, state.settings, state.links, rest_ascii
            )
        if new != html:
            state.injected += 1
            html = new
    state.rendered[_normpath(context["output_file"])] = info
    state.seconds += time.perf_counter() - started
    return html


def note_static_files(generator) -> None:
    state = _part()
    if state is None:
        return
    for static in getattr(generator, "staticfiles", None) or ():
        if getattr(static, "save_as", None):
            state.provided.add(os.path.normpath(static.save_as))


_UNSEEN = object()
_EMPTY = object()  # rendered as nothing: no page, no sitemap entry


def page_written(path, context) -> None:
    state = _part()
    path = str(path)
    if state is None or not path.endswith((".html", ".htm")):
        return
    started = time.perf_counter()
    if path.startswith(state.output_prefix):
        # Pelican's writer passes absolute, normalised paths under OUTPUT_PATH.
        rel = _normpath(path[len(state.output_prefix) :])
    else:
        rel = os.path.normpath(os.path.relpath(os.path.abspath(path), state.output))
    settings = state.settings
    info = state.rendered.pop(rel, _UNSEEN)
    if info is _EMPTY:
        return
    if info is _UNSEEN:
        info = None
        # Written with a template we did not see render.
        with open(path, encoding="utf-8", newline="") as f:
            html = f.read()
        if not html.strip():
            return
        if settings.get("PULLMARKETING_SEO_INJECT", "auto") == "auto":
            # Rewrite the file with its head completed.
            info, new = inject.inject(html, context, settings, state.links)
            if new != html:
                write_atomic(path, new, newline="")
                state.injected += 1
    if info is None:
        info = page_info(context, settings, None, state.links)
    state.pages += 1
    _collect(state, info)
    state.seconds += time.perf_counter() - started


def _collect(state: SeoPart, info) -> None:
    loc = state.links.page_url(info)
    if not loc or not info.indexable or info.kind in ("gate_thanks", "notfound"):
        state.entries.pop(loc or "", None)
        return
    canonical = info.canonical or head.canonical_url(info, state.links)
    if canonical and canonical != loc:
        return  # the page's canonical copy lives elsewhere
    state.entries[loc] = sitemap.Entry(
        loc, info.lastmod, _page_images(state, info, loc)
    )


def _page_images(state: SeoPart, info, loc: str) -> tuple[str, ...]:
    """The image URLs of a document's sitemap entry (list pages: none); the
    page's share card first when it is the page's image, as in its head."""
    doc = info.doc
    if doc is None:
        return ()
    listed = [
        value
        for value in (
            metadata.value(doc, "image"),
            getattr(info.gate, "cover", None) if info.gate is not None else None,
        )
        if value
    ]
    card = cards.page_card(info, bool(listed))
    listed = [
        v
        if v.startswith(("http://", "https://"))
        else state.links.absolute(images.site_path(v))
        for v in listed
    ]
    if card is not None:
        listed.insert(0, state.links.absolute(card.url))
    return sitemap.image_urls(loc, listed, getattr(doc, "content", None))


def _provided(state: SeoPart, save_as: str, setting: str) -> bool:
    """True (and said so) when the site provides the file itself (a static
    file, EXTRA_PATH_METADATA, TEMPLATE_PAGES) or something else wrote it
    during this build (another sitemap plugin): ours is then not written."""
    if os.path.normpath(save_as) in state.provided:
        logger.info("pullmarketing: the site provides %s; not generating one", save_as)
        return True
    try:
        modified = os.path.getmtime(os.path.join(state.output, save_as))
    except OSError:
        return False
    if modified < state.started:
        return False  # left from an earlier build: replaced
    logger.warning(
        "pullmarketing: %s was written by something else in this build (another "
        'plugin?); keeping it and not generating one. Set %s = "" to '
        "silence this.",
        save_as,
        setting,
    )
    return True


def _announce_sitemap(state: SeoPart, robots_as: str, sitemap_url: str) -> None:
    """A robots.txt the site or another plugin wrote, without a ``Sitemap:``
    line: another plugin's gets ours appended; the site's own file is the
    owner's, and a warning says the line to add."""
    path = os.path.join(state.output, robots_as)
    try:
        with open(path, encoding="utf-8") as fh:
            current = fh.read()
    except OSError:
        return
    if robots.has_sitemap(current):
        return
    if os.path.normpath(robots_as) in state.provided:
        logger.warning(
            "pullmarketing: the site's own %s names no sitemap: add the line "
            "'Sitemap: %s' to it",
            robots_as,
            sitemap_url,
        )
        return
    write_atomic(path, robots.with_sitemap(current, sitemap_url), newline="")
    logger.info(
        "pullmarketing: %s (written by another plugin) had no Sitemap: line; "
        "added 'Sitemap: %s'",
        robots_as,
        sitemap_url,
    )


def finish(current: build.Build) -> None:
    state = current.seo
    settings = state.settings
    lang = subsites.subsite_language(settings)
    owner = subsites.sitemap_owner(current) if lang is not None else None
    if owner is not None:
        # An i18n_subsites subsite: its pages go into the root sitemap.
        owner.seo.entries.update(state.entries)
        logger.info(
            "pullmarketing: %d URLs of the %r site go into the main site's sitemap",
            len(state.entries),
            lang,
        )
    else:
        sitemap_url = _write_sitemap(state, settings)
        if lang is None:
            _write_robots(state, settings, sitemap_url)
            indexnow.write_key_file(settings)
        elif sitemap_url:
            logger.warning(
                "pullmarketing: the %r site was built on its own: its sitemap is "
                "%s (add it to the main site's robots.txt or submit it in Search "
                "Console)",
                lang,
                sitemap_url,
            )
    current.report.update(
        pages=state.pages, rewritten=state.injected, seconds=state.seconds
    )
    if state.cache is not None:
        state.cache.save()
        current.report.update(
            seo_pages_cached=state.cache.hits, seo_pages_completed=state.cache.misses
        )
    logger.debug(
        "pullmarketing: head tags: %d pages scanned, %d rewritten, %.3f s",
        state.pages,
        state.injected,
        state.seconds,
    )


def _write_sitemap(state: SeoPart, settings: dict) -> str | None:
    """Write the sitemap (unless the site or another plugin has one); its
    URL, for robots.txt."""
    sitemap_as = settings.get("PULLMARKETING_SITEMAP_SAVE_AS", "sitemap.xml")
    if state.sitemap_elsewhere:
        # Said at start-up: the sitemap plugin's is kept.
        return state.links.absolute(state.sitemap_elsewhere)
    if sitemap_as and _provided(state, sitemap_as, "PULLMARKETING_SITEMAP_SAVE_AS"):
        return state.links.absolute(sitemap_as)
    if sitemap_as and not state.links.siteurl:
        # The settings check already warned once about the empty SITEURL.
        logger.info("pullmarketing: SITEURL is empty; %s not written", sitemap_as)
        return None
    if not sitemap_as:
        return None
    written = sitemap.write_sitemaps(
        state.entries, state.output, sitemap_as, state.links.absolute
    )
    logger.info(
        "pullmarketing: %s: %d URLs (%s)",
        sitemap_as,
        len(state.entries),
        ", ".join(written),
    )
    return state.links.absolute(sitemap_as)


def _write_robots(state: SeoPart, settings: dict, sitemap_url: str | None) -> None:
    """Write robots.txt, or keep the site's or another plugin's (then name
    the sitemap in it, or say the line to add)."""
    robots_as = settings.get("PULLMARKETING_ROBOTS_SAVE_AS", "robots.txt")
    policy = settings.get("PULLMARKETING_ROBOTS", "allow-all")
    if robots_as and not _provided(state, robots_as, "PULLMARKETING_ROBOTS_SAVE_AS"):
        robots.write_robots(state.output, robots_as, sitemap_url, policy)
    elif robots_as:
        if policy != "allow-all":
            logger.warning(
                "pullmarketing: %s comes from the site or another plugin and is "
                "kept as it is, so PULLMARKETING_ROBOTS = %r was not applied; "
                "remove that file to let the package write the policy",
                robots_as,
                policy,
            )
        if sitemap_url:
            _announce_sitemap(state, robots_as, sitemap_url)


def connect() -> None:
    from pelican import signals

    signals.generator_init.connect(add_jinja_global)
    signals.static_generator_finalized.connect(note_static_files)
    # Each page's canonical link, og:url and sitemap entry and each list's
    # JSON-LD items ask for documents' URLs.
    signals.all_generators_finalized.connect(core.fix_document_urls)
    signals.content_written.connect(page_written)
    signals.all_generators_finalized.connect(gitdates.date_documents)
