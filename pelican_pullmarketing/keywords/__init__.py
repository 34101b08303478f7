"""pelican_pullmarketing.keywords: keyword anchors. Turns the phrases customers
search for into internal links; see plugin.py for the signal receivers."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from . import plugin

    core.register("keywords")
    plugin.connect()
