"""Signal receivers of the industry watch (thin: the work is in config.py,
store.py and hubs.py). A build never touches the network: hubs read the
committed watch file. A site that does not watch, or shows nothing on hubs,
pays one look-up per build.

``start(build)`` (called by ``core.start`` at ``initialized``) fills the
build's ``WatchPart`` with the feeds; ``add_hub_items`` (at
``all_generators_finalized``, after the topic index exists and before
anything is rendered) puts each topic's items from elsewhere in it and in
the templates' context (``pm_watch_items``)."""

from __future__ import annotations

import logging
import os

from pelican import signals

from .. import build
from ..errors import stops_build
from . import config, hubs, store

logger = logging.getLogger(__name__)


def start(current: build.Build) -> None:
    """The watched feeds, checked (the schema has checked every entry; the
    topics are checked against ``PULLMARKETING_TOPICS`` there too)."""
    current.watch = build.WatchPart(feeds=config.configured_feeds(current.settings))


@stops_build
def add_hub_items(generators) -> None:
    current = build.current()
    part = current.watch if current is not None else None
    if part is None:
        return
    generators = list(generators)
    holder = next((g for g in generators if hasattr(g, "context")), None)
    if holder is None:
        return
    site = holder.settings
    limit = site.get("PULLMARKETING_WATCH_ON_HUBS") or 0
    if not limit or not part.feeds:
        return
    path = store.watch_file(site)
    if not os.path.exists(path):
        logger.warning(
            "watch: PULLMARKETING_WATCH_ON_HUBS is %d but %s does not exist yet: "
            "run `pullmarketing watch fetch` and commit the file; hubs show no "
            "items from elsewhere until then",
            limit,
            path,
        )
        return
    stored = store.load_store(path)
    part.hub_items = hubs.items_by_topic(stored, part.feeds, limit)
    warn_unknown_topics(part.feeds, holder.context)
    holder.context[hubs.CONTEXT_KEY] = part.hub_items


def warn_unknown_topics(feeds: list[config.WatchedFeed], context: dict) -> None:
    """Shown feeds whose topics the site does not have (with categories as
    topics, known only now that the content is read)."""
    if "pm_all_topics" not in context:
        return
    topics = {t.slug for t in context.get("pm_all_topics") or ()}
    unknown = sorted({s for f in feeds if f.show for s in f.topics} - topics)
    if unknown:
        logger.warning(
            "watch: PULLMARKETING_WATCH names topics the site does not have: %s "
            "(its topics: %s)",
            ", ".join(unknown),
            ", ".join(sorted(topics)) or "none",
        )


def connect() -> None:
    signals.all_generators_finalized.connect(add_hub_items)
