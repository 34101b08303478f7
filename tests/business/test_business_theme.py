"""The bundled theme prints the firm from the one setting: header (logo, call
link, call to action, a <details> menu on phones), footer h-card, the 404
and contact pages; and a site without a business shows none of it."""

from __future__ import annotations

import pytest
from business_helpers import firm, parse, png, text
from theme_helpers import html_pages, theme_settings, write_articles

PAGES = {
    "contact": ("Contact", "Template: contact\n\nWrite to us."),
    "privacy": ("Privacy", "Menu: no\n\nWhat we keep."),
}


def write_site(site):
    write_articles(site, count=3)
    site.write("images/logo.png", png(300, 100))
    for slug, (title, rest) in PAGES.items():
        site.write(f"pages/{slug}.md", f"Title: {title}\nSlug: {slug}\n{rest}\n")
    site.write(
        "pages/404.md",
        "Title: Not here\nSlug: not-found\nStatus: hidden\nTemplate: 404\n"
        "Save_as: 404.html\nUrl: 404.html\n\nGone.\n",
    )


@pytest.fixture
def out(site):
    write_site(site)
    return site.build(
        **theme_settings(PULLMARKETING_BUSINESS=firm(), STATIC_PATHS=["images"])
    )


def test_header_has_logo_call_link_call_to_action_and_a_details_menu(out):
    root = parse(out / "index.html")
    header = root.find(".//header[@class='site-header']")
    logo = header.find(".//img[@class='site-logo']")
    # the logo's own proportions (300 x 100) at 44 pixels high
    assert (logo.get("width"), logo.get("height")) == ("132", "44")
    call = header.find(".//a[@class='site-call']")
    assert call.get("href") == "tel:+441174960123" and "0117 496 0123" in text(call)
    cta = header.find(".//a[@class='button button--accent site-cta']")
    assert text(cta) == "Book a free quote"
    assert cta.get("href") == "https://example.com/pages/contact.html"
    details = header.find(".//details[@class='site-menu']")
    assert text(details.find("summary")) == "Menu"
    # one menu, right after the button (Tab goes there next); CSS shows it
    # on phones while the button is open
    navs = root.findall(".//nav[@aria-label='Main']")
    assert len(navs) == 1
    assert navs[0].getparent().getparent().get("class") == "site-header__bar"


def test_pages_marked_menu_no_stay_out_of_the_menu_and_go_to_the_footer(out):
    root = parse(out / "index.html")
    menu = [text(a) for a in root.find(".//header//nav").iter("a")]
    assert "Contact" in menu and "Privacy" not in menu
    footer = [text(a) for a in root.find(".//footer").iter("a")]
    assert "Privacy" in footer


def test_every_page_has_the_nap_h_card_in_its_footer(out):
    for path in html_pages(out):
        root = parse(path)
        card = root.find(".//footer//div[@class='business h-card']")
        assert card is not None, path
        assert text(card.find(".//*[@class='p-name u-url']")) == firm()["name"]
        assert (
            text(card.find(".//*[@class='p-street-address']")) == "12 Gloucester Road"
        )
        assert text(card.find(".//*[@class='p-postal-code']")) == "BS7 8AA"
        tel = card.find(".//a[@class='p-tel']")
        assert (text(tel), tel.get("href")) == ("0117 496 0123", "tel:+441174960123")
        hours = [text(d) for d in card.iter("dt")]
        assert hours == ["Monday to Friday", "Saturday"]


def test_the_telephone_is_a_tel_link_wherever_it_is_printed(out):
    for path in html_pages(out):
        root = parse(path)
        body = root.find("body")
        for element in body.iter():
            own = (element.text or "") + (element.tail or "")
            if "0117 496 0123" not in own:
                continue
            # the number's text node sits in (or under) a tel: link
            holder = (
                element
                if "0117 496 0123" in (element.text or "")
                else element.getparent()
            )
            links = [a for a in holder.iterancestors("a")] + (
                [holder] if holder.tag == "a" else []
            )
            assert any((a.get("href") or "").startswith("tel:") for a in links), (
                path,
                own,
            )


def test_the_404_and_contact_pages_take_phone_and_hours_from_the_setting(out):
    for rel in ("404.html", "pages/contact.html"):
        root = parse(out / rel)
        main = root.find(".//main")
        assert "0117 496 0123" in text(main), rel
        assert "Monday to Friday 08:00\u201318:00" in text(main), rel
    contact = parse(out / "pages/contact.html").find(".//main")
    assert contact.find(".//div[@class='business h-card business--panel']") is not None


def test_a_site_without_a_business_shows_no_empty_box_and_no_none(site):
    write_site(site)
    out = site.build(**theme_settings(STATIC_PATHS=["images"]))
    for path in html_pages(out):
        html = path.read_text(encoding="utf-8")
        root = parse(path)
        assert "None" not in text(root.find("body")), path
        for cls in ("business", "site-contact", "next-step", "accreditations"):
            assert not root.xpath(
                f"//*[contains(concat(' ', @class, ' '), ' {cls} ')]"
            ), (
                path,
                cls,
            )
        assert "tel:" not in html
    # the menu still collapses on phones
    assert parse(out / "index.html").find(".//details[@class='site-menu']") is not None


def test_with_topics_the_menu_leads_to_their_hubs_not_to_category_pages(site):
    write_site(site)
    site.article("other", "Text.", category="Garden")
    out = site.build(
        **theme_settings(
            PULLMARKETING_TOPICS={
                "boilers": {"title": "Boilers and servicing", "categories": ["Boilers"]}
            }
        )
    )
    nav = parse(out / "index.html").find(".//div[@class='site-header__bar']//nav")
    entries = [(text(a), a.get("href")) for a in nav.iter("a")]
    assert ("Boilers", "https://example.com/topics/boilers/") in entries
    assert not any(href.endswith("category/boilers.html") for _, href in entries)
    # a category no topic covers keeps its page
    assert ("Garden", "https://example.com/category/garden.html") in entries
    hub = parse(out / "topics/boilers/index.html").find(
        ".//div[@class='site-header__bar']//nav"
    )
    current = [text(a) for a in hub.iter("a") if a.get("aria-current") == "page"]
    assert current == ["Boilers"]
