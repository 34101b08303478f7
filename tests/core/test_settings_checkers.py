"""The schema's composable checkers: every nested key declared with its
meaning and default, every problem reported with its key path."""

from __future__ import annotations

import copy
import logging

import pytest

from pelican_pullmarketing import settings as schema
from pelican_pullmarketing.errors import SettingsError
from pelican_pullmarketing.settings import (
    Invalid,
    Key,
    Keys,
    ListOf,
    list_of_str,
    nonempty,
    number,
    url,
    url_or_path,
)


def test_every_nested_key_has_a_meaning_and_a_default_that_passes():
    count = 0
    for s in schema.SCHEMA:
        for path, key, required in schema.nested_keys(s.check):
            count += 1
            assert key.doc.strip(), s.name + path
            if key.default is not None:
                assert not required, s.name + path
                key.check(copy.deepcopy(key.default))
    assert count > 50  # topics, publisher, authors, gate, cross-posting targets


def test_the_gate_keys_come_from_the_schema_alone():
    keys = {
        path: required
        for path, key, required in schema.nested_keys(
            schema.BY_NAME["PULLMARKETING_GATE"].check
        )
    }
    assert keys["['provider']"] is True
    assert keys["['delivery']"] is False
    assert {"['form_id']", "['action_url']", "['portal_id']", "['form_guid']"} <= set(
        keys
    )


def error(name: str, value) -> str:
    with pytest.raises(SettingsError) as caught:
        schema.check_setting(name, value)
    return str(caught.value)


@pytest.mark.parametrize(
    ("name", "value", "line"),
    [
        (
            "PULLMARKETING_AUTHORS",
            {"Jo Bloggs": {"bi": "Engineer."}},
            "PULLMARKETING_AUTHORS['Jo Bloggs']['bi']: unknown key; did you mean 'bio'?",
        ),
        (
            "PULLMARKETING_AUTHORS",
            {"Jo Bloggs": {"role": 3}},
            "PULLMARKETING_AUTHORS['Jo Bloggs']['role']: invalid value (given 3; expected a string)",
        ),
        (
            "PULLMARKETING_GATE",
            {"provider": "kit", "form_id": "12", "delivery": "mail"},
            "PULLMARKETING_GATE['delivery']: invalid value (given 'mail'; expected one of 'page', 'email')",
        ),
        (
            "PULLMARKETING_CROSSPOST_TARGETS",
            {"devtoo": {}},
            "PULLMARKETING_CROSSPOST_TARGETS['devtoo']: unknown target; did you mean 'devto'?",
        ),
        (
            "PULLMARKETING_CROSSPOST_TARGETS",
            {"hashnode": None},
            "PULLMARKETING_CROSSPOST_TARGETS['hashnode']['publication_id']: missing option for Hashnode",
        ),
        (
            "PULLMARKETING_TOPICS",
            {"boilers": {"categories": ["Boilers"], "tagz": ["gas"]}},
            "PULLMARKETING_TOPICS['boilers']['tagz']: unknown key; did you mean 'tags'?",
        ),
        (
            "PULLMARKETING_PUBLISHER",
            {"same_as": ["https://mastodon.social/@firm", "@firm"]},
            "PULLMARKETING_PUBLISHER['same_as']: invalid value",
        ),
    ],
)
def test_a_problem_names_the_setting_the_key_path_and_what_was_expected(
    name, value, line
):
    assert line in error(name, value)


def test_every_problem_of_a_setting_is_reported_at_once():
    message = error(
        "PULLMARKETING_GATE",
        {"provider": "hubspot", "portal_id": "x", "hidden": {"a": 1}, "colour": "red"},
    )
    lines = message.splitlines()[1:]
    assert len(lines) == 4, message
    assert any("['portal_id']: invalid value" in line for line in lines)
    assert any("['hidden']: invalid value" in line for line in lines)
    assert any(
        "['colour']: unknown key for provider 'hubspot'" in line for line in lines
    )
    assert any(
        "['form_guid']: missing key for provider 'hubspot'" in line for line in lines
    )


def test_validate_names_the_settings_file(tmp_path):
    site = {"PATH": str(tmp_path), "PULLMARKETING_AUTHORS": {"Jo": {"rol": "x"}}}
    with pytest.raises(SettingsError) as caught:
        schema.validate(site, source="pelicanconf.py", warn=False)
    assert "pelicanconf.py: PULLMARKETING_AUTHORS['Jo']['rol']: unknown key" in str(
        caught.value
    )


def test_defaults_of_nested_keys_are_filled_in(tmp_path):
    site = {
        "PATH": str(tmp_path),
        "PULLMARKETING_CROSSPOST_TARGETS": {
            "devto": None,
            "mastodon": {"instance": "https://m.example/"},
        },
        "PULLMARKETING_GATE": {"provider": "kit", "form_id": 123},
    }
    schema.validate(site, warn=False)
    targets = site["PULLMARKETING_CROSSPOST_TARGETS"]
    assert targets["devto"] == {"published": True, "footer": schema.DEFAULT_FOOTER}
    assert targets["mastodon"] == {
        "instance": "https://m.example",
        "visibility": "public",
        "limit": 500,
        "card_media": False,
    }
    assert site["PULLMARKETING_GATE"] == {
        "provider": "kit",
        "form_id": 123,
        "delivery": "page",
        "hidden": {},
    }


def test_checking_a_checked_value_changes_nothing(tmp_path):
    """Features may check a value the schema has checked (``parse_targets``,
    ``provider_for``, ``parse_topics``): the result is the same."""
    values = {
        "PULLMARKETING_TOPICS": {
            "heat-pumps": {"title": " Heat\npumps ", "tags": "ASHP "}
        },
        "PULLMARKETING_CROSSPOST_TARGETS": {
            "x": {"tags": "a, b", "api_base": "https://x.example/"}
        },
        "PULLMARKETING_PUBLISHER": {"name": "Firm"},
    }
    for name, value in values.items():
        once = schema.check_setting(name, value)
        assert schema.check_setting(name, copy.deepcopy(once)) == once


def test_one_did_you_mean_for_setting_names_and_keys(tmp_path, caplog):
    site = {"PATH": str(tmp_path), "PULLMARKETING_GATE_SECRTE": "x"}
    with caplog.at_level(logging.WARNING):
        schema.validate(site, warn=True)
    assert "did you mean PULLMARKETING_GATE_SECRET?" in caplog.text
    assert schema.closest("colour", ["type", "name", "url"]) is None
    assert schema.closest("bi", ["bio", "role"]) == "bio"


# A dict setting of any depth is a few lines of the same checkers, e.g. a
# local business's details (name, address, geo, accreditations, ...).
_LINE = Key(nonempty, "A line of text.")
BUSINESS = Keys(
    required={"name": Key(nonempty, "Trading name.")},
    optional={
        "type": Key(nonempty, "schema.org type.", "LocalBusiness"),
        **{k: _LINE for k in ("telephone", "email", "price_range")},
        **{k: Key(url_or_path, "An image.") for k in ("logo", "image")},
        "address": Key(
            Keys(
                optional={
                    k: _LINE
                    for k in ("street", "locality", "region", "postcode", "country")
                }
            ),
            "Postal address.",
        ),
        "geo": Key(
            Keys(
                required={
                    "latitude": Key(number(-90, 90), "Latitude."),
                    "longitude": Key(number(-180, 180), "Longitude."),
                }
            ),
            "Where it is.",
        ),
        "area_served": Key(list_of_str, "Places served.", []),
        "opening_hours": Key(list_of_str, "e.g. Mo-Fr 08:00-18:00.", []),
        "same_as": Key(ListOf(url, "a list of absolute URLs"), "Profiles.", []),
        "call_to_action": Key(
            Keys(required={"text": _LINE, "url": Key(url_or_path, "Where it leads.")}),
            "The main button.",
        ),
        "accreditations": Key(
            ListOf(
                Keys(
                    required={"name": _LINE},
                    optional={
                        "number": _LINE,
                        "url": Key(url, "Register."),
                        "badge": Key(url_or_path, "Badge image."),
                    },
                ),
                "a list of accreditations",
            ),
            "Trade bodies and registrations.",
            [],
        ),
    },
)


def test_a_business_shape_is_a_few_lines_of_the_same_checkers():
    good = {
        "name": "Harbour Heating",
        "address": {"street": "1 Quay St", "postcode": "BS1 1AA"},
        "geo": {"latitude": 51.45, "longitude": -2.58},
        "accreditations": [{"name": "Gas Safe", "number": "123456"}],
        "call_to_action": {"text": "Book a service", "url": "contact/"},
    }
    checked = BUSINESS(good)
    assert checked["type"] == "LocalBusiness" and checked["area_served"] == []
    with pytest.raises(Invalid) as caught:
        BUSINESS(
            {
                "name": "Harbour Heating",
                "adress": {},
                "geo": {"latitude": 151, "longitude": 0},
                "accreditations": [{"name": "Gas Safe"}, {"number": "1"}],
            }
        )
    found = {(p.path, p.message) for p in caught.value.problems}
    assert found == {
        ("['adress']", "unknown key; did you mean 'address'?"),
        ("['geo']['latitude']", "invalid value"),
        ("['accreditations'][1]['name']", "missing key"),
    }
    paths = [path for path, _, _ in schema.nested_keys(BUSINESS)]
    assert (
        "['accreditations'][]['badge']" in paths and "['address']['postcode']" in paths
    )
