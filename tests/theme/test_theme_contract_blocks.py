"""The plugin's blocks, rendered from the cross-feature contracts (see
contract_stub.py): related articles, topic feeds, "Also published on", the
white-paper call to action, the gate form, and the topic, subscribe and
thank-you pages."""

from __future__ import annotations

import pytest
import theme_contract_stub as contract_stub
from theme_helpers import parse, theme_settings, write_articles

STUB_SETTINGS = {
    "PLUGINS": [contract_stub],
    "PULLMARKETING_SUBSCRIBE_URL": "subscribe/",
    "PULLMARKETING_SUBSCRIBE_SAVE_AS": "subscribe/index.html",
    "PULLMARKETING_OPML_SAVE_AS": "subscribe/topics.opml",
    "PULLMARKETING_EMAIL_BY_FEED_URL": "https://blogtrottr.com/?subscribe={feed}",
    "PAGINATED_TEMPLATES": {
        "index": None,
        "tag": None,
        "category": None,
        "author": None,
        "topic": None,
    },
}


@pytest.fixture
def out(site):
    write_articles(site)
    site.article(
        "boiler-guide",
        "What the guide covers.",
        title="The boiler buyer's guide",
        date="2024-01-15 09:00",
        category="Boilers",
        stub_gate="yes",
    )
    site.article(
        "syndicated",
        "Copied elsewhere.",
        date="2024-06-01 09:00",
        category="Boilers",
        stub_syndication="yes",
    )
    return site.build(**theme_settings(**STUB_SETTINGS))


def test_article_has_related_subscribe_and_paper_blocks(out):
    root = parse(out / "post-2.html")
    related = root.xpath("//section[contains(@class, 'related')]//a/@href")
    assert len(related) == 3 and "https://example.com/post-2.html" not in related
    feeds = root.xpath(
        "//section[contains(@class, 'subscribe-block')]//a[contains(@class, 'feed-link')]"
    )
    assert [(a.get("href"), a.get("type")) for a in feeds] == [
        ("https://example.com/topics/boilers/atom.xml", "application/atom+xml"),
        ("https://example.com/topics/boilers/rss.xml", "application/rss+xml"),
        ("https://example.com/topics/boilers/feed.json", "application/feed+json"),
    ]
    cta = root.xpath("//aside[contains(@class, 'paper-cta')]")
    assert len(cta) == 1
    assert cta[0].xpath(".//a/@href") == ["https://example.com/boiler-guide.html"]
    assert "Twelve pages" in cta[0].text_content()


def test_also_published_on_links_are_marked_as_syndication(out):
    root = parse(out / "syndicated.html")
    links = root.xpath("//section[contains(@class, 'syndication')]//a")
    assert [(a.text, a.get("class"), a.get("rel")) for a in links] == [
        ("DEV", "u-syndication", "syndication"),
        ("Mastodon", "u-syndication", "syndication"),
    ]
    assert (
        "Also published on"
        in root.xpath("//section[contains(@class, 'syndication')]")[0].text_content()
    )
    assert not parse(out / "post-2.html").xpath(
        "//*[contains(@class, 'u-syndication')]"
    )


def test_gate_landing_page_places_the_form_before_the_text(out):
    root = parse(out / "boiler-guide.html")
    article = root.xpath("//main/article")[0]
    gate = article.xpath("./section[contains(@class, 'gate')]")
    assert len(gate) == 1
    assert gate[0].xpath(".//form[@class='gate-form']")
    assert "PDF, 1.2 MB" in gate[0].text_content()
    order = [el.get("class") for el in article if el.get("class")]
    assert order.index("gate") < order.index("entry-content e-content")
    # the landing page does not advertise itself
    assert not root.xpath("//aside[contains(@class, 'paper-cta')]")
    assert len(root.xpath("//h1")) == 1


def test_topic_hub_lists_articles_feeds_and_paginates(out):
    root = parse(out / "topics" / "boilers" / "index.html")
    assert root.xpath("//h1")[0].text_content().strip() == "Boilers"
    assert len(root.xpath("//main//article[contains(@class, 'card')]")) == 2
    assert root.xpath("//a[@rel='next']")
    assert (
        len(
            root.xpath(
                "//section[contains(@class, 'subscribe-block')]//a[contains(@class, 'feed-link')]"
            )
        )
        == 3
    )
    assert root.xpath("//aside[contains(@class, 'paper-cta')]//a/@href") == [
        "https://example.com/boiler-guide.html"
    ]


def test_subscribe_page_lists_topics_with_reader_and_email_links(out):
    root = parse(out / "subscribe" / "index.html")
    assert root.xpath("//h1")[0].text == "Subscribe"
    section = root.xpath("//section[@aria-labelledby='topic-boilers']")[0]
    assert len(section.xpath(".//a[contains(@class, 'feed-link')]")) == 3
    readers = section.xpath(".//ul[@class='reader-list']//a/@href")
    encoded = "https%3A%2F%2Fexample.com%2Ftopics%2Fboilers%2Fatom.xml"
    assert readers == [
        f"https://feedly.com/i/subscription/feed/{encoded}",
        f"https://www.inoreader.com/?add_feed={encoded}",
    ]
    # e-mail first (no form provider here: the RSS-to-email service)
    links = section.xpath(".//a/@href")
    assert links.index(f"https://blogtrottr.com/?subscribe={encoded}") < links.index(
        readers[0]
    )
    assert root.xpath("//a[@href='https://example.com/subscribe/topics.opml']")
    nav = root.xpath("//nav[@aria-label='Main']//a[@aria-current='page']")
    assert [a.text for a in nav] == ["Subscribe"]


def test_thank_you_page_offers_the_download_and_is_not_indexed(out):
    root = parse(out / "downloads" / "t0ken" / "boiler-guide" / "index.html")
    assert root.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert root.xpath("//a[@download]/@href") == [
        "https://example.com/downloads/t0ken/boiler-guide/boiler-guide.pdf"
    ]
    assert root.xpath("//main//a[@href='https://example.com/boiler-guide.html']")
    assert len(root.xpath("//h1")) == 1
