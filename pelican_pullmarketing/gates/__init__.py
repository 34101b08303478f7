"""pelican_pullmarketing.gates: white-paper gates (see plugin.py for the
signal receivers)."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from . import plugin

    core.register("gates")
    plugin.connect()
