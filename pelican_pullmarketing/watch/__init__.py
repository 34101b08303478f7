"""pelican_pullmarketing.watch: the industry watch. `pullmarketing watch
fetch` reads the feeds of the firm's industry into a committed file, `watch
report` says what they talk about against the firm's keywords and pages, and
topic hubs may show a few of those items. See plugin.py for the receivers."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from . import plugin

    core.register("watch")
    plugin.connect()
