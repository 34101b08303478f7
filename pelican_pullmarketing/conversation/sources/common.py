"""What the fetchers share: the copy to look at, the "copy is gone" signal,
and the one way an entry is made (every text sanitised, every URL checked)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...crosspost.clients.base import RemoteError
from .. import safety


@dataclass(frozen=True)
class Copy:
    """One copy of an article elsewhere (from the cross-posting state file or
    the article's ``syndication`` metadata), or the article itself for
    webmentions."""

    platform: str
    url: str
    remote_id: str = ""
    api_base: str = ""


class Gone(Exception):
    """The platform says the copy no longer exists (deleted, or private)."""


def base_url(env: Mapping[str, str], variable: str, *fallbacks: str | None) -> str:
    base = env.get(variable) or next((f for f in fallbacks if f), "")
    return base.rstrip("/")


def json_or_error(response, url: str):
    try:
        return response.json()
    except ValueError:
        raise RemoteError(
            f"{url} answered {response.status_code} without JSON"
        ) from None


def entry(
    *,
    platform: str,
    native_id: str,
    copy: Copy,
    kind: str,
    url,
    author_name,
    author_url,
    published,
    html: str = "",
    in_reply_to: str | None = None,
    counts: dict | None = None,
) -> dict:
    out = {
        "id": f"{platform}:{native_id}",
        "platform": platform,
        "kind": kind,
        "copy": copy.url,
        "url": safety.safe_url(url),
        "author": {
            "name": safety.safe_name(author_name) or "Someone",
            "url": safety.safe_url(author_url),
        },
        "published": str(published or ""),
        "html": html,
        "in_reply_to": in_reply_to,
    }
    if counts:
        out["counts"] = {
            k: int(v) for k, v in sorted(counts.items()) if isinstance(v, int)
        }
    return out


def count(value) -> int:
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else 0
    )
