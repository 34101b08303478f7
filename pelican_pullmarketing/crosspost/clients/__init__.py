"""One small client per platform with an API; each base URL is overridable
(environment variable, then the target's ``api_base``) for tests and mirrors."""

from __future__ import annotations

from .base import Client, Http, Remote, RemoteError
from .bluesky import BlueskyClient
from .devto import DevtoClient
from .hashnode import HashnodeClient
from .linkedin import LinkedinClient
from .mastodon import MastodonClient
from .x import XClient

CLIENTS: dict[str, type[Client]] = {
    c.name: c
    for c in (
        DevtoClient,
        HashnodeClient,
        MastodonClient,
        BlueskyClient,
        LinkedinClient,
        XClient,
    )
}

__all__ = ["CLIENTS", "Client", "Http", "Remote", "RemoteError"]
