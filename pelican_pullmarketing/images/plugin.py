"""Signals of the images feature: ``pm_image`` in the templates' globals."""

from __future__ import annotations

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


def register() -> None:
    signals.generator_init.connect(add_to_templates)
