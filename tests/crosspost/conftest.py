"""Fixtures of the cross-posting tests: the loopback fake platforms."""

from __future__ import annotations

import pytest
from fakeplatforms import start_fake_platforms


@pytest.fixture
def fake_platforms():
    fake = start_fake_platforms()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()
