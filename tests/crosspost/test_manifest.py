"""The manifest a build writes: targets, payload rules, UTM, determinism and
the errors for unknown targets."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fakeplatforms import PLUGINS, TARGETS, build_with_targets

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.errors import BuildFailed

BODY = """
Heat pumps in Bristol cost less than you think: café owners 👍🏽 save on bills.

See [our boiler guide]({filename}boiler-guide.md), the [price list](../prices/)
and [the government grant](https://www.gov.uk/boiler-upgrade-scheme).

![A heat pump outside a terraced house]({static}/images/heat-pump.jpg)

<img src="images/diagram.png" alt="diagram">

```markdown
[not a link](relative.md) ![nor this](img.png)
```

Use `[inline](code.md)` as is.

[grant-guide]: guides/grant.html
"""


def build(site, **settings):
    site.write("images/heat-pump.jpg", b"\xff\xd8\xff fake jpeg")
    site.article("boiler-guide", "How to look after a boiler.", tags="boilers")
    site.article(
        "heat-pumps-cost",
        BODY,
        title="Heat pumps: what they cost",
        tags="heat pumps, Bristol, grants, renewables, saving money",
        crosspost="all",
        image="{static}/images/heat-pump.jpg",
        description="What an air-source heat pump costs in Bristol, grant included.",
    )
    out = build_with_targets(site, **settings)
    return json.loads((out / "crosspost" / "manifest.json").read_text(encoding="utf-8"))


def by_target(manifest, source="heat-pumps-cost.md"):
    return {e["target"]: e for e in manifest["entries"] if e["source"] == source}


def test_one_entry_per_document_and_target_sorted(site, quiet_pelican):
    manifest = build(site)
    ids = [e["id"] for e in manifest["entries"]]
    assert ids == sorted(ids)
    assert set(by_target(manifest)) == set(TARGETS)
    assert all(
        not e["source"].startswith("boiler") for e in manifest["entries"]
    )  # opt-in
    for entry in manifest["entries"]:
        assert entry["canonical_url"] == "https://example.com/heat-pumps-cost.html"
        assert entry["content_hash"].startswith("sha256:")
        assert entry["mode"] == ("manual" if entry["target"] == "medium" else "api")
        assert entry["ok"], entry["checks"]


def test_devto_payload(site, quiet_pelican):
    art = by_target(build(site))["devto"]["payload"]["article"]
    body = art["body_markdown"]
    assert art["canonical_url"] == "https://example.com/heat-pumps-cost.html"
    assert art["title"] == "Heat pumps: what they cost"
    assert art["description"].startswith("What an air-source heat pump costs")
    assert art["series"] == "Heating guides"
    assert art["published"] is True
    assert art["main_image"] == "https://example.com/images/heat-pump.jpg"
    # at most 4, lower-case alphanumeric, target's default tags first
    assert art["tags"] == ["heating", "heatpumps", "bristol", "grants"]
    utm = "utm_source=devto&utm_medium=syndication&utm_campaign=crosspost"
    assert f"[our boiler guide](https://example.com/boiler-guide.html?{utm})" in body
    assert f"[price list](https://example.com/prices/?{utm})" in body
    assert "(https://www.gov.uk/boiler-upgrade-scheme)" in body  # not ours: untouched
    assert "](https://example.com/images/heat-pump.jpg)" in body  # images: no UTM
    assert 'src="https://example.com/images/diagram.png"' in body
    assert f"[grant-guide]: https://example.com/guides/grant.html?{utm}" in body
    # code is copied as written
    assert "[not a link](relative.md) ![nor this](img.png)" in body
    assert "`[inline](code.md)`" in body
    assert "Title:" not in body and "Crosspost:" not in body  # metadata header gone
    assert (
        f"(https://example.com/heat-pumps-cost.html?{utm})" in body
    )  # footer link back


def test_hashnode_and_medium_payloads(site, quiet_pelican):
    entries = by_target(build(site))
    hn = entries["hashnode"]["payload"]
    assert hn["publicationId"] == "pub123"
    assert hn["originalArticleURL"] == "https://example.com/heat-pumps-cost.html"
    assert {"slug": "heat-pumps", "name": "heat pumps"} in hn["tags"]
    assert len(hn["tags"]) <= 5
    assert (
        "https://example.com/boiler-guide.html?utm_source=hashnode"
        in hn["contentMarkdown"]
    )
    md = entries["medium"]
    assert md["mode"] == "manual"
    assert md["payload"]["import_url"] == "https://example.com/heat-pumps-cost.html"
    assert "utm_source=medium" in md["payload"]["markdown"]


def test_short_posts_keep_the_link_with_utm(site, quiet_pelican):
    entries = by_target(build(site))
    for name, field in (
        ("mastodon", "status"),
        ("x", "text"),
        ("linkedin", "commentary"),
    ):
        text = entries[name]["payload"][field]
        link = f"https://example.com/heat-pumps-cost.html?utm_source={name}&utm_medium=syndication&utm_campaign=crosspost"
        assert link in text, name
        assert "#HeatPumps" in text or name == "x"
    record = entries["bluesky"]["payload"]["record"]
    external = record["embed"]["external"]
    assert external["uri"].endswith(
        "utm_source=bluesky&utm_medium=syndication&utm_campaign=crosspost"
    )
    assert external["title"] == "Heat pumps: what they cost"
    assert entries["bluesky"]["payload"]["thumb"] == {
        "url": "https://example.com/images/heat-pump.jpg",
        "path": "images/heat-pump.jpg",
    }
    data = record["text"].encode()
    link = next(f for f in record["facets"] if "uri" in f["features"][0])
    assert (
        data[link["index"]["byteStart"] : link["index"]["byteEnd"]].decode()
        == external["uri"]
    )
    assert entries["linkedin"]["payload"]["author"] == "urn:li:person:abc123"
    assert "what they cost" in entries["linkedin"]["payload"]["commentary"]


def test_utm_setting_none_leaves_links_plain(site, quiet_pelican):
    entries = by_target(build(site, PULLMARKETING_CROSSPOST_UTM=None))
    assert (
        "https://example.com/heat-pumps-cost.html\n"
        in entries["mastodon"]["payload"]["status"] + "\n"
    )
    assert "utm_" not in json.dumps(entries)


def test_manifest_is_byte_identical_across_builds(site, quiet_pelican):
    build(site)
    first = site.read("crosspost/manifest.json")
    build(site)
    assert site.read("crosspost/manifest.json") == first


def test_default_targets_and_none(site, quiet_pelican):
    site.article("plain", "Plain text.")
    site.article("private", "Not for elsewhere.", crosspost="none")
    manifest = build(site, PULLMARKETING_CROSSPOST_DEFAULT=["mastodon"])
    assert [
        e["id"]
        for e in manifest["entries"]
        if e["source"] in ("plain.md", "private.md")
    ] == ["plain.md#mastodon"]


def test_unknown_target_in_metadata_names_file_and_target(site, quiet_pelican):
    bad = site.article("oops", "Text.", crosspost="devto, myspace")
    with pytest.raises(BuildFailed) as info:
        build(site)
    message = str(info.value)
    assert str(bad) in message and "myspace" in message and "crosspost" in message
    assert not (site.output / "crosspost" / "manifest.json").exists()


def test_target_not_configured_is_an_error(site, quiet_pelican):
    site.article("oops", "Text.", crosspost="x")
    with pytest.raises(BuildFailed) as info:
        build(site, PULLMARKETING_CROSSPOST_TARGETS={"devto": {}})
    assert "'x'" in str(info.value) and "configured: devto" in str(info.value)


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        ({"devto": {}, "friendster": {}}, "friendster"),
        ({"devto": {"tagz": ["a"]}}, "['devto']['tagz']: unknown option"),
        ({"mastodon": {}}, "['mastodon']['instance']: missing option"),
        ({"x": {"template": "{title} only"}}, "containing {url}"),
        ({"x": {"template": "{title} {url} {author}"}}, "unknown: author"),
        ({"linkedin": {"author": "me"}}, "urn:li:person"),
    ],
)
def test_bad_target_settings_stop_the_build(site, quiet_pelican, targets, expected):
    site.article("a", "Text.")
    with pytest.raises(BuildFailed) as info:
        site.build(PULLMARKETING_CROSSPOST_TARGETS=targets, PLUGINS=PLUGINS)
    assert expected in str(info.value)
    assert "PULLMARKETING_CROSSPOST_TARGETS" in str(info.value)


def test_empty_siteurl_marks_entries_unpublishable(site, quiet_pelican):
    manifest = build(site, SITEURL="")
    entry = by_target(manifest)["devto"]
    assert entry["ok"] is False
    failed = [c for c in entry["checks"] if not c["ok"]]
    assert any("SITEURL" in c["detail"] for c in failed)


def test_non_markdown_source_fails_the_article_check(site, quiet_pelican):
    site.write(
        "rst-post.rst",
        "Rst post\n########\n\n:date: 2024-03-04\n:category: News\n:crosspost: devto, x\n\nSome text.\n",
    )
    entries = by_target(build(site), "rst-post.rst")
    assert entries["devto"]["ok"] is False
    assert entries["x"]["ok"] is True


def test_bluesky_card_leaves_out_svg_images(site, quiet_pelican):
    site.write("images/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.article("svg-card", "Text.", crosspost="bluesky", image="images/logo.svg")
    entries = by_target(build(site), "svg-card.md")
    assert entries["bluesky"]["payload"]["thumb"] is None
    assert entries["bluesky"]["ok"]
    assert any(
        "card without image" in c["detail"] for c in entries["bluesky"]["checks"]
    )


def _write_conf(site, targets) -> str:
    conf = site.root / "pelicanconf.py"
    lines = [
        f"PATH = {str(site.content)!r}",
        "SITEURL = 'https://example.com'",
        "TIMEZONE = 'UTC'",
        f"PLUGINS = {PLUGINS!r}",
        f"PULLMARKETING_CROSSPOST_TARGETS = {targets!r}",
    ]
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(conf)


def test_pullmarketing_check_reports_unknown_targets(site):
    bad = site.article("oops", "Text.", crosspost="devto, myspace")
    conf = _write_conf(site, {"devto": {}})
    result = CliRunner().invoke(main, ["check", "--settings", conf])
    assert result.exit_code == 1
    assert f"{bad}: crosspost: unknown cross-posting target 'myspace'" in result.output


def test_pullmarketing_check_stops_on_bad_target_settings(site, caplog):
    site.article("fine", "Text.", crosspost="devto")
    conf = _write_conf(site, {"devto": {"tagz": []}})
    result = CliRunner().invoke(main, ["check", "--settings", conf])
    assert result.exit_code == 1
    # The settings are checked to the leaf before any document is read.
    assert "['devto']['tagz']: unknown option" in result.output
