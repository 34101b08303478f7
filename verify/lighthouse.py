"""Lighthouse (npm ``lighthouse`` from the repo's package.json) on the key pages,
at phone settings (Lighthouse's default: a mid-range phone on a slow 4G
link) and at desktop settings (``--preset=desktop``), one after another on
the system Chromium with the network limited to the loopback server.
Accessibility, Best Practices and SEO must be 100 and Performance at least
95 in both; every audit that cost points is listed.

Performance depends on how busy the machine is: a page that scores under 95 is
measured once more and the better run counts (both scores are reported). The
other categories do not vary with load and get no second run."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from verify.browser import CHROME_FLAGS, chromium_path
from verify.pages import page_url, parse
from verify.report import CheckResult, result
from verify.site import ROOT

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REQUIRED = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LH_FLAGS = " ".join(["--headless=new", *CHROME_FLAGS])


def lighthouse_bin() -> Path:
    path = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not path.exists():
        raise RuntimeError(
            f"{path} not found: run `npm ci` in {ROOT} (package.json lists lighthouse)"
        )
    return path


# Each form factor measured, and the Lighthouse flags that select it.
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}


def run_lighthouse(url: str, out_file: Path, form_factor: str = "mobile") -> dict:
    """One Lighthouse run; its JSON report (also written to ``out_file``)."""
    out_file.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(lighthouse_bin()),
        url,
        *FORM_FACTORS[form_factor],
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={out_file}",
        f"--chrome-flags={LH_FLAGS}",
        "--quiet",
    ]
    env = dict(os.environ, CHROME_PATH=chromium_path())
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env=env, check=False, timeout=180
    )
    if proc.returncode != 0 or not out_file.is_file():
        raise RuntimeError(
            f"lighthouse exited {proc.returncode} on {url}:\n{proc.stdout}{proc.stderr}"
        )
    report = json.loads(out_file.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    return report


def lost_points(report: dict, category: str) -> list[str]:
    """Weighted audits of a category that did not score 1, with Lighthouse's words."""
    audits = report["audits"]
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 1:
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            out.append(
                f"{ref['id']}: {audit.get('title', '')}{value} score {score:.2f}"
            )
    return out


def request_urls(report: dict) -> list[str]:
    items = (report["audits"].get("network-requests", {}).get("details") or {}).get(
        "items", []
    )
    return [item["url"] for item in items]


def measure(url: str, report_dir: Path, name: str, form_factor: str) -> tuple:
    """A page's report at one form factor (measured once more when its
    Performance is under the line; the better run counts) and its first
    Performance score when it was measured again (else None)."""
    suffix = "" if form_factor == "mobile" else f"-{form_factor}"
    report = run_lighthouse(url, report_dir / f"{name}{suffix}.json", form_factor)
    first = report["categories"]["performance"]["score"]
    if first is None or round(first * 100) >= REQUIRED["performance"]:
        return report, None
    again = run_lighthouse(url, report_dir / f"{name}{suffix}-again.json", form_factor)
    second = again["categories"]["performance"]["score"] or 0
    return (again if second > first else report), round(first * 100)


def page_failures(report: dict, noindex: bool, label: str) -> tuple[dict, list]:
    """A report's scores by category and the lines of each category under
    its line (with the audits that cost points)."""
    scores, failures = {}, []
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        scores[category] = None if score is None else round(score * 100)
        lost = lost_points(report, category)
        if noindex and category == "seo":
            # A page kept out of search on purpose is "not crawlable" by design.
            lost = [line for line in lost if not line.startswith("is-crawlable:")]
            if not lost:
                continue
        if scores[category] is None or scores[category] < REQUIRED[category]:
            failures.append(
                f"{label}: {category} {scores[category]} < {REQUIRED[category]}"
            )
            failures += [f"    {line}" for line in lost]
    return scores, failures


def check_lighthouse(
    folder: Path,
    base_url: str,
    pages: dict[str, str],
    report_dir: Path,
    form_factors: tuple[str, ...] = tuple(FORM_FACTORS),
) -> CheckResult:
    failures: list[str] = []
    scores: dict[str, dict[str, dict[str, int]]] = {f: {} for f in form_factors}
    requests: dict[str, list[str]] = {}
    remeasured: dict[str, int] = {}
    for name, rel in pages.items():
        url = base_url + page_url(rel)
        noindex = any(
            "noindex" in c
            for c in parse(folder, rel).xpath('//meta[@name="robots"]/@content')
        )
        for form_factor in form_factors:
            report, first = measure(url, Path(report_dir), name, form_factor)
            if first is not None:
                remeasured[f"{rel} ({form_factor})"] = first
            requests.setdefault(rel, [])
            requests[rel] += [u for u in request_urls(report) if u not in requests[rel]]
            label = f"{rel} ({name}, {form_factor})"
            scores[form_factor][rel], lost = page_failures(report, noindex, label)
            failures += lost
    summary = " | ".join(
        f"{form_factor}: "
        + "; ".join(
            f"{name} " + "/".join(str(scores[form_factor][rel][c]) for c in CATEGORIES)
            for name, rel in pages.items()
        )
        for form_factor in form_factors
    )
    return result(
        "lighthouse",
        failures,
        f"perf/a11y/bp/seo {summary}",
        data={
            "scores": scores,
            "first_performance_of_remeasured": remeasured,
            "requests": requests,
            "reports": str(report_dir),
        },
    )
