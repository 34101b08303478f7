"""The sample site builds at a domain root, under a GitHub project-site
sub-path and for local preview, with no broken internal link in any of them."""

from __future__ import annotations

import pytest

from verify.links import check_links, gated_source_paths
from verify.site import SAMPLE_SITE, build_site


@pytest.mark.parametrize(
    ("siteurl", "settings"),
    [
        ("https://harbourheating.example", "publishconf.py"),
        ("https://harbour-heating.github.io/blog", "publishconf.py"),
        ("", "pelicanconf.py"),
    ],
    ids=["domain-root", "project-sub-path", "local-preview"],
)
def test_sample_site_builds_with_no_broken_internal_link(tmp_path, siteurl, settings):
    build = build_site(tmp_path / "out", siteurl, settings=settings)
    out = build.output
    assert (out / "index.html").is_file()
    assert "Traceback" not in build.log
    result = check_links(out, siteurl, gated_source_paths(SAMPLE_SITE / "content"))
    assert not result.failures, "\n".join(result.failures[:30])
    if siteurl.endswith("/blog"):
        # Root-relative links would escape the project site's /blog/ path.
        html = (out / "index.html").read_text(encoding="utf-8")
        assert 'href="/topics/' not in html
        assert "https://harbour-heating.github.io/blog/" in html
