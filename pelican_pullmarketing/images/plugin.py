"""Signal receivers of the images feature: ``pm_image`` in the templates'
globals; the images in every document's text sized (``markup.py``) once the
documents are read, before anything is rendered; and, as each document's
page is written, its raster images offered in smaller copies and WebP
(``variants.py``, with Pillow), at the URL the page gives the original. What
waits between the two is the build's (``build.ImagesPart``)."""

from __future__ import annotations

import os
from functools import partial

from pelican import signals

from .. import build
from ..errors import logger


def image_for_templates(settings: dict, value):
    """``pm_image(value)``: an ``Image`` (url, width, height; url as the site
    names it, absolute when given so) or None for no value."""
    from ..seo.images import resolve

    if not value or not isinstance(value, str):
        return None
    return resolve(value, settings)


def add_to_templates(generator) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["pm_image"] = partial(image_for_templates, generator.settings)


def start(current: build.Build) -> None:
    current.images = build.ImagesPart()


def size_images_in_documents(generator) -> None:
    """The images of every document's text sized; the raster ones worth
    smaller copies noted by page (output file -> (path in the content
    folder, file, width, height)), for ``offer_variants``."""
    from .. import core
    from .markup import sized_images
    from .variants import FORMATS, WIDTHS, pillow_available

    current = build.current()
    if current is None or current.images is None:
        return
    part = current.images
    content = generator.settings.get("PATH") or os.curdir
    for doc in core.documents([generator]):
        html = getattr(doc, "_content", None)
        if not html or "<img" not in html and "<IMG" not in html:
            continue
        source = getattr(doc, "source_path", None) or content
        found: list = []
        doc._content = sized_images(html, os.path.dirname(source), content, found)
        raster = [
            (os.path.relpath(path, content).replace(os.sep, "/"), path, w, h)
            for path, w, h in found
            if os.path.splitext(path)[1].lower() in FORMATS and w > WIDTHS[0]
        ]
        if raster and getattr(doc, "save_as", None):
            if part.with_copies is None:
                part.with_copies = pillow_available()
                if not part.with_copies:
                    logger.info(
                        "pullmarketing: images keep their size but get no smaller "
                        "copies: install Pillow (pip install pillow) for srcset and WebP"
                    )
            if part.with_copies:
                part.pending[doc.save_as] = raster


def offer_variants(path: str, context: dict) -> None:
    """Once a page is written: its raster images in a ``<picture>`` with
    their copies (made beside the original in the output, unless there)."""
    current = build.current()
    if current is None or current.images is None or not current.images.pending:
        return
    output = current.settings.get("OUTPUT_PATH") or ""
    rel = os.path.relpath(path, output).replace(os.sep, "/")
    images = current.images.pending.get(rel)
    if not images:
        return
    from .markup import _IMG, attributes
    from .variants import make_variants, picture

    with open(path, encoding="utf-8") as f:
        html = f.read()
    pieces, last = [], 0
    for match in _IMG.finditer(html):
        src = attributes(match.group(0)).get("src", "").split("?", 1)[0]
        if "srcset" in attributes(match.group(0)) or html.rfind(
            "<picture", last, match.start()
        ) > html.rfind("</picture>", last, match.start()):
            continue
        for rel, source, width, height in images:
            if src == rel or src.endswith("/" + rel):
                folder = os.path.join(output, os.path.dirname(rel))
                made = make_variants(source, folder, width, height)
                pieces += [html[last : match.start()], picture(match.group(0), made)]
                last = match.end()
                break
    if pieces:
        pieces.append(html[last:])
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(pieces))


def connect() -> None:
    signals.generator_init.connect(add_to_templates)
    signals.article_generator_finalized.connect(size_images_in_documents)
    signals.page_generator_finalized.connect(size_images_in_documents)
    signals.content_written.connect(offer_variants)
