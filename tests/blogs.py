"""Fixture blogs shaped like real public Pelican blogs (``tests/blogs/<name>/``,
described in ``tests/blogs/README.md``): copy one into a temporary folder,
make it a git repository, build it with real Pelican in this process or with
the ``pelican`` command, as its owner would.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pelican.settings import read_settings

from pelican import Pelican
from tests.conftest import disconnect_signals, reset_log_dedup

BLOGS = Path(__file__).resolve().parent / "blogs"
BIN = Path(sys.executable).parent
NAMES = ("french_rst", "flex_seo", "old_pins", "bilingual_subsites")

_IGNORE = shutil.ignore_patterns("output", "__pycache__", "*.pyc", ".recuperer_images")


def copy_blog(name: str, dest: Path) -> Path:
    """A fresh copy of fixture blog ``name`` at ``dest/name``."""
    target = Path(dest) / name
    shutil.copytree(BLOGS / name, target, ignore=_IGNORE)
    return target


def git(blog: Path, *args: str, when: str | None = None) -> str:
    """Run git in ``blog`` as the blog's owner, with no user or system
    configuration; ``when``: the author and committer date of a commit."""
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Blog Owner",
        GIT_AUTHOR_EMAIL="owner@example.org",
        GIT_COMMITTER_NAME="Blog Owner",
        GIT_COMMITTER_EMAIL="owner@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    if when is not None:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    done = subprocess.run(
        ["git", *args], cwd=blog, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def make_repository(blog: Path, branch: str, *, with_origin: bool = False) -> Path:
    """Make ``blog`` a git repository whose default branch is ``branch``
    (a nested .git cannot be committed, so tests make it). With
    ``with_origin``, it is a clone of a bare "origin" whose HEAD is ``branch``,
    as a repository cloned from GitHub is."""
    git(blog, "init", "-q", "-b", branch)
    git(blog, "add", "-A")
    git(blog, "commit", "-q", "-m", "The blog as it is")
    if with_origin:
        origin = blog.parent / f"{blog.name}-origin.git"
        git(blog, "clone", "-q", "--bare", str(blog), str(origin))
        git(blog, "remote", "add", "origin", str(origin))
        git(blog, "fetch", "-q", "origin")
        git(blog, "remote", "set-head", "origin", branch)
    return blog


@contextlib.contextmanager
def _inside(blog: Path):
    """Run as the ``pelican`` command does in the blog's folder: the folder is
    the current directory and importable (``from pelicanconf import *``); its
    settings modules are forgotten afterwards, so blogs never mix."""
    before = os.getcwd()
    # Pelican keeps a settings file as a module named after it: a
    # `pelicanconf` read earlier in this process (another test's) must not
    # be what this blog's publishconf.py imports.
    for name in [
        n for n, m in sys.modules.items() if _settings_module_elsewhere(m, blog)
    ]:
        del sys.modules[name]
    modules = set(sys.modules)
    os.chdir(blog)
    sys.path.insert(0, str(blog))
    try:
        yield
    finally:
        os.chdir(before)
        with contextlib.suppress(ValueError):
            sys.path.remove(str(blog))
        for name in set(sys.modules) - modules:
            origin = getattr(sys.modules[name], "__file__", None) or ""
            if origin.startswith(str(blog)):
                del sys.modules[name]


def _settings_module_elsewhere(module, blog: Path) -> bool:
    origin = getattr(module, "__file__", None) or ""
    return getattr(module, "__name__", "") in (
        "pelicanconf",
        "publishconf",
        "settings",
    ) and not origin.startswith(str(blog))


def blog_settings(blog: Path, settings: str = "pelicanconf.py", **overrides) -> dict:
    with _inside(blog):
        return read_settings(str(blog / settings), override=overrides)


def build_blog(
    blog: Path,
    settings: str = "pelicanconf.py",
    output: Path | None = None,
    **overrides,
) -> Path:
    """Build ``blog`` with its own settings file (plus ``overrides``) in this
    process, signals disconnected before and after; returns the output folder."""
    out = Path(output) if output else blog / "output"
    overrides.setdefault("OUTPUT_PATH", str(out))
    disconnect_signals()
    reset_log_dedup()
    try:
        with _inside(blog):
            site = read_settings(str(blog / settings), override=overrides)
            Pelican(site).run()
    finally:
        disconnect_signals()
    return out


def pelican_command(
    blog: Path, *args: str, env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """The ``pelican`` command of this environment, run in the blog's folder."""
    return subprocess.run(
        [str(BIN / "pelican"), *args],
        cwd=blog,
        env=dict(os.environ, **(env or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
