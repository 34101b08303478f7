"""DEV (Forem): the article (``GET /api/articles/:id``: comments and
reactions counts, the firm's account) and its comments
(``GET /api/comments?a_id=:id``: root comments with nested ``children``,
public, no api-key). A copy named by URL only is found by
``GET /api/articles/:username/:slug``. Deleted comments (empty ``user``) are
left out; their replies hang from the comment above."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from ...crosspost.clients.base import Http, RemoteError
from .. import safety
from ..store import CopyResult
from .common import Copy, Gone, base_url, count, entry, json_or_error

PLATFORM = "devto"
DEFAULT_BASE = "https://dev.to"
PER_PAGE = 100
MAX_PAGES = 20
ACCEPT = {"Accept": "application/vnd.forem.api-v1+json"}


def _get(http: Http, url: str, **params):
    return json_or_error(
        http.request("GET", url, params=params or None, headers=ACCEPT), url
    )


def article_id(http: Http, base: str, copy: Copy) -> str:
    if copy.remote_id:
        return copy.remote_id
    parts = [p for p in urlsplit(copy.url).path.split("/") if p]
    if len(parts) != 2:
        raise RemoteError(
            f"{copy.url} is not a DEV article URL (https://dev.to/<user>/<slug>)",
            sent=False,
        )
    data = _get(http, f"{base}/api/articles/{parts[0]}/{parts[1]}")
    if not isinstance(data, dict) or "id" not in data:
        raise RemoteError(
            f"{base}/api/articles/{parts[0]}/{parts[1]} answered without an id"
        )
    return str(data["id"])


def fetch(http: Http, env: Mapping[str, str], copy: Copy) -> CopyResult:
    base = base_url(env, "DEVTO_API_BASE", copy.api_base, DEFAULT_BASE)
    try:
        aid = article_id(http, base, copy)
        data = _get(http, f"{base}/api/articles/{aid}")
    except RemoteError as exc:
        if exc.status in (404, 410):
            raise Gone(
                f"{copy.url}: the article no longer exists (HTTP {exc.status})"
            ) from None
        raise
    if not isinstance(data, dict):
        raise RemoteError(f"{base}/api/articles/{aid} answered an unexpected shape")
    parts = urlsplit(str(data.get("url") or copy.url))
    web = f"{parts.scheme}://{parts.netloc}" if parts.netloc else DEFAULT_BASE
    user = data.get("user") or {}
    result = CopyResult(
        PLATFORM,
        copy.url,
        account=safety.safe_url(f"{web}/{user['username']}")
        if user.get("username")
        else "",
        counts={
            "replies": count(data.get("comments_count")),
            "likes": count(data.get("public_reactions_count")),
        },
    )
    comments_url = f"{base}/api/comments"
    for page in range(1, MAX_PAGES + 1):
        items = _get(http, comments_url, a_id=aid, page=page, per_page=PER_PAGE)
        if not isinstance(items, list):
            raise RemoteError(f"{comments_url} answered an unexpected shape")
        _walk(items, None, web, copy, result)
        if len(items) < PER_PAGE:
            break
    return result


def _walk(items, parent: str | None, web: str, copy: Copy, result: CopyResult) -> None:
    for item in items:
        if not isinstance(item, dict):
            continue
        user = item.get("user") or {}
        code = str(item.get("id_code") or "")
        here = parent
        if user.get("username") and code:
            made = entry(
                platform=PLATFORM,
                native_id=code,
                copy=copy,
                kind="reply",
                url=f"{web}/{user['username']}/comment/{code}",
                author_name=user.get("name") or user.get("username"),
                author_url=f"{web}/{user['username']}",
                published=item.get("created_at"),
                html=safety.sanitize_html(item.get("body_html")),
                in_reply_to=parent,
            )
            result.entries.append(made)
            here = made["id"]
        _walk(item.get("children") or (), here, web, copy, result)
