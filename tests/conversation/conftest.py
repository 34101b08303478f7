"""Fixtures of the conversation tests: the loopback fakes of the platforms."""

from __future__ import annotations

import pytest
from fakeapis import start


@pytest.fixture
def fake_apis():
    fake = start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()
