from __future__ import annotations

import logging

import pytest

from pelican_pullmarketing import settings as schema
from pelican_pullmarketing.errors import BuildFailed, SettingsError


def test_every_setting_has_a_default_doc_and_feature():
    names = [s.name for s in schema.SCHEMA]
    assert len(names) == len(set(names))
    for s in schema.SCHEMA:
        assert s.name.startswith("PULLMARKETING_")
        assert s.doc.strip(), s.name
        assert s.feature in {
            "keywords",
            "topics",
            "seo",
            "theme",
            "gates",
            "crosspost",
            "conversation",
            "watch",
            "cards",
            "business",
            "words",
        }
        # the default passes its own checker
        s.check(schema.defaults()[s.name])


def test_validate_fills_defaults_and_resolves_content_paths(tmp_path):
    site = {"PATH": str(tmp_path), "SITEURL": "https://example.com"}
    schema.validate(site)
    assert site["PULLMARKETING_MAX_LINKS_PER_ARTICLE"] == 10
    assert site["PULLMARKETING_KEYWORDS"] == {}
    assert site["PULLMARKETING_KEYWORDS_FILE"] == str(tmp_path / "keywords.csv")
    assert site["PULLMARKETING_CROSSPOST_STATE"] == str(
        tmp_path / "crosspost-state.json"
    )


def test_a_build_fills_in_the_defaults_of_the_features_it_loads_only(site, monkeypatch):
    """Pelican copies its settings into every page's context: a site that
    loads one feature carries that feature's settings (and the theme's), and
    still gets an error for a bad value of any other."""
    from pelican.settings import read_settings

    from pelican import Pelican

    site.article("post")
    pelican = Pelican(
        read_settings(
            path=None, override=site.settings(PLUGINS=["pelican_pullmarketing.seo"])
        )
    )
    names = {k for k in pelican.settings if k.startswith(schema.PREFIX)}
    assert names == {s.name for s in schema.SCHEMA if s.feature in ("seo", "theme")}
    pelican.run()
    assert (site.output / "post.html").exists()
    # Another feature's setting read through setting_value gets its default.
    assert (
        schema.setting_value(pelican.settings, "PULLMARKETING_GATE_DOWNLOADS_PATH")
        == schema.BY_NAME["PULLMARKETING_GATE_DOWNLOADS_PATH"].default
    )
    with pytest.raises(BuildFailed):
        Pelican(
            read_settings(
                path=None,
                override=site.settings(
                    PLUGINS=["pelican_pullmarketing.seo"],
                    PULLMARKETING_MAX_LINKS_PER_ARTICLE="ten",
                ),
            )
        )


def test_defaults_are_copies_not_shared_objects(tmp_path):
    a = {"PATH": str(tmp_path), "SITEURL": "https://a.example"}
    b = {"PATH": str(tmp_path), "SITEURL": "https://b.example"}
    schema.validate(a)
    schema.validate(b)
    a["PULLMARKETING_KEYWORDS"]["x"] = "y"
    assert b["PULLMARKETING_KEYWORDS"] == {}


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PULLMARKETING_MAX_LINKS_PER_ARTICLE", "ten", "a whole number >= 0"),
        ("PULLMARKETING_MAX_LINKS_PER_TARGET", 0, "a whole number >= 1"),
        ("PULLMARKETING_KEYWORDS", ["boiler"], "a dict of strings"),
        ("PULLMARKETING_SEO_INJECT", "yes", "one of 'auto', 'off'"),
        ("PULLMARKETING_WEBSUB_HUB", "hub.example", "an absolute URL"),
    ],
)
def test_bad_value_names_setting_value_and_expectation(tmp_path, name, value, expected):
    site = {"PATH": str(tmp_path), name: value}
    with pytest.raises(SettingsError) as info:
        schema.validate(site)
    message = str(info.value)
    assert name in message
    assert repr(value) in message
    assert expected in message


def test_all_problems_are_reported_at_once(tmp_path):
    site = {
        "PATH": str(tmp_path),
        "PULLMARKETING_MAX_LINKS_PER_ARTICLE": -1,
        "PULLMARKETING_KEYWORD_LINK_CLASS": 3,
    }
    with pytest.raises(SettingsError) as info:
        schema.validate(site)
    assert "PULLMARKETING_MAX_LINKS_PER_ARTICLE" in str(info.value)
    assert "PULLMARKETING_KEYWORD_LINK_CLASS" in str(info.value)


def test_missing_file_that_the_user_named_is_an_error(tmp_path):
    site = {"PATH": str(tmp_path), "PULLMARKETING_KEYWORDS_FILE": "data/terms.csv"}
    with pytest.raises(SettingsError) as info:
        schema.validate(site)
    assert "PULLMARKETING_KEYWORDS_FILE" in str(info.value)
    assert str(tmp_path / "data" / "terms.csv") in str(info.value)
    assert "resolved against PATH" in str(info.value)


def test_missing_default_file_is_fine(tmp_path):
    site = {"PATH": str(tmp_path)}
    schema.validate(site)  # keywords.csv is optional when not named


def test_unknown_setting_gets_did_you_mean(tmp_path, caplog):
    site = {"PATH": str(tmp_path), "PULLMARKETING_MAX_LINK_PER_ARTICLE": 3}
    with caplog.at_level(logging.WARNING):
        schema.validate(site)
    assert "unknown setting PULLMARKETING_MAX_LINK_PER_ARTICLE" in caplog.text
    assert "did you mean PULLMARKETING_MAX_LINKS_PER_ARTICLE?" in caplog.text


def test_empty_siteurl_warns_once(tmp_path, caplog):
    site = {"PATH": str(tmp_path), "SITEURL": ""}
    with caplog.at_level(logging.WARNING):
        schema.validate(site)
        schema.validate(site)
    assert caplog.text.count("SITEURL is empty") == 1


def test_secret_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PULLMARKETING_GATE_SECRET", "s3cret")
    site = {"PATH": str(tmp_path)}
    schema.validate(site)
    assert site["PULLMARKETING_GATE_SECRET"] == "s3cret"


def test_bad_setting_stops_the_build_before_writing(site):
    site.article("post")
    with pytest.raises(BuildFailed) as info:
        site.build(PULLMARKETING_MAX_LINKS_PER_ARTICLE="lots")
    assert "PULLMARKETING_MAX_LINKS_PER_ARTICLE" in str(info.value)
    assert not (site.output / "post.html").exists()
