"""Multilingual sites built with ``i18n_subsites``: each language's site
complete and of its own, one sitemap and one robots.txt for the whole host.

``i18n_subsites`` builds each language of ``I18N_SUBSITES`` as a site of its
own (``SITEURL`` and ``OUTPUT_PATH`` + ``/fr``), run inside the main site's
run, each with its own build (``build.outer``). Each subsite gets its own
head tags, feeds and hubs; what crawlers read only at the root of a host
is written once, by the main site:

- the sitemap: one file at the root listing the pages of every language.
  A subsite hands its entries to the build it runs inside (the main site,
  or the subsite that one runs inside, which hands them on), and the main
  site, ending last, writes them with its own (``seo.plugin.finish``);
- robots.txt and the IndexNow key file: the main site's only (a robots.txt
  under ``/fr/`` is never read).

A subsite's settings are the main site's with its overrides, so it would
keep the main site's ``FEED_DOMAIN`` (Pelican sets it to ``SITEURL``): its
feeds, written under ``/fr/``, would name the main site's as their own.
``start_subsite`` gives it its own ``SITEURL`` there, unless its overrides
set one. A page and its translation agree on both Open Graph locales: the
LOCALE of each language's site (``site_locales``) gives the territory of
``og:locale:alternate`` as it gives the translation's ``og:locale``.

A subsite with no site of the same host around it (not the way
``i18n_subsites`` runs) writes its own sitemap in its folder, and says so.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from . import build

logger = logging.getLogger(__name__)


def subsite_language(settings: dict) -> str | None:
    """The language of an ``i18n_subsites`` subsite (its ``DEFAULT_LANG``,
    a key of ``I18N_SUBSITES``; the plugin sets it so), None for the main
    site and any other."""
    subsites = settings.get("I18N_SUBSITES")
    lang = settings.get("DEFAULT_LANG")
    if isinstance(subsites, dict) and isinstance(lang, str) and lang in subsites:
        return lang
    return None


def main_site(current: build.Build) -> build.Build | None:
    """The build of the main site a subsite runs inside (the outermost
    build with ``I18N_SUBSITES`` that is no subsite), or None."""
    around = build.outer(current)
    while around is not None:
        settings = around.settings
        if settings.get("I18N_SUBSITES") and subsite_language(settings) is None:
            return around
        around = build.outer(around)
    return None


def start_subsite(current: build.Build) -> None:
    """At a subsite's start: its feeds under its own ``SITEURL`` when it
    inherited the main site's ``FEED_DOMAIN`` (see above)."""
    settings = current.settings
    lang = subsite_language(settings)
    main = main_site(current) if lang is not None else None
    if main is None:
        return
    overrides = settings["I18N_SUBSITES"].get(lang) or {}
    inherited = settings.get("FEED_DOMAIN")
    if (
        "FEED_DOMAIN" not in overrides
        and inherited
        and inherited == main.settings.get("SITEURL")
        and settings.get("SITEURL")
        and settings["SITEURL"] != inherited
    ):
        settings["FEED_DOMAIN"] = settings["SITEURL"]
        logger.debug(
            "pullmarketing: the %r site's feeds are under %s (FEED_DOMAIN was "
            "the main site's)",
            lang,
            settings["SITEURL"],
        )


def _origin(siteurl: str) -> tuple[str, str]:
    parts = urlsplit(siteurl or "")
    return parts.scheme.lower(), parts.netloc.lower()


def sitemap_owner(current: build.Build) -> build.Build | None:
    """The build whose sitemap lists a subsite's pages: the one it runs
    inside, when that one writes search metadata for the same host (a
    sitemap lists the URLs of its own host only)."""
    around = build.outer(current)
    if around is None or around.seo is None or current.seo is None:
        return None
    here, there = current.seo.links.siteurl, around.seo.links.siteurl
    if not here or _origin(here) != _origin(there):
        return None
    return around


def site_locales(current: build.Build) -> dict[str, object]:
    """The LOCALE setting of the site of each other language: a subsite's
    from its ``I18N_SUBSITES`` overrides; the main site's, seen from a
    subsite, from the main site's build (the subsite runs inside it)."""
    settings = current.settings
    subsites = settings.get("I18N_SUBSITES")
    if not isinstance(subsites, dict):
        return {}
    found = {
        lang: overrides["LOCALE"]
        for lang, overrides in subsites.items()
        if isinstance(overrides, dict) and overrides.get("LOCALE")
    }
    main = main_site(current)
    if main is not None and main.settings.get("LOCALE"):
        found[main.settings.get("DEFAULT_LANG")] = main.settings["LOCALE"]
    found.pop(settings.get("DEFAULT_LANG"), None)  # its own: the site's LOCALE
    return found
