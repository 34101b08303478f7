"""pelican_pullmarketing.cards: generated 1200x630 share cards for pages
without their own image, used by Open Graph, Twitter, JSON-LD and the
cross-poster. See plugin.py for the signal receivers."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from . import plugin

    core.register("cards")
    plugin.connect()
