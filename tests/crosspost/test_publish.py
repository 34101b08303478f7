"""The publisher against loopback fake platforms: requests, idempotency,
updates, crash safety, rate limits, missing tokens, dry run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from click.testing import CliRunner
from fakeplatforms import PLUGINS, TARGETS, TOKENS, build_with_targets

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.crosspost.publish import Publisher

API_TARGETS = {"devto", "hashnode", "mastodon", "bluesky", "linkedin", "x"}


def build(
    site, *, heat_pumps_text="less than you think", boilers_meta=None, **settings
):
    site.write("images/card.png", b"\x89PNG fake image bytes")
    site.article(
        "heat-pumps",
        f"Heat pumps cost {heat_pumps_text}. See [boilers]({{filename}}boilers.md).",
        title="Heat pumps explained",
        tags="heat pumps",
        crosspost="all",
        image="images/card.png",
    )
    site.article(
        "boilers",
        "Service your boiler once a year.",
        title="Boiler servicing",
        date="2024-02-01",
        **{"crosspost": "devto, mastodon", **(boilers_meta or {})},
    )
    out = build_with_targets(site, **settings)
    return str(out / "crosspost" / "manifest.json"), str(
        site.content / "crosspost-state.json"
    )


def publish(fake, manifest, state, *, env=None, waits=None, **kw):
    publisher = Publisher(
        manifest,
        state,
        env=fake.env() if env is None else env,
        sleep=(waits if waits is not None else []).append,
    )
    try:
        steps = publisher.steps(
            kw.get("targets", ()),
            kw.get("only", ()),
            retry_pending=kw.get("retry_pending", False),
        )
        return {
            f"{o.source}#{o.target}": o for o in (publisher.run_step(s) for s in steps)
        }
    finally:
        publisher.close()


def read_state(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)["entries"]


def manifest_entries(path):
    with open(path, encoding="utf-8") as fh:
        return {e["id"]: e for e in json.load(fh)["entries"]}


def test_first_run_sends_each_payload_with_its_auth(
    site, quiet_pelican, fake_platforms
):
    manifest, state = build(site)
    outcomes = publish(fake_platforms, manifest, state)
    assert {k for k, o in outcomes.items() if o.status == "sent"} == {
        f"heat-pumps.md#{t}" for t in API_TARGETS
    } | {"boilers.md#devto", "boilers.md#mastodon"}
    assert outcomes["heat-pumps.md#medium"].status == "manual"
    entries = manifest_entries(manifest)
    sent = fake_platforms

    devto = sent.sent("POST", "/api/articles")
    assert len(devto) == 2
    assert all(r["headers"]["api-key"] == TOKENS["DEVTO_API_KEY"] for r in devto)
    assert devto[1]["json"] == entries["heat-pumps.md#devto"]["payload"]

    statuses = sent.sent("POST", "/api/v1/statuses")
    assert statuses[0]["headers"]["authorization"] == "Bearer mastodon-secret"
    assert statuses[0]["headers"]["idempotency-key"]
    (hashnode,) = sent.sent("POST", "/")
    assert hashnode["headers"]["authorization"] == "hashnode-secret"
    assert "publishPost" in hashnode["json"]["query"]
    assert (
        hashnode["json"]["variables"]["input"]
        == entries["heat-pumps.md#hashnode"]["payload"]
    )

    (linkedin,) = sent.sent("POST", "/rest/posts")
    assert linkedin["headers"]["authorization"] == "Bearer linkedin-secret"
    assert linkedin["headers"]["linkedin-version"] == "202501"
    assert linkedin["headers"]["x-restli-protocol-version"] == "2.0.0"
    (tweet,) = sent.sent("POST", "/2/tweets")
    assert tweet["json"] == entries["heat-pumps.md#x"]["payload"]

    (session,) = sent.sent("POST", "/xrpc/com.atproto.server.createSession")
    assert session["json"] == {
        "identifier": "firm.example",
        "password": "bsky-app-secret",
    }
    (blob,) = sent.sent("POST", "/xrpc/com.atproto.repo.uploadBlob")
    assert blob["raw"] == b"\x89PNG fake image bytes"  # read from the built output
    assert blob["headers"]["content-type"] == "image/png"
    (record,) = sent.sent("POST", "/xrpc/com.atproto.repo.createRecord")
    body = record["json"]
    assert body["repo"] == "did:plc:firm"
    assert body["record"]["embed"]["external"]["thumb"]["ref"] == {"$link": "bafk"}
    assert body["record"]["createdAt"].endswith("Z")
    assert (
        body["record"]["facets"]
        == entries["heat-pumps.md#bluesky"]["payload"]["record"]["facets"]
    )

    saved = read_state(state)
    assert saved["heat-pumps.md#devto"]["url"] == "https://dev.to/firm/a-2"
    bsky = saved["heat-pumps.md#bluesky"]
    assert bsky["remote_id"].startswith("at://did:plc:firm/app.bsky.feed.post/")
    rkey = bsky["remote_id"].rsplit("/", 1)[1]
    assert bsky["url"] == f"https://bsky.app/profile/firm.example/post/{rkey}"
    assert saved["heat-pumps.md#linkedin"]["url"].startswith(
        "https://www.linkedin.com/feed/update/urn:li:share:"
    )
    assert all(r["status"] == "published" for r in saved.values())
    with open(state, encoding="utf-8") as fh:
        text = fh.read()
    assert not any(secret in text for secret in TOKENS.values() if "." not in secret)


def test_second_run_sends_nothing(site, quiet_pelican, fake_platforms):
    manifest, state = build(site)
    publish(fake_platforms, manifest, state)
    before = len(fake_platforms.requests)
    outcomes = publish(fake_platforms, manifest, state)
    assert len(fake_platforms.requests) == before
    assert {o.status for o in outcomes.values()} == {"unchanged", "manual"}


def test_changed_article_is_updated_in_place_and_social_posts_are_not_reposted(
    site, quiet_pelican, fake_platforms
):
    manifest, state = build(site)
    publish(fake_platforms, manifest, state)
    writes_before = len(fake_platforms.writes())
    manifest, state = build(site, heat_pumps_text="even less now")
    outcomes = publish(fake_platforms, manifest, state)
    new = fake_platforms.writes()[writes_before:]
    assert [(r["method"], r["path"]) for r in new] == [
        ("PUT", "/api/articles/2"),
        ("POST", "/"),
    ]
    assert "even less" in new[0]["json"]["article"]["body_markdown"]
    assert "updatePost" in new[1]["json"]["query"]
    assert (
        new[1]["json"]["variables"]["input"]["id"]
        == read_state(state)["heat-pumps.md#hashnode"]["remote_id"]
    )
    assert fake_platforms.articles[2]["body_markdown"].startswith(
        "Heat pumps cost even less"
    )
    assert outcomes["heat-pumps.md#mastodon"].status == "unchanged"
    assert "never re-posted" in outcomes["heat-pumps.md#mastodon"].message
    saved = read_state(state)
    assert (
        saved["heat-pumps.md#devto"]["content_hash"]
        == manifest_entries(manifest)["heat-pumps.md#devto"]["content_hash"]
    )


def _crash_on(fake, path, nth, *, posted: bool):
    """Kill the publisher process when the nth request to ``path`` arrives;
    ``posted``: the platform created the post before the client died."""
    seen = {"n": 0}

    def hook(req):
        if req["path"].split("?")[0] != path or req["method"] != "POST":
            return None
        seen["n"] += 1
        if seen["n"] == nth:
            if posted:
                fake.answer(req)
            os.kill(fake.kill_pid, signal.SIGKILL)
            return "drop"
        return None

    fake.on_request = hook


def _run_cli_process(fake, manifest, state, *targets):
    env = {**os.environ, **fake.env()}
    args = [sys.executable, "-m", "pelican_pullmarketing.cli", "crosspost", "publish"]
    args += ["--manifest", manifest, "--state", state]
    for t in targets:
        args += ["--target", t]
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    fake.kill_pid = proc.pid
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out.decode() + err.decode()


def test_crash_after_the_platform_accepted_a_post_does_not_duplicate_it(
    site, quiet_pelican, fake_platforms
):
    manifest, state = build(site)
    # dev.to: the second article is created, then the publisher is killed
    # before it can record it.
    _crash_on(fake_platforms, "/api/articles", 2, posted=True)
    code, _ = _run_cli_process(fake_platforms, manifest, state, "devto")
    assert code == -signal.SIGKILL
    saved = read_state(state)
    assert [r["status"] for r in saved.values()].count("published") == 1
    assert [r["status"] for r in saved.values()].count("pending") == 1
    fake_platforms.on_request = None
    code, output = _run_cli_process(fake_platforms, manifest, state, "devto")
    assert code == 0, output
    assert len(fake_platforms.sent("POST", "/api/articles")) == 2
    assert len(fake_platforms.articles) == 2  # no duplicate
    canonicals = sorted(a["canonical_url"] for a in fake_platforms.articles.values())
    assert canonicals == [
        "https://example.com/boilers.html",
        "https://example.com/heat-pumps.html",
    ]
    saved = read_state(state)
    assert {r["status"] for r in saved.values()} == {"published"}
    assert "recovered" in output


def test_crash_before_the_platform_answered_mastodon_resends_safely(
    site, quiet_pelican, fake_platforms
):
    manifest, state = build(site)
    _crash_on(fake_platforms, "/api/v1/statuses", 2, posted=True)
    code, _ = _run_cli_process(fake_platforms, manifest, state, "mastodon")
    assert code == -signal.SIGKILL
    fake_platforms.on_request = None
    code, output = _run_cli_process(fake_platforms, manifest, state, "mastodon")
    assert code == 0, output
    # resent with the same Idempotency-Key: the instance answers the first status
    assert len(fake_platforms.posts) == 2
    keys = [
        r["headers"]["idempotency-key"]
        for r in fake_platforms.sent("POST", "/api/v1/statuses")
    ]
    assert len(keys) == 3 and keys[1] == keys[2]
    assert {r["status"] for r in read_state(state).values()} == {"published"}


def test_pending_post_on_a_platform_that_cannot_tell_waits_for_the_owner(
    site, quiet_pelican, fake_platforms
):
    manifest, state = build(site)
    with open(state, "w", encoding="utf-8") as fh:
        json.dump(
            {
                "version": 1,
                "entries": {
                    "heat-pumps.md#x": {
                        "source": "heat-pumps.md",
                        "target": "x",
                        "status": "pending",
                    }
                },
            },
            fh,
        )
    outcomes = publish(fake_platforms, manifest, state, targets=["x"])
    assert outcomes["heat-pumps.md#x"].status == "failed"
    assert "--retry-pending" in outcomes["heat-pumps.md#x"].message
    assert fake_platforms.sent("POST", "/2/tweets") == []
    outcomes = publish(
        fake_platforms, manifest, state, targets=["x"], retry_pending=True
    )
    assert outcomes["heat-pumps.md#x"].status == "sent"
    assert len(fake_platforms.sent("POST", "/2/tweets")) == 1


def test_rate_limit_is_honoured_and_bounded(site, quiet_pelican, fake_platforms):
    manifest, state = build(site)
    fake_platforms.queue("/api/articles", 429, {"Retry-After": "7"})
    fake_platforms.queue("/api/articles", 429, {"Retry-After": "3"})
    fake_platforms.queue("/2/tweets", 429, {"Retry-After": "3600"})
    waits: list[float] = []
    outcomes = publish(fake_platforms, manifest, state, waits=waits)
    assert waits == [7.0, 3.0]
    assert outcomes["boilers.md#devto"].status == "sent"
    assert len(fake_platforms.articles) == 2
    assert len(fake_platforms.sent("POST", "/api/articles")) == 4
    # X asks for an hour: this run gives up on that entry, the others go on
    assert outcomes["heat-pumps.md#x"].status == "failed"
    assert "3600" in outcomes["heat-pumps.md#x"].message
    assert outcomes["heat-pumps.md#linkedin"].status == "sent"
    assert "heat-pumps.md#x" not in read_state(state)  # free to retry next run


def test_one_failure_does_not_stop_the_others_and_exits_non_zero(
    site, quiet_pelican, fake_platforms, monkeypatch
):
    manifest, state = build(site)
    fake_platforms.queue("/rest/posts", 422)
    for key, value in fake_platforms.env().items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(
        main, ["crosspost", "publish", "--manifest", manifest, "--state", state]
    )
    assert result.exit_code == 1
    assert "HTTP 422" in result.output
    saved = read_state(state)
    assert "heat-pumps.md#linkedin" not in saved
    assert saved["heat-pumps.md#x"]["status"] == "published"
    assert len(saved) == 7  # 8 API entries, LinkedIn failed


def test_missing_token_skips_the_target_with_a_clear_line(
    site, quiet_pelican, fake_platforms, monkeypatch
):
    manifest, state = build(site)
    env = fake_platforms.env()
    del env["DEVTO_API_KEY"], env["BLUESKY_APP_PASSWORD"]
    for key in TOKENS:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(
        main, ["crosspost", "publish", "--manifest", manifest, "--state", state]
    )
    assert result.exit_code == 0, result.output
    assert (
        "skip heat-pumps.md#devto: no token: set DEVTO_API_KEY to publish"
        in result.output
    )
    assert "no token: set BLUESKY_APP_PASSWORD" in result.output
    assert fake_platforms.sent(path="/api/articles") == []
    assert fake_platforms.sent(path="/xrpc/com.atproto.server.createSession") == []
    assert "heat-pumps.md#mastodon" in read_state(state)
    for secret in ("mastodon-secret", "linkedin-secret", "x-secret", "hashnode-secret"):
        assert secret not in result.output


def test_dry_run_makes_no_network_call_and_writes_nothing(
    site, quiet_pelican, fake_platforms, monkeypatch
):
    manifest, state = build(site)
    for key, value in fake_platforms.env().items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(
        main,
        ["crosspost", "publish", "--manifest", manifest, "--state", state, "--dry-run"],
    )
    assert result.exit_code == 0, result.output
    assert fake_platforms.requests == []
    assert not os.path.exists(state)
    assert "would create heat-pumps.md#devto" in result.output
    assert '"canonical_url": "https://example.com/heat-pumps.html"' in result.output
    assert "dry run: nothing sent" in result.output


def test_target_and_only_filters(site, quiet_pelican, fake_platforms):
    manifest, state = build(site)
    outcomes = publish(
        fake_platforms, manifest, state, targets=["devto"], only=["boilers.md"]
    )
    assert list(outcomes) == ["boilers.md#devto"]
    assert len(fake_platforms.writes()) == 1


def test_syndication_links_after_a_rebuild(
    site, quiet_pelican, fake_platforms, tmp_path
):
    templates = tmp_path / "overrides"
    templates.mkdir()
    (templates / "article.html").write_text(
        "{% for s in article.pm_syndication %}"
        '<a class="u-syndication" rel="syndication" href="{{ s.url }}">{{ s.name }}</a>\n'
        "{% endfor %}",
        encoding="utf-8",
    )
    overrides = {"THEME_TEMPLATES_OVERRIDES": [str(templates)]}
    manifest, state = build(site, **overrides)
    assert 'class="u-syndication"' not in site.read("heat-pumps.html")
    publish(fake_platforms, manifest, state, targets=["devto", "mastodon"])
    build(
        site,
        boilers_meta={"syndication": "https://medium.com/@firm/boiler-servicing-123"},
        **overrides,
    )
    html = site.read("boilers.html")
    saved = read_state(state)
    assert html.splitlines() == [
        '<a class="u-syndication" rel="syndication" href="https://medium.com/@firm/boiler-servicing-123">Medium</a>',
        f'<a class="u-syndication" rel="syndication" href="{saved["boilers.md#devto"]["url"]}">DEV</a>',
        f'<a class="u-syndication" rel="syndication" href="{saved["boilers.md#mastodon"]["url"]}">Mastodon</a>',
    ]
    assert "DEV" in site.read("heat-pumps.html")


def test_bundled_theme_shows_also_published_on(site, quiet_pelican, fake_platforms):
    import pelican_pullmarketing

    theme = {"THEME": pelican_pullmarketing.theme_path()}
    manifest, state = build(site, **theme)
    publish(fake_platforms, manifest, state, targets=["devto"])
    build(site, **theme)
    html = site.read("boilers.html")
    url = read_state(state)["boilers.md#devto"]["url"]
    assert f'<a class="u-syndication" rel="syndication" href="{url}">DEV</a>' in html


def test_publish_finds_manifest_and_state_from_the_settings_file(
    site, quiet_pelican, fake_platforms, monkeypatch
):
    manifest, state = build(site)
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        f"PATH = 'content'\nOUTPUT_PATH = 'output'\nSITEURL = 'https://example.com'\n"
        f"PLUGINS = {PLUGINS!r}\nPULLMARKETING_CROSSPOST_TARGETS = {TARGETS!r}\n",
        encoding="utf-8",
    )
    for key, value in fake_platforms.env().items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(
        main, ["crosspost", "publish", "--settings", str(conf), "--target", "x"]
    )
    assert result.exit_code == 0, result.output
    assert list(read_state(state)) == ["heat-pumps.md#x"]
    assert os.path.samefile(state, site.content / "crosspost-state.json")


def test_x_signs_with_oauth1_keys_when_given(site, quiet_pelican, fake_platforms):
    manifest, state = build(site)
    env = fake_platforms.env(
        X_CONSUMER_KEY="ck",
        X_CONSUMER_SECRET="consumer-secret-value",
        X_ACCESS_TOKEN_SECRET="token-secret-value",
    )
    publish(fake_platforms, manifest, state, env=env, targets=["x"])
    (tweet,) = fake_platforms.sent("POST", "/2/tweets")
    auth = tweet["headers"]["authorization"]
    assert auth.startswith("OAuth ")
    assert 'oauth_consumer_key="ck"' in auth and 'oauth_token="x-secret"' in auth
    # The secrets sign the request; neither is sent. (Distinctive values: a
    # random base64 signature may well contain a two-letter secret.)
    assert "oauth_signature=" in auth
    assert "secret-value" not in auth and "secret-value" not in str(tweet)


def test_oauth1_signature_matches_the_published_example():
    from pelican_pullmarketing.crosspost.clients.x import oauth1_header

    # The worked example of X's (Twitter's) "Creating a signature" documentation.
    header = oauth1_header(
        "POST",
        "https://api.twitter.com/1.1/statuses/update.json",
        consumer_key="xvz1evFS4wEEPTGEFPHBog",
        consumer_secret="kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        token_secret="LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
        params={
            "include_entities": "true",
            "status": "Hello Ladies + Gentlemen, a signed OAuth request!",
        },
        nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        timestamp="1318622958",
    )
    assert 'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"' in header


def test_copies_listed_in_syndication_metadata_are_not_posted_again(
    site, quiet_pelican, fake_platforms
):
    manifest, state = build(
        site,
        boilers_meta={
            "crosspost": "devto, medium",
            "syndication": "https://medium.com/@firm/boilers-1, https://dev.to/firm/boilers",
        },
    )
    outcomes = publish(fake_platforms, manifest, state, only=["content/boilers.md"])
    assert {k: (o.status, o.url) for k, o in outcomes.items()} == {
        "boilers.md#devto": ("unchanged", "https://dev.to/firm/boilers"),
        "boilers.md#medium": ("unchanged", "https://medium.com/@firm/boilers-1"),
    }
    assert fake_platforms.requests == []


def test_a_preview_build_never_overwrites_published_articles(
    site, quiet_pelican, fake_platforms
):
    manifest, state = build(site)
    publish(fake_platforms, manifest, state, targets=["devto"])
    writes = len(fake_platforms.writes())
    manifest, state = build(site, SITEURL="")  # relative links: checks fail
    outcomes = publish(fake_platforms, manifest, state, targets=["devto"])
    assert len(fake_platforms.writes()) == writes
    assert outcomes["boilers.md#devto"].status == "failed"
    assert "SITEURL" in outcomes["boilers.md#devto"].message


def test_update_without_token_is_skipped_not_failed(
    site, quiet_pelican, fake_platforms
):
    manifest, state = build(site)
    publish(fake_platforms, manifest, state, targets=["devto"])
    manifest, state = build(site, heat_pumps_text="more now")
    env = fake_platforms.env()
    del env["DEVTO_API_KEY"]
    outcomes = publish(fake_platforms, manifest, state, env=env, targets=["devto"])
    assert outcomes["heat-pumps.md#devto"].status == "skipped"
    assert "DEVTO_API_KEY" in outcomes["heat-pumps.md#devto"].message


def test_api_base_option_is_used_and_the_environment_wins(
    site, quiet_pelican, fake_platforms
):
    targets = {**TARGETS, "devto": {"api_base": fake_platforms.base}}
    manifest, state = build(site, PULLMARKETING_CROSSPOST_TARGETS=targets)
    env = fake_platforms.env()
    del env["DEVTO_API_BASE"]
    publish(fake_platforms, manifest, state, env=env, targets=["devto"])
    assert len(fake_platforms.sent("POST", "/api/articles")) == 2
    # the environment variable overrides the option: nothing listens there
    manifest, state = build(
        site, heat_pumps_text="changed", PULLMARKETING_CROSSPOST_TARGETS=targets
    )
    env["DEVTO_API_BASE"] = "http://127.0.0.1:9"
    outcomes = publish(fake_platforms, manifest, state, env=env, targets=["devto"])
    assert outcomes["heat-pumps.md#devto"].status == "failed"
    assert "127.0.0.1:9" in outcomes["heat-pumps.md#devto"].message
    assert fake_platforms.sent("PUT") == []
