"""Signals of the images feature: ``pm_image`` in the templates' globals, and
the images in every document's text sized (``markup.py``) once the documents
are read, before anything is rendered."""

from __future__ import annotations

import os
from functools import partial

from pelican import signals


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


def size_images_in_documents(generator) -> None:
    from .. import core
    from .markup import sized_images

    content = generator.settings.get("PATH") or os.curdir
    for doc in core.documents([generator]):
        html = getattr(doc, "_content", None)
        if not html or "<img" not in html and "<IMG" not in html:
            continue
        source = getattr(doc, "source_path", None) or content
        doc._content = sized_images(html, os.path.dirname(source), content)


def register() -> None:
    signals.generator_init.connect(add_to_templates)
    signals.article_generator_finalized.connect(size_images_in_documents)
    signals.page_generator_finalized.connect(size_images_in_documents)
