"""The supported ranges are tested, not assumed: every dependency declares a
lower bound, and constraints/lowest.txt (what .ci/lowest-pins and the CI's
lowest-pins jobs install) pins exactly those bounds."""

from __future__ import annotations

from packaging.version import Version
from project_files import dependencies, lowest_pins, normalise


def lower_bound(req) -> str | None:
    bounds = [s.version for s in req.specifier if s.operator == ">="]
    return bounds[0] if len(bounds) == 1 else None


def test_every_dependency_declares_one_lower_bound():
    missing = [str(req) for req in dependencies() if lower_bound(req) is None]
    assert not missing, f"dependencies without one >= bound: {missing}"


def test_the_lowest_pins_are_the_declared_lower_bounds():
    pins = lowest_pins()
    declared = {normalise(req.name): lower_bound(req) for req in dependencies()}

    # Pins may be written in full (2.2.0 for a bound of 2.2); the versions match.
    assert {name: Version(pins.get(name, "0")) for name in declared} == {
        name: Version(bound) for name, bound in declared.items()
    }


def test_pelican_is_pinned_at_the_oldest_supported_series():
    assert lowest_pins()["pelican"].startswith("4.9.")
