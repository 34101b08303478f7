"""Signal receivers of the topics feature (thin: the work is in model.py,
generator.py and feeds.py)."""

from __future__ import annotations

from pelican import signals

from .. import core
from ..errors import PullMarketingError, stop_build
from . import model


def validate_topics(pelican) -> None:
    """Deep check of ``PULLMARKETING_TOPICS`` at start-up (after core has
    validated the settings schema)."""
    core.validate_settings(pelican)
    try:
        model.configured_specs(pelican.settings)
    except PullMarketingError as exc:
        raise stop_build(exc) from None


def get_generators(pelican):
    from .generator import TopicsGenerator

    return TopicsGenerator


def connect() -> None:
    signals.initialized.connect(validate_topics)
    signals.get_generators.connect(get_generators)
    # Hub pages and every topic's feeds ask for their articles' URLs.
    signals.all_generators_finalized.connect(core.fix_document_urls)
    core.add_document_check(model.check_document)
