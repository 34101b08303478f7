"""Check results, the text table and ``report.json``."""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Lines of each check's failures printed under the table; report.json has all.
SHOWN_FAILURES = 40
SHOWN_OUTPUT = 80


@dataclass
class CheckResult:
    name: str
    ok: bool
    summary: str
    failures: list[str] = field(default_factory=list)
    output: str = ""  # the tool's own words when it failed
    data: dict = field(default_factory=dict)  # measurements
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return "PASS" if self.ok else "FAIL"


def result(name: str, failures: list[str], summary: str, **kw) -> CheckResult:
    return CheckResult(
        name=name, ok=not failures, summary=summary, failures=failures, **kw
    )


def run_check(name: str, fn: Callable[[], CheckResult]) -> CheckResult:
    """Run one check; a crash of the check or its tool is a failure with the traceback."""
    start = time.monotonic()
    try:
        res = fn()
    except Exception as exc:  # noqa: BLE001 - any crash is reported, never swallowed
        res = CheckResult(
            name=name,
            ok=False,
            summary=f"could not run: {type(exc).__name__}: {exc}".splitlines()[0],
            failures=[f"{type(exc).__name__}: {exc}"],
            output=traceback.format_exc(),
        )
    res.seconds = round(time.monotonic() - start, 1)
    return res


def render_table(results: list[CheckResult]) -> str:
    rows = [("check", "result", "time", "summary")]
    rows += [(r.name, r.status, f"{r.seconds:.1f}s", r.summary) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[c].ljust(widths[c]) for c in range(3)] + [row[3]]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 7)
    return "\n".join(lines)


def render_failures(results: list[CheckResult], report_path: Path | None = None) -> str:
    blocks = []
    for r in results:
        if r.ok:
            continue
        lines = [f"== {r.name}: {r.summary}"]
        lines += [f"  {line}" for line in r.failures[:SHOWN_FAILURES]]
        if len(r.failures) > SHOWN_FAILURES:
            where = f" (all in {report_path})" if report_path else ""
            lines.append(f"  ... and {len(r.failures) - SHOWN_FAILURES} more{where}")
        if r.output:
            lines.append("  -- tool output:")
            out = r.output.rstrip().splitlines()
            lines += [f"  | {line}" for line in out[:SHOWN_OUTPUT]]
            if len(out) > SHOWN_OUTPUT:
                lines.append(
                    f"  | ... {len(out) - SHOWN_OUTPUT} more lines in {report_path}"
                )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def write_json(results: list[CheckResult], path: Path, **meta) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        **meta,
        "ok": all(r.ok for r in results),
        "checks": [asdict(r) | {"status": r.status} for r in results],
    }
    path.write_text(json.dumps(doc, indent=2, sort_keys=False) + "\n", encoding="utf-8")
