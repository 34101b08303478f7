"""Shared helpers of the SEO tests: a small site of every page type, and
readers of a written page's head."""

from __future__ import annotations

import collections
import html as html_lib
import json
import re
import struct
import zlib

import pelican_pullmarketing
from tests.conftest import SiteBuilder, disconnect_signals  # noqa: F401 (shared)

THEMES = {
    "notmyidea": "notmyidea",
    "simple": "simple",
    "bundled": pelican_pullmarketing.theme_path(),
}

SCRIPT_TITLE = "Boiler &lt;/script&gt;&lt;!-- \"pressure\" &amp; 'tricks'"
SCRIPT_TITLE_TEXT = "Boiler </script><!-- \"pressure\" & 'tricks'"


def png(width: int, height: int, rgb: bytes = b"\x00\x00\x00") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + rgb * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def write_content(site) -> None:
    """Articles with tags and two categories, a translation, a title that tries
    to break out of a script, a page, a draft, a hidden page, a noindex page,
    a canonical-elsewhere post, a 404 page and a gated white paper."""
    site.write("images/boiler.png", png(1200, 630))
    site.write("papers/guide.pdf", b"%PDF-1.4 test paper\n")
    site.article(
        "boiler-pressure",
        "Why boiler **pressure** drops and how to top it up safely.",
        title=SCRIPT_TITLE,
        date="2024-03-04 10:00",
        modified="2024-07-01 09:30",
        category="Boilers",
        tags="boilers, pressure",
        image="{static}/images/boiler.png",
        focus_keywords="boiler pressure",
        author="Sam Fitter",
    )
    site.article(
        "boiler-pressure",
        "Pourquoi la pression baisse.",
        title="Pression de la chaudière",
        date="2024-03-04 10:00",
        category="Boilers",
        lang="fr",
        folder="fr",
    )
    site.article(
        "heat-pump-noise",
        "How loud is a heat pump? Quieter than you think. " * 20,
        date="2024-05-10 08:00",
        category="Heat pumps",
        tags="heat pumps, noise",
        description="Heat pump noise explained: decibels, placement and neighbours.",
    )
    site.article(
        "first-on-medium",
        "This first appeared elsewhere.",
        date="2024-02-01 08:00",
        category="Boilers",
        canonical="https://medium.com/@firm/first-on-medium-123",
    )
    site.article("unfinished", "Draft text.", date="2024-06-01 08:00", status="draft")
    site.article(
        "boiler-guide",
        "Download our guide to choosing a boiler.",
        date="2024-04-01 08:00",
        category="Boilers",
        gated_file="papers/guide.pdf",
        gate_summary="Twelve pages on choosing, sizing and servicing a boiler.",
    )
    site.page("about", "We fix boilers in Bristol.", title="About us")
    site.page("secret-offer", "Only for mailing list.", status="hidden")
    site.page("old-prices", "Prices from 2019.", robots="noindex, follow")
    site.page(
        "404",
        "Nothing here.",
        title="Page not found",
        status="hidden",
        save_as="404.html",
    )


def build_settings(theme: str) -> dict:
    return {
        "THEME": theme,
        "DEFAULT_PAGINATION": 1,
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "STATIC_PATHS": ["images", "papers"],
        "AUTHOR_SAVE_AS": "author/{slug}.html",
        "SITESUBTITLE": "Heating engineers in Bristol",
        "PULLMARKETING_PUBLISHER": {
            "type": "Organization",
            "name": "Example Firm Ltd",
            "url": "https://example.com/",
            "logo": "images/boiler.png",
            "same_as": ["https://www.linkedin.com/company/example"],
        },
        "PULLMARKETING_GATE": {"provider": "formspree", "form_id": "xyzabcd"},
        "PULLMARKETING_GATE_SECRET": "test-secret-for-tokens",
        "PULLMARKETING_PRIVACY_URL": "privacy/",
        # Topics with hub pages of their own (without the setting, category
        # pages are the topics' pages). "boilers" also takes the noise
        # article, so its hub and the Boilers category page list different
        # articles; "heat-pumps" lists exactly its category's.
        "PULLMARKETING_TOPICS": {
            "boilers": {
                "title": "Boilers and servicing",
                "categories": ["Boilers"],
                "tags": ["noise"],
            },
            "heat-pumps": {"title": "Heat pumps", "categories": ["Heat pumps"]},
        },
    }


_RAW_OR_TAG = re.compile(
    r"<!--.*?-->|<(title|script|style)\b([^>]*)>(.*?)</\1\s*>|<(meta|link)\b([^>]*)>",
    re.I | re.S,
)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def head_of(html: str) -> str:
    return html[: html.lower().index("</head")]


def head_elements(html: str) -> list[tuple[str, dict, str]]:
    """(element, attributes, text) of every title/script/meta/link in <head>."""
    out = []
    for m in _RAW_OR_TAG.finditer(head_of(html)):
        if m.group(0).startswith("<!--"):
            continue
        element = (m.group(1) or m.group(4)).lower()
        raw = m.group(2) if m.group(1) else m.group(5)
        attrs = {
            a.lower(): html_lib.unescape(b or c or d)
            for a, b, c, d in _ATTR.findall(raw)
        }
        out.append((element, attrs, m.group(3) or ""))
    return out


def meta_counts(html: str) -> collections.Counter:
    return collections.Counter(
        (a.get("property") or a.get("name") or "").lower()
        for e, a, _ in head_elements(html)
        if e == "meta" and (a.get("property") or a.get("name"))
    )


def meta(html: str, name: str) -> str | None:
    for e, a, _ in head_elements(html):
        if e == "meta" and (a.get("property") or a.get("name") or "").lower() == name:
            return a.get("content")
    return None


def links(html: str, rel: str) -> list[dict]:
    return [
        a
        for e, a, _ in head_elements(html)
        if e == "link" and rel in a.get("rel", "").lower().split()
    ]


def jsonld_blocks(html: str) -> list:
    blocks = re.findall(
        r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    )
    return [json.loads(b) for b in blocks]


def nodes(html: str) -> dict[str, dict]:
    """JSON-LD nodes of the page by @type (the page's one block)."""
    out = {}
    for block in jsonld_blocks(html):
        for node in block.get("@graph", [block]):
            out[node["@type"]] = node
    return out
