"""`pullmarketing audit` on a real site folder."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main

FILLER = (
    "Our engineers visit homes across the city and explain every step in plain "
    "words so that nobody is left guessing about the work or the price. "
)


def body(words: int, *, start: str = "", end: str = "") -> str:
    filler_words = FILLER.split()
    text = " ".join(filler_words[i % len(filler_words)] for i in range(words))
    return f"{start} {text} {end}".strip()


@pytest.fixture
def audited(site):
    site.article(
        "boiler-service",
        body(150, start="A boiler service keeps you safe.")
        + "\n\n## Boiler service checklist\n\n"
        + body(150, end="Book a boiler service today, or a second boiler service."),
        title="Boiler service in Bristol: what we check each year",
        focus_keywords="boiler service",
        description="What a boiler service in Bristol includes, how long it takes "
        "and what it costs, from engineers who do hundreds a year.",
    )
    site.article(
        "notes",
        body(60, end="Ask us about a heat pump."),
        title="Notes",
        focus_keywords="heat pump",
    )
    site.article(
        "twin",
        body(40, start="Another boiler service page. The boiler service again."),
        title="Yet another page about the boiler service we do",
        focus_keywords="Boiler Service",
    )
    site.article("draft", "A boiler service draft.", status="draft", focus_keywords="x")
    (site.root / "pelicanconf.py").write_text(
        "PATH = 'content'\n"
        "SITEURL = 'https://example.com'\n"
        "TIMEZONE = 'Europe/London'\n"
        "PLUGINS = ['pelican_pullmarketing.keywords']\n"
        "PULLMARKETING_KEYWORDS = {\n"
        "    'heat pump': '{filename}/boiler-service.md',\n"
        "    'boiler service': '{filename}/notes.md',\n"
        "    'zebra crossing': 'https://example.org/zebra',\n"
        "}\n",
        encoding="utf-8",
    )
    return site


def run_audit(site, *args):
    return CliRunner().invoke(
        main,
        ["audit", "--settings", str(site.root / "pelicanconf.py"), *args],
        catch_exceptions=False,
    )


def test_json_report(audited):
    result = run_audit(audited, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    docs = {d["path"]: d for d in report["documents"]}
    assert sorted(docs) == ["boiler-service.md", "notes.md", "twin.md"]  # no drafts

    good = docs["boiler-service.md"]
    (check,) = good["focus_keywords"]
    assert check == {
        "phrase": "boiler service",
        "in_title": True,
        "in_title_first_half": True,
        "in_first_10_percent": True,
        "in_subheading": True,
        "in_slug": True,
        "in_description": True,
        "occurrences": 4,
        "density": round(100 * 4 / good["word_count"], 2),
    }
    assert good["word_count"] >= 300
    assert 30 <= good["title_length"] <= 60
    assert not any("title is" in f or "words (expected" in f for f in good["flags"])
    # "heat pump" in notes.md links here: one inbound keyword link.
    assert good["inbound_keyword_links"] == 1
    assert not good["orphan"]

    weak = docs["notes.md"]
    (check,) = weak["focus_keywords"]
    assert not check["in_title"] and not check["in_slug"]
    assert not check["in_first_10_percent"] and not check["in_subheading"]
    flags = " | ".join(weak["flags"])
    assert "'heat pump' not in the title" in flags
    assert "title is 5 characters" in flags
    assert "words (expected at least 300)" in flags
    assert check["density"] == round(100 / weak["word_count"], 2)
    assert "density of 'heat pump'" not in flags
    # Both other documents' "boiler service" links point here.
    assert weak["inbound_keyword_links"] == 2

    twin = docs["twin.md"]
    assert twin["orphan"] and "orphan: no other document links here" in twin["flags"]
    assert not twin["focus_keywords"][0]["in_title_first_half"]
    assert twin["focus_keywords"][0]["in_title"]
    # 2 occurrences in about 45 words: over 3%.
    assert any(f.startswith("density of 'Boiler Service'") for f in twin["flags"])

    assert report["cannibalisation"] == [
        {
            "focus_keyword": "boiler service",
            "documents": ["boiler-service.md", "twin.md"],
        }
    ]
    assert report["unused_keywords"] == ["zebra crossing"]
    conflicts = {
        (c["document"], c["catalogue_target"]) for c in report["focus_conflicts"]
    }
    assert conflicts == {
        ("boiler-service.md", "{filename}/notes.md"),
        ("twin.md", "{filename}/notes.md"),
        ("notes.md", "{filename}/boiler-service.md"),
    }
    flags = sum(len(d["flags"]) for d in report["documents"]) + len(
        report["site_flags"]
    )
    assert report["summary"] == {"documents": 3, "flags": flags}


def test_a_link_urllib_refuses_is_no_documents_not_a_traceback(audited):
    # urllib raises ValueError on an unclosed IPv6 bracket ("http://[x").
    audited.article(
        "odd-link",
        body(40, end='See <a href="http://[broken/">this</a> and [that](http://[x).'),
        title="A page with odd links",
    )
    result = run_audit(audited, "--format", "json")
    assert result.exit_code == 0, result.output
    docs = {d["path"] for d in json.loads(result.output)["documents"]}
    assert "odd-link.md" in docs


def test_json_is_stable(audited):
    assert run_audit(audited, "--format", "json").output == (
        run_audit(audited, "--format", "json").output
    )


def test_text_table_and_strict_exit_code(audited):
    result = run_audit(audited)
    assert result.exit_code == 0
    assert "Documents" in result.output and "boiler-service.md" in result.output
    assert "share the focus keyword 'boiler service'" in result.output
    assert run_audit(audited, "--strict").exit_code == 1


def test_bad_settings_file_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(
        main, ["audit", "--settings", str(tmp_path / "nope.py")]
    )
    assert result.exit_code == 1
    assert "settings file not found" in result.output


@pytest.fixture
def multilingual(site):
    site.article(
        "pompe-a-chaleur",
        "Une pompe à chaleur chauffe la maison. " * 60,
        title="Pompe à chaleur : ce qu'il faut savoir avant d'acheter",
        focus_keywords="pompe à chaleur",
    )
    site.article(
        "prix-pompe-chaleur",
        "Le prix de la pompe à chaleur dépend de la surface. " * 40,
        title="Le prix de la pompe à chaleur en 2024, pièce par pièce",
        focus_keywords="prix de la pompe à chaleur",
    )
    site.article(
        "l-isolation",
        "Ce texte ne dit rien du sujet. " * 60,
        title="Un autre sujet, sans rapport avec le mot clé",
        focus_keywords="chaudière",
    )
    site.article(
        "danbou",
        "ガス暖房の点検をします。冬の前に暖房を確認しましょう。" * 15,
        title="ガス暖房の点検",
        focus_keywords="暖房",
        lang="ja",
    )
    (site.root / "pelicanconf.py").write_text(
        "PATH = 'content'\n"
        "SITEURL = 'https://example.com'\n"
        "TIMEZONE = 'Europe/Paris'\n"
        "DEFAULT_LANG = 'fr'\n"
        "PLUGINS = ['pelican_pullmarketing.keywords']\n",
        encoding="utf-8",
    )
    return site


def test_focus_keyword_in_a_slug_transliterated_or_without_stop_words(multilingual):
    report = json.loads(run_audit(multilingual, "--format", "json").output)
    docs = {d["path"]: d for d in report["documents"]}
    # Pelican's slugify writes "à" as "a"; "de la" are French stop words.
    assert docs["pompe-a-chaleur.md"]["focus_keywords"][0]["in_slug"]
    assert docs["prix-pompe-chaleur.md"]["focus_keywords"][0]["in_slug"]
    assert not docs["l-isolation.md"]["focus_keywords"][0]["in_slug"]


def test_words_of_scripts_without_spaces_are_counted_one_by_one(multilingual):
    report = json.loads(run_audit(multilingual, "--format", "json").output)
    japanese = {d["path"]: d for d in report["documents"]}["danbou.md"]
    # 25 letters (11 and 14, no spaces, the full stops not counted) in each
    # of the 15 repeats.
    assert japanese["word_count"] == 15 * 25
    assert not any("words (expected" in flag for flag in japanese["flags"])
    (check,) = japanese["focus_keywords"]
    assert check["occurrences"] == 30
    assert check["density"] == round(100 * 30 / (15 * 25), 2)
