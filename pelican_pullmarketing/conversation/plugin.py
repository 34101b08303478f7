"""The conversation's part of a build (thin: the work is in store.py and
render.py). Builds never touch the network.

- ``start(build)`` (called by ``core.start`` at ``initialized``) reads the
  committed conversation file once, when it exists, into the build's
  ``ConversationPart``: a file that is not ours stops the build before
  anything is read or written;
- ``attach`` (at ``all_generators_finalized``, once the articles are read
  and before anything is rendered) gives each article that has a
  conversation its rendering data (``article.pm_conversation``), which the
  ``conversation.html`` partial shows and the SEO feature writes into the
  article's JSON-LD (``comment``, ``interactionStatistic``);
- ``release`` (at ``content_written``, connected by ``attach``, after every
  receiver connected when the plugins were loaded) lets an article's
  conversation go once its page is written: that page is the only one that
  shows it, and kept for every article until the build ends it was 31 MB
  of the peak at 40,000 replies.

A site without a conversation file pays one ``os.path.exists`` per build.
"""

from __future__ import annotations

import os

from pelican import signals

from .. import build
from ..crosspost.markdown_source import relative_source
from ..errors import stops_build

# The attributes this feature sets on documents (core.reserve_document_attributes).
DOCUMENT_ATTRIBUTES = ("pm_conversation",)


def start(current: build.Build) -> None:
    part = current.conversation = build.ConversationPart()
    path = current.settings.get("PULLMARKETING_CONVERSATION_FILE") or ""
    if not path or not os.path.exists(path):
        return  # no conversation yet: no per-article work
    from . import render, store  # only for a site that has a conversation

    data = store.load(path)
    part.articles = data["articles"]
    if part.articles:
        part.context = render.RenderContext.of(data, current.settings)


@stops_build
def attach(generators) -> None:
    current = build.current()
    part = current.conversation if current is not None else None
    if part is None or not part.articles:
        return
    from ..i18n.dates import date_writer
    from . import render

    settings = current.settings
    for gen in generators:
        for doc in list(getattr(gen, "articles", None) or ()) + list(
            getattr(gen, "translations", None) or ()
        ):
            record = part.articles.get(relative_source(doc, settings))
            if record:
                lang = getattr(doc, "lang", None) or settings.get("DEFAULT_LANG")
                doc.pm_conversation = render.conversation(
                    record,
                    part.context,
                    lang,
                    date_writer(doc, settings),
                )
    # What each article shows is made: the file's records are not needed
    # for the rest of the build (several MB on a site with much talk).
    part.articles = {}
    # Last among content_written's receivers (the SEO head completed in
    # place reads the conversation there): connected again on every build,
    # after whatever a build in the same process connected since.
    signals.content_written.disconnect(release)
    signals.content_written.connect(release)


def release(path, context) -> None:
    """The article whose page was just written no longer holds its
    conversation (as an article without one: ``pm_conversation`` unset)."""
    article = context.get("article") if hasattr(context, "get") else None
    if article is not None and getattr(article, "pm_conversation", None) is not None:
        del article.pm_conversation


def connect() -> None:
    signals.all_generators_finalized.connect(attach)
