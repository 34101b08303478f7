"""An article with a long thread stays valid HTML (Nu HTML Checker) and
accessible (axe-core in the system Chromium, light and dark), in the bundled
theme."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from pelican_pullmarketing import theme_path
from tests.conftest import skip_missing_tool
from verify.browser import CHROMIUM, chromium, viewport
from verify.site import SiteServer

PAGE = "2024/long-thread/index.html"


def long_thread(n: int = 60) -> dict:
    entries = []
    for i in range(n):
        firm = i % 5 == 4
        author = (
            {"name": "Harbour Heating", "url": "https://m.example/@harbour"}
            if firm
            else {"name": f"Reader Number {i}", "url": f"https://social.example/@r{i}"}
        )
        entries.append(
            {
                "id": f"mastodon:{i:03d}",
                "platform": ["mastodon", "bluesky", "devto"][i % 3],
                "kind": "reply",
                "copy": "https://m.example/@harbour/1",
                "url": f"https://social.example/@r{i}/{i}",
                "author": author,
                "published": f"2024-03-{1 + i // 3:02d}T{i % 24:02d}:00:00.000Z",
                "html": f'<p>Reply {i} with <a href="https://example.org/{i}" '
                'rel="nofollow ugc noopener">a link</a> and <em>emphasis</em>.</p>'
                "<p>Second paragraph<br>with a break.</p>",
                "in_reply_to": f"mastodon:{i - 1:03d}" if i % 2 else None,
            }
        )
    return {
        "version": 1,
        "articles": {
            "long-thread.md": {
                "url": "https://example.com/2024/long-thread/",
                "copies": {
                    "https://m.example/@harbour/1": {
                        "platform": "mastodon",
                        "url": "https://m.example/@harbour/1",
                        "account": "https://m.example/@harbour",
                        "counts": {"likes": 40, "replies": 60, "reposts": 9},
                        "status": "ok",
                    }
                },
                "entries": entries,
            }
        },
    }


@pytest.fixture
def built(site, quiet_pelican):
    (site.content / "conversation.json").write_text(json.dumps(long_thread()))
    site.article("long-thread", "A popular article.", title="A long thread")
    site.build(
        THEME=theme_path(),
        ARTICLE_URL="{date:%Y}/{slug}/",
        ARTICLE_SAVE_AS="{date:%Y}/{slug}/index.html",
        PULLMARKETING_WEBMENTION_ENDPOINT="https://webmention.io/example.com/webmention",
    )
    html = site.read(PAGE)
    assert html.count("p-comment h-cite") == 60
    return site.output


def test_a_long_thread_is_valid_html(built):
    if not shutil.which("java"):
        skip_missing_tool(
            "java",
            "the Nu HTML Checker needs a JRE",
            "apt-get install -y default-jre-headless",
        )
    from verify.html_check import run_vnu

    messages, raw = run_vnu([built / PAGE])
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert not errors, raw[:3000]


def test_a_long_thread_is_accessible(built):
    if not os.path.isfile(CHROMIUM) and not shutil.which("chromium"):
        skip_missing_tool("chromium", "axe runs in the system Chromium")
    from verify.a11y import axe_violations, format_violation

    failures = []
    with SiteServer(built) as server, chromium() as browser:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, **viewport(1280))
            tab = context.new_page()
            tab.goto(f"{server.url}/{PAGE}", wait_until="load")
            for violation in axe_violations(tab):
                failures += format_violation(scheme, violation)
            context.close()
    assert not failures, "\n".join(failures)
