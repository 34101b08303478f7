"""Links made absolute for copies elsewhere resolve against the page's own
location, whether the site is built with RELATIVE_URLS or not, with a
SITEURL or (a preview) without one."""

from __future__ import annotations

import json

import pytest
from fakeplatforms import build_with_targets

PRETTY = {
    "ARTICLE_URL": "{date:%Y}/{slug}/",
    "ARTICLE_SAVE_AS": "{date:%Y}/{slug}/index.html",
}


def _write(site):
    site.article(
        "boiler-upgrade-scheme",
        "The grant.",
        title="Boiler Upgrade Scheme",
        date="2024-02-01 10:00",
    )
    site.article(
        "air-source-heat-pump-cost",
        "See [the grant]({filename}boiler-upgrade-scheme.md), the same page "
        "[by its path](../../2024/boiler-upgrade-scheme/) and "
        "[our prices](../prices/).",
        title="Air source heat pump cost",
        date="2025-01-10 10:00",
        crosspost="devto",
    )


@pytest.mark.parametrize("relative", [True, False])
@pytest.mark.parametrize("siteurl", ["https://example.com/blog", ""])
def test_links_in_a_copy_resolve_against_the_page(
    site, quiet_pelican, relative, siteurl
):
    _write(site)
    out = build_with_targets(site, SITEURL=siteurl, RELATIVE_URLS=relative, **PRETTY)
    manifest = json.loads((out / "crosspost" / "manifest.json").read_text())
    (entry,) = [e for e in manifest["entries"] if e["target"] == "devto"]
    body = entry["payload"]["article"]["body_markdown"]
    root = siteurl or ""
    grant = f"{root}/2024/boiler-upgrade-scheme/"
    prices = f"{root}/2025/prices/"
    utm = (
        "?utm_source=devto&utm_medium=syndication&utm_campaign=crosspost"
        if siteurl
        else ""
    )
    assert f"[the grant]({grant}{utm})" in body
    assert f"[by its path]({grant}{utm})" in body
    assert f"[our prices]({prices}{utm})" in body


def test_a_failed_check_says_it_failed(site, caplog):
    _write(site)
    build_with_targets(site, SITEURL="", RELATIVE_URLS=True, **PRETTY)
    assert "preview" in caplog.text  # without SITEURL: one line says so
    caplog.clear()
    # A site URL without a scheme: the copy cannot link back, and the
    # warning says which rule is not met, not the rule as if it held.
    build_with_targets(site, SITEURL="/blog", RELATIVE_URLS=True, **PRETTY)
    assert "not met: canonical URL is absolute ('/blog/2025/" in caplog.text
