"""The sample site builds at a domain root, under a GitHub project-site
sub-path and for local preview, with no broken internal link in any of them;
its Polish translations pair with their English originals."""

from __future__ import annotations

import csv

import html5lib
import pytest

from verify.links import check_links, gated_source_paths
from verify.site import SAMPLE_SITE, build_site


@pytest.mark.parametrize(
    ("siteurl", "settings"),
    [
        ("https://harbourheating.example", "publishconf.py"),
        ("https://harbour-heating.github.io/blog", "publishconf.py"),
        ("", "pelicanconf.py"),
    ],
    ids=["domain-root", "project-sub-path", "local-preview"],
)
def test_sample_site_builds_with_no_broken_internal_link(tmp_path, siteurl, settings):
    build = build_site(tmp_path / "out", siteurl, settings=settings)
    out = build.output
    assert (out / "index.html").is_file()
    assert "Traceback" not in build.log
    result = check_links(out, siteurl, gated_source_paths(SAMPLE_SITE / "content"))
    assert not result.failures, "\n".join(result.failures[:30])
    if siteurl.endswith("/blog"):
        # Root-relative links would escape the project site's /blog/ path.
        html = (out / "index.html").read_text(encoding="utf-8")
        assert 'href="/topics/' not in html
        assert "https://harbour-heating.github.io/blog/" in html


SITE = "https://harbourheating.example"
NAMES = {"en": "English", "pl": "Polski"}
# The sample site's Polish translations and their English originals.
TRANSLATED = {
    "2024/boiler-losing-pressure/": "pl/2024/boiler-losing-pressure/",
    "2025/air-source-heat-pump-cost/": "pl/2025/air-source-heat-pump-cost/",
    "contact/": "pl/contact/",
}


def read_html(out, url_path: str):
    return html5lib.parse(
        (out / url_path / "index.html").read_text(encoding="utf-8"),
        treebuilder="lxml",
        namespaceHTMLElements=False,
    )


def catalogue_phrases() -> set[str]:
    with open(SAMPLE_SITE / "content" / "keywords.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    phrases = {row["keyword"] for row in rows}
    phrases |= {v for row in rows for v in row["variants"].split("|") if v}
    return {" ".join(p.casefold().split()) for p in phrases}


def test_sample_site_polish_translations_pair_with_their_originals(tmp_path):
    out = build_site(tmp_path / "out", SITE, settings="publishconf.py").output
    phrases = catalogue_phrases()
    for english, polish in TRANSLATED.items():
        for here, lang, locale, other, other_lang, other_locale in (
            (english, "en", "en_GB", polish, "pl", "pl_PL"),
            (polish, "pl", "pl_PL", english, "en", "en_GB"),
        ):
            doc = read_html(out, here)
            assert doc.getroot().get("lang") == lang, here
            # hreflang alternates both ways, absolute, one per language.
            alternates = {
                link.get("hreflang"): link.get("href")
                for link in doc.iterfind(".//head/link[@rel='alternate'][@hreflang]")
            }
            assert alternates == {
                lang: f"{SITE}/{here}",
                other_lang: f"{SITE}/{other}",
            }, here
            assert doc.find(".//meta[@property='og:locale']").get("content") == locale
            assert [
                m.get("content")
                for m in doc.iterfind(".//meta[@property='og:locale:alternate']")
            ] == [other_locale], here
            # The theme's line of translations links the other language.
            links = doc.findall(".//p[@class='translations']/a")
            assert [(a.get("href"), a.get("hreflang")) for a in links] == [
                (f"{SITE}/{other}", other_lang)
            ], here
            # Named in its own language, as readers look for it.
            assert [a.text for a in links] == [NAMES[other_lang]], here
        # Keyword anchors (English phrases) in Polish text: only whole words
        # of the catalogue, never a piece of a Polish word.
        content = read_html(out, polish).find(
            ".//div[@class='entry-content e-content']"
        )
        for a in content.iterfind(".//a[@class='keyword-link']"):
            assert " ".join(a.text.casefold().split()) in phrases, (polish, a.text)
            before = a.getprevious().tail if a.getprevious() is not None else None
            before = before if before is not None else a.getparent().text or ""
            after = a.tail or ""
            assert not before[-1:].isalpha() and not after[:1].isalpha(), (
                polish,
                before[-20:],
                a.text,
                after[:20],
            )
    article = read_html(out, "pl/2024/boiler-losing-pressure/")
    meta = "".join(article.find(".//p[@class='entry-meta']").itertext())
    assert "7.10.2024" in meta  # DATE_FORMATS: no English month name
