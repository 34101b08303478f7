"""The server, Lighthouse, the screenshots and the audit command itself."""

from __future__ import annotations

import gzip
import json
import textwrap
import urllib.request

from PIL import Image
from verify_support import (  # noqa: F401 - fixtures
    ROOT,
    browser,
    clean_site,
    page,
    require_binary,
    served,
    write,
)

from verify import audit, screenshots
from verify.lighthouse import check_lighthouse


def fetch(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_server_serves_folders_404_page_and_gzip(served):  # noqa: F811 - fixtures from verify_support
    folder, url = served
    clean_site(folder)
    write(
        folder,
        {"404.html": page("Not found", "<p>Gone</p>"), "feeds/all.atom": "<feed/>"},
    )

    status, headers, body = fetch(url + "/2024/post/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert b"<h1>Post</h1>" in gzip.decompress(body)
    status, _, body = fetch(url + "/nope/")
    assert status == 404 and b"<h1>Not found</h1>" in body
    _, headers, _ = fetch(url + "/feeds/all.atom")
    assert headers["Content-Type"].startswith("application/atom+xml")


def test_lighthouse_names_the_audits_that_cost_points(served):  # noqa: F811 - fixtures from verify_support
    require_binary(
        str(ROOT / "node_modules/.bin/lighthouse"), "Lighthouse", "npm", "npm ci"
    )
    require_binary("/usr/bin/chromium", "Chromium", "Lighthouse")
    folder, url = served
    clean_site(folder)
    bare = "<!doctype html><html><head><title>x</title></head><body><img src='/p.png'><a href='/'>click here</a></body></html>"
    write(folder, {"bare.html": bare, "p.png": b""})

    res = check_lighthouse(folder, url, {"bare": "bare.html"}, folder.parent / "lh")

    text = "\n".join(res.failures)
    for form_factor in ("mobile", "desktop"):  # phone and desktop settings
        assert f"bare.html (bare, {form_factor}): accessibility" in text
    assert "image-alt:" in text and "html-has-lang:" in text
    assert "meta-description:" in text
    assert (folder.parent / "lh" / "bare.json").is_file()
    desktop = json.loads((folder.parent / "lh" / "bare-desktop.json").read_text())
    assert desktop["configSettings"]["formFactor"] == "desktop"


def test_screenshots_cover_each_page_width_and_scheme(browser, served, tmp_path):  # noqa: F811 - fixtures from verify_support
    folder, url = served
    clean_site(folder)
    pages = {"home": "index.html", "article": "2024/post/index.html"}

    written = screenshots.take_screenshots(browser, url, pages, tmp_path / "shots")

    names = sorted(p.name for p in written)
    assert names == sorted(
        f"{p}-{w}-{s}.png"
        for p in pages
        for w in (390, 1280)
        for s in ("light", "dark")
    )
    home_dark = Image.open(tmp_path / "shots" / "home-390-dark.png")
    assert home_dark.width == 390 and home_dark.mode == "P"


def test_audit_fails_on_a_broken_link_and_writes_its_report(tmp_path, capsys):
    site_dir = tmp_path / "site"
    write(
        site_dir,
        {
            "pelicanconf.py": textwrap.dedent(
                """\
                import os
                SITENAME = "Tiny"
                SITEURL = os.environ["SITEURL"]
                PATH = "content"
                THEME = "simple"
                TIMEZONE = "UTC"
                DEFAULT_LANG = "en"
                PLUGINS = []
                FEED_ALL_ATOM = "feeds/all.atom.xml"
                CATEGORY_FEED_ATOM = None
                AUTHOR_FEED_ATOM = None
                AUTHOR_FEED_RSS = None
                """
            ),
            "content/post.md": "Title: Post\nDate: 2024-03-04\n\nSee [the guide]({filename}missing.md) and [home](/).\n",
        },
    )
    report_dir = tmp_path / "report"
    skip = ["html", "accessibility", "lighthouse", "budgets"]

    code = audit.main(
        [
            "--site",
            str(site_dir),
            "--settings",
            "pelicanconf.py",
            "--report-dir",
            str(report_dir),
        ]
        + [f"--skip={s}" for s in skip]
    )

    assert code == 1
    report = json.loads((report_dir / "report.json").read_text())
    checks = {c["name"]: c for c in report["checks"]}
    assert [
        checks[n]["status"] for n in ("build", "feeds", "links", "determinism")
    ] == ["PASS", "PASS", "FAIL", "PASS"]
    assert any(
        "unresolved Pelican reference {filename}" in f
        for f in checks["links"]["failures"]
    )
    out = capsys.readouterr().out
    assert "links            FAIL" in out and "audit FAILED" in out


def test_screenshots_go_to_a_build_folder_unless_asked_to_update_the_readme(tmp_path):
    assert (
        screenshots.parse_arguments([]).dest
        == screenshots.ROOT / "build" / "screenshots"
    )
    assert screenshots.parse_arguments(["--update"]).dest == screenshots.README_DEST
    assert screenshots.parse_arguments(["--dest", str(tmp_path)]).dest == tmp_path
    # every page the README shows, the subscribe and thank-you pages included
    assert {"subscribe", "thanks"} <= set(screenshots.PAGES)
