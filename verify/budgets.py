"""Page budgets of the theme issue, from the built files and real page loads:
article HTML <= 8 KB gzipped, all CSS of a page <= 8 KB gzipped, <= 3
requests for a text-only page, and no request to any other origin."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

from verify.browser import viewport
from verify.pages import html_files, page_url, parse, resolve
from verify.report import CheckResult, result

ARTICLE_HTML_GZ = 8 * 1024
CSS_GZ = 8 * 1024
TEXT_PAGE_REQUESTS = 3
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""")


def gz(data: bytes) -> int:
    """gzip size at level 6, the level web servers and CDNs use by default."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def stylesheets(
    folder: Path, rel: str, site_url: str
) -> tuple[list[Path], list[str], int]:
    """CSS files a page loads (with @import), URLs on other origins, inline CSS bytes gzipped."""
    tree = parse(folder, rel)
    files, foreign, seen = [], [], set()
    queue = [
        (rel, href)
        for href in tree.xpath(
            '//link[contains(concat(" ", @rel, " "), " stylesheet ")]/@href'
        )
    ]
    while queue:
        from_rel, href = queue.pop(0)
        target = resolve(folder, href, from_rel, site_url)
        if target is None:
            foreign.append(href)
            continue
        if target in seen or not target.is_file():
            continue
        seen.add(target)
        files.append(target)
        css = target.read_text(encoding="utf-8", errors="replace")
        queue += [
            (target.relative_to(folder).as_posix(), u) for u in CSS_IMPORT.findall(css)
        ]
    inline = "".join(s.text or "" for s in tree.xpath("//style")).encode()
    return files, foreign, gz(inline) if inline else 0


LOADING_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "icon",
    "apple-touch-icon",
    "manifest",
    "prefetch",
    "preconnect",
    "dns-prefetch",
}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""")


def foreign_loads(folder: Path, site_url: str) -> list[str]:
    """Sub-resources that any page or stylesheet would fetch from another origin."""
    folder = Path(folder)
    out = []
    for rel in html_files(folder):
        tree = parse(folder, rel)
        urls = [
            (el.sourceline, el.get("href"))
            for el in tree.xpath("//link[@href]")
            if LOADING_LINK_RELS & set((el.get("rel") or "").lower().split())
        ]
        for el in tree.xpath(
            "//script[@src] | //img | //source | //video | //audio | //iframe[@src] | //embed[@src] | //track[@src] | //input[@src]"
        ):
            urls += [(el.sourceline, el.get(a)) for a in ("src", "poster") if el.get(a)]
            for candidate in (el.get("srcset") or "").split(","):
                if candidate.strip():
                    urls.append((el.sourceline, candidate.split()[0]))
        urls += [
            (el.sourceline, el.get("data")) for el in tree.xpath("//object[@data]")
        ]
        css = "".join(s.text or "" for s in tree.xpath("//style")) + "".join(
            tree.xpath("//@style")
        )
        urls += [(0, u) for u in CSS_URL.findall(css)]
        for line, url in urls:
            if (
                url
                and not url.startswith("data:")
                and resolve(folder, url, rel, site_url) is None
            ):
                out.append(f"{rel}:{line}: loads {url} from another origin")
    for css_file in sorted(folder.rglob("*.css")):
        text = css_file.read_text(encoding="utf-8", errors="replace")
        css_rel = css_file.relative_to(folder).as_posix()
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if (
                not url.startswith("data:")
                and resolve(folder, url, css_rel, site_url) is None
            ):
                out.append(f"{css_rel}: loads {url} from another origin")
    return out


def is_text_only(folder: Path, rel: str) -> bool:
    tree = parse(folder, rel)
    return not tree.xpath(
        "//img | //picture | //video | //audio | //iframe | //object | //svg//image"
    )


def load_requests(browser, url: str, width: int = 390) -> list[str]:
    """Every request a page load makes (document included), in order."""
    context = browser.new_context(**viewport(width))
    tab = context.new_page()
    urls: list[str] = []
    tab.on("request", lambda request: urls.append(request.url))
    tab.goto(url, wait_until="networkidle")
    context.close()
    return urls


def check_budgets(
    folder: Path,
    site_url: str,
    pages: dict[str, str],
    article_pages: list[str],
    browser=None,
    lighthouse_requests: dict[str, list[str]] | None = None,
) -> CheckResult:
    """``pages``: key pages to load; ``article_pages``: every article's HTML file.

    With a browser, each key page is loaded to count requests and find other
    origins; Lighthouse's network records, when given, are searched too.
    """
    folder = Path(folder)
    failures: list[str] = []
    data: dict = {"article_html_gz": {}, "css_gz": {}, "requests": {}}
    origin = urlsplit(site_url).netloc

    for rel in article_pages:
        size = gz((folder / rel).read_bytes())
        data["article_html_gz"][rel] = size
        if size > ARTICLE_HTML_GZ:
            failures.append(
                f"{rel}: HTML is {size / 1024:.1f} KB gzipped, budget {ARTICLE_HTML_GZ // 1024} KB"
            )
    for rel in sorted(set(pages.values()) | set(article_pages[:1])):
        files, foreign, inline = stylesheets(folder, rel, site_url)
        total = sum(gz(f.read_bytes()) for f in files) + inline
        data["css_gz"][rel] = total
        if total > CSS_GZ:
            names = ", ".join(f.relative_to(folder).as_posix() for f in files)
            failures.append(
                f"{rel}: CSS is {total / 1024:.1f} KB gzipped ({names}), budget {CSS_GZ // 1024} KB"
            )
        failures += [f"{rel}: stylesheet from another origin: {u}" for u in foreign]

    failures += foreign_loads(folder, site_url)
    if browser is not None:
        for name, rel in pages.items():
            urls = load_requests(browser, site_url + page_url(rel))
            data["requests"][rel] = urls
            failures += [
                f"{rel}: request to another origin: {u}"
                for u in urls
                if urlsplit(u).netloc != origin and not u.startswith("data:")
            ]
            if is_text_only(folder, rel) and len(urls) > TEXT_PAGE_REQUESTS:
                failures.append(
                    f"{rel} ({name}, text only): {len(urls)} requests, budget {TEXT_PAGE_REQUESTS}: "
                    + ", ".join(urls)
                )
    for rel, urls in (lighthouse_requests or {}).items():
        failures += [
            f"{rel}: Lighthouse saw a request to another origin: {u}"
            for u in urls
            if urlsplit(u).netloc not in (origin, "")
            and not u.startswith(("data:", "chrome"))
        ]

    worst_html = max(data["article_html_gz"].values(), default=0)
    worst_css = max(data["css_gz"].values(), default=0)
    most = max((len(u) for u in data["requests"].values()), default=0)
    summary = (
        f"article HTML max {worst_html / 1024:.1f} KB gz ({len(article_pages)} articles), "
        f"CSS max {worst_css / 1024:.1f} KB gz, max {most} requests/page"
    )
    if not article_pages:
        failures.append("no article pages found to weigh")
    return result("budgets", failures, summary, data=data)
