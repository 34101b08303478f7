"""Hub pages, the subscribe page and the OPML list, in Pelican's stock themes."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from lxml import etree, html
from topics_support import SITE, TOPICS, internal_links, resolve, write_firm_site

SITEURL = "https://example.com"


def test_hub_pages_are_paginated_like_pelican_indexes(site):
    for n in range(5):
        site.article(f"fix-{n}", date=f"2024-01-0{n + 1}", category="Plumbing")
    out = site.build(**SITE, DEFAULT_PAGINATION=2)
    pages = [out / "topics/plumbing/index.html"] + [
        out / f"topics/plumbing/index{n}.html" for n in (2, 3)
    ]
    assert all(p.is_file() for p in pages)
    assert not (out / "topics/plumbing/index4.html").exists()
    seen = []
    for page in pages:
        tree = html.fromstring(page.read_bytes())
        seen += [a.text for a in tree.xpath("//ol[@class='pm-topic-articles']//h3/a")]
    assert seen == [f"Fix {n}" for n in (4, 3, 2, 1, 0)]  # newest first
    first = pages[0].read_text(encoding="utf-8")
    assert 'href="https://example.com/topics/plumbing/index2.html" rel="next"' in first


def test_hub_page_shows_title_description_intro_related_and_subscribe(site):
    write_firm_site(site)
    out = site.build(**SITE)
    tree = html.fromstring((out / "topics/boilers/index.html").read_bytes())
    assert (
        tree.xpath("string(//section[@id='content']//h1)") == TOPICS["boilers"]["title"]
    )
    assert TOPICS["boilers"]["description"] in tree.text_content()
    intro_link = tree.xpath("//div[@class='pm-topic-intro']//a/@href")
    assert intro_link == ["https://example.com/service.html"]
    titles = tree.xpath("//ol[@class='pm-topic-articles']//h3/a/text()")
    assert titles == ["Heat pump grants", "Annual boiler service"]
    related = tree.xpath("//section[@class='pm-topic-related']//a/text()")
    assert related == ["Heat pumps"]  # shares the grants article
    readers = tree.xpath("//ul[@class='pm-readers']//a/@href")
    feed = quote("https://example.com/topics/boilers/atom.xml", safe="")
    assert f"https://feedly.com/i/subscription/feed/{feed}" in readers
    assert f"https://blogtrottr.com/?subscribe={feed}" in readers
    alternates = tree.xpath("//head/link[@rel='alternate']/@title")
    assert {"Boilers and servicing (Atom)", "Boilers and servicing (RSS)"} <= set(
        alternates
    )


@pytest.mark.parametrize("theme", ["notmyidea", "simple"])
def test_every_link_of_hub_and_subscribe_pages_resolves(site, theme):
    write_firm_site(site)
    out = site.build(**SITE, THEME=theme, FEED_ALL_ATOM="feeds/all.atom.xml")
    pages = [out / "subscribe/index.html"] + [
        out / f"topics/{slug}/index.html" for slug in TOPICS
    ]
    checked = 0
    for page in pages:
        for link in internal_links(page, SITEURL):
            target = resolve(out, page, link, SITEURL)
            assert target.is_file(), f"{page.relative_to(out)}: {link} -> {target}"
            checked += 1
    assert checked > 6 * len(pages)


def test_links_resolve_with_relative_urls_and_no_siteurl(site):
    write_firm_site(site)
    out = site.build(**SITE, SITEURL="", RELATIVE_URLS=True, DEFAULT_PAGINATION=1)
    pages = [out / "subscribe/index.html", out / "topics/boilers/index2.html"]
    for page in pages:
        ours = "//section[@id='content']"  # the theme's own links are the theme's
        links = internal_links(page, "https://nowhere.invalid", ours)
        assert links
        for link in links:
            assert not link.startswith("/"), link  # relative, works from a folder
            assert resolve(out, page, unquote(link), "").is_file(), (page, link)
    # No absolute feed address: no reader buttons that could not work.
    assert "feedly.com" not in (out / "subscribe/index.html").read_text()


def test_subscribe_page_lists_every_topic_with_feeds_and_readers(site):
    write_firm_site(site)
    out = site.build(**SITE)
    tree = html.fromstring((out / "subscribe/index.html").read_bytes())
    sections = tree.xpath("//section[@class='pm-subscribe-topic']")
    assert [s.xpath("string(h2)") for s in sections] == [
        t["title"] for t in TOPICS.values()
    ]
    for section, slug in zip(sections, TOPICS, strict=True):
        hrefs = section.xpath(".//a/@href")
        for fmt in ("atom.xml", "rss.xml", "feed.json"):
            assert f"{SITEURL}/topics/{slug}/{fmt}" in hrefs
        feed = quote(f"{SITEURL}/topics/{slug}/atom.xml", safe="")
        for reader in (
            f"https://feedly.com/i/subscription/feed/{feed}",
            f"https://www.inoreader.com/?add_feed={feed}",
            f"https://www.newsblur.com/?url={feed}",
            f"https://theoldreader.com/feeds/subscribe?url={feed}",
        ):
            assert reader in hrefs
    text = tree.text_content()
    assert "feed reader" in text and "unsubscribe" in text
    assert f"{SITEURL}/subscribe/topics.opml" in tree.xpath("//a/@href")


def test_email_by_feed_service_is_configurable(site):
    write_firm_site(site)
    out = site.build(
        **SITE, PULLMARKETING_EMAIL_BY_FEED_URL="https://follow.it/?url={feed}"
    )
    page = (out / "subscribe/index.html").read_text(encoding="utf-8")
    assert "https://follow.it/?url=https%3A%2F%2Fexample.com%2Ftopics%2F" in page
    assert "blogtrottr" not in page
    out = site.build(**SITE, PULLMARKETING_EMAIL_BY_FEED_URL=None)
    assert "blogtrottr" not in (out / "subscribe/index.html").read_text()


def test_opml_is_valid_opml_2_with_every_topic(site):
    write_firm_site(site)
    out = site.build(**SITE)
    root = etree.fromstring((out / "subscribe/topics.opml").read_bytes())
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title")
    outlines = root.findall("body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [
        f"{SITEURL}/topics/{slug}/atom.xml" for slug in TOPICS
    ]
    for outline, slug in zip(outlines, TOPICS, strict=True):
        assert outline.get("type") == "rss"
        assert outline.get("text").endswith(TOPICS[slug]["title"])
        assert outline.get("htmlUrl") == f"{SITEURL}/topics/{slug}/"


def test_without_topics_setting_each_category_is_a_topic(site):
    site.article("a", category="Boilers")
    site.article("b", category="Heat pumps")
    site.article("c", category="Heat pumps", status="draft")
    out = site.build()
    # The category page is the topic's page: no second page of the same list.
    assert not (out / "topics/boilers/index.html").exists()
    assert (out / "category/boilers.html").is_file()
    # The blog writes no category feeds here: the topic's feeds are ours.
    assert (out / "topics/heat-pumps/atom.xml").is_file()
    opml = etree.fromstring((out / "subscribe/topics.opml").read_bytes())
    assert len(opml.findall("body/outline")) == 2
    subscribe = html.fromstring((out / "subscribe/index.html").read_bytes())
    assert subscribe.xpath("//a[@href='https://example.com/category/boilers.html']")


def test_automatic_topics_offer_the_blogs_own_category_feeds(site, caplog):
    caplog.set_level("INFO")
    site.article("a", category="Boilers")
    site.article("b", category="Heat pumps")
    out = site.build(CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml")
    # One feed of each category's articles: Pelican's, not a second of ours.
    assert (out / "feeds/boilers.atom.xml").is_file()
    assert not (out / "topics").exists()
    opml = etree.fromstring((out / "subscribe/topics.opml").read_bytes())
    assert sorted(o.get("xmlUrl") for o in opml.findall("body/outline")) == [
        "https://example.com/feeds/boilers.atom.xml",
        "https://example.com/feeds/heat-pumps.atom.xml",
    ]
    # Articles announce the blog's feed of their category.
    article = html.fromstring((out / "a.html").read_bytes())
    assert article.xpath(
        "//link[@rel='alternate'][@href='https://example.com/feeds/boilers.atom.xml']"
    )
    assert "each category is a topic" in caplog.text


def test_a_hub_listing_exactly_a_category_is_that_pages_canonical_copy(site):
    site.article("a", category="Boilers")
    site.article("b", category="Heat pumps", tags="renewables")
    site.article("c", category="Plumbing", tags="renewables")
    topics = {
        "boilers": {"title": "Boilers and servicing", "categories": ["Boilers"]},
        "green": {
            "title": "Renewables",
            "categories": ["Heat pumps"],
            "tags": ["renewables"],
        },
    }
    out = site.build(PULLMARKETING_TOPICS=topics)
    category = html.fromstring((out / "category/boilers.html").read_bytes())
    assert category.xpath("//link[@rel='canonical']/@href") == [
        "https://example.com/topics/boilers/"
    ]
    other = html.fromstring((out / "category/heat-pumps.html").read_bytes())
    assert other.xpath("//link[@rel='canonical']/@href") == [
        "https://example.com/category/heat-pumps.html"
    ]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.com/topics/boilers/" in sitemap
    assert "category/boilers.html" not in sitemap
    assert "category/heat-pumps.html" in sitemap


def test_url_settings_move_hubs_and_feeds(site):
    write_firm_site(site)
    out = site.build(
        **SITE,
        PULLMARKETING_TOPIC_URL="t/{slug}.html",
        PULLMARKETING_TOPIC_SAVE_AS="t/{slug}.html",
        PULLMARKETING_TOPIC_ATOM_SAVE_AS="feeds/{slug}.atom",
        PULLMARKETING_SUBSCRIBE_SAVE_AS="follow.html",
        PULLMARKETING_SUBSCRIBE_URL="follow.html",
        PULLMARKETING_OPML_SAVE_AS="",
    )
    assert (out / "t/plumbing.html").is_file()
    assert (out / "feeds/plumbing.atom").is_file()
    assert (out / "follow.html").is_file()
    assert not (out / "subscribe").exists()
    hub = (out / "t/plumbing.html").read_text(encoding="utf-8")
    assert 'href="https://example.com/follow.html"' in hub


def _alternates(page):
    tree = html.fromstring(page.read_bytes())
    return {
        link.get("title"): link.get("href")
        for link in tree.xpath("//head/link[@rel='alternate']")
    }


def test_articles_and_hubs_announce_their_topic_feeds(site):
    write_firm_site(site)
    out = site.build(**SITE, THEME="notmyidea", FEED_ALL_ATOM="feeds/all.atom.xml")
    for page in ("grants.html", "topics/boilers/index.html"):
        hrefs = set(_alternates(out / page).values())
        assert f"{SITEURL}/feeds/all.atom.xml" in hrefs
        assert f"{SITEURL}/topics/boilers/atom.xml" in hrefs
        assert f"{SITEURL}/topics/boilers/rss.xml" in hrefs
    assert f"{SITEURL}/topics/heat-pumps/atom.xml" in set(
        _alternates(out / "grants.html").values()
    )


def test_topics_feature_alone_puts_feed_links_in_its_pages(site):
    write_firm_site(site)
    out = site.build(**SITE, PLUGINS=["pelican_pullmarketing.topics"], THEME="simple")
    hub = _alternates(out / "topics/plumbing/index.html")
    assert hub["Plumbing (Atom)"] == f"{SITEURL}/topics/plumbing/atom.xml"
    subscribe = _alternates(out / "subscribe/index.html")
    assert {f"{t['title']} (RSS)" for t in TOPICS.values()} <= set(subscribe)


def test_topics_alone_give_articles_their_url_once_the_generators_are_done(site):
    # Hubs and feeds ask for every article's URL: it is computed once, after
    # every generator finished, so a slug another plugin changes while the
    # pages are read still reaches the hub, the feed and Pelican's index.
    from tests.conftest import plugin_module, renamer, url_recorder

    site.article("fix-0", category="Plumbing")
    seen, record = url_recorder()

    out = site.build(
        **SITE,
        PLUGINS=[
            "pelican_pullmarketing.topics",
            plugin_module(
                "renamer",
                page_generator_finalized=renamer("renamed"),
                all_generators_finalized=record,
            ),
        ],
    )
    assert [url for _, url in seen] == ["renamed.html"]
    del seen[0][0].override_url
    assert seen[0][0].url == "renamed.html"  # what Pelican computes itself
    hub = (out / "topics/plumbing/index.html").read_text(encoding="utf-8")
    assert f'href="{SITEURL}/renamed.html"' in hub
    feed = (out / "topics/plumbing/atom.xml").read_text(encoding="utf-8")
    assert f"{SITEURL}/renamed.html" in feed


def test_the_bundled_themes_category_page_offers_its_topics_feeds(site):
    import pelican_pullmarketing

    site.article("a", category="Boilers")
    out = site.build(THEME=pelican_pullmarketing.theme_path())
    page = html.fromstring((out / "category/boilers.html").read_bytes())
    assert page.xpath("//section[contains(@class, 'subscribe-block')]//h2")[0].text == (
        "Get new articles on Boilers by e-mail"
    )
    assert page.xpath("//a[@href='https://example.com/topics/boilers/atom.xml']")


def test_hubs_are_paginated_on_a_site_whose_lists_are_not(site):
    for n in range(12):
        site.article(f"fix-{n}", date=f"2024-01-{n + 1:02d}", category="Plumbing")
    topics = {
        "plumbing": {"title": "Plumbing", "categories": ["Plumbing"], "tags": ["x"]}
    }
    out = site.build(PULLMARKETING_TOPICS=topics, DEFAULT_PAGINATION=False)
    first = html.fromstring((out / "topics/plumbing/index.html").read_bytes())
    assert len(first.xpath("//ol[@class='pm-topic-articles']/li")) == 10
    assert (out / "topics/plumbing/index2.html").is_file()
    # a setting of its own
    out = site.build(
        PULLMARKETING_TOPICS=topics,
        DEFAULT_PAGINATION=False,
        PULLMARKETING_TOPIC_PAGINATION=4,
    )
    assert (out / "topics/plumbing/index3.html").is_file()
    assert not (out / "topics/plumbing/index4.html").exists()
