"""The release workflow's first step: the tag must be the package version
(written once, in pelican_pullmarketing/__init__.py) and CHANGELOG.md must
have a dated entry for it, whose text becomes the GitHub release notes."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import pelican_pullmarketing
from pelican_pullmarketing.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "release_notes.py"
VERSION = pelican_pullmarketing.__version__


def notes(tag: str, root: Path = ROOT):
    return subprocess.run(
        [sys.executable, str(root / ".ci" / "release_notes.py"), tag],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=root,
    )


@pytest.fixture
def copy(tmp_path) -> Path:
    """The files the script reads, in a folder of their own."""
    (tmp_path / ".ci").mkdir()
    shutil.copy2(SCRIPT, tmp_path / ".ci")
    (tmp_path / "pelican_pullmarketing").mkdir()
    shutil.copy2(
        ROOT / "pelican_pullmarketing" / "__init__.py",
        tmp_path / "pelican_pullmarketing",
    )
    shutil.copy2(ROOT / "CHANGELOG.md", tmp_path)
    return tmp_path


def test_the_version_is_written_once_and_shown_by_the_command():
    assert importlib.metadata.version("pelican-pullmarketing") == VERSION
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"pullmarketing, version {VERSION}"


def test_this_versions_tag_prints_its_changelog_entry():
    result = notes(f"v{VERSION}")

    assert result.returncode == 0, result.stderr
    assert re.search(
        r"^### (Added|Changed|Deprecated|Removed|Fixed|Security)$", result.stdout, re.M
    )
    assert f"## [{VERSION}]" not in result.stdout  # the entry's text, not its heading
    assert "## [Unreleased]" not in result.stdout


def test_a_tag_that_is_not_the_package_version_stops_the_release():
    result = notes("v99.0.0")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"release: tag 'v99.0.0' does not match the package version '{VERSION}' "
        f"(pelican_pullmarketing/__init__.py): expected tag 'v{VERSION}'"
    )


def test_a_version_without_a_dated_changelog_entry_stops_the_release(copy):
    changelog = copy / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text("utf-8").replace(f"## [{VERSION}] - ", f"## [{VERSION}] "),
        encoding="utf-8",
    )

    result = notes(f"v{VERSION}", copy)

    assert result.returncode == 1
    assert f"CHANGELOG.md has no entry '## [{VERSION}] - YYYY-MM-DD'" in result.stderr
    assert result.stdout == ""
