"""Fetching the conversation of every copy into the committed file, against
loopback fakes of Mastodon, Bluesky, DEV and webmention.io."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from fakeapis import (
    ARTICLE_URL,
    BSKY_RKEY,
    DEV_ID,
    MASTODON_ID,
)

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.conversation import fetch, store
from pelican_pullmarketing.conversation.sources import Copy

SOURCE = "boiler-service.md"
COPIES = (
    Copy("mastodon", f"https://mastodon.example/@harbour/{MASTODON_ID}", MASTODON_ID),
    Copy(
        "bluesky", f"https://bsky.app/profile/harbourheating.example/post/{BSKY_RKEY}"
    ),
    Copy("devto", "https://dev.to/harbour/boiler-service-1abc", str(DEV_ID)),
    Copy("webmention", ARTICLE_URL),
)


def articles(copies=COPIES):
    return [fetch.ArticleRef(SOURCE, ARTICLE_URL, "Boiler service", tuple(copies))]


def run(fake, data, *, env=None, timeout=5.0, sleep=None, max_wait=60.0, copies=COPIES):
    waits = []
    http = fetch.make_http(
        timeout=timeout, sleep=sleep or waits.append, max_wait=max_wait
    )
    try:
        report = fetch.fetch_all(
            articles(copies),
            data,
            http,
            env or fake.env(),
            clock=lambda: "2024-03-08T00:00:00+00:00",
        )
    finally:
        http.close()
    report.waits = waits
    return report


def by_id(data):
    return {e["id"]: e for e in data["articles"][SOURCE]["entries"]}


def test_fetch_collects_every_platform_in_the_documented_shapes(fake_apis):
    data = store.empty()
    report = run(fake_apis, data)
    assert [o.status for o in report.outcomes] == ["ok"] * 4
    record = data["articles"][SOURCE]
    entries = by_id(data)
    alice = entries["mastodon:https://social.example/users/alice/statuses/2001"]
    assert alice["author"] == {
        "name": "Alice Moss",
        "url": "https://social.example/@alice",
    }
    assert alice["url"] == "https://social.example/@alice/2001"
    assert alice["in_reply_to"] is None and alice["kind"] == "reply"
    answer = entries["mastodon:https://mastodon.example/users/harbour/statuses/2002"]
    assert answer["in_reply_to"] == alice["id"]
    # Public replies only (the firm's own unlisted answer too): a stranger's
    # direct or unlisted message is not stored.
    assert not any("2004" in key or "2006" in key for key in entries)
    mastodon = record["copies"][COPIES[0].url]
    assert mastodon["counts"] == {"likes": 7, "replies": 4, "reposts": 2}
    assert mastodon["account"] == "https://mastodon.example/@harbour"
    # Bluesky: the handle resolved to a DID; not-found and blocked replies skipped.
    dan = entries["bluesky:at://did:plc:dan/app.bsky.feed.post/3kdan1"]
    assert dan["url"] == "https://bsky.app/profile/dan.bsky.social/post/3kdan1"
    assert dan["html"] == "<p>Great write-up.</p><p>Saved me a call-out fee &lt;3</p>"
    assert record["copies"][COPIES[1].url]["counts"] == {
        "likes": 11,
        "replies": 2,
        "reposts": 4,
    }
    # DEV: the deleted comment left out, its reply hangs from the comment above.
    assert entries["devto:1ce"]["in_reply_to"] == "devto:1cc"
    assert "devto:1cd" not in entries
    assert entries["devto:1cc"]["url"] == "https://dev.to/erinv/comment/1cc"
    assert record["copies"][COPIES[2].url]["counts"] == {"likes": 9, "replies": 2}
    # Webmentions: reply and like stored, the private one never.
    assert entries["webmention:900"]["kind"] == "reply"
    assert entries["webmention:901"]["kind"] == "like"
    assert entries["webmention:901"]["published"] == "2024-03-07T11:00:00+00:00"
    assert "webmention:902" not in entries
    # No avatar URL is kept anywhere.
    assert "files.example" not in json.dumps(data) and "cdn.bsky.app" not in json.dumps(
        data
    )


def test_two_fetches_in_a_row_give_the_same_file(fake_apis, tmp_path):
    path = tmp_path / "conversation.json"
    data = store.load(str(path))
    run(fake_apis, data)
    store.save(str(path), data)
    first = path.read_bytes()
    data = store.load(str(path))
    report = run(fake_apis, data)
    assert not report.changed
    store.save(str(path), data)
    assert path.read_bytes() == first


@pytest.mark.parametrize(
    "mode, where",
    [
        ("500", "/api/v1/statuses/"),
        ("429:3600", "/xrpc/app.bsky.feed.getPostThread"),
        ("hang:3", "/api/comments"),
    ],
)
def test_a_failing_platform_loses_nothing_and_is_reported(fake_apis, mode, where):
    data = store.empty()
    run(fake_apis, data)
    before = by_id(data)
    fake_apis.fail(where, mode)
    report = run(fake_apis, data, timeout=0.5)
    failed = [o for o in report.outcomes if o.failed]
    assert len(failed) == 1
    platform = {"500": "mastodon", "429": "bluesky", "hang": "devto"}[
        mode.split(":")[0]
    ]
    assert report.failed_platforms == [platform]
    assert by_id(data) == before  # nothing dropped, nothing marked removed
    copy = next(
        c
        for c in data["articles"][SOURCE]["copies"].values()
        if c["platform"] == platform
    )
    assert copy["status"] == "unavailable" and copy["note"]
    assert copy["counts"]  # the counts stored before are kept
    # The other platforms were fetched.
    assert sorted(o.platform for o in report.outcomes if o.status == "ok") == sorted(
        {"mastodon", "bluesky", "devto", "webmention"} - {platform}
    )


def test_a_short_retry_after_is_waited_for(fake_apis):
    data = store.empty()
    fake_apis.fail("/api/mentions.jf2", "429:2")
    report = run(fake_apis, data)
    assert report.waits == [2.0]
    assert not report.failed_platforms
    assert "webmention:900" in by_id(data)


def test_a_deleted_copy_keeps_its_replies_marked_gone(fake_apis):
    data = store.empty()
    run(fake_apis, data)
    fake_apis.fail(f"/api/v1/statuses/{MASTODON_ID}", "404")
    report = run(fake_apis, data)
    assert [o.status for o in report.outcomes if o.platform == "mastodon"] == ["gone"]
    assert report.failed_platforms == []
    copy = data["articles"][SOURCE]["copies"][COPIES[0].url]
    assert copy["status"] == "gone"
    assert sum(1 for e in by_id(data).values() if e["platform"] == "mastodon") == 4


def test_a_withdrawn_reply_is_kept_and_marked_removed(fake_apis):
    data = store.empty()
    run(fake_apis, data)
    fake_apis.mastodon["descendants"] = [
        s for s in fake_apis.mastodon["descendants"] if s["id"] != "2003"
    ]
    run(fake_apis, data)
    bob = by_id(data)["mastodon:https://social.example/users/bob/statuses/2003"]
    assert bob["removed"] is True
    assert bob["first_seen"] == "2024-03-08T00:00:00+00:00"


def test_tokens_are_sent_but_never_written_or_printed(fake_apis):
    data = store.empty()
    env = fake_apis.env(
        MASTODON_ACCESS_TOKEN="masto-secret-123", WEBMENTION_IO_TOKEN="wm-secret-456"
    )
    fake_apis.fail("/api/mentions.jf2", "500")
    report = run(fake_apis, data, env=env)
    seen = [r for r in fake_apis.requests if r["path"] == "/api/mentions.jf2"]
    assert seen[0]["query"]["token"] == ["wm-secret-456"]
    masto = [r for r in fake_apis.requests if r["path"].startswith("/api/v1/statuses/")]
    assert masto[0]["headers"]["authorization"] == "Bearer masto-secret-123"
    text = json.dumps(data) + repr(report.outcomes)
    assert "secret" not in text


def test_the_file_is_replaced_in_one_step(fake_apis, tmp_path, monkeypatch):
    path = tmp_path / "conversation.json"
    data = store.empty()
    run(fake_apis, data)
    store.save(str(path), data)
    first = path.read_bytes()
    data["articles"][SOURCE]["entries"].append({"id": "x:1", "kind": "reply"})

    def killed(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        store.save(str(path), data)
    assert path.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["conversation.json"]


def test_copies_come_from_the_state_file_and_syndication_metadata():
    published = {
        "entries": {
            "a.md#mastodon": {
                "source": "a.md",
                "target": "mastodon",
                "status": "published",
                "remote_id": "55",
                "url": "https://m.example/@firm/55",
            },
            "a.md#x": {
                "source": "a.md",
                "target": "x",
                "status": "published",
                "remote_id": "9",
                "url": "https://x.com/firm/status/9",
            },
            "a.md#devto": {"source": "a.md", "target": "devto", "status": "pending"},
            "b.md#bluesky": {
                "source": "b.md",
                "target": "bluesky",
                "status": "published",
                "remote_id": "at://did:plc:f/app.bsky.feed.post/1",
                "url": "https://bsky.app/profile/f/post/1",
            },
        }
    }
    copies = fetch.copies_of(
        "a.md",
        [
            "https://m.example/@firm/55",
            "https://bsky.app/profile/firm.example/post/3k",
            "https://dev.to/firm/a-post",
            "https://medium.com/@firm/a-post-123",
        ],
        published,
        {},
    )
    assert copies == [
        Copy("mastodon", "https://m.example/@firm/55", "55", ""),
        Copy("bluesky", "https://bsky.app/profile/firm.example/post/3k"),
        Copy("devto", "https://dev.to/firm/a-post"),
    ]


def _site(site, fake, tmp):
    site.article("boiler-service", "How often.", syndication=COPIES[1].url)
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        "PATH = 'content'\nOUTPUT_PATH = 'output'\nSITEURL = 'https://example.com'\n"
        "ARTICLE_URL = '{date:%Y}/{slug}/'\nARTICLE_SAVE_AS = '{date:%Y}/{slug}/index.html'\n"
        "PLUGINS = ['pelican_pullmarketing']\n"
        "PULLMARKETING_WEBMENTION_ENDPOINT = 'https://webmention.io/example.com/webmention'\n",
        encoding="utf-8",
    )
    (site.content / "crosspost-state.json").write_text(
        json.dumps(
            {
                "version": 1,
                "entries": {
                    "boiler-service.md#mastodon": {
                        "source": "boiler-service.md",
                        "target": "mastodon",
                        "status": "published",
                        "remote_id": MASTODON_ID,
                        "url": COPIES[0].url,
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    return conf


def test_the_command_fetches_the_site_and_names_a_failing_platform(
    site, quiet_pelican, fake_apis, monkeypatch
):
    conf = _site(site, fake_apis, site.root)
    for key, value in fake_apis.env(WEBMENTION_IO_TOKEN="wm-secret-456").items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(
        main, ["conversation", "fetch", "--settings", str(conf)]
    )
    assert result.exit_code == 0, result.output
    path = site.content / "conversation.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    record = data["articles"]["boiler-service.md"]
    assert record["url"] == ARTICLE_URL
    assert {c["platform"] for c in record["copies"].values()} == {
        "mastodon",
        "bluesky",
        "webmention",
    }
    first = path.read_bytes()

    fake_apis.fail("/xrpc/app.bsky.feed.getPostThread", "500")
    result = CliRunner().invoke(
        main, ["conversation", "fetch", "--settings", str(conf)]
    )
    assert result.exit_code == 1
    assert "failed: bluesky" in result.output
    assert "wm-secret" not in result.output
    after = json.loads(path.read_text(encoding="utf-8"))
    assert {e["id"] for e in after["articles"]["boiler-service.md"]["entries"]} == {
        e["id"] for e in record["entries"]
    }
    # Back to normal: the same file as the first fetch.
    result = CliRunner().invoke(
        main, ["conversation", "fetch", "--settings", str(conf)]
    )
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == first


def test_dry_run_sends_nothing_and_writes_nothing(
    site, quiet_pelican, fake_apis, monkeypatch
):
    conf = _site(site, fake_apis, site.root)
    for key, value in fake_apis.env().items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(
        main, ["conversation", "fetch", "--dry-run", "--settings", str(conf)]
    )
    assert result.exit_code == 0, result.output
    assert "would fetch" in result.output
    assert fake_apis.requests == []
    assert not (site.content / "conversation.json").exists()
