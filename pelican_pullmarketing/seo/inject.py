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
import html
import json
import re

from jinja2 import Template

from ..text import plain_text
from . import jsonld
from .head import (
    MARKER,
    SiteTags,
    Tag,
    ascii_markup,
    canonical_url,
    feed_key,
    head_tags,
)
from .links import SiteLinks
from .pageinfo import page_info

_HEAD_END = re.compile(r"</head\s*>", re.I)
_TOKENS = re.compile(
    r"<!--.*?-->"
    r"|<(title|script|style|noscript|template)\b([^>]*)>(.*?)</\1\s*>"
    r"|<(meta|link)\b([^>]*)>",
    re.I | re.S,
)
# _TOKENS' groups: a raw-text element's name, attributes and body; a void
# element's name and attributes. A match's ``lastindex`` is its last group:
# which of the three alternatives matched (None: a comment).
_RAW_NAME, _RAW_ATTRS, _RAW_BODY = 1, 2, 3
_VOID_NAME, _VOID_ATTRS = 4, 5
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
_DESCRIPTION_KEY = ("meta", "description")
_DESCRIPTIONS = (
    _DESCRIPTION_KEY,
    ("meta", "og:description"),
    ("meta", "twitter:description"),
)
_URLS = (_CANONICAL_KEY, ("meta", "og:url"))
_DATES = (("meta", "article:published_time"), ("meta", "article:modified_time"))
# Tags whose value is compared with ours: one description everywhere, the
# page's real URL, well-formed dates.
CHECKED = frozenset((*_DESCRIPTIONS, *_URLS, *_DATES))
_ISO_DATE = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)"
)
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
        "title_markup",
        "values",
        "repeated",
    )

    def __init__(self, end: int):
        self.end = end  # offset of </head>
        self.keys: dict[tuple, list[tuple[int, int]]] = {}
        self.jsonld_types: set[str] = set()
        self.has_marker = False
        self.title = ""  # text of the theme's last <title>
        self.title_markup = False  # "<" in that title as written
        # The last value (content or href, as written) of each key in
        # CHECKED: tags whose value the injector compares with its own.
        self.values: dict[tuple, str] = {}
        self.repeated = False  # some key has more than one tag

    @property
    def description_markup(self) -> str:
        return self.values.get(_DESCRIPTION_KEY, "")

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
        last = tok.lastindex
        if last == _VOID_ATTRS:  # <meta>, <link>
            raw = tok[0]
            known = memo.get(raw)
            if known is None:
                known = _classify(tok[_VOID_NAME], tok[_VOID_ATTRS], siteurl)
                if len(memo) < _MEMO_LIMIT:  # a theme's per-page tags never repeat
                    memo[raw] = known
            found, value = known
            if found:
                span = tok.span()
                for key in found:
                    spans = keys.get(key)
                    if spans is None:
                        keys[key] = [span]
                    else:
                        spans.append(span)
                        scan.repeated = True
                if value is not None:
                    scan.values[found[0]] = value
        elif last == _RAW_BODY:  # <title>, <script>, <style>, ...
            element = tok[_RAW_NAME].lower()
            if element == "title":
                scan.add(_TITLE_KEY, *tok.span())
                scan.title = _title_text(tok[_RAW_BODY])
                # A theme that printed text unescaped into its title.
                scan.title_markup = "<" in tok[_RAW_BODY]
            elif element == "script":
                attrs = attributes(tok[_RAW_ATTRS])
                if attrs.get("type", "").lower() == "application/ld+json":
                    with contextlib.suppress(ValueError):
                        scan.jsonld_types |= _types(json.loads(tok[_RAW_BODY]))
        elif tok[0] == MARKER:
            scan.has_marker = True
    return scan


def _title_text(markup: str) -> str:
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())  # what plain_text gives, without regexes
    return plain_text(markup)


def _classify(element: str, raw: str, siteurl: str) -> tuple[tuple, str | None]:
    """Keys of one ``<meta>`` or ``<link>`` tag, and its value (content or
    href, as written) when its first key is one of CHECKED (None for other
    tags)."""
    # The tags a theme writes for each page (its description, its canonical
    # link) are new to the memo on every page: their usual form is read
    # with one match instead of the general attribute parse.
    simple = _SIMPLE.fullmatch(raw)
    if simple is not None:
        name, value, attr, content = simple.groups()
        kind = element.lower()
        if kind == "meta" and name in ("name", "property") and attr == "content":
            key = ("meta", value.lower())
            return ((key,) if value else ()), content if key in CHECKED else None
        if (
            kind == "link"
            and name == "rel"
            and attr == "href"
            and value.lower().split() == ["canonical"]
        ):
            return (_CANONICAL_KEY,), content
    attrs = attributes(raw)
    if element.lower() == "meta":
        name = (attrs.get("property") or attrs.get("name") or "").lower()
        key = ("meta", name)
        value = attrs.get("content", "") if key in CHECKED else None
        return ((key,) if name else ()), value
    found: list[tuple] = []
    rels = set(attrs.get("rel", "").lower().split())
    if "canonical" in rels:
        found.append(("canonical",))
        return tuple(found), attrs.get("href", "")
    for rel in ("prev", "next", "webmention"):
        if rel in rels:
            found.append(("rel", rel))
    if "alternate" in rels:
        if attrs.get("hreflang"):
            found.append(("hreflang", attrs["hreflang"].lower()))
        elif attrs.get("type", "").lower() in _FEED_TYPES:
            found.append(("feed", feed_key(attrs.get("href", ""), siteurl)))
    return tuple(found), None


def replaced_keys(scan: HeadScan, info, settings: dict, links: SiteLinks) -> set[tuple]:
    """Theme tags ours replace rather than defer to, so that a page has one
    of each and they agree:

    - the title, when it does not follow the site's title format (learned
      from the theme's first article: ``titles.py``), or when the theme
      gives no title of its own to a page other than home (just the site
      name), or when another page already has it, or when the theme printed
      text into it unescaped (written again in the same format, escaped);
    - a description (meta, Open Graph, Twitter) whose text is not the
      page's description, and on pages other than home one that is only
      the site-wide SITESUBTITLE;
    - a canonical link or ``og:url`` that is not the page's URL (the file
      actually written: see ``urls.served_url``);
    - ``article:`` dates that are not ISO 8601 with a time zone, and any of
      these tags written empty.
    """
    keys = set()
    if scan.title:
        site = SiteTags.of(settings, links)
        if _title_replaced(scan.title, info, site) or scan.title_markup:
            keys.add(_TITLE_KEY)
    values = scan.values
    if not values:
        return keys
    description = info.description
    if description:
        for key in _DESCRIPTIONS:
            value = values.get(key)
            if value is not None and plain_text(value) != description:
                keys.add(key)
    canonical = info.canonical = canonical_url(info, links)
    if canonical:
        for key in _URLS:
            value = values.get(key)
            if value is not None and html.unescape(value).strip() != canonical:
                keys.add(key)
    if info.kind == "article" and info.published_iso:
        for key in _DATES:
            value = values.get(key)
            if value is not None and not _ISO_DATE.fullmatch(value.strip()):
                keys.add(key)
    return keys


def _title_replaced(theme_title: str, info, site) -> bool:
    titles = site.titles
    titles.learn_from(theme_title, info.title, site.sitename)
    if info.is_home or not info.title or info.title == site.sitename:
        replace = False  # the site's own name: the theme's
    elif titles.style.learned:
        replace = not _follows(theme_title, titles.style, site.sitename)
    else:
        replace = info.title not in theme_title
    if not replace and not titles.claim(theme_title, info.path):
        replace = True  # another page has it
    return replace


def _follows(theme_title: str, style, sitename: str) -> bool:
    """Whether a theme's title is in the site's format, whatever it calls
    the page ("Site – airflow tag" follows "{site} – {title}")."""
    before, _, after = style.format.partition("{title}")
    before = before.replace("{site}", sitename)
    after = after.replace("{site}", sitename)
    return (
        len(theme_title) > len(before) + len(after)
        and theme_title.startswith(before)
        and theme_title.endswith(after)
    )


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
    ascii_only: bool | None = None,
) -> str:
    """The page with the ``drop`` spans removed and the ``missing`` markup and
    the JSON-LD of ``nodes`` (but types the theme has) before ``</head>``.
    ``in_place`` maps a dropped span to the markup written where it was.
    ``ascii_only``: whether the whole page is ASCII (None: ``html`` is the
    whole page)."""
    edits, insert = splice_parts(html, scan, drop, missing, nodes, in_place, ascii_only)
    return assemble(html, scan.end, edits, insert)


def splice_parts(
    html: str,
    scan: HeadScan,
    drop: list,
    missing: list[str],
    nodes,
    in_place: dict | None = None,
    ascii_only: bool | None = None,
) -> tuple[tuple, str]:
    """What ``splice`` does to a page, as data: the edits of the head
    ((start, end, markup written there or None), in order) and the markup
    inserted before ``</head>`` ("" for none). ``assemble`` applies them;
    the head cache (``cache.py``) keeps them. ``ascii_only`` as for
    ``splice``."""
    if scan.jsonld_types:
        nodes = [n for n in nodes if not _types(n) & scan.jsonld_types]
    script = jsonld.script(nodes)
    if ascii_only is None:
        ascii_only = html.isascii()
    if (missing or in_place) and ascii_only:
        if not all(map(str.isascii, missing)):
            missing = [t if t.isascii() else ascii_markup(t) for t in missing]
        if in_place:
            in_place = {k: ascii_markup(v) for k, v in in_place.items()}
        if script and not script.isascii():
            script = jsonld.ascii_json(script)
    lines = [*missing, script] if script else list(missing)
    insert = "\n".join(lines) + "\n" if lines else ""
    edits = tuple(
        (start, end, in_place.get((start, end)) if in_place else None)
        for start, end in drop
    )
    return edits, insert


def assemble(html: str, end: int, edits: tuple, insert: str) -> str:
    """The page with ``edits`` applied to its head (which ends at ``end``,
    the first ``</head>``) and ``insert`` written before ``</head>``."""
    if not edits and not insert:
        return html
    if not edits:
        return html[:end] + insert + html[end:]
    pieces, pos = [], 0
    for start, stop, markup in edits:
        pieces.append(html[pos:start])
        if markup is not None:
            pieces.append(markup)
        pos = stop
    pieces.append(html[pos:end])
    pieces.append(insert)
    pieces.append(html[end:])
    return "".join(pieces)


def inject(
    html: str, ctx, settings: dict, links: SiteLinks, rest_ascii: bool | None = None
):
    """Return (page info, new html) for a page rendered with context ``ctx``
    (``links``: the build's, ``build.SeoPart.links``). ``html`` may be the
    beginning of the page only, through its ``</head>``; ``rest_ascii`` then
    says whether the rest is ASCII."""
    info, scan, edits, insert = inject_parts(html, ctx, settings, links, rest_ascii)
    if scan is None:
        return None, html
    return info, assemble(html, scan.end, edits, insert)


def inject_parts(
    html: str, ctx, settings: dict, links: SiteLinks, rest_ascii: bool | None = None
):
    """(page info, head scan, edits, insert) of a page: what ``inject``
    does to it, as data (``splice_parts``); (None, None, (), "") for a page
    without a head or whose theme completes its own."""
    scan = scan_head(html, links.siteurl, links.head_tags)
    if scan is None or scan.has_marker:
        # The theme calls pullmarketing_head() itself (or has no head).
        return None, None, (), ""
    info = page_info(ctx, settings, None, links)
    info.ascii_only = html.isascii() and rest_ascii is not False
    replace = replaced_keys(scan, info, settings, links)
    # A tag that replaces the theme's takes its place, where the theme's own
    # markup cannot have closed the head before it.
    places = {key: scan.keys[key][-1] for key in replace if key in scan.keys}
    drop = drop_spans(scan, replace)
    info, missing, nodes = head_tags(ctx, settings, None, links, scan.keys, info)
    in_place = None
    if places:
        in_place, rest = {}, []
        openings = {_OPENINGS[key]: span for key, span in places.items()}
        for line in missing:
            span = next((v for k, v in openings.items() if line.startswith(k)), None)
            if span is not None and span not in in_place:
                in_place[span] = line
            else:
                rest.append(line)
        missing = rest
    edits, insert = splice_parts(
        html, scan, drop, missing, nodes, in_place, info.ascii_only
    )
    return info, scan, edits, insert


# How our tag of each key that may replace a theme's begins.
_OPENINGS = {
    _TITLE_KEY: "<title>",
    _CANONICAL_KEY: '<link rel="canonical" ',
    ("meta", "description"): '<meta name="description" ',
    ("meta", "og:description"): '<meta property="og:description" ',
    ("meta", "twitter:description"): '<meta name="twitter:description" ',
    ("meta", "og:url"): '<meta property="og:url" ',
    ("meta", "article:published_time"): '<meta property="article:published_time" ',
    ("meta", "article:modified_time"): '<meta property="article:modified_time" ',
}


def injecting_template_class(base, on_render):
    """A Jinja template class whose ``render()`` passes each whole page it
    renders through ``on_render(html, context)``: the head is completed
    before Pelican writes the file, so no page is read or written twice.
    Partials, feeds and fragments (no ``output_file`` ending in .html in the
    context) are returned untouched."""
    if getattr(base, "_pullmarketing", False):
        return base

    # Jinja's own render (not another plugin's): its pieces may be taken.
    _PLAIN_RENDER = getattr(base, "render", None) is Template.render

    class InjectingTemplate(base):
        _pullmarketing = True

        def render(self, *args, **kwargs):
            ctx = args[0] if args and isinstance(args[0], dict) else kwargs
            output = ctx.get("output_file") if hasattr(ctx, "get") else None
            if not (isinstance(output, str) and output.endswith((".html", ".htm"))):
                return super().render(*args, **kwargs)
            chunks = None
            if _PLAIN_RENDER and not self.environment.is_async:
                # What Template.render does, keeping the pieces: a long
                # page's head is completed without a second copy of it.
                context = self.new_context(dict(*args, **kwargs))
                try:
                    chunks = list(self.root_render_func(context))
                except Exception:
                    self.environment.handle_exception()
                if len(chunks) >= LONG_PAGE_PIECES:
                    cut = head_pieces(chunks)
                    if cut is not None:
                        head = "".join(chunks[:cut])
                        rest = chunks[cut:]
                        del chunks
                        head = on_render(head, ctx, all(map(str.isascii, rest)))
                        rest.insert(0, head)
                        return "".join(rest)
            html = (
                self.environment.concat(chunks)
                if chunks is not None
                else super().render(*args, **kwargs)
            )
            return on_render(html, ctx)

    return InjectingTemplate


# A page rendered in this many pieces or more (a list of thousands of
# articles on one page: tens of MB) has its head completed on its
# beginning: the page is joined once, not copied again. Below, joining the
# page first costs nothing more, and the ASCII check is one call.
LONG_PAGE_PIECES = 20_000
_HEAD_CLOSE = re.compile(r"</head", re.I)


def head_pieces(chunks: list[str]) -> int | None:
    """How many of a page's first pieces hold its first ``</head>``
    (``_HEAD_END``, the end ``scan_head`` looks for), or None when no piece
    does (the page is then handled whole)."""
    tail = ""
    for index, chunk in enumerate(chunks):
        window = tail + chunk
        if _HEAD_CLOSE.search(window):
            text = "".join(chunks[: index + 1])
            # The end tag's spaces and ">" may come in the next pieces.
            for end in range(index + 1, min(len(chunks), index + 64) + 1):
                if _HEAD_END.search(text):
                    return end
                if end < len(chunks):
                    text += chunks[end]
            return None
        tail = window[-6:]
    return None
