"""Links: every internal href/src in the HTML, and every URL on the site's host
in the sitemap, robots.txt and feeds, resolves to a written file (and to an
``id`` when it has a fragment); no unresolved ``{filename}`` references; no
link to a gated file's public path, and no copy of the file there."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
from lxml import etree

from verify.feeds import find_feeds
from verify.pages import html_files, parse, resolve
from verify.report import CheckResult, result

SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "sms:")
URL_ATTRS = ("href", "src", "poster", "data")
META_URL_PROPS = ("og:url", "og:image", "twitter:image", "og:image:secure_url")
# A reference Pelican did not resolve, where a URL starts (after =, quote, "(" or ">").
LEFTOVER = re.compile(
    rb"(?<=[\"'=(>])(?:(?:\{|%7B)(?:filename|static|attach|category|tag|author|index)(?:\}|%7D)"
    rb"|\|(?:filename|static|attach)\|)"
)
TEXT_SUFFIXES = (".html", ".xml", ".json", ".txt", ".opml", ".atom", ".rss", ".css")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def gated_source_paths(content_dir: Path) -> list[str]:
    """Content-relative paths named by ``gated_file`` metadata in a site's sources
    (Markdown ``gated_file: x`` or reST ``:gated_file: x``). Pelican copies
    static files to the same relative path, so these are the public paths a
    gated file must never have."""
    found = set()
    for path in sorted(Path(content_dir).rglob("*")):
        if (
            path.suffix not in (".md", ".markdown", ".mkd", ".rst", ".html")
            or not path.is_file()
        ):
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[
            :60
        ]:
            match = re.match(r"\s*:?gated_file:\s*(\S.*?)\s*$", line, re.IGNORECASE)
            if match:
                value = re.sub(
                    r"^\{(static|filename|attach)\}", "", match.group(1)
                ).lstrip("/")
                found.add(value)
    return sorted(found)


class _Ids:
    """ids and names of anchors per page, parsed once."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.cache: dict[Path, set[str]] = {}

    def of(self, path: Path) -> set[str]:
        if path not in self.cache:
            tree = lxml.html.fromstring(path.read_bytes())
            self.cache[path] = set(tree.xpath("//@id")) | set(tree.xpath("//a/@name"))
        return self.cache[path]


def _html_urls(tree) -> list[tuple[int, str]]:
    urls = []
    for attr in URL_ATTRS:
        for el in tree.xpath(f"//*[@{attr}]"):
            if attr == "data" and el.tag != "object":
                continue
            urls.append((el.sourceline or 0, el.get(attr)))
    for el in tree.xpath("//*[@srcset]"):
        for candidate in el.get("srcset").split(","):
            if candidate.strip():
                urls.append((el.sourceline or 0, candidate.split()[0]))
    for el in tree.xpath("//meta[@property or @name]"):
        if (el.get("property") or el.get("name")) in META_URL_PROPS and el.get(
            "content"
        ):
            urls.append((el.sourceline or 0, el.get("content")))
    return urls


def _feed_urls(folder: Path, kinds: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(feed, url) for links in feeds, entry content included."""
    out = []
    for rel in kinds["atom"] + kinds["rss"] + kinds["opml"]:
        try:
            root = etree.parse(str(folder / rel)).getroot()
        except etree.XMLSyntaxError:
            continue  # the feeds check reports it
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            tag = etree.QName(el).localname
            for attr in ("href", "url", "xmlUrl", "htmlUrl"):
                if el.get(attr) and tag in (
                    "link",
                    "enclosure",
                    "outline",
                    "content",
                    "icon",
                    "logo",
                ):
                    out.append((rel, el.get(attr)))
            if (
                tag in ("link", "comments", "icon", "logo")
                and el.text
                and el.text.strip()
            ):
                out.append((rel, el.text.strip()))
            if tag == "guid" and el.get("isPermaLink", "true") != "false" and el.text:
                out.append((rel, el.text.strip()))
            if (
                tag in ("content", "summary", "description", "encoded")
                and el.text
                and "<" in el.text
            ):
                out += [
                    (rel, u)
                    for _, u in _html_urls(
                        lxml.html.fragment_fromstring(el.text, create_parent="div")
                    )
                ]
    for rel in kinds["json"]:
        try:
            feed = json.loads((folder / rel).read_bytes())
        except ValueError:
            continue
        out += [
            (rel, feed[k])
            for k in ("home_page_url", "feed_url", "icon", "favicon")
            if feed.get(k)
        ]
        for item in feed.get("items", []):
            out += [
                (rel, item[k]) for k in ("url", "image", "banner_image") if item.get(k)
            ]
            if item.get("content_html"):
                frag = lxml.html.fragment_fromstring(
                    item["content_html"], create_parent="div"
                )
                out += [(rel, u) for _, u in _html_urls(frag)]
    return out


def check_links(
    folder: Path, site_url: str, gated_paths: list[str] = ()
) -> CheckResult:
    folder = Path(folder).resolve()
    failures: list[str] = []
    ids = _Ids(folder)
    gated = {(folder / g).resolve() for g in gated_paths}
    checked = 0

    for g in sorted(gated):
        if g.exists():
            failures.append(
                f"gated file copied to its public path: {g.relative_to(folder)}"
            )

    def follow(where: str, from_rel: str, url: str) -> None:
        nonlocal checked
        url = url.strip()
        if not url or url.startswith(SKIP_SCHEMES):
            return
        if url.startswith("#"):
            target = folder / from_rel
        else:
            resolved = resolve(folder, url, from_rel, site_url)
            if resolved is None:
                return
            target = resolved.resolve()
        checked += 1
        if target in gated:
            failures.append(f"{where}: links to the gated file's public path {url}")
            return
        if not target.is_file():
            failures.append(
                f"{where}: {url} -> no file {target.relative_to(folder) if target.is_relative_to(folder) else target}"
            )
            return
        fragment = url.partition("#")[2]
        if fragment and target.suffix == ".html" and fragment not in ids.of(target):
            failures.append(
                f"{where}: {url} -> no id={fragment!r} in {target.relative_to(folder)}"
            )

    for rel in html_files(folder):
        tree = parse(folder, rel)
        for line, url in _html_urls(tree):
            follow(f"{rel}:{line}", rel, url)

    sitemaps = sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("sitemap*.xml")
    )
    for rel in sitemaps:
        root = etree.parse(str(folder / rel)).getroot()
        for loc in root.iter(
            f"{SITEMAP_NS}loc", "{http://www.google.com/schemas/sitemap-image/1.1}loc"
        ):
            url = (loc.text or "").strip()
            follow(rel, rel, url)
            target = resolve(folder, url, rel, site_url)
            if target is not None and target.suffix == ".html" and target.is_file():
                robots = parse(folder, target.relative_to(folder).as_posix()).xpath(
                    '//meta[@name="robots"]/@content'
                )
                if any("noindex" in r for r in robots):
                    failures.append(f"{rel}: lists {url}, a noindex page")
    robots_txt = folder / "robots.txt"
    if robots_txt.is_file():
        for line in robots_txt.read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("sitemap:"):
                follow("robots.txt", "robots.txt", line.split(":", 1)[1].strip())

    for rel, url in _feed_urls(folder, find_feeds(folder)):
        follow(rel, rel, url)

    for path in sorted(folder.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            data = path.read_bytes()
            for match in LEFTOVER.finditer(data):
                line = data.count(b"\n", 0, match.start()) + 1
                failures.append(
                    f"{path.relative_to(folder)}:{line}: unresolved Pelican reference {match.group().decode()}"
                )

    summary = (
        f"{checked} internal URLs, {len(sitemaps)} sitemaps; {len(failures)} broken"
    )
    return result(
        "links", failures, summary, data={"checked": checked, "sitemaps": sitemaps}
    )
