"""One headless system Chromium for every browser check (Playwright, no download).

Requests to any origin but the loopback server go to a dead proxy, so a page
that reaches for a CDN fails visibly instead of quietly working on a
developer's machine; the page-budget check also records them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")

# Flags from shared practice on these machines: no background traffic to
# Google's hosts, no sandbox as root, loopback only.
CHROME_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
]


class BrowserMissing(RuntimeError):
    pass


def chromium_path() -> str:
    """Path of the system Chromium, or BrowserMissing saying how to install it."""
    path = CHROMIUM if os.path.isfile(CHROMIUM) else shutil.which("chromium")
    if not path:
        raise BrowserMissing(
            f"Chromium not found at {CHROMIUM}: install it with "
            "`apt-get install -y chromium` (or set CHROME_PATH)"
        )
    return path


@contextmanager
def chromium() -> Iterator:
    """Yield a launched Playwright Browser on the system Chromium."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROME_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def viewport(width: int) -> dict:
    """Context options for a phone (under 600 px) or desktop window of ``width``."""
    if width < 600:
        return {
            "viewport": {"width": width, "height": 844},
            "is_mobile": True,
            "has_touch": True,
            "device_scale_factor": 1,
        }
    return {"viewport": {"width": width, "height": 800}, "device_scale_factor": 1}
