"""LinkedIn: Posts API ``POST /rest/posts`` with a bearer token, the
``LinkedIn-Version`` header and REST.li 2.0. The new post's URN comes back in
the ``x-restli-id`` header."""

from __future__ import annotations

from .base import Client, Remote, RemoteError


class LinkedinClient(Client):
    name = "linkedin"
    tokens = ("LINKEDIN_ACCESS_TOKEN",)
    base_env = "LINKEDIN_API_BASE"
    default_base = "https://api.linkedin.com"

    def create(self, entry: dict) -> Remote:
        url = f"{self.base}/rest/posts"
        version = (entry.get("client_options") or {}).get("version", "202501")
        response = self.http.request(
            "POST",
            url,
            json=entry["payload"],
            headers={
                "Authorization": f"Bearer {self.token('LINKEDIN_ACCESS_TOKEN')}",
                "LinkedIn-Version": version,
                "X-Restli-Protocol-Version": "2.0.0",
            },
        )
        urn = response.headers.get("x-restli-id") or response.headers.get(
            "x-linkedin-id"
        )
        if not urn:
            raise RemoteError(f"{url} answered without the post's URN (x-restli-id)")
        return Remote(urn, f"https://www.linkedin.com/feed/update/{urn}/")
