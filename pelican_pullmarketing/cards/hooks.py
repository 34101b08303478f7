"""What other features ask of share cards (the one surface they import):
the card of a page being rendered, of a document being cross-posted, and the
fediverse creator of a document. All answer None when the cards feature is
not loaded or is off."""

from __future__ import annotations

from .. import build as builds
from . import build


def current():
    """This build's ``CardsPart`` (None outside a build, or when the
    feature is not loaded)."""
    running = builds.current()
    return running.cards if running is not None else None


def page_card(info, has_own: bool):
    """A ``seo.images.Image`` (1200x630) of the page's card, or None."""
    return build.page_card(current(), info, has_own)


def kept_card(info, card) -> tuple | None:
    """What the head cache keeps of the card ``page_card`` gave a page."""
    return build.kept_card(current(), info, card)


def replay_card(info, kept: tuple | None) -> None:
    """A kept page's card job noted again (``kept``: ``kept_card``'s)."""
    build.replay_card(current(), info, kept)


def document_card(doc) -> str | None:
    """The card's path in the output, or None."""
    return build.document_card(current(), doc)


def fediverse_creator(doc) -> str | None:
    """``@user@instance`` of the document's first author who has one in
    ``PULLMARKETING_FEDIVERSE_CREATORS``."""
    state = current()
    if state is None or doc is None or not state.config.fediverse:
        return None
    for author in getattr(doc, "authors", None) or ():
        handle = state.config.fediverse.get(str(author))
        if handle:
            return handle
    return None
