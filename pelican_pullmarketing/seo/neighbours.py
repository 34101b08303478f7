"""Other plugins a blog already runs that write what search metadata writes:
found once when a build starts (and by ``pullmarketing check``), each with
one line saying what overlaps, what the package does about it and the
setting that resolves it.

- pelican-seo (``SEO_ENHANCER``) appends a canonical link, Open Graph and
  Twitter tags and JSON-LD (an article node and a breadcrumb trail) to every
  article and page after it is written, without looking at what is there:
  its page enhancer is turned off for the build, so a page has one of each
  (its report and robots.txt still run).
- The ``sitemap`` plugin writes ``sitemap.xml`` (or ``.txt``): theirs is
  kept, and the package writes none of its own at that name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger("pelican_pullmarketing.seo")

_SEO = ("pelican.plugins.seo", "seo")
_SITEMAP = ("pelican.plugins.sitemap", "sitemap")


@dataclass(frozen=True)
class Neighbour:
    plugin: str  # the module name Pelican loaded
    kind: str  # "seo-enhancer" or "sitemap"
    message: str

    def __str__(self) -> str:
        return self.message


def _name(plugin) -> str:
    return plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")


def plugin_names(site_settings: dict, loaded=None) -> list[str]:
    """Module names of the site's plugins: those Pelican loaded, else those
    its PLUGINS lists, else (PLUGINS unset) the namespace plugins installed."""
    if loaded is not None:
        return [_name(p) for p in loaded]
    listed = site_settings.get("PLUGINS")
    if listed is not None:
        return [_name(p) for p in listed]
    try:
        from pelican.plugins._utils import get_namespace_plugins

        return sorted(get_namespace_plugins())
    except Exception:  # an older Pelican, or a namespace plugin that fails to import
        return []


def find(site_settings: dict, loaded=None) -> list[Neighbour]:
    found = []
    for name in plugin_names(site_settings, loaded):
        if name in _SEO and site_settings.get("SEO_ENHANCER"):
            if site_settings.get("PULLMARKETING_SEO_INJECT", "auto") == "off":
                continue  # the owner keeps pelican-seo's tags
            found.append(
                Neighbour(
                    name,
                    "seo-enhancer",
                    "pelican-seo's SEO_ENHANCER adds a canonical link, Open Graph and "
                    "Twitter tags and JSON-LD to articles and pages, which search "
                    "metadata writes too: to keep one of each, its page enhancer is "
                    "off in this build (its report and robots.txt still run). Set "
                    'SEO_ENHANCER = False to silence this, or PULLMARKETING_SEO_INJECT = "off" '
                    "to keep pelican-seo's tags instead.",
                )
            )
        elif name in _SITEMAP:
            ours = site_settings.get("PULLMARKETING_SITEMAP_SAVE_AS", "sitemap.xml")
            if not ours:
                continue
            theirs = sitemap_file(site_settings)
            found.append(
                Neighbour(
                    name,
                    "sitemap",
                    f"the sitemap plugin writes {theirs}: it is kept and "
                    f"pullmarketing writes no {ours} (ours leaves out noindex pages, "
                    "pages whose canonical copy is elsewhere and empty pages). Remove "
                    "'sitemap' from PLUGINS to have ours, or set "
                    'PULLMARKETING_SITEMAP_SAVE_AS = "" to silence this.',
                )
            )
    return found


def sitemap_file(site_settings: dict) -> str:
    """The file the sitemap plugin writes: sitemap.xml, or sitemap.txt."""
    options = site_settings.get("SITEMAP") or {}
    fmt = options.get("format", "xml") if isinstance(options, dict) else "xml"
    return "sitemap.txt" if fmt == "txt" else "sitemap.xml"


def settle(pelican) -> list[Neighbour]:
    """At ``initialized``: find the neighbours of this build, say what each
    overlaps, and turn pelican-seo's page enhancer off."""
    found = find(pelican.settings, getattr(pelican, "plugins", None))
    for neighbour in found:
        logger.warning("pullmarketing: %s", neighbour)
        if neighbour.kind == "seo-enhancer":
            _disconnect_page_enhancer(neighbour.plugin)
    return found


def _disconnect_page_enhancer(module: str) -> None:
    from blinker import ANY

    from pelican import signals

    for receiver in list(signals.content_written.receivers_for(ANY)):
        owner = getattr(receiver, "__module__", "") or ""
        if owner == module or owner.startswith(module + "."):
            signals.content_written.disconnect(receiver)
