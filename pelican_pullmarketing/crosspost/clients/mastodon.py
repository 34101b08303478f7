"""Mastodon: ``POST /api/v1/statuses`` with a bearer token. The
``Idempotency-Key`` (the same for the same entry and content) makes re-sending
an interrupted post safe: the instance returns the first status."""

from __future__ import annotations

import hashlib

from .base import Client, Remote, RemoteError, json_of


class MastodonClient(Client):
    name = "mastodon"
    tokens = ("MASTODON_ACCESS_TOKEN",)
    base_env = "MASTODON_API_BASE"
    resend_is_safe = True

    def create(self, entry: dict) -> Remote:
        url = f"{self.base}/api/v1/statuses"
        key = hashlib.sha256(
            f"{entry['id']}\n{entry['content_hash']}".encode()
        ).hexdigest()
        response = self.http.request(
            "POST",
            url,
            json=entry["payload"],
            headers={
                "Authorization": f"Bearer {self.token('MASTODON_ACCESS_TOKEN')}",
                "Idempotency-Key": key,
            },
        )
        data = json_of(response, url)
        if "id" not in data:
            raise RemoteError(f"{url} answered without a status id")
        return Remote(str(data["id"]), str(data.get("url") or data.get("uri") or ""))
