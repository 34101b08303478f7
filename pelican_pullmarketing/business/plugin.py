"""Signal receivers of the business feature (thin: the firm is read in
model.py, the e-mail sign-up form in leads.py, the menu's hubs in menu.py).

``start`` reads the firm once per build from ``PULLMARKETING_BUSINESS``, which
the settings schema has checked (every wrong key stops the build before
anything is read); templates get it as ``pm_business`` (None when the site
sets none), with ``pm_signup_form`` and ``pm_menu_hubs``."""

from __future__ import annotations

import dataclasses
import os

from pelican import signals

from .. import build
from ..errors import logger
from .leads import signup_form
from .menu import menu_hubs
from .model import SETTING, Business, business_from

ENV_NAME = "pm_business"
FORM_NAME = "pm_signup_form"


def start(current: build.Build) -> None:
    settings = current.settings
    firm = business_from(settings.get(SETTING), settings.get("DEFAULT_LANG") or "")
    current.business = build.BusinessPart(
        firm=with_logo_size(firm, settings) if firm else None,
        signup=signup_form(settings),
    )
    if settings.get("PULLMARKETING_PUBLISHER"):
        logger.warning(
            "pullmarketing: PULLMARKETING_PUBLISHER is deprecated%s: describe the "
            "firm in PULLMARKETING_BUSINESS (name, type, telephone, address, logo, "
            "same_as, ...), which the theme and the search metadata both use",
            " and ignored, since PULLMARKETING_BUSINESS is set"
            if firm is not None
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
    current = build.current()
    if env is None or current is None or current.business is None:
        return
    env.globals[ENV_NAME] = current.business.firm
    env.globals[FORM_NAME] = current.business.signup
    env.globals["pm_menu_hubs"] = menu_hubs


def connect() -> None:
    signals.generator_init.connect(add_to_templates)
