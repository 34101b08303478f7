"""Rendering data of one article's conversation, for the bundled theme and the
``conversation.html`` partial any theme can include, and its JSON-LD
(``comment`` and ``interactionStatistic`` of the article's node).

Counts per platform: replies are the replies shown (hidden and withdrawn ones
left out), likes and reposts what each copy reported plus the webmentions of
those kinds that are not hidden. The JSON-LD counts are the sums of the same
figures, so the page and its structured data always agree.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from markupsafe import Markup

from .. import i18n, text
from . import safety
from .moderation import FirmAccounts, hide_set, is_hidden
from .platforms import COPIES, DISPLAY, ORDER

MAX_DEPTH = 4  # deeper replies are shown at this level, still in order
JSONLD_TEXT = 500
_WEBMENTION_COUNTED = {"like": "likes", "repost": "reposts"}


@dataclass(slots=True)
class Reply:
    anchor: str
    author: str
    author_url: str
    initials: str
    url: str
    platform: str  # display name
    published: str  # as stored (ISO 8601)
    date: str  # as the site writes dates
    html: Markup
    by_firm: bool
    # Replies to it (an empty tuple when none).
    children: Sequence[Reply] = field(default_factory=list)


@dataclass(slots=True)
class PlatformCounts:
    platform: str
    name: str
    replies: int = 0
    likes: int = 0
    reposts: int = 0


@dataclass(frozen=True, slots=True)
class ReplyLink:
    name: str  # platform display name
    url: str  # the copy, where a reader can answer


@dataclass(slots=True)
class Conversation:
    platforms: list[PlatformCounts]
    replies: list[Reply]  # threads: replies to the article, each with its children
    count: int  # every reply shown
    likes: int
    reposts: int
    # Every reply shown, in stored order (the order of the JSON-LD comments).
    flat: tuple[Reply, ...] = field(default=(), repr=False)
    reply_on: list[ReplyLink] = field(default_factory=list)  # copies still there

    def __bool__(self) -> bool:
        return bool(self.count or self.likes or self.reposts)

    @property
    def jsonld(self) -> dict:
        """The article node's ``comment`` and ``interactionStatistic``
        (``jsonld_fields``), made when asked: the article's head asks once,
        and kept for every article until the build ends they would be
        about 1 KB a reply (a second copy of each reply's text)."""
        return jsonld_fields(self.flat, len(self.flat), self.likes, self.reposts)

    def jsonld_inputs(self) -> tuple:
        """Everything ``jsonld`` is made of (what ``jsonld_fields`` reads of
        each reply, and the counts), for a cache key: cheaper than making
        the JSON-LD. Keep it in step with ``jsonld_fields``."""
        return (
            tuple(
                (r.url, str(r.html), r.published, r.author, r.author_url)
                for r in self.flat
            ),
            self.likes,
            self.reposts,
        )


@dataclass
class RenderContext:
    hidden: frozenset[str]
    firm: FirmAccounts
    date_format: str

    @classmethod
    def of(cls, data: dict, settings: dict) -> RenderContext:
        return cls(
            hide_set(settings.get("PULLMARKETING_CONVERSATION_HIDE") or ()),
            FirmAccounts(data, settings),
            settings.get("DEFAULT_DATE_FORMAT") or "%Y-%m-%d",
        )


def _date(value: str, fmt: str, write: Callable[[datetime], str] | None) -> str:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return _own(value[:10]) if isinstance(value, str) else ""
    try:
        return write(moment) if write is not None else moment.strftime(fmt)
    except ValueError:
        return moment.date().isoformat()


def _shown(entries: list, ctx: RenderContext) -> list[dict]:
    return [
        e
        for e in entries
        if isinstance(e, dict) and not e.get("removed") and not is_hidden(e, ctx.hidden)
    ]


def conversation(
    record: dict,
    ctx: RenderContext,
    lang: str | None = None,
    write_date: Callable[[datetime], str] | None = None,
) -> Conversation:
    """What the article shows of its conversation; the words the package
    writes (a reply's author without a name) in ``lang``, the article's, and
    the replies' dates with ``write_date``, as the article writes its own
    (else ``DEFAULT_DATE_FORMAT`` with strftime)."""
    entries = _shown(record.get("entries") or [], ctx)
    _ = i18n.gettext_for(lang)
    # Translators: the name shown for the author of a reply who has none.
    someone = _("Someone")
    replies = [e for e in entries if e.get("kind") in ("reply", "mention")]
    counts: dict[str, PlatformCounts] = {}

    def platform(name: str) -> PlatformCounts:
        if name not in counts:
            counts[name] = PlatformCounts(_own(name), DISPLAY.get(name) or _own(name))
        return counts[name]

    for copy in (record.get("copies") or {}).values():
        if not isinstance(copy, dict) or copy.get("platform") == "webmention":
            continue
        c = copy.get("counts") or {}
        p = platform(str(copy.get("platform") or ""))
        p.likes += _int(c.get("likes"))
        p.reposts += _int(c.get("reposts"))
    for e in entries:
        if e.get("platform") == "webmention" and e.get("kind") in _WEBMENTION_COUNTED:
            p = platform("webmention")
            key = _WEBMENTION_COUNTED[e["kind"]]
            setattr(p, key, getattr(p, key) + 1)
    for e in replies:
        platform(str(e.get("platform") or "")).replies += 1

    roots: list[Reply] = []
    flat: list[Reply] = []
    # Where the replies to an entry go: its own children, or, at the
    # deepest level shown, the list it is in (a long chain stays readable).
    holder: dict[str, list[Reply]] = {}
    depth: dict[str, int] = {}
    # Stored order is published time: a parent comes before its replies.
    for index, e in enumerate(replies):
        author = e.get("author") or {}
        name, initials = _person(author.get("name"), someone)
        published = str(e.get("published") or "")
        reply = Reply(
            anchor=_shared(f"reply-{index + 1}"),
            author=name,
            author_url=_own(safety.safe_url(author.get("url"))),
            initials=initials,
            url=_own(safety.safe_url(e.get("url"))),
            platform=DISPLAY.get(e.get("platform"))
            or _own(str(e.get("platform") or "")),
            published=_own(published),
            date=_shared(_date(published, ctx.date_format, write_date)),
            html=Markup(safety.stored_html(e.get("html"))),
            by_firm=author.get("url") in ctx.firm,
        )
        parent_id = e.get("in_reply_to")
        siblings = holder.get(parent_id) if parent_id else None
        level = depth[parent_id] + 1 if siblings is not None else 0
        (siblings if siblings is not None else roots).append(reply)
        flat.append(reply)
        own_id = e.get("id", "")
        depth[own_id] = min(level, MAX_DEPTH - 1)
        holder[own_id] = (
            reply.children
            if level < MAX_DEPTH - 1
            else (siblings if siblings is not None else roots)
        )
    for reply in flat:
        if not reply.children:
            reply.children = _NO_CHILDREN  # most replies: no list of their own

    ordered = [counts[k] for k in ORDER if k in counts] + [
        v for k, v in sorted(counts.items()) if k not in ORDER
    ]
    ordered = [p for p in ordered if p.replies or p.likes or p.reposts]
    total_likes = sum(p.likes for p in ordered)
    total_reposts = sum(p.reposts for p in ordered)
    return Conversation(
        platforms=ordered,
        replies=roots,
        count=len(replies),
        likes=total_likes,
        reposts=total_reposts,
        flat=tuple(flat),
        reply_on=reply_links(record),
    )


_NO_CHILDREN: tuple = ()


def _own(value: str) -> str:
    """A string equal to ``value`` that is not the parsed file's object.
    The file's records are dropped once every article has its conversation
    (``plugin.attach``); a string of theirs kept by what an article shows
    would keep the allocator's memory around it (pools and arenas shared
    with the records' other objects) from going back to the system: at
    40,000 replies the records are 63 MB, held otherwise through the
    writing of every page."""
    return "".join((value, "")) if value else ""


def _shared(value: str) -> str:
    """One object for the strings many replies repeat (their dates, their
    anchors), kept for every article until the build ends."""
    return sys.intern(value) if type(value) is str else value


def reply_links(record: dict) -> list[ReplyLink]:
    """The copies of the file a reader can answer on (not gone), in platform
    order; the theme adds those the cross-posting links do not have."""
    out = []
    for copy in (record.get("copies") or {}).values():
        if not isinstance(copy, dict) or copy.get("platform") not in COPIES:
            continue
        url = safety.safe_url(copy.get("url"))
        if url and copy.get("status") != "gone":
            out.append(
                (ORDER.index(copy["platform"]), _own(url), DISPLAY[copy["platform"]])
            )
    return [ReplyLink(name, url) for _, url, name in sorted(out)]


@lru_cache(maxsize=4096)
def _person_cached(raw: str, someone: str) -> tuple[str, str]:
    name = safety.safe_name(raw) or someone
    return name, safety.initials(name)


def _person(raw, someone: str) -> tuple[str, str]:
    """(display name, initials): the same people reply again and again;
    ``someone`` for a reply without a name."""
    return _person_cached(_own(raw) if isinstance(raw, str) else "", someone)


def _int(value) -> int:
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and value > 0
        else 0
    )


_TAG = re.compile(r"<[^>]*>")


def _visible(markup: str) -> str:
    """Text of sanitised reply HTML (only simple tags and entities left)."""
    if "<" in markup:
        markup = _TAG.sub(" ", markup)
    if "&" in markup:
        markup = html.unescape(markup)
    return " ".join(markup.split())


def jsonld_fields(
    replies: Sequence[Reply], count: int, likes: int, reposts: int
) -> dict:
    """The article node's ``comment`` (a ``Comment`` per reply shown) and
    ``interactionStatistic`` (an ``InteractionCounter`` per action type), as
    plain dicts; empty when there is nothing to say. (A reply's field read
    here must be in ``Conversation.jsonld_inputs``: the head cache's key.)"""
    out: dict = {}
    comments = []
    for reply in replies:
        node = {"@type": "Comment"}
        if reply.url:
            node["url"] = reply.url
        body = _visible(reply.html)
        if body:
            node["text"] = (
                body if len(body) <= JSONLD_TEXT else text.truncate(body, JSONLD_TEXT)
            )
        if reply.published:
            node["dateCreated"] = reply.published
        person = {"@type": "Person", "name": reply.author}
        if reply.author_url:
            person["url"] = reply.author_url
        node["author"] = person
        comments.append(node)
    if comments:
        out["comment"] = comments
    stats = [
        ("https://schema.org/CommentAction", count),
        ("https://schema.org/LikeAction", likes),
        ("https://schema.org/ShareAction", reposts),
    ]
    counters = [
        {
            "@type": "InteractionCounter",
            "interactionType": kind,
            "userInteractionCount": n,
        }
        for kind, n in stats
        if n
    ]
    if counters:
        out["interactionStatistic"] = counters
    return out
