"""IndexNow: the key file a build writes, and `pullmarketing indexnow ping`
against a loopback fake of the API (POST /indexnow with a JSON body of host,
key, keyLocation and urlList; 200/202 accepted, 403/422 refused, 429 and 5xx
retried), on a real built site."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.seo import indexnow

KEY = "a1b2c3d4e5f6a7b8c9d0"


class IndexNowFake:
    """Records each submission; ``answers`` is the list of status codes to
    answer next (then 200)."""

    def __init__(self):
        self.posts: list[dict] = []
        self.answers: list[int] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                fake.posts.append(
                    {"path": self.path, "type": self.headers["Content-Type"], **body}
                )
                code = fake.answers.pop(0) if fake.answers else 200
                payload = b""
                if code == 422:
                    payload = b'{"code":"InvalidRequestParameters"}'
                self.send_response(code)
                if code == 429:
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/indexnow"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def sent(self) -> list[str]:
        return sorted(u for p in self.posts for u in p["urlList"])


@pytest.fixture
def fake(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("PULLMARKETING_INDEXNOW_KEY", raising=False)
    server = IndexNowFake()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def write_blog(site, siteurl: str, endpoint: str) -> None:
    site.article("boiler", "Boiler text.", title="Boiler", date="2024-01-02 10:00")
    site.article("pump", "Pump text.", title="Pump", date="2024-01-03 10:00")
    site.page("about", "About us.", title="About")
    (site.root / "pelicanconf.py").write_text(
        f"PATH = {str(site.content)!r}\n"
        f"SITEURL = {siteurl!r}\nSITENAME = 'Firm'\nTIMEZONE = 'UTC'\n"
        f"PULLMARKETING_INDEXNOW_KEY = {KEY!r}\n"
        f"PULLMARKETING_INDEXNOW_ENDPOINT = {endpoint!r}\n",
        encoding="utf-8",
    )


def build(site, siteurl="https://example.com"):
    return site.build(SITEURL=siteurl, PULLMARKETING_INDEXNOW_KEY=KEY)


def ping(site, *extra):
    return CliRunner().invoke(
        main,
        [
            "indexnow",
            "ping",
            "--output",
            str(site.output),
            "--settings",
            str(site.root / "pelicanconf.py"),
            "--state",
            str(site.root / "state.json"),
            "--backoff",
            "0",
            *extra,
        ],
    )


def sitemap_urls(site) -> list[str]:
    return sorted(indexnow._locs(str(site.output / "sitemap.xml"))[0])


def test_the_build_writes_the_key_file_at_the_root(site):
    site.article("a", "Text.", title="A", date="2024-01-02 10:00")
    out = build(site)
    assert (out / f"{KEY}.txt").read_text(encoding="utf-8") == KEY


def test_no_key_no_file(site):
    site.article("a", "Text.", title="A", date="2024-01-02 10:00")
    out = site.build()
    assert sorted(p.name for p in out.glob("*.txt")) == ["robots.txt"]


def test_first_ping_sends_every_url_second_sends_nothing_an_edit_sends_what_changed(
    site, fake
):
    write_blog(site, "https://example.com", fake.url)
    build(site)
    first = ping(site)
    assert first.exit_code == 0, first.output
    assert fake.sent() == sitemap_urls(site)
    post = fake.posts[0]
    assert post["host"] == "example.com" and post["key"] == KEY
    assert "keyLocation" not in post  # the key file is at the host's root
    assert post["type"].startswith("application/json")

    fake.posts.clear()
    second = ping(site)
    assert second.exit_code == 0, second.output
    assert fake.posts == []
    assert "0 changed" in second.output

    site.article(
        "pump", "Pump text, now with prices.", title="Pump", date="2024-01-03 10:00"
    )
    build(site)
    third = ping(site)
    assert third.exit_code == 0, third.output
    sent = fake.sent()
    assert "https://example.com/pump.html" in sent
    assert "https://example.com/boiler.html" not in sent  # unchanged page
    assert "https://example.com/pages/about.html" not in sent
    # Every URL sent is one whose file changed: the article and the lists
    # that show its summary.
    assert set(sent) <= {"https://example.com/pump.html", "https://example.com/"} | {
        u
        for u in sitemap_urls(site)
        if "/category/" in u or "/tag" in u or "/author" in u
    }


def test_429_then_200_sends_once_and_records(site, fake):
    write_blog(site, "https://example.com", fake.url)
    build(site)
    fake.answers = [429]
    result = ping(site)
    assert result.exit_code == 0, result.output
    assert len(fake.posts) == 2  # the refused try and the accepted one
    fake.posts.clear()
    assert ping(site).exit_code == 0
    assert fake.posts == []  # recorded as sent: nothing again


def test_a_refusal_is_explained_and_nothing_recorded(site, fake):
    write_blog(site, "https://example.com", fake.url)
    build(site)
    fake.answers = [422]
    result = ping(site)
    assert result.exit_code == 1
    assert "422" in result.output and "not under the site's host" in result.output
    state = json.loads((site.root / "state.json").read_text())
    assert state["urls"] == {}
    fake.posts.clear()
    assert ping(site).exit_code == 0
    assert fake.sent() == sitemap_urls(site)  # all of them, since none was accepted


def test_403_says_the_key_file_was_not_found(site, fake):
    write_blog(site, "https://example.com", fake.url)
    build(site)
    fake.answers = [403]
    result = ping(site)
    assert result.exit_code == 1
    assert "key not valid" in result.output


def test_a_site_under_a_sub_path_names_its_key_location(site, fake):
    write_blog(site, "https://firm.github.io/blog", fake.url)
    build(site, "https://firm.github.io/blog")
    assert ping(site).exit_code == 0
    post = fake.posts[0]
    assert post["host"] == "firm.github.io"
    assert post["keyLocation"] == f"https://firm.github.io/blog/{KEY}.txt"
    assert all(u.startswith("https://firm.github.io/blog/") for u in post["urlList"])


def test_dry_run_sends_nothing_and_saves_nothing(site, fake):
    write_blog(site, "https://example.com", fake.url)
    build(site)
    result = ping(site, "--dry-run")
    assert result.exit_code == 0, result.output
    assert fake.posts == [] and not (site.root / "state.json").exists()
    assert "would submit" in result.output


def test_removed_pages_are_submitted_once_then_forgotten(site, fake):
    write_blog(site, "https://example.com", fake.url)
    build(site)
    assert ping(site).exit_code == 0
    (site.content / "pump.md").unlink()
    build(site)
    fake.posts.clear()
    assert ping(site).exit_code == 0
    assert "https://example.com/pump.html" in fake.sent()
    state = json.loads((site.root / "state.json").read_text())
    assert "https://example.com/pump.html" not in state["urls"]


def test_batches_stay_within_the_limit():
    pages = [indexnow.Page(f"https://example.com/{n}.html", "h") for n in range(25)]
    todo = indexnow.plan(pages, {"urls": {}})
    state = {"urls": {}}
    batches = indexnow.submit(
        todo,
        state,
        client=None,
        endpoint="http://127.0.0.1:9/",
        siteurl="https://example.com",
        key=KEY,
        dry_run=True,
        batch_size=10,
    )
    assert [len(b.urls) for b in batches] == [10, 10, 5]
    assert indexnow.MAX_URLS == 10_000


def test_missing_key_is_one_clear_line(site, fake):
    write_blog(site, "https://example.com", fake.url)
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        conf.read_text().replace(f"PULLMARKETING_INDEXNOW_KEY = {KEY!r}\n", "")
    )
    build(site)
    result = ping(site)
    assert result.exit_code == 1
    assert "PULLMARKETING_INDEXNOW_KEY" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("bad", ["short", "has space in it", "x" * 129, "ünïcode-key"])
def test_a_malformed_key_stops_the_build_naming_the_setting(site, bad):
    from pelican_pullmarketing.errors import BuildFailed

    site.article("a", "Text.", title="A", date="2024-01-02 10:00")
    with pytest.raises((BuildFailed, SystemExit)):
        site.build(PULLMARKETING_INDEXNOW_KEY=bad)


def test_key_command_makes_a_valid_key():
    result = CliRunner().invoke(main, ["indexnow", "key"])
    assert result.exit_code == 0
    assert indexnow.is_key(result.output.strip())
