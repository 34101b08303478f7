"""The plugin's text globals for the bundled theme against the macros of
partials/text.html they stand in for: the same markup for any value, so a
page reads the same whichever the theme takes."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from pelican_pullmarketing import core, theme_path

ENV = Environment(loader=FileSystemLoader(f"{theme_path()}/templates"), autoescape=True)
ENV.finalize = core.finalize
ENV.globals.update(core.text_globals())
CALLS = (
    "[{{ author_html(value) }}]({{ text_of(value) }})({{ cut(value, limit) }})"
    "({{ text_of(value)|e }}{{ (text_of(value) ~ '&')|length }})"
    "({{ (cut(value, limit)|string).split()|join(' ')|lower }})"
)
MACROS = ENV.from_string(
    '{% from "partials/text.html" import author_html, text_of, cut %}' + CALLS
)
GLOBALS = ENV.from_string(
    "{% set author_html, text_of, cut = pullmarketing_html, pullmarketing_text_of,"
    " pullmarketing_cut %}" + CALLS
)
TEXT = st.lists(
    st.sampled_from(list("ab é<>&\"'/ \x01\n;#x27…"))
    | st.sampled_from(["<b>", "</b>", "&amp;", "<script>x</script>", "&#x27;"]),
    max_size=30,
).map("".join)


@given(value=TEXT, markup=st.booleans(), limit=st.integers(1, 20))
@example(value="Fish & <b>chips</b>", markup=True, limit=8)
@example(value="a < b > c", markup=False, limit=3)
def test_the_globals_write_what_the_macros_write(value, markup, limit):
    value = Markup(value) if markup else value
    assert GLOBALS.render(value=value, limit=limit) == MACROS.render(
        value=value, limit=limit
    )


def test_nothing_given_writes_what_the_macros_write():
    for value in (None, ""):
        assert GLOBALS.render(value=value, limit=5) == MACROS.render(
            value=value, limit=5
        )
    assert GLOBALS.render(limit=5) == MACROS.render(limit=5)  # undefined
