"""Mastodon: the copy (``GET /api/v1/statuses/:id``: favourites, boosts,
replies counts and the firm's account) and the whole thread below it
(``GET /api/v1/statuses/:id/context``, ``descendants``). Public replies only
(and the firm's own unlisted answers).
Without a token the instance returns at most 60 descendants (20 levels);
``MASTODON_ACCESS_TOKEN`` (``read:statuses``) lifts that to 4,096."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from ... import text
from ...crosspost.clients.base import Http, RemoteError
from .. import safety
from ..store import CopyResult
from .common import Copy, Gone, base_url, count, entry, json_or_error

PLATFORM = "mastodon"


def status_id(copy: Copy) -> str:
    """The status id on the copy's instance: the state file's, else the last
    part of its URL (``https://instance/@firm/1093...``)."""
    if copy.remote_id:
        return copy.remote_id
    last = urlsplit(copy.url).path.rstrip("/").rsplit("/", 1)[-1]
    if not last.isdigit():
        raise RemoteError(f"cannot tell the status id of {copy.url}", sent=False)
    return last


def instance(copy: Copy) -> str:
    parts = urlsplit(copy.url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def fetch(http: Http, env: Mapping[str, str], copy: Copy) -> CopyResult:
    base = base_url(env, "MASTODON_API_BASE", copy.api_base, instance(copy))
    sid = status_id(copy)
    headers = {}
    if env.get("MASTODON_ACCESS_TOKEN"):
        headers["Authorization"] = f"Bearer {env['MASTODON_ACCESS_TOKEN']}"
    url = f"{base}/api/v1/statuses/{sid}"
    try:
        status = json_or_error(http.request("GET", url, headers=headers), url)
        context_url = f"{url}/context"
        context = json_or_error(
            http.request("GET", context_url, headers=headers), context_url
        )
    except RemoteError as exc:
        if exc.status in (404, 410):
            raise Gone(
                f"{copy.url}: the status no longer exists (HTTP {exc.status})"
            ) from None
        raise
    if not isinstance(status, dict) or not isinstance(context, dict):
        raise RemoteError(f"{url} answered an unexpected shape")
    account = status.get("account") or {}
    result = CopyResult(
        PLATFORM,
        copy.url,
        account=safety.safe_url(account.get("url")),
        counts={
            "replies": count(status.get("replies_count")),
            "likes": count(status.get("favourites_count")),
            "reposts": count(status.get("reblogs_count")),
        },
    )
    descendants = [s for s in context.get("descendants") or () if isinstance(s, dict)]
    keys = {str(s.get("id")): _key(s) for s in descendants}
    for item in descendants:
        if not _shown(item, result.account):
            continue
        parent = str(item.get("in_reply_to_id") or "")
        author = item.get("account") or {}
        result.entries.append(
            entry(
                platform=PLATFORM,
                native_id=_key(item),
                copy=copy,
                kind="reply",
                url=item.get("url") or item.get("uri"),
                author_name=author.get("display_name") or author.get("acct"),
                author_url=author.get("url"),
                published=item.get("created_at"),
                html=safety.sanitize_html(item.get("content")),
                in_reply_to=(
                    f"{PLATFORM}:{keys[parent]}"
                    if parent != sid and parent in keys
                    else None
                ),
                counts={
                    "likes": count(item.get("favourites_count")),
                    "reposts": count(item.get("reblogs_count")),
                },
            )
        )
    return result


def _shown(status: dict, firm_account: str) -> bool:
    """Public replies; the firm's own answers also when unlisted (never a
    private or direct message)."""
    visibility = status.get("visibility")
    if visibility == "public":
        return True
    author = (status.get("account") or {}).get("url")
    return visibility == "unlisted" and bool(firm_account) and author == firm_account


def _key(status: dict) -> str:
    """The federation URI names a status on every instance; the local id only
    on this one."""
    return text.field_text(status.get("uri") or status.get("url") or status.get("id"))
