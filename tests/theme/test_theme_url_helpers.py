"""The plugin's address helpers for the bundled theme (template globals)
against the macros of partials/urls.html they stand in for: the same text
for any SITEURL and any address, so a page reads the same with the plugin
as with the theme alone."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from pelican_pullmarketing import core, theme_path

SITEURLS = st.sampled_from(
    [
        "",
        "https://example.com",
        "https://user.github.io/repo",
        "https://user.github.io/repo/",
        "..",
        ".",
        "../..",
        "http://localhost:8000",
    ]
)
ADDRESSES = st.one_of(
    st.sampled_from(
        [
            "",
            "/",
            "index.html",
            "/index.html",
            "./about/",
            "about.html",
            "https://example.com/about/index.html",
            "https://user.github.io/repo/blog/",
            "/repo/blog/index.html",
            "/repo",
            "mailto:hello@example.com",
            "tel:+441179000000",
            "//cdn.example/x.css",
            "data:image/png;base64,AAA",
            "theme/img/logo.svg",
            "  /images/a&b <c>.png  ",
            "a\x00b.html",
        ]
    ),
    st.text(st.sampled_from("/.:a-bé&<\"'\x01 h"), max_size=12),
)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(f"{theme_path()}/templates"), autoescape=True
    )
    env.finalize = core.finalize
    env.globals.update(core.text_globals())
    return env


ENV = environment()
MACROS = ENV.from_string(
    '{% from "partials/urls.html" import site_url, menu_key with context %}'
    "{{ site_url(value) }}\x1e{{ menu_key(value)|string }}"
)
GLOBALS = ENV.from_string(
    "{{ pullmarketing_site_url(value) }}\x1e{{ pullmarketing_menu_key(value)|string }}"
)


@settings(max_examples=300)
@given(siteurl=SITEURLS, value=ADDRESSES, markup=st.booleans())
@example(siteurl="https://user.github.io/repo", value="/repo/blog/", markup=False)
@example(siteurl="https://example.com", value="<b>x</b>", markup=True)
def test_the_globals_write_what_the_macros_write(siteurl, value, markup):
    value = Markup(value) if markup else value
    assert GLOBALS.render(SITEURL=siteurl, value=value) == MACROS.render(
        SITEURL=siteurl, value=value
    )


def test_without_a_siteurl_the_globals_write_what_the_macros_write():
    for value in ("about.html", "https://example.com/", "/x/index.html"):
        assert GLOBALS.render(value=value) == MACROS.render(value=value)
