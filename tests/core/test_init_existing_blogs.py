"""`pullmarketing init` and `check` on blogs people already run (the fixture
blogs in tests/blogs/): pins that cannot install, deployers the blog already
has, its own theme, settings files named by its Makefile or tasks.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from tests.blogs import build_blog, copy_blog, git, make_repository

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # verify/ is a top-level folder of the checkout
from verify import actionlint  # noqa: E402


def files_of(folder: Path) -> dict[Path, bytes]:
    return {
        p: p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.parts
    }


def without_makefile_deployer(blog: Path) -> Path:
    """The blog without its Makefile's `github` target: no deployer left."""
    makefile = blog / "Makefile"
    text = makefile.read_text()
    makefile.write_text(text[: text.index("github: publish")] + "\n")
    return blog


def init(blog: Path, *args: str):
    return CliRunner().invoke(main, ["init", str(blog), *args])


@pytest.fixture
def old_pins(tmp_path) -> Path:
    return make_repository(copy_blog("old_pins", tmp_path), "master", with_origin=True)


@pytest.fixture
def linter():
    missing = actionlint.available()
    if missing and os.environ.get("CI"):
        pytest.fail(f"actionlint cannot run: {missing}")
    if missing:
        pytest.skip(f"SKIPPED LOUDLY: actionlint cannot run: {missing}")


# --- 1. pins that cannot install --------------------------------------------------


def test_init_stops_naming_each_pin_that_cannot_install_and_writes_nothing(old_pins):
    before = files_of(old_pins)
    result = init(old_pins)
    assert result.exit_code == 1, result.output
    for pin, needed in (
        ("pelican==4.8.0", "pelican>=4.9"),
        ("blinker==1.5", "blinker>=1.7"),
        ("beautifulsoup4==4.11.2", "beautifulsoup4>=4.12"),
        ("feedgenerator==2.0.0", "feedgenerator>=2.1"),
    ):
        line = next(li for li in result.output.splitlines() if pin in li)
        assert "requirements.txt:" in line and needed in line, line
    assert "markdown==3.4.1" not in result.output  # it satisfies markdown>=3.4
    assert "--upgrade-pins" in result.output
    assert "Traceback" not in result.output
    assert files_of(old_pins) == before


def test_init_with_upgrade_pins_updates_only_the_conflicting_pins(old_pins):
    result = init(old_pins, "--upgrade-pins")
    assert result.exit_code == 0, result.output
    lines = (old_pins / "requirements.txt").read_text().splitlines()
    from importlib.metadata import version

    assert lines[:7] == [
        f"pelican=={version('pelican')}",
        f"blinker=={version('blinker')}",
        f"beautifulsoup4=={version('beautifulsoup4')}",
        f"feedgenerator=={version('feedgenerator')}",
        "markdown==3.4.1",
        "ghp-import==2.1.0",
        "invoke==2.0.0",
    ]
    assert lines[7:] == ["pelican-pullmarketing>=0.1"]  # pelican is already there
    assert "pelican==4.8.0 -> pelican==" in result.output
    check = CliRunner().invoke(
        main, ["check", "--settings", str(old_pins / "pelicanconf.py")]
    )
    assert "cannot install" not in check.output


def test_check_reports_the_same_pin_conflicts(old_pins):
    result = CliRunner().invoke(
        main, ["check", "--settings", str(old_pins / "pelicanconf.py")]
    )
    assert result.exit_code == 1
    conflicts = [li for li in result.output.splitlines() if "cannot install" in li]
    assert [li.split(": ", 1)[1].split()[0] for li in conflicts] == [
        "pelican==4.8.0",
        "blinker==1.5",
        "beautifulsoup4==4.11.2",
        "feedgenerator==2.0.0",
    ]
    assert all("requirements.txt:" in li for li in conflicts)


@pytest.mark.slow
def test_requirements_after_upgrade_pins_resolve_with_pip(old_pins):
    requirement = f"pelican-pullmarketing @ {ROOT.as_uri()}"
    before = init(old_pins, "--requirement", requirement)
    assert before.exit_code == 1  # the old pins are refused...
    assert init(old_pins, "--upgrade-pins", "--requirement", requirement).exit_code == 0
    pip = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            "requirements.txt",
        ],
        cwd=old_pins,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # ...and what init leaves resolves.
    assert pip.returncode == 0, pip.stdout + pip.stderr


# --- 2. deployers the blog already has --------------------------------------------


def test_init_keeps_the_blogs_own_ghp_import_workflow_and_says_so(old_pins):
    result = init(old_pins, "--upgrade-pins")
    assert result.exit_code == 0, result.output
    assert not (old_pins / ".github" / "workflows" / "pages.yml").exists()
    found = next(li for li in result.output.splitlines() if "found" in li)
    assert ".github/workflows/publish.yml (ghp-import on pushes to master)" in found
    assert "Makefile" in found and "tasks.py" in found
    assert "--add-workflow" in result.output


def test_asked_for_a_workflow_init_writes_one_on_the_default_branch_that_passes_actionlint(
    old_pins, linter
):
    result = init(old_pins, "--upgrade-pins", "--add-workflow")
    assert result.exit_code == 0, result.output
    workflow = old_pins / ".github" / "workflows" / "pages.yml"
    text = workflow.read_text()
    assert "branches: [master]" in text
    assert "deploys on pushes to master (origin/HEAD)" in result.output
    assert actionlint.lint_workflows([workflow]) == []


def test_a_blog_deploying_with_actions_deploy_pages_gets_no_second_workflow(tmp_path):
    blog = make_repository(copy_blog("flex_seo", tmp_path), "main")
    result = init(blog)
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(blog / ".github" / "workflows")) == ["pelican.yml"]
    assert "pelican.yml (actions/deploy-pages on pushes to main)" in result.output


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda blog: make_repository(blog, "trunk", with_origin=True), "trunk"),
        (lambda blog: make_repository(blog, "develop"), "develop"),
        (lambda blog: git(blog, "init", "-q", "-b", "gh-source"), "gh-source"),
        (lambda blog: None, "main"),
    ],
)
def test_the_workflow_triggers_on_the_repositorys_default_branch(
    tmp_path, setup, expected
):
    blog = copy_blog("french_rst", tmp_path)
    without_makefile_deployer(blog)  # no deployer: init writes the workflow
    setup(blog)
    result = init(blog)
    assert result.exit_code == 0, result.output
    text = (blog / ".github" / "workflows" / "pages.yml").read_text()
    assert f"branches: [{expected}]" in text


def test_a_blog_in_a_subfolder_gets_the_workflow_at_the_repository_root(
    tmp_path, linter
):
    repo = tmp_path / "site-repo"
    repo.mkdir()
    blog = without_makefile_deployer(copy_blog("french_rst", repo))
    make_repository(repo, "main")
    result = init(blog)
    assert result.exit_code == 0, result.output
    workflow = repo / ".github" / "workflows" / "pages.yml"
    text = workflow.read_text()
    assert "working-directory: french_rst" in text
    assert "path: french_rst/output" in text
    assert actionlint.lint_workflows([workflow]) == []


# --- 3. the blog's own theme; --dry-run shows the diff ----------------------------


def test_init_keeps_the_blogs_theme_unless_asked(tmp_path):
    blog = copy_blog("flex_seo", tmp_path)
    result = init(blog)
    assert result.exit_code == 0, result.output
    conf = (blog / "pelicanconf.py").read_text()
    assert "theme_path()" not in conf
    assert "theme: kept" in result.output
    site = build_blog(blog)
    assert 'class="social"' in (site / "index.html").read_text()  # Flex's sidebar

    assert init(blog, "--keep-theme").exit_code == 0  # accepted, changes nothing
    assert (blog / "pelicanconf.py").read_text() == conf

    bundled = init(blog, "--bundled-theme")
    assert bundled.exit_code == 0, bundled.output
    assert (
        "THEME = pelican_pullmarketing.theme_path()"
        in (blog / "pelicanconf.py").read_text()
    )


def test_dry_run_prints_the_diff_of_every_file_and_writes_nothing(old_pins):
    before = files_of(old_pins)
    result = init(old_pins, "--dry-run", "--upgrade-pins", "--add-workflow")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "--- a/pelicanconf.py\n+++ b/pelicanconf.py\n" in out
    assert "--- a/publishconf.py\n+++ b/publishconf.py\n" in out
    assert "\n-pelican==4.8.0\n" in out and "\n+pelican==" in out
    assert "--- /dev/null\n+++ b/.github/workflows/pages.yml\n" in out
    assert '+PLUGINS.append("pelican_pullmarketing")' in out
    assert files_of(old_pins) == before


# --- 6. settings files named by the Makefile or tasks.py --------------------------


def test_init_finds_settings_py_through_the_makefile_and_the_blog_builds(tmp_path):
    blog = copy_blog("french_rst", tmp_path)
    result = init(blog)
    assert result.exit_code == 0, result.output
    assert "settings: settings.py (named by the Makefile's CONFFILE)" in result.output
    assert (
        'PLUGINS.append("pelican_pullmarketing")' in (blog / "settings.py").read_text()
    )
    assert not (blog / "pelicanconf.py").exists()
    assert "pelican-pullmarketing" in (blog / "publishconf.py").read_text()
    # Its own plugin stays listed, its theme kept.
    out = build_blog(blog, "settings.py", RECUPERER_IMAGES_MARQUEUR=str(tmp_path / "m"))
    assert (out / "2023" / "etabli-en-hetre.html").is_file()
    assert 'href="./theme/css/carnet.css"' in (out / "index.html").read_text()
    # Idempotent.
    snapshot = files_of(blog)
    again = init(blog)
    assert again.exit_code == 0
    assert files_of(blog) == snapshot


def test_init_finds_the_settings_that_tasks_py_names(tmp_path):
    blog = copy_blog("old_pins", tmp_path)
    (blog / "pelicanconf.py").rename(blog / "site_settings.py")
    (blog / "Makefile").unlink()
    tasks = (blog / "tasks.py").read_text()
    (blog / "tasks.py").write_text(
        tasks.replace(
            'SETTINGS_FILE_BASE = "pelicanconf.py"',
            'SETTINGS_FILE_BASE = "site_settings.py"',
        )
    )
    result = init(blog, "--upgrade-pins")
    assert result.exit_code == 0, result.output
    assert "site_settings.py (named by tasks.py's SETTINGS_FILE_BASE)" in result.output
    assert "pelican_pullmarketing" in (blog / "site_settings.py").read_text()


def test_init_takes_the_settings_file_given(tmp_path):
    blog = copy_blog("french_rst", tmp_path)
    (blog / "Makefile").unlink()
    (blog / "settings.py").rename(blog / "conf_blog.py")
    refused = init(blog)
    assert refused.exit_code == 1
    assert "no pelicanconf.py here" in refused.output and "--settings" in refused.output
    result = init(blog, "--settings", "conf_blog.py")
    assert result.exit_code == 0, result.output
    assert "pelican_pullmarketing" in (blog / "conf_blog.py").read_text()
    assert "from settings import *" in (blog / "publishconf.py").read_text()
    # Without a publishing file, the new one imports the settings file given.
    (blog / "publishconf.py").unlink()
    assert init(blog, "--settings", "conf_blog.py").exit_code == 0
    assert "from conf_blog import *" in (blog / "publishconf.py").read_text()


def test_check_finds_the_settings_file_the_makefile_names(tmp_path, monkeypatch):
    blog = copy_blog("french_rst", tmp_path)
    assert init(blog).exit_code == 0
    monkeypatch.chdir(blog)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "settings.py: OK" in result.output


def test_bundled_theme_is_refused_while_content_names_a_template_it_lacks(tmp_path):
    # french_rst's journal page uses its own theme's `worklog` template.
    blog = copy_blog("french_rst", tmp_path)
    before = files_of(blog)
    result = init(blog, "--bundled-theme", "--add-workflow")
    assert result.exit_code == 1
    assert "journal.rst: template: template not found (given 'worklog'" in result.output
    assert "THEME_TEMPLATES_OVERRIDES" in result.output
    assert files_of(blog) == before  # nothing written
    # with the template provided, the switch goes ahead
    overrides = blog / "templates"
    overrides.mkdir()
    (overrides / "worklog.html").write_text('{% extends "page.html" %}\n')
    with open(blog / "settings.py", "a") as fh:
        fh.write('THEME_TEMPLATES_OVERRIDES = ["templates"]\n')
    result = init(blog, "--bundled-theme", "--add-workflow")
    assert result.exit_code == 0, result.output


def test_check_names_the_plugins_that_write_what_search_metadata_writes(tmp_path):
    blog = copy_blog("flex_seo", tmp_path)
    result = CliRunner().invoke(
        main, ["check", "--settings", str(blog / "pelicanconf.py")]
    )
    assert "note: pelican-seo's SEO_ENHANCER" in result.output
    assert "SEO_ENHANCER = False" in result.output
    assert "note: the sitemap plugin writes sitemap.xml" in result.output
