from __future__ import annotations


def test_site_builds_with_every_feature_loaded(site):
    site.article("first-post", "Hello from a small firm.")
    out = site.build()
    assert (out / "first-post.html").is_file()
