"""Helpers of the watch tests: the firm's watch list on the loopback feed
server, its settings file, the CLI, a fixed clock."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main

from feedserver import FeedServer

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def feed_server():
    with FeedServer() as server:
        yield server


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    """Fetching and reporting run on 30 November 2026 at noon."""
    from pelican_pullmarketing.watch import cli

    monkeypatch.setattr(cli, "_now", lambda: NOW)


def watch_entries(server) -> list:
    """The firm's watch list: the four real feeds (the competitor's under its
    old address, which redirects), and four that fail."""
    return [
        {"url": server.url("/atom.xml"), "topics": ["heat-pumps", "boilers"], "show": True},
        {"url": server.url("/old-rss"), "title": "Bristol Boiler Co.", "topics": ["boilers"]},
        {"url": server.url("/forum.rdf"), "topics": ["heat-pumps"], "show": True},
        server.url("/alerts.json"),
        {"url": server.url("/slow.xml"), "title": "Slow Trade News"},
        {"url": server.url("/news.html"), "title": "Installer News"},
        {"url": server.url("/broken.xml"), "title": "Broken Forum"},
        {"url": server.url("/huge.xml"), "title": "Huge Feed"},
    ]


def write_settings(site, entries, **extra) -> str:
    """A pelicanconf.py beside the content folder of ``site`` (a SiteBuilder)."""
    settings = {
        "PATH": str(site.content),
        "OUTPUT_PATH": str(site.output),
        "SITEURL": "https://harbourheating.example",
        "SITENAME": "Harbour Heating",
        "TIMEZONE": "Europe/London",
        "DEFAULT_LANG": "en",
        "PLUGINS": ["pelican_pullmarketing"],
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "FEED_ALL_ATOM": None,
        "CATEGORY_FEED_ATOM": None,
        "TRANSLATION_FEED_ATOM": None,
        "AUTHOR_FEED_ATOM": None,
        "AUTHOR_FEED_RSS": None,
        "PULLMARKETING_WATCH": entries,
        **extra,
    }
    path = site.root / "pelicanconf.py"
    path.write_text(
        "\n".join(f"{k} = {v!r}" for k, v in settings.items()) + "\n", encoding="utf-8"
    )
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def stored(site) -> dict:
    return json.loads((site.content / "watch.json").read_text(encoding="utf-8"))


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")
