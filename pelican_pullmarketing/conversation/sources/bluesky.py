"""Bluesky: ``app.bsky.feed.getPostThread`` on the public AppView (no login
for public posts): the copy's like, repost and reply counts and every reply
below it. A copy named by its ``bsky.app`` URL with a handle is resolved to a
DID first (``com.atproto.identity.resolveHandle``)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from ...crosspost.clients.base import Http, RemoteError
from .. import safety
from ..store import CopyResult
from .common import Copy, Gone, base_url, count, entry, json_or_error

PLATFORM = "bluesky"
DEFAULT_BASE = "https://public.api.bsky.app"
WEB = "https://bsky.app"
DEPTH = 100


def at_uri(http: Http, base: str, copy: Copy) -> str:
    if copy.remote_id.startswith("at://"):
        return copy.remote_id
    parts = [p for p in urlsplit(copy.url).path.split("/") if p]
    if len(parts) != 4 or parts[0] != "profile" or parts[2] != "post":
        raise RemoteError(
            f"{copy.url} is not a Bluesky post URL (https://bsky.app/profile/<handle>/post/<id>)",
            sent=False,
        )
    actor, rkey = parts[1], parts[3]
    if not actor.startswith("did:"):
        url = f"{base}/xrpc/com.atproto.identity.resolveHandle"
        data = json_or_error(http.request("GET", url, params={"handle": actor}), url)
        actor = (data or {}).get("did") if isinstance(data, dict) else None
        if not actor:
            raise RemoteError(f"{url} did not resolve the handle in {copy.url}")
    return f"at://{actor}/app.bsky.feed.post/{rkey}"


def web_url(uri: str, author: dict) -> str:
    rkey = uri.rsplit("/", 1)[-1]
    who = author.get("handle") or author.get("did") or ""
    return f"{WEB}/profile/{who}/post/{rkey}"


def fetch(http: Http, env: Mapping[str, str], copy: Copy) -> CopyResult:
    base = base_url(env, "BLUESKY_APPVIEW_BASE", DEFAULT_BASE)
    url = f"{base}/xrpc/app.bsky.feed.getPostThread"
    try:
        uri = at_uri(http, base, copy)
        response = http.request(
            "GET", url, params={"uri": uri, "depth": DEPTH, "parentHeight": 0}
        )
    except RemoteError as exc:
        if exc.status in (400, 404) and "NotFound" in str(exc):
            raise Gone(f"{copy.url}: the post no longer exists") from None
        raise
    data = json_or_error(response, url)
    thread = data.get("thread") if isinstance(data, dict) else None
    if not isinstance(thread, dict):
        raise RemoteError(f"{url} answered without a thread")
    if thread.get("notFound") or "post" not in thread:
        raise Gone(f"{copy.url}: the post no longer exists")
    post = thread["post"]
    author = post.get("author") or {}
    result = CopyResult(
        PLATFORM,
        copy.url,
        account=safety.safe_url(
            f"{WEB}/profile/{author.get('handle') or author.get('did')}"
        )
        if author
        else "",
        counts={
            "replies": count(post.get("replyCount")),
            "likes": count(post.get("likeCount")),
            "reposts": count(post.get("repostCount")) + count(post.get("quoteCount")),
        },
    )
    _walk(thread.get("replies") or (), None, copy, result, depth=0)
    return result


def _walk(
    replies, parent: str | None, copy: Copy, result: CopyResult, depth: int
) -> None:
    if depth > DEPTH:
        return
    for item in replies:
        if not isinstance(item, dict) or not isinstance(item.get("post"), dict):
            continue  # notFoundPost, blockedPost
        post = item["post"]
        uri = str(post.get("uri") or "")
        record = post.get("record") or {}
        author = post.get("author") or {}
        if not uri or not isinstance(record, dict):
            continue
        made = entry(
            platform=PLATFORM,
            native_id=uri,
            copy=copy,
            kind="reply",
            url=web_url(uri, author),
            author_name=author.get("displayName") or author.get("handle"),
            author_url=f"{WEB}/profile/{author.get('handle') or author.get('did')}",
            published=record.get("createdAt") or post.get("indexedAt"),
            html=safety.text_to_html(record.get("text")),
            in_reply_to=parent,
            counts={
                "likes": count(post.get("likeCount")),
                "reposts": count(post.get("repostCount")),
            },
        )
        result.entries.append(made)
        _walk(item.get("replies") or (), made["id"], copy, result, depth + 1)
