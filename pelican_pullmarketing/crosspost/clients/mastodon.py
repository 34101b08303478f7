"""Mastodon: ``POST /api/v1/statuses`` with a bearer token. The
``Idempotency-Key`` (the same for the same entry and content) makes re-sending
an interrupted post safe: the instance returns the first status.

With the target's ``card_media`` option the share card is uploaded first
(``POST /api/v2/media`` with its alt text) and attached to the status; an
upload that fails leaves the status without it.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os

from .base import Client, Remote, RemoteError, json_of

logger = logging.getLogger(__name__)


class MastodonClient(Client):
    name = "mastodon"
    tokens = ("MASTODON_ACCESS_TOKEN",)
    base_env = "MASTODON_API_BASE"
    resend_is_safe = True

    def _auth(self) -> dict:
        return {"Authorization": f"Bearer {self.token('MASTODON_ACCESS_TOKEN')}"}

    def _media_id(self, media: dict | None) -> str | None:
        if not media:
            return None
        image = self.image_bytes(media)
        if image is None:
            return None
        data, mime = image
        url = f"{self.base}/api/v2/media"
        name = os.path.basename(media.get("path") or "card.png")
        try:
            response = self.http.request(
                "POST",
                url,
                files={"file": (name, data, mime)},
                data={"description": media.get("description") or ""},
                headers=self._auth(),
            )
            media_id = json_of(response, url).get("id")
        except RemoteError as exc:
            logger.warning(
                "Mastodon card image not uploaded (%s); status without it", exc
            )
            return None
        return str(media_id) if media_id else None

    def create(self, entry: dict) -> Remote:
        url = f"{self.base}/api/v1/statuses"
        key = hashlib.sha256(
            f"{entry['id']}\n{entry['content_hash']}".encode()
        ).hexdigest()
        payload = copy.deepcopy(entry["payload"])
        media_id = self._media_id(payload.pop("media", None))
        if media_id:
            payload["media_ids"] = [media_id]
        response = self.http.request(
            "POST",
            url,
            json=payload,
            headers={**self._auth(), "Idempotency-Key": key},
        )
        data = json_of(response, url)
        if "id" not in data:
            raise RemoteError(f"{url} answered without a status id")
        return Remote(str(data["id"]), str(data.get("url") or data.get("uri") or ""))
