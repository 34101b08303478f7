"""`pullmarketing keywords import` on realistic export files."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.errors import PullMarketingError
from pelican_pullmarketing.keywords.imports import (
    ADS,
    PLANNER,
    SEARCH_CONSOLE,
    combine,
    parse_number,
    rank,
    read_export,
)

DATA = Path(__file__).parent / "data"
ADS_FILE = str(DATA / "ads-search-terms.csv")
PLANNER_FILE = str(DATA / "keyword-planner.csv")
GSC_FILE = str(DATA / "Queries.csv")


def test_google_ads_report():
    export = read_export(ADS_FILE)
    assert export.format == ADS
    terms = {t.phrase: t for t in export.terms}
    assert set(terms) == {
        "boiler service bristol",
        "Boiler  Servicing Bristol",
        "heat pump cost",
        "power flush cost",
    }
    assert terms["boiler service bristol"].impressions == 1204
    assert terms["heat pump cost"].clicks == 1050
    assert terms["heat pump cost"].impressions == 23400
    assert terms["boiler service bristol"].conversions == 5
    assert terms["power flush cost"].conversions == 0
    assert export.skipped == {
        "excluded terms": 1,
        "total rows": 2,
        "preamble lines": 2,
    }
    # Unparseable rows are reported with their line numbers, not dropped.
    assert len(export.problems) == 2
    assert export.problems[0].startswith("ads-search-terms.csv, line 9: 'clicks'")
    assert "'three'" in export.problems[0]
    assert export.problems[1].startswith("ads-search-terms.csv, line 10: 3 columns")


def test_keyword_planner_utf16_tsv():
    export = read_export(PLANNER_FILE)
    assert export.format == PLANNER
    assert export.problems == []
    terms = {t.phrase: t for t in export.terms}
    assert terms["boiler service bristol"].impressions == 880
    assert terms["heat pump cost"].impressions == 1000  # "1K – 10K": lower bound
    assert terms["combi boiler"].clicks == 0


def test_search_console_queries():
    export = read_export(GSC_FILE)
    assert export.format == SEARCH_CONSOLE
    terms = {t.phrase: t for t in export.terms}
    assert terms["heat pump noise"].impressions == 1900
    assert terms["boiler service bristol"].clicks == 120


def test_unknown_format_names_the_file(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Campaign,Budget\nA,10\n", encoding="utf-8")
    with pytest.raises(PullMarketingError) as failure:
        read_export(str(path))
    assert "other.csv" in str(failure.value)
    assert "unknown export format" in str(failure.value)


@pytest.mark.parametrize(
    ("cell", "value"),
    [("1,234", 1234), ("3.45%", 3.45), ("--", None), ("£1.20", 1.2), ("10K", 10000)],
)
def test_numbers(cell, value):
    assert parse_number(cell) == value


def test_ranking_merges_files_and_orders_by_conversions_clicks_impressions():
    terms = combine([read_export(p) for p in (ADS_FILE, GSC_FILE, PLANNER_FILE)])
    phrases = [t.phrase for t in terms]
    # The same phrase in several files adds up.
    service = terms[phrases.index("boiler service bristol")]
    assert service.clicks == 41 + 120
    assert "Boiler  Servicing Bristol" in phrases
    assert service.sources == {
        "ads-search-terms.csv",
        "Queries.csv",
        "keyword-planner.csv",
    }
    assert phrases[:2] == ["boiler service bristol", "heat pump cost"]
    # No conversions: clicks decide, then impressions.
    assert phrases.index("heat pump noise") < phrases.index("power flush cost")
    assert phrases.index("power flush cost") < phrases.index("what is a power flush")
    assert phrases.index("what is a power flush") < phrases.index("combi boiler")
    assert [t.phrase for t in rank(terms, min_clicks=20)] == [
        "boiler service bristol",
        "heat pump cost",
        "heat pump noise",
    ]
    assert len(rank(terms, top=2)) == 2


# The command, on a real content folder.


@pytest.fixture
def firm_site(site):
    site.article(
        "boiler-service-bristol",
        "What our engineers check during a boiler service in Bristol. "
        "A boiler service bristol customers book once a year.",
        title="Boiler service in Bristol: what we check",
        focus_keywords="boiler service bristol",
    )
    site.article(
        "heat-pump-prices",
        "What a heat pump costs to buy and install. Heat pump cost depends on "
        "the house; the heat pump cost we quote includes the survey.",
        title="Heat pump prices in 2024",
    )
    site.article(
        "heat-pump-noise",
        "How loud is a heat pump? We measured heat pump noise at three houses.",
        title="Heat pump noise, measured",
    )
    return site


def run_import(site, *args):
    result = CliRunner().invoke(
        main,
        ["keywords", "import", *args, "--content", str(site.content)],
        catch_exceptions=False,
    )
    return result


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_import_proposes_targets_lists_gaps_and_builds(firm_site):
    site = firm_site
    result = run_import(site, ADS_FILE, GSC_FILE, "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    rows = {r["keyword"]: r for r in read_csv(site.content / "keywords.csv")}
    assert rows["boiler service bristol"]["target"] == (
        "{filename}/boiler-service-bristol.md"
    )
    assert rows["Boiler  Servicing Bristol"]["target"] == (
        "{filename}/boiler-service-bristol.md"
    )
    assert rows["heat pump cost"]["target"] == "{filename}/heat-pump-prices.md"
    assert rows["heat pump noise"]["target"] == "{filename}/heat-pump-noise.md"
    assert "power flush cost" not in rows
    gap = result.output.split("Content gap")[1]
    assert "power flush cost" in gap and "what is a power flush" in gap
    assert "line 9" in result.output and "line 10" in result.output

    # The catalogue it wrote is one the build reads.
    site.article(
        "news", "Book a boiler service Bristol wide, or ask about heat pump noise."
    )
    site.build(PLUGINS=["pelican_pullmarketing.keywords"])
    html = site.read("news.html")
    assert re.search(
        r'<a href="https://example.com/boiler-service-bristol.html" '
        r'class="keyword-link">boiler service Bristol</a>',
        html,
    )
    assert 'class="keyword-link">heat pump noise</a>' in html


def test_bad_rows_stop_the_import_unless_skipped(firm_site):
    site = firm_site
    result = run_import(site, ADS_FILE)
    assert result.exit_code == 1
    assert "2 rows could not be read" in result.output
    assert not (site.content / "keywords.csv").exists()


def test_merge_keeps_rows_a_person_edited(firm_site, tmp_path):
    site = firm_site
    assert run_import(site, GSC_FILE).exit_code == 0
    path = site.content / "keywords.csv"
    rows = read_csv(path)
    by_keyword = {r["keyword"]: r for r in rows}
    assert by_keyword["heat pump noise"]["clicks"] == "30"
    # A person re-targets one row and adds a hand-written one.
    by_keyword["boiler service bristol"]["target"] = "https://example.org/book"
    rows.append({"keyword": "combi boiler", "target": "{filename}/heat-pump-prices.md"})
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    edited = path.read_text(encoding="utf-8")

    # A later export with new numbers: imported rows update, edited ones stay.
    later = tmp_path / "Queries.csv"
    shutil.copy(GSC_FILE, later)
    later.write_text(
        later.read_text(encoding="utf-8").replace(
            "heat pump noise,30,", "heat pump noise,45,"
        ),
        encoding="utf-8",
    )
    result = run_import(site, str(later), PLANNER_FILE)
    assert result.exit_code == 0, result.output
    assert "kept as edited by hand" in result.output
    after = {r["keyword"]: r for r in read_csv(path)}
    assert after["boiler service bristol"]["target"] == "https://example.org/book"
    assert after["combi boiler"]["target"] == "{filename}/heat-pump-prices.md"
    assert after["combi boiler"]["imported"] == ""
    assert after["heat pump noise"]["clicks"] == "45"
    edited_lines = edited.splitlines()
    after_lines = path.read_text(encoding="utf-8").splitlines()
    assert after_lines[0] == edited_lines[0]
    assert [line for line in after_lines if "example.org/book" in line] == [
        line for line in edited_lines if "example.org/book" in line
    ]


def test_dry_run_writes_nothing(firm_site):
    result = run_import(firm_site, GSC_FILE, "--dry-run")
    assert result.exit_code == 0
    assert "would get" in result.output
    assert not (firm_site.content / "keywords.csv").exists()


def test_import_creates_the_file_the_settings_name(firm_site):
    site = firm_site
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        "PATH = 'content'\nPULLMARKETING_KEYWORDS_FILE = 'seo/keywords.csv'\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        ["keywords", "import", GSC_FILE, "--settings", str(conf)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    rows = read_csv(site.content / "seo" / "keywords.csv")
    assert "heat pump noise" in {r["keyword"] for r in rows}


def test_search_terms_that_look_like_formulas_are_written_inert_and_read_back(
    firm_site, tmp_path
):
    # Anyone can type a search that lands in the firm's report; a cell that
    # starts with "=" runs as a formula when the owner opens the CSV.
    site = firm_site
    export = tmp_path / "Queries.csv"
    export.write_text(
        "Top queries,Clicks,Impressions,CTR,Position\n"
        '"=HYPERLINK(""https://evil.example"",""heat pump cost"")",40,900,4.4%,3.1\n'
        "@SUM(1+1) heat pump noise,30,800,3.7%,4.0\n"
        "+44 heat pump cost,20,700,2.9%,5.0\n"
        "-1 heat pump noise,10,600,1.7%,6.0\n",
        encoding="utf-8",
    )
    gaps = tmp_path / "gaps.csv"
    result = run_import(site, str(export), "--gaps", str(gaps), "--min-clicks", "0")
    assert result.exit_code == 0, result.output
    for path in (site.content / "keywords.csv", gaps):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), (path.name, cell)
    # the catalogue reads each phrase back as it was searched
    from pelican_pullmarketing.keywords.catalogue import read_keywords_csv

    written = read_csv(site.content / "keywords.csv")
    catalogue = read_keywords_csv(str(site.content / "keywords.csv"))
    phrases = {k.phrase for k in catalogue.keywords}
    formula_like = {r["keyword"][1:] for r in written if r["keyword"].startswith("'")}
    assert formula_like, written  # at least one such term got a target
    assert formula_like <= phrases
    # and a second import recognises its own rows (nothing doubled)
    again = run_import(site, str(export), "--min-clicks", "0")
    assert again.exit_code == 0, again.output
    rows = read_csv(site.content / "keywords.csv")
    assert len(rows) == len({r["keyword"] for r in rows})


def test_french_documents_are_read_with_french_elision_and_stop_words(site, tmp_path):
    # "l'isolation" is the word "isolation", and "de", "la" are stop words,
    # in the documents' language: the term finds its page through the words
    # it shares with it, and a gap names the closest page.
    site.article(
        "guide-combles",
        "L'isolation de vos combles perdus se fait en une journée. L’isolation "
        "par soufflage coûte moins que l'isolation en rouleaux.",
        title="Nos conseils pour vos combles",
        lang="fr",
    )
    site.article(
        "pompe",
        "Le prix d'une pompe à chaleur dépend de la maison et de la surface.",
        title="La pompe à chaleur air-eau",
        lang="fr",
    )
    site.article(
        "chaudiere",
        "L'entretien de la chaudière est obligatoire chaque année, de la ville "
        "à la campagne.",
        title="Entretien de la chaudière",
        lang="fr",
    )
    queries = tmp_path / "Queries.csv"
    queries.write_text(
        "Top queries,Clicks,Impressions,CTR,Position\n"
        "isolation combles,50,900,5%,2\n"
        "prix de la pompe à chaleur,40,800,5%,2\n"
        "isolation de la maison,30,700,5%,3\n",
        encoding="utf-8",
    )
    conf = site.root / "pelicanconf.py"
    conf.write_text("PATH = 'content'\nDEFAULT_LANG = 'fr'\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["keywords", "import", str(queries), "--settings", str(conf)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    rows = {r["keyword"]: r for r in read_csv(site.content / "keywords.csv")}
    assert rows["isolation combles"]["target"] == "{filename}/guide-combles.md"
    assert rows["prix de la pompe à chaleur"]["target"] == "{filename}/pompe.md"
    assert "isolation de la maison" not in rows
    gap = result.output.split("Content gap")[1]
    assert "isolation de la maison" in gap and "closest: guide-combles.md" in gap
