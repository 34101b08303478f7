"""The 404 template renders on its own (a DIRECT_TEMPLATES entry) and as the
template of a hidden page, never indexed."""

from __future__ import annotations

from theme_helpers import parse, theme_settings, write_articles


def test_404_as_a_direct_template(site):
    write_articles(site, 2)
    out = site.build(**theme_settings(DIRECT_TEMPLATES=["index", "404"]))
    root = parse(out / "404.html")
    assert root.xpath("//h1")[0].text == "Page not found"
    assert root.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert root.xpath("//main//a[@href='https://example.com/']")
    recent = root.xpath("//section[contains(@class, 'related')]//a/@href")
    assert recent == [
        "https://example.com/post-2.html",
        "https://example.com/post-1.html",
    ]


def test_404_from_a_hidden_page_uses_its_words(site):
    write_articles(site, 1)
    site.page(
        "not-found",
        "That page has gone. **Call us** on 0117 000 0000.",
        title="We could not find that page",
        status="hidden",
        template="404",
        save_as="404.html",
    )
    out = site.build(**theme_settings(PLUGINS=[]))
    root = parse(out / "404.html")
    assert root.xpath("//h1")[0].text == "We could not find that page"
    assert "Call us" in root.xpath("//main")[0].text_content()
    assert root.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert len(root.xpath("//h1")) == 1
