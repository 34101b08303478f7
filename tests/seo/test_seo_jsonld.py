"""JSON-LD escaping, headline limit, image sizes, and extraction of the built
pages' structured data with extruct (as search engines' parsers see it)."""

from __future__ import annotations

import json
import struct

import extruct
import pytest
from seo_helpers import (
    SCRIPT_TITLE_TEXT,
    THEMES,
    SiteBuilder,
    build_settings,
    nodes,
    png,
    write_content,
)

from pelican_pullmarketing.seo import jsonld
from pelican_pullmarketing.seo.images import header_size

BREAKOUTS = ["</script><script>alert(1)</script>", "<!-- <script>", "\"'&\u2028"]


@pytest.mark.parametrize("text", BREAKOUTS)
def test_script_cannot_be_broken_out_of(text):
    markup = jsonld.script([{"@type": "WebPage", "name": text}])
    body = markup[len('<script type="application/ld+json">') : -len("</script>")]
    assert "<" not in body and ">" not in body and "\u2028" not in body
    assert json.loads(body)["@graph"][0]["name"] == text


def test_empty_values_are_left_out():
    written = jsonld.write({"a": None, "b": "", "c": [], "d": {"e": None}, "f": 0})
    assert json.loads(written) == {"f": 0}


def _pruned(value):
    """Empty values (None, "", [], {}) left out at every depth, for the
    encoder to write."""
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        kept = [_pruned(v) for v in value]
        return [v for v in kept if v not in (None, "", [], {})]
    return value


def test_node_text_is_what_the_json_encoder_writes():
    """Nodes are written by one writer, parts written once copied in: the
    same text the encoder writes for the pruned dict."""
    values = {
        "@type": "BlogPosting",
        "headline": 'Quote " back\\slash \u2013 ünïcode <b>&amp;',
        "empty": "",
        "none": None,
        "zero": 0,
        "list": [],
        "dict": {},
        "flag": True,
        "nested": {"@id": "https://example.com/#x"},
        "items": ["a", "b"],
        "deep": {"empty": {"none": None}, "kept": [{"x": ""}, "", 2]},
    }
    encoded = jsonld._ENCODER.encode(_pruned(values))
    assert jsonld.write(values) == encoded
    parts = {
        k: jsonld.Raw(jsonld._ENCODER.encode(v)) for k, v in _pruned(values).items()
    }
    assert jsonld.write(parts) == encoded
    assert jsonld.script([jsonld.Node("WebPage", '{"@type":"WebPage"}')]) == (
        jsonld.script([{"@type": "WebPage"}])
    )


def test_encoded_parts_are_made_afresh_in_each_build(site):
    """Publisher, author and list items are encoded once per build: a second
    build in the same process sees its own settings."""
    site.article("post", "Text.", author="Sam Fitter", tags="a")
    first = nodes(
        site.build(THEME="notmyidea", AUTHOR_SAVE_AS="author/{slug}.html")
        .joinpath("post.html")
        .read_text(encoding="utf-8")
    )
    assert first["BlogPosting"]["author"][0]["url"].endswith("/author/sam-fitter.html")
    out = site.build(
        THEME="notmyidea",
        SITENAME="Renamed Firm",
        AUTHOR_URL="people/{slug}/",
        AUTHOR_SAVE_AS="people/{slug}/index.html",
    )
    again = nodes((out / "post.html").read_text(encoding="utf-8"))
    assert again["BlogPosting"]["author"][0]["url"] == (
        "https://example.com/people/sam-fitter/"
    )
    assert again["Organization"]["name"] == "Renamed Firm"
    listed = nodes((out / "tag" / "a.html").read_text(encoding="utf-8"))
    assert listed["CollectionPage"]["name"] == "Articles tagged a"


def test_image_sizes_from_headers():
    assert header_size(png(640, 360)) == (640, 360)
    assert header_size(b"GIF89a" + struct.pack("<HH", 30, 20)) == (30, 20)
    jpeg = (
        b"\xff\xd8\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00"
        + b"\x00" * 9
        + b"\xff\xc0"
        + struct.pack(">HBHH", 17, 8, 480, 720)
        + b"\x00" * 12
    )
    assert header_size(jpeg) == (720, 480)
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 450">'
    assert header_size(svg) == (800, 450)
    assert header_size(b"not an image") is None


@pytest.fixture(scope="module")
def simple_site(tmp_path_factory):
    site = SiteBuilder(tmp_path_factory.mktemp("extruct"))
    write_content(site)
    site.article("long-title", "Text.", title="Word " * 40, date="2024-01-01 08:00")
    return site.build(**build_settings(THEMES["simple"]))


def test_headline_is_cut_to_110_characters(simple_site):
    html = (simple_site / "long-title.html").read_text(encoding="utf-8")
    data = extruct.extract(
        html, base_url="https://example.com/long-title.html", syntaxes=["json-ld"]
    )
    post = next(n for n in data["json-ld"][0]["@graph"] if n["@type"] == "BlogPosting")
    assert len(post["headline"]) <= 110
    assert post["headline"].endswith("…")


@pytest.mark.parametrize(
    "rel",
    [
        "boiler-pressure.html",
        "index.html",
        "topics/boilers/index.html",
        "boiler-guide.html",
    ],
)
def test_extruct_reads_structured_data_and_open_graph(simple_site, rel):
    html = (simple_site / rel).read_text(encoding="utf-8")
    url = "https://example.com/" + rel
    data = extruct.extract(
        html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True
    )
    assert len(data["json-ld"]) == 1
    graph = {n["@type"]: n for n in data["json-ld"][0]["@graph"]}
    og = data["opengraph"][0]
    assert og["og:url"].startswith("https://example.com/")
    assert og["og:title"] and og["og:description"]
    if "BlogPosting" in graph:
        post = graph["BlogPosting"]
        # Google's required and recommended Article properties.
        for key in (
            "headline",
            "datePublished",
            "dateModified",
            "author",
            "publisher",
            "mainEntityOfPage",
            "description",
        ):
            assert post.get(key), key
        assert all(a.get("name") and a.get("url") for a in post["author"])
    if "BreadcrumbList" in graph:
        items = graph["BreadcrumbList"]["itemListElement"]
        assert len(items) >= 2
        assert all(i.get("name") and i.get("position") for i in items)
        assert all(i.get("item") for i in items[:-1])


def test_script_title_round_trips(simple_site):
    html = (simple_site / "boiler-pressure.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url="https://example.com/", syntaxes=["json-ld"])
    post = next(n for n in data["json-ld"][0]["@graph"] if n["@type"] == "BlogPosting")
    assert post["headline"] == SCRIPT_TITLE_TEXT


def test_og_locale_takes_the_territory_from_locale():
    from pelican_pullmarketing.seo.head import _og_locale

    assert _og_locale("en", {"LOCALE": ["en_GB.UTF-8"]}) == "en_GB"
    assert _og_locale("fr-CA", {}) == "fr_CA"
    assert _og_locale("pt-br", {}) == "pt_BR"


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "en_US"),
        ("fr", "fr_FR"),
        ("de", "de_DE"),
        ("es", "es_ES"),
        ("pt", "pt_BR"),
        ("cy", "cy_GB"),
        ("ar", "ar_EG"),
        ("he", "he_IL"),
    ],
)
def test_a_bare_language_gets_its_most_likely_territory(lang, expected):
    # Open Graph wants ll_TT; a bare language (no LOCALE naming one for it)
    # takes CLDR's likely territory, as Babel knows it.
    from pelican_pullmarketing.seo.head import _og_locale

    assert _og_locale(lang, {"LOCALE": [""]}) == expected


def test_the_site_chooses_the_territory_of_a_language():
    from pelican_pullmarketing.seo.head import _og_locale

    chosen = {"PULLMARKETING_OG_LOCALES": {"en": "en_GB", "fr": "fr_BE"}}
    assert _og_locale("en", dict(chosen, LOCALE=["en_US.UTF-8"])) == "en_GB"
    assert _og_locale("fr", chosen) == "fr_BE"
    assert _og_locale("de", chosen) == "de_DE"


def test_a_wrong_og_locale_setting_is_named():
    from pelican_pullmarketing.errors import SettingsError
    from pelican_pullmarketing.settings import validate

    with pytest.raises(SettingsError) as caught:
        validate({"PULLMARKETING_OG_LOCALES": {"en": "english"}})
    message = str(caught.value)
    assert "PULLMARKETING_OG_LOCALES" in message and "'english'" in message
    assert "en_GB" in message


def test_text_for_an_ascii_page_is_what_ascii_json_writes():
    import random

    from pelican_pullmarketing.seo.jsonld import _enc, _page_value, ascii_json, write

    rng = random.Random(11)
    alphabet = 'ab "\\/<>&\x00\x1f\x7f\u00e9\u2026\u2028\U0001f525'
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        expected = '{"v":' + ascii_json(_enc(text)) + "}" if text else "{}"
        assert write({"v": _page_value(text, True)}) == expected, repr(text)
        kept = '{"v":' + _enc(text) + "}" if text else "{}"
        assert write({"v": _page_value(text, False)}) == kept
