"""What a convinced reader does next: the call to action and telephone after
every article (worded per topic), the white paper before the feeds, e-mail
first in plain words (a real form when a provider is configured), the
thank-you page's next step; and, in a real browser, the phone menu, the
one-line menu at 1024 px and breadcrumbs that never cut the page's name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from theme_helpers import theme_settings

from tests.conftest import skip_missing_tool
from verify.browser import BrowserMissing, chromium, chromium_path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "business"))
from business_helpers import firm, parse, text  # noqa: E402

TOPICS = {
    "heat-pumps": {
        "title": "Heat pumps",
        "categories": ["Heat pumps"],
        "call_to_action": {
            "text": "Book a heat pump survey",
            "lead": "We check your radiators for free.",
        },
    },
    "boilers": {"title": "Boilers", "categories": ["Boilers"]},
}
GATE = {"provider": "formspree", "form_id": "xwpkqzvo", "delivery": "page"}


def write_site(site, gated=True):
    site.article("pump", "About pumps.", category="Heat pumps")
    site.article("boiler", "About boilers.", category="Boilers", author="Jo")
    if not gated:
        return
    site.write("papers/guide.pdf", b"%PDF-1.4\n%%EOF\n")
    site.page(
        "guide",
        "The guide.",
        title="Heat pump guide",
        topics="heat-pumps",
        gated_file="papers/guide.pdf",
    )


def build(site, **extra):
    write_site(site, gated="PULLMARKETING_GATE" in extra)
    return site.build(
        **theme_settings(
            PULLMARKETING_BUSINESS=firm(),
            PULLMARKETING_TOPICS=TOPICS,
            PULLMARKETING_GATE_SECRET="s3cret-for-tests",
            PULLMARKETING_PRIVACY_URL="privacy/",
            **extra,
        )
    )


@pytest.fixture
def out(site):
    return build(site, PULLMARKETING_GATE=GATE)


def classes_in_order(root) -> list[str]:
    main = root.find(".//main")
    return [
        c
        for el in main.iter()
        for c in (el.get("class") or "").split()
        if c in ("entry", "next-step", "author-box", "paper-cta", "subscribe-block")
    ]


def test_after_the_text_the_next_step_then_author_paper_and_feeds(out):
    root = parse(out / "pump.html")
    order = classes_in_order(root)
    assert order.index("next-step") < order.index("paper-cta")
    assert order.index("paper-cta") < order.index("subscribe-block")
    step = root.find(".//aside[@class='next-step']")
    links = [(text(a), a.get("href")) for a in step.iter("a")]
    # the topic's wording, the business's address
    assert links == [
        ("Book a heat pump survey", "https://example.com/pages/contact.html"),
        ("Call 0117 496 0123", "tel:+441174960123"),
    ]
    assert "We check your radiators for free." in text(step)
    boiler = parse(out / "boiler.html")
    order = classes_in_order(boiler)
    assert order.index("next-step") < order.index("author-box")
    step = boiler.find(".//aside[@class='next-step']")
    assert text(step.find(".//a")) == "Book a free quote"  # the business's


def test_with_a_form_provider_the_subscribe_blocks_post_the_address_and_topic(out):
    for rel in ("pump.html", "topics/heat-pumps/index.html", "subscribe/index.html"):
        root = parse(out / rel)
        forms = root.findall(".//form[@class='signup']")
        assert forms, rel
        form = forms[0]
        assert form.get("action") == "https://formspree.io/f/xwpkqzvo"
        assert form.find(".//input[@type='email']").get("name") == "email"
        hidden = {i.get("name"): i.get("value") for i in form.iter("input")}
        assert hidden["topic"] == "heat-pumps"
        assert hidden["_gotcha"] == ""
        label = form.find("label")
        assert form.find(f".//input[@id='{label.get('for')}']") is not None
    # e-mail first, the feed formats after it, as small print
    block = parse(out / "pump.html").find(".//section[@class='subscribe-block']")
    assert text(block.find("h2")) == "Get new articles on Heat pumps by e-mail"
    order = [el.get("class") for el in block.iter() if el.get("class")]
    assert order.index("signup") < order.index("feed-follow")


def test_without_a_provider_the_button_leads_to_the_subscribe_page(site):
    out = build(site)
    block = parse(out / "pump.html").find(".//section[@class='subscribe-block']")
    assert block.find(".//form") is None
    button = block.find(".//a[@class='button']")
    assert text(button) == "Get new articles by e-mail"
    assert button.get("href") == "https://example.com/subscribe/#topic-heat-pumps"


def test_on_the_hub_the_white_paper_comes_before_the_feeds(out):
    root = parse(out / "topics/heat-pumps/index.html")
    order = classes_in_order(root)
    assert order.index("paper-cta") < order.index("subscribe-block")
    assert (
        text(root.find(".//aside[@class='next-step']//a")) == "Book a heat pump survey"
    )


def test_the_thank_you_page_gives_the_download_then_the_next_step(out):
    thanks = [
        p
        for p in (out / "downloads").rglob("index.html")
        if parse(p).find(".//a[@download]") is not None
    ]
    assert len(thanks) == 1
    root = parse(thanks[0])
    main = root.find(".//main")
    kinds = [
        "download" if el.get("download") is not None else el.get("class")
        for el in main.iter()
        if el.get("download") is not None or el.get("class") == "next-step"
    ]
    assert kinds == ["download", "next-step"]
    assert "0117 496 0123" in text(root.find(".//aside[@class='next-step']"))


@pytest.fixture
def browser():
    try:
        chromium_path()
    except BrowserMissing:
        skip_missing_tool("Chromium", "the phone menu and breadcrumbs")
    with chromium() as launched:
        yield launched


def test_in_a_browser_the_menu_folds_on_phones_and_fits_one_line_at_1024(site, browser):
    write_site(site, gated=False)
    for n in range(6):
        site.page(f"page-{n}", title=f"Page number {n}")
    out = site.build(
        **theme_settings(
            SITEURL="",
            RELATIVE_URLS=True,
            PULLMARKETING_BUSINESS=firm(),
            PULLMARKETING_TOPICS=TOPICS,
        )
    )
    long_title = "A very long article title about heat pump noise and neighbours"
    site.article("long", "Text.", title=long_title, category="Heat pumps")
    out = site.build(
        **theme_settings(
            SITEURL="",
            RELATIVE_URLS=True,
            PULLMARKETING_BUSINESS=firm(),
            PULLMARKETING_TOPICS=TOPICS,
        )
    )
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    tab = phone.new_page()
    tab.goto((out / "long.html").as_uri())
    bar = tab.locator(".site-header__bar")
    assert not bar.is_visible()
    tab.keyboard.press("Tab")  # skip link
    tab.keyboard.press("Tab")  # home link
    tab.keyboard.press("Tab")  # call
    tab.keyboard.press("Tab")  # menu button
    assert tab.evaluate("document.activeElement.className") == "site-menu__button"
    tab.keyboard.press("Enter")
    assert bar.is_visible()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('nav') !== null")
    # the page's own name is never cut, however long
    current = tab.locator(".breadcrumbs [aria-current]")
    assert current.inner_text() == long_title
    assert current.evaluate(
        "e => e.parentElement.scrollWidth <= e.parentElement.clientWidth"
    )
    phone.close()
    wide = browser.new_context(viewport={"width": 1024, "height": 800})
    tab = wide.new_page()
    tab.goto((out / "index.html").as_uri())
    tops = tab.locator(".site-header__bar .site-nav li").evaluate_all(
        "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
    )
    assert len(tops) >= 8 and len(set(tops)) == 1
    assert not tab.locator(".site-menu").is_visible()
    wide.close()
