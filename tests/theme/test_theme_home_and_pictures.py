"""The home page as a firm's front door (hero, topics as cards, the white
paper, latest articles as cards with pictures) and pictures with their size:
the featured image of an article, thumbnails in lists."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from theme_helpers import theme_settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "business"))
from business_helpers import firm, parse, png, text  # noqa: E402

TOPICS = {
    "boilers": {
        "title": "Boilers and servicing",
        "description": "Servicing and repairs.",
        "categories": ["Boilers"],
        "image": "images/boilers.png",
    },
    "garden": {"title": "Garden taps", "categories": ["Garden"]},
}


def write_site(site):
    site.write("images/boilers.png", png(640, 360))
    site.write("images/post.png", png(800, 450))
    for n in range(1, 6):
        extra = {"image": "images/post.png"} if n == 5 else {}
        site.article(
            f"post-{n}",
            f"Article {n}.",
            date=f"2024-0{n}-01 10:00",
            category="Garden" if n == 2 else "Boilers",
            **extra,
        )
    site.write(
        "pages/home.md",
        "Title: Plumbers in Bath\nSlug: home\nStatus: hidden\nSave_as:\n"
        "Home_intro: yes\n\nWe fix *everything* that holds water.\n",
    )


@pytest.fixture
def out(site):
    write_site(site)
    return site.build(
        **theme_settings(
            PULLMARKETING_BUSINESS=firm(),
            PULLMARKETING_TOPICS=TOPICS,
            STATIC_PATHS=["images"],
            DEFAULT_PAGINATION=3,
        )
    )


def test_the_home_hero_comes_from_the_intro_page_not_the_site_name(out):
    root = parse(out / "index.html")
    h1 = root.findall(".//h1")
    assert [text(h) for h in h1] == ["Plumbers in Bath"]
    hero = root.find(".//header[@class='hero']")
    assert "We fix everything that holds water." in text(hero)
    assert hero.find(".//em") is not None  # the intro's own HTML
    actions = [(text(a), a.get("href")) for a in hero.iter("a")]
    assert ("Book a free quote", "https://example.com/pages/contact.html") in actions
    assert ("or call 0117 496 0123", "tel:+441174960123") in actions
    assert not (out / "home.html").exists() and not (out / "pages/home.html").exists()


def test_topics_are_cards_with_their_picture_and_articles_are_cards_with_thumbnails(
    out,
):
    root = parse(out / "index.html")
    topics = root.findall(".//section[@aria-labelledby='topics-title']//article")
    assert [text(c.find(".//h3")) for c in topics] == [
        "Boilers and servicing",
        "Garden taps",
    ]
    picture = topics[0].find(".//img")
    assert (picture.get("width"), picture.get("height")) == ("640", "360")
    assert picture.get("loading") == "lazy" and picture.get("decoding") == "async"
    assert topics[1].find(".//img") is None  # no image, no empty frame
    cards = root.findall(".//div[@class='card-list']/article")
    assert len(cards) == 3  # pagination stays
    # the newest has its own image; the next falls back to its topic's
    first, second, third = (c.find("img") for c in cards)
    assert first.get("src").endswith("images/post.png") and first.get("width") == "800"
    assert "u-photo" in first.get("class")
    assert second.get("src").endswith("images/boilers.png")
    assert third.get("src").endswith("images/boilers.png")
    later = parse(out / "index2.html").findall(".//div[@class='card-list']/article")
    garden = [c for c in later if "Post 2" in text(c)]
    assert garden and garden[0].find("img") is None  # its topic has no image
    assert all(c.find(".//h3") is not None for c in cards)


def test_later_pages_of_the_home_list_have_no_hero(out):
    root = parse(out / "index2.html")
    assert root.find(".//header[@class='hero']") is None
    assert text(root.find(".//h1")).startswith("Articles")


def test_an_article_shows_its_image_first_with_its_size_and_not_lazily(out):
    root = parse(out / "post-5.html")
    img = root.find(".//figure[@class='entry-image']/img")
    assert img.get("src") == "https://example.com/images/post.png"
    assert (img.get("width"), img.get("height")) == ("800", "450")
    assert img.get("loading") is None and img.get("decoding") == "async"


def test_a_hub_lists_its_articles_without_repeating_its_own_picture(out):
    root = parse(out / "topics/boilers/index.html")
    sources = [i.get("src") for i in root.findall(".//div[@class='card-list']//img")]
    assert sources == ["https://example.com/images/post.png"]


def test_without_intro_page_or_business_the_home_keeps_the_site_name(site):
    site.article("post", "Text.")
    out = site.build(**theme_settings())
    root = parse(out / "index.html")
    assert [text(h) for h in root.findall(".//h1")] == ["Example Firm"]
    hero = root.find(".//header[@class='hero']")
    assert hero.find(".//p[@class='hero__actions']") is None
