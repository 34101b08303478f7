from __future__ import annotations

from types import SimpleNamespace

from pelican_pullmarketing import text


def test_plain_text_drops_tags_scripts_and_decodes_entities():
    html = "<p>Boiler&nbsp;service <b>in</b>\n Bristol</p><script>x()</script>"
    assert text.plain_text(html) == "Boiler service in Bristol"  # NBSP folded too


def test_whitespace_is_folded_as_the_regex_whitespace_class_folds_it():
    import re

    spaces = re.compile(r"\s+")
    sample = " a\u00a0\u2003b\t\n c\u3000\u2028d\x1c e\u200b f \x85"
    expected = spaces.sub(" ", sample).strip()
    assert text.plain_text(sample) == expected
    assert text.plain_text(f"<p>{sample}</p>") == expected
    assert text.truncate(sample, 155) == expected


def test_truncate_cuts_at_a_word_boundary_with_an_ellipsis():
    assert text.truncate("one two three four", 12) == "one two…"
    assert len(text.truncate("word " * 100, 155)) <= 155
    assert text.truncate("short", 155) == "short"


def test_description_prefers_metadata_then_summary():
    # The description is plain text: "<em>" is four characters of it.
    with_meta = SimpleNamespace(
        metadata={"description": "From <em>meta</em> &amp; more"},
        summary="<p>Summary</p>",
    )
    assert text.description(with_meta) == "From <em>meta</em> &amp; more"
    # unless the site has Pelican render it as Markdown (FORMATTED_FIELDS)
    formatted = SimpleNamespace(
        metadata={"description": "<p>From <em>meta</em> &amp; more</p>"},
        summary="<p>Summary</p>",
        settings={"FORMATTED_FIELDS": ["summary", "description"]},
    )
    assert text.description(formatted) == "From meta & more"
    without = SimpleNamespace(metadata={}, summary="<p>" + "word " * 60 + "</p>")
    out = text.description(without, 50)
    assert out.endswith("…") and len(out) <= 50


def test_description_is_made_once_per_document_and_limit():
    doc = SimpleNamespace(metadata={}, summary="<p>First text</p>")
    assert text.description(doc, 155) == "First text"
    doc.summary = "<p>Changed</p>"
    assert text.description(doc, 155) == "First text"  # kept on the document
    assert text.description(doc, 20) == "Changed"  # another limit is its own value


def test_with_pages_answers_as_the_list_of_pelicans_pairs():
    """The bundled theme's set of tags (categories, authors) that have a
    page: the same answers as searching Pelican's list of pairs, a tag never
    taken for a category of the same name, and a new list read afresh."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Category, Tag

    from pelican_pullmarketing.core import with_pages

    settings = dict(DEFAULT_CONFIG)
    tags = [(Tag(name, settings), []) for name in ("Heat pumps", "servicing")]
    found = with_pages(tags)
    listed = [pair[0] for pair in tags]
    for probe in (
        Tag("heat pumps", settings),
        Tag("Servicing", settings),
        Tag("boilers", settings),
        Category("servicing", settings),
    ):
        assert (probe in found) == (probe in listed), probe
    assert Tag("boilers", settings) not in found
    more = [*tags, (Tag("boilers", settings), [])]
    assert Tag("boilers", settings) in with_pages(more)
    assert with_pages([]) == frozenset()
