"""LinkedIn: Posts API ``POST /rest/posts`` with a bearer token, the
``LinkedIn-Version`` header and REST.li 2.0. The new post's URN comes back in
the ``x-restli-id`` header.

LinkedIn does not read the linked page, so the article's thumbnail (the share
card) is uploaded first: ``POST /rest/images?action=initializeUpload`` gives
an upload URL and an image URN, the bytes are PUT there, and the URN goes in
``content.article.thumbnail``. A thumbnail that cannot be read or uploaded
leaves the post without one rather than failing it.
"""

from __future__ import annotations

import copy
import logging
from urllib.parse import urlsplit

from .base import Client, Remote, RemoteError, json_of

logger = logging.getLogger(__name__)


def _same_service(url: str, base: str) -> bool:
    host = urlsplit(url).hostname or ""
    return (
        host == (urlsplit(base).hostname or "")
        or host == "linkedin.com"
        or host.endswith(".linkedin.com")
    )


class LinkedinClient(Client):
    name = "linkedin"
    tokens = ("LINKEDIN_ACCESS_TOKEN",)
    base_env = "LINKEDIN_API_BASE"
    default_base = "https://api.linkedin.com"

    def _headers(self, entry: dict) -> dict:
        version = (entry.get("client_options") or {}).get("version", "202501")
        return {
            "Authorization": f"Bearer {self.token('LINKEDIN_ACCESS_TOKEN')}",
            "LinkedIn-Version": version,
            "X-Restli-Protocol-Version": "2.0.0",
        }

    def _thumbnail(self, entry: dict, thumb: dict | None, owner: str) -> str | None:
        """The image URN of the uploaded card, or None (said)."""
        if not thumb or not owner:
            return None
        try:
            return self._upload(entry, thumb, owner)
        except RemoteError as exc:
            logger.warning("LinkedIn thumbnail not uploaded (%s); post without it", exc)
            return None

    def _upload(self, entry: dict, thumb: dict, owner: str) -> str | None:
        image = self.image_bytes(thumb)
        if image is None:
            return None
        data, mime = image
        url = f"{self.base}/rest/images?action=initializeUpload"
        response = self.http.request(
            "POST",
            url,
            json={"initializeUploadRequest": {"owner": owner}},
            headers=self._headers(entry),
        )
        value = json_of(response, url).get("value") or {}
        upload, urn = value.get("uploadUrl"), value.get("image")
        if not upload or not urn:
            logger.warning(
                "LinkedIn answered without an upload URL or image URN; post without thumbnail"
            )
            return None
        headers = {"Content-Type": mime}
        if _same_service(upload, self.base):
            # The token goes only to LinkedIn (or the API base in use).
            headers["Authorization"] = self._headers(entry)["Authorization"]
        self.http.request("PUT", upload, content=data, headers=headers)
        return urn

    def create(self, entry: dict) -> Remote:
        url = f"{self.base}/rest/posts"
        payload = copy.deepcopy(entry["payload"])
        thumb = payload.pop("thumb", None)
        urn = self._thumbnail(entry, thumb, payload.get("author", ""))
        article = (payload.get("content") or {}).get("article")
        if urn and article is not None:
            article["thumbnail"] = urn
        response = self.http.request(
            "POST",
            url,
            json=payload,
            headers=self._headers(entry),
        )
        urn = response.headers.get("x-restli-id") or response.headers.get(
            "x-linkedin-id"
        )
        if not urn:
            raise RemoteError(f"{url} answered without the post's URN (x-restli-id)")
        return Remote(urn, f"https://www.linkedin.com/feed/update/{urn}/")
