"""X: ``POST /2/tweets``.

Two ways to sign in, both from the environment:
- OAuth 1.0a user context (keys that do not expire, best for CI):
  ``X_CONSUMER_KEY``, ``X_CONSUMER_SECRET``, ``X_ACCESS_TOKEN``,
  ``X_ACCESS_TOKEN_SECRET``;
- an OAuth 2.0 user-context token (``tweet.write``) in ``X_ACCESS_TOKEN`` alone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from urllib.parse import quote

from .base import Client, Remote, RemoteError, json_of

OAUTH1 = ("X_CONSUMER_KEY", "X_CONSUMER_SECRET", "X_ACCESS_TOKEN_SECRET")


def _pct(value: str) -> str:
    return quote(str(value), safe="~-._")


def oauth1_header(
    method: str,
    url: str,
    *,
    consumer_key: str,
    consumer_secret: str,
    token: str,
    token_secret: str,
    params: Mapping[str, str] | None = None,
    nonce: str | None = None,
    timestamp: str | None = None,
) -> str:
    """``Authorization`` header of an OAuth 1.0a HMAC-SHA1 request. A JSON body
    is not signed; form or query ``params`` are."""
    oauth = {
        "oauth_consumer_key": consumer_key,
        "oauth_nonce": nonce or secrets.token_hex(16),
        "oauth_signature_method": "HMAC-SHA1",
        "oauth_timestamp": timestamp or str(int(time.time())),
        "oauth_token": token,
        "oauth_version": "1.0",
    }
    pairs = sorted((_pct(k), _pct(v)) for k, v in {**(params or {}), **oauth}.items())
    base = "&".join(
        [method.upper(), _pct(url), _pct("&".join(f"{k}={v}" for k, v in pairs))]
    )
    key = f"{_pct(consumer_secret)}&{_pct(token_secret)}"
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()
    oauth["oauth_signature"] = base64.b64encode(digest).decode()
    return "OAuth " + ", ".join(
        f'{_pct(k)}="{_pct(v)}"' for k, v in sorted(oauth.items())
    )


class XClient(Client):
    name = "x"
    tokens = ("X_ACCESS_TOKEN",)
    base_env = "X_API_BASE"
    default_base = "https://api.x.com"

    def _auth(self, url: str) -> str:
        if all(self.env.get(name) for name in OAUTH1):
            return oauth1_header(
                "POST",
                url,
                consumer_key=self.env["X_CONSUMER_KEY"],
                consumer_secret=self.env["X_CONSUMER_SECRET"],
                token=self.token("X_ACCESS_TOKEN"),
                token_secret=self.env["X_ACCESS_TOKEN_SECRET"],
            )
        return f"Bearer {self.token('X_ACCESS_TOKEN')}"

    def create(self, entry: dict) -> Remote:
        url = f"{self.base}/2/tweets"
        response = self.http.request(
            "POST",
            url,
            json=entry["payload"],
            headers={"Authorization": self._auth(url)},
        )
        data = json_of(response, url).get("data") or {}
        if "id" not in data:
            raise RemoteError(f"{url} answered without a post id")
        return Remote(str(data["id"]), f"https://x.com/i/web/status/{data['id']}")
