"""Keyword anchors in other languages than English, on real builds: French
and Italian elision with either apostrophe, apostrophes inside words,
accented, Polish, Greek, Cyrillic and German words, scripts without spaces."""

from __future__ import annotations

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pelican_pullmarketing.keywords.matcher import KeywordMatcher
from pelican_pullmarketing.keywords.splice import MarkupText

KW_ONLY = ["pelican_pullmarketing.keywords"]
NS = "{http://www.w3.org/1999/xhtml}"
TARGET = "https://example.org/target"


def keyword_links(page: str) -> list[tuple[str, str]]:
    """(text of the link, text just before it in its parent) of each keyword
    link of an output page, read with an HTML parser."""
    tree = html5lib.parse(page)
    found = []
    for parent in tree.iter():
        before = parent.text or ""
        for child in parent:
            if child.tag == f"{NS}a" and "keyword-link" in (child.get("class") or ""):
                found.append(("".join(child.itertext()), before))
            before = child.tail or ""
    return found


def linked(page: str) -> list[str]:
    return [text for text, _ in keyword_links(page)]


def build(site, keywords: dict, **settings):
    settings.setdefault("PLUGINS", KW_ONLY)
    settings.setdefault("DEFAULT_LANG", "fr")
    return site.build(PULLMARKETING_KEYWORDS=keywords, **settings)


# Elision: the apostrophe after an elided word is a word boundary.


@pytest.mark.parametrize(
    "written",
    ["l'isolation", "l’isolation", "lʼisolation", "L’Isolation", "l&rsquo;isolation"],
)
def test_elided_article_before_a_keyword_is_a_boundary_and_stays_outside_the_link(
    site, written
):
    site.article("post", f"Nous conseillons {written} des combles.")
    build(site, {"isolation": TARGET})
    [(text, before)] = keyword_links(site.read("post.html"))
    assert text.lower() == "isolation"
    assert before[-2:].lower() in ("l'", "l’", "lʼ")


def test_every_french_elision_with_both_apostrophes(site):
    elided = ["l", "d", "j", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"]
    body = " ".join(
        f"{word}{'’' if i % 2 else chr(39)}isolation{i}"
        for i, word in enumerate(elided)
    )
    site.article("post", body)
    build(
        site,
        {f"isolation{i}": f"{TARGET}/{i}" for i in range(len(elided))},
        PULLMARKETING_MAX_LINKS_PER_ARTICLE=20,
    )
    assert linked(site.read("post.html")) == [
        f"isolation{i}" for i in range(len(elided))
    ]


def test_italian_elision(site):
    site.article("post", "Il costo dell’impianto e un’altra caldaia.", lang="it")
    build(site, {"impianto": TARGET, "altra caldaia": f"{TARGET}/2"})
    assert linked(site.read("post-it.html")) == ["impianto", "altra caldaia"]


def test_smart_quotes_of_markdown_and_restructuredtext(site):
    # SmartyPants (Markdown's smarty extension) and docutils' smart quotes
    # write the typographic apostrophe, as an entity or a character.
    site.article("md", "Le prix de l'isolation des combles.")
    site.write(
        "rst.rst",
        """
        Isolation en rST
        ################

        :date: 2024-03-04 10:00
        :slug: rst

        Le prix de l'isolation, d'abord.
        """,
    )
    build(
        site,
        {"isolation": TARGET},
        MARKDOWN={
            "extension_configs": {"markdown.extensions.smarty": {}},
            "output_format": "html5",
        },
        DOCUTILS_SETTINGS={"smart_quotes": True},
    )
    md, rst = site.read("md.html"), site.read("rst.html")
    assert "&rsquo;" in md and "’" in rst
    assert keyword_links(md) == [("isolation", "Le prix de l’")]
    assert keyword_links(rst) == [("isolation", "Le prix de l’")]


def test_apostrophe_inside_a_word_is_no_boundary(site):
    site.article(
        "en",
        "Don't wait: O'Brien's team can't fix it. Rock'n'roll.",
        lang="en",
    )
    site.article("fr", "Aujourd’hui et quelqu'un.")
    build(
        site,
        {
            "t": f"{TARGET}/t",
            "don": f"{TARGET}/don",
            "brien": f"{TARGET}/brien",
            "can": f"{TARGET}/can",
            "rock": f"{TARGET}/rock",
            "hui": f"{TARGET}/hui",
            "aujourd": f"{TARGET}/aujourd",
        },
    )
    assert linked(site.read("en-en.html")) == []
    assert linked(site.read("fr.html")) == []


def test_possessive_and_clitics_leave_the_word_whole(site):
    site.article(
        "post", "The boiler’s pressure, the pump's noise, two boilers' valves."
    )
    build(
        site,
        {"boiler": f"{TARGET}/b", "pump": f"{TARGET}/p", "boilers": f"{TARGET}/s"},
        DEFAULT_LANG="en",
    )
    assert linked(site.read("post.html")) == ["boiler", "pump", "boilers"]


def test_a_keyword_with_one_apostrophe_matches_text_with_the_other(site):
    site.article("one", "La prime d’isolation est versée.")
    site.article("two", "The plumber's mate is here.")
    build(site, {"prime d'isolation": f"{TARGET}/1", "plumber’s mate": f"{TARGET}/2"})
    assert linked(site.read("one.html")) == ["prime d’isolation"]
    assert linked(site.read("two.html")) == ["plumber's mate"]


# Accented, non-Latin and compound words: whole words only.


def test_accented_phrase_matches_and_compounds_do_not(site):
    site.article("fr", "Une pompe à chaleur, des pompes à chaleur.")
    site.article("de", "Die Wärmepumpenheizung und die Luftwärmepumpe.", lang="de")
    site.article("de2", "Eine Wärmepumpe, bitte.", lang="de")
    build(site, {"pompe à chaleur": f"{TARGET}/1", "Wärmepumpe": f"{TARGET}/2"})
    assert linked(site.read("fr.html")) == ["pompe à chaleur"]
    assert linked(site.read("de-de.html")) == []
    assert linked(site.read("de2-de.html")) == ["Wärmepumpe"]


def test_polish_greek_and_cyrillic_words_match_whole(site):
    site.article(
        "pl",
        "Montaż: POMPA CIEPŁA, pompaciepła i pompy ciepła.",
        lang="pl",
    )
    site.article("el", "Η αντλία θερμότητας, οι αντλίες.", lang="el")
    site.article("ru", "Тепловой насос и насосы.", lang="ru")
    build(
        site,
        {
            "pompa ciepła": f"{TARGET}/pl",
            "αντλία θερμότητας": f"{TARGET}/el",
            "αντλ": f"{TARGET}/el2",
            "тепловой насос": f"{TARGET}/ru",
            "насос": f"{TARGET}/ru2",
        },
    )
    assert linked(site.read("pl-pl.html")) == ["POMPA CIEPŁA"]
    assert linked(site.read("el-el.html")) == ["αντλία θερμότητας"]
    assert linked(site.read("ru-ru.html")) == ["Тепловой насос"]


def test_chinese_and_japanese_keywords_match_without_word_boundaries(site):
    site.article("zh", "我们安装空气源热泵和燃气锅炉。", lang="zh")
    site.article("ja", "ガス暖房の点検をします。", lang="ja")
    build(site, {"热泵": f"{TARGET}/zh", "暖房": f"{TARGET}/ja"})
    assert linked(site.read("zh-zh.html")) == ["热泵"]
    assert linked(site.read("ja-ja.html")) == ["暖房"]


# A phrase never matches inside a longer word, in any script with spaces.

ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyzéèàçœß",  # Latin with French and German letters
    "aąbcćdeęfghijklłmnńoóprsśtuwyzźż",  # Polish
    "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ",  # Greek
    "абвгдежзийклмнопрстуфхцчшщъыьэюя",  # Cyrillic
    "אבגדהוזחטיכלמנסעפצקרשת",  # Hebrew
]


@st.composite
def word_and_neighbour(draw):
    alphabet = draw(st.sampled_from(ALPHABETS))
    phrase = draw(st.text(alphabet, min_size=1, max_size=8))
    extra = draw(st.text(alphabet, min_size=1, max_size=4))
    joint = draw(st.sampled_from(["", "'", "’"]))
    return phrase, extra, joint


@settings(max_examples=300, deadline=None)
@given(word_and_neighbour(), st.booleans())
def test_a_phrase_never_matches_inside_a_longer_word(case, before):
    phrase, extra, joint = case
    matcher = KeywordMatcher([(phrase, 0)])
    # Joined by nothing, or by an apostrophe after a word that is not an
    # elided one (the extra letters are at least one, "x" makes sure).
    word = f"x{extra}{joint}{phrase}" if before else f"{phrase}{joint}x{extra}"
    assert matcher.find_all(MarkupText(f"<p>{word}</p>")) == []
    assert len(matcher.find_all(MarkupText(f"<p>({phrase}) {word}.</p>"))) == 1
