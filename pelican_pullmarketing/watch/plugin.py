"""Signal receivers of the industry watch (thin: the work is in config.py,
store.py and hubs.py). A build never touches the network: hubs read the
committed watch file. A site that does not watch, or shows nothing on hubs,
pays one dictionary look-up per build."""

from __future__ import annotations

import logging
import os

from pelican import signals

from .. import core
from ..errors import PullMarketingError, stop_build
from . import config, hubs, store

logger = logging.getLogger(__name__)


def validate_watch(pelican) -> None:
    """Deep check of ``PULLMARKETING_WATCH`` at start-up (after the schema)."""
    core.validate_settings(pelican)
    if not pelican.settings.get(config.SETTING):
        return
    try:
        config.configured_feeds(pelican.settings)
    except PullMarketingError as exc:
        raise stop_build(exc) from None


def add_hub_items(generators) -> None:
    generators = list(generators)
    holder = next((g for g in generators if hasattr(g, "context")), None)
    if holder is None:
        return
    site = holder.settings
    limit = site.get("PULLMARKETING_WATCH_ON_HUBS") or 0
    if not limit or not site.get(config.SETTING):
        return
    feeds = config.configured_feeds(site)
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
    try:
        stored = store.load_store(path)
    except PullMarketingError as exc:
        raise stop_build(exc) from None
    by_topic = hubs.items_by_topic(stored, feeds, limit)
    topics = {t.slug for t in holder.context.get("pm_all_topics") or ()}
    unknown = sorted({s for f in feeds if f.show for s in f.topics} - topics)
    if unknown and "pm_all_topics" in holder.context:
        logger.warning(
            "watch: PULLMARKETING_WATCH names topics the site does not have: %s "
            "(its topics: %s)",
            ", ".join(unknown),
            ", ".join(sorted(topics)) or "none",
        )
    holder.context[hubs.CONTEXT_KEY] = by_topic


def connect() -> None:
    signals.initialized.connect(validate_watch)
    signals.all_generators_finalized.connect(add_hub_items)
