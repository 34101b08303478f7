"""Write-time injection of the head renderer's tags into pages of any theme.

Only ``<head>`` is scanned, with one regular expression over its tags (no
HTML parser, no re-serialisation): the bytes of the theme's markup stay as
they were, ours are spliced in before ``</head>``. A tag the theme already
emits (title, description, canonical, robots, ``og:*``, ``twitter:*``,
``article:*``, prev/next, hreflang, feed links, JSON-LD types) is skipped.
Where the theme itself repeats a single-valued tag (Pelican's ``simple``
theme writes a site-wide description in ``base.html`` and the article's in
``article.html``), the earlier copies are removed and the last, most
specific one kept, so the page never has duplicates.
"""

from __future__ import annotations

import contextlib
import json
import re

from ..text import plain_text
from . import jsonld
from .head import MARKER, Tag, ascii_markup, feed_key, head_tags
from .links import SiteLinks
from .pageinfo import page_info, site_values

_HEAD_END = re.compile(r"</head\s*>", re.I)
_TOKENS = re.compile(
    r"<!--.*?-->"
    r"|<(title|script|style|noscript|template)\b([^>]*)>(.*?)</\1\s*>"
    r"|<(meta|link)\b([^>]*)>",
    re.I | re.S,
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_FEED_TYPES = {
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "application/json",
}

_MEMO_LIMIT = 4096

# Tags a page may carry once; the theme's earlier copies are dropped.
SINGLE = {
    ("title",),
    ("canonical",),
    ("meta", "description"),
    ("meta", "robots"),
    ("meta", "og:title"),
    ("meta", "og:description"),
    ("meta", "og:url"),
    ("meta", "og:type"),
    ("meta", "og:site_name"),
    ("meta", "og:locale"),
    ("meta", "twitter:card"),
    ("meta", "twitter:title"),
    ("meta", "twitter:description"),
    ("meta", "twitter:image"),
}


def attributes(raw: str) -> dict[str, str]:
    out = {}
    # findall gives "" for the quoting styles not used: the value is the one
    # that matched, or "" (also for a bare name).
    for name, double, single, bare in _ATTR.findall(raw):
        name = name.lower()
        if name not in out:
            out[name] = double or single or bare
    return out


_TITLE_KEY = ("title",)
_CANONICAL_KEY = ("canonical",)
# Two double-quoted attributes, e.g. name="description" content="...".
_SIMPLE = re.compile(r'\s+([a-z]+)="([^"]*)"\s+([a-z]+)="([^"]*)"\s*/?\s*')


class HeadScan:
    """What a page's ``<head>`` already has: each key's spans, JSON-LD types,
    the marker of the bundled head block, and the theme's title and
    description."""

    __slots__ = (
        "end",
        "keys",
        "jsonld_types",
        "has_marker",
        "title",
        "description_markup",
        "repeated",
    )

    def __init__(self, end: int):
        self.end = end  # offset of </head>
        self.keys: dict[tuple, list[tuple[int, int]]] = {}
        self.jsonld_types: set[str] = set()
        self.has_marker = False
        self.title = ""  # text of the theme's last <title>
        self.description_markup = ""  # content attribute of its last meta description
        self.repeated = False  # some key has more than one tag

    @property
    def description(self) -> str:
        # Made when asked: only pages of sites with a SITESUBTITLE need it.
        return plain_text(self.description_markup)

    def add(self, key: tuple, start: int, end: int) -> None:
        spans = self.keys.get(key)
        if spans is None:
            self.keys[key] = [(start, end)]
        else:
            spans.append((start, end))
            self.repeated = True


def _types(data) -> set[str]:
    if data.__class__ is jsonld.Node:
        return {data.type}
    found: set[str] = set()
    if isinstance(data, list):
        for item in data:
            found |= _types(item)
    elif isinstance(data, dict):
        kind = data.get("@type")
        found |= {kind} if isinstance(kind, str) else set(kind or [])
        for item in data.get("@graph", []) or []:
            found |= _types(item)
    return found


def scan_head(
    html: str, siteurl: str = "", memo: dict | None = None
) -> HeadScan | None:
    """Tags present in ``<head>``, with their offsets; None without a head.
    ``memo`` (one per build and SITEURL) keeps what each ``<meta>``/``<link>``
    tag is: a theme repeats the same tags on every page."""
    m = _HEAD_END.search(html)
    if not m:
        return None
    if memo is None:
        memo = {}
    scan = HeadScan(end=m.start())
    keys = scan.keys
    for tok in _TOKENS.finditer(html, 0, m.start()):
        last = tok.lastindex  # 5: <meta>/<link>, 3: title, script...; None: comment
        if last == 5:
            raw = tok[0]
            known = memo.get(raw)
            if known is None:
                known = _classify(tok[4], tok[5], siteurl)
                if len(memo) < _MEMO_LIMIT:  # a theme's per-page tags never repeat
                    memo[raw] = known
            found, description = known
            if found:
                span = tok.span()
                for key in found:
                    spans = keys.get(key)
                    if spans is None:
                        keys[key] = [span]
                    else:
                        spans.append(span)
                        scan.repeated = True
            if description is not None:
                scan.description_markup = description
        elif last == 3:
            element = tok[1].lower()
            if element == "title":
                scan.add(_TITLE_KEY, *tok.span())
                scan.title = _title_text(tok[3])
            elif element == "script":
                attrs = attributes(tok[2])
                if attrs.get("type", "").lower() == "application/ld+json":
                    with contextlib.suppress(ValueError):
                        scan.jsonld_types |= _types(json.loads(tok[3]))
        elif tok[0] == MARKER:
            scan.has_marker = True
    return scan


def _title_text(markup: str) -> str:
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())  # what plain_text gives, without regexes
    return plain_text(markup)


def _classify(element: str, raw: str, siteurl: str) -> tuple[tuple, str | None]:
    """Keys of one ``<meta>`` or ``<link>`` tag, and the content of a meta
    description (None for other tags)."""
    # The tags a theme writes for each page (its description, its canonical
    # link) are new to the memo on every page: their usual form is read
    # with one match instead of the general attribute parse.
    simple = _SIMPLE.fullmatch(raw)
    if simple is not None:
        name, value, attr, content = simple.groups()
        kind = element.lower()
        if kind == "meta" and name in ("name", "property") and attr == "content":
            value = value.lower()
            description = content if value == "description" else None
            return ((("meta", value),) if value else ()), description
        if (
            kind == "link"
            and name == "rel"
            and attr == "href"
            and value.lower().split() == ["canonical"]
        ):
            return (_CANONICAL_KEY,), None
    attrs = attributes(raw)
    if element.lower() == "meta":
        name = (attrs.get("property") or attrs.get("name") or "").lower()
        description = attrs.get("content", "") if name == "description" else None
        return ((("meta", name),) if name else ()), description
    found: list[tuple] = []
    rels = set(attrs.get("rel", "").lower().split())
    if "canonical" in rels:
        found.append(("canonical",))
    for rel in ("prev", "next"):
        if rel in rels:
            found.append(("rel", rel))
    if "alternate" in rels:
        if attrs.get("hreflang"):
            found.append(("hreflang", attrs["hreflang"].lower()))
        elif attrs.get("type", "").lower() in _FEED_TYPES:
            found.append(("feed", feed_key(attrs.get("href", ""), siteurl)))
    return tuple(found), None


def replaced_keys(
    scan: HeadScan, info, settings: dict, links: SiteLinks | None = None
) -> set[tuple]:
    """Theme tags ours replace rather than defer to: a title that does not
    start with the page's own title (``simple`` writes "Site - Post"; the
    document title must come first), and on pages other than home a
    description that is only the site-wide SITESUBTITLE."""
    keys = set()
    if scan.title and info.title and not scan.title.startswith(info.title):
        keys.add(("title",))
    subtitle = site_values(settings, links).subtitle
    if (
        not info.is_home
        and subtitle
        and scan.description_markup
        and scan.description == subtitle
        and info.description != subtitle
    ):
        keys.add(("meta", "description"))
    return keys


def merge(
    html: str,
    scan: HeadScan,
    tags: list[Tag],
    nodes: list[dict],
    replace: set[tuple] = frozenset(),
) -> str:
    """The page with the theme's duplicate single tags (and those in
    ``replace``) removed and our missing tags spliced in before ``</head>``."""
    drop = drop_spans(scan, replace)
    present = scan.keys
    return splice(
        html,
        scan,
        drop,
        [t.html for t in tags if (t.group or t.key) not in present],
        nodes,
    )


def drop_spans(scan: HeadScan, replace: set[tuple] = frozenset()) -> list:
    """Spans of the theme's tags to remove: earlier copies of single tags, and
    every tag ``replace`` names (those keys are no longer present)."""
    keys = scan.keys
    drop = [span for key in replace if key in keys for span in keys.pop(key)]
    if scan.repeated:
        for key, spans in keys.items():
            if len(spans) > 1 and key in SINGLE:
                drop += spans[:-1]
    if len(drop) > 1:
        drop.sort()
    return drop


def splice(
    html: str,
    scan: HeadScan,
    drop: list,
    missing: list[str],
    nodes,
    in_place: dict | None = None,
) -> str:
    """The page with the ``drop`` spans removed and the ``missing`` markup and
    the JSON-LD of ``nodes`` (but types the theme has) before ``</head>``.
    ``in_place`` maps a dropped span to the markup written where it was."""
    if scan.jsonld_types:
        nodes = [n for n in nodes if not _types(n) & scan.jsonld_types]
    script = jsonld.script(nodes)
    if (missing or in_place) and html.isascii():
        if not all(map(str.isascii, missing)):
            missing = [t if t.isascii() else ascii_markup(t) for t in missing]
        if in_place:
            in_place = {k: ascii_markup(v) for k, v in in_place.items()}
        if script and not script.isascii():
            script = jsonld.ascii_json(script)
    lines = [*missing, script] if script else list(missing)
    if not lines and not drop:
        return html
    if not drop:
        if html.startswith("</head>", scan.end):
            # The first "</head>" is where the scan stopped: one copy.
            lines.append("</head>")
            return html.replace("</head>", "\n".join(lines), 1)
        return html[: scan.end] + "\n".join(lines) + "\n" + html[scan.end :]
    pieces, pos = [], 0
    for start, end in drop:
        pieces.append(html[pos:start])
        if in_place and (start, end) in in_place:
            pieces.append(in_place[start, end])
        pos = end
    pieces.append(html[pos : scan.end])
    if lines:
        lines.append("")
        pieces.append("\n".join(lines))
    pieces.append(html[scan.end :])
    return "".join(pieces)


def inject(html: str, ctx, settings: dict, links: SiteLinks | None = None):
    """Return (page info, new html) for a page rendered with context ``ctx``."""
    links = links or SiteLinks(settings)
    scan = scan_head(html, links.siteurl, links.memo.setdefault("head_tags", {}))
    if scan is None or scan.has_marker:
        # The theme calls pullmarketing_head() itself (or has no head).
        return None, html
    info = page_info(ctx, settings, None, links)
    info.ascii_only = html.isascii()
    replace = replaced_keys(scan, info, settings, links)
    # A title that replaces the theme's takes its place, where the theme's
    # own markup cannot have closed the head before it.
    title_span = scan.keys[_TITLE_KEY][-1] if _TITLE_KEY in replace else None
    drop = drop_spans(scan, replace)
    info, missing, nodes = head_tags(ctx, settings, None, links, scan.keys, info)
    in_place = None
    if title_span is not None and missing and missing[0].startswith("<title>"):
        in_place = {title_span: missing[0]}
        missing = missing[1:]
    return info, splice(html, scan, drop, missing, nodes, in_place)


def injecting_template_class(base, on_render):
    """A Jinja template class whose ``render()`` passes each whole page it
    renders through ``on_render(html, context)``: the head is completed
    before Pelican writes the file, so no page is read or written twice.
    Partials, feeds and fragments (no ``output_file`` ending in .html in the
    context) are returned untouched."""
    if getattr(base, "_pullmarketing", False):
        return base

    class InjectingTemplate(base):
        _pullmarketing = True

        def render(self, *args, **kwargs):
            html = super().render(*args, **kwargs)
            ctx = args[0] if args and isinstance(args[0], dict) else kwargs
            output = ctx.get("output_file") if hasattr(ctx, "get") else None
            if isinstance(output, str) and output.endswith((".html", ".htm")):
                return on_render(html, ctx)
            return html

    return InjectingTemplate
