"""Article Markdown for copies: metadata header removed, links made absolute
outside code."""

from __future__ import annotations

from urllib.parse import urljoin

from pelican_pullmarketing.crosspost.markdown_source import (
    absolutize_markdown,
    strip_metadata,
)

BASE = "https://example.com/2024/post/"


def resolve(url: str, is_image: bool) -> str:
    if url.startswith(("#", "mailto:")):
        return url
    return urljoin(BASE, url) + ("" if is_image else "#L")


def test_strip_metadata_header_and_continuation_lines():
    text = "Title: A post\nTags: a,\n    b\nDate: 2024-01-01\n\n# Heading\n\nBody.\n"
    assert strip_metadata(text) == "# Heading\n\nBody.\n"
    fenced = "---\ntitle: A post\n---\n\nBody.\n"
    assert strip_metadata(fenced) == "Body.\n"
    assert strip_metadata("No header here.\n") == "No header here.\n"


def test_links_images_titles_and_angle_brackets():
    body = (
        '[a](page.html "Title") ![i](img/p.png) [b](<../other/>) [c](#top) '
        "[d](mailto:x@example.com) [e](https://elsewhere.org/)\n"
        '<a href="rel.html">x</a> <img src="/abs.png">\n'
    )
    out = absolutize_markdown(body, resolve)
    assert '[a](https://example.com/2024/post/page.html#L "Title")' in out
    assert "![i](https://example.com/2024/post/img/p.png)" in out
    assert "[b](https://example.com/2024/other/#L)" in out
    assert "[c](#top)" in out and "[d](mailto:x@example.com)" in out
    assert "[e](https://elsewhere.org/#L)" in out  # resolver decides about UTM
    assert 'href="https://example.com/2024/post/rel.html#L"' in out
    assert 'src="https://example.com/abs.png"' in out


def test_code_is_left_alone_and_a_stray_backtick_hides_nothing():
    body = (
        "Use the ` key.\n\n[after](after.html)\n\n"
        "~~~\n[in fence](x.md)\n~~~\n\n`[inline](y.md)` and [out](z.md)\n"
    )
    out = absolutize_markdown(body, resolve)
    assert "[after](https://example.com/2024/post/after.html#L)" in out
    assert "[in fence](x.md)" in out
    assert "`[inline](y.md)`" in out
    assert "[out](https://example.com/2024/post/z.md#L)" in out


def test_a_documents_source_relative_to_the_content_folder(tmp_path):
    """Pelican's own relative path of a document read against the same
    content folder, else worked out from its source path."""
    from types import SimpleNamespace

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    from pelican_pullmarketing.crosspost.markdown_source import relative_source

    content = tmp_path / "content"
    source = content / "posts" / "2024" / "heat-pumps.md"
    settings = {**DEFAULT_CONFIG, "PATH": str(content)}
    article = Article(
        "<p>Text</p>",
        metadata={"title": "Heat pumps"},
        settings=settings,
        source_path=str(source),
    )
    assert relative_source(article, settings) == "posts/2024/heat-pumps.md"
    # Another content folder than the one Pelican read it against.
    other = {**settings, "PATH": str(tmp_path)}
    assert relative_source(article, other) == "content/posts/2024/heat-pumps.md"
    # Not one of Pelican's documents.
    plain = SimpleNamespace(source_path=str(source))
    assert relative_source(plain, settings) == "posts/2024/heat-pumps.md"
