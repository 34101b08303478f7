"""Being found: the robots.txt policy, site-verification tags, the image
sitemap, lastmod from git, and only JSON-LD types that engines still use."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import html5lib
import pytest
from seo_helpers import THEMES, png

from pelican_pullmarketing.seo import robots

IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"


def _article(site, slug="boiler", body="Boiler text.", **meta):
    meta.setdefault("title", slug.title())
    meta.setdefault("date", "2024-01-02 10:00")
    site.article(slug, body, **meta)


# --- robots.txt -----------------------------------------------------------


def test_default_policy_is_todays_robots_txt(site):
    _article(site)
    out = site.build()
    assert (out / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n"
    )


def groups(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    agent = None
    for line in text.splitlines():
        if line.startswith("User-agent:"):
            agent = line.split(":", 1)[1].strip()
            found[agent] = []
        elif line.startswith(("Allow:", "Disallow:")) and agent:
            found[agent].append(line)
    return found


def test_search_only_blocks_training_crawlers_and_keeps_answer_engines(site):
    _article(site)
    out = site.build(PULLMARKETING_ROBOTS="search-only")
    text = (out / "robots.txt").read_text()
    rules = groups(text)
    assert rules["*"] == ["Allow: /"]
    for name in (
        "GPTBot",
        "ClaudeBot",
        "CCBot",
        "Google-Extended",
        "Applebot-Extended",
    ):
        assert rules[name] == ["Disallow: /"], name
    for name in ("OAI-SearchBot", "Claude-SearchBot", "PerplexityBot", "Googlebot"):
        assert name not in rules  # read under "*"
    assert text.endswith("\nSitemap: https://example.com/sitemap.xml\n")


def test_block_ai_blocks_every_ai_crawler_but_not_search_engines(site):
    _article(site)
    out = site.build(PULLMARKETING_ROBOTS="block-ai")
    rules = groups((out / "robots.txt").read_text())
    assert rules["OAI-SearchBot"] == ["Disallow: /"]
    assert rules["GPTBot"] == ["Disallow: /"]
    assert "Googlebot" not in rules and "bingbot" not in rules


def test_explicit_rules(site):
    _article(site)
    out = site.build(
        PULLMARKETING_ROBOTS={
            "*": ["/drafts/"],
            "GPTBot": "disallow",
            "OAI-SearchBot": "allow",
        }
    )
    text = (out / "robots.txt").read_text()
    assert text.startswith("User-agent: *\nDisallow: /drafts/\n\n")
    rules = groups(text)
    assert rules["GPTBot"] == ["Disallow: /"]
    assert rules["OAI-SearchBot"] == ["Allow: /"]


def test_every_agent_has_its_vendors_documentation():
    names = [a.name for a in robots.AGENTS]
    assert len(names) == len(set(names))
    for agent in robots.AGENTS:
        assert agent.role in ("search", "training")
        assert agent.docs.startswith("https://")


@pytest.mark.parametrize(
    "bad",
    ["allow-some", {"GPTBot": "maybe"}, {"Bad\nAgent": "allow"}, {"*": ["no-slash"]}],
)
def test_a_wrong_policy_stops_the_build_naming_the_setting(site, bad, caplog):
    _article(site)
    with pytest.raises(SystemExit):
        site.build(PULLMARKETING_ROBOTS=bad)
    assert "PULLMARKETING_ROBOTS" in caplog.text


def test_a_robots_file_of_the_site_is_kept_and_the_policy_not_applied_said(
    site, caplog
):
    _article(site)
    site.write("extra/robots.txt", "User-agent: *\nDisallow: /private/\n")
    out = site.build(
        PULLMARKETING_ROBOTS="search-only",
        STATIC_PATHS=["extra/robots.txt"],
        EXTRA_PATH_METADATA={"extra/robots.txt": {"path": "robots.txt"}},
    )
    assert (
        (out / "robots.txt")
        .read_text()
        .startswith("User-agent: *\nDisallow: /private/\n")
    )
    assert "GPTBot" not in (out / "robots.txt").read_text()
    assert "was not applied" in caplog.text


# --- verification tags ----------------------------------------------------

CODES = {
    "google": "g-code_123",
    "bing": "B1NG",
    "yandex": "ya1",
    "pinterest": "pin2",
    "facebook_domain": "fb3",
}
NAMES = {
    "google-site-verification": "g-code_123",
    "msvalidate.01": "B1NG",
    "yandex-verification": "ya1",
    "p:domain_verify": "pin2",
    "facebook-domain-verification": "fb3",
}


def metas(path: Path) -> dict[str, list[str]]:
    tree = html5lib.parse(path.read_text(), namespaceHTMLElements=False)
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        if el.get("name"):
            found.setdefault(el.get("name"), []).append(el.get("content"))
    return found


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_verification_tags_on_the_home_page_only(site, theme):
    _article(site)
    site.page("about", "About.", title="About")
    out = site.build(THEME=THEMES[theme], PULLMARKETING_VERIFICATION=CODES)
    home = metas(out / "index.html")
    for name, code in NAMES.items():
        assert home.get(name) == [code], (theme, name)
    for other in ("boiler.html", "pages/about.html"):
        assert not set(NAMES) & set(metas(out / other)), (theme, other)


def test_a_theme_that_writes_a_verification_tag_keeps_it_alone(site):
    _article(site)
    overrides = site.root / "overrides"
    overrides.mkdir()
    (overrides / "base.html").write_text(
        '{% extends "!simple/base.html" %}{% block head %}{{ super() }}'
        '<meta name="google-site-verification" content="theirs">{% endblock %}'
    )
    out = site.build(
        THEME="simple",
        THEME_TEMPLATES_OVERRIDES=[str(overrides)],
        PULLMARKETING_VERIFICATION={"google": "ours"},
    )
    assert metas(out / "index.html")["google-site-verification"] == ["theirs"]


def test_an_unknown_engine_gets_did_you_mean(site, caplog):
    _article(site)
    with pytest.raises(SystemExit):
        site.build(PULLMARKETING_VERIFICATION={"gogle": "x"})
    assert "PULLMARKETING_VERIFICATION" in caplog.text
    assert "did you mean 'google'" in caplog.text


# --- image sitemap --------------------------------------------------------


def sitemap_images(out: Path) -> dict[str, list[str]]:
    from lxml import etree

    root = etree.parse(str(out / "sitemap.xml")).getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "i": IMAGE_NS}
    return {
        url.findtext("s:loc", namespaces=ns): [
            i.text for i in url.findall("i:image/i:loc", namespaces=ns)
        ]
        for url in root.findall("s:url", namespaces=ns)
    }


def test_each_page_lists_its_images_once_as_absolute_urls(site):
    site.write("images/boiler.png", png(1200, 630))
    site.write("images/valve.png", png(40, 40))
    _article(
        site,
        body=(
            "![A valve]({static}/images/valve.png)\n\n"
            "![Again]({static}/images/valve.png)\n\n"
            "![Remote](https://cdn.example.org/photo.jpg)\n\n"
            "![Inline](data:image/png;base64,AAAA)\n"
        ),
        image="{static}/images/boiler.png",
    )
    _article(site, "plain", "No pictures here.")
    out = site.build(RELATIVE_URLS=True)
    images = sitemap_images(out)
    assert images["https://example.com/boiler.html"] == [
        "https://example.com/images/boiler.png",
        "https://example.com/images/valve.png",
        "https://cdn.example.org/photo.jpg",
    ]
    # A page without an image of its own shares its card: listed too.
    assert images["https://example.com/plain.html"] == [
        "https://example.com/plain/share.png"
    ]


def test_an_image_address_urllib_refuses_is_left_out_not_a_traceback(site):
    # urljoin raises ValueError("Invalid IPv6 URL") on an unclosed bracket.
    _article(
        site,
        body='<img src="http://[broken/a.png" alt="x">\n\n'
        "![Remote](https://cdn.example.org/photo.jpg)\n",
    )
    _article(site, "odd-image", image="http://[broken/a.png")
    out = site.build(RELATIVE_URLS=True)
    images = sitemap_images(out)
    assert images["https://example.com/boiler.html"] == [
        "https://example.com/boiler/share.png",
        "https://cdn.example.org/photo.jpg",
    ]
    # An image metadata urllib refuses: the page's own (no card), as written.
    assert images["https://example.com/odd-image.html"] == []
    assert 'content="http://[broken/a.png"' in site.read("odd-image.html")


def test_the_share_card_is_listed_where_it_is_the_pages_image(site):
    site.write("images/boiler.png", png(1200, 630))
    _article(site, image="{static}/images/boiler.png")
    _article(site, "plain", "No pictures here.")
    out = site.build(PULLMARKETING_SHARE_CARDS="all")
    images = sitemap_images(out)
    assert images["https://example.com/boiler.html"] == [
        "https://example.com/boiler/share.png",
        "https://example.com/images/boiler.png",
    ]
    assert images["https://example.com/plain.html"] == [
        "https://example.com/plain/share.png"
    ]
    assert (out / "plain" / "share.png").is_file()
    out = site.build(PULLMARKETING_SHARE_CARDS=None)
    images = sitemap_images(out)
    assert images["https://example.com/boiler.html"] == [
        "https://example.com/images/boiler.png"
    ]
    assert images["https://example.com/plain.html"] == []


def test_a_site_without_images_gets_the_same_sitemap_as_before(site):
    _article(site)
    out = site.build(PULLMARKETING_SHARE_CARDS=None)  # no card: no image at all
    text = (out / "sitemap.xml").read_text()
    assert "image" not in text
    assert text.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    )


# --- lastmod from git -----------------------------------------------------


def git(folder: Path, *args: str, date: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(
        ["git", "-C", str(folder), *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout


def lastmods(out: Path) -> dict[str, str]:
    text = (out / "sitemap.xml").read_text()
    return dict(re.findall(r"<loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", text))


def jsonld_modified(path: Path) -> str | None:
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', path.read_text(), re.S
    ):
        for node in json.loads(block).get("@graph", []):
            if "dateModified" in node and node.get("@type") == "BlogPosting":
                return node["dateModified"]
    return None


@pytest.fixture
def dated_blog(site):
    _article(site, "old", date="2024-01-02 10:00")
    _article(site, "edited", date="2024-01-03 10:00")
    _article(site, "stated", date="2024-01-04 10:00", modified="2024-02-01 10:00")
    git(site.root, "init", "-q")
    git(site.root, "add", ".")
    git(site.root, "commit", "-qm", "first", date="2024-01-05T12:00:00+00:00")
    path = site.content / "edited.md"
    path.write_text(path.read_text() + "\nMore.\n")
    (site.content / "stated.md").write_text(
        (site.content / "stated.md").read_text() + "\nMore.\n"
    )
    git(site.root, "commit", "-qam", "second", date="2024-03-09T08:30:00+00:00")
    return site


def test_lastmod_from_git_dates_each_document_by_its_last_commit(dated_blog, caplog):
    out = dated_blog.build(PULLMARKETING_LASTMOD_FROM_GIT=True, TIMEZONE="UTC")
    mods = lastmods(out)
    assert mods["https://example.com/edited.html"] == "2024-03-09T08:30:00+00:00"
    assert mods["https://example.com/old.html"] == "2024-01-05T12:00:00+00:00"
    # Its own modified metadata wins over git.
    assert mods["https://example.com/stated.html"] == "2024-02-01T10:00:00+00:00"
    # The home page lists them: the newest of its entries.
    assert mods["https://example.com/"] == "2024-03-09T08:30:00+00:00"
    assert jsonld_modified(out / "edited.html") == "2024-03-09T08:30:00+00:00"
    assert (
        'property="article:modified_time" content="2024-03-09T08:30:00+00:00"'
        in (out / "edited.html").read_text()
    )


def test_lastmod_without_git_is_the_documents_dates(dated_blog):
    out = dated_blog.build(TIMEZONE="UTC")
    mods = lastmods(out)
    assert mods["https://example.com/edited.html"] == "2024-01-03T10:00:00+00:00"


def test_a_shallow_clone_says_so_once_and_falls_back(dated_blog, tmp_path, caplog):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{dated_blog.root}", str(clone)],
        check=True,
    )
    out = dated_blog.build(
        PULLMARKETING_LASTMOD_FROM_GIT=True,
        TIMEZONE="UTC",
        PATH=str(clone / "content"),
    )
    assert (
        lastmods(out)["https://example.com/edited.html"] == "2024-01-03T10:00:00+00:00"
    )
    assert caplog.text.count("shallow clone") == 1


# --- only live structured data -------------------------------------------

# Types Google still shows results for, or that schema.org consumers read.
LIVE_TYPES = {
    "WebSite",
    "Organization",
    "LocalBusiness",
    "Person",
    "BlogPosting",
    "WebPage",
    "CollectionPage",
    "ItemList",
    "ListItem",
    "BreadcrumbList",
    "DigitalDocument",
    "ImageObject",
    # An article's conversation: its replies (``comment``) and its counts
    # (``interactionStatistic``), the types of Google's discussion-forum
    # structured data.
    "Comment",
    "InteractionCounter",
}
RETIRED = {"FAQPage", "HowTo", "SearchAction", "Review", "AggregateRating"}


def _types(value, found: set) -> None:
    if isinstance(value, dict):
        kind = value.get("@type")
        for k in kind if isinstance(kind, list) else [kind]:
            if k:
                found.add(k)
        for v in value.values():
            _types(v, found)
    elif isinstance(value, list):
        for v in value:
            _types(v, found)


@pytest.fixture
def sample_output(tmp_path, monkeypatch):
    """The sample site built as published, every feature on (its own
    pelicanconf, never another test's module of that name)."""
    from pelican import Pelican
    from tests.blogs import blog_settings
    from tests.conftest import SAMPLE_SITE

    monkeypatch.chdir(SAMPLE_SITE)
    settings = blog_settings(
        SAMPLE_SITE,
        "publishconf.py",
        OUTPUT_PATH=str(tmp_path / "out"),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
        PULLMARKETING_GATE_SECRET="test-secret",
    )
    Pelican(settings).run()
    return tmp_path / "out"


def test_only_live_structured_data_types(sample_output):
    found: set[str] = set()
    for page in sample_output.rglob("*.html"):
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>',
            page.read_text(encoding="utf-8"),
            re.S,
        ):
            _types(json.loads(block), found)
    assert found, "no JSON-LD found"
    assert not found & RETIRED
    assert found <= LIVE_TYPES | _local_business_types(), found - LIVE_TYPES


def _local_business_types() -> set[str]:
    """The firm's node (PULLMARKETING_BUSINESS): a LocalBusiness subtype or
    Organization, with the nested types local search reads."""
    from pelican_pullmarketing.business.types import BUSINESS_TYPES

    nested = {"PostalAddress", "GeoCoordinates", "OpeningHoursSpecification"}
    return set(BUSINESS_TYPES) | nested


# --- pullmarketing check --------------------------------------------------


def test_check_reports_each(site, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pelican_pullmarketing.cli import main

    monkeypatch.delenv("PULLMARKETING_INDEXNOW_KEY", raising=False)
    _article(site)
    key = "0123456789abcdef"
    site.build(PULLMARKETING_INDEXNOW_KEY=key)
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        f"PATH = {str(site.content)!r}\nOUTPUT_PATH = {str(site.output)!r}\n"
        "SITEURL = 'https://example.com'\nSITENAME = 'Firm'\nTIMEZONE = 'UTC'\n"
        "PLUGINS = ['pelican_pullmarketing']\n"
        f"PULLMARKETING_INDEXNOW_KEY = {key!r}\n"
        "PULLMARKETING_VERIFICATION = {'bing': 'B', 'google': 'G'}\n"
        "PULLMARKETING_ROBOTS = 'search-only'\n"
        "PULLMARKETING_LASTMOD_FROM_GIT = True\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--settings", str(conf)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("seo: ")]
    assert lines[0] == (
        f"seo: IndexNow: key set in the settings; {key}.txt written by the last build"
    )
    assert lines[1] == "seo: verification tags: google, bing (home page)"
    assert lines[2].startswith(
        "seo: robots.txt policy: search-only; disallowed: GPTBot"
    )
    assert lines[3].startswith(
        "seo: lastmod: from git asked, but the content is not in a git"
    )
