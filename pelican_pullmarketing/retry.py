"""Sending to a web service with retries, as the WebSub and IndexNow pings
do: network errors, 429 and 5xx answers are tried again with exponential
back-off (a ``Retry-After`` in seconds is waited for instead, up to five
minutes); any other refusal is final."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a request is sent, not by every build
    import httpx

MAX_WAIT = 300.0


def retryable(status: int) -> bool:
    return status == 429 or status >= 500


def send_with_retries(
    send: Callable[[], httpx.Response],
    *,
    accepted: Callable[[httpx.Response], bool],
    explain: Callable[[httpx.Response], str],
    retries: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[bool, int, str]:
    """Call ``send`` until an answer is ``accepted`` or a refusal is final.
    Returns (accepted, attempts, detail)."""
    import httpx

    detail = ""
    for attempt in range(1, retries + 2):
        wait = backoff * 2 ** (attempt - 1)
        try:
            response = send()
        except httpx.HTTPError as exc:
            detail = f"{exc.__class__.__name__}: {exc}"
        else:
            if accepted(response):
                return True, attempt, f"HTTP {response.status_code}"
            detail = explain(response)
            if not retryable(response.status_code):
                return False, attempt, detail
            after = response.headers.get("Retry-After", "")
            if after.isdigit():
                wait = min(float(after), MAX_WAIT)
        if attempt <= retries:
            sleep(wait)
    return False, retries + 1, detail
