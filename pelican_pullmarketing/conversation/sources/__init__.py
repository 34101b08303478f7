"""One small fetcher per platform: ``fetch(http, env, copy) -> CopyResult``.
Each reads only public APIs (a token, when the environment has one, only
widens what the platform returns); each base URL is overridable (environment
variable, then the cross-posting target's ``api_base``/``instance``) so the
tests run against loopback fakes."""

from __future__ import annotations

from ..platforms import DISPLAY
from . import bluesky, devto, mastodon, webmentionio
from .common import Copy, Gone

FETCHERS = {
    "mastodon": mastodon.fetch,
    "bluesky": bluesky.fetch,
    "devto": devto.fetch,
    "webmention": webmentionio.fetch,
}


__all__ = ["DISPLAY", "FETCHERS", "Copy", "Gone"]
