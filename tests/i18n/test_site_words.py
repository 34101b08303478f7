"""A site's own words in place of the package's (``PULLMARKETING_WORDS``):
keyed by the English sentence, for every language or per language, in the
templates (bundled theme and plugin) and in the words Python writes (JSON-LD
breadcrumbs, the OPML title), plain text escaped where it lands; a bad
entry stops the build before anything is written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import html5lib
import pytest

from pelican_pullmarketing import settings, theme_path
from pelican_pullmarketing.errors import BuildFailed
from pelican_pullmarketing.i18n import words

NS = "{http://www.w3.org/1999/xhtml}"


def _html(path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=True)


def _text(element) -> str:
    return "".join(element.itertext()).strip()


def _breadcrumb_names(root) -> list[str]:
    for script in root.iter(f"{NS}script"):
        if script.get("type") != "application/ld+json":
            continue
        data = json.loads(script.text)
        nodes = data.get("@graph", [data]) if isinstance(data, dict) else data
        for node in nodes:
            if node.get("@type") == "BreadcrumbList":
                return [item["name"] for item in node["itemListElement"]]
    return []


def _first(root, tag: str, cls: str):
    for element in root.iter(f"{NS}{tag}"):
        if cls in (element.get("class") or "").split():
            return element
    raise AssertionError(f"no <{tag} class={cls}>")


WORDS = {
    # A sentence of the bundled theme, with a placeholder and characters
    # that HTML must escape.
    "Get new articles on %(topics)s by e-mail": "Notes & news on %(topics)s <by post>",
    # Words Python writes: the breadcrumb's first step (theme and JSON-LD),
    # the OPML file's title.
    "Home": "Workshop",
    "{site} topics": "Every feed of {site}",
    "fr": {
        "Home": "Atelier",
        "Get new articles on %(topics)s by e-mail": "Suivre %(topics)s par courriel",
    },
}


def test_the_site_replaces_a_sentence_for_every_language_and_per_language(site):
    site.article("pumps", "Text.", title="Heat pumps", category="Heat pumps")
    site.article(
        "pompes",
        "Texte.",
        title="Pompes à chaleur",
        category="Heat pumps",
        lang="fr",
    )
    out = site.build(THEME=theme_path(), PULLMARKETING_WORDS=WORDS)

    english = _html(out / "pumps.html")
    heading = english.find(f".//{NS}h2[@id='subscribe-title']")
    assert _text(heading) == "Notes & news on Heat pumps <by post>"
    raw = (out / "pumps.html").read_text(encoding="utf-8")
    assert "Notes &amp; news on Heat pumps &lt;by post&gt;" in raw
    crumbs = _first(english, "nav", "breadcrumbs")
    assert _text(crumbs.find(f".//{NS}a")) == "Workshop"
    assert _breadcrumb_names(english)[0] == "Workshop"

    # The French article: its language's entry first, the English
    # sentences it does not replace from the shipped French catalogue.
    french = _html(out / "pompes-fr.html")
    heading = french.find(f".//{NS}h2[@id='subscribe-title']")
    assert _text(heading) == "Suivre Heat pumps par courriel"
    crumbs = _first(french, "nav", "breadcrumbs")
    assert _text(crumbs.find(f".//{NS}a")) == "Atelier"
    assert _breadcrumb_names(french)[0] == "Atelier"
    assert "Publié" in _text(_first(french, "p", "entry-meta"))

    opml = ET.parse(out / "subscribe" / "topics.opml").getroot()
    assert opml.find("head/title").text == "Every feed of Example Firm"


def test_a_plural_sentence_takes_its_forms(site):
    site.article("one", "Text.", category="Boilers")
    site.article("two", "Text.", category="Heat pumps", date="2024-03-05 10:00")
    site.article("three", "Text.", category="Heat pumps", date="2024-03-06 10:00")
    out = site.build(
        THEME=theme_path(),
        PULLMARKETING_WORDS={
            "%(count)s article": ["%(count)s post", "%(count)s posts"]
        },
    )
    counts = [
        _text(span)
        for span in _html(out / "categories.html").iter(f"{NS}span")
        if span.get("class") == "term-list__count"
    ]
    assert sorted(counts) == ["1 post", "2 posts"]


def test_the_plugin_templates_under_another_theme_take_the_words(site):
    site.article("post", "Text.", title="Heat pumps", category="Heat pumps")
    out = site.build(
        PULLMARKETING_WORDS={"Only the topics you choose": "Pick & choose"}
    )
    page = (out / "subscribe" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Pick &amp; choose</h2>" in page


@pytest.mark.parametrize(
    "given, field, says",
    [
        (
            {
                "Get new articles by e-mail": "Follow by e-mail",
                "Get new artcles by e-mail": "x",
            },
            "PULLMARKETING_WORDS['Get new artcles by e-mail']",
            "did you mean 'Get new articles by e-mail'?",
        ),
        (
            {"fr": {"Get %(topic)s by e-mail": "Recevoir par e-mail"}},
            "PULLMARKETING_WORDS['fr']['Get %(topic)s by e-mail']",
            "placeholders none where the sentence has %(topic)s",
        ),
        (
            {"{site} topics": "Feeds of {website}"},
            "PULLMARKETING_WORDS['{site} topics']",
            "placeholders {website} where the sentence has {site}",
        ),
        (
            {"Get %(topic)s by e-mail": "Get %(topic)s and %(topics)s by e-mail"},
            "PULLMARKETING_WORDS['Get %(topic)s by e-mail']",
            "placeholders %(topic)s, %(topics)s where the sentence has %(topic)s",
        ),
        (
            {"pl": {"%(count)s article": ["%(count)s wpis", "%(count)s wpisy"]}},
            "PULLMARKETING_WORDS['pl']['%(count)s article']",
            "a list of the 3 plural forms",
        ),
        (
            {"Subscribe": ""},
            "PULLMARKETING_WORDS['Subscribe']",
            "non-empty text",
        ),
    ],
)
def test_a_bad_entry_stops_the_build_naming_setting_key_given_and_expected(
    site, given, field, says
):
    site.article("post", "Text.", title="Heat pumps", category="Heat pumps")
    with pytest.raises(BuildFailed) as caught:
        site.build(THEME=theme_path(), PULLMARKETING_WORDS=given)
    message = str(caught.value)
    assert field in message and says in message
    assert "expected" in message
    assert not (site.output / "post.html").exists()


def test_every_sentence_of_the_package_can_be_replaced():
    known = words.sentences()
    assert len(known) > 150
    assert [english for english, s in known.items() if not s.replaceable] == []
    assert "Get new articles by e-mail" in known
    assert known["%(count)s article"].plural == "%(count)s articles"
    assert known["{site} topics"].placeholders == {"site"}


def test_a_sentence_holding_markup_would_be_refused_with_the_reason(monkeypatch):
    # None does today; a template that brings one back gets a clear
    # message instead of a replacement printing the theme's markup as text.
    marked = 'Call<span class="site-call__us"> us</span>'
    known = {marked: words.Sentence(marked, None, "plain", frozenset(), "")}
    monkeypatch.setattr(words, "sentences", lambda: known)
    with pytest.raises(settings.InvalidSettings) as caught:
        settings.check_setting("PULLMARKETING_WORDS", {marked: "Ring"})
    assert "cannot be replaced" in str(caught.value)


def test_a_key_may_write_a_sentence_over_two_lines_on_one(site):
    # The catalogue has "Also in:\n%(languages)s" (a trans block over two
    # lines); the key the owner copies from `pullmarketing words` has a space.
    site.article("pumps", "Text.", title="Heat pumps")
    site.article("pumps", "Texte.", title="Pompes", lang="fr", folder="fr")
    out = site.build(
        THEME=theme_path(),
        PULLMARKETING_WORDS={"Also in: %(languages)s": "Read it in %(languages)s"},
    )
    line = _first(_html(out / "pumps.html"), "p", "translations")
    assert _text(line) == "Read it in Français"


def test_the_gate_form_takes_the_words_of_its_template_and_of_python(site):
    from tests.gates.gates_support import GatedSite

    gated = GatedSite(site)
    gated.landing()
    out = gated.build(
        gate={"provider": "kit", "form_id": "1234567", "delivery": "email"},
        PULLMARKETING_WORDS={
            # Written by the plugin's gate_form.html...
            "The guide is sent to this address, whether or not you tick the box.": (
                "The guide goes to this address, box or no box."
            ),
            # ...and by Python (the button's default words).
            "Email me the guide": "Send it <now>",
        },
    )
    form = gated.form(out)
    note = form.find(class_="pm-gate-form__note").get_text(" ", strip=True)
    assert note.startswith("The guide goes to this address, box or no box. ")
    assert form.find("button").get_text(strip=True) == "Send it <now>"
    assert "Send it &lt;now&gt;" in str(form.find("button"))
