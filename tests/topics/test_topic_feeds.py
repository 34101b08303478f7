"""Topic feeds as feed readers see them: well-formed, complete, absolute,
stable ids, deterministic bytes."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from topics_support import (
    ATOM,
    SITE,
    TOPICS,
    all_entry_ids,
    atom_ids,
    check_json_feed,
    feed_paths,
    parse_feed,
    parse_xml,
    urls_in_html,
    write_firm_site,
)

HUB = "https://hub.example/"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)$")
RFC822 = re.compile(r"^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$")


def build(site, **overrides):
    settings = {**SITE, "PULLMARKETING_WEBSUB_HUB": HUB, **overrides}
    return site.build(**settings)


def test_every_feed_parses_with_lxml_and_feedparser(site):
    write_firm_site(site)
    out = build(site)
    paths = feed_paths(out)
    assert len(paths) == 3 * len(TOPICS)
    for path in paths:
        if path.suffix == ".json":
            assert check_json_feed(path)["items"], path
        else:
            parse_xml(path)
            assert parse_feed(path).entries, path


def test_atom_has_every_required_element(site):
    write_firm_site(site)
    out = build(site)
    root = parse_xml(out / "topics/boilers/atom.xml")
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == "https://example.com/topics/boilers/atom.xml"
    assert links["alternate"] == "https://example.com/topics/boilers/"
    assert links["hub"] == HUB
    assert RFC3339.match(root.findtext(f"{ATOM}updated"))
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Heat pump grants",
        "Annual boiler service",
    ]
    for entry in entries:
        for name in ("id", "title", "updated", "published", "summary", "author"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert entry.find(f"{ATOM}content").get("type") == "html"
        assert entry.find(f"{ATOM}link").get("href").startswith("https://example.com/")
        for name in ("updated", "published"):
            assert RFC3339.match(entry.findtext(f"{ATOM}{name}"))
    service = entries[1]
    terms = [c.get("term") for c in service.findall(f"{ATOM}category")]
    assert terms == ["Boilers", "servicing", "safety"]


def test_updated_comes_from_modified_metadata(site):
    write_firm_site(site)
    out = build(site)
    root = parse_xml(out / "topics/heat-pumps/atom.xml")
    grants = next(
        e
        for e in root.iter(f"{ATOM}entry")
        if e.findtext(f"{ATOM}title") == "Heat pump grants"
    )
    # BST: Europe/London is UTC+1 in spring and summer.
    assert grants.findtext(f"{ATOM}published") == "2024-03-31T10:00:00+01:00"
    assert grants.findtext(f"{ATOM}updated") == "2024-06-02T08:30:00+01:00"
    assert root.findtext(f"{ATOM}updated") == "2024-06-02T08:30:00+01:00"
    items = json.loads((out / "topics/heat-pumps/feed.json").read_text())["items"]
    item = next(i for i in items if i["title"] == "Heat pump grants")
    assert item["date_modified"] == "2024-06-02T08:30:00+01:00"
    assert item["date_published"] == "2024-03-31T10:00:00+01:00"


def test_rss_guid_is_the_tag_id_and_not_a_permalink(site):
    write_firm_site(site)
    out = build(site)
    root = parse_xml(out / "topics/boilers/rss.xml")
    channel = root.find("channel")
    atom_links = {
        link.get("rel"): link.get("href") for link in channel.findall(f"{ATOM}link")
    }
    assert atom_links == {
        "self": "https://example.com/topics/boilers/rss.xml",
        "hub": HUB,
    }
    items = channel.findall("item")
    assert len(items) == 2
    ids = set(atom_ids(out / "topics/boilers/atom.xml").values())
    for item in items:
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false"
        assert guid.text in ids
        assert RFC822.match(item.findtext("pubDate"))
        assert item.findtext("link").startswith("https://example.com/")
    parsed = parse_feed(out / "topics/boilers/rss.xml")
    assert {e.id for e in parsed.entries} == ids


def test_json_feed_has_the_required_keys(site):
    write_firm_site(site)
    out = build(site)
    doc = json.loads((out / "topics/plumbing/feed.json").read_text(encoding="utf-8"))
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["title"].endswith("Plumbing")
    assert doc["home_page_url"] == "https://example.com/topics/plumbing/"
    assert doc["feed_url"] == "https://example.com/topics/plumbing/feed.json"
    assert doc["hubs"] == [{"type": "WebSub", "url": HUB}]
    (item,) = doc["items"]
    for key in (
        "id",
        "url",
        "title",
        "content_html",
        "summary",
        "date_published",
        "date_modified",
        "tags",
        "authors",
    ):
        assert key in item, key
    assert item["authors"] and all(a["name"] for a in item["authors"])
    assert item["tags"] == ["Plumbing"]
    assert RFC3339.match(item["date_published"])
    text = (out / "topics/plumbing/feed.json").read_text(encoding="utf-8")
    assert text == json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_every_url_in_feeds_is_absolute(site):
    write_firm_site(site)
    out = build(site)
    doc = json.loads((out / "topics/boilers/feed.json").read_text())
    service = next(i for i in doc["items"] if i["title"] == "Annual boiler service")
    assert 'src="https://example.com/images/boiler.png"' in service["content_html"]
    assert 'href="https://example.com/grants.html"' in service["content_html"]
    assert 'href="https://example.com/prices/"' in service["content_html"]
    checked = 0
    for path in feed_paths(out):
        raw = path.read_text(encoding="utf-8")
        assert "{filename}" not in raw and "{static}" not in raw, path
        if path.suffix == ".json":
            fragments = [i["content_html"] for i in json.loads(raw)["items"]]
        else:
            root = parse_xml(path)
            fragments = [
                el.text or ""
                for el in root.iter()
                if el.tag
                in (
                    f"{ATOM}content",
                    f"{ATOM}summary",
                    "description",
                    "{http://purl.org/rss/1.0/modules/content/}encoded",
                )
            ]
        for url in [u for f in fragments for u in urls_in_html(f)]:
            assert url.startswith("https://"), (path, url)
            checked += 1
    assert checked >= 3  # the service article's three links, at least


def test_drafts_hidden_and_noindex_documents_never_reach_a_feed(site):
    write_firm_site(site)
    out = build(site)
    for path in feed_paths(out):
        raw = path.read_text(encoding="utf-8")
        for slug in ("secret-draft", "hidden-offer", "thanks"):
            assert slug not in raw, (path, slug)


def test_entry_ids_survive_a_new_siteurl_a_new_slug_and_title(site):
    write_firm_site(site)
    first = all_entry_ids(build(site, SITEURL="https://example.com"))
    # Same source file: new slug and title, same date.
    path = site.content / "service.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Slug: service", "Slug: yearly-boiler-service").replace(
        "Title: Annual boiler service", "Title: Why service a boiler every year"
    )
    path.write_text(text, encoding="utf-8")
    second_out = build(
        site,
        SITEURL="https://www.newdomain.example/blog",
        ARTICLE_URL="posts/{slug}/",
        ARTICLE_SAVE_AS="posts/{slug}/index.html",
    )
    second = all_entry_ids(second_out)
    assert first == second
    assert (second_out / "posts/yearly-boiler-service/index.html").is_file()
    atom = (second_out / "topics/boilers/atom.xml").read_text()
    assert "https://www.newdomain.example/blog/posts/yearly-boiler-service/" in atom
    assert all(i.startswith("tag:firm.example,") for ids in first.values() for i in ids)


def test_ids_are_tag_uris_with_date_and_source_path(site):
    write_firm_site(site)
    out = build(site, PULLMARKETING_FEED_ID_AUTHORITY=None)
    ids = atom_ids(out / "topics/plumbing/atom.xml")
    # Default authority: SITEURL's host.
    assert ids == {"Leaks": "tag:example.com,2024-02-01:/leaks.md"}


def test_feed_id_metadata_overrides_the_entry_id(site):
    write_firm_site(site)
    site.article(
        "old-post",
        "Migrated from WordPress.",
        date="2020-05-05",
        category="Plumbing",
        feed_id="https://old.example/?p=42",
    )
    out = build(site)
    ids = atom_ids(out / "topics/plumbing/atom.xml")
    assert ids["Old Post"] == "https://old.example/?p=42"


def test_each_topic_feed_has_its_own_id(site):
    write_firm_site(site)
    out = build(site)
    feed_ids = [
        parse_xml(out / f"topics/{slug}/atom.xml").findtext(f"{ATOM}id")
        for slug in TOPICS
    ]
    assert len(set(feed_ids)) == len(TOPICS)
    assert all(i.startswith("tag:firm.example,2024:") for i in feed_ids)


def test_utm_parameters_go_on_links_never_on_ids(site):
    write_firm_site(site)
    utm = {"utm_source": "feed", "utm_medium": "{format}", "utm_campaign": "{topic}"}
    out = build(site, PULLMARKETING_FEED_UTM=utm)
    atom = parse_xml(out / "topics/plumbing/atom.xml")
    entry = atom.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == (
        "https://example.com/leaks.html?utm_source=feed&utm_medium=atom&utm_campaign=plumbing"
    )
    assert "utm_" not in entry.findtext(f"{ATOM}id")
    rss = parse_xml(out / "topics/plumbing/rss.xml").find("channel/item")
    assert rss.findtext("link").endswith("utm_medium=rss&utm_campaign=plumbing")
    assert "utm_" not in rss.findtext("guid")
    item = json.loads((out / "topics/plumbing/feed.json").read_text())["items"][0]
    assert item["url"].endswith("utm_medium=json&utm_campaign=plumbing")
    assert "utm_" not in item["id"]
    # Page links are not campaign-tagged.
    assert "utm_" not in (out / "topics/plumbing/index.html").read_text()


def test_max_items_keeps_the_newest_with_a_stable_order_for_ties(site):
    for n in range(6):
        site.article(f"post-{n}", date="2024-05-05 10:00", category="Plumbing")
    site.article("oldest", date="2023-01-01", category="Plumbing")
    out = site.build(PULLMARKETING_FEED_MAX_ITEMS=4)
    titles = [
        e.findtext(f"{ATOM}title")
        for e in parse_xml(out / "topics/plumbing/atom.xml").iter(f"{ATOM}entry")
    ]
    # Same date: ordered by source path.
    assert titles == ["Post 0", "Post 1", "Post 2", "Post 3"]


def test_a_format_can_be_switched_off(site):
    write_firm_site(site)
    out = build(
        site, PULLMARKETING_TOPIC_JSON_SAVE_AS="", PULLMARKETING_TOPIC_RSS_SAVE_AS=""
    )
    assert (out / "topics/boilers/atom.xml").is_file()
    assert not (out / "topics/boilers/feed.json").exists()
    assert not (out / "topics/boilers/rss.xml").exists()
    assert "feed.json" not in (out / "topics/boilers/index.html").read_text()


def test_two_builds_are_byte_identical(site, tmp_path):
    write_firm_site(site)
    out = build(site)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    out = build(site)
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    changed = [str(p) for p in first if first[p] != second[p]]
    assert changed == []
    assert any(str(p).startswith("topics/") for p in first)


def test_without_siteurl_the_build_still_writes_root_relative_feeds(site):
    write_firm_site(site)
    out = build(site, SITEURL="", RELATIVE_URLS=True)
    root = parse_xml(out / "topics/boilers/atom.xml")
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == "/topics/boilers/atom.xml"
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("/")
    content = json.loads((out / "topics/boilers/feed.json").read_text())["items"][1]
    assert 'src="/images/boiler.png"' in content["content_html"]
    # The authority of the ids was set, so they are the same as with SITEURL.
    assert entry.findtext(f"{ATOM}id").startswith("tag:firm.example,")
    parse_feed(out / "topics/boilers/atom.xml")
    assert datetime.fromisoformat(root.findtext(f"{ATOM}updated"))


def test_a_topic_without_articles_still_has_valid_feeds_and_hub(site):
    write_firm_site(site)
    topics = {**TOPICS, "solar": {"title": "Solar panels", "tags": ["photovoltaics"]}}
    out = build(site, PULLMARKETING_TOPICS=topics)
    atom = parse_xml(out / "topics/solar/atom.xml")
    assert atom.findall(f"{ATOM}entry") == []
    # Deterministic `updated`: the newest article of the site, not the clock.
    assert atom.findtext(f"{ATOM}updated") == "2024-04-05T12:00:00+01:00"
    assert not parse_feed(out / "topics/solar/rss.xml").entries
    assert check_json_feed(out / "topics/solar/feed.json")["items"] == []
    assert (
        "No articles on this topic yet" in (out / "topics/solar/index.html").read_text()
    )


@pytest.mark.parametrize("relative", [True, False])
@pytest.mark.parametrize("siteurl", ["https://example.com/blog", ""])
def test_links_in_entries_resolve_against_their_page(site, relative, siteurl):
    site.article(
        "grant",
        "The grant.",
        title="Grant",
        date="2024-02-01 10:00",
        category="Heat pumps",
    )
    site.article(
        "costs",
        "See [the grant]({filename}grant.md), [by its path](../../2024/grant/) "
        "and [our prices](../prices/).",
        title="Costs",
        date="2025-01-10 10:00",
        category="Heat pumps",
    )
    out = site.build(
        SITEURL=siteurl,
        RELATIVE_URLS=relative,
        ARTICLE_URL="{date:%Y}/{slug}/",
        ARTICLE_SAVE_AS="{date:%Y}/{slug}/index.html",
        PLUGINS=["pelican_pullmarketing.topics"],
    )
    feed = json.loads((out / "topics/heat-pumps/feed.json").read_text())
    (item,) = [i for i in feed["items"] if i["title"] == "Costs"]
    html = item["content_html"]
    assert f'href="{siteurl}/2024/grant/"' in html
    assert html.count(f'href="{siteurl}/2024/grant/"') == 2
    assert f'href="{siteurl}/2025/prices/"' in html
