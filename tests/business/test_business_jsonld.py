"""The firm in the JSON-LD: one site node of its schema.org type on every
page, the publisher of every article, with the same NAP as the footer."""

from __future__ import annotations

import json

import pytest
from business_helpers import firm, parse, png, read_business
from theme_helpers import html_pages, theme_settings, write_articles

from pelican_pullmarketing.seo.jsonld import business_node
from pelican_pullmarketing.seo.links import SiteLinks
from verify.structured import check_structured_data


def graph(path) -> list[dict]:
    root = parse(path)
    scripts = root.xpath("//script[@type='application/ld+json']")
    return [n for s in scripts for n in json.loads(s.text)["@graph"]]


@pytest.fixture
def out(site):
    write_articles(site, count=2)
    site.write("images/logo.png", png(300, 100))
    return site.build(
        **theme_settings(PULLMARKETING_BUSINESS=firm(), STATIC_PATHS=["images"])
    )


def test_every_page_has_one_node_of_the_firms_type(out):
    for path in html_pages(out):
        nodes = [n for n in graph(path) if n.get("@type") == "Plumber"]
        assert len(nodes) == 1, path
        assert nodes[0]["@id"] == "https://example.com/#publisher"


def test_the_node_carries_what_local_search_reads(out):
    node = next(n for n in graph(out / "post-1.html") if n["@type"] == "Plumber")
    assert node["name"] == "Severn Plumbing & Heating Ltd"
    assert node["url"] == "https://example.com/"
    assert node["telephone"] == "0117 496 0123"
    assert node["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "12 Gloucester Road",
        "addressLocality": "Bristol",
        "postalCode": "BS7 8AA",
        "addressCountry": "GB",
    }
    assert node["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 51.47,
        "longitude": -2.59,
    }
    assert node["areaServed"] == ["Bristol", "Bath"]
    assert node["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "opens": "08:00",
            "closes": "18:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Saturday"],
            "opens": "09:00",
            "closes": "13:00",
        },
    ]
    assert node["priceRange"] == "££"
    assert node["logo"] == {
        "@type": "ImageObject",
        "url": "https://example.com/images/logo.png",
        "width": 300,
        "height": 100,
    }
    assert node["image"] == node["logo"]
    assert node["sameAs"] == ["https://www.linkedin.com/company/severn-example/"]
    assert "aggregateRating" not in node and "review" not in node
    post = next(n for n in graph(out / "post-1.html") if n["@type"] == "BlogPosting")
    assert post["publisher"] == {"@id": "https://example.com/#publisher"}


def test_the_footer_and_the_json_ld_agree_and_pass_the_audit_check(out):
    result = check_structured_data(out, "https://example.com")
    # (these test articles have no share image, which the audit also reports)
    assert [f for f in result.failures if "has no image" not in f] == []
    assert result.data["LocalBusiness"] == len(html_pages(out))


def test_the_audit_check_catches_a_footer_that_differs(out):
    page = out / "post-1.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace(">0117 496 0123</a></p>", ">0117 496 0000</a></p>"))
    failures = check_structured_data(out, "https://example.com").failures
    assert any("p-tel" in f and "post-1.html" in f for f in failures)


def test_an_organization_without_premises_gets_no_place_properties():
    settings = {"SITEURL": "https://x.example", "PATH": "/nonexistent"}
    organization = read_business(firm(type="Organization"))
    node = business_node(organization, settings, SiteLinks(settings), None)
    assert node["@type"] == "Organization"
    assert node["@id"] == "https://x.example/#publisher"
    for key in ("geo", "openingHoursSpecification", "priceRange"):
        assert key not in node
    assert node["address"]["postalCode"] == "BS7 8AA"
