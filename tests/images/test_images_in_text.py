"""Images in a document's text get their size, async decoding and lazy
loading (the first large one loads at once), inserted without touching the
rest of the text."""

from __future__ import annotations

import sys
from pathlib import Path

import html5lib

from pelican_pullmarketing.images.markup import sized_images

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "business"))
from business_helpers import png  # noqa: E402


def images(path: Path) -> list[dict]:
    root = html5lib.parse(
        path.read_text(encoding="utf-8"),
        treebuilder="lxml",
        namespaceHTMLElements=False,
    )
    return [dict(img.attrib) for img in root.iterfind(".//main//img")]


def test_sizes_come_from_the_files_and_only_the_first_large_image_is_eager(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "icon.png").write_bytes(png(32, 32))
    (tmp_path / "images" / "photo.png").write_bytes(png(1200, 800))
    (tmp_path / "images" / "plan.png").write_bytes(png(900, 600))
    html = (
        '<p>A <img alt="" src="{static}/images/icon.png"> icon.</p>\n'
        '<p><img alt="Boiler" src="{static}/images/photo.png"/></p>\n'
        "<p><img src='/images/plan.png' alt='Plan'></p>\n"
        '<p><img src="https://cdn.example/x.png" alt="Remote"></p>'
    )
    out = sized_images(html, str(tmp_path), str(tmp_path))
    assert out == (
        '<p>A <img alt="" src="{static}/images/icon.png" width="32" height="32"'
        ' decoding="async" loading="lazy"> icon.</p>\n'
        '<p><img alt="Boiler" src="{static}/images/photo.png" width="1200"'
        ' height="800" decoding="async"/></p>\n'
        "<p><img src='/images/plan.png' alt='Plan' width=\"900\" height=\"600\""
        ' decoding="async" loading="lazy"></p>\n'
        '<p><img src="https://cdn.example/x.png" alt="Remote" decoding="async"'
        ' loading="lazy"></p>'
    )
    # running again changes nothing (a document read from Pelican's cache)
    assert sized_images(out, str(tmp_path), str(tmp_path)) == out


def test_what_the_author_wrote_wins(tmp_path):
    (tmp_path / "a.png").write_bytes(png(800, 600))
    html = '<img src="a.png" width="400" loading="eager" decoding="sync" alt="">'
    assert sized_images(html, str(tmp_path), str(tmp_path)) == html


def test_text_without_images_is_returned_as_it_is():
    html = "<p>No pictures here.</p>"
    assert sized_images(html, "/nowhere", "/nowhere") is html


def test_a_real_build_sizes_markdown_and_rst_images(site):
    site.write("images/photo.png", png(1000, 500))
    site.write("images/small.png", png(200, 100))
    site.article(
        "md-post",
        "![Boiler]({static}/images/photo.png)\n\nText.\n\n![Tap]({static}/images/small.png)",
    )
    site.write(
        "rst-post.rst",
        "RST post\n########\n\n:date: 2024-03-05 10:00\n:category: News\n:slug: rst-post\n\n"
        ".. image:: {static}/images/small.png\n   :alt: Tap\n\n"
        ".. image:: {static}/images/photo.png\n   :alt: Boiler\n",
    )
    out = site.build(
        STATIC_PATHS=["images"], THEME=__import__("pelican_pullmarketing").theme_path()
    )
    md = images(out / "md-post.html")
    assert [
        (i["alt"], i.get("width"), i.get("height"), i.get("loading")) for i in md
    ] == [
        ("Boiler", "1000", "500", None),
        ("Tap", "200", "100", "lazy"),
    ]
    assert all(i["decoding"] == "async" for i in md)
    rst = images(out / "rst-post.html")
    assert [(i["alt"], i.get("width"), i.get("loading")) for i in rst] == [
        ("Tap", "200", "lazy"),
        ("Boiler", "1000", None),
    ]
