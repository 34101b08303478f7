from __future__ import annotations

import pytest
from gates_support import GatedSite


@pytest.fixture
def gated(site) -> GatedSite:
    return GatedSite(site)
