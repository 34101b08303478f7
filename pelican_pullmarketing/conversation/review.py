"""`pullmarketing conversation review`: the replies nobody of the firm has
answered yet, newest first, so questions and complaints get an answer
quickly. A reply is answered when an entry written by one of the firm's
accounts replies to it. Hidden and withdrawn replies are left out."""

from __future__ import annotations

from dataclasses import dataclass

from . import text_of
from .moderation import FirmAccounts, hide_set, is_hidden


@dataclass(frozen=True)
class Waiting:
    source: str
    article_url: str
    entry: dict

    def as_json(self) -> dict:
        e = self.entry
        return {
            "article": self.source,
            "article_url": self.article_url,
            "platform": e.get("platform", ""),
            "url": e.get("url", ""),
            "author": (e.get("author") or {}).get("name", ""),
            "author_url": (e.get("author") or {}).get("url", ""),
            "published": e.get("published", ""),
            "received": e.get("first_seen", ""),
            "text": text_of(e.get("html")),
        }


def unanswered(
    data: dict, settings: dict, *, since: str | None = None
) -> list[Waiting]:
    firm = FirmAccounts(data, settings)
    hidden = hide_set(settings.get("PULLMARKETING_CONVERSATION_HIDE") or ())
    out = []
    for source, record in sorted(data.get("articles", {}).items()):
        entries = [e for e in record.get("entries", []) if isinstance(e, dict)]
        answered = {
            e.get("in_reply_to")
            for e in entries
            if e.get("in_reply_to") and (e.get("author") or {}).get("url") in firm
        }
        for e in entries:
            if (
                e.get("kind") != "reply"
                or e.get("removed")
                or is_hidden(e, hidden)
                or (e.get("author") or {}).get("url") in firm
                or e.get("id") in answered
            ):
                continue
            if since and (e.get("first_seen") or "") <= since:
                continue
            out.append(Waiting(source, record.get("url", ""), e))
    out.sort(
        key=lambda w: (w.entry.get("published") or "", w.entry.get("id", "")),
        reverse=True,
    )
    return out
