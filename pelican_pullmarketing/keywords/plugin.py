"""Signal receivers of keyword anchors (thin: the work is in linker.py).

The catalogue is read at start-up (``start``, from ``core.start`` at
``initialized``), so a bad CSV stops the build before anything is read, and
lives in ``build.Build.keywords`` until ``finalized``. Links go into
``_content`` at ``page_generator_finalized``, when every article and page has
been read (so pages can be targets and drafts/hidden documents are known)
and before Pelican renders content and resolves ``{filename}``. Once every
generator is done (``fix_target_urls``) the targets' URLs are final, and
with ``RELATIVE_URLS`` off each link is written with the URL Pelican would
write for it, which Pelican then has no need to resolve; with it on,
Pelican resolves them page by page.
"""

from __future__ import annotations

from pelican import signals

from .. import build, core
from ..errors import stops_build
from ..urls import fix_urls
from .catalogue import load_catalogue
from .linker import link_documents, resolve_links


def start(current: build.Build) -> None:
    """Read the catalogue once per build."""
    current.keywords = build.KeywordsPart(catalogue=load_catalogue(current.settings))


def remember_articles(generator) -> None:
    # Pages are read after articles; link both once the pages are known.
    current = build.current()
    if current is not None and current.keywords is not None:
        current.keywords.articles = generator


@stops_build
def link_all(generator) -> None:
    current = build.current()
    if current is None or current.keywords is None:
        return
    part = current.keywords
    articles, part.articles = part.articles, None
    generators = [g for g in (articles, generator) if g is not None]
    part.report = link_documents(
        core.documents(generators), part.catalogue, generator.settings
    )
    part.targets = part.report.targets
    current.report["keyword_documents_cached"] = part.report.cached


def fix_target_urls(generators) -> None:
    """Once every generator is done (and before anything is rendered), fix
    the URL of each linked document (Pelican resolves the ``{filename}``
    keyword links through it), then write each keyword link with the URL
    Pelican would write for it (``RELATIVE_URLS`` off)."""
    current = build.current()
    if current is None or current.keywords is None:
        return
    part = current.keywords
    targets, part.targets = part.targets, []
    if targets:
        fix_urls(targets, warn=core.warn_url_mismatch)
    report, part.report = part.report, None
    if report is not None:
        resolve_links(report)


def connect() -> None:
    signals.article_generator_finalized.connect(remember_articles)
    signals.page_generator_finalized.connect(link_all)
    signals.all_generators_finalized.connect(fix_target_urls)
