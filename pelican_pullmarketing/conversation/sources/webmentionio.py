"""webmention.io: ``GET /api/mentions.jf2?target=<article URL>`` (JF2 feed,
newest first, paged with ``page`` from 0 and ``per-page``): replies, likes,
reposts, bookmarks and mentions. ``WEBMENTION_IO_TOKEN`` (the site's API
token) is sent when set; private mentions are never stored."""

from __future__ import annotations

from collections.abc import Mapping

from ...crosspost.clients.base import Http, RemoteError
from .. import safety
from ..store import CopyResult
from .common import Copy, base_url, entry, json_or_error

PLATFORM = "webmention"
DEFAULT_BASE = "https://webmention.io"
PER_PAGE = 100
MAX_PAGES = 50
KINDS = {
    "in-reply-to": "reply",
    "like-of": "like",
    "repost-of": "repost",
    "bookmark-of": "bookmark",
    "mention-of": "mention",
}
COUNTED = {
    "reply": "replies",
    "like": "likes",
    "repost": "reposts",
    "bookmark": "bookmarks",
    "mention": "mentions",
}


def fetch(http: Http, env: Mapping[str, str], copy: Copy) -> CopyResult:
    base = base_url(env, "WEBMENTION_IO_API_BASE", DEFAULT_BASE)
    url = f"{base}/api/mentions.jf2"
    result = CopyResult(PLATFORM, copy.url)
    counts = dict.fromkeys(COUNTED.values(), 0)
    for page in range(MAX_PAGES):
        params = {"target": copy.url, "per-page": PER_PAGE, "page": page}
        if env.get("WEBMENTION_IO_TOKEN"):
            params["token"] = env["WEBMENTION_IO_TOKEN"]
        data = json_or_error(http.request("GET", url, params=params), url)
        children = data.get("children") if isinstance(data, dict) else None
        if not isinstance(children, list):
            raise RemoteError(f"{url} answered without a JF2 feed")
        for item in children:
            made = _entry(item, copy)
            if made is not None:
                result.entries.append(made)
                counts[COUNTED[made["kind"]]] += 1
        if len(children) < PER_PAGE:
            break
    result.counts = counts
    return result


def _entry(item, copy: Copy) -> dict | None:
    if not isinstance(item, dict) or item.get("wm-private"):
        return None
    kind = KINDS.get(str(item.get("wm-property") or ""))
    if kind is None or item.get("wm-id") is None:
        return None
    content = item.get("content") or {}
    html = ""
    if kind in ("reply", "mention") and isinstance(content, dict):
        html = (
            safety.sanitize_html(content["html"])
            if content.get("html")
            else safety.text_to_html(content.get("text") or content.get("value"))
        )
    author = item.get("author") or {}
    return entry(
        platform=PLATFORM,
        native_id=str(item["wm-id"]),
        copy=copy,
        kind=kind,
        url=item.get("url") or item.get("wm-source"),
        author_name=author.get("name") or author.get("url"),
        author_url=author.get("url"),
        published=item.get("published") or item.get("wm-received"),
        html=html,
    )
