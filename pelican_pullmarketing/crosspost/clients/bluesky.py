"""Bluesky (AT Protocol): ``com.atproto.server.createSession`` with the handle
and an app password, ``com.atproto.repo.uploadBlob`` for the link card's image,
then ``com.atproto.repo.createRecord`` of an ``app.bsky.feed.post``.

The card image is read from the built output when the manifest names a local
file, else downloaded from its URL; a missing or oversized image leaves the
card without a thumbnail rather than failing the post.
"""

from __future__ import annotations

import copy
import logging
from datetime import datetime, timezone

from .base import Client, Remote, RemoteError, json_of

logger = logging.getLogger(__name__)

MAX_BLOB = 1_000_000


class BlueskyClient(Client):
    name = "bluesky"
    tokens = ("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD")
    base_env = "BLUESKY_API_BASE"
    default_base = "https://bsky.social"

    _session: dict | None = None

    def _login(self) -> dict:
        if self._session is None:
            url = f"{self.base}/xrpc/com.atproto.server.createSession"
            response = self.http.request(
                "POST",
                url,
                json={
                    "identifier": self.token("BLUESKY_HANDLE"),
                    "password": self.token("BLUESKY_APP_PASSWORD"),
                },
            )
            data = json_of(response, url)
            if not data.get("accessJwt") or not data.get("did"):
                raise RemoteError(
                    "Bluesky login answered without a session", sent=False
                )
            self._session = data
        return self._session

    def _auth(self) -> dict:
        return {"Authorization": f"Bearer {self._login()['accessJwt']}"}

    def _thumb(self, thumb: dict | None) -> dict | None:
        if not thumb:
            return None
        image = self.image_bytes(thumb)
        if image is None:
            return None
        data, mime = image
        if len(data) > MAX_BLOB:
            logger.warning(
                "Bluesky card image %s is %d bytes (limit %d): card without image",
                thumb.get("url"),
                len(data),
                MAX_BLOB,
            )
            return None
        url = f"{self.base}/xrpc/com.atproto.repo.uploadBlob"
        response = self.http.request(
            "POST", url, content=data, headers={**self._auth(), "Content-Type": mime}
        )
        return json_of(response, url).get("blob")

    def create(self, entry: dict) -> Remote:
        session = self._login()
        record = copy.deepcopy(entry["payload"]["record"])
        blob = self._thumb(entry["payload"].get("thumb"))
        if blob and "embed" in record:
            record["embed"]["external"]["thumb"] = blob
        record["createdAt"] = (
            datetime.now(timezone.utc)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        url = f"{self.base}/xrpc/com.atproto.repo.createRecord"
        response = self.http.request(
            "POST",
            url,
            json={
                "repo": session["did"],
                "collection": "app.bsky.feed.post",
                "record": record,
            },
            headers=self._auth(),
        )
        data = json_of(response, url)
        uri = data.get("uri") or ""
        if not uri:
            raise RemoteError(f"{url} answered without the post's URI")
        rkey = uri.rsplit("/", 1)[-1]
        handle = session.get("handle") or session["did"]
        return Remote(uri, f"https://bsky.app/profile/{handle}/post/{rkey}")
