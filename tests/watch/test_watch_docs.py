"""docs/watch.md stays true: the sample site's report printed there is the
one the command prints, the scheduled workflow passes actionlint, and the
sample site's watch.json is what make_watch.py writes from its feeds."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from watch_support import run

from verify import actionlint

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "watch.md"
SAMPLE = ROOT / "sample_site"


def fenced_after(heading_text: str, language: str = "") -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(heading_text)
    match = re.compile(rf"^```{language}\n(.*?)^```$", re.S | re.M).search(text, start)
    return match.group(1)


def test_the_report_in_the_docs_is_the_sample_sites(monkeypatch):
    monkeypatch.chdir(SAMPLE)
    result = run(
        "watch", "report", "--settings", "pelicanconf.py", "--until", "2026-11-30"
    )
    assert result.exit_code == 0, result.output
    assert fenced_after("The sample site's report") == result.stdout


def test_the_scheduled_workflow_passes_actionlint(tmp_path, actionlint_ready):
    workflow = tmp_path / ".github" / "workflows" / "industry-watch.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        fenced_after("## Every week on GitHub Actions", "yaml"), encoding="utf-8"
    )
    assert actionlint.lint_workflows([workflow]) == []
    text = workflow.read_text(encoding="utf-8")
    assert "pullmarketing watch fetch --settings publishconf.py" in text
    assert "git add content/watch.json" in text
    assert "gh issue create" in text and "gh issue edit" in text
    assert 'cron: "17 6 * * 1"' in text


def test_the_sample_watch_file_is_made_from_its_three_feeds(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location(
        "make_watch", SAMPLE / "make_watch.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "watch.json"
    assert module.main([str(out)]) == 0
    assert out.read_bytes() == (SAMPLE / "content" / "watch.json").read_bytes()


def test_the_sample_sites_hubs_show_the_magazine_and_the_forum(tmp_path, monkeypatch):
    from pelican.settings import read_settings

    from pelican import Pelican

    monkeypatch.chdir(SAMPLE)
    settings = read_settings(
        str(SAMPLE / "pelicanconf.py"),
        override={
            "OUTPUT_PATH": str(tmp_path / "out"),
            "PLUGINS": ["pelican_pullmarketing.topics", "pelican_pullmarketing.watch"],
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        },
    )
    Pelican(settings).run()
    hub = (tmp_path / "out/topics/heat-pumps/index.html").read_text(encoding="utf-8")
    section = hub[hub.index('aria-labelledby="elsewhere-title"') :]
    section = section[: section.index("</section>")]
    links = re.findall(r'<a href="([^"]+)" rel="noopener">', section)
    assert links == [
        "https://installermonthly.example/news/heat-pump-tariffs-winter-rates",
        "https://homeownersforum.example/t/bigger-radiators-heat-pump/48213",
        "https://homeownersforum.example/t/underfloor-heating-running-costs/48190",
    ]
    # the competitor is watched, never shown
    assert "severnheating.example" not in hub
