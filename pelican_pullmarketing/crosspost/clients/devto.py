"""DEV (dev.to / Forem): ``POST /api/articles``, ``PUT /api/articles/{id}``,
header ``api-key``. An interrupted create is found again by its canonical URL
among the account's articles."""

from __future__ import annotations

from .base import Client, Remote, RemoteError, json_of


class DevtoClient(Client):
    name = "devto"
    tokens = ("DEVTO_API_KEY",)
    base_env = "DEVTO_API_BASE"
    default_base = "https://dev.to"
    finds_existing = True

    def _headers(self) -> dict:
        return {
            "api-key": self.token("DEVTO_API_KEY"),
            "Accept": "application/vnd.forem.api-v1+json",
        }

    def _remote(self, data: dict, url: str) -> Remote:
        if "id" not in data:
            raise RemoteError(f"{url} answered without an article id")
        return Remote(str(data["id"]), str(data.get("url") or ""))

    def create(self, entry: dict) -> Remote:
        url = f"{self.base}/api/articles"
        response = self.http.request(
            "POST", url, json=entry["payload"], headers=self._headers()
        )
        return self._remote(json_of(response, url), url)

    def update(self, remote_id: str, entry: dict) -> Remote:
        url = f"{self.base}/api/articles/{remote_id}"
        response = self.http.request(
            "PUT", url, json=entry["payload"], headers=self._headers()
        )
        return self._remote(json_of(response, url), url)

    def find_existing(self, entry: dict) -> Remote | None:
        url = f"{self.base}/api/articles/me/all"
        canonical = entry["payload"]["article"]["canonical_url"]
        page = 1
        while True:
            response = self.http.request(
                "GET",
                url,
                params={"page": page, "per_page": 1000},
                headers=self._headers(),
            )
            try:
                items = response.json()
            except ValueError:
                raise RemoteError(f"{url} answered without JSON") from None
            if not isinstance(items, list) or not items:
                return None
            for item in items:
                if isinstance(item, dict) and item.get("canonical_url") == canonical:
                    return Remote(str(item["id"]), str(item.get("url") or ""))
            page += 1
