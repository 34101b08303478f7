"""Lighthouse (npm ``lighthouse`` from the repo's package.json) on the key pages,
mobile, one after another on the system Chromium with the network limited to
the loopback server. Accessibility, Best Practices and SEO must be 100 and
Performance at least 95; every audit that cost points is listed.

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


def run_lighthouse(url: str, out_file: Path) -> dict:
    """One Lighthouse run; its JSON report (also written to ``out_file``)."""
    out_file.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(lighthouse_bin()),
        url,
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


def check_lighthouse(
    folder: Path, base_url: str, pages: dict[str, str], report_dir: Path
) -> CheckResult:
    failures: list[str] = []
    scores: dict[str, dict[str, int]] = {}
    requests: dict[str, list[str]] = {}
    remeasured: dict[str, int] = {}
    for name, rel in pages.items():
        url = base_url + page_url(rel)
        report = run_lighthouse(url, Path(report_dir) / f"{name}.json")
        first = report["categories"]["performance"]["score"]
        if first is not None and round(first * 100) < REQUIRED["performance"]:
            again = run_lighthouse(url, Path(report_dir) / f"{name}-again.json")
            second = again["categories"]["performance"]["score"] or 0
            remeasured[rel] = round(first * 100)
            if second > first:
                report = again
        requests[rel] = request_urls(report)
        noindex = any(
            "noindex" in c
            for c in parse(folder, rel).xpath('//meta[@name="robots"]/@content')
        )
        page_scores = {}
        for category in CATEGORIES:
            score = report["categories"][category]["score"]
            page_scores[category] = None if score is None else round(score * 100)
            lost = lost_points(report, category)
            if noindex and category == "seo":
                # A page kept out of search on purpose is "not crawlable" by design.
                lost = [line for line in lost if not line.startswith("is-crawlable:")]
                if not lost:
                    continue
            if (
                page_scores[category] is None
                or page_scores[category] < REQUIRED[category]
            ):
                failures.append(
                    f"{rel} ({name}): {category} {page_scores[category]} < {REQUIRED[category]}"
                )
                failures += [f"    {line}" for line in lost]
        scores[rel] = page_scores
    summary = "; ".join(
        f"{name} " + "/".join(str(scores[rel][c]) for c in CATEGORIES)
        for name, rel in pages.items()
    )
    return result(
        "lighthouse",
        failures,
        f"perf/a11y/bp/seo: {summary}",
        data={
            "scores": scores,
            "first_performance_of_remeasured": remeasured,
            "requests": requests,
            "reports": str(report_dir),
        },
    )
