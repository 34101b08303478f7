"""Conversation: replies, likes and reposts of every copy of an article
(Mastodon, Bluesky, DEV) and its webmentions, fetched by a command into a
committed file, moderated, and rendered statically under the article.
``PLUGINS = ["pelican_pullmarketing.conversation"]`` loads it alone."""

from __future__ import annotations

from .. import text


def text_of(markup: str | None) -> str:
    """Visible text of a stored (sanitised) reply."""
    return text.plain_text(markup or "")


def register() -> None:
    from .. import core
    from . import plugin

    core.register("conversation")
    plugin.connect()
