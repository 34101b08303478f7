"""Right-to-left languages: the page's direction on its <html> element, and
titles of the other direction isolated (<bdi>) inside the theme's
sentences, so their letters and the sentence's punctuation stay in order."""

from __future__ import annotations

import html5lib
import pytest
from jinja2 import Environment
from markupsafe import Markup

from pelican_pullmarketing import i18n, theme_path

NS = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("ar", "rtl"),
        ("he", "rtl"),
        ("fa-IR", "rtl"),
        ("ur", "rtl"),
        ("en", "ltr"),
        ("fr-CA", "ltr"),
        ("cy", "ltr"),
        ("tlh", "ltr"),
        ("", "ltr"),
        (None, "ltr"),
    ],
)
def test_the_direction_of_a_language(lang, expected):
    assert i18n.text_direction(lang) == expected


def render(source: str, **context) -> str:
    env = Environment(autoescape=True)
    i18n.install(env)
    return env.from_string(source).render(**context)


def test_a_title_of_the_other_direction_is_isolated():
    source = "{{ pullmarketing_isolate(title) }}"
    hebrew = "משאבות חום"
    assert render(source, title=hebrew, DEFAULT_LANG="en") == f"<bdi>{hebrew}</bdi>"
    assert render(source, title="Heat <pumps>", DEFAULT_LANG="ar") == (
        "<bdi>Heat &lt;pumps&gt;</bdi>"
    )
    # The page's own direction, or no letters at all: as it was.
    assert render(source, title="Heat pumps", DEFAULT_LANG="en") == "Heat pumps"
    assert render(source, title=hebrew, DEFAULT_LANG="he") == hebrew
    assert render(source, title="2025", DEFAULT_LANG="ar") == "2025"
    # Markup (an author's title) keeps its markup; its text decides.
    assert render(source, title=Markup("<em>משאבות</em>"), DEFAULT_LANG="en") == (
        "<bdi><em>משאבות</em></bdi>"
    )


def _html(path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=True)


def test_an_arabic_site_is_written_right_to_left_and_an_english_article_not(site):
    site.article(
        "mudakhil",
        "مقالة.",
        title="مضخات حرارية",
        category="Heat pumps",
        tags="تدفئة",
    )
    site.article(
        "english", "An article.", title="Heat pumps", lang="en", category="Heat pumps"
    )
    out = site.build(
        DEFAULT_LANG="ar", THEME=theme_path(), SITEURL="https://example.com"
    )
    root = _html(out / "mudakhil.html")
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    english = _html(out / "english-en.html")
    assert (english.get("lang"), english.get("dir")) == ("en", None)
    subscribe = (out / "subscribe" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in subscribe
    # The English topic title inside the page's sentences is isolated.
    assert "<bdi>Heat pumps</bdi>" in subscribe


def test_an_english_site_has_no_direction_and_no_isolation(site):
    site.article("post", "Text.", title="Heat pumps", category="Heat pumps")
    out = site.build(THEME=theme_path(), SITEURL="https://example.com")
    page = (out / "subscribe" / "index.html").read_text(encoding="utf-8")
    assert 'dir="' not in page.split(">", 2)[1] and "<bdi>" not in page


def test_the_theme_lays_out_with_logical_properties_only():
    # One stylesheet for both directions: no physical left or right.
    import os
    import re

    folder = os.path.join(theme_path(), "static", "css")
    physical = re.compile(
        r"(?<![\w-])(?:margin|padding|border)-(?:left|right)\b|"
        r"(?<![\w-])(?:left|right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)"
    )
    found = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if physical.search(line):
                    found.append(f"{name}:{number}: {line.strip()[:80]}")
    assert found == []


def _isolated(element) -> list[str]:
    return [_plain(b) for b in element.iter(f"{NS}bdi")]


def _plain(element) -> str:
    return "".join(element.itertext()).strip()


def _by_class(root, cls: str) -> list:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


def test_english_titles_inside_the_sentences_of_a_hebrew_site_are_isolated(site):
    for number, slug in enumerate(("mashevot", "bidud"), 1):
        site.article(
            slug,
            "טקסט.",
            title="Heat pumps explained" if number == 1 else "Loft insulation",
            date=f"2024-03-0{number} 10:00",
            category="Heat pumps",
            tags="Grants",
            author="Sam Lee",
        )
    site.article(
        "mashevot",
        "Text.",
        title="Heat pumps explained",
        category="Heat pumps",
        lang="en",
        folder="en",
    )
    out = site.build(
        DEFAULT_LANG="he",
        THEME=theme_path(),
        PULLMARKETING_EMAIL_BY_FEED_URL="https://feedrabbit.com/?url={feed}",
    )
    article = _html(out / "mashevot.html")
    assert article.get("dir") == "rtl"
    # "Also in: English", the byline's author and category, the breadcrumb,
    # "Get new articles on <topic> by e-mail", "Or follow <topic> in your
    # feed reader", the related article's title.
    assert _isolated(_by_class(article, "translations")[0]) == ["English"]
    assert _isolated(_by_class(article, "entry-meta")[0]) == ["Sam Lee", "Heat pumps"]
    assert "Heat pumps" in _isolated(_by_class(article, "breadcrumbs")[0])
    assert _isolated(_by_class(article, "subscribe-block")[0])[:2] == [
        "Heat pumps",
        "Heat pumps",
    ]
    assert _isolated(_by_class(article, "feed-follow__label")[0]) == ["Heat pumps"]
    assert _isolated(_by_class(article, "related")[0]) == ["Loft insulation"]
    # Headings with a name inside a sentence: "Tagged “Grants”", "Articles
    # by Sam Lee".
    assert _isolated(_html(out / "tag" / "grants.html").find(f".//{NS}h1")) == [
        "Grants"
    ]
    assert _isolated(_html(out / "author" / "sam-lee.html").find(f".//{NS}h1")) == [
        "Sam Lee"
    ]
    subscribe = _html(out / "subscribe" / "index.html")
    assert _isolated(_by_class(subscribe, "signup__service")[0]) == ["Heat pumps"]
    # Never inside <title> or an attribute.
    assert "<bdi>" not in _plain(article.find(f".//{NS}title"))
    # The English translation: its own direction, nothing isolated there.
    english = _html(out / "mashevot-en.html")
    assert _isolated(_by_class(english, "entry-meta")[0]) == []


def test_german_topic_titles_keep_their_capital_inside_sentences(site):
    # Nouns are capitalised in German: "Wärmepumpen" stays so inside the
    # sentences of the topic hub and the subscribe page (the plugin's
    # templates, under Pelican's own theme).
    site.article("waerme", "Text.", title="Wärmepumpen erklärt", category="Wärmepumpen")
    site.article("daemm", "Text.", title="Dachdämmung", category="Dämmung")
    topics = {
        "waermepumpen": {"title": "Wärmepumpen", "categories": ["Wärmepumpen"]},
        "daemmung": {"title": "Dämmung", "categories": ["Dämmung"]},
    }
    out = site.build(DEFAULT_LANG="de", PULLMARKETING_TOPICS=topics)
    hub = (out / "topics" / "waermepumpen" / "index.html").read_text(encoding="utf-8")
    assert "neuen Artikel zum Thema Wärmepumpen" in hub
    subscribe = (out / "subscribe" / "index.html").read_text(encoding="utf-8")
    assert "Die Artikel hier handeln von Wärmepumpen und Dämmung." in subscribe
    assert "wärmepumpen" not in subscribe
