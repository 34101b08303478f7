"""Helpers of the watch tests: the firm's watch list on the loopback feed
server, its settings file, the CLI, a fixed clock."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest
from click.testing import CliRunner
from feedserver import FeedServer

from pelican_pullmarketing.cli import main

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
        {
            "url": server.url("/atom.xml"),
            "topics": ["heat-pumps", "boilers"],
            "show": True,
        },
        {
            "url": server.url("/old-rss"),
            "title": "Bristol Boiler Co.",
            "topics": ["boilers"],
        },
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
    return _runner().invoke(main, list(args), catch_exceptions=False)


def stored(site) -> dict:
    return json.loads((site.content / "watch.json").read_text(encoding="utf-8"))


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


TOPICS = {
    "boilers": {
        "title": "Boilers and servicing",
        "categories": ["Boilers"],
        "description": "Servicing and replacing gas boilers.",
    },
    "heat-pumps": {
        "title": "Heat pumps",
        "categories": ["Heat pumps"],
        "description": "Air source heat pumps: costs, grants and noise.",
    },
    "plumbing": {
        "title": "Plumbing",
        "categories": ["Plumbing"],
        "description": "Leaks, radiators and water pressure.",
    },
}


def write_firm_site(site) -> None:
    """A heating firm's blog: three articles, one per topic, and a keyword
    catalogue of three phrases."""
    site.article(
        "boiler-service",
        """
        An annual boiler service keeps a gas boiler safe and its warranty
        valid. Our Gas Safe engineers check the flue, the burner and the
        pressure. Hydrogen is not on the cards for Bristol homes yet.
        """,
        title="What an annual boiler service covers",
        category="Boilers",
        date="2026-09-01 10:00",
    )
    site.article(
        "heat-pump-noise",
        """
        How loud is an air source heat pump? About 40 dB at one metre, quieter
        than a fridge at the neighbour's window. Heat pump noise at night is
        lower still: the unit slows down. Noise rules for terraced homes allow
        it where the neighbour's window is far enough away.
        """,
        title="Heat pump noise: how loud is an air source heat pump?",
        category="Heat pumps",
        date="2026-10-01 10:00",
    )
    site.article(
        "bleed-a-radiator",
        """
        Cold at the top? Bleed the radiator: turn the heating off, open the
        bleed screw a quarter turn with a radiator key, close it when water
        appears, then check the boiler pressure.
        """,
        title="How to bleed a radiator",
        category="Plumbing",
        date="2026-08-01 10:00",
    )
    site.write(
        "keywords.csv",
        """
        keyword,target,variants
        boiler service,{filename}/boiler-service.md,annual boiler service
        air source heat pump,{filename}/heat-pump-noise.md,
        power flush,{filename}/bleed-a-radiator.md,
        """,
    )


def _runner() -> CliRunner:
    """A runner that keeps stderr apart: click 8.2 always does; 8.1 (the
    lowest supported) mixes it into stdout unless told not to."""
    try:
        return _SeparateRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 has no mix_stderr, and separates it
        return CliRunner()


class _SeparateRunner(CliRunner):
    """click 8.1 with stderr apart: ``output`` is both streams, as in 8.2."""

    def invoke(self, *args, **kwargs):
        return _BothStreams(super().invoke(*args, **kwargs))


class _BothStreams:
    def __init__(self, result):
        self._result = result

    def __getattr__(self, name):
        return getattr(self._result, name)

    @property
    def output(self) -> str:
        return self._result.stdout + self._result.stderr
