"""The content-gap list: one CSV of what customers ask for that no page of
the site answers yet (the writing plan), whoever found it.

Two writers share it: ``keywords import --gaps`` (phrases from ad and search
exports: conversions, clicks, impressions) and ``watch report --gaps``
(trending phrases and questions from the industry's feeds: mentions). The
``source`` column says where each row came from (the export files, or
``watch:trending`` / ``watch:question``; several, separated by ``; ``). Each
writer replaces its own rows and keeps the other's, so running one never
drops what the other found; a phrase both found is one row, and rows keep
their places from one run to the next.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable

from .. import text
from ..errors import PullMarketingError
from ..files import write_atomic
from .catalogue import phrase_key

COLUMNS = [
    "phrase",
    "conversions",
    "clicks",
    "impressions",
    "mentions",
    "closest",
    "source",
]
SEPARATOR = "; "
WATCH_PREFIX = "watch:"

# Who owns a source token, and the numbers that writer fills in.
IMPORT = (
    lambda token: not token.startswith(WATCH_PREFIX),
    ("conversions", "clicks", "impressions"),
)
WATCH = (lambda token: token.startswith(WATCH_PREFIX), ("mentions",))
_TEXT = ("phrase", "closest", "source")


def _tokens(source: str) -> list[str]:
    return [t.strip() for t in (source or "").split(SEPARATOR.strip()) if t.strip()]


def read_gap_list(path: str) -> list[dict[str, str]]:
    """The rows of an existing gap list (none when there is no file). A file
    from before the ``source`` column counts as the keyword import's."""
    if not os.path.exists(path):
        return []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            header = [c.strip().lower() for c in reader.fieldnames or ()]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise PullMarketingError(
            f"cannot read the gap list: {exc}", file=path
        ) from None
    if "phrase" not in header:
        raise PullMarketingError(
            "not a gap list",
            file=path,
            value=",".join(header),
            expected="a CSV with the columns " + ",".join(COLUMNS),
        )
    found = []
    for row in rows:
        clean = {c: text.from_csv_cell(row.get(c) or "") for c in COLUMNS}
        if not phrase_key(clean["phrase"]):
            continue
        if not clean["source"]:
            clean["source"] = "import"
        found.append(clean)
    return found


def merge_gaps(
    existing: list[dict[str, str]],
    new: Iterable[dict[str, str]],
    owner: tuple[Callable[[str], bool], tuple[str, ...]],
) -> list[dict[str, str]]:
    """``existing`` without the writer's own rows (its sources and numbers),
    then ``new`` (each a dict with ``phrase``, ``source`` and the writer's
    columns): merged into a row of the same phrase, else appended."""
    owns, numbers = owner
    rows: list[dict[str, str]] = []
    for row in existing:
        row = dict(
            row, source=SEPARATOR.join(t for t in _tokens(row["source"]) if not owns(t))
        )
        for column in numbers:
            row[column] = ""
        rows.append(row)
    by_key = {phrase_key(r["phrase"]): r for r in rows}
    for item in new:
        key = phrase_key(item["phrase"])
        row = by_key.get(key)
        if row is None:
            row = {c: "" for c in COLUMNS}
            row["phrase"] = item["phrase"]
            rows.append(row)
            by_key[key] = row
        tokens = set(_tokens(row["source"])) | set(_tokens(item["source"]))
        row["source"] = SEPARATOR.join(sorted(tokens))
        for column in numbers:
            row[column] = str(item.get(column, ""))
        if item.get("closest") and not row["closest"]:
            row["closest"] = item["closest"]
    # A row keeps its place while any writer still finds its phrase.
    return [row for row in rows if row["source"]]


def gap_list_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [text.csv_cell(row[c]) if c in _TEXT else row[c] for c in COLUMNS]
        )
    return buffer.getvalue()


def write_gap_list(
    path: str, new: Iterable[dict[str, str]], owner
) -> list[dict[str, str]]:
    """Replace the writer's rows of the gap list at ``path`` with ``new``, in
    one step; returns every row written."""
    rows = merge_gaps(read_gap_list(path), new, owner)
    write_atomic(path, gap_list_csv(rows), newline="")
    return rows
