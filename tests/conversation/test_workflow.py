"""The scheduled workflow: what it runs, and that actionlint accepts it."""

from __future__ import annotations

import subprocess

from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.conversation import workflow


def blog(tmp_path, sub="blog"):
    repo = tmp_path / "repo"
    folder = repo / sub if sub else repo
    (folder / "content").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (folder / "pelicanconf.py").write_text(
        "PATH = 'content'\nSITEURL = ''\nPLUGINS = ['pelican_pullmarketing']\n",
        encoding="utf-8",
    )
    (folder / "publishconf.py").write_text(
        "from pelicanconf import *\nSITEURL = 'https://firm.example'\n",
        encoding="utf-8",
    )
    return repo, folder


def test_the_workflow_fetches_sends_commits_and_rebuilds(
    tmp_path, monkeypatch, actionlint_ready
):
    from verify import actionlint

    repo, folder = blog(tmp_path)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["conversation", "workflow", "--write"])
    assert result.exit_code == 0, result.output
    path = repo / ".github" / "workflows" / "conversation.yml"
    text = path.read_text(encoding="utf-8")
    assert "working-directory: blog" in text
    assert "pullmarketing conversation fetch --settings publishconf.py" in text
    assert "pullmarketing conversation send --settings publishconf.py" in text
    assert (
        "for file in content/conversation.json content/webmention-state.json; do"
        in text
    )
    assert 'gh workflow run pages.yml --ref "$GITHUB_REF_NAME"' in text
    # The published address, as the deploy workflow passes it to publishconf.py.
    assert text.count("SITEURL: ${{ steps.pages.outputs.base_url }}") == 2
    assert actionlint.lint_workflows([path]) == []
    # Written again: unchanged; a workflow of the same name by someone else is kept.
    again = CliRunner().invoke(main, ["conversation", "workflow", "--write"])
    assert "unchanged" in again.output
    path.write_text("name: mine\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["conversation", "workflow", "--write"])
    assert refused.exit_code == 1
    assert path.read_text(encoding="utf-8") == "name: mine\n"


def test_a_blog_at_the_repository_root_needs_no_working_directory(
    tmp_path, actionlint_ready
):
    from verify import actionlint

    text = workflow.render(
        publish="publishconf.py",
        files=["content/conversation.json"],
        deploy="deploy.yml",
    )
    assert "working-directory" not in text
    path = tmp_path / "conversation.yml"
    path.write_text(text, encoding="utf-8")
    assert actionlint.lint_workflows([path]) == []
