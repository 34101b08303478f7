"""Pelican's namespace discovery finds the package after `pip install .` and
after `pip install -e .` alike. (The wheel's contents, the command and the
theme in a fresh virtual environment: tests/project/test_wheel.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns(
    ".venv*",
    ".git",
    "node_modules",
    "output",
    "__pycache__",
    "*.egg-info",
    "build",
    "bench",
    "audit",
    ".pytest_cache",
    ".ruff_cache",
    "screenshots",
)

AUTOLOAD_CHECK = textwrap.dedent(
    """
    import sys
    from pelican.plugins._utils import get_namespace_plugins

    print("FOUND" if "pelican.plugins.pullmarketing" in get_namespace_plugins() else "MISSING")
    """
)


def _fresh_venv_with_checkout(tmp_path, *pip_args: str) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE, symlinks=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [
            str(venv / "bin" / "pip"),
            "install",
            "-q",
            "--disable-pip-version-check",
            *pip_args,
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return venv


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["normal", "editable"])
def test_namespace_discovery_loads_the_package_in_both_install_modes_and_says_so(
    tmp_path, mode
):
    venv = _fresh_venv_with_checkout(tmp_path, *(["-e"] if mode == "editable" else []))
    blog = tmp_path / "blog"
    (blog / "content").mkdir(parents=True)
    (blog / "content" / "post.md").write_text(
        "Title: Post\nDate: 2024-01-01\nCategory: News\n\nText.\n", encoding="utf-8"
    )
    # A quickstart blog: PLUGINS unset, so Pelican loads every namespace plugin.
    (blog / "pelicanconf.py").write_text(
        "SITENAME = 'Blog'\nSITEURL = 'https://example.com'\nPATH = 'content'\n"
        "TIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n",
        encoding="utf-8",
    )
    found = subprocess.run(
        [str(venv / "bin" / "python"), "-c", AUTOLOAD_CHECK],
        capture_output=True,
        text=True,
        cwd=blog,  # not the checkout: its pelican/ folder must not help
        timeout=60,
    )
    assert found.stdout.strip() == "FOUND", found.stdout + found.stderr
    build = subprocess.run(
        [str(venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py", "-v"],
        capture_output=True,
        text=True,
        cwd=blog,
        timeout=120,
        env=dict(os.environ, COLUMNS="400"),
    )
    text = build.stdout + build.stderr
    assert build.returncode == 0, text
    loaded = [line for line in text.splitlines() if "namespace plugin" in line]
    assert len(loaded) == 1, text
    for words in ("keywords", "topics", "seo", "PLUGINS"):
        assert words in loaded[0], loaded[0]
    assert (blog / "output" / "sitemap.xml").is_file()  # it really loaded
