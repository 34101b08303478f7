"""How a blog deploys today, read from its files and its git repository (no
network): the repository's default branch, and the deployers it already has
(a workflow running ghp-import, peaceiris/actions-gh-pages or
actions/deploy-pages, a Makefile ``github`` target, a tasks.py ``gh_pages``
task). ``init`` adds its own workflow only where none exists, or when asked."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass

# What marks a workflow written by `pullmarketing init` (rewritten, not a rival).
OUR_MARK = "Written by `pullmarketing init`"

# Steps or actions that publish a site, as they appear in workflow files.
_WORKFLOW_DEPLOYERS = (
    ("ghp-import", re.compile(r"\bghp-import\b")),
    ("peaceiris/actions-gh-pages", re.compile(r"peaceiris/actions-gh-pages@")),
    ("actions/deploy-pages", re.compile(r"actions/deploy-pages@")),
    (
        "JamesIves/github-pages-deploy-action",
        re.compile(r"github-pages-deploy-action@"),
    ),
    (
        "Pelican's GitHub Pages workflow",
        re.compile(r"getpelican/pelican/\.github/workflows/"),
    ),
)
_MAKE_TARGET = re.compile(r"^github\s*:", re.M)
_TASK = re.compile(r"^def\s+gh_pages\s*\(", re.M)
_BRANCHES = re.compile(
    r"^\s*branches:\s*\[([^\]]*)\]|^\s*branches:\s*\n((?:\s*-\s*.+\n)+)", re.M
)


@dataclass(frozen=True)
class Deployer:
    path: str  # relative to the repository (or blog) folder
    how: str  # "ghp-import", "Makefile target github", ...
    branches: tuple[str, ...] = ()  # push branches of a workflow, if it names them

    def describe(self) -> str:
        on = f" on pushes to {', '.join(self.branches)}" if self.branches else ""
        return f"{self.path} ({self.how}{on})"


def _git(folder: str, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            env=dict(os.environ, GIT_TERMINAL_PROMPT="0"),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    return out if done.returncode == 0 and out else None


def repository_root(folder: str) -> str | None:
    """The top of the git work tree holding ``folder``, if any."""
    return _git(folder, "rev-parse", "--show-toplevel")


def default_branch(folder: str) -> tuple[str, str]:
    """(branch, where it was read): origin's HEAD, else the branch checked out,
    else git's ``init.defaultBranch``, else ``main``. Never asks the network."""
    if repository_root(folder):
        remote_head = _git(
            folder, "symbolic-ref", "--short", "refs/remotes/origin/HEAD"
        )
        if remote_head and "/" in remote_head:
            return remote_head.split("/", 1)[1], "origin/HEAD"
        current = _git(folder, "symbolic-ref", "--short", "HEAD")
        if current:
            return current, "the branch checked out"
    configured = _git(folder, "config", "--get", "init.defaultBranch")
    if configured:
        return configured, "git's init.defaultBranch"
    return "main", "no git repository: GitHub's default"


def _push_branches(text: str) -> tuple[str, ...]:
    match = _BRANCHES.search(text)
    if not match:
        return ()
    if match.group(1) is not None:
        items = match.group(1).split(",")
    else:
        items = [line.strip()[1:] for line in match.group(2).splitlines()]
    return tuple(i.strip().strip("'\"") for i in items if i.strip().strip("'\""))


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return ""


def workflows_folder(repo: str) -> str:
    return os.path.join(repo, ".github", "workflows")


def find_deployers(repo: str, blog: str) -> list[Deployer]:
    """Deployers in the repository's workflows and the blog's Makefile and
    tasks.py; workflows written by ``init`` itself are left out."""
    found: list[Deployer] = []
    folder = workflows_folder(repo)
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    for name in names:
        if not name.endswith((".yml", ".yaml")):
            continue
        path = os.path.join(folder, name)
        text = _read(path)
        if OUR_MARK in text:
            continue
        rel = os.path.relpath(path, repo)
        for how, pattern in _WORKFLOW_DEPLOYERS:
            if pattern.search(text):
                found.append(Deployer(rel, how, _push_branches(text)))
                break
    makefile = os.path.join(blog, "Makefile")
    if _MAKE_TARGET.search(_read(makefile)):
        found.append(
            Deployer(os.path.relpath(makefile, repo), "Makefile target github")
        )
    tasks = os.path.join(blog, "tasks.py")
    if _TASK.search(_read(tasks)):
        found.append(Deployer(os.path.relpath(tasks, repo), "invoke task gh_pages"))
    return found
