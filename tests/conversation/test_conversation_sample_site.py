"""The sample site's committed conversation: two articles with a question, a
complaint the firm answered and praise, one hidden spam reply."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from verify.site import SAMPLE_SITE, build_site

ARTICLES = (
    "2024/boiler-service-bristol/index.html",
    "2024/victorian-house-heat-pump/index.html",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_site(
        tmp_path_factory.mktemp("sample") / "out", "https://harbourheating.example"
    )


def blogposting(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(
        n for n in json.loads(block.group(1))["@graph"] if n["@type"] == "BlogPosting"
    )


def test_two_articles_show_their_thread_and_the_spam_is_hidden(built):
    stored = json.loads(
        (SAMPLE_SITE / "content" / "conversation.json").read_text(encoding="utf-8")
    )
    assert len(stored["articles"]) == 2
    boiler = (built.output / ARTICLES[0]).read_text(encoding="utf-8")
    assert "nobody turned up or called" in boiler  # the complaint
    assert (
        "that should not have happened and we are sorry" in boiler
    )  # the firm's answer
    assert "CHEAP BOILERS" not in boiler and "boilerdeals.example" not in boiler
    assert any(
        "boilerdeals.example" in e["url"]
        for e in stored["articles"]["articles/boiler-service-bristol.md"]["entries"]
    )
    assert (
        '<link rel="webmention" href="https://webmention.io/harbourheating.example/webmention">'
        in boiler
    )
    for page, replies in zip(ARTICLES, (6, 4), strict=True):
        html = (built.output / page).read_text(encoding="utf-8")
        node = blogposting(html)
        assert len(node["comment"]) == replies
        assert html.count('class="conversation__reply p-comment h-cite') == replies
        assert (
            "Reply on Mastodon" in html
            and "Reply on Bluesky" in html
            and "Reply on DEV" in html
        )


def test_review_of_the_sample_lists_the_replies_waiting(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "conversation",
            "review",
            "--all",
            "--keep",
            "--format",
            "json",
            "--settings",
            str(SAMPLE_SITE / "pelicanconf.py"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert [(i["author"], i["platform"]) for i in json.loads(result.output)] == [
        ("Łukasz Mazur", "devto"),
        ("Priya Natarajan", "devto"),
        ("Sarah Pike", "mastodon"),
        ("Megan Davies", "bluesky"),
    ]
