"""pelican_pullmarketing.business: the firm behind the site
(``PULLMARKETING_BUSINESS``), read once per build and given to templates as
``pm_business``; the search metadata describes it as the site's node. See
plugin.py for the signal receivers."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from . import plugin

    core.register("business")
    plugin.connect()
