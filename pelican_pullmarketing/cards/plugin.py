"""Share cards' part of a build (thin: the work is in build.py and draw.py).
Core calls, for a build that loads the feature:

- ``start(build)`` at ``initialized``: check what the schema cannot (the
  logo and font files exist under the content folder), read the brand, and
  fill ``build.cards``;
- ``finish(build)`` at ``finalized``: draw the cards the pages and the
  cross-poster asked for, or take them from the cache; report the counters.

The feature connects no receiver of its own: pages ask for their card while
the SEO feature completes their head (``hooks.page_card``), the cross-poster
while it writes its manifest (``hooks.document_card``).
"""

from __future__ import annotations

from . import build as cards
from .config import card_config


def start(build) -> None:
    build.cards = cards.start(build.settings, card_config(build.settings))


def finish(build) -> None:
    part = build.cards
    if part is None:
        return
    cards.write_cards(part)
    build.report.update(
        cards_drawn=part.drawn,
        cards_reused=part.reused,
        cards_draw_seconds=part.draw_seconds,
        cards_draw_cpu_seconds=part.draw_cpu_seconds,
        cards_write_seconds=part.write_seconds,
    )


def connect() -> None:
    """No receiver of its own (see above); here so every feature registers
    the same way."""
