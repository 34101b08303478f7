"""Raster images in a document's text are offered in smaller copies and WebP
(srcset/sizes in a <picture>), made once and the same on every build."""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

import html5lib
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "business"))


def photo() -> bytes:
    image = Image.new("RGB", (1200, 800))
    for x in range(0, 1200, 40):  # something to compress, not one colour
        for y in range(0, 800, 40):
            image.paste((x % 256, y % 256, (x + y) % 256), (x, y, x + 40, y + 40))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def write(site):
    site.write("images/photo.png", photo())
    site.article("post", "Intro.\n\n![Our van]({static}/images/photo.png)\n")


def pictures(path: Path):
    root = html5lib.parse(
        path.read_text(encoding="utf-8"),
        treebuilder="lxml",
        namespaceHTMLElements=False,
    )
    return root.findall(".//picture")


def test_a_large_png_gets_webp_and_smaller_copies_in_a_picture(site):
    write(site)
    out = site.build(STATIC_PATHS=["images"])
    (pic,) = pictures(out / "post.html")
    source, img = pic.find("source"), pic.find("img")
    assert source.get("type") == "image/webp"
    webp = [c.split() for c in source.get("srcset").split(", ")]
    assert [w for _, w in webp] == ["480w", "960w", "1200w"]
    originals = [c.split() for c in img.get("srcset").split(", ")]
    assert [w for _, w in originals] == ["480w", "960w", "1200w"]
    assert originals[-1][0] == "https://example.com/images/photo.png"
    assert img.get("src") == "https://example.com/images/photo.png"
    assert (img.get("width"), img.get("height")) == ("1200", "800")
    assert img.get("sizes") == source.get("sizes")
    for url, width in webp[:-1] + originals[:-1]:
        copy = out / url.removeprefix("https://example.com/")
        assert Image.open(copy).size == (int(width[:-1]), int(width[:-1]) * 2 // 3)
    assert (
        Image.open(out / webp[-1][0].removeprefix("https://example.com/")).format
        == "WEBP"
    )


def test_copies_are_made_once_and_builds_are_byte_identical(site, tmp_path):
    write(site)
    out = site.build(STATIC_PATHS=["images"])
    copies = sorted(p for p in (out / "images").iterdir() if p.name != "photo.png")
    assert len(copies) == 5
    stamps = {p: p.stat().st_mtime_ns for p in copies}
    os.utime(copies[0], ns=(1, 1))
    out = site.build(STATIC_PATHS=["images"])
    # already there: not made again (the old time stamp stays)
    assert copies[0].stat().st_mtime_ns == 1
    assert all(p.stat().st_mtime_ns == stamps[p] for p in copies[1:])

    def digest(folder):
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*")
            if p.is_file()
        }

    first = digest(out)
    import shutil

    shutil.rmtree(out)
    site.build(STATIC_PATHS=["images"])
    assert digest(out) == first


def test_small_images_svg_and_other_sites_are_left_alone(site):
    from business_helpers import png

    site.write("images/icon.png", png(300, 200))
    site.write(
        "images/plan.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"></svg>',
    )
    site.article(
        "post",
        "![i]({static}/images/icon.png) ![p]({static}/images/plan.svg) ![r](https://cdn.example/r.png)",
    )
    out = site.build(STATIC_PATHS=["images"])
    assert pictures(out / "post.html") == []
    assert sorted(p.name for p in (out / "images").iterdir()) == [
        "icon.png",
        "plan.svg",
    ]
