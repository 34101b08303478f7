"""URL helpers, written once: absolute URLs under SITEURL (sub-paths included),
the site's host, campaign (UTM) tagging, and documents' URLs fixed once per
build."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from html import escape as html_escape
from html import unescape as html_unescape
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from jinja2 import Undefined, pass_context
from markupsafe import Markup, escape

from .text import clean, finalize


def is_absolute(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[": urllib refuses it; no address of a site
        return False
    return bool(parts.scheme and parts.netloc)


def scheme_of(url: str) -> str:
    """The URL's scheme, lower case ("" for none, or for an address urllib
    refuses, such as an unclosed IPv6 bracket in an article's link)."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def join(base: str, url: str) -> str:
    """``urljoin(base, url)``; ``url`` as written where urllib refuses it
    (``<img src="http://[x">`` in an article: left for the reader's browser,
    never a traceback)."""
    try:
        return urljoin(base, url)
    except ValueError:
        return url


def absolute_url(siteurl: str, path: str) -> str:
    """Join ``path`` (relative to the site root, as Pelican's ``*_URL`` settings
    are) to ``siteurl``, keeping a sub-path such as ``https://u.github.io/repo``.

    Returns ``path`` unchanged when it is already absolute. With an empty
    ``siteurl`` the result is root-relative (``/path``).
    """
    if not path:
        return (siteurl.rstrip("/") + "/") if siteurl else "/"
    if is_absolute(path) or path.startswith(("mailto:", "tel:", "data:")):
        return path
    base = (siteurl or "").rstrip("/") + "/"
    if path.startswith("/"):
        # Root-relative to the site, not to the host: keep the sub-path.
        path = path.lstrip("/")
    if not siteurl:
        return "/" + path
    return join(base, path)


def host_of(url: str) -> str:
    """The URL's host in lower case ("" for none, or for an address urllib
    refuses)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def site_host(siteurl: str) -> str:
    """The host of ``siteurl`` (``example.com``), or ``""``."""
    return urlsplit(siteurl or "").hostname or ""


def add_query(url: str, params: dict[str, str]) -> str:
    """Add ``params`` to ``url``'s query, keeping existing ones and the fragment.
    Existing keys are not overwritten (an author's own tags win)."""
    if not params:
        return url
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {k for k, _ in query}
    query += [(k, v) for k, v in params.items() if k not in present and v != ""]
    return urlunsplit(parts._replace(query=urlencode(query)))


def utm_params(template: dict[str, str] | None, **values: str) -> dict[str, str]:
    """Fill ``{placeholders}`` in a UTM template such as
    ``{"utm_source": "feed", "utm_medium": "{format}"}``."""
    if not template:
        return {}
    out = {}
    for key, value in template.items():
        try:
            out[key] = str(value).format(**values)
        except (KeyError, IndexError):
            out[key] = str(value)
    return out


@cache
def _url_patterns() -> tuple[re.Pattern, re.Pattern]:
    # Compiled on first use: not every build makes HTML absolute.
    url_attr = re.compile(
        r"""(?P<pre>\s(?:href|src|poster|action)\s*=\s*)(?P<q>["']?)(?P<url>[^"'\s>]*)(?P=q)""",
        re.I,
    )
    srcset = re.compile(
        r"""(?P<pre>\ssrcset\s*=\s*)(?P<q>["'])(?P<val>.*?)(?P=q)""", re.I | re.S
    )
    return url_attr, srcset


def _absolute(url: str, base: str) -> str:
    if not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
        return url
    if is_absolute(url) or url.startswith("//"):
        return url
    return join(base, url)


def absolutize_html(markup: str, base: str) -> str:
    """Make every ``href``/``src``/``poster``/``action``/``srcset`` URL in an
    HTML fragment absolute against ``base`` (the document's absolute URL), for
    feeds and copies on other sites. Fragment-only and mailto links are kept.
    Only the URL bytes change; the rest of the markup is left as it was."""
    if not base or not markup:
        return markup

    def attr(m: re.Match) -> str:
        url = html_unescape(m.group("url"))
        new = _absolute(url, base)
        if new == url:
            return m.group(0)
        q = m.group("q") or '"'
        return f"{m.group('pre')}{q}{html_escape(new, quote=True)}{q}"

    def srcset(m: re.Match) -> str:
        parts = []
        for item in m.group("val").split(","):
            bits = item.strip().split(None, 1)
            if not bits:
                continue
            bits[0] = _absolute(bits[0], base)
            parts.append(" ".join(bits))
        return f"{m.group('pre')}{m.group('q')}{', '.join(parts)}{m.group('q')}"

    url_attr, srcset_attr = _url_patterns()
    return srcset_attr.sub(srcset, url_attr.sub(attr, markup))


def served_url(url: str, save_as: str) -> str | None:
    """The site path that serves the file ``save_as`` when ``url`` does not
    lead to it (a page saved as ``about/index.html`` under Pelican's default
    ``pages/about.html``); None when they agree."""
    url, save_as = url.lstrip("/"), save_as.lstrip("/")
    if not save_as or url == save_as:
        return None
    folder, name = save_as.rpartition("/")[::2]
    if name == "index.html":
        # Served as the folder ("about/", "about" redirects there; "" is home).
        served = folder + "/" if folder else ""
        if url in (served, folder, served + "index.html"):
            return None
        return served
    return save_as


def fix_urls(
    docs: Iterable, *, warn: Callable[[object, str, str], None] | None = None
) -> None:
    """Give each document its URL and its file's path once, through
    Pelican's own overrides (the attributes its ``url`` and ``save_as``
    metadata set).

    The URL is the one that serves the file Pelican writes: where a
    document's ``url`` (its metadata or the URL pattern) and its ``save_as``
    disagree, the file wins, and ``warn(doc, url, served)`` is told.

    Pelican formats a document's URL pattern anew on every access of
    ``url`` (a copy of its metadata, its source path made relative, the
    pattern formatted), and every ``{filename}`` link to it asks again. Call
    this only once the URL is final: after every generator has read its
    content, before anything is rendered."""
    for doc in docs:
        try:
            url = doc.url
        except Exception:
            # A URL pattern this document cannot fill (a field it lacks):
            # left to Pelican, which fails, or not, when it asks, as it
            # would anyway.
            continue
        save_as = getattr(doc, "save_as", None)
        if isinstance(save_as, str) and not hasattr(doc, "override_save_as"):
            # Its file's path given once too (formatted anew on every access
            # like the URL): asked for by Pelican's writer and generators,
            # feeds and topics.
            with contextlib.suppress(Exception):
                doc.override_save_as = save_as
        served = served_url(url, save_as) if isinstance(save_as, str) else None
        if served is not None:
            if warn is not None:
                warn(doc, url, served)
            url = served
        elif hasattr(doc, "override_url"):
            continue
        try:
            doc.override_url = url
        except Exception:
            continue  # an object that takes no attribute


# The bundled theme's address helpers (partials/urls.html's macros, which
# stay for the theme without the plugin) as template globals: a macro
# imported "with context" is made again at every import, on every page.


@pass_context
def theme_site_url(context, value) -> Markup:
    """``site_url(value)`` of partials/urls.html: a setting that names a file
    (SITELOGO, FAVICON, a stylesheet) as a URL (kept as it is) or as a path
    in the output (put under the page's SITEURL), printed as the macro
    prints it (markup kept as markup, text escaped)."""
    value = (value if isinstance(value, str) else str(value)).strip()
    if value.startswith(("http://", "https://", "//", "data:")):
        return Markup(escape(finalize(value)))
    siteurl = context.get("SITEURL", "")
    siteurl = "" if isinstance(siteurl, Undefined) else finalize(siteurl)
    return Markup(escape(siteurl)) + "/" + escape(finalize(value.lstrip("/")))


@pass_context
def theme_menu_key(context, href) -> Markup:
    """``menu_key(href)`` of partials/urls.html: the address a link leads
    to, the same for every way of writing it, for telling whether two menu
    entries go to the same place."""
    site = context.get("SITEURL")
    site = "" if not site or isinstance(site, Undefined) else str(site)
    markup = hasattr(href, "__html__")
    href = "" if isinstance(href, Undefined) else str(href)
    return _menu_key(site, href, markup)


@lru_cache(maxsize=1024)
def _menu_key(site: str, href: str, markup: bool) -> Markup:
    parts = site.split("/", 3) if "://" in site else []
    site_path = (
        "/" + parts[3].strip("/") if len(parts) > 3 and parts[3].strip("/") else ""
    )
    key = href.strip()
    if site and (key == site or key.startswith(site + "/")):
        key = "/" + key[len(site) :].lstrip("/")
    elif key.startswith(("http://", "https://", "//")) or ":" in key.split("/")[0]:
        pass  # another site, or mailto:, tel: ...: the address itself
    elif key.startswith("/"):
        if site_path and (key == site_path or key.startswith(site_path + "/")):
            key = "/" + key[len(site_path) :].lstrip("/")
    else:  # relative: Pelican's settings name paths from the site's root
        key = "/" + (key[2:] if key.startswith("./") else key)
    if key.endswith("/index.html"):
        key = key[:-10]
    elif key.endswith(".html"):
        key = key[:-5]
    key = clean(key.rstrip("/") or "/")
    return Markup(key) if markup else escape(key)
