"""`pullmarketing watch report` on the feeds of the loopback server, against
a heating firm's keyword catalogue, topics and pages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from watch_support import TOPICS, run, watch_entries, write_firm_site, write_settings

from pelican_pullmarketing.watch.report import ngrams, question_of
from pelican_pullmarketing.watch.store import WatchItem

A = "{filename}/"


@pytest.fixture
def fetched(site, feed_server):
    """The firm's site with the four working feeds fetched on 30 November."""
    write_firm_site(site)
    settings = write_settings(
        site, watch_entries(feed_server)[:4], PULLMARKETING_TOPICS=TOPICS
    )
    result = run("watch", "fetch", "--settings", settings)
    assert result.exit_code == 0, result.output
    return settings


def report_json(settings: str, *args: str) -> dict:
    result = run(
        "watch",
        "report",
        "--settings",
        settings,
        "--format",
        "json",
        "--until",
        "2026-11-30",
        *args,
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_report_counts_catalogue_mentions_trends_and_questions(fetched):
    report = report_json(fetched)
    assert report["period"] == {
        "start": "2026-10-31T23:59:59Z",
        "end": "2026-11-30T23:59:59Z",
    }
    assert report["counts"] == {
        "items": 9,
        "items_before": 1,
        "phrases_mentioned": 2,
        "trending": 3,
        "questions": 3,
        "gaps": 3,
    }
    phrases = {
        p["phrase"]: (
            p["mentions"],
            p["previous"],
            p["change"],
            [i["title"] for i in p["items"]],
        )
        for p in report["phrases"]
    }
    assert phrases == {
        "boiler service": (
            2,
            0,
            2,
            [
                "Hydrogen boilers: what we tell customers",
                "Hydrogen boilers trial ends early",
            ],
        ),
        "air source heat pump": (
            1,
            0,
            1,
            ["How loud is an air source heat pump at night?"],
        ),
        "power flush": (0, 0, 0, []),
    }
    trending = [
        (t["phrase"], t["mentions"], t["previous"], t["feeds"], t["answered_by"])
        for t in report["trending"]
    ]
    assert trending == [
        ("smart thermostat", 3, 0, 3, None),
        ("heat pump noise", 3, 1, 3, A + "heat-pump-noise.md"),
        ("hydrogen boilers", 2, 0, 2, A + "boiler-service.md"),
    ]
    assert report["trending"][0]["items"][0] == {
        "title": "Smart thermostat savings: our numbers",
        "feed": "Bristol Boiler Co.",
        "link": "https://bristolboiler.example/blog/smart-thermostat-savings",
        "published": "2026-11-26T10:00:00Z",
    }
    groups = [
        (g["topic"], [(q["question"], q["answered_by"]) for q in g["questions"]])
        for g in report["questions"]
    ]
    assert groups == [
        (
            "heat-pumps",
            [
                ("Is the heat pump grant worth it for Bristol homes?", None),
                (
                    "How loud is an air source heat pump at night?",
                    A + "heat-pump-noise.md",
                ),
            ],
        ),
        ("plumbing", [("Why does my radiator valve drip after bleeding?", None)]),
    ]
    assert [(g["phrase"], g["source"]) for g in report["gaps"]] == [
        ("smart thermostat", "watch:trending"),
        ("Is the heat pump grant worth it for Bristol homes?", "watch:question"),
        ("Why does my radiator valve drip after bleeding?", "watch:question"),
    ]


def test_json_report_is_stable(fetched):
    first = run(
        "watch",
        "report",
        "--settings",
        fetched,
        "--format",
        "json",
        "--until",
        "2026-11-30",
    ).stdout
    second = run(
        "watch",
        "report",
        "--settings",
        fetched,
        "--format",
        "json",
        "--until",
        "2026-11-30",
    ).stdout
    assert first == second
    assert list(json.loads(first)) == sorted(json.loads(first))


def test_a_shorter_period_compares_with_the_one_before(fetched):
    report = report_json(fetched, "--since", "7")
    # 24-30 November (six items) against 17-23 November (three)
    assert report["counts"]["items"] == 6
    assert report["counts"]["items_before"] == 3
    trending = {t["phrase"]: (t["mentions"], t["previous"]) for t in report["trending"]}
    # hydrogen boilers were news the week before, not this one
    assert trending == {"heat pump noise": (3, 0), "smart thermostat": (2, 1)}


def test_csv_and_text_formats(fetched):
    result = run(
        "watch",
        "report",
        "--settings",
        fetched,
        "--format",
        "csv",
        "--until",
        "2026-11-30",
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["phrase"], r["mentions"]) for r in rows] == [
        ("catalogue", "boiler service", "2"),
        ("catalogue", "air source heat pump", "1"),
        ("catalogue", "power flush", "0"),
        ("trending", "smart thermostat", "3"),
        ("trending", "heat pump noise", "3"),
        ("trending", "hydrogen boilers", "2"),
        ("question", "Is the heat pump grant worth it for Bristol homes?", "1"),
        ("question", "How loud is an air source heat pump at night?", "1"),
        ("question", "Why does my radiator valve drip after bleeding?", "1"),
    ]
    text = run("watch", "report", "--settings", fetched, "--until", "2026-11-30").stdout
    assert (
        "Industry watch, 2026-10-31 to 2026-11-30 (30 days): 9 items from 4 feeds (1 in the 30 days before)"
        in text
    )
    assert "1 of 3 catalogue phrases not mentioned in either period" in text
    assert (
        "    - Why does my radiator valve drip after bleeding? (Homeowners Forum: Heating, 2026-11-25): CONTENT GAP"
        in text
    )
    # a pipe gets no colour codes and no lines cut at 80 columns
    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) > 80


def test_gaps_land_in_the_import_gap_list_and_each_writer_keeps_the_others_rows(
    site, fetched, tmp_path
):
    export = tmp_path / "Queries.csv"
    export.write_text(
        "Top queries,Clicks,Impressions,CTR,Position\n"
        "smart thermostat,12,300,4%,5.0\n"
        "underfloor heating cost,30,900,3.3%,7.1\n",
        encoding="utf-8",
    )
    gaps = tmp_path / "gaps.csv"

    def imported():
        result = run(
            "keywords",
            "import",
            str(export),
            "--settings",
            fetched,
            "--gaps",
            str(gaps),
        )
        assert result.exit_code == 0, result.output

    imported()
    assert gaps.read_text(encoding="utf-8") == (
        "phrase,conversions,clicks,impressions,mentions,closest,source\n"
        "underfloor heating cost,0,30,900,,,Queries.csv\n"
        "smart thermostat,0,12,300,,,Queries.csv\n"
    )
    report_json(fetched, "--gaps", str(gaps))
    expected = (
        "phrase,conversions,clicks,impressions,mentions,closest,source\n"
        "underfloor heating cost,0,30,900,,,Queries.csv\n"
        "smart thermostat,0,12,300,3,,Queries.csv; watch:trending\n"
        "Is the heat pump grant worth it for Bristol homes?,,,,1,,watch:question\n"
        "Why does my radiator valve drip after bleeding?,,,,1,,watch:question\n"
    )
    assert gaps.read_text(encoding="utf-8") == expected
    # running either again changes nothing: each replaces only its own rows
    imported()
    assert gaps.read_text(encoding="utf-8") == expected
    report_json(fetched, "--gaps", str(gaps))
    assert gaps.read_text(encoding="utf-8") == expected


def test_ngrams_skip_stop_words_numbers_and_punctuation():
    from pelican_pullmarketing.watch.language import stopwords_for

    words, known = stopwords_for("en-GB")
    assert known
    assert ngrams(
        "The heat pump noise rules, relaxed in 2026 for terraced homes!", words
    ) == {
        "heat pump",
        "pump noise",
        "noise rules",
        "heat pump noise",
        "pump noise rules",
        "terraced homes",
    }
    german, known = stopwords_for("de")
    assert known
    assert ngrams("Die Wärmepumpe ist sehr leise und die Förderung steigt", german) == {
        "förderung steigt"
    }
    assert ngrams("Leise Wärmepumpe, hohe Förderung", german) == {
        "leise wärmepumpe",
        "hohe förderung",
    }


@pytest.mark.parametrize(
    ("title", "summary", "question"),
    [
        ("Is a combi boiler right for me?", "", "Is a combi boiler right for me?"),
        (
            "Leaking valve",
            "Why does it drip? It started last week.",
            "Why does it drip?",
        ),
        ("Leaking valve", "It drips. Why?", None),
        ("Leaking valve", "Why?", None),
        # Full-width marks end Chinese and Japanese sentences without a space;
        # each character counts as a word.
        (
            "暖房の点検",
            "暖房はいつ点検しますか？冬の前です。",
            "暖房はいつ点検しますか？",
        ),
        ("热泵", "空气源热泵。怎么样？", None),
        ("热泵多少钱？", "", "热泵多少钱？"),
    ],
)
def test_questions_are_titles_or_first_sentences(title, summary, question):
    item = WatchItem(
        "1",
        "https://f.example/feed",
        title,
        "https://f.example/1",
        "2026-11-01T00:00:00Z",
        summary,
    )
    assert question_of(item) == question


def test_a_gap_list_from_before_the_source_column_counts_as_the_imports(
    fetched, tmp_path
):
    gaps = tmp_path / "gaps.csv"
    gaps.write_text(
        "phrase,conversions,clicks,impressions,closest\npower flush cost,0,9,200,\n",
        encoding="utf-8",
    )
    report_json(fetched, "--gaps", str(gaps))
    rows = list(csv.DictReader(io.StringIO(gaps.read_text(encoding="utf-8"))))
    assert [(r["phrase"], r["clicks"], r["mentions"], r["source"]) for r in rows] == [
        ("power flush cost", "9", "", "import"),
        ("smart thermostat", "", "3", "watch:trending"),
        (
            "Is the heat pump grant worth it for Bristol homes?",
            "",
            "1",
            "watch:question",
        ),
        ("Why does my radiator valve drip after bleeding?", "", "1", "watch:question"),
    ]


def test_french_ngrams_leave_out_elided_words():
    from pelican_pullmarketing.watch.language import stopwords_for

    french, known = stopwords_for("fr")
    assert known
    assert ngrams("L’isolation thermique des combles perdus", french, "fr") == {
        "isolation thermique",
        "combles perdus",
    }
