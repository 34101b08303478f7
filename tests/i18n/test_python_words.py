"""The words the package's Python code writes (list pages' titles and
descriptions, the breadcrumb, the OPML title, the gate's button and e-mail
subject, the footer of cross-posted copies, a nameless reply's author, the
days of opening hours) are messages of the package's catalogue, in the
language of the page or document they are written for: the document's
``lang``, else the site's ``DEFAULT_LANG``.

The package ships no French catalogue yet: each test compiles a small one
of its own (real messages of the package, checked against what Babel
extracts from the code) into a temporary folder and points the package at
it."""

from __future__ import annotations

import io
import json
import os
import re
import string

import html5lib
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import pelican_pullmarketing
from pelican_pullmarketing import i18n, theme_path
from pelican_pullmarketing.business.model import parse_opening_hours
from pelican_pullmarketing.business.nap import format_days

NS = "{http://www.w3.org/1999/xhtml}"
PACKAGE = os.path.dirname(os.path.abspath(pelican_pullmarketing.__file__))

# msgid -> French, as a translator would write them.
FRENCH = {
    "Home": "Accueil",
    "Tags": "Étiquettes",
    "Articles tagged {tag}": "Articles avec l’étiquette {tag}",
    "Articles tagged {tag} on {site}.": "Articles avec l’étiquette {tag} sur {site}.",
    "Articles about {topic} from {site}.": "Articles sur {topic} de {site}.",
    "{title} – page {number}": "{title}, page {number}",
    "{description} Page {number}.": "{description} Page {number}.",
    "{title} (category)": "{title} (catégorie)",
    "{site} topics": "Sujets de {site}",
    "Download the guide": "Télécharger le guide",
    "White paper: {title}": "Livre blanc : {title}",
    "First published on {site}.": "Publié d’abord sur {site}.",
    "Someone": "Quelqu’un",
    "Monday": "lundi",
    "Friday": "vendredi",
    "Saturday": "samedi",
    "{first} to {last}": "du {first} au {last}",
}

# A message of the plugin's gate form template: the form follows the landing
# document's language as the Python words do.
FRENCH_TEMPLATE = {"Your email address": "Votre adresse e-mail"}

PO_HEADER = """\
msgid ""
msgstr ""
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

"""


def po_text(messages: dict[str, str]) -> str:
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    entries = [
        f"msgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n"
        for msgid, msgstr in messages.items()
    ]
    return PO_HEADER + "\n".join(entries)


@pytest.fixture
def french(tmp_path, monkeypatch):
    """The package's catalogue folder, holding a French catalogue of FRENCH
    and FRENCH_TEMPLATE only."""
    catalog = read_po(io.StringIO(po_text({**FRENCH, **FRENCH_TEMPLATE})), locale="fr")
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / f"{i18n.DOMAIN}.mo", "wb") as fh:
        write_mo(fh, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path / "locale"))
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


def python_messages() -> dict[str, list[str]]:
    """Every message Babel extracts from the package's Python code (as
    ``make i18n-extract`` does), with its translator comments."""
    found: dict[str, list[str]] = {}
    for _file, _line, message, comments, _context in extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        if isinstance(message, str):
            found.setdefault(message, []).extend(comments)
    return found


def jsonld_nodes(html: str) -> dict[str, dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    assert blocks, "no JSON-LD on the page"
    nodes = {}
    for block in blocks:
        for node in json.loads(block).get("@graph", []):
            nodes.setdefault(node["@type"], node)
    return nodes


def trail(html: str) -> list[str]:
    crumbs = jsonld_nodes(html)["BreadcrumbList"]["itemListElement"]
    return [item["name"] for item in crumbs]


def title_of(html: str) -> str:
    return next(html5lib.parse(html).iter(f"{NS}title")).text


def labels(html: str) -> list[str]:
    return [
        "".join(el.itertext()).strip() for el in html5lib.parse(html).iter(f"{NS}label")
    ]


def buttons(html: str) -> list[str]:
    """The words of every button of the page."""
    return [
        "".join(el.itertext()).strip()
        for el in html5lib.parse(html).iter(f"{NS}button")
    ]


# --- the messages ---------------------------------------------------------------------


def test_the_test_catalogue_holds_real_messages_of_the_package():
    """Each French message translates a message Babel extracts from the
    code: a literal directly inside ``_()``, as pybabel needs it."""
    extracted = python_messages()
    assert sorted(set(FRENCH) - set(extracted)) == []
    assert extracted["White paper: {title}"], "translator comment expected"
    in_templates = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            os.path.join(PACKAGE, "templates"), method_map=[("**.html", "jinja2")]
        )
    }
    assert sorted(set(FRENCH_TEMPLATE) - in_templates) == []


def test_python_messages_use_named_placeholders_only():
    """Messages are whole sentences with named ``str.format`` fields, never
    ``%`` formatting or positional fields (a translator reorders names)."""
    for message in python_messages():
        assert "%(" not in message and "%s" not in message, message
        fields = [
            f for _, f, _, _ in string.Formatter().parse(message) if f is not None
        ]
        assert all(f.isidentifier() for f in fields), message


def test_opening_days_in_the_language_asked(french):
    assert format_days("Mo-Fr", "fr") == "du lundi au vendredi"
    assert format_days("Mo-Fr,Sa", "fr") == "du lundi au vendredi, samedi"
    assert format_days("Mo-Fr") == "Monday to Friday"
    assert format_days("Mo-Fr", "de") == "Monday to Friday"  # no German catalogue
    hours = parse_opening_hours("Mo-Fr 08:00-18:00", "fr")  # on a French site
    assert hours.days_text == "du lundi au vendredi"
    assert hours.days_in("en") == "Monday to Friday"  # on an English page


# --- a site whose language is French ---------------------------------------------------


def french_blog(site) -> None:
    site.article(
        "chauffage",
        "Une pompe à chaleur chauffe la maison.",
        title="Chauffage",
        category="Chauffage",
        tags="pompes",
        date="2024-03-04 10:00",
    )
    site.article(
        "isolation",
        "Isoler les combles d’abord.",
        title="Isolation des combles",
        category="Chauffage",
        tags="pompes",
        date="2024-03-05 10:00",
    )


def test_a_french_site_gets_the_words_of_its_list_pages_in_french(site, french):
    french_blog(site)
    out = site.build(DEFAULT_LANG="fr", DEFAULT_PAGINATION=1, THEME=theme_path())
    tag_page = (out / "tag" / "pompes.html").read_text(encoding="utf-8")
    listed = jsonld_nodes(tag_page)["CollectionPage"]
    assert listed["name"] == "Articles avec l’étiquette pompes"
    assert listed["description"] == (
        "Articles avec l’étiquette pompes sur Example Firm."
    )
    assert trail(tag_page) == ["Accueil", "Articles avec l’étiquette pompes"]
    second = jsonld_nodes((out / "tag" / "pompes2.html").read_text(encoding="utf-8"))
    assert (
        second["CollectionPage"]["name"] == "Articles avec l’étiquette pompes, page 2"
    )
    assert second["CollectionPage"]["description"] == (
        "Articles avec l’étiquette pompes sur Example Firm. Page 2."
    )
    tags = jsonld_nodes((out / "tags.html").read_text(encoding="utf-8"))
    assert tags["CollectionPage"]["name"] == "Étiquettes"
    category = (out / "category" / "chauffage.html").read_text(encoding="utf-8")
    assert jsonld_nodes(category)["CollectionPage"]["description"] == (
        "Articles sur Chauffage de Example Firm."
    )
    # The article "Chauffage" has the title first: the category's says
    # what the page is, in French.
    assert title_of(category) == "Chauffage (catégorie) | Example Firm"
    opml = (out / "subscribe" / "topics.opml").read_text(encoding="utf-8")
    assert "<title>Sujets de Example Firm</title>" in opml


def test_the_same_site_in_english_keeps_the_english_words(site, french):
    french_blog(site)
    out = site.build(DEFAULT_LANG="en", DEFAULT_PAGINATION=1, THEME=theme_path())
    tag_page = (out / "tag" / "pompes.html").read_text(encoding="utf-8")
    assert jsonld_nodes(tag_page)["CollectionPage"]["name"] == "Articles tagged pompes"
    assert trail(tag_page) == ["Home", "Articles tagged pompes"]
    second = jsonld_nodes((out / "tag" / "pompes2.html").read_text(encoding="utf-8"))
    assert second["CollectionPage"]["name"] == "Articles tagged pompes – page 2"
    assert second["CollectionPage"]["description"] == (
        "Articles tagged pompes on Example Firm. Page 2."
    )
    category = (out / "category" / "chauffage.html").read_text(encoding="utf-8")
    assert title_of(category) == "Chauffage (category) | Example Firm"
    opml = (out / "subscribe" / "topics.opml").read_text(encoding="utf-8")
    assert "<title>Example Firm topics</title>" in opml


# --- a French article on an English site -----------------------------------------------

GATE_OVERRIDE = """{% extends "!simple/article.html" %}
{% block content %}{{ super() }}{{ article.gate_form }}{% endblock %}
"""


def test_a_french_article_gets_its_gate_copy_and_trail_in_french(site, french):
    """The words written for a document follow its ``lang``; the e-mail to
    the site's owner stays in the site's language."""
    templates = site.root / "templates"
    templates.mkdir(parents=True)
    (templates / "article.html").write_text(GATE_OVERRIDE, encoding="utf-8")
    site.write("papers/guide.pdf", b"%PDF-1.4\n% guide\n%%EOF\n")
    site.write("papers/guide-en.pdf", b"%PDF-1.4\n% guide en\n%%EOF\n")
    # One guide in two languages: translations of each other.
    for folder, lang, paper in (
        ("fr", "fr", "papers/guide.pdf"),
        ("", "en", "papers/guide-en.pdf"),
    ):
        site.article(
            "guide",
            "A paper. Un guide.",
            title=f"Guide {lang}",
            folder=folder,
            lang=lang,
            gated_file=paper,
            crosspost="devto",
        )
    out = site.build(
        PULLMARKETING_GATE={"provider": "formspree", "form_id": "xbjnqkzd"},
        PULLMARKETING_PRIVACY_URL="privacy/",
        PULLMARKETING_GATE_SECRET="test-secret",
        PULLMARKETING_CROSSPOST_TARGETS={"devto": {}},
        THEME_TEMPLATES_OVERRIDES=[str(templates)],
    )
    fr = (out / "guide-fr.html").read_text(encoding="utf-8")
    en = (out / "guide.html").read_text(encoding="utf-8")
    assert buttons(fr) == ["Télécharger le guide"]
    assert buttons(en) == ["Download the guide"]
    # The form's template speaks the document's language too.
    assert labels(fr)[0] == "Votre adresse e-mail"
    assert labels(en)[0] == "Your email address"
    assert 'name="_subject" value="White paper: Guide fr"' in fr
    assert trail(fr)[0] == "Accueil"
    assert trail(en)[0] == "Home"

    manifest = json.loads((out / "crosspost" / "manifest.json").read_text("utf-8"))
    bodies = {
        e["source"]: e["payload"]["article"]["body_markdown"]
        for e in manifest["entries"]
    }
    utm = "utm_source=devto&utm_medium=syndication&utm_campaign=crosspost"
    assert bodies["fr/guide.md"] == (
        "A paper. Un guide.\n\n*Publié d’abord sur "
        f"[Example Firm](https://example.com/guide-fr.html?{utm}).*\n"
    )
    assert bodies["guide.md"] == (
        "A paper. Un guide.\n\n*First published on "
        f"[Example Firm](https://example.com/guide.html?{utm}).*\n"
    )


def test_a_french_site_asks_its_owner_in_french(site, french):
    """On a French site the notification e-mail's subject is French."""
    templates = site.root / "templates"
    templates.mkdir(parents=True)
    (templates / "article.html").write_text(GATE_OVERRIDE, encoding="utf-8")
    site.write("papers/guide.pdf", b"%PDF-1.4\n% guide\n%%EOF\n")
    site.article("guide", "Un guide.", title="Guide", gated_file="papers/guide.pdf")
    out = site.build(
        DEFAULT_LANG="fr",
        PULLMARKETING_GATE={"provider": "formspree", "form_id": "xbjnqkzd"},
        PULLMARKETING_PRIVACY_URL="privacy/",
        PULLMARKETING_GATE_SECRET="test-secret",
        THEME_TEMPLATES_OVERRIDES=[str(templates)],
    )
    page = (out / "guide.html").read_text(encoding="utf-8")
    assert 'name="_subject" value="Livre blanc : Guide"' in page
    assert buttons(page) == ["Télécharger le guide"]


def test_a_reply_without_a_name_is_from_someone_in_the_articles_language(site, french):
    site.article("chaudiere", "Entretien.", title="Chaudière", lang="fr")
    site.article("boiler", "Service.", title="Boiler")
    reply = {
        "kind": "reply",
        "platform": "mastodon",
        "url": "https://mastodon.example/@x/1",
        "author": {"name": "", "url": ""},
        "published": "2024-03-05T10:00:00+00:00",
        "html": "<p>Merci !</p>",
    }
    data = {
        "version": 1,
        "articles": {
            source: {"copies": {}, "entries": [dict(reply, id=f"mastodon:{source}")]}
            for source in ("chaudiere.md", "boiler.md")
        },
    }
    conversation = site.root / "conversation.json"
    conversation.write_text(json.dumps(data), encoding="utf-8")
    out = site.build(
        THEME=theme_path(), PULLMARKETING_CONVERSATION_FILE=str(conversation)
    )
    for page, name in (
        ("chaudiere-fr.html", "Quelqu’un"),
        ("boiler.html", "Someone"),
    ):
        posting = jsonld_nodes((out / page).read_text(encoding="utf-8"))["BlogPosting"]
        assert [c["author"]["name"] for c in posting["comment"]] == [name], page


FIRM = {
    "name": "Chauffage Dupont",
    "type": "Plumber",
    "telephone": "01 23 45 67 89",
    "address": {
        "street": "12 rue de la Paix",
        "locality": "Lyon",
        "postcode": "69002",
        "country": "FR",
    },
    "opening_hours": ["Mo-Fr 08:00-18:00", "Sa 09:00-12:00"],
}


def test_opening_days_on_a_french_site(site, french):
    """The bundled theme prints the days in the site's language; JSON-LD
    keeps schema.org's names, which are no language's words."""
    site.article("chauffage", "Texte.", title="Chauffage")
    out = site.build(DEFAULT_LANG="fr", THEME=theme_path(), PULLMARKETING_BUSINESS=FIRM)
    page = (out / "chauffage.html").read_text(encoding="utf-8")
    assert "du lundi au vendredi" in page
    assert "Monday" not in re.sub(r"<script.*?</script>", "", page, flags=re.S)
    nodes = jsonld_nodes(page)
    node = next(n for n in nodes.values() if n.get("openingHoursSpecification"))
    assert node["openingHoursSpecification"][0]["dayOfWeek"][0] == "Monday"
