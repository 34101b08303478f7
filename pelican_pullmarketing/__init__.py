"""pelican-pullmarketing: keyword anchors, topic feeds, search metadata,
white-paper gates, cross-posting and conversation for Pelican.

``PLUGINS = ["pelican_pullmarketing"]`` enables every feature; each is also a
plugin of its own (``pelican_pullmarketing.keywords``, ``.topics``, ``.seo``,
``.gates``, ``.crosspost``, ``.conversation``). Receivers are module-level
functions, so loading a feature twice connects it once.
"""

from __future__ import annotations

import os
from importlib import import_module

__version__ = "0.1.0"

FEATURES = ("keywords", "topics", "gates", "crosspost", "conversation", "seo")


def theme_path() -> str:
    """Folder of the bundled theme, for ``THEME = pelican_pullmarketing.theme_path()``."""
    return os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "themes", "pullmarketing"
    )


def register() -> None:
    from . import core

    core.register(*FEATURES)
    for name in FEATURES:
        import_module(f"{__name__}.{name}").register()
