"""Signal receivers of white-paper gates (thin: the work is in landing.py and
output.py).

Order in a Pelican run: settings are checked at ``initialized`` (``start``,
called by ``core.start``); gates are built when the article and page
generators finish reading (so ``pm_gate`` and ``gate_form`` exist before
anything renders) and kept in ``build.Build.gates``; the static generator,
which runs after them, is told to drop the gated files; ``GatesGenerator``
writes the token folders.
"""

from __future__ import annotations

import logging

from pelican import signals

from .. import build, core
from ..errors import ContentError, stops_build
from . import landing, output, providers

logger = logging.getLogger(__name__)


def start(current: build.Build) -> None:
    """Check the provider settings; the gates are found while documents are read."""
    config = current.settings.get(providers.SETTING)
    if config is not None:
        providers.provider_for(config)
    current.gates = build.GatesPart()


def check(doc, current: build.Build) -> list[str]:
    return landing.document_problems(doc, current.settings)


@stops_build
def build_gates(generator) -> None:
    site = generator.settings
    if site.get(providers.SETTING) is None:
        return
    registry = build.current().gates.by_file
    gates = landing.collect_gates(core.documents([generator]), site)
    for relpath, gate in gates.items():
        other = registry.get(relpath)
        if other is not None and other.landing is not gate.landing:
            raise ContentError(
                "file is gated by two documents",
                file=gate.landing.source_path,
                field="gated_file",
                value=relpath,
                expected=f"one landing document per file (also gated by {other.landing.source_path})",
            )
    if not gates:
        return
    template = generator.get_template("gate_form")
    for relpath, gate in gates.items():
        gate.landing.pm_gate = gate
        gate.landing.gate_form = landing.render_form(gate, site, template)
        registry[relpath] = gate
        if gate.cover_source:
            # Like a `{static}` link: the cover is published even outside STATIC_PATHS.
            generator.context.setdefault("static_links", set()).add(gate.cover_source)


def finish_static(static_generator) -> None:
    output.exclude_gated_files(static_generator)
    gates = build.current().gates.by_file
    if gates and not static_generator.settings.get("PULLMARKETING_GATE_SECRET"):
        logger.warning(
            "gates: PULLMARKETING_GATE_SECRET is not set, so each download URL is "
            "derived from the file's contents and changes whenever the file "
            "changes (update the provider's redirect when it does); set the "
            "secret (environment variable or setting) for stable URLs"
        )
    for relpath in sorted(gates):
        gate = gates[relpath]
        if gate.delivery == "email":
            logger.warning(
                "gates: %s is delivered by email: it is not published in the "
                "output; attach it to the %s autoresponder",
                relpath,
                gate.provider_title,
            )


def add_generator(pelican):
    return output.GatesGenerator


def connect() -> None:
    signals.article_generator_finalized.connect(build_gates)
    signals.page_generator_finalized.connect(build_gates)
    signals.static_generator_finalized.connect(finish_static)
    signals.get_generators.connect(add_generator)
