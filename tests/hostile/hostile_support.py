"""Builds of the hostile corpus and the readers the tests check them with.

For each theme (the bundled one, Pelican's ``notmyidea`` and ``simple``) the
corpus blog is built with every feature on from ``HOSTILE`` text and from
``HARMLESS`` text of the same shape; for the other two themes also without
the plugin, since those themes print some fields unescaped themselves: what
the plugin adds is then told apart from what the theme already did. Pelican's
own feeds are off (its feed writer stops on the C0 controls of the corpus).
Builds are made once per test process.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import html5lib
from corpus import HARMLESS, HOSTILE, write_blog
from lxml import etree
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

import pelican_pullmarketing
from tests.conftest import SiteBuilder

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

THEMES = ("bundled", "notmyidea", "simple")

# A theme that does not print `gate_form` gets the two lines any site adds.
_GATE_OVERRIDE = """{{% extends "!theme/{name}.html" %}}
{{% block content %}}{{{{ super() }}}}
{{% if {name}.gate_form is defined %}}{{{{ {name}.gate_form }}}}{{% endif %}}
{{% endblock %}}
"""


@dataclass
class Build:
    theme: str
    text: str
    plugin: bool
    output: Path

    def pages(self) -> list[str]:
        return sorted(
            str(p.relative_to(self.output)) for p in self.output.rglob("*.html")
        )

    def files(self, *suffixes: str) -> list[Path]:
        return sorted(
            p for p in self.output.rglob("*") if p.is_file() and p.suffix in suffixes
        )

    def read(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")


_BUILDS: dict[tuple, Build] = {}


def builds_of(theme: str, base: Path) -> dict[str, Build]:
    """The hostile and harmless builds of ``theme`` (and, for other themes
    than the bundled one, the same without the plugin)."""
    made = {
        "hostile": build(theme, HOSTILE, True, base),
        "harmless": build(theme, HARMLESS, True, base),
    }
    if theme != "bundled":
        made["hostile_plain"] = build(theme, HOSTILE, False, base)
        made["harmless_plain"] = build(theme, HARMLESS, False, base)
    return made


def build(theme: str, text: str, plugin: bool, base: Path) -> Build:
    key = (theme, text, plugin)
    if key in _BUILDS:
        return _BUILDS[key]
    name = f"{theme}-{'hostile' if text == HOSTILE else 'harmless'}-{int(plugin)}"
    site = SiteBuilder(base / name)
    settings = write_blog(site, text)
    if theme == "bundled":
        settings["THEME"] = pelican_pullmarketing.theme_path()
    else:
        settings["THEME"] = theme
        overrides = site.root / "overrides"
        overrides.mkdir(parents=True, exist_ok=True)
        for template in ("article", "page"):
            (overrides / f"{template}.html").write_text(
                _GATE_OVERRIDE.format(name=template), encoding="utf-8"
            )
        settings["THEME_TEMPLATES_OVERRIDES"] = [str(overrides)]
        # These themes print category names unescaped in the menu of every
        # page, the plugin's pages included: the comparison would measure
        # the theme. Their article pages still print the category.
        settings["DISPLAY_CATEGORIES_ON_MENU"] = False
    if not plugin:
        settings["PLUGINS"] = []
    site.build(**settings)
    made = _BUILDS[key] = Build(theme, text, plugin, site.output)
    return made


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_forbidden(value: str) -> bool:
    """Whether ``value`` holds a character no output may hold: a control
    character but tab, LF and CR (C0, DEL, C1), or a noncharacter."""
    return any(
        (ord(c) < 0x20 and c not in "\t\n\r")
        or 0x7F <= ord(c) <= 0x9F
        or 0xFDD0 <= ord(c) <= 0xFDEF
        or (ord(c) & 0xFFFE) == 0xFFFE
        for c in value
    )


def parse_html(source: str):
    """The page as a browser parses it (html5lib), as an lxml tree. lxml
    cannot hold C0 controls: they are read as U+FFFD, as browsers show
    them (a test of its own asserts the package writes none)."""
    source = _FORBIDDEN.sub("\ufffd", source)
    return html5lib.parse(source, treebuilder="lxml", namespaceHTMLElements=False)


def element_counts(tree) -> Counter:
    """How many of each element, and of each attribute of an element, the
    page has (text and attribute values left out)."""
    counts = Counter()
    # Markup made from a code sample's own text: Pygments' highlighting in
    # <pre>, docutils' one <span> per word of an inline literal (<tt>).
    code = {
        id(d) for c in tree.iter("pre", "code", "tt") for d in c.iter() if d is not c
    }
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue  # comments
        if id(el) in code:
            continue
        counts[el.tag] += 1
        for name in el.attrib:
            counts[f"{el.tag}@{name}"] += 1
    return counts


def text_of(el) -> str:
    """An element's text, whitespace folded."""
    return " ".join("".join(el.itertext()).split())


def event_handlers(tree) -> list[str]:
    return [
        f"<{el.tag} {name}>"
        for el in tree.iter()
        if isinstance(el.tag, str)
        for name in el.attrib
        if name.lower().startswith("on")
    ]


def _slug_map() -> dict[str, str]:
    """Slug of each hostile name -> slug of the same harmless name."""
    from corpus import _md_meta

    mapping = {}
    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    for hostile, harmless in ((HOSTILE, HARMLESS),):
        one_h, one_s = _md_meta(hostile), _md_meta(harmless)
        item_h = one_h.replace(",", " ").replace(";", " ")
        item_s = one_s.replace(",", " ").replace(";", " ")
        for a, b in ((one_h, one_s), (item_h, item_s)):
            mapping[slugify(a, regex_subs=subs)] = slugify(b, regex_subs=subs)
    return mapping


SLUGS = _slug_map()


def harmless_path(rel: str) -> str:
    """Where the harmless build wrote the page ``rel`` of the hostile one."""
    for hostile, harmless in SLUGS.items():
        rel = rel.replace(hostile, harmless)
    return rel


def strict_xml(data: bytes):
    """Parse without recovery: any error raises."""
    return etree.fromstring(
        data, etree.XMLParser(recover=False, resolve_entities=False)
    )


_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld_blocks(source: str) -> list:
    """The JSON-LD blocks the package wrote into a page, parsed. Read from
    the source: a theme that prints text unescaped may open a script of its
    own before ours, which a browser's parser would read instead."""
    return [json.loads(block) for block in _JSONLD.findall(source)]


_OUR_META = re.compile(r'<meta (?:property="(?:og|article):|name="twitter:)[^>]*>')


def our_meta_tags(source: str) -> dict[str, str]:
    """The Open Graph, article and Twitter tags the package wrote, each
    parsed on its own (``<meta>`` has no end tag and ours escape every
    ``>``), name -> content (the last of a repeated name)."""
    found = {}
    for tag in _OUR_META.findall(source):
        meta = parse_html(tag).find(".//meta")
        found[meta.get("property") or meta.get("name")] = meta.get("content")
    return found


def graph_nodes(blocks: list) -> list[dict]:
    nodes = []
    for block in blocks:
        items = block.get("@graph", [block]) if isinstance(block, dict) else block
        nodes += [n for n in items if isinstance(n, dict)]
    return nodes
