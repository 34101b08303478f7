"""`make audit`: build the sample site, serve it on 127.0.0.1 and measure it with
the validators the field trusts. Prints a table, writes ``audit/report.json``
(Lighthouse reports in ``audit/lighthouse/``) and exits 1 on any failure.

Checks: build, pages (the key pages exist), html (Nu HTML Checker), feeds,
structured-data (extruct), links, accessibility (axe-core, light and dark),
lighthouse (phone and desktop settings), budgets (theme weight), determinism (two builds).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from verify.a11y import check_accessibility
from verify.browser import chromium
from verify.budgets import check_budgets
from verify.determinism import check_determinism
from verify.feeds import check_feeds
from verify.html_check import check_html
from verify.lighthouse import check_lighthouse
from verify.links import check_links, gated_source_paths
from verify.pages import KEY_PAGES, scan_pages
from verify.report import (
    CheckResult,
    render_failures,
    render_table,
    result,
    run_check,
    write_json,
)
from verify.site import ROOT, BuildError, SiteServer, add_site_arguments, build_site

CHECKS = (
    "html",
    "feeds",
    "structured-data",
    "links",
    "accessibility",
    "lighthouse",
    "budgets",
    "determinism",
)
BROWSER_CHECKS = {"accessibility", "budgets"}


def build_check(output: Path, url: str, site: Path, settings: str) -> CheckResult:
    try:
        build = build_site(output, url, site_dir=site, settings=settings)
    except BuildError as exc:
        return result(
            "build", [str(exc).splitlines()[0]], "pelican failed", output=str(exc)
        )
    warnings = [
        line
        for line in build.log.splitlines()
        if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line)
    ]
    errors = [line for line in warnings if "WARNING" not in line]
    files = sum(1 for p in output.rglob("*") if p.is_file())
    return result(
        "build",
        errors,
        f"{files} files, {len(warnings) - len(errors)} Pelican warnings",
        data={"files": files, "log": warnings},
        output=build.log if errors else "",
    )


def pages_check(key: dict[str, str], articles: list[str]) -> CheckResult:
    missing = [name for name in KEY_PAGES if name not in key]
    hints = {
        "home": "index.html",
        "article": 'a page with og:type "article", BlogPosting JSON-LD or one dated <article>',
        "hub": "topics/<slug>/index.html",
        "subscribe": "subscribe/index.html",
        "gate": "a page with a <form> (the gate landing page)",
        "thanks": "the noindex page the gate form points at",
    }
    failures = [f"no {name} page found (looked for {hints[name]})" for name in missing]
    found = ", ".join(f"{name}={rel}" for name, rel in key.items())
    return result(
        "pages",
        failures,
        f"{len(articles)} articles; {found or 'none'}",
        data={"key": key, "articles": articles},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m verify.audit", description=__doc__.split("\n")[0]
    )
    add_site_arguments(parser)
    parser.add_argument(
        "--report-dir", type=Path, default=ROOT / "audit", help="where report.json goes"
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=CHECKS,
        help="leave a check out (repeatable)",
    )
    args = parser.parse_args(argv)
    wanted = [c for c in CHECKS if c not in args.skip]
    started = time.monotonic()
    results: list[CheckResult] = []

    with tempfile.TemporaryDirectory(prefix="pm-audit-") as tmp, ExitStack() as stack:
        output, again = Path(tmp) / "site", Path(tmp) / "site-again"
        server = stack.enter_context(SiteServer(output))
        url = server.url
        print(
            f"Building {args.site.name} with {args.settings} for {url} ...", flush=True
        )
        results.append(
            run_check(
                "build", lambda: build_check(output, url, args.site, args.settings)
            )
        )
        if not results[-1].ok:
            return finish(results, args.report_dir, started, url)

        # The second build for the determinism check runs beside the checks.
        second: dict[str, CheckResult] = {}
        if "determinism" in wanted:
            thread = threading.Thread(
                target=lambda: second.update(
                    build=run_check(
                        "build",
                        lambda: build_check(again, url, args.site, args.settings),
                    )
                )
            )
            thread.start()

        key, articles = scan_pages(output, url)
        results.append(pages_check(key, articles))

        def step(name, fn):
            if name in wanted:
                print(f"  {name} ...", flush=True)
                results.append(run_check(name, fn))
                return results[-1]
            return None

        step("html", lambda: check_html(output))
        step("feeds", lambda: check_feeds(output))
        step("structured-data", lambda: check_structured_data_for(output, url))
        gated = gated_source_paths(args.site / "content")
        step("links", lambda: check_links(output, url, gated))

        browser = None
        if BROWSER_CHECKS & set(wanted):
            try:
                browser = stack.enter_context(chromium())
            except Exception as exc:  # noqa: BLE001 - reported as the browser checks' failure
                results += [
                    result(
                        name, [f"{type(exc).__name__}: {exc}"], "browser did not start"
                    )
                    for name in CHECKS
                    if name in BROWSER_CHECKS and name in wanted
                ]
        if browser is not None:
            step("accessibility", lambda: check_accessibility(browser, url, key))
        lighthouse = step(
            "lighthouse",
            lambda: check_lighthouse(output, url, key, args.report_dir / "lighthouse"),
        )
        lh_requests = lighthouse.data.get("requests") if lighthouse else None
        if browser is not None:
            step(
                "budgets",
                lambda: check_budgets(output, url, key, articles, browser, lh_requests),
            )

        if "determinism" in wanted:
            thread.join()
            rebuilt = second["build"]
            if rebuilt.ok:
                step("determinism", lambda: check_determinism(output, again))
            else:
                results.append(
                    result(
                        "determinism",
                        ["second build failed: " + rebuilt.summary],
                        "second build failed",
                        output=rebuilt.output,
                    )
                )
        return finish(results, args.report_dir, started, url)


def check_structured_data_for(output: Path, url: str) -> CheckResult:
    from verify.structured import check_structured_data  # extruct is slow to import

    return check_structured_data(output, url)


def finish(
    results: list[CheckResult], report_dir: Path, started: float, url: str
) -> int:
    seconds = round(time.monotonic() - started, 1)
    report = report_dir / "report.json"
    write_json(results, report, site_url=url, seconds=seconds)
    print()
    print(render_table(results))
    failures = render_failures(results, report)
    if failures:
        print()
        print(failures)
    ok = all(r.ok for r in results)
    print(
        f"\naudit {'passed' if ok else 'FAILED'} in {seconds:.0f} s; report: {report}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
