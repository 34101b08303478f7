"""`pullmarketing conversation review`: exactly the replies that wait for an
answer from the firm."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.conversation import review, store

FIRM = "https://mastodon.example/@harbour"


def entry(
    eid,
    author_url,
    *,
    parent=None,
    kind="reply",
    platform="mastodon",
    when="2024-03-04T10:00:00Z",
    seen="2024-03-08T00:00:00+00:00",
    **extra,
):
    return {
        "id": eid,
        "platform": platform,
        "kind": kind,
        "copy": "c",
        "url": f"https://r.example/{eid}",
        "author": {"name": eid.upper(), "url": author_url},
        "published": when,
        "html": f"<p>text of {eid}</p>",
        "in_reply_to": parent,
        "first_seen": seen,
        **extra,
    }


def conversation() -> dict:
    data = store.empty()
    data["articles"]["a.md"] = {
        "url": "https://example.com/a/",
        "copies": {
            "https://mastodon.example/@harbour/1": {
                "platform": "mastodon",
                "account": FIRM,
                "counts": {},
                "status": "ok",
            }
        },
        "entries": [
            entry(
                "question", "https://social.example/@alice", when="2024-03-04T11:00:00Z"
            ),
            entry("answer", FIRM, parent="question", when="2024-03-04T12:00:00Z"),
            entry(
                "complaint", "https://social.example/@bob", when="2024-03-05T09:00:00Z"
            ),
            entry(
                "thanks",
                "https://social.example/@alice",
                parent="answer",
                when="2024-03-05T10:00:00Z",
            ),
            entry("spam", "https://spam.example/@x", when="2024-03-05T11:00:00Z"),
            entry("withdrawn", "https://social.example/@carol", removed=True),
            entry("like", "https://hal.example/", kind="like", platform="webmention"),
        ],
    }
    data["articles"]["b.md"] = {
        "url": "https://example.com/b/",
        "copies": {},
        "entries": [
            entry(
                "devq",
                "https://dev.to/erinv",
                platform="devto",
                when="2024-03-06T08:00:00Z",
            ),
            entry(
                "own",
                "https://example.com/notes/1",
                platform="webmention",
                when="2024-03-06T09:00:00Z",
            ),
            entry(
                "extra-firm-answer",
                "https://dev.to/harbour",
                parent="devq",
                platform="devto",
                when="2024-03-06T10:00:00Z",
                seen="2024-03-10T00:00:00+00:00",
            ),
        ],
    }
    return data


SETTINGS = {
    "SITEURL": "https://example.com",
    "PULLMARKETING_CONVERSATION_HIDE": ["https://spam.example/@x/"],
}


def ids(waiting):
    return [w.entry["id"] for w in waiting]


def test_review_lists_exactly_the_unanswered_replies_newest_first():
    assert ids(review.unanswered(conversation(), SETTINGS)) == [
        "extra-firm-answer",
        "devq",
        "thanks",
        "complaint",
    ]


def test_the_firms_other_accounts_answer_too():
    settings = dict(
        SETTINGS, PULLMARKETING_CONVERSATION_ACCOUNTS=["https://dev.to/harbour"]
    )
    assert ids(review.unanswered(conversation(), settings)) == ["thanks", "complaint"]


def test_only_replies_received_since_the_last_review():
    assert ids(
        review.unanswered(conversation(), SETTINGS, since="2024-03-09T00:00:00+00:00")
    ) == ["extra-firm-answer"]


def test_the_command_prints_json_and_records_the_review(site, tmp_path):
    path = site.content / "conversation.json"
    store.save(str(path), conversation())
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        "PATH = 'content'\nSITEURL = 'https://example.com'\nPLUGINS = ['pelican_pullmarketing']\n"
        "PULLMARKETING_CONVERSATION_HIDE = ['https://spam.example/@x']\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["conversation", "review", "--format", "json", "--settings", str(conf)]
    )
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [i["url"] for i in listed] == [
        f"https://r.example/{n}"
        for n in ("extra-firm-answer", "devq", "thanks", "complaint")
    ]
    assert listed[-1] == {
        "article": "a.md",
        "article_url": "https://example.com/a/",
        "platform": "mastodon",
        "url": "https://r.example/complaint",
        "author": "COMPLAINT",
        "author_url": "https://social.example/@bob",
        "published": "2024-03-05T09:00:00Z",
        "received": "2024-03-08T00:00:00+00:00",
        "text": "text of complaint",
    }
    assert json.loads(path.read_text())["reviewed_at"]
    again = CliRunner().invoke(
        main, ["conversation", "review", "--format", "json", "--settings", str(conf)]
    )
    assert json.loads(again.output) == []
    every = CliRunner().invoke(
        main, ["conversation", "review", "--all", "--settings", str(conf)]
    )
    assert "4 replies wait for an answer." in every.output
    assert "https://r.example/complaint" in every.output
