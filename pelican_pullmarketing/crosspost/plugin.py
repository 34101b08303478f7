"""Signal receivers of cross-posting (thin; the work is in targets, manifest,
state): check the targets at start-up, write the manifest, and put
``pm_syndication`` ("Also published on") on every document."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from pelican import signals

from .. import build, core, metadata
from ..errors import stops_build
from . import state
from .markdown_source import relative_source
from .targets import PLATFORMS, check_document, parse_targets, platform_name

logger = logging.getLogger(__name__)

# The attributes this feature sets on documents (core.reserve_document_attributes).
DOCUMENT_ATTRIBUTES = ("pm_syndication",)


@dataclass(frozen=True)
class Syndication:
    """One copy elsewhere, for the theme's "Also published on" links."""

    name: str  # platform display name
    url: str


def syndication_for(doc, settings: dict, published: dict) -> list[Syndication]:
    """Metadata ``syndication`` first, then the state file's copies in platform
    order; each URL once."""
    out: list[Syndication] = []
    seen: set[str] = set()
    for url in metadata.value(doc, "syndication"):
        if url not in seen:
            seen.add(url)
            out.append(Syndication(platform_name(url), url))
    order = list(PLATFORMS)
    records = state.published_urls(published, relative_source(doc, settings))
    records.sort(key=lambda r: (order.index(r[0]) if r[0] in order else 99, r[1]))
    for target, url in records:
        if url not in seen:
            seen.add(url)
            platform = PLATFORMS.get(target)
            out.append(Syndication(platform.display if platform else target, url))
    return out


def start(current: build.Build) -> None:
    """Check the targets at start-up."""
    parse_targets(current.settings)


def check(doc, current: build.Build) -> list[str]:
    return check_document(doc, current.settings)


@stops_build
def finalize(generators) -> None:
    generators = list(generators)
    settings = next((g.settings for g in generators if hasattr(g, "settings")), None)
    if settings is None:
        return
    published = state.load(settings.get("PULLMARKETING_CROSSPOST_STATE") or "")
    for doc in core.documents(generators):
        doc.pm_syndication = syndication_for(doc, settings, published)

    targets = parse_targets(settings)
    target_file = settings.get("PULLMARKETING_CROSSPOST_MANIFEST")
    if not targets or not target_file:
        return
    # Payloads and their text measures load only for a site that copies
    # anything: a site without targets does not pay for the import.
    from . import manifest

    entries = manifest.build_entries(
        core.documents(generators, listed_only=True), settings, targets
    )
    path = os.path.join(settings.get("OUTPUT_PATH") or "output", target_file)
    manifest.write(path, manifest.render(entries, settings))
    failed = [e for e in entries if not e["ok"]]
    if failed and not settings.get("SITEURL"):
        # The settings warning at the start of the build says it once already.
        logger.info(
            "pullmarketing: crosspost manifest is a preview: SITEURL is empty, so "
            "no copy can link back; build with publishconf.py before publishing"
        )
    else:
        for item in failed:
            details = "; ".join(
                f"not met: {c['name']} ({c['detail']})"
                for c in item["checks"]
                if not c["ok"]
            )
            logger.warning("pullmarketing: crosspost %s: %s", item["id"], details)
    logger.info(
        "pullmarketing: crosspost manifest %s: %d copies (%d failing checks)",
        target_file,
        len(entries),
        len(failed),
    )


def connect() -> None:
    signals.all_generators_finalized.connect(finalize)
