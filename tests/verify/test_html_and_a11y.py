"""The Nu HTML Checker and axe-core catch the defects the audit exists for."""

from __future__ import annotations

from verify_support import browser, clean_site, page, require_binary, served, write  # noqa: F401 - fixtures

from verify.a11y import check_accessibility
from verify.html_check import check_html


def test_vnu_passes_clean_pages_and_reports_a_duplicate_id(tmp_path):
    require_binary("java", "Java", "the Nu HTML Checker")
    folder = clean_site(tmp_path / "site")
    write(folder, {"dup.html": page("Dup", '<p id="x">a</p><p id="x">b</p>')})

    res = check_html(folder)

    assert not res.ok
    assert res.data["pages"] == 3
    assert any(
        "dup.html:" in line and "Duplicate ID" in line for line in res.failures
    ), res.failures
    # The two clean pages give no error at all.
    assert all(
        place.startswith("dup.html:")
        for places in res.data["errors"].values()
        for place in places
    )


def test_axe_flags_an_unlabeled_input_in_both_schemes(browser, served):  # noqa: F811 - fixtures from verify_support
    folder, url = served
    clean_site(folder)
    write(
        folder,
        {
            "form/index.html": page(
                "Form", '<form action="/"><input type="email" name="email"></form>'
            )
        },
    )

    ok = check_accessibility(
        browser, url, {"home": "index.html", "article": "2024/post/index.html"}
    )
    bad = check_accessibility(browser, url, {"gate": "form/index.html"})

    assert ok.ok, ok.failures
    labels = [line for line in bad.failures if " label " in line or ": label (" in line]
    assert {"[light]" in line for line in labels} == {True, False}, bad.failures


def test_axe_checks_the_dark_scheme_on_its_own(browser, served):  # noqa: F811 - fixtures from verify_support
    folder, url = served
    dark_css = "@media (prefers-color-scheme: dark){body{background:#111;color:#222}}"
    write(
        folder,
        {
            "theme.css": "body{color:#111;background:#fff}" + dark_css,
            "index.html": page("Home", "<p>Readable by day only.</p>"),
        },
    )

    res = check_accessibility(browser, url, {"home": "index.html"})

    contrast = [line for line in res.failures if "color-contrast" in line]
    assert contrast and all("[dark]" in line for line in contrast), res.failures
