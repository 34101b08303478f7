"""What every platform client shares: the API base (environment variable, then
the target's ``api_base``/``instance``, then the platform's address), tokens
read from the environment only, and HTTP with bounded retries.

Retries are only made when the platform cannot have acted on the request:
429 (rate limited; ``Retry-After`` honoured), 502/503/504, and connection
failures before anything was sent. A timeout after sending is not retried: the
post may exist, and the publisher's pending mark deals with it on the next run.
"""

from __future__ import annotations

import email.utils
import logging
import mimetypes
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

logger = logging.getLogger(__name__)

USER_AGENT = "pelican-pullmarketing (+https://github.com/pelican-pullmarketing)"


class RemoteError(Exception):
    """A platform refused or failed a request. ``sent`` is False when the
    request surely had no effect (so the entry may simply be tried again)."""

    def __init__(self, message: str, *, sent: bool = True, status: int | None = None):
        super().__init__(message)
        self.sent = sent
        self.status = status


@dataclass(frozen=True)
class Remote:
    id: str
    url: str


def retry_after_seconds(
    response: httpx.Response, now: float | None = None
) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or HTTP date) or X's
    ``x-rate-limit-reset`` (epoch seconds); None when absent."""
    now = time.time() if now is None else now
    value = response.headers.get("retry-after")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - now)
        except (TypeError, ValueError):
            return None
    reset = response.headers.get("x-rate-limit-reset")
    if reset and reset.strip().isdigit():
        return max(0.0, float(reset) - now)
    return None


class Http:
    """httpx with bounded back-off. ``sleep`` is injectable for tests."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        max_retries: int = 4,
        max_wait: float = 60.0,
    ):
        self.client = client or httpx.Client(
            timeout=httpx.Timeout(30.0, connect=10.0),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
        )
        self.sleep = sleep
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.waits: list[float] = []

    def close(self) -> None:
        self.client.close()

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = self.client.request(method, url, **kwargs)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                wait, reason = self._backoff(attempt), f"cannot connect to {url}: {exc}"
                response = None
            except httpx.TransportError as exc:
                raise RemoteError(
                    f"network error after sending to {url}: {exc.__class__.__name__}"
                ) from None
            if response is not None:
                status = response.status_code
                if status == 429 or status in (502, 503, 504):
                    hinted = retry_after_seconds(response)
                    wait = self._backoff(attempt) if hinted is None else hinted
                    reason = f"HTTP {status} from {url}"
                    if wait > self.max_wait:
                        raise RemoteError(
                            f"rate limited by {url}: retry after {wait:.0f} s "
                            f"(more than the {self.max_wait:.0f} s this run waits)",
                            sent=False,
                            status=status,
                        )
                elif status >= 400:
                    raise RemoteError(
                        f"HTTP {status} from {url}: {_excerpt(response)}",
                        sent=status >= 500,
                        status=status,
                    )
                else:
                    return response
            if attempt >= self.max_retries:
                raise RemoteError(
                    f"{reason}; gave up after {attempt + 1} attempts", sent=False
                )
            self.waits.append(wait)
            self.sleep(wait)
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        return min(self.max_wait, 2.0**attempt)


def _excerpt(response: httpx.Response) -> str:
    text = " ".join(response.text.split())
    return text[:300] + ("…" if len(text) > 300 else "")


def json_of(response: httpx.Response, url: str) -> dict:
    try:
        data = response.json()
    except ValueError:
        raise RemoteError(
            f"{url} answered {response.status_code} without JSON"
        ) from None
    if not isinstance(data, dict):
        raise RemoteError(f"{url} answered unexpected JSON: {str(data)[:200]}")
    return data


class Client:
    """One platform. Subclasses set ``tokens`` and implement ``create``
    (and ``update`` for articles, ``find_existing`` when the platform can tell
    whether an interrupted create went through)."""

    name = ""
    tokens: tuple[str, ...] = ()
    base_env: str | None = None
    default_base: str | None = None
    # True when re-sending an interrupted create cannot duplicate it
    # (e.g. Mastodon's Idempotency-Key).
    resend_is_safe = False
    # True when find_existing() returning None proves the post does not exist.
    finds_existing = False

    def __init__(
        self,
        http: Http,
        env: Mapping[str, str],
        api_base: str | None,
        *,
        output_root: str | None = None,
    ):
        self.http = http
        self.env = env
        base = (
            (self.base_env and env.get(self.base_env)) or api_base or self.default_base
        )
        self.base = (base or "").rstrip("/")
        self.output_root = output_root

    @classmethod
    def missing_tokens(cls, env: Mapping[str, str]) -> list[str]:
        return [name for name in cls.tokens if not env.get(name)]

    def token(self, name: str) -> str:
        return self.env[name]

    def create(self, entry: dict) -> Remote:  # pragma: no cover - abstract
        raise NotImplementedError

    def update(self, remote_id: str, entry: dict) -> Remote:
        raise RemoteError(f"{self.name} posts are not updated", sent=False)

    def find_existing(self, entry: dict) -> Remote | None:
        return None

    def image_bytes(self, thumb: dict) -> tuple[bytes, str] | None:
        """A card image's bytes and type: the file in the built output when
        the manifest names one, else downloaded from its URL; None (said)
        when neither works."""
        path = thumb.get("path")
        mime = mimetypes.guess_type(path or thumb.get("url") or "")[0] or "image/jpeg"
        if path and self.output_root:
            local = os.path.join(self.output_root, path)
            if os.path.isfile(local):
                with open(local, "rb") as fh:
                    return fh.read(), mime
        try:
            response = self.http.client.get(thumb["url"])
            response.raise_for_status()
        except httpx.HTTPError as exc:
            logger.warning(
                "%s card image %s not fetched: %s", self.name, thumb.get("url"), exc
            )
            return None
        return response.content, response.headers.get("content-type", mime)
