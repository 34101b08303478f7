"""`pullmarketing check` and the `pelican` command's behaviour on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pelican_pullmarketing.cli import main

BIN = Path(sys.executable).parent


def write_conf(site, **extra) -> Path:
    lines = [
        f"PATH = {str(site.content)!r}",
        "SITEURL = 'https://example.com'",
        "TIMEZONE = 'UTC'",
        "PLUGINS = ['pelican_pullmarketing']",
    ] + [f"{k} = {v!r}" for k, v in extra.items()]
    conf = site.root / "pelicanconf.py"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf


def test_check_passes_a_clean_site(site):
    site.article("fine", keyword_links="off")
    conf = write_conf(site)
    result = CliRunner().invoke(main, ["check", "--settings", str(conf)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_check_lists_each_problem_with_file_and_field(site):
    bad = site.article("bad", keyword_links="sometimes", canonical="nope")
    conf = write_conf(site)
    result = CliRunner().invoke(main, ["check", "--settings", str(conf)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if str(bad) in line]
    assert len(lines) == 2
    assert any("keyword_links" in line for line in lines)
    assert any("canonical" in line for line in lines)
    assert not (site.output).exists()  # nothing built


def test_check_reports_bad_settings(site):
    conf = write_conf(site, PULLMARKETING_MAX_LINKS_PER_TARGET=0)
    result = CliRunner().invoke(main, ["check", "--settings", str(conf)])
    assert result.exit_code == 1
    assert str(conf) in result.output
    assert "PULLMARKETING_MAX_LINKS_PER_TARGET" in result.output
    assert "Traceback" not in result.output


def test_check_reports_missing_settings_file(tmp_path):
    missing = tmp_path / "nope.py"
    result = CliRunner().invoke(main, ["check", "--settings", str(missing)])
    assert result.exit_code == 1
    assert "settings file not found" in result.output


def test_pelican_command_stops_with_one_message_and_no_traceback(site):
    site.article("post")
    conf = write_conf(site, PULLMARKETING_MAX_LINKS_PER_ARTICLE="many")
    result = subprocess.run(
        [
            str(BIN / "pelican"),
            str(site.content),
            "-s",
            str(conf),
            "-o",
            str(site.output),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    text = result.stdout + result.stderr
    assert result.returncode == 1, text
    assert "PULLMARKETING_MAX_LINKS_PER_ARTICLE" in text
    assert "'many'" in text
    assert "Traceback" not in text
    assert not (site.output / "post.html").exists()


def test_a_template_the_theme_lacks_stops_the_build_before_anything_is_written(site):
    # A blog switched to another theme keeps the old theme's template names.
    import pytest

    from pelican_pullmarketing.errors import BuildFailed

    site.article("post", "Text.")
    page = site.page("worklog", "What I did.", template="worklog")
    with pytest.raises(BuildFailed) as caught:
        site.build(PLUGINS=["pelican_pullmarketing.seo"])
    message = str(caught.value)
    assert str(page) in message and "template" in message and "'worklog'" in message
    assert "THEME_TEMPLATES_OVERRIDES" in message
    assert not (site.output / "post.html").exists()  # nothing half-written
    # and with the template provided, it builds
    overrides = site.root / "overrides"
    overrides.mkdir()
    (overrides / "worklog.html").write_text(
        '{% extends "page.html" %}', encoding="utf-8"
    )
    site.build(
        PLUGINS=["pelican_pullmarketing.seo"],
        THEME_TEMPLATES_OVERRIDES=[str(overrides)],
    )
    assert (site.output / "pages" / "worklog.html").is_file()
