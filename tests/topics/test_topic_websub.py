"""`pullmarketing websub ping` against a WebSub hub on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from topics_support import SITE, TOPICS, feed_paths, parse_xml, write_firm_site

from pelican_pullmarketing.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"


class Hub:
    """A loopback hub: records publish pings; ``fail`` maps a feed URL to the
    list of status codes to answer before succeeding (or forever with 'always')."""

    def __init__(self):
        self.pings: list[dict] = []
        self.fail: dict[str, list[int] | str] = {}
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                feed = form.get("hub.url", [""])[0]
                hub.pings.append({k: v[0] for k, v in form.items()})
                plan = hub.fail.get(feed)
                if plan == "always":
                    code = 500
                elif plan:
                    code = plan.pop(0)
                else:
                    code = 204
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def pinged(self) -> list[str]:
        return sorted(p["hub.url"] for p in self.pings)


@pytest.fixture
def hub(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = Hub()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def ping(out, state, *extra):
    args = ["websub", "ping", "--output", str(out), "--state", str(state)]
    return CliRunner().invoke(main, [*args, "--backoff", "0", *extra])


def test_feeds_carry_the_hub_link(site, hub):
    write_firm_site(site)
    out = site.build(**SITE, PULLMARKETING_WEBSUB_HUB=hub.url)
    for path in feed_paths(out):
        if path.suffix == ".json":
            assert json.loads(path.read_text())["hubs"] == [
                {"type": "WebSub", "url": hub.url}
            ]
        else:
            hrefs = [
                link.get("href")
                for link in parse_xml(path).iter(f"{ATOM}link", "link")
                if link.get("rel") == "hub"
            ]
            assert hrefs == [hub.url], path


def test_ping_notifies_changed_feeds_only(site, hub, tmp_path):
    write_firm_site(site)
    out = site.build(**SITE, PULLMARKETING_WEBSUB_HUB=hub.url)
    state = tmp_path / "websub-state.json"
    feed_urls = sorted(
        "https://example.com/" + str(p.relative_to(out)) for p in feed_paths(out)
    )

    result = ping(out, state)
    assert result.exit_code == 0, result.output
    assert hub.pinged() == feed_urls
    assert all(p["hub.mode"] == "publish" for p in hub.pings)
    saved = json.loads(state.read_text())
    assert sorted(saved["hubs"][hub.url]) == feed_urls
    assert f"{len(feed_urls)} pinged" in result.output

    hub.pings.clear()
    result = ping(out, state)
    assert result.exit_code == 0, result.output
    assert hub.pings == []
    assert f"{len(feed_urls)} unchanged" in result.output

    # A new plumbing article changes only the plumbing feeds.
    site.article(
        "radiators", "Bleed them in autumn.", date="2024-09-01", category="Plumbing"
    )
    out = site.build(**SITE, PULLMARKETING_WEBSUB_HUB=hub.url)
    result = ping(out, state)
    assert result.exit_code == 0, result.output
    assert hub.pinged() == [u for u in feed_urls if "/topics/plumbing/" in u]


def test_ping_retries_then_reports_failures(site, hub, tmp_path):
    write_firm_site(site)
    out = site.build(**SITE, PULLMARKETING_WEBSUB_HUB=hub.url)
    state = tmp_path / "state.json"
    flaky = "https://example.com/topics/boilers/atom.xml"
    broken = "https://example.com/topics/plumbing/rss.xml"
    hub.fail = {flaky: [503, 429], broken: "always"}

    result = ping(out, state, "--retries", "2")
    assert result.exit_code == 1
    assert [p["hub.url"] for p in hub.pings].count(flaky) == 3  # 2 failures, 1 success
    assert [p["hub.url"] for p in hub.pings].count(broken) == 3  # 1 + 2 retries
    saved = json.loads(state.read_text())["hubs"][hub.url]
    assert flaky in saved and broken not in saved
    assert "1 failed" in result.output

    # The next run tries only the feed that failed.
    hub.pings.clear()
    hub.fail = {}
    result = ping(out, state)
    assert result.exit_code == 0, result.output
    assert hub.pinged() == [broken]


def test_dry_run_and_missing_hub_are_reported(site, hub, tmp_path):
    write_firm_site(site)
    out = site.build(**SITE, PULLMARKETING_WEBSUB_HUB=hub.url)
    state = tmp_path / "state.json"
    result = ping(out, state, "--dry-run")
    assert result.exit_code == 0, result.output
    assert hub.pings == [] and not state.exists()
    assert f"{3 * len(TOPICS)} would ping" in result.output

    out = site.build(**SITE)  # no hub: nothing announces one
    result = ping(out, state)
    assert result.exit_code == 1
    assert "PULLMARKETING_WEBSUB_HUB" in result.output


def test_unreachable_hub_fails_clearly(site, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    write_firm_site(site)
    # A port nothing listens on: bind then close.
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    out = site.build(**SITE, PULLMARKETING_WEBSUB_HUB=f"http://127.0.0.1:{port}/")
    result = ping(out, tmp_path / "state.json", "--retries", "1")
    assert result.exit_code == 1
    assert "ConnectError" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
