"""Fixtures of the verification-tooling tests: one Chromium per test process and
a folder served on 127.0.0.1."""

from __future__ import annotations

import pytest
from verify_support import require_binary

from verify.browser import CHROMIUM
from verify.site import SiteServer


@pytest.fixture(scope="session")
def browser():
    require_binary(CHROMIUM, "Chromium for Playwright")
    from verify.browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture
def served(tmp_path):
    """(folder, base URL): a folder served on 127.0.0.1 for the test."""
    folder = tmp_path / "out"
    folder.mkdir()
    with SiteServer(folder) as server:
        yield folder, server.url
