"""Which requirement lines cannot install with what the package needs."""

from __future__ import annotations

import pytest
from packaging.specifiers import SpecifierSet

from pelican_pullmarketing.blog import pins


@pytest.mark.parametrize(
    ("theirs", "ours", "expected"),
    [
        ("==4.8.0", ">=4.9", False),
        ("<4.9", ">=4.9", False),
        ("<=4.8", ">=4.9", False),
        ("~=4.8.0", ">=4.9", False),
        ("==4.12.0", ">=4.9", True),
        (">=4.5", ">=4.9", True),
        ("~=3.4", ">=3.4", True),
        ("", ">=4.9", True),
        (">4.9", ">=4.9", True),
        ("==4.9.*", ">=4.9", True),
        ("!=4.9.0", ">=4.9", True),
    ],
)
def test_compatible(theirs, ours, expected):
    assert pins.compatible(SpecifierSet(theirs), SpecifierSet(ours)) is expected


def test_conflicts_skip_comments_options_urls_and_other_names():
    needs = {"pelican": [pins.Need("pelican", SpecifierSet(">=4.9"), "us")]}
    lines = [
        "# pinned in 2022",
        "-r base.txt",
        "--index-url https://example.org/simple",
        "pelican @ https://example.org/pelican-4.8.tar.gz",
        "jinja2==3.0.0",
        "Pelican[markdown]==4.8.0  # old",
    ]
    found = pins.conflicts(lines, needs)
    assert [c.line_number for c in found] == [6]
    assert pins.upgraded(found[0]).startswith("Pelican[markdown]==")
    assert pins.upgraded(found[0]).endswith("  # old")


def test_the_package_needs_come_from_the_installed_metadata():
    needs = pins.package_needs()
    assert any(str(n.specifier) == ">=4.9" for n in needs["pelican"])
    # Pelican's own requirements, through the installed pelican.
    assert any("installed here" in n.by for n in needs["blinker"])
