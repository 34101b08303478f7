"""robots.txt: allow everything and point crawlers at the sitemap.

Noindex pages are not disallowed here: a crawler must fetch a page to see its
noindex. Crawlers read robots.txt only at a host's root, so on a site served
from a sub-path (GitHub project pages) the file is written but ignored.
"""

from __future__ import annotations

import os


def robots_txt(sitemap_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"


def has_sitemap(text: str) -> bool:
    return any(
        line.strip().lower().startswith("sitemap:") for line in text.splitlines()
    )


def with_sitemap(text: str, sitemap_url: str) -> str:
    """``text`` with a ``Sitemap:`` line at the end (the line belongs to no
    group of rules, so anywhere is right)."""
    if text and not text.endswith("\n"):
        text += "\n"
    return f"{text}\nSitemap: {sitemap_url}\n"


def write_robots(output_path: str, save_as: str, sitemap_url: str | None) -> str:
    path = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(path) or output_path, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(robots_txt(sitemap_url))
    return path
