"""Reply text comes from strangers: what the sanitiser lets through."""

from __future__ import annotations

import html5lib
from fakeapis import HOSTILE_HTML
from hypothesis import given, settings
from hypothesis import strategies as st

from pelican_pullmarketing.conversation import safety

NS = "{http://www.w3.org/1999/xhtml}"


def elements(markup: str):
    fragment = html5lib.parseFragment(markup, namespaceHTMLElements=True)
    return list(fragment.iter())[1:] if hasattr(fragment, "iter") else []


def parsed(markup: str):
    doc = html5lib.parse(f"<body>{markup}</body>")
    body = doc.find(f"{NS}body")
    return [el for el in body.iter() if el is not body]


def assert_harmless(markup: str) -> None:
    for el in parsed(markup):
        tag = el.tag.replace(NS, "")
        assert tag in safety.TAGS, tag
        for name, value in el.attrib.items():
            assert tag == "a" and name in ("href", "rel"), (tag, name)
            if name == "href":
                assert value.startswith(("http://", "https://")), value
            if name == "rel":
                assert value == "nofollow ugc noopener"


def test_a_hostile_reply_keeps_only_paragraphs_links_and_emphasis():
    clean = safety.sanitize_html(HOSTILE_HTML)
    assert_harmless(clean)
    assert "alert" not in clean and "steal" not in clean
    assert "tracker.example" not in clean and "evil.example" not in clean
    assert (
        '<a href="https://spam.example/" rel="nofollow ugc noopener">spam</a>' in clean
    )
    assert "<a rel" not in clean  # the javascript: link is left as its text


def test_100_kb_of_text_is_bounded():
    for markup in (
        "<p>" + "word " * 20_000 + "</p>",
        "<b>" * 50_000 + "x",
        "a" * 100_000,
    ):
        clean = safety.sanitize_html(markup)
        assert len(safety.text.plain_text(clean)) <= safety.MAX_TEXT_CHARS
        assert len(clean) <= safety.MAX_HTML_CHARS
        assert_harmless(clean)


def test_plain_text_is_escaped_not_interpreted():
    assert safety.text_to_html("<script>x</script>\n1 < 2") == (
        "<p>&lt;script&gt;x&lt;/script&gt;<br>1 &lt; 2</p>"
    )


def test_only_absolute_web_urls_are_kept():
    assert safety.safe_url("https://a.example/x") == "https://a.example/x"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "/relative",
        "https://a b",
        "JAVASCRIPT:x",
        "https://",
        None,
        3,
    ):
        assert safety.safe_url(bad) == ""


def test_names_are_plain_and_short():
    assert safety.safe_name("<b>Mallory</b>\n\x00") == "<b>Mallory</b>"
    assert len(safety.safe_name("x" * 500)) <= safety.MAX_NAME_CHARS
    assert safety.initials("Alice Moss") == "AM"
    assert safety.initials("  ") == "?"


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("<>/=\"' apbscriptonerrorhref:javascript&#;x")),
        max_size=300,
    )
)
def test_anything_sanitised_is_harmless(markup):
    assert_harmless(safety.sanitize_html(markup))
    assert_harmless(safety.text_to_html(markup))
