"""Determinism: two builds of the same site are byte-identical."""

from __future__ import annotations

import difflib
from pathlib import Path

from verify.report import CheckResult, result

TEXT_SUFFIXES = (".html", ".xml", ".json", ".txt", ".css", ".js", ".opml", ".svg")


def _files(folder: Path) -> dict[str, Path]:
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def first_difference(a: Path, b: Path) -> str:
    if a.suffix not in TEXT_SUFFIXES:
        return f"{a.stat().st_size} vs {b.stat().st_size} bytes"
    lines_a = a.read_text(encoding="utf-8", errors="replace").splitlines()
    lines_b = b.read_text(encoding="utf-8", errors="replace").splitlines()
    diff = [
        line
        for line in difflib.unified_diff(lines_a, lines_b, lineterm="", n=0)
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]
    return " | ".join(line[:160] for line in diff[:4])


def check_determinism(first: Path, second: Path) -> CheckResult:
    files_a, files_b = _files(Path(first)), _files(Path(second))
    failures = [
        f"only in the first build: {rel}"
        for rel in sorted(files_a.keys() - files_b.keys())
    ]
    failures += [
        f"only in the second build: {rel}"
        for rel in sorted(files_b.keys() - files_a.keys())
    ]
    for rel in sorted(files_a.keys() & files_b.keys()):
        if files_a[rel].read_bytes() != files_b[rel].read_bytes():
            failures.append(
                f"{rel} differs: {first_difference(files_a[rel], files_b[rel])}"
            )
    summary = f"{len(files_a)} files; {len(failures)} differ"
    return result("determinism", failures, summary, data={"files": len(files_a)})
