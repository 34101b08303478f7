"""The platforms a conversation comes from: display names and page order
(no imports, so a build that renders a conversation loads no HTTP client)."""

from __future__ import annotations

DISPLAY = {
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "devto": "DEV",
    "webmention": "Webmention",
}
ORDER = ("mastodon", "bluesky", "devto", "webmention")
COPIES = ORDER[:3]  # platforms whose copies a reader can reply on
