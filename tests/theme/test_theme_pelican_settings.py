"""A blog that switches to the bundled theme keeps what Pelican's common theme
settings gave it: SOCIAL (with rel="me", as Mastodon verification needs),
LINKS, SITELOGO, FAVICON, COPYRIGHT_YEAR, and a menu that lists MENUITEMS,
pages and categories once each. Setting shapes are those of notmyidea, Flex
and pelican-bootstrap3."""

from __future__ import annotations

import re

import pytest
from jinja2 import Environment, meta
from theme_helpers import THEME, html_pages, parse, theme_settings, write_articles

SOCIAL = [
    ("mastodon", "https://mastodon.social/@harbourheating"),  # Flex: icon names
    ("github", "https://github.com/harbourheating"),
    ("Our videos", "https://www.youtube.com/@harbourheating", "youtube"),  # bootstrap3
    ("<b>Shop</b> & co", "https://shop.example.org/?a=1&b=2"),
]
LINKS = [
    ("Gas Safe Register", "https://www.gassaferegister.co.uk/"),
    ("MCS", "https://mcscertified.com/"),
]


def footer(root):
    return root.xpath("//body/footer")[0]


def nav_entries(root) -> list[tuple[str, str]]:
    return [
        (" ".join(a.text_content().split()), a.get("href"))
        for a in root.xpath("//nav[@class='site-nav']//a")
    ]


# --- the menu: MENUITEMS, pages and categories, each destination once


def labels(root) -> list[str]:
    return [label for label, _ in nav_entries(root)]


def test_a_menu_item_and_a_page_at_the_same_address_are_one_entry(site):
    write_articles(site, 2)  # page "About us" at pages/about.html, category Boilers
    out = site.build(
        **theme_settings(
            MENUITEMS=[
                ("Who we are", "/pages/about.html"),
                ("Boilers", "https://example.com/category/boilers.html"),
                ("Call us", "tel:+441174960000"),
            ]
        )
    )
    for path in html_pages(out):
        entries = nav_entries(parse(path))
        assert entries[:3] == [
            ("Who we are", "/pages/about.html"),
            ("Boilers", "https://example.com/category/boilers.html"),
            ("Call us", "tel:+441174960000"),
        ], path
        assert "About us" not in labels(parse(path)), path
        assert len(entries) == len(set(entries)), path


def test_a_menu_item_and_a_page_with_the_same_label_are_one_entry(site):
    write_articles(site, 2)
    out = site.build(
        **theme_settings(MENUITEMS=[("about US", "https://elsewhere.example/about")])
    )
    root = parse(out / "index.html")
    assert [label.lower() for label in labels(root)].count("about us") == 1
    assert ("about US", "https://elsewhere.example/about") in nav_entries(root)


def test_a_category_at_the_address_of_a_menu_item_is_one_entry(site):
    write_articles(site, 2)
    out = site.build(
        **theme_settings(MENUITEMS=[("Boiler advice", "/category/boilers.html")])
    )
    root = parse(out / "category" / "boilers.html")
    assert "Boilers" not in labels(root)
    current = root.xpath("//nav[@class='site-nav']//a[@aria-current='page']/text()")
    assert current == ["Boiler advice"]


def test_the_menu_item_of_the_current_page_is_marked_current(site):
    write_articles(site, 1)
    out = site.build(**theme_settings(MENUITEMS=[("About", "/pages/about.html")]))
    current = parse(out / "pages" / "about.html").xpath(
        "//nav[@class='site-nav']//a[@aria-current='page']"
    )
    assert [a.text_content() for a in current] == ["About"]
    assert not parse(out / "index.html").xpath(
        "//nav[@class='site-nav']//a[@aria-current]"
    )


@pytest.mark.parametrize(
    "settings, item",
    [
        # a development build: document-relative SITEURL, root-relative items
        ({"SITEURL": "", "RELATIVE_URLS": True}, "/about/"),
        # a project site under a sub-path
        ({"SITEURL": "https://example.github.io/blog"}, "/blog/about/index.html"),
        ({"SITEURL": "https://example.com"}, "https://example.com/about"),
        ({"SITEURL": "https://example.com"}, "about/"),
    ],
)
def test_addresses_are_compared_once_resolved(site, settings, item):
    write_articles(site, 1)
    out = site.build(
        **theme_settings(
            PAGE_URL="{slug}/",
            PAGE_SAVE_AS="{slug}/index.html",
            MENUITEMS=[("Our firm", item)],
            **settings,
        )
    )
    for rel in ("index.html", "about/index.html", "post-1.html"):
        root = parse(out / rel)
        assert "About us" not in labels(root), rel
        assert labels(root)[0] == "Our firm", rel
    here = parse(out / "about" / "index.html")
    assert here.xpath("//nav[@class='site-nav']//a[@aria-current='page']/text()") == [
        "Our firm"
    ]


def test_the_subscribe_entry_is_not_doubled_by_a_menu_item(site):
    write_articles(site, 1)
    out = site.build(
        **theme_settings(
            PULLMARKETING_TOPICS={
                "boilers": {"title": "Boilers", "categories": ["Boilers"]}
            },
            MENUITEMS=[("Get updates", "/subscribe/")],
        )
    )
    hrefs = [href for _, href in nav_entries(parse(out / "index.html"))]
    assert hrefs.count("/subscribe/") == 1
    assert "https://example.com/subscribe/" not in hrefs


# --- the header: SITELOGO, and FAVICON in the head


def logo(root):
    return root.xpath("//header[@class='site-header']//img")


@pytest.mark.parametrize(
    "value, siteurl, src",
    [
        (
            "images/logo.png",
            "https://example.com",
            "https://example.com/images/logo.png",
        ),
        (
            "/images/logo.png",
            "https://example.com/blog",
            "https://example.com/blog/images/logo.png",
        ),
        ("https://cdn.example.net/logo.svg", "https://example.com", None),
    ],
)
def test_site_logo_in_the_header_links_home_with_a_size(site, value, siteurl, src):
    write_articles(site, 1)
    site.write("images/logo.png", b"\x89PNG\r\n\x1a\n")
    out = site.build(
        **theme_settings(
            SITEURL=siteurl,
            STATIC_PATHS=["images"],
            SITELOGO=value,
            SITELOGO_SIZE="160x40",
        )
    )
    for path in html_pages(out):
        root = parse(path)
        (img,) = logo(root)
        assert img.get("src") == (src or value), path
        assert (img.get("width"), img.get("height")) == ("160", "40"), path
        # the site name is the link's text beside it: the logo adds no words
        assert img.get("alt") == "", path
        link = img.getparent()
        assert link.tag == "a" and link.get("href") == f"{siteurl}/", path
        assert link.text_content().strip() == "Example Firm", path


@pytest.mark.parametrize(
    "size, width, height",
    [
        (None, "40", "40"),
        (32, "32", "32"),
        ("48px", "48", "48"),
        ("381x88", "381", "88"),
    ],
)
def test_site_logo_size_takes_the_shapes_blogs_use(site, size, width, height):
    write_articles(site, 1)
    extra = {} if size is None else {"SITELOGO_SIZE": size}
    out = site.build(**theme_settings(SITELOGO="images/logo.png", **extra))
    (img,) = logo(parse(out / "index.html"))
    assert (img.get("width"), img.get("height")) == (width, height)


def test_a_logo_instead_of_the_name_carries_the_name_as_its_alt(site):
    write_articles(site, 1)
    out = site.build(
        **theme_settings(
            SITENAME="Harbour <em>Heating</em> & Plumbing",
            SITELOGO="images/logo.png",
            HIDE_SITENAME=True,
        )
    )
    root = parse(out / "post-1.html")
    (img,) = logo(root)
    assert img.get("alt") == "Harbour Heating & Plumbing"
    assert img.getparent().text_content().strip() == ""


def test_favicon_setting_replaces_the_inline_icon(site):
    write_articles(site, 1)
    out = site.build(**theme_settings(FAVICON="images/favicon.ico"))
    icons = parse(out / "post-1.html").xpath("//link[contains(@rel, 'icon')]/@href")
    assert icons == ["https://example.com/images/favicon.ico"]
    out = site.build(**theme_settings())
    icons = parse(out / "post-1.html").xpath("//link[contains(@rel, 'icon')]/@href")
    assert len(icons) == 1 and icons[0].startswith("data:image/svg+xml")


# --- the footer: SOCIAL, LINKS, COPYRIGHT_YEAR


def test_social_links_are_in_every_footer_with_rel_me(site):
    write_articles(site, 2)
    out = site.build(
        **theme_settings(SOCIAL=SOCIAL, SOCIAL_WIDGET_NAME="Find us elsewhere")
    )
    for path in html_pages(out):
        links = footer(parse(path)).xpath(".//a[contains(@rel, 'me')]")
        assert [(a.text_content(), a.get("href")) for a in links] == [
            ("Mastodon", "https://mastodon.social/@harbourheating"),
            ("GitHub", "https://github.com/harbourheating"),
            ("Our videos", "https://www.youtube.com/@harbourheating"),
            ("<b>Shop</b> & co", "https://shop.example.org/?a=1&b=2"),
        ], path
        assert all(a.get("rel").split() == ["me"] for a in links), path
        assert "Find us elsewhere" in footer(parse(path)).text_content(), path
    source = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Shop&lt;/b&gt; &amp; co" in source
    assert 'href="https://shop.example.org/?a=1&amp;b=2"' in source


def test_links_are_listed_in_the_footer_without_rel_me(site):
    write_articles(site, 1)
    out = site.build(**theme_settings(LINKS=LINKS, LINKS_WIDGET_NAME="Trade bodies"))
    box = footer(parse(out / "post-1.html"))
    hrefs = {a.get("href"): a for a in box.xpath(".//a")}
    for name, url in LINKS:
        assert hrefs[url].text_content() == name
        assert "me" not in (hrefs[url].get("rel") or "").split()
    assert "Trade bodies" in box.text_content()


def test_default_headings_and_nothing_when_the_lists_are_empty(site):
    write_articles(site, 1)
    out = site.build(**theme_settings(SOCIAL=SOCIAL[:1], LINKS=LINKS[:1]))
    headings = [
        h.text_content() for h in footer(parse(out / "post-1.html")).xpath(".//h2")
    ]
    # "This site": the footer's own links, always there
    assert headings == ["This site", "Social", "Links"]
    out = site.build(**theme_settings(SOCIAL=(), LINKS=None))
    headings = footer(parse(out / "post-1.html")).xpath(".//h2")
    assert [h.text_content() for h in headings] == ["This site"]


def test_entries_that_are_not_pairs_are_left_out_and_the_build_goes_on(site):
    write_articles(site, 1)
    out = site.build(
        **theme_settings(
            SOCIAL=[
                "https://mastodon.social/@harbourheating",
                ("empty",),
                ("no url", ""),
                ("Mastodon", "https://mastodon.social/@harbourheating"),
            ]
        )
    )
    links = footer(parse(out / "post-1.html")).xpath(".//a[@rel='me']")
    assert [a.get("href") for a in links] == ["https://mastodon.social/@harbourheating"]


def test_copyright_year_is_in_the_footer(site):
    write_articles(site, 1)
    out = site.build(**theme_settings(COPYRIGHT_YEAR=2015, AUTHOR="Jo Engineer"))
    assert "© 2015 Jo Engineer" in footer(parse(out / "post-1.html")).text_content()


# --- the README's table is the list of what the theme reads


def settings_read_by_templates() -> set[str]:
    env = Environment(extensions=["jinja2.ext.i18n"])
    names: set[str] = set()
    for path in (THEME / "templates").rglob("*.html"):
        ast = env.parse(path.read_text(encoding="utf-8"))
        names |= {n for n in meta.find_undeclared_variables(ast) if n.isupper()}
    return names


def readme_table(heading: str) -> set[str]:
    readme = (THEME / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {
        name
        for row in rows
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])
    }


def test_the_readme_lists_every_pelican_setting_the_templates_read():
    read = {
        n for n in settings_read_by_templates() if not n.startswith("PULLMARKETING_")
    }
    honoured = readme_table("Pelican settings the theme reads")
    assert read <= honoured, sorted(read - honoured)
    assert honoured - read <= PELICAN_HANDLES, sorted(honoured - read - PELICAN_HANDLES)
    not_read = readme_table("Settings of other themes it leaves alone")
    assert {"GOOGLE_ANALYTICS", "PYGMENTS_STYLE", "CUSTOM_CSS"} <= not_read
    assert not read & not_read, sorted(read & not_read)


# Settings in the table that Pelican applies before the theme sees anything
# (sorting, pagination, dates): honoured, though no template names them.
PELICAN_HANDLES = {
    "PAGE_ORDER_BY",
    "DEFAULT_PAGINATION",
    "DEFAULT_DATE_FORMAT",
    "DATE_FORMATS",
    "PYGMENTS_RST_OPTIONS",
    "MARKDOWN",
    "THEME_TEMPLATES_OVERRIDES",
}
