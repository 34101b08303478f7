"""Accessibility: axe-core (bundled with axe-playwright-python) on each key page,
light and dark colour schemes, in the system Chromium: 0 violations.

axe runs its default rule set: WCAG 2.0/2.1 A and AA plus best practices.
"""

from __future__ import annotations

from verify.browser import viewport
from verify.pages import page_url
from verify.report import CheckResult, result

SCHEMES = ("light", "dark")


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def format_violation(where: str, violation: dict) -> list[str]:
    lines = []
    for node in violation["nodes"][:10]:
        target = " ".join(str(t) for t in node.get("target", []))
        detail = (node.get("failureSummary") or "").replace("\n", " ")
        lines.append(
            f"{where}: {violation['id']} ({violation.get('impact')}) {violation['help']}"
            f" at {target}: {detail}"
        )
    if len(violation["nodes"]) > 10:
        lines.append(
            f"{where}: {violation['id']}: {len(violation['nodes']) - 10} more elements"
        )
    return lines


def check_accessibility(
    browser, base_url: str, pages: dict[str, str], *, width: int = 1280, schemes=SCHEMES
) -> CheckResult:
    failures: list[str] = []
    counts: dict[str, int] = {}
    for scheme in schemes:
        context = browser.new_context(color_scheme=scheme, **viewport(width))
        tab = context.new_page()
        for name, rel in pages.items():
            response = tab.goto(base_url + page_url(rel), wait_until="load")
            where = f"{rel} [{scheme}]"
            if response is None or response.status >= 400:
                failures.append(
                    f"{where}: HTTP {response.status if response else 'no response'}"
                )
                continue
            violations = axe_violations(tab)
            counts[f"{name}/{scheme}"] = sum(len(v["nodes"]) for v in violations)
            for violation in violations:
                failures += format_violation(where, violation)
        context.close()
    summary = f"{len(pages)} pages x {len(schemes)} schemes; {sum(counts.values())} violating elements"
    if not pages:
        failures.append("no pages to check")
    return result(
        "accessibility", failures, summary, data={"violations": counts, "pages": pages}
    )
