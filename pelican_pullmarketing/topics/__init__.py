"""pelican_pullmarketing.topics: per-topic hub pages, Atom / RSS / JSON feeds,
subscribe page, OPML and WebSub. See plugin.py for the signal receivers."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from . import plugin

    core.register("topics")
    plugin.connect()
