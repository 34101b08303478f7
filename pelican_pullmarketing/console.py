"""Command output that reads well on a terminal and in a pipe or a CI log.

On a terminal: rich's colours and tables. Anywhere else: plain text, no
colour codes, no line wrapped at 80 columns, and a table as aligned columns,
one row per line, so a long path or URL stays whole and ``grep`` finds a
row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text


def make_console(*, stderr: bool = False) -> Console:
    """The console every command prints with (long lines never wrapped)."""
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _plain(cell: str) -> str:
    return Text.from_markup(cell).plain


def print_table(
    console: Console,
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right: Iterable[str] = (),
) -> None:
    """``rows`` (cells may hold rich markup) under ``columns``; columns named
    in ``right`` are right-aligned."""
    rows = [list(row) for row in rows]
    right = set(right)
    if console.is_terminal:
        table = Table(title=title, title_justify="left")
        for column in columns:
            table.add_column(
                column, justify="right" if column in right else "left", overflow="fold"
            )
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    plain = [[_plain(cell) for cell in row] for row in rows]
    widths = [
        max([len(column)] + [len(row[i]) for row in plain])
        for i, column in enumerate(columns)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(w) if column in right else cell.ljust(w)
            for cell, w, column in zip(cells, widths, columns, strict=True)
        ).rstrip()

    if title:
        console.print(title, markup=False, highlight=False, soft_wrap=True)
    console.print(line(columns), markup=False, highlight=False, soft_wrap=True)
    console.print(
        line(["-" * w for w in widths]), markup=False, highlight=False, soft_wrap=True
    )
    for row in plain:
        console.print(line(row), markup=False, highlight=False, soft_wrap=True)
