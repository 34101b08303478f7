"""Read the words customers search for from real exports (Google Ads search
terms, Keyword Planner, Search Console queries), rank them, and propose a
page of the site for each.

Every row is accounted for: parsed, skipped for a stated reason (total rows,
excluded terms) or reported as a problem with its line number.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field

from ..errors import PullMarketingError
from .catalogue import phrase_key

ADS = "google-ads"
PLANNER = "keyword-planner"
SEARCH_CONSOLE = "search-console"
FORMAT_NAMES = {
    ADS: "Google Ads search terms report",
    PLANNER: "Google Keyword Planner export",
    SEARCH_CONSOLE: "Search Console queries export",
}

# First header cell -> format; the metric columns each format may have.
_HEADERS = {
    "search term": ADS,
    "keyword": PLANNER,
    "top queries": SEARCH_CONSOLE,
    "query": SEARCH_CONSOLE,
}
_COLUMNS = {
    "clicks": ("clicks", "interactions"),
    "impressions": ("impr.", "impressions", "avg. monthly searches"),
    "conversions": ("conversions", "conv.", "all conv."),
}
_NONE = {"", "--", "-", "—", "n/a", "null"}
_NUMBER = re.compile(r"^[^\d.-]*?(-?[\d.]+)\s*([kKmM]?)")


@dataclass
class SearchTerm:
    phrase: str
    clicks: float = 0
    impressions: float = 0
    conversions: float = 0
    sources: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return phrase_key(self.phrase)

    def rank_key(self):
        return (-self.conversions, -self.clicks, -self.impressions, self.key)


@dataclass
class ParsedExport:
    path: str
    format: str
    terms: list[SearchTerm] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    rows: int = 0


def parse_number(cell: str) -> float | None:
    """``"1,234"`` -> 1234, ``3.45%`` -> 3.45, ``£1.20`` -> 1.2, ``1K – 10K`` ->
    1000, ``--`` -> None. ValueError for anything else."""
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if text.lower() in _NONE:
        return None
    text = text.replace(",", "").rstrip("%")
    m = _NUMBER.match(text)
    if not m or m.group(1) in {".", "-", "-."}:
        raise ValueError(cell)
    rest = text[m.end() :]
    if rest and not rest.startswith(("–", "-")):
        raise ValueError(cell)
    number = float(m.group(1))
    return number * {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2).lower()]


def decode_export(raw: bytes, path: str) -> str:
    """Text of an export: UTF-16 (Keyword Planner), UTF-8 with or without
    BOM, or Windows-1252 as Excel may save it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw[:200].count(b"\x00") > 20:  # UTF-16 without BOM
        return raw.decode("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise PullMarketingError(
                "cannot decode text",
                file=path,
                expected="a CSV/TSV export in UTF-8 or UTF-16",
            ) from exc


def _find_header(lines: list[str]) -> tuple[int, str, str] | None:
    """(line index, format, delimiter) of the header among the first lines."""
    for index, line in enumerate(lines[:15]):
        delimiter = "\t" if "\t" in line else ","
        cells = next(csv.reader([line], delimiter=delimiter), [])
        first = cells[0].strip().strip('"').lower() if cells else ""
        if first in _HEADERS and len(cells) >= 2:
            return index, _HEADERS[first], delimiter
    return None


def read_export(path: str) -> ParsedExport:
    """Parse one export file, whatever its format (detected from its header)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise PullMarketingError(f"cannot read: {exc.strerror}", file=path) from None
    lines = decode_export(raw, path).splitlines()
    found = _find_header(lines)
    if found is None:
        raise PullMarketingError(
            "unknown export format",
            file=path,
            value=lines[0][:80] if lines else "",
            expected="a Google Ads search terms report (header 'Search term,...'), "
            "a Keyword Planner export ('Keyword<TAB>Currency<TAB>...') or a "
            "Search Console Queries.csv ('Top queries,Clicks,...')",
        )
    header_index, fmt, delimiter = found
    export = ParsedExport(path, fmt)
    if header_index:
        export.skipped["preamble lines"] = header_index
    reader = csv.reader(
        io.StringIO("\n".join(lines[header_index:])), delimiter=delimiter
    )
    layout = _Layout.of([c.strip().lower() for c in next(reader)], delimiter)
    name = os.path.basename(path)
    previous = reader.line_num
    for row in reader:
        start = header_index + previous + 1
        previous = reader.line_num
        if any(cell.strip() for cell in row):
            export.rows += 1
            _read_row(export, row, layout, name, f"{name}, line {start}")
    return export


@dataclass
class _Layout:
    """The columns of an export, from its header."""

    header: list[str]
    delimiter: str
    metrics: dict[str, int | None]  # SearchTerm field -> column
    excluded: int | None  # the "Added/Excluded" column of an Ads report

    @classmethod
    def of(cls, header: list[str], delimiter: str) -> _Layout:
        metrics = {
            name: next((header.index(a) for a in aliases if a in header), None)
            for name, aliases in _COLUMNS.items()
        }
        excluded = (
            header.index("added/excluded") if "added/excluded" in header else None
        )
        return cls(header, delimiter, metrics, excluded)


def _read_row(
    export: ParsedExport, row: list[str], layout: _Layout, name: str, where: str
) -> None:
    """Add the row's term to ``export``, or count it as skipped, or note why
    it cannot be read."""
    header, delimiter = layout.header, layout.delimiter
    first = row[0].strip()
    if first.lower().startswith("total"):
        export.skipped["total rows"] = export.skipped.get("total rows", 0) + 1
        return
    if len(row) != len(header):
        export.problems.append(
            f"{where}: {len(row)} columns, expected {len(header)} "
            f"({delimiter!r}-separated): {delimiter.join(row)[:80]!r}"
        )
        return
    if not phrase_key(first):
        export.problems.append(f"{where}: empty search term")
        return
    excluded = layout.excluded
    if excluded is not None and row[excluded].strip().lower() == "excluded":
        export.skipped["excluded terms"] = export.skipped.get("excluded terms", 0) + 1
        return
    term = SearchTerm(first, sources={name})
    try:
        for metric, col in layout.metrics.items():
            if col is not None:
                setattr(term, metric, parse_number(row[col]) or 0)
    except ValueError as exc:
        export.problems.append(
            f"{where}: {header[col]!r} is not a number: {exc.args[0]!r}"
        )
        return
    export.terms.append(term)


def combine(exports: list[ParsedExport]) -> list[SearchTerm]:
    """One term per phrase (compared case- and space-insensitively), metrics
    summed over rows and files, ranked: conversions, clicks, impressions."""
    merged: dict[str, SearchTerm] = {}
    for export in exports:
        for term in export.terms:
            known = merged.get(term.key)
            if known is None:
                merged[term.key] = SearchTerm(
                    term.phrase.strip(),
                    term.clicks,
                    term.impressions,
                    term.conversions,
                    set(term.sources),
                )
            else:
                known.clicks += term.clicks
                known.impressions += term.impressions
                known.conversions += term.conversions
                known.sources |= term.sources
    return sorted(merged.values(), key=SearchTerm.rank_key)


def rank(
    terms: list[SearchTerm], *, min_clicks: float = 0, top: int | None = None
) -> list[SearchTerm]:
    chosen = [
        t for t in sorted(terms, key=SearchTerm.rank_key) if t.clicks >= min_clicks
    ]
    return chosen[:top] if top else chosen
