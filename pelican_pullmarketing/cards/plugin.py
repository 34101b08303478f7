"""Signal receivers of share cards (thin: the work is in build.py and
draw.py).

- initialized: check the card settings (a clear error, never a traceback)
  and start the build's ``CardBuild``.
- finalized: draw the cards the pages and the cross-poster asked for, or copy
  them from the cache.
"""

from __future__ import annotations

from pelican import signals

from .. import core
from ..errors import PullMarketingError, stop_build
from . import build
from .config import card_config

_BUILD: build.CardBuild | None = None
# Counters of the last finished build (cards drawn and reused, seconds spent
# drawing and writing), for the benchmark and `pelican -D`.
LAST_BUILD: dict[str, float] = {}


def current() -> build.CardBuild | None:
    """This build's share cards (None when off or not loaded)."""
    return _BUILD


def start_build(pelican) -> None:
    global _BUILD
    core.validate_settings(pelican)
    try:
        config = card_config(pelican.settings)
    except PullMarketingError as exc:
        raise stop_build(exc) from None
    _BUILD = build.start(pelican.settings, config)


def finish_build(pelican) -> None:
    global _BUILD
    state, _BUILD = _BUILD, None
    if state is not None:
        build.write_cards(state)
        LAST_BUILD.clear()
        LAST_BUILD.update(
            drawn=state.drawn,
            reused=state.reused,
            draw_seconds=state.draw_seconds,
            draw_cpu_seconds=state.draw_cpu_seconds,
            write_seconds=state.write_seconds,
        )


def connect() -> None:
    signals.initialized.connect(start_build)
    signals.finalized.connect(finish_build)
