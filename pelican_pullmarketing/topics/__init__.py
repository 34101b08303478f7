"""pelican_pullmarketing.topics: see plugin.py for the signal receivers."""

from __future__ import annotations


def register() -> None:
    from .. import core

    core.register()
