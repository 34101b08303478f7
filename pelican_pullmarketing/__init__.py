"""pelican-pullmarketing: keyword anchors, topic feeds, search metadata,
white-paper gates, cross-posting and conversation for Pelican.

``PLUGINS = ["pelican_pullmarketing"]`` enables every feature; each is also a
plugin of its own (``pelican_pullmarketing.keywords``, ``.topics``, ``.seo``,
``.gates``, ``.crosspost``, ``.cards``, ``.watch``,
``.conversation``). Every feature registers the same way
(``core.register(name)`` then its ``plugin.connect()``); receivers are
module-level functions, so loading a feature twice connects it once. What a
build holds lives in ``build.Build``; docs/architecture.md shows which
receiver runs at which Pelican signal.
"""

from __future__ import annotations

import os
from importlib import import_module

__version__ = "0.1.0"

FEATURES = (
    "keywords",
    "topics",
    "gates",
    "crosspost",
    "conversation",
    "seo",
    "cards",
    "watch",
    "business",
    "images",
)


def theme_path() -> str:
    """Folder of the bundled theme, for ``THEME = pelican_pullmarketing.theme_path()``."""
    return os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "themes", "pullmarketing"
    )


def register() -> None:
    for name in FEATURES:
        import_module(f"{__name__}.{name}").register()
