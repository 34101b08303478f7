"""A site restyles the theme without forking it: one partial through
THEME_TEMPLATES_OVERRIDES, one token through PULLMARKETING_THEME_CSS."""

from __future__ import annotations

import re
import subprocess

from theme_helpers import CSS_DIR, html_pages, parse, theme_settings, write_articles

from tests.conftest import skip_missing_tool
from verify.browser import BrowserMissing, chromium_path

TOKEN = "--pm-color-brand"


def test_site_overrides_one_partial_and_one_token(site):
    write_articles(site)
    tokens = (CSS_DIR / "tokens.css").read_text(encoding="utf-8")
    assert re.search(rf"{TOKEN}:\s*#", tokens), "the token must exist in tokens.css"
    site.write("css/site.css", f":root {{ {TOKEN}: #6b2fa3; }}\n")
    overrides = site.root / "templates"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "site_footer.html").write_text(
        '<footer class="site-footer"><p>Harbour Heating, 1 Quay Street</p></footer>\n',
        encoding="utf-8",
    )
    out = site.build(
        **theme_settings(
            STATIC_PATHS=["css"],
            THEME_TEMPLATES_OVERRIDES=[str(overrides)],
            PULLMARKETING_THEME_CSS=["css/site.css"],
        )
    )
    for path in html_pages(out):
        root = parse(path)
        footer = root.xpath("//body/footer")
        assert [f.text_content() for f in footer] == [
            "Harbour Heating, 1 Quay Street"
        ], path
        sheets = root.xpath("//link[@rel='stylesheet']/@href")
        assert sheets == [
            "https://example.com/theme/css/tokens.css",
            "https://example.com/theme/css/theme.css",
            "https://example.com/css/site.css",
        ], path
    assert TOKEN in (out / "css" / "site.css").read_text(encoding="utf-8")
    # the rest of the theme is untouched: the header partial still renders
    assert parse(out / "index.html").xpath("//header[@class='site-header']")


def test_one_site_stylesheet_may_be_given_as_a_string_or_a_url(site):
    write_articles(site, 1)
    out = site.build(
        **theme_settings(PLUGINS=[], PULLMARKETING_THEME_CSS="/css/site.css")
    )
    sheets = parse(out / "post-1.html").xpath("//link[@rel='stylesheet']/@href")
    assert sheets[-1] == "https://example.com/css/site.css"


def test_every_token_used_by_the_components_is_defined_in_tokens_css():
    tokens = (CSS_DIR / "tokens.css").read_text(encoding="utf-8")
    defined = set(re.findall(r"(--pm-[\w-]+)\s*:", tokens))
    used = set(
        re.findall(
            r"var\((--pm-[\w-]+)", (CSS_DIR / "theme.css").read_text(encoding="utf-8")
        )
    )
    assert used and used <= defined, sorted(used - defined)
    # every colour has a dark value too
    light, dark = tokens.split("prefers-color-scheme: dark", 1)
    light_colours = set(re.findall(r"(--pm-color-[\w-]+)\s*:", light))
    dark_colours = set(re.findall(r"(--pm-color-[\w-]+)\s*:", dark))
    assert light_colours and light_colours == dark_colours
    # components use no literal colours: designers change them in tokens.css
    components = (CSS_DIR / "theme.css").read_text(encoding="utf-8")
    outside_print = components.split("@media print", 1)[0]
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b", outside_print)


def test_site_overrides_one_block_by_extending_the_theme_template(site):
    write_articles(site, 2)
    overrides = site.root / "templates"
    overrides.mkdir()
    (overrides / "article.html").write_text(
        '{% extends "!theme/article.html" %}\n'
        '{% block gate %}<p class="site-notice">Call 0117 496 0000</p>{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    out = site.build(**theme_settings(THEME_TEMPLATES_OVERRIDES=[str(overrides)]))
    article = parse(out / "post-1.html").xpath("//main/article")[0]
    children = [el.get("class") for el in article]
    assert children.index("site-notice") < children.index("entry-content e-content")
    assert article.xpath(".//h1") and not parse(out / "pages" / "about.html").xpath(
        "//*[@class='site-notice']"
    )


def test_the_site_token_wins_in_a_real_browser(site):
    """Chromium renders the built page: the skip link (background: brand) takes
    the colour from the site stylesheet, not the theme's."""
    try:
        chromium = chromium_path()  # the one Playwright and Lighthouse use
    except BrowserMissing:
        skip_missing_tool("Chromium", "computed styles")
    write_articles(site, 1)
    site.write("css/site.css", f":root {{ {TOKEN}: #6b2fa3; }}\n")
    out = site.build(
        **theme_settings(
            SITEURL="",
            RELATIVE_URLS=True,
            STATIC_PATHS=["css"],
            PULLMARKETING_THEME_CSS=["css/site.css"],
        )
    )
    page = out / "probe.html"
    probe = (
        "<script>document.body.setAttribute('data-brand', getComputedStyle("
        "document.querySelector('.skip-link')).backgroundColor)</script></body>"
    )
    page.write_text(
        (out / "post-1.html").read_text(encoding="utf-8").replace("</body>", probe),
        encoding="utf-8",
    )
    dom = subprocess.run(
        [
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert 'data-brand="rgb(107, 47, 163)"' in dom


def test_a_site_that_overrides_the_text_and_address_macros_keeps_its_own(site):
    """The plugin's globals stand in for the macros of partials/text.html and
    partials/urls.html only while the site does not override those files:
    an override's macros are the ones every page prints with."""
    write_articles(site, 2)
    overrides = site.root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    partials = CSS_DIR.parent.parent / "templates" / "partials"
    theme_text = (partials / "text.html").read_text(encoding="utf-8")
    (overrides / "text.html").write_text(
        theme_text.replace(
            "{%- macro author_html(value) -%}",
            '{%- macro author_html(value) -%}<span class="site-title">'
            "{{ pullmarketing_html(value) }}</span>{%- endmacro -%}\n"
            "{%- macro unused_author_html(value) -%}",
        ),
        encoding="utf-8",
    )
    theme_urls = (partials / "urls.html").read_text(encoding="utf-8")
    (overrides / "urls.html").write_text(
        theme_urls.replace(
            "{%- macro site_url(value) -%}",
            "{%- macro site_url(value) -%}https://cdn.example/{{ value|string|trim }}"
            "{%- endmacro -%}\n{%- macro unused_site_url(value) -%}",
        ),
        encoding="utf-8",
    )
    out = site.build(
        **theme_settings(
            THEME_TEMPLATES_OVERRIDES=[str(overrides.parent)],
            PULLMARKETING_THEME_CSS=["css/site.css"],
        )
    )
    root = parse(out / "post-1.html")
    assert root.xpath("//h1//span[@class='site-title']"), "the override's author_html"
    sheets = root.xpath("//link[@rel='stylesheet']/@href")
    assert sheets[-1] == "https://cdn.example/css/site.css", sheets
