"""A run on a machine without Chromium ends with one line naming the checks
that were skipped for it and the one command that installs it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECKS = textwrap.dedent(
    """
    from tests.conftest import skip_missing_tool


    def test_axe_in_both_schemes():
        skip_missing_tool("Chromium", "Playwright")


    def test_computed_styles():
        skip_missing_tool("Chromium", "computed styles")


    def test_vnu():
        skip_missing_tool("Java", "the Nu HTML Checker")


    def test_lighthouse():
        skip_missing_tool("Lighthouse", "npm", "npm ci")


    def test_runs():
        pass
    """
)


def test_skipped_checks_are_listed_in_one_line_per_missing_tool(tmp_path):
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_terminal_summary  # noqa: F401\n"
    )
    (tmp_path / "test_checks.py").write_text(CHECKS)
    env = dict(os.environ, PYTHONPATH=str(ROOT), CI="")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider"]
        + ["--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    chromium = [line for line in lines if "because Chromium is missing" in line]
    assert chromium == [
        "2 checks skipped because Chromium is missing (test_checks.py::test_axe_in_both_schemes, "
        "test_checks.py::test_computed_styles): install it with `make browsers`"
    ]
    assert (
        "1 check skipped because Java is missing (test_checks.py::test_vnu): "
        "install it with `make browsers`" in lines
    )
    assert (
        "1 check skipped because Lighthouse is missing (test_checks.py::test_lighthouse): "
        "install it with `npm ci`" in lines
    )
