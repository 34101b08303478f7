"""Signal receivers of the conversation feature (thin; the work is in
render.py): read the conversation file once per build, when it exists, and
give each article that has a conversation its rendering data
(``article.pm_conversation``). Builds never touch the network."""

from __future__ import annotations

import os

from pelican import signals

from ..crosspost.markdown_source import relative_source
from ..errors import PullMarketingError, stop_build


def attach(generators) -> None:
    generators = list(generators)
    settings = next((g.settings for g in generators if hasattr(g, "settings")), None)
    if settings is None:
        return
    path = settings.get("PULLMARKETING_CONVERSATION_FILE") or ""
    if not path or not os.path.exists(path):
        return  # no conversation yet: no per-article work
    from . import render, store  # only for a site that has a conversation

    try:
        data = store.load(path)
    except PullMarketingError as exc:
        raise stop_build(exc) from None
    articles = data["articles"]
    if not articles:
        return
    context = render.RenderContext.of(data, settings)
    for gen in generators:
        for doc in list(getattr(gen, "articles", None) or ()) + list(
            getattr(gen, "translations", None) or ()
        ):
            record = articles.get(relative_source(doc, settings))
            if record:
                doc.pm_conversation = render.conversation(record, context)


def register() -> None:
    signals.all_generators_finalized.connect(attach)
