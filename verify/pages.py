"""Find files in a built site and the few pages every browser check looks at.

Key pages are found from the output alone, so any theme and URL scheme works:
home (index.html), an article (og:type article or a BlogPosting JSON-LD, else
the one dated ``<article>`` of a page),
a topic hub (topics/<slug>/), the subscribe page, the gate landing page (the
first page with a gate form) and its thank-you page (the noindex page the
form sends readers to). When the site has translations, a translation too:
the first article whose ``<html lang>`` differs from the home page's (a site
in one language has none, and is not asked for one).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

KEY_PAGES = ("home", "article", "hub", "subscribe", "gate", "thanks")
# Found when the site has them; their absence is no failure.
OPTIONAL_KEY_PAGES = ("translation",)


def html_files(folder: Path) -> list[str]:
    """Every .html file under ``folder``, as sorted POSIX paths relative to it."""
    folder = Path(folder)
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def parse(folder: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((Path(folder) / rel).read_bytes())


def page_url(rel: str) -> str:
    """Site-relative URL of a written file (folder URL for index.html)."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def resolve(folder: Path, url: str, from_rel: str, site_url: str) -> Path | None:
    """The file a link points at, or None when it is on another origin.

    ``site_url`` is the site's base (``http://127.0.0.1:8000`` or
    ``https://u.github.io/repo``); root-relative links are taken on that
    origin, relative links from the page ``from_rel``. The result may not
    exist: that is for the caller to report.
    """
    site = urlsplit(site_url.rstrip("/") + "/")
    base = (
        f"{site.scheme}://{site.netloc}{site.path}"
        if site.netloc
        else "http://site.invalid/"
    )
    page = urljoin(base, from_rel)
    target = urlsplit(urljoin(page, url))
    origin = urlsplit(base)
    if (target.scheme, target.netloc) != (origin.scheme, origin.netloc):
        return None
    path = unquote(target.path)
    if not path.startswith(origin.path):
        return Path(folder) / "__outside_site_path__" / path.lstrip("/")
    rel = path[len(origin.path) :]
    candidate = Path(folder) / rel
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate


def json_ld_blocks(tree: lxml.html.HtmlElement) -> list[str]:
    return [s.text or "" for s in tree.xpath('//script[@type="application/ld+json"]')]


def _types(tree: lxml.html.HtmlElement) -> set[str]:
    found: set[str] = set()
    for text in json_ld_blocks(tree):
        try:
            data = json.loads(text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                found.update(kind if isinstance(kind, list) else [kind])
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return found


def _is_noindex(tree: lxml.html.HtmlElement) -> bool:
    return any(
        "noindex" in (m.get("content") or "").lower()
        for m in tree.xpath('//meta[@name="robots"]')
    )


def key_pages(folder: Path, site_url: str = "") -> dict[str, str]:
    """Map of the key pages found (names from KEY_PAGES) to their relative paths."""
    return scan_pages(folder, site_url)[0]


def scan_pages(folder: Path, site_url: str = "") -> tuple[dict[str, str], list[str]]:
    """The key pages found (name -> relative path) and every article page."""
    folder = Path(folder)
    files = html_files(folder)
    found: dict[str, str] = {}
    home_lang = ""
    if "index.html" in files:
        found["home"] = "index.html"
        home_lang = _lang(parse(folder, "index.html"))
    hubs = [f for f in files if re.fullmatch(r"topics/[^/]+/index\.html", f)]
    if hubs:
        found["hub"] = hubs[0]
    subscribe = [f for f in files if re.match(r"(.*/)?subscribe(/index)?\.html$", f)]
    if subscribe:
        found["subscribe"] = subscribe[0]

    articles, gates = [], []
    for rel in files:
        if rel in found.values() or rel == "404.html":
            continue
        tree = parse(folder, rel)
        forms = tree.xpath("//form")
        if forms:
            gate_like = any(
                "gate" in (f.get("class") or "") + (f.get("id") or "") for f in forms
            )
            gates.append((not gate_like, rel, tree))
            if gate_like:
                continue
            # Another form (an e-mail sign-up after an article): still a page.
        og_article = tree.xpath('//meta[@property="og:type"][@content="article"]')
        if og_article or {"BlogPosting", "Article"} & _types(tree):
            articles.append((0, rel))
            lang = _lang(tree)
            if home_lang and lang and lang != home_lang:
                found.setdefault("translation", rel)
        elif len(tree.xpath("//article")) == 1 and tree.xpath(
            "//article//time[@datetime]"
        ):
            # Without search metadata: one dated <article> on the page.
            articles.append((1, rel))
    if articles:
        found["article"] = min(articles)[1]
    # Search metadata, when any page has it, is the surer sign of an article.
    best = min((kind for kind, _ in articles), default=0)
    article_files = sorted(rel for kind, rel in articles if kind == best)
    if gates:
        _, gate_rel, gate_tree = sorted(gates, key=lambda g: (g[0], g[1]))[0]
        found["gate"] = gate_rel
        thanks = _thank_you_page(folder, gate_rel, gate_tree, site_url)
        if thanks:
            found["thanks"] = thanks
    names = KEY_PAGES + OPTIONAL_KEY_PAGES
    return {name: found[name] for name in names if name in found}, article_files


def _lang(tree: lxml.html.HtmlElement) -> str:
    """The page's language, as its ``<html lang>`` says (lower case, or "")."""
    root = tree.getroottree().getroot()
    return (root.get("lang") or "").strip().lower()


def _thank_you_page(folder: Path, gate_rel: str, tree, site_url: str) -> str | None:
    """The noindex page the gate form points at (a hidden redirect field or a link)."""
    values = tree.xpath("//form//input/@value") + tree.xpath("//form/@action")
    values += tree.xpath("//a/@href")
    for value in values:
        if not value or value.startswith(("#", "mailto:")):
            continue
        target = resolve(folder, value, gate_rel, site_url or "http://site.invalid")
        if target is None or not target.is_file() or target.suffix != ".html":
            continue
        rel = target.relative_to(folder).as_posix()
        if rel != gate_rel and _is_noindex(parse(folder, rel)):
            return rel
    for rel in html_files(folder):
        if rel not in (gate_rel, "404.html") and _is_noindex(parse(folder, rel)):
            return rel
    return None
