"""pelican_pullmarketing.keywords: keyword anchors. Turns the phrases customers
search for into internal links; see plugin.py for the signal receivers."""

from __future__ import annotations


def register() -> None:
    from pelican import signals

    from .. import core
    from . import plugin

    core.register("keywords")
    signals.initialized.connect(plugin.load_at_start)
    signals.article_generator_finalized.connect(plugin.remember_articles)
    signals.page_generator_finalized.connect(plugin.link_all)
    signals.all_generators_finalized.connect(plugin.fix_target_urls)
