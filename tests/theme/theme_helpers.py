"""Shared pieces of the theme tests: a site with the bundled theme, and HTML
inspection of the written pages."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import lxml.html

import pelican_pullmarketing

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

THEME = Path(pelican_pullmarketing.theme_path())
CSS_DIR = THEME / "static" / "css"

LONG_BODY = "\n\n".join(
    f"## Part {n}\n\n"
    + " ".join(
        "Replacing a combi boiler in a Bristol terrace means checking the flue, "
        "the gas supply and the water pressure before anything else."
        for _ in range(6)
    )
    for n in range(1, 9)
)


def theme_settings(**overrides) -> dict:
    settings = {
        "THEME": str(THEME),
        "DEFAULT_PAGINATION": 2,
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "DIRECT_TEMPLATES": ["index", "tags", "categories", "authors", "archives"],
        "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html",
        "MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/index.html",
    }
    settings.update(overrides)
    if not settings.get("PLUGINS", True):
        # The theme on plain Pelican: its words in English, as its README
        # says (the settings the plugin otherwise stands for).
        settings.update(WITHOUT_PLUGIN)
    return settings


# The theme's README, "Without the plugin".
WITHOUT_PLUGIN = {
    "JINJA_ENVIRONMENT": {"extensions": ["jinja2.ext.i18n"]},
    "JINJA_GLOBALS": {"gettext": str, "ngettext": lambda s, p, n: s if n == 1 else p},
}


def write_articles(site, count: int = 5) -> None:
    for n in range(1, count + 1):
        site.article(
            f"post-{n}",
            LONG_BODY if n == 1 else f"Short article number {n} about boilers.",
            title=f"Boiler article {n}",
            date=f"2024-0{n}-0{n} 10:00",
            category="Boilers",
            tags="servicing, gas",
            author="Jo Engineer",
        )
    site.page("about", "We fix boilers.", title="About us")


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "theme" not in p.parts)


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))
