"""Every page the theme writes has the landmarks, one h1, a working skip link,
breadcrumbs and machine-readable dates; with or without the plugin."""

from __future__ import annotations

from datetime import datetime

from theme_helpers import html_pages, parse, theme_settings, write_articles

PLUGIN_BLOCKS = (
    "subscribe-block",
    "related",
    "syndication",
    "paper-cta",
    "gate",
    "site-nav__subscribe",
)


def assert_page_structure(path, root):
    assert len(root.xpath("//h1")) == 1, f"{path}: expected exactly one h1"
    skip = root.xpath("//body/a[1]")
    assert skip and skip[0].get("href") == "#main", f"{path}: skip link first"
    assert root.xpath("//main[@id='main']"), f"{path}: main#main"
    for landmark in ("header", "nav", "footer"):
        assert root.xpath(f"//body//{landmark}"), f"{path}: no <{landmark}>"
    assert len(root.xpath("//main")) == 1
    assert root.xpath("//html/@lang") and root.xpath("//html/@lang")[0]
    assert root.xpath("//head/title")[0].text_content().strip()
    for stamp in root.xpath("//time/@datetime"):
        assert datetime.fromisoformat(stamp).tzinfo is not None, f"{path}: {stamp}"


def test_every_page_has_one_h1_landmarks_and_skip_link(site):
    write_articles(site)
    out = site.build(**theme_settings())
    pages = html_pages(out)
    assert len(pages) >= 12
    for path in pages:
        assert_page_structure(path, parse(path))


def test_breadcrumbs_lead_home_and_mark_the_current_page(site):
    write_articles(site)
    out = site.build(**theme_settings())
    article = parse(out / "post-2.html")
    crumbs = article.xpath("//nav[@aria-label='Breadcrumb']//li")
    assert [c.text_content().strip() for c in crumbs] == [
        "Home",
        "Boilers",
        "Boiler article 2",
    ]
    assert crumbs[-1].xpath(".//*[@aria-current='page']")
    assert parse(out / "category" / "boilers.html").xpath(
        "//nav[@aria-label='Breadcrumb']"
    )
    assert parse(out / "pages" / "about.html").xpath("//nav[@aria-label='Breadcrumb']")
    # the home page is the root of the trail: none there
    assert not parse(out / "index.html").xpath("//nav[@aria-label='Breadcrumb']")


def test_article_shows_dates_author_box_and_tags(site):
    write_articles(site)
    out = site.build(
        **theme_settings(
            PULLMARKETING_AUTHORS={
                "Jo Engineer": {
                    "role": "Gas Safe engineer",
                    "bio": "Fixes boilers since 2001.",
                }
            }
        )
    )
    root = parse(out / "post-2.html")
    published = root.xpath(
        "//article//time[contains(@class, 'dt-published')]/@datetime"
    )
    assert published == ["2024-02-02T10:00:00+00:00"]
    box = root.xpath("//section[contains(@class, 'author-box')]")[0].text_content()
    assert "Jo Engineer" in box and "Gas Safe engineer" in box and "since 2001" in box
    assert [t.text for t in root.xpath("//ul[@class='tag-list']//a")] == [
        "servicing",
        "gas",
    ]


def test_index_paginates_with_prev_next(site):
    write_articles(site)
    out = site.build(**theme_settings())
    first = parse(out / "index.html")
    assert first.xpath("//nav[@aria-label='Pages']//a[@rel='next']/@href") == [
        "https://example.com/index2.html"
    ]
    # the page's articles (the home page also shows the topics as cards)
    assert len(first.xpath("//main//div[@class='card-list']/article")) == 2
    second = parse(out / "index2.html")
    assert second.xpath("//a[@rel='prev']") and second.xpath("//a[@rel='next']")
    assert "page 2" in second.xpath("//h1")[0].text_content()
    assert (out / "2024" / "index.html").is_file()
    assert (out / "2024" / "03" / "index.html").is_file()


def test_plain_pelican_without_any_plugin(site):
    write_articles(site)
    out = site.build(**theme_settings(PLUGINS=[]))
    pages = html_pages(out)
    assert len(pages) >= 12
    for path in pages:
        root = parse(path)
        assert_page_structure(path, root)
        classes = " ".join(root.xpath("//@class")).split()
        for block in PLUGIN_BLOCKS:
            assert block not in classes, f"{path}: plugin block {block} without plugin"
    head = parse(out / "post-1.html").xpath("//head")[0]
    assert head.xpath("title")[0].text == "Boiler article 1 · Example Firm"
    assert head.xpath("meta[@name='description']/@content")[0].startswith("Part 1")


def test_hidden_article_links_only_to_pages_that_exist(site):
    write_articles(site, 2)
    site.article(
        "open-day",
        "Come and see a heat pump.",
        category="Events",
        tags="events, servicing",
        author="Guest Writer",
        status="hidden",
    )
    out = site.build(**theme_settings())
    root = parse(out / "open-day.html")
    hrefs = root.xpath("//body//a/@href")
    for href in hrefs:
        if href.startswith("https://example.com/"):
            assert (
                out / href.removeprefix("https://example.com/")
            ).is_file() or href.endswith("/"), href
    assert "https://example.com/tag/servicing.html" in hrefs
    assert [t.strip() for t in root.xpath("//ul[@class='tag-list']//span/text()")] == [
        "events"
    ]
    assert "Guest Writer" in root.xpath("//p[@class='entry-meta']")[0].text_content()
