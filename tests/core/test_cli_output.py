"""Every command reads well when piped or in a CI log: plain text, no colour
codes, no table borders, no line wrapped at 80 columns. Click's CliRunner is
not a terminal, as a pipe is not."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.console import print_table

DATA = Path(__file__).resolve().parents[1] / "keywords" / "data"
BORDERS = set("│┃━─┏┓┗┛┡┩└┘├┤┼╇╈")


def assert_plain(output: str) -> None:
    assert "\x1b[" not in output, output
    assert not BORDERS & set(output), output


def test_a_table_is_aligned_plain_lines_off_a_terminal():
    out = io.StringIO()
    console = Console(file=out, width=40)
    long = "content/" + "very-long-folder-name/" * 5 + "post.md"
    print_table(
        console,
        "Documents",
        ("document", "words"),
        [(long, "[green]1200[/green]"), ("b.md", "3")],
        right=("words",),
    )
    assert out.getvalue().splitlines() == [
        "Documents",
        "document" + " " * (len(long) - 8) + "  words",
        "-" * len(long) + "  -----",
        long + "   1200",
        "b.md" + " " * (len(long) - 4) + "      3",
    ]


def test_on_a_terminal_a_table_keeps_its_borders():
    out = io.StringIO()
    console = Console(file=out, width=60, force_terminal=True)
    print_table(console, "T", ("a", "b"), [("1", "2")])
    assert BORDERS & set(out.getvalue())


def test_audit_with_a_long_path_reads_well_in_a_pipe(site):
    folder = "guides-for-home-owners-in-the-greater-bristol-area/2024/heating"
    path = site.article(
        "what-an-annual-boiler-service-includes-and-what-it-costs-in-bristol",
        "A boiler service keeps a boiler safe. " * 20,
        title="What an annual boiler service includes",
        folder=folder,
        focus_keywords="boiler service",
    )
    (site.root / "pelicanconf.py").write_text(
        "PATH = 'content'\nSITEURL = 'https://example.com'\nTIMEZONE = 'UTC'\n"
        "PLUGINS = ['pelican_pullmarketing.keywords']\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["audit", "--settings", str(site.root / "pelicanconf.py")]
    )
    assert result.exit_code == 0, result.output
    assert_plain(result.output)
    relative = str(path.relative_to(site.content))
    rows = [line for line in result.output.splitlines() if relative in line]
    assert rows, result.output  # the whole path on one line
    assert rows[0].split()[:3] == [relative, "140", "38"]
    assert "boiler service" in rows[0]
    assert all(len(line) > 80 for line in rows)  # not wrapped at 80 columns


def test_keywords_import_reads_well_in_a_pipe(site):
    site.article("boiler-service-bristol", "A boiler service bristol page.")
    result = CliRunner().invoke(
        main,
        [
            "keywords",
            "import",
            str(DATA / "ads-search-terms.csv"),
            "--content",
            str(site.content),
            "--skip-bad-rows",
            "--dry-run",
        ],
    )
    assert result.exit_code == 0, result.output
    assert_plain(result.output)
    header = next(li for li in result.output.splitlines() if li.startswith("#"))
    assert header.split() == ["#", "phrase", "conv.", "clicks", "impr.", "target"]


def test_init_and_check_read_well_in_a_pipe(tmp_path):
    from tests.blogs import copy_blog

    blog = copy_blog("old_pins", tmp_path)
    result = CliRunner().invoke(main, ["init", str(blog), "--dry-run"])
    assert_plain(result.output)
    conflict = next(li for li in result.output.splitlines() if "pelican==4.8.0" in li)
    assert "pelican>=4.9" in conflict  # one conflict, one line
    check = CliRunner().invoke(
        main, ["check", "--settings", str(blog / "pelicanconf.py")]
    )
    assert_plain(check.output)
    lines = [li for li in check.output.splitlines() if "cannot install" in li]
    assert all(str(blog / "requirements.txt") in li for li in lines)
