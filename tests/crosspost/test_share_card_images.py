"""Cross-posted copies carry the share card: DEV's main_image, Bluesky's
external-embed thumbnail (the card uploaded as a blob) and LinkedIn's article
thumbnail (the card uploaded through the Images API), all against the
loopback fakes."""

from __future__ import annotations

import json

from fakeplatforms import TARGETS
from test_publish import publish, read_state

from pelican_pullmarketing.crosspost.clients.linkedin import _same_service

PLUGINS = ["pelican_pullmarketing.crosspost", "pelican_pullmarketing.cards"]
CARD = "heat-pumps/share.png"
CARD_URL = "https://example.com/heat-pumps/share.png"


def build(site, **settings):
    site.article(
        "heat-pumps",
        "Heat pumps cost less than you think.",
        title="Heat pumps explained",
        tags="heat pumps",
        crosspost="devto, bluesky, linkedin, mastodon",
    )
    out = site.build(
        **{"PLUGINS": PLUGINS, "PULLMARKETING_CROSSPOST_TARGETS": TARGETS, **settings}
    )
    manifest = out / "crosspost" / "manifest.json"
    return out, str(manifest), str(site.content / "crosspost-state.json")


def entries(manifest):
    with open(manifest, encoding="utf-8") as fh:
        return {e["id"]: e for e in json.load(fh)["entries"]}


def test_the_manifest_names_the_card_for_each_platform_that_takes_an_image(
    site, quiet_pelican
):
    out, manifest, _ = build(site)
    assert (out / CARD).is_file()
    found = entries(manifest)
    assert found["heat-pumps.md#devto"]["payload"]["article"]["main_image"] == CARD_URL
    assert found["heat-pumps.md#bluesky"]["payload"]["thumb"] == {
        "url": CARD_URL,
        "path": CARD,
    }
    linkedin = found["heat-pumps.md#linkedin"]["payload"]
    assert linkedin["thumb"] == {"url": CARD_URL, "path": CARD}
    assert linkedin["content"]["article"]["title"] == "Heat pumps explained"
    assert "media" not in found["heat-pumps.md#mastodon"]["payload"]


def test_without_the_cards_feature_no_card_is_named(site, quiet_pelican):
    _, manifest, _ = build(site, PULLMARKETING_SHARE_CARDS=None)
    found = entries(manifest)
    assert "main_image" not in found["heat-pumps.md#devto"]["payload"]["article"]
    assert found["heat-pumps.md#bluesky"]["payload"]["thumb"] is None


def test_bluesky_and_linkedin_upload_the_cards_bytes(
    site, quiet_pelican, fake_platforms
):
    out, manifest, state = build(site)
    card = (out / CARD).read_bytes()
    outcomes = publish(fake_platforms, manifest, state)
    assert {o.status for o in outcomes.values()} == {"sent"}

    (blob,) = fake_platforms.sent("POST", "/xrpc/com.atproto.repo.uploadBlob")
    assert blob["raw"] == card
    assert blob["headers"]["content-type"] == "image/png"
    (record,) = fake_platforms.sent("POST", "/xrpc/com.atproto.repo.createRecord")
    external = record["json"]["record"]["embed"]["external"]
    assert external["thumb"]["size"] == len(card)
    assert external["title"] == "Heat pumps explained"
    assert external["description"]

    (init,) = fake_platforms.sent("POST", "/rest/images")
    assert init["path"] == "/rest/images?action=initializeUpload"
    assert init["json"] == {
        "initializeUploadRequest": {"owner": "urn:li:person:abc123"}
    }
    assert init["headers"]["authorization"] == "Bearer linkedin-secret"
    (upload,) = fake_platforms.sent("PUT", "/li-upload/1")
    assert upload["raw"] == card
    (post,) = fake_platforms.sent("POST", "/rest/posts")
    article = post["json"]["content"]["article"]
    assert article["thumbnail"] == "urn:li:image:C1"
    assert "thumb" not in post["json"]  # the manifest's note is not sent
    assert read_state(state)["heat-pumps.md#linkedin"]["status"] == "published"


def test_linkedin_posts_without_a_thumbnail_when_the_upload_fails(
    site, quiet_pelican, fake_platforms, caplog
):
    _, manifest, state = build(site)
    fake_platforms.queue("/rest/images", 500)
    outcomes = publish(fake_platforms, manifest, state, targets=("linkedin",))
    assert outcomes["heat-pumps.md#linkedin"].status == "sent"
    (post,) = fake_platforms.sent("POST", "/rest/posts")
    assert "thumbnail" not in post["json"]["content"]["article"]
    assert "LinkedIn thumbnail not uploaded" in caplog.text


def test_the_linkedin_token_goes_only_to_linkedin_or_the_api_in_use():
    base = "http://127.0.0.1:8000"
    assert _same_service(
        "https://www.linkedin.com/dms-uploads/x", "https://api.linkedin.com"
    )
    assert _same_service("http://127.0.0.1:8000/li-upload/0", base)
    assert not _same_service(
        "https://uploads.example.net/x", "https://api.linkedin.com"
    )
    assert not _same_service(
        "https://linkedin.com.evil.example/x", "https://api.linkedin.com"
    )


def test_mastodon_attaches_the_card_only_when_configured(
    site, quiet_pelican, fake_platforms
):
    targets = dict(TARGETS, mastodon={**TARGETS["mastodon"], "card_media": True})
    out, manifest, state = build(site, PULLMARKETING_CROSSPOST_TARGETS=targets)
    media = entries(manifest)["heat-pumps.md#mastodon"]["payload"]["media"]
    assert media == {
        "url": CARD_URL,
        "path": CARD,
        "description": "Heat pumps explained",
    }
    publish(fake_platforms, manifest, state, targets=("mastodon",))
    (upload,) = fake_platforms.sent("POST", "/api/v2/media")
    assert upload["headers"]["authorization"] == "Bearer mastodon-secret"
    assert upload["headers"]["content-type"].startswith("multipart/form-data")
    assert (out / CARD).read_bytes() in upload["raw"]
    assert (
        b'name="description"' in upload["raw"]
        and b"Heat pumps explained" in upload["raw"]
    )
    (status,) = fake_platforms.sent("POST", "/api/v1/statuses")
    assert status["json"]["media_ids"] == ["m1"]
    assert "media" not in status["json"]


def test_mastodon_without_the_option_sends_no_media(
    site, quiet_pelican, fake_platforms
):
    _, manifest, state = build(site)
    publish(fake_platforms, manifest, state, targets=("mastodon",))
    assert not fake_platforms.sent("POST", "/api/v2/media")
    (status,) = fake_platforms.sent("POST", "/api/v1/statuses")
    assert "media_ids" not in status["json"]
