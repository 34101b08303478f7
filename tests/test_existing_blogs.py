"""The package installed into blogs shaped like real public Pelican blogs
(tests/blogs/: an rST blog in French with its own minimal theme, a Flex-like
theme with pelican-seo and the sitemap plugin, a quickstart blog with old
pins, an English and French blog built with i18n_subsites), built as they publish (their publishconf.py) with their own theme and
plugins plus ours: nothing of theirs doubled or lost.

For every page: one canonical link, at most one article node and one
breadcrumb trail in the structured data, one description used by every tag
that carries one, and a title no other page has. Against the same blog built
without the plugin: no new Nu checker error. Every sitemap URL is a page
that was written; no two feeds list the same articles under other ids.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import html5lib
import pytest
from lxml import etree

from tests.blogs import blog_settings, build_blog, copy_blog

BLOGS = ("french_rst", "flex_seo", "old_pins", "bilingual_subsites")
SETTINGS_FILE = {"french_rst": "publishconf.py"}
ARTICLE_TYPES = {"Article", "BlogPosting", "NewsArticle", "TechArticle"}


def publish(blog: Path, plugin: bool, output: Path) -> Path:
    settings = blog_settings(blog, "publishconf.py")
    plugins = list(settings.get("PLUGINS") or [])
    if plugin:
        plugins.append("pelican_pullmarketing")
    return build_blog(blog, "publishconf.py", output=output, PLUGINS=plugins)


@pytest.fixture(scope="module", params=BLOGS)
def built(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(request.param)
    blog = copy_blog(request.param, base)
    plain = publish(blog, False, base / "plain")
    ours = publish(blog, True, base / "ours")
    return request.param, blog, plain, ours


def pages(out: Path) -> list[str]:
    return sorted(
        str(p.relative_to(out))
        for p in out.rglob("*.html")
        if p.stat().st_size and "theme" not in p.relative_to(out).parts
    )


def parse(path: Path):
    return html5lib.parse(
        path.read_text(encoding="utf-8"),
        treebuilder="lxml",
        namespaceHTMLElements=False,
    )


def jsonld_nodes(tree) -> list[dict]:
    nodes = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        data = json.loads(script.text or "null")
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                nodes += item.get("@graph", [item])
    return [n for n in nodes if isinstance(n, dict)]


def types_of(node: dict) -> set[str]:
    kind = node.get("@type")
    return {kind} if isinstance(kind, str) else set(kind or [])


def test_one_canonical_article_node_breadcrumb_and_description_per_page(built):
    name, blog, plain, ours = built
    problems = []
    for rel in pages(ours):
        tree = parse(ours / rel)
        head = tree.find("head")
        canonical = tree.xpath("//link[@rel='canonical']")
        if len(canonical) != 1:
            problems.append(f"{rel}: {len(canonical)} canonical links")
        nodes = jsonld_nodes(tree)
        articles = [n for n in nodes if types_of(n) & ARTICLE_TYPES]
        crumbs = [n for n in nodes if "BreadcrumbList" in types_of(n)]
        if len(articles) > 1:
            problems.append(f"{rel}: {len(articles)} article nodes")
        if len(crumbs) > 1:
            problems.append(f"{rel}: {len(crumbs)} breadcrumb trails")
        metas = {}
        for meta in head.iter("meta") if head is not None else ():
            key = meta.get("property") or meta.get("name")
            metas.setdefault(key, []).append(meta.get("content"))
        for key in ("description", "og:description", "twitter:description"):
            if len(metas.get(key, [])) > 1:
                problems.append(f"{rel}: {len(metas[key])} {key}")
        told = {
            v[0]
            for k, v in metas.items()
            if k in ("description", "og:description", "twitter:description")
        }
        told |= {
            n["description"] for n in articles if isinstance(n.get("description"), str)
        }
        if len(told) > 1:
            problems.append(f"{rel}: descriptions disagree: {sorted(told)}")
        for key in ("article:published_time", "article:modified_time"):
            for value in metas.get(key, []):
                if not value or not re.fullmatch(
                    r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)", value
                ):
                    problems.append(f"{rel}: {key} {value!r} is not ISO 8601")
    assert not problems, "\n".join(problems)


def test_no_two_pages_share_a_title(built):
    name, blog, plain, ours = built
    titles = defaultdict(list)
    for rel in pages(ours):
        title = parse(ours / rel).find("head/title")
        titles[
            " ".join("".join(title.itertext()).split()) if title is not None else None
        ].append(rel)
    shared = {t: rels for t, rels in titles.items() if len(rels) > 1 or t is None}
    assert not shared, shared


def test_every_sitemap_url_is_a_page_that_was_written(built):
    name, blog, plain, ours = built
    sitemap = ours / "sitemap.xml"
    assert sitemap.is_file()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = etree.parse(str(sitemap)).getroot()
    siteurl = blog_settings(blog, "publishconf.py")["SITEURL"]
    missing = []
    for loc in root.iter(f"{ns}loc"):
        path = urlsplit(loc.text).path
        rel = path[len(urlsplit(siteurl).path) :].lstrip("/")
        target = ours / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        if not target.is_file() or not target.stat().st_size:
            missing.append(loc.text)
    assert not missing


def _feeds(out: Path) -> dict[str, list[tuple[str, str]]]:
    found = {}
    for path in out.rglob("*"):
        if (
            path.suffix not in (".xml", ".atom", ".rss", ".json")
            or path.name == "sitemap.xml"
        ):
            continue
        if path.suffix == ".json":
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            if "jsonfeed.org" not in str(data.get("version", "")):
                continue
            entries = [(i["id"], i.get("url", "").split("?")[0]) for i in data["items"]]
        else:
            parsed = feedparser.parse(path.read_bytes())
            if not parsed.version:
                continue
            entries = [
                (e.get("id"), e.get("link", "").split("?")[0]) for e in parsed.entries
            ]
        found[str(path.relative_to(out))] = entries
    return found


def test_no_two_feeds_list_the_same_articles_under_other_ids(built):
    name, blog, plain, ours = built
    feeds = _feeds(ours)
    by_links = defaultdict(list)
    for rel, entries in feeds.items():
        if entries:
            by_links[frozenset(link for _, link in entries)].append(rel)
    problems = []
    for rels in by_links.values():
        ids = {frozenset(i for i, _ in feeds[r]) for r in rels}
        formats = Counter(Path(r).suffix for r in rels)
        # The same list in Atom, RSS and JSON of one topic is one feed.
        if len(ids) > 1 and len({str(Path(r).parent) for r in rels}) > 1:
            problems.append(sorted(rels))
        del formats
    assert not problems, problems


def test_no_new_nu_checker_error(built):
    import os

    if not shutil.which("java"):
        if os.environ.get("CI"):
            pytest.fail("java is not installed; .ci/run installs it")
        pytest.skip("SKIPPED LOUDLY: java (for the Nu HTML Checker) is not installed")
    from verify.html_check import run_vnu

    name, blog, plain, ours = built

    def errors(out, rels):
        messages, _ = run_vnu([out / r for r in rels])
        found = defaultdict(set)
        for m in messages:
            if m.get("type") == "error":
                rel = m.get("url", "").split(str(out) + "/", 1)[-1]
                found[rel].add(re.sub(r"“[^”]*”", "“…”", m.get("message", "")))
        return found

    theirs = errors(plain, pages(plain))
    anywhere = set().union(*theirs.values()) if theirs else set()
    mine = errors(ours, pages(ours))
    new = {
        rel: sorted(msgs - theirs.get(rel, anywhere))
        for rel, msgs in mine.items()
        if msgs - theirs.get(rel, anywhere)
    }
    assert not new, new
