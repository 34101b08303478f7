"""`make demo` and `make test` on a fresh clone: they make .venv first (again
when pyproject.toml changes), run the tools from it, and a missing or too old
Python is told in one line. Run on a copy of the files make needs, with
`make -n` where installing is not the point."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


@pytest.fixture
def clone(tmp_path) -> Path:
    """The files the Makefile reads, and the repository's own pelican/ folder
    (the namespace plugin), which must never be taken for the pelican command."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, repo / name)
    shutil.copytree(ROOT / ".ci", repo / ".ci")
    shutil.copytree(ROOT / "pelican", repo / "pelican")
    (repo / "sample_site").mkdir()
    return repo


def make(repo: Path, *args: str, path: str | None = None):
    env = dict(os.environ, PATH=path or os.environ["PATH"])
    env.pop("MAKEFLAGS", None)
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def set_mtime(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def test_demo_runs_the_venvs_pelican_never_the_repositorys_folder(clone):
    result = make(clone, "-n", "demo", "PORT=8765")

    assert result.returncode == 0, result.stderr
    commands = result.stdout
    assert f"{clone}/.venv/bin/pelican content" in commands
    assert f"{clone}/.venv/bin/pelican --listen" in commands
    assert f"{clone}/pelican " not in commands
    # Built and served with the demo settings at the port given.
    assert "--settings democonf.py" in commands
    assert "DEMO_PORT=8765" in commands and "--port 8765" in commands


def test_a_fresh_clone_gets_its_venv_before_anything_runs(clone):
    for target, first_tool in (("demo", "pelican"), ("test", "ruff")):
        lines = make(clone, "-n", target).stdout.splitlines()
        setup = next(i for i, line in enumerate(lines) if ".ci/make-venv" in line)
        tool = next(i for i, line in enumerate(lines) if f"/bin/{first_tool}" in line)
        assert setup < tool, lines
        assert f"{clone}/.venv/bin/{first_tool}" in lines[tool]


def test_the_venv_is_reinstalled_only_when_pyproject_changes(clone):
    (clone / ".venv").mkdir()
    stamp = clone / ".venv" / ".installed"
    stamp.touch()
    set_mtime(clone / "pyproject.toml", 1_000_000_000)
    set_mtime(clone / ".ci" / "make-venv", 1_000_000_000)
    set_mtime(stamp, 1_000_000_100)
    assert ".ci/make-venv" not in make(clone, "-n", "test").stdout

    set_mtime(clone / "pyproject.toml", 1_000_000_200)
    assert ".ci/make-venv" in make(clone, "-n", "test").stdout


def fake_python(folder: Path, version: str) -> Path:
    """An interpreter that reports ``version`` whatever it is asked."""
    python = folder / "oldpython"
    python.write_text(f"#!/bin/sh\necho {version}\n")
    python.chmod(0o755)
    return python


@pytest.mark.parametrize("version", ["3.9", "2.7"])
def test_a_too_old_python_is_told_in_one_line(clone, tmp_path, version):
    python = fake_python(tmp_path, version)

    result = make(clone, "test", f"PYTHON3={python}")

    assert result.returncode != 0
    told = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert len(told) == 1, result.stderr
    assert f"is Python {version}" in told[0]
    assert "needs Python 3.10 or newer" in told[0]
    assert not (clone / ".venv").exists()


def test_a_missing_python_is_told_in_one_line(clone):
    result = make(clone, "demo", "PYTHON3=python3-not-installed")

    assert result.returncode != 0
    told = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert len(told) == 1, result.stderr
    assert "'python3-not-installed' is not installed" in told[0]
    assert not (clone / ".venv").exists()
