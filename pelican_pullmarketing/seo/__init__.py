"""pelican_pullmarketing.seo: search metadata for every page in any theme.
See plugin.py for the signal receivers."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from . import plugin

    core.register("seo")
    plugin.connect()
