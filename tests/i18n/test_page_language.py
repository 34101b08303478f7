"""Every kind of page speaks its own language with the shipped catalogues:
the thank-you page of a French white paper, a French 404 page and the firm's
opening days on a French article of an English site (their <html lang>,
og:locale and words all agree)."""

from __future__ import annotations

import re

import pytest

from pelican_pullmarketing import i18n, theme_path

FIRM = {
    "name": "Harbour Heating",
    "type": "Plumber",
    "telephone": "0117 496 0472",
    "address": {
        "street": "1 Quay St",
        "locality": "Bristol",
        "postcode": "BS1 4DJ",
        "country": "GB",
    },
    "opening_hours": ["Mo-Fr 08:00-18:00"],
}


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([^"]*)"', page)[1]


def og_locale(page: str) -> str:
    return re.search(r'<meta property="og:locale" content="([^"]*)"', page)[1]


def test_a_french_papers_thank_you_page_is_french(site):
    site.write("papers/guide.pdf", b"%PDF-1.4\n% guide\n%%EOF\n")
    site.article(
        "guide", "Un guide.", title="Guide", lang="fr", gated_file="papers/guide.pdf"
    )
    out = site.build(
        THEME=theme_path(),
        PULLMARKETING_GATE={"provider": "formspree", "form_id": "xbjnqkzd"},
        PULLMARKETING_GATE_SECRET="test-secret",
        PULLMARKETING_PRIVACY_URL="privacy/",
    )
    (thanks,) = (out / "downloads").glob("*/index.html")
    page = thanks.read_text(encoding="utf-8")
    assert (html_lang(page), og_locale(page)) == ("fr", "fr_FR")
    assert "<title>Merci" in page and "Thank you" not in page


def test_a_french_404_page_is_french_from_its_html_element(site):
    site.page(
        "404",
        "Page introuvable.",
        title="Introuvable",
        lang="fr",
        status="hidden",
        template="404",
    )
    out = site.build(THEME=theme_path())
    (page_file,) = out.glob("pages/404*.html")
    page = page_file.read_text(encoding="utf-8")
    assert html_lang(page) == "fr"
    assert "Aller au contenu" in page


def test_opening_days_follow_the_page(site):
    site.article("pompe", "Une pompe.", title="Pompe", lang="fr")
    site.article("pump", "A pump.", title="Pump")
    out = site.build(THEME=theme_path(), PULLMARKETING_BUSINESS=FIRM)
    french = next(out.glob("pompe*.html")).read_text(encoding="utf-8")
    english = (out / "pump.html").read_text(encoding="utf-8")
    assert "du lundi au vendredi" in french and "Monday" not in re.sub(
        r"<script.*?</script>", "", french, flags=re.S
    )
    assert "Monday to Friday" in english


@pytest.mark.parametrize(
    "code, name",
    [
        ("en", "English"),
        ("pl", "Polski"),  # CLDR writes it lower-case; lists capitalise it
        ("fr", "Français"),
        ("he", "עברית"),
        ("pt_BR", "Português (Brasil)"),
        ("qq", "qq"),  # not a language CLDR knows: the code as written
        (None, ""),
    ],
)
def test_a_translation_is_named_in_its_own_language(code, name):
    assert i18n.language_name(code) == name
