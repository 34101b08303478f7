"""An empty common metadata field (``Image:``, ``Description:``, ...) is what
plain Pelican and themes read as "not set": it never stops a build; and
`pullmarketing check` never runs the blog's other plugins."""

from __future__ import annotations

import logging

from click.testing import CliRunner

from pelican_pullmarketing import metadata
from pelican_pullmarketing.cli import main
from tests.blogs import build_blog, copy_blog

SHARED = (
    "image",
    "description",
    "canonical",
    "robots",
    "syndication",
    "crosspost",
    "topics",
)


def test_empty_common_fields_mean_not_set_with_one_info_line(site, caplog):
    site.article("old-post", **{name.capitalize(): "" for name in SHARED})
    site.article("other-post", Image="", Description=" ")
    with caplog.at_level(logging.INFO):
        out = site.build()
    assert (out / "old-post.html").is_file()
    ours = [r for r in caplog.records if "empty metadata" in r.getMessage()]
    assert [r.levelno for r in ours] == [logging.INFO]
    assert "not set in 2 document(s)" in ours[0].getMessage()
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [r for r in warned if "post" in r.getMessage()]
    html = (out / "old-post.html").read_text()
    assert 'rel="canonical" href="https://example.com/old-post.html"' in html


def test_an_empty_field_is_the_default_value(site):
    path = site.article("p", Image="", Syndication="", Keyword_links="")
    doc = type("Doc", (), {})()
    doc.metadata = {"image": "", "syndication": "", "keyword_links": ""}
    doc.source_path = str(path)
    values, problems = metadata.parse_document(doc, {})
    assert problems == []
    assert metadata.value(doc, "image") is None
    assert metadata.value(doc, "syndication") == []
    assert metadata.value(doc, "keyword_links") is True


def test_a_wrong_value_of_a_field_the_package_owns_still_stops_the_build(site):
    import pytest

    from pelican_pullmarketing.errors import BuildFailed

    site.article("fine", Image="")
    site.article("bad", keyword_links="sometimes")
    with pytest.raises(BuildFailed) as info:
        site.build()
    assert "keyword_links" in str(info.value) and "image" not in str(info.value)


def test_the_french_blog_with_an_empty_image_builds(tmp_path):
    blog = copy_blog("french_rst", tmp_path)
    assert CliRunner().invoke(main, ["init", str(blog)]).exit_code == 0
    out = build_blog(blog, "settings.py", RECUPERER_IMAGES_MARQUEUR=str(tmp_path / "m"))
    assert (out / "2023" / "etabli-en-hetre.html").is_file()


def test_check_does_not_run_the_blogs_other_plugins(tmp_path):
    blog = copy_blog("french_rst", tmp_path)
    assert CliRunner().invoke(main, ["init", str(blog)]).exit_code == 0
    marker = blog / ".recuperer_images"
    result = CliRunner().invoke(
        main, ["check", "--settings", str(blog / "settings.py")]
    )
    assert result.exit_code == 0, result.output
    assert not marker.exists(), marker.read_text()
    # The same blog's build does run them: the marker is a real witness.
    build_blog(blog, "settings.py")
    assert "article_generator_finalized" in marker.read_text()
