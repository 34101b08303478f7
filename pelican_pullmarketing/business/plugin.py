"""Signals of the business feature: check ``PULLMARKETING_BUSINESS`` when
Pelican starts (one message listing every wrong key) and put the firm in the
templates' globals as ``pm_business`` (None when the site sets none), with the e-mail sign-up
form of the gates' provider as ``pm_signup_form`` (``leads.py``)."""

from __future__ import annotations

import dataclasses
import os

from pelican import signals

from ..errors import PullMarketingError, SettingsError, describe, logger, stop_build
from .leads import signup_form
from .menu import menu_hubs
from .model import SETTING, Business, read_business

ENV_NAME = "pm_business"
FORM_NAME = "pm_signup_form"


def topic_problems(topics) -> list[str]:
    """The keys the theme reads from each ``PULLMARKETING_TOPICS`` entry:
    ``image`` (a path or URL) and ``call_to_action`` (text, url, lead)."""
    problems = []
    for slug, conf in (topics or {}).items() if isinstance(topics, dict) else ():
        if not isinstance(conf, dict):
            continue  # the topics feature reports it
        where = f"PULLMARKETING_TOPICS[{slug!r}]"
        image = conf.get("image")
        if image is not None and (not isinstance(image, str) or not image.strip()):
            problems.append(
                describe(
                    "invalid value",
                    field=f"{where}['image']",
                    value=image,
                    expected="a path in the site or a URL",
                )
            )
        action = conf.get("call_to_action")
        if action is None:
            continue
        keys = ("text", "url", "lead")
        if (
            not isinstance(action, dict)
            or set(action) - set(keys)
            or not all(isinstance(action.get(k, ""), str) for k in keys)
            or not str(action.get("text", "")).strip()
        ):
            problems.append(
                describe(
                    "invalid value",
                    field=f"{where}['call_to_action']",
                    value=action,
                    expected='a dict with "text" and optionally "url" and "lead" (strings)',
                )
            )
    return problems


def check_business(pelican) -> None:
    settings = pelican.settings
    try:
        read_business(settings.get(SETTING))
        problems = topic_problems(settings.get("PULLMARKETING_TOPICS"))
        if problems:
            raise SettingsError(
                "invalid topic settings:\n" + "\n".join(f"  - {p}" for p in problems)
            )
    except PullMarketingError as exc:
        raise stop_build(exc) from None
    if settings.get("PULLMARKETING_PUBLISHER"):
        logger.warning(
            "pullmarketing: PULLMARKETING_PUBLISHER is deprecated%s: describe the "
            "firm in PULLMARKETING_BUSINESS (name, type, telephone, address, logo, "
            "same_as, ...), which the theme and the search metadata both use",
            " and ignored, since PULLMARKETING_BUSINESS is set"
            if settings.get(SETTING)
            else "",
        )


def with_logo_size(business: Business, settings: dict) -> Business:
    """The logo's pixel size, read from the file's header in the content (or
    output) folder, so the header's ``<img>`` has its width and height."""
    from ..seo.images import image_size, site_path

    if not business.logo or business.logo.startswith(("http://", "https://", "//")):
        return business
    rel = site_path(business.logo)
    for root in (settings.get("PATH"), settings.get("OUTPUT_PATH")):
        size = image_size(os.path.join(root, rel)) if root else None
        if size:
            return dataclasses.replace(
                business, logo_width=size[0], logo_height=size[1]
            )
    return business


def add_to_templates(generator) -> None:
    env = getattr(generator, "env", None)
    if env is None:
        return
    value = generator.settings.get(SETTING)
    business = read_business(value) if value else None
    env.globals[ENV_NAME] = (
        with_logo_size(business, generator.settings) if business else None
    )
    env.globals[FORM_NAME] = signup_form(generator.settings)
    env.globals["pm_menu_hubs"] = menu_hubs


def register() -> None:
    signals.initialized.connect(check_business)
    signals.generator_init.connect(add_to_templates)
