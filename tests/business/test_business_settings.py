"""PULLMARKETING_BUSINESS is checked once, every problem named by its key."""

from __future__ import annotations

import logging

import pytest
from business_helpers import firm, read_business

from pelican_pullmarketing.business.model import parse_opening_hours
from pelican_pullmarketing.business.nap import format_days, tel_href
from pelican_pullmarketing.errors import BuildFailed, SettingsError


def test_a_complete_firm_is_read_into_a_frozen_business():
    business = read_business(firm())
    assert business.name == "Severn Plumbing & Heating Ltd"
    assert business.type == "Plumber" and business.is_local
    assert business.address.postcode == "BS7 8AA"
    assert business.tel_href == "tel:+441174960123"
    assert [(h.days, h.opens, h.closes) for h in business.opening_hours] == [
        (("Mo", "Tu", "We", "Th", "Fr"), "08:00", "18:00"),
        (("Sa",), "09:00", "13:00"),
    ]
    with pytest.raises(AttributeError):
        business.name = "Other"


def test_a_misspelt_type_is_refused_with_did_you_mean():
    with pytest.raises(SettingsError) as raised:
        read_business(firm(type="Plumbr"))
    message = str(raised.value)
    assert "PULLMARKETING_BUSINESS['type']: unknown type" in message
    assert "'Plumbr'" in message and "did you mean 'Plumber'?" in message


def test_every_problem_is_named_by_its_key_at_once():
    value = firm(telephone=12, opening_hours=["Monday 8-6"], colour="blue")
    del value["name"]
    del value["address"]["postcode"]
    with pytest.raises(SettingsError) as raised:
        read_business(value)
    message = str(raised.value)
    assert "PULLMARKETING_BUSINESS['name']: missing key" in message
    assert "PULLMARKETING_BUSINESS['address']['postcode']: missing key" in message
    assert "PULLMARKETING_BUSINESS['telephone']: invalid value (given 12;" in message
    assert "PULLMARKETING_BUSINESS['opening_hours'][0]: invalid value" in message
    assert "Mo-Fr 08:00-18:00" in message
    assert "PULLMARKETING_BUSINESS['colour']: unknown key" in message
    assert len(message.splitlines()) == 1 + 5, message


def test_an_organization_needs_no_premises_but_a_local_business_does():
    value = firm(type="Organization")
    del value["address"]
    assert read_business(value).address is None
    with pytest.raises(SettingsError, match=r"\['address'\]: missing key"):
        read_business(firm(address=None))


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Mo-Fr 08:00-18:00", ("Mo", "Tu", "We", "Th", "Fr")),
        ("Mo,We,Fr 09:00-12:00", ("Mo", "We", "Fr")),
        ("Sa-Su 10:00-16:00", ("Sa", "Su")),
        ("Mo-Su 00:00-24:00", ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")),
    ],
)
def test_opening_hours_lines_are_read_as_schema_org_writes_them(line, expected):
    assert parse_opening_hours(line).days == expected


@pytest.mark.parametrize(
    "line",
    ["Mo-Fr 8:00-18:00", "Fr-Mo 08:00-18:00", "Xx 08:00-18:00", "Mo 25:00-26:00"],
)
def test_wrong_opening_hours_are_refused(line):
    with pytest.raises(ValueError):
        parse_opening_hours(line)


def test_days_are_written_out_for_people():
    assert format_days("Mo-Fr") == "Monday to Friday"
    assert format_days("Mo,We") == "Monday, Wednesday"


@pytest.mark.parametrize(
    "number, country, href",
    [
        ("0117 496 0472", "GB", "tel:+441174960472"),
        ("+44 (0)117 496 0472".replace("(0)", ""), "GB", "tel:+441174960472"),
        ("0044 117 496 0472", "", "tel:+441174960472"),
        ("(415) 555-0134", "US", "tel:+14155550134"),
        ("06 12 34 56 78", "FR", "tel:+33612345678"),
        ("06 1234 5678", "IT", "tel:+390612345678"),
        ("496 0472", "", "tel:4960472"),
    ],
)
def test_telephone_links_use_the_international_form(number, country, href):
    assert tel_href(number, country) == href


def test_a_wrong_business_stops_the_build_before_anything_is_written(site):
    site.article("post", "Text.")
    with pytest.raises(BuildFailed) as failed:
        site.build(PULLMARKETING_BUSINESS=firm(type="Plumbr"))
    assert "did you mean 'Plumber'" in str(failed.value)
    assert not (site.output / "post.html").exists()


def test_the_publisher_setting_still_works_with_a_deprecation_warning(site, caplog):
    site.article("post", "Text.")
    with caplog.at_level(logging.WARNING):
        out = site.build(
            PULLMARKETING_PUBLISHER={"type": "Organization", "name": "Old Name Ltd"}
        )
    warnings = [
        r.getMessage() for r in caplog.records if "deprecated" in r.getMessage()
    ]
    assert len(warnings) == 1 and "PULLMARKETING_BUSINESS" in warnings[0]
    assert '"name":"Old Name Ltd"' in (out / "post.html").read_text(encoding="utf-8")


def test_a_topic_call_to_action_must_have_text(site):
    site.article("post", "Text.", category="Boilers")
    with pytest.raises(BuildFailed) as failed:
        site.build(
            PULLMARKETING_TOPICS={
                "boilers": {"title": "Boilers", "call_to_action": {"url": "x/"}}
            }
        )
    assert "PULLMARKETING_TOPICS['boilers']['call_to_action']" in str(failed.value)


def test_pullmarketing_check_reports_a_wrong_business_without_building(site):
    from click.testing import CliRunner

    from pelican_pullmarketing.cli import main

    site.article("post", "Text.")
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        f"PATH = {str(site.content)!r}\nSITEURL = 'https://example.com'\n"
        "TIMEZONE = 'UTC'\nPLUGINS = ['pelican_pullmarketing']\n"
        f"PULLMARKETING_BUSINESS = {firm(type='Plumbr')!r}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--settings", str(conf)])
    assert result.exit_code == 1
    assert "did you mean 'Plumber'" in result.output
    assert "Traceback" not in result.output
    assert not site.output.exists()
