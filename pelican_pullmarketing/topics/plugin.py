"""Signal receivers of the topics feature (thin: the work is in model.py,
generator.py and feeds.py)."""

from __future__ import annotations

from pelican import signals

from .. import build, core
from . import model

# The attributes this feature sets on documents (core.reserve_document_attributes).
DOCUMENT_ATTRIBUTES = ("pm_topics", "pm_related")


def start(current: build.Build) -> None:
    """Deep check of ``PULLMARKETING_TOPICS``, parsed once per build."""
    current.topics = build.TopicsPart(specs=model.configured_specs(current.settings))


def check(doc, current: build.Build) -> list[str]:
    return model.check_document(doc, current.topics.specs)


def get_generators(pelican):
    from .generator import TopicsGenerator

    return TopicsGenerator


def connect() -> None:
    signals.get_generators.connect(get_generators)
    # Hub pages and every topic's feeds ask for their articles' URLs.
    signals.all_generators_finalized.connect(core.fix_document_urls)
