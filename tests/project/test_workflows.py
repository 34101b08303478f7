"""The project's own GitHub workflows: CI (lint, tests on the lowest and the
newest supported versions, the audit with Debian's Chromium) and the release
(tag -> build, twine check, PyPI by trusted publishing, GitHub release). Both
pass actionlint."""

from __future__ import annotations

from project_files import WORKFLOWS, pyproject, workflow

from verify import actionlint


def steps_text(job: dict) -> str:
    return "\n".join(
        str(step.get("run", "")) + str(step.get("uses", "")) for step in job["steps"]
    )


def test_both_workflows_pass_actionlint(actionlint_ready):
    paths = [WORKFLOWS / "ci.yml", WORKFLOWS / "release.yml"]
    assert all(p.is_file() for p in paths)

    assert actionlint.lint_workflows(paths) == []


def test_ci_runs_on_pushes_and_pull_requests_and_can_be_called():
    on = workflow("ci.yml")["on"]
    assert {"push", "pull_request", "workflow_call"} <= set(on)


def test_ci_tests_the_lowest_and_newest_python_with_the_lowest_and_newest_pins():
    project = pyproject()["project"]
    lowest_python = project["requires-python"].removeprefix(">=")
    newest_python = max(
        (
            c.rsplit(" ", 1)[1]
            for c in project["classifiers"]
            if c.count(".") == 1 and ":: 3." in c
        ),
        key=lambda v: tuple(map(int, v.split("."))),
    )
    tests = workflow("ci.yml")["jobs"]["tests"]
    matrix = tests["strategy"]["matrix"]

    assert matrix["python"] == [lowest_python, newest_python]
    assert matrix["pins"] == ["lowest", "newest"]
    run = steps_text(tests)
    assert ".ci/lowest-pins" in run and "make test" in run


def test_browser_checks_use_debians_chromium_never_a_download():
    jobs = workflow("ci.yml")["jobs"]
    for name in ("tests", "audit"):
        job = jobs[name]
        assert "bookworm" in job["container"], name
        run = steps_text(job)
        assert ".ci/install-system-packages" in run, name
        assert "playwright install" not in run, name
    assert "make audit" in steps_text(jobs["audit"])
    assert "ruff check" in steps_text(jobs["lint"])


def test_a_version_tag_builds_checks_and_publishes_with_trusted_publishing():
    release = workflow("release.yml")
    assert release["on"] == {"push": {"tags": ["v*"]}}
    jobs = release["jobs"]
    assert jobs["ci"]["uses"] == "./.github/workflows/ci.yml"

    build = steps_text(jobs["build"])
    assert ".ci/release_notes.py" in build
    assert "python -m build" in build and "twine check --strict dist/*" in build

    pypi = jobs["pypi"]
    assert pypi["permissions"] == {"id-token": "write"}
    assert pypi["environment"]["name"] == "pypi"
    assert "pypa/gh-action-pypi-publish@release/v1" in steps_text(pypi)
    assert "password" not in str(pypi) and "secrets." not in str(pypi)

    github = jobs["github-release"]
    assert github["needs"] == "pypi"
    assert github["permissions"] == {"contents": "write"}
    assert 'gh release create "$GITHUB_REF_NAME" dist/*' in steps_text(github)
    # Nothing more than reading the repository unless a job says so.
    assert release["permissions"] == {"contents": "read"}
