"""Shared pieces of the verification-tooling tests: tiny sites written as files
(no Pelican needed: every check works on any output folder), and the fixtures
``browser`` (one Chromium per test process, shared by every module that
imports the fixture) and ``served`` (a folder served on 127.0.0.1). No
conftest.py here: a second module named ``conftest`` confuses other folders'
``from conftest import ...``.

Chromium, Java and Lighthouse are installed by .ci/run (`make browsers` and
`npm ci` on a developer's machine); a test that needs one that is missing is
skipped with a reason that says so, never silently passed.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The top-level `verify` package is not installed; tests/verify must not shadow it.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import skip_missing_tool  # noqa: E402
from verify.browser import CHROMIUM  # noqa: E402
from verify.site import SiteServer  # noqa: E402

SITE = "http://127.0.0.1:8000"

CSS = "body{font:1rem/1.5 system-ui,sans-serif;color:#111;background:#fff;margin:0 auto;max-width:40rem;padding:1rem}a{color:#0645ad}\n"


def page(title: str, body: str, *, head: str = "", lang: str = "en") -> str:
    """A small valid, accessible HTML page around ``body``."""
    return textwrap.dedent(
        f"""\
        <!doctype html>
        <html lang="{lang}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title}</title>
        <meta name="description" content="A page of a small test site about {title}.">
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/theme.css">
        {head}
        </head>
        <body>
        <main id="main">
        <h1>{title}</h1>
        {body}
        </main>
        </body>
        </html>
        """
    )


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def clean_site(folder: Path) -> Path:
    """Home and one article, linked both ways, with a stylesheet."""
    return write(
        folder,
        {
            "theme.css": CSS,
            "index.html": page(
                "Home", '<p><a href="/2024/post/">Read the post</a></p>'
            ),
            "2024/post/index.html": page(
                "Post", '<p>Text. <a href="/">Home</a> <a href="#main">Top</a></p>'
            ),
        },
    )


def require_binary(
    path_or_name: str, tool: str, purpose: str, install: str = "make browsers"
) -> None:
    """Skip (loudly, and listed in the run's last lines) when a tool is missing
    on a developer's machine; in CI, where .ci/run installs it, a missing
    tool is a failure."""
    if Path(path_or_name).is_file() or shutil.which(path_or_name):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} ({path_or_name}) is not installed; .ci/run installs it")
    skip_missing_tool(tool, purpose, install)


_BROWSER: dict = {}


def _shared_browser():
    """Start Playwright and Chromium once per process; closed at exit. A
    session fixture imported into several modules would start one per module,
    and Playwright's sync API allows one per thread."""
    if "browser" not in _BROWSER:
        from verify.browser import chromium

        manager = chromium()
        _BROWSER["browser"] = manager.__enter__()
        atexit.register(manager.__exit__, None, None, None)
    return _BROWSER["browser"]


@pytest.fixture
def browser():
    require_binary(CHROMIUM, "Chromium", "Playwright")
    return _shared_browser()


@pytest.fixture
def served(tmp_path):
    """(folder, base URL): a folder served on 127.0.0.1 for the test."""
    folder = tmp_path / "out"
    folder.mkdir()
    with SiteServer(folder) as server:
        yield folder, server.url
