"""pelican_pullmarketing.business: the firm behind the site
(``PULLMARKETING_BUSINESS``), checked once per build and given to templates
as ``pm_business``; the search metadata describes it (``jsonld.py``)."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from .plugin import register as register_receivers

    core.register("business")
    register_receivers()
