"""pelican_pullmarketing.images: images in pages with their size known.

Templates get ``pm_image(value)``: the URL, width and height of an image
named in metadata or settings (a document's ``Image:``, a topic's image),
read from the file's header, so cards and featured images never make the
page jump while they load; images in a document's text get their size and
smaller copies. See plugin.py for the signal receivers."""

from __future__ import annotations


def register() -> None:
    from .. import core
    from . import plugin

    core.register("images")
    plugin.connect()
