"""Sending webmentions: endpoint discovery per the W3C spec's rules, once per
link, throttled per host, against a loopback fake of the linked sites."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.conversation import webmention

PAGES = {
    # path: (extra headers, HTML body)
    "/link-abs": (
        {"Link": '<{base}/endpoint/abs>; rel="webmention"'},
        '<link rel="webmention" href="/endpoint/not-this">',
    ),
    "/link-rel": ({"Link": '</endpoint/rel?version=1>; rel="webmention other"'}, ""),
    "/link-second": (
        {
            "Link": '<https://elsewhere.example/>; rel="other", </endpoint/second>; rel="webmention"'
        },
        "",
    ),
    "/html-link": (
        {},
        '<html><head><link rel="webmention" href="/endpoint/html"></head></html>',
    ),
    "/html-a": (
        {},
        '<p><a rel="nofollow webmention" href="endpoint/a">endpoint</a></p>',
    ),
    "/comment": (
        {},
        '<!-- <link rel="webmention" href="/endpoint/wrong"> -->'
        '<code>&lt;link rel="webmention" href="/endpoint/wrong"&gt;</code>'
        '<a rel="webmention">no href</a><link rel="webmention" href="/endpoint/after">',
    ),
    "/empty": ({}, '<link rel="webmention" href="">'),
    "/sub/page": ({}, '<link rel="webmention" href="endpoint">'),
    "/none": ({}, "<p>No endpoint here.</p>"),
    "/failing": ({}, '<link rel="webmention" href="/endpoint/broken">'),
}
EXPECTED = {
    "/link-abs": "/endpoint/abs",
    "/link-rel": "/endpoint/rel?version=1",
    "/link-second": "/endpoint/second",
    "/html-link": "/endpoint/html",
    "/html-a": "/endpoint/a",
    "/comment": "/endpoint/after",
    "/empty": "/empty",
    "/redirect": "/sub/endpoint",
    "/none": None,
}


class FakeWeb:
    def __init__(self):
        self.posts: list[dict] = []
        self.gets: list[str] = []
        self.server = None

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"


@pytest.fixture
def fake_web():
    fake = FakeWeb()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status, headers, body=b""):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            fake.gets.append(self.path)
            if self.path == "/redirect":
                return self._send(302, {"Location": "/sub/page"})
            page = PAGES.get(self.path)
            if page is None:
                return self._send(404, {"Content-Type": "text/plain"}, b"not found")
            headers = {k: v.format(base=fake.base) for k, v in page[0].items()}
            headers["Content-Type"] = "text/html; charset=utf-8"
            self._send(200, headers, page[1].encode())

        def do_POST(self):
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length).decode()
            fake.posts.append(
                {
                    "path": self.path,
                    "form": parse_qs(body),
                    "type": self.headers.get("content-type"),
                }
            )
            if self.path == "/endpoint/broken":
                return self._send(500, {})
            self._send(
                202 if self.path != "/endpoint/html" else 201,
                {"Location": f"{fake.base}/status/1"},
            )

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.server = server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield fake
    server.shutdown()
    server.server_close()


class FakeClock:
    def __init__(self):
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def throttle():
    clock = FakeClock()
    return webmention.Throttle(clock=clock.clock, sleep=clock.sleep), clock


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_discovery_follows_the_specs_order_and_resolution(fake_web, path):
    limiter, _ = throttle()
    with webmention.make_client(timeout=5) as client:
        found = webmention.discover(client, fake_web.base + path, limiter)
    expected = EXPECTED[path]
    assert found == (fake_web.base + expected if expected else None)


def test_link_header_parsing():
    parse = webmention.endpoint_from_link_headers
    assert parse(['<https://a.example/wm>; rel="webmention"']) == "https://a.example/wm"
    assert (
        parse(['<https://a.example/x>; rel="other"', "</wm>; rel=webmention"]) == "/wm"
    )
    assert parse(['<https://a.example/x>; rel="not-webmention"']) is None
    assert (
        parse(
            [
                '<https://a.example/x>; rel="other", <https://b.example/y>; title="webmention"'
            ]
        )
        is None
    )


def test_external_links_of_an_article():
    content = (
        '<p><a href="https://other.example/a#part">a</a> <a href="/local/">local</a> '
        '<a href="https://example.com/2024/x/">own</a> <a href="mailto:x@y.z">mail</a> '
        '<a href="https://other.example/a">again</a> <a href="http://third.example/">c</a>'
        # urllib refuses an unclosed IPv6 bracket: skipped, not a traceback.
        '<a href="http://[broken/">broken</a> <a href="//[x">x</a></p>'
    )
    assert webmention.external_links(
        content, "https://example.com/2024/post/", "example.com"
    ) == [
        "https://other.example/a",
        "http://third.example/",
    ]


def test_each_link_is_notified_once_and_a_changed_article_only_for_new_links(fake_web):
    source = "https://example.com/2024/post/"
    state = {"version": 1, "sent": {}}
    limiter, _ = throttle()
    targets = [fake_web.base + p for p in ("/link-abs", "/none", "/failing")]
    with webmention.make_client(timeout=5) as client:
        first = webmention.send_all(
            [(source, targets)], state, client, throttle=limiter, clock=lambda: "T"
        )
        assert [o.status for o in first] == ["sent", "no endpoint", "failed"]
        (post, broken) = fake_web.posts
        assert post["path"] == "/endpoint/abs"
        assert post["form"] == {"source": [source], "target": [targets[0]]}
        assert post["type"] == "application/x-www-form-urlencoded"
        assert state["sent"][source][targets[0]] == {
            "status": "sent",
            "at": "T",
            "endpoint": fake_web.base + "/endpoint/abs",
            "note": "HTTP 202",
        }
        # The article changes: one new link. Only it, and the failure, are tried.
        fake_web.posts.clear()
        targets.append(fake_web.base + "/html-a")
        again = webmention.send_all(
            [(source, targets)], state, client, throttle=limiter
        )
    assert [(o.target, o.status) for o in again] == [
        (targets[2], "failed"),
        (targets[3], "sent"),
    ]
    assert [p["path"] for p in fake_web.posts] == ["/endpoint/broken", "/endpoint/a"]


def test_no_more_than_one_request_per_host_per_second(fake_web):
    limiter, clock = throttle()
    state = {"version": 1, "sent": {}}
    targets = [fake_web.base + p for p in ("/html-link", "/html-a")]
    with webmention.make_client(timeout=5) as client:
        webmention.send_all(
            [("https://example.com/p/", targets)], state, client, throttle=limiter
        )
    # discovery, post, discovery, post: all on the same host, 1 s apart.
    assert clock.sleeps == [1.0, 1.0, 1.0]


def test_the_command_sends_from_the_published_site(site, quiet_pelican, fake_web):
    site.article(
        "boiler-service",
        f"See [the guide]({fake_web.base}/html-link) and [more]({fake_web.base}/none).",
    )
    conf = site.root / "publishconf.py"
    conf.write_text(
        "PATH = 'content'\nOUTPUT_PATH = 'output'\nSITEURL = 'https://example.com'\n"
        "PLUGINS = ['pelican_pullmarketing']\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["conversation", "send", "--settings", str(conf)])
    assert result.exit_code == 0, result.output
    state = json.loads((site.content / "webmention-state.json").read_text())
    (source,) = state["sent"]
    assert source == "https://example.com/boiler-service.html"
    assert {t: r["status"] for t, r in state["sent"][source].items()} == {
        fake_web.base + "/html-link": "sent",
        fake_web.base + "/none": "no endpoint",
    }
    posts = len(fake_web.posts)
    result = CliRunner().invoke(main, ["conversation", "send", "--settings", str(conf)])
    assert result.exit_code == 0
    assert "0 links to notify" in result.output
    assert len(fake_web.posts) == posts


def test_the_command_refuses_a_site_without_siteurl(site, quiet_pelican):
    site.article("x", "Text.")
    conf = site.root / "pelicanconf.py"
    conf.write_text("PATH = 'content'\nSITEURL = ''\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["conversation", "send", "--settings", str(conf)])
    assert result.exit_code == 1
    assert "SITEURL is empty" in result.output
    assert "Traceback" not in result.output
