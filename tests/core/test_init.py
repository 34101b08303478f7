"""`pullmarketing init` on a blog made by `pelican-quickstart`, then built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main

BIN = Path(sys.executable).parent

# Answers to pelican-quickstart's prompts, in order.
QUICKSTART_ANSWERS = [
    "{path}",  # where
    "Bristol Bakery",  # title
    "Ann Baker",  # author
    "en",  # language
    "y",  # URL prefix?
    "https://example.com",  # prefix
    "y",  # pagination?
    "5",  # per page
    "Europe/London",  # time zone
    "y",  # tasks.py/Makefile?
    "n",  # FTP
    "n",  # SSH
    "n",  # Dropbox
    "n",  # S3
    "n",  # Rackspace
    "y",  # GitHub Pages
    "n",  # personal page
]


@pytest.fixture
def quickstart_blog(tmp_path) -> Path:
    blog = tmp_path / "blog"
    answers = "\n".join(QUICKSTART_ANSWERS).format(path=blog) + "\n"
    result = subprocess.run(
        [str(BIN / "pelican-quickstart")],
        input=answers,
        text=True,
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (blog / "pelicanconf.py").is_file()
    (blog / "content" / "first-loaf.md").write_text(
        "Title: Our first loaf\nDate: 2024-05-01\nCategory: Bread\n\n"
        "Sourdough from [the about page]({filename}/pages/about.md).\n",
        encoding="utf-8",
    )
    (blog / "content" / "pages").mkdir()
    (blog / "content" / "pages" / "about.md").write_text(
        "Title: About\n\nA bakery.\n", encoding="utf-8"
    )
    return blog


def test_init_dry_run_writes_nothing(quickstart_blog):
    before = {p: p.read_bytes() for p in quickstart_blog.rglob("*") if p.is_file()}
    # The quickstart's Makefile `github` target is a deployer: the workflow is
    # written only when asked.
    result = CliRunner().invoke(
        main, ["init", str(quickstart_blog), "--dry-run", "--add-workflow"]
    )
    assert result.exit_code == 0, result.output
    assert "update    pelicanconf.py" in result.output
    assert "create    .github/workflows/pages.yml" in result.output
    assert "dry run: nothing written" in result.output
    after = {p: p.read_bytes() for p in quickstart_blog.rglob("*") if p.is_file()}
    assert before == after


def test_init_edits_once_and_the_blog_builds(quickstart_blog, tmp_path):
    runner = CliRunner()
    flags = ["--bundled-theme", "--add-workflow"]
    first = runner.invoke(main, ["init", str(quickstart_blog), *flags])
    assert first.exit_code == 0, first.output
    assert "updated   pelicanconf.py" in first.output
    assert "updated   publishconf.py" in first.output
    assert "created   requirements.txt" in first.output
    assert "created   .github/workflows/pages.yml" in first.output

    conf = (quickstart_blog / "pelicanconf.py").read_text()
    assert conf.count('PLUGINS.append("pelican_pullmarketing")') == 1
    assert "THEME = pelican_pullmarketing.theme_path()" in conf
    workflow = (quickstart_blog / ".github" / "workflows" / "pages.yml").read_text()
    assert "pelican content --output output --settings publishconf.py" in workflow
    assert "SITEURL: ${{ steps.pages.outputs.base_url }}" in workflow
    assert "actions/deploy-pages@" in workflow
    requirements = (quickstart_blog / "requirements.txt").read_text().splitlines()
    assert "pelican-pullmarketing>=0.1" in requirements

    # Idempotent: a second run changes nothing.
    snapshot = {p: p.read_bytes() for p in quickstart_blog.rglob("*") if p.is_file()}
    second = runner.invoke(main, ["init", str(quickstart_blog), *flags])
    assert second.exit_code == 0
    assert second.output.count("unchanged") == 4
    assert snapshot == {
        p: p.read_bytes() for p in quickstart_blog.rglob("*") if p.is_file()
    }

    # The blog builds as GitHub Pages would build a project site.
    out = tmp_path / "out"
    env = dict(os.environ, SITEURL="https://ann.github.io/bakery")
    build = subprocess.run(
        [str(BIN / "pelican"), "content", "-o", str(out), "-s", "publishconf.py"],
        cwd=quickstart_blog,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    article = (out / "our-first-loaf.html").read_text()
    assert 'href="https://ann.github.io/bakery/pages/about.html"' in article


def test_init_takes_a_repository_requirement_and_keeps_existing_lines(
    quickstart_blog,
):
    (quickstart_blog / "requirements.txt").write_text("pelican==4.12.0\nmarkdown\n")
    url = "pelican-pullmarketing @ git+https://github.com/firm/pelican-pullmarketing"
    result = CliRunner().invoke(
        main, ["init", str(quickstart_blog), "--requirement", url]
    )
    assert result.exit_code == 0, result.output
    lines = (quickstart_blog / "requirements.txt").read_text().splitlines()
    # pelican is already required (pinned by the owner): not added twice
    assert lines == ["pelican==4.12.0", "markdown", url]


def test_init_rejects_a_folder_without_pelicanconf(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code != 0
    assert "no pelicanconf.py here" in result.output
    assert "Traceback" not in result.output
