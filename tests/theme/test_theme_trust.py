"""Trust on the home page and hubs: the accreditations of the business and
testimonials from content, as quotations, never as review markup."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from theme_helpers import theme_settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "business"))
from business_helpers import firm, parse, text  # noqa: E402

QUOTES = (
    "> Fixed the same day.\n>\n> Ann, Redland\n\n---\n\n"
    "> Fair price, tidy work.\n>\n> Bob, Easton\n"
)


def build(site):
    site.article("boiler", "Text.", category="Boilers")
    site.article("tap", "Text.", category="Garden")
    site.write(
        "pages/said.md",
        "Title: What customers say\nSlug: said\nStatus: hidden\nSave_as:\n"
        "Testimonials: yes\n\n" + QUOTES,
    )
    site.write(
        "pages/said-boilers.md",
        "Title: Boiler customers say\nSlug: said-boilers\nStatus: hidden\nSave_as:\n"
        "Testimonials: yes\nTopics: boilers\n\n> Warm again by noon.\n>\n> Cy, Clifton\n",
    )
    return site.build(
        **theme_settings(
            PULLMARKETING_BUSINESS=firm(),
            PULLMARKETING_TOPICS={
                "boilers": {"title": "Boilers", "categories": ["Boilers"]},
                "garden": {"title": "Garden", "categories": ["Garden"]},
            },
        )
    )


def test_home_shows_accreditations_and_every_testimonial_page(site):
    out = build(site)
    root = parse(out / "index.html")
    trust = root.find(".//section[@aria-labelledby='trust-title']")
    assert "Gas Safe Register" in text(trust) and "No. 123456" in text(trust)
    sections = root.findall(".//section[@class='testimonials']")
    assert [text(s.find("h2")) for s in sections] == [
        "Boiler customers say",
        "What customers say",
    ] or [text(s.find("h2")) for s in sections] == [
        "What customers say",
        "Boiler customers say",
    ]
    quotes = [q for s in sections for q in s.iter("blockquote")]
    assert len(quotes) == 3
    assert not (out / "said.html").exists() and not (out / "pages/said.html").exists()


def test_a_hub_shows_its_own_testimonials_else_the_general_ones(site):
    out = build(site)
    boilers = parse(out / "topics/boilers/index.html")
    assert [
        text(s.find("h2")) for s in boilers.findall(".//section[@class='testimonials']")
    ] == [
        "Boiler customers say",
        "What customers say",
    ]
    garden = parse(out / "topics/garden/index.html")
    assert [
        text(s.find("h2")) for s in garden.findall(".//section[@class='testimonials']")
    ] == ["What customers say"]


def test_testimonials_are_never_review_markup(site):
    out = build(site)
    for rel in ("index.html", "topics/boilers/index.html"):
        html = (out / rel).read_text(encoding="utf-8")
        assert "itemprop" not in html and "h-review" not in html
        root = parse(out / rel)
        for script in root.xpath("//script[@type='application/ld+json']"):
            data = json.dumps(json.loads(script.text))
            assert "Review" not in data and "aggregateRating" not in data
