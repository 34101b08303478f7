"""Signal receivers of keyword anchors (thin: the work is in linker.py).

Links go into ``_content`` at ``page_generator_finalized``, when every article
and page has been read (so pages can be targets and drafts/hidden documents
are known) and before Pelican renders content and resolves ``{filename}``:
targets then follow the site's URL settings and are absolute in feeds.
"""

from __future__ import annotations

from .. import core, settings
from ..errors import PullMarketingError, stop_build
from ..urls import fix_urls
from .catalogue import load_catalogue
from .linker import link_documents

_CATALOGUE = "_PULLMARKETING_KEYWORD_CATALOGUE"
_ARTICLES = "_pullmarketing_article_generator"
_TARGETS = "_pullmarketing_keyword_targets"


def load_at_start(pelican) -> None:
    """Read the catalogue once, at start-up, so a bad CSV stops the build
    before anything is read or written."""
    try:
        settings.validate_build(pelican.settings)
        pelican.settings[_CATALOGUE] = load_catalogue(pelican.settings)
    except PullMarketingError as exc:
        raise stop_build(exc) from None


def remember_articles(generator) -> None:
    # Pages are read after articles; link both once the pages are known.
    generator.context[_ARTICLES] = generator


def link_all(generator) -> None:
    catalogue = generator.settings.get(_CATALOGUE)
    if catalogue is None:  # generators made without the `initialized` signal
        try:
            catalogue = load_catalogue(generator.settings)
        except PullMarketingError as exc:
            raise stop_build(exc) from None
    articles = generator.context.pop(_ARTICLES, None)
    generators = [g for g in (articles, generator) if g is not None]
    report = link_documents(core.documents(generators), catalogue, generator.settings)
    generator.context[_TARGETS] = report.targets


def fix_target_urls(generators) -> None:
    """Once every generator is done (and before anything is rendered), fix
    the URL of each linked document: Pelican resolves every keyword link
    through it."""
    for generator in generators:
        targets = generator.context.pop(_TARGETS, None)
        if targets:
            fix_urls(targets, warn=core.warn_url_mismatch)
