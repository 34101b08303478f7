from __future__ import annotations

import pytest

from pelican_pullmarketing import metadata
from pelican_pullmarketing.errors import BuildFailed


@pytest.mark.parametrize(
    ("parse", "raw", "expected"),
    [
        (metadata.parse_flag, "off", False),
        (metadata.parse_flag, "Yes", True),
        (metadata.parse_list, " a, b ,, c ", ["a", "b", "c"]),
        (metadata.parse_robots, "NoIndex, follow", "noindex, follow"),
        (
            metadata.parse_url_list,
            "https://a.example/x, https://b.example",
            ["https://a.example/x", "https://b.example"],
        ),
    ],
)
def test_parsers(parse, raw, expected):
    assert parse(raw) == expected


@pytest.mark.parametrize(
    ("parse", "raw"),
    [
        (metadata.parse_flag, "maybe"),
        (metadata.parse_robots, "hide"),
        (metadata.parse_absolute_url, "/relative"),
        (metadata.parse_url_list, "https://ok.example, nope"),
        # urllib refuses it (an unclosed IPv6 bracket): a metadata error
        (metadata.parse_url_list, "https://ok.example, http://[x"),
        (metadata.parse_absolute_url, "https://[broken/"),
        (metadata.parse_text, "  "),
    ],
)
def test_parsers_reject(parse, raw):
    with pytest.raises(ValueError):
        parse(raw)


def test_malformed_metadata_stops_build_naming_file_field_and_value(site):
    site.article("good")
    path = site.article("bad", keyword_links="sometimes")
    with pytest.raises(BuildFailed) as info:
        site.build()
    message = str(info.value)
    assert str(path) in message
    assert "keyword_links" in message
    assert "'sometimes'" in message
    assert "on or off" in message
    # nothing half-written
    assert not (site.output / "good.html").exists()


def test_every_problem_is_listed(site):
    site.article("one", keyword_links="sometimes")
    site.article("two", canonical="/not-absolute")
    with pytest.raises(BuildFailed) as info:
        site.build()
    problems = info.value.error.problems
    assert len(problems) == 2
    assert any("keyword_links" in p for p in problems)
    assert any("canonical" in p for p in problems)


def test_missing_referenced_file_is_named(site):
    path = site.article("paper", gated_file="papers/missing.pdf")
    with pytest.raises(BuildFailed) as info:
        site.build()
    assert str(path) in str(info.value)
    assert "gated_file" in str(info.value)
    assert "papers/missing.pdf" in str(info.value)


def test_drafts_are_checked_too(site):
    site.article("draft", Status="draft", keyword_links="perhaps")
    with pytest.raises(BuildFailed):
        site.build()
