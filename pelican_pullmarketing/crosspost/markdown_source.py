"""The Markdown an article copy is made from: the document's own source file,
metadata header removed, every link and image made absolute (``{filename}``
and other Pelican references resolved like the build resolves them), links
back to the site tagged with campaign parameters. Code is left untouched.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from .. import urls

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")

_META_LINE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*.*$")
_META_CONT = re.compile(r"^[ ]{4,}\S")
_META_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")

# Fenced code blocks and inline code spans are copied byte for byte.
CODE = re.compile(
    r"(?ms)^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^[ ]{0,3}(?P=fence)[`~]*[ \t]*$"
    # inline code: never across a blank line, so a stray backtick cannot hide
    # the rest of the article from the link rewriting
    r"|(?P<ticks>`+)[^`\n](?:[^\n]|\n(?![ \t]*\n))*?(?P=ticks)"
)
# [text](target "title") and ![alt](target)
INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<sp>\s*)<?(?P<url>[^\s<>()]+)>?(?P<rest>(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*)\)"
)
# [id]: target "title"
_REFDEF = re.compile(
    r"(?m)^(?P<pre>[ ]{0,3}\[[^\]]+\]:[ \t]*)<?(?P<url>[^\s<>]+)>?(?P<rest>.*)$"
)
# href="..." / src="..." in raw HTML
_ATTR = re.compile(
    r"""(?P<pre>\s(?P<attr>href|src)\s*=\s*)(?P<q>["'])(?P<url>.*?)(?P=q)""", re.I
)
_REFERENCE = re.compile(r"^[{|](?P<what>[a-z]+)[|}]")
_HTML_HREF = re.compile(r'href="(?P<url>[^"]*)"')


def is_markdown(doc) -> bool:
    return str(getattr(doc, "source_path", "")).lower().endswith(MARKDOWN_EXTENSIONS)


def strip_metadata(text: str) -> str:
    """The body of a Markdown file read by Pelican's reader (Python-Markdown's
    ``meta`` extension): the header ends at the first blank line."""
    lines = text.lstrip("\ufeff").split("\n")
    i = 0
    if lines and _META_BEGIN.match(lines[0]):
        i = 1
        while i < len(lines) and not _META_END.match(lines[i]):
            i += 1
        return "\n".join(lines[i + 1 :]).strip("\n") + "\n"
    if not lines or not _META_LINE.match(lines[0]):
        return text
    while i < len(lines) and lines[i].strip():
        if not (_META_LINE.match(lines[i]) or _META_CONT.match(lines[i])):
            break
        i += 1
    return "\n".join(lines[i:]).strip("\n") + "\n"


def read_body(doc) -> str:
    with open(doc.source_path, encoding="utf-8") as fh:
        return strip_metadata(fh.read())


def resolve_reference(doc, url: str, siteurl: str) -> str:
    """``{filename}post.md`` and friends to an absolute URL, the way Pelican
    resolves them in the HTML (unknown targets are left as written). Without
    a SITEURL, a root-relative one: Pelican joins the target's URL to the
    site URL it is given, and under RELATIVE_URLS an empty one would leave a
    path relative to the site's root that reads as relative to the page."""
    update = getattr(doc, "_update_content", None)
    if update is None:
        return url
    out = update(f'<a href="{url}">', siteurl or "/")
    match = _HTML_HREF.search(out)
    return match.group("url") if match else url


def make_link_resolver(
    doc, siteurl: str, doc_url: str, utm: dict[str, str]
) -> Callable[[str, bool], str]:
    """A function (url, is_image) -> absolute URL, links to the site tagged."""
    site_prefix = (siteurl or "").rstrip("/") + "/"

    def resolve(url: str, is_image: bool) -> str:
        if url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
            return url
        if _REFERENCE.match(url):
            url = resolve_reference(doc, url, siteurl)
        if not urls.is_absolute(url) and doc_url:
            url = urls.join(doc_url, url)
        if (
            not is_image
            and siteurl
            and (url + "/").startswith(site_prefix)
            and urls.scheme_of(url) in ("http", "https")
        ):
            url = urls.add_query(url, utm)
        return url

    return resolve


def absolutize_markdown(body: str, resolve: Callable[[str, bool], str]) -> str:
    """Rewrite the targets of inline links/images, reference definitions and raw
    HTML ``href``/``src`` outside code."""

    def inline(m: re.Match) -> str:
        new = resolve(m.group("url"), bool(m.group("bang")))
        return f"{m.group('bang')}[{m.group('text')}]({m.group('sp')}{new}{m.group('rest')})"

    def refdef(m: re.Match) -> str:
        url = m.group("url")
        is_image = bool(re.search(r"\.(png|jpe?g|gif|webp|svg|avif)$", url, re.I))
        return f"{m.group('pre')}{resolve(url, is_image)}{m.group('rest')}"

    def attr(m: re.Match) -> str:
        new = resolve(m.group("url"), m.group("attr").lower() == "src")
        return f"{m.group('pre')}{m.group('q')}{new}{m.group('q')}"

    def prose(text: str) -> str:
        return _ATTR.sub(attr, _REFDEF.sub(refdef, INLINE_LINK.sub(inline, text)))

    out, pos = [], 0
    for code in CODE.finditer(body):
        out.append(prose(body[pos : code.start()]))
        out.append(code.group(0))
        pos = code.end()
    out.append(prose(body[pos:]))
    return "".join(out)


def relative_source(doc, settings: dict) -> str:
    """Source path relative to the content folder, with forward slashes."""
    known = getattr(doc, "relative_source_path", None)
    if known and type(known) is str:
        # Pelican's own, made when it read the document against the same
        # content folder (relpath costs more than the rest of a document's
        # conversation lookup).
        doc_settings = getattr(doc, "settings", None)
        if isinstance(doc_settings, dict) and doc_settings.get("PATH") == settings.get(
            "PATH"
        ):
            return known
    path = getattr(doc, "source_path", "") or ""
    root = settings.get("PATH") or os.curdir
    try:
        rel = os.path.relpath(path, root)
    except ValueError:  # other drive on Windows
        rel = path
    return rel.replace(os.sep, "/")
