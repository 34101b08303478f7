"""X: ``POST /2/tweets`` with an OAuth 2.0 user-context access token
(scopes tweet.write, tweet.read, users.read) in ``X_ACCESS_TOKEN``."""

from __future__ import annotations

from .base import Client, Remote, RemoteError, json_of


class XClient(Client):
    name = "x"
    tokens = ("X_ACCESS_TOKEN",)
    base_env = "X_API_BASE"
    default_base = "https://api.x.com"

    def create(self, entry: dict) -> Remote:
        url = f"{self.base}/2/tweets"
        response = self.http.request(
            "POST",
            url,
            json=entry["payload"],
            headers={"Authorization": f"Bearer {self.token('X_ACCESS_TOKEN')}"},
        )
        data = json_of(response, url).get("data") or {}
        if "id" not in data:
            raise RemoteError(f"{url} answered without a post id")
        return Remote(str(data["id"]), f"https://x.com/i/web/status/{data['id']}")
