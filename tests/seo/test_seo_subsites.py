"""A bilingual blog built with i18n_subsites (tests/blogs/bilingual_subsites:
English at the root, French as a subsite under /fr/, its own theme with
gettext catalogues, or the bundled theme), with the real plugin from PyPI
listed before or after ours.

Each language's site gets its own complete search metadata: every page one
canonical link, one og:locale and one set of hreflang alternates pointing
both ways between a page and its translation, in its own language and
under its own site's URL; its own feeds and subscribe page. What crawlers
read only at the host's root is written once, there: robots.txt naming one
sitemap that lists the pages of both languages.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import html5lib
import pytest
from lxml import etree

from pelican_pullmarketing import build, theme_path
from pelican_pullmarketing import i18n as package_i18n
from tests.blogs import build_blog, copy_blog

subsites = pytest.importorskip(
    "pelican.plugins.i18n_subsites.i18n_subsites",
    reason="pelican-i18n-subsites (the test extra) is not installed",
)

SITEURL = "https://velo-mile-end.example"
LOCALES = {"en": "en_CA", "fr": "fr_CA"}
# Each translated document: its page in each language.
PAIRS = [
    {"en": "2024/tubeless-setup/", "fr": "fr/2024/tubeless-setup/"},
    {"en": "2024/winter-chain-care/", "fr": "fr/2024/winter-chain-care/"},
    {"en": "about/", "fr": "fr/about/"},
]
ONLY_ONE_LANGUAGE = {
    "2025/hydraulic-brake-bleed/": "en",
    "fr/2025/velo-cargo-subvention/": "fr",
}
THEMES = {
    "atelier": {},
    # The bundled theme: i18n_subsites finds its words in the package's
    # catalogues (docs/i18n.md).
    "bundled": {
        "THEME": theme_path(),
        "I18N_GETTEXT_LOCALEDIR": package_i18n.LOCALE_DIR,
        "I18N_GETTEXT_DOMAIN": package_i18n.DOMAIN,
    },
}
ORDERS = {
    "i18n_subsites first": ["i18n_subsites", "pelican_pullmarketing"],
    "ours first": ["pelican_pullmarketing", "i18n_subsites"],
}


def forget_i18n_subsites() -> None:
    """i18n_subsites keeps its sites in module globals until a run ends;
    a run that stopped half-way (another test's) must not leave them."""
    subsites._MAIN_SETTINGS = None


@pytest.fixture(scope="module", params=[(t, o) for t in THEMES for o in ORDERS])
def built(request, tmp_path_factory):
    theme, order = request.param
    base = tmp_path_factory.mktemp(f"subsites-{theme}")
    blog = copy_blog("bilingual_subsites", base)
    forget_i18n_subsites()
    try:
        out = build_blog(blog, "publishconf.py", PLUGINS=ORDERS[order], **THEMES[theme])
    finally:
        forget_i18n_subsites()
    assert build.current() is None
    return out


def parse(path: Path):
    return html5lib.parse(
        path.read_text(encoding="utf-8"),
        treebuilder="lxml",
        namespaceHTMLElements=False,
    )


def resolved(url: str) -> str:
    """``url`` as a crawler resolves it (a theme may write
    ``/fr/../2024/x/`` for the English page, as Pelican's own themes do)."""
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path) if parts.path else "/"
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit(parts._replace(path=path))


def url_of(rel: str) -> str:
    rel = rel.removesuffix("index.html")
    return f"{SITEURL}/{rel}"


def language_of(rel: str) -> str:
    return "fr" if rel.startswith("fr/") else "en"


def pages(out: Path) -> list[str]:
    """Every page a visitor or crawler reaches (drafts: the other
    language's articles i18n_subsites hides; theme files)."""
    found = []
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        if "drafts" in rel.split("/") or rel.startswith(("theme/", "fr/theme/")):
            continue
        found.append(rel)
    return sorted(found)


def head_of(out: Path, rel: str) -> dict:
    tree = parse(out / rel)
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name")
        metas.setdefault(key, []).append(meta.get("content"))
    alternates: dict[str, list[str]] = {}
    for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]"):
        alternates.setdefault(link.get("hreflang"), []).append(
            resolved(link.get("href"))
        )
    nodes = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        data = json.loads(script.text)
        nodes += data.get("@graph", [data])
    return {
        "lang": tree.getroot().get("lang"),
        "canonical": [
            link.get("href") for link in tree.xpath("//link[@rel='canonical']")
        ],
        "metas": metas,
        "alternates": alternates,
        "in_language": {n.get("inLanguage") for n in nodes if n.get("inLanguage")},
    }


def test_both_languages_are_built_with_search_metadata(built):
    rels = pages(built)
    assert "index.html" in rels and "fr/index.html" in rels
    for pair in PAIRS:
        for rel in pair.values():
            assert f"{rel}index.html" in rels
    missing = [rel for rel in rels if len(head_of(built, rel)["canonical"]) != 1]
    assert not missing, f"pages without exactly one canonical link: {missing}"


def test_every_page_has_one_canonical_og_locale_and_language_of_its_site(built):
    problems = []
    for rel in pages(built):
        head = head_of(built, rel)
        lang = language_of(rel)
        if head["canonical"] != [url_of(rel)]:
            problems.append(f"{rel}: canonical {head['canonical']}")
        if head["metas"].get("og:url") != [url_of(rel)]:
            problems.append(f"{rel}: og:url {head['metas'].get('og:url')}")
        if head["metas"].get("og:locale") != [LOCALES[lang]]:
            problems.append(f"{rel}: og:locale {head['metas'].get('og:locale')}")
        if head["lang"] != lang:
            problems.append(f"{rel}: <html lang={head['lang']!r}>")
        if head["in_language"] != {lang}:
            problems.append(f"{rel}: JSON-LD inLanguage {head['in_language']}")
    assert not problems, "\n".join(problems)


def test_translations_name_each_other_once_across_the_two_sites(built):
    problems = []
    for pair in PAIRS:
        expected = {lang: [url_of(rel)] for lang, rel in pair.items()}
        for lang, rel in pair.items():
            head = head_of(built, rel + "index.html")
            if head["alternates"] != expected:
                problems.append(f"{rel}: hreflang {head['alternates']}")
            other = LOCALES["fr" if lang == "en" else "en"]
            if head["metas"].get("og:locale:alternate") != [other]:
                problems.append(
                    f"{rel}: og:locale:alternate {head['metas'].get('og:locale:alternate')}"
                )
    for rel in ONLY_ONE_LANGUAGE:
        head = head_of(built, rel + "index.html")
        if head["alternates"] or "og:locale:alternate" in head["metas"]:
            problems.append(f"{rel}: alternates of a page without translation")
    assert not problems, "\n".join(problems)


def test_one_robots_txt_and_one_sitemap_at_the_root_for_both_languages(built):
    assert not (built / "fr" / "robots.txt").exists()
    assert not (built / "fr" / "sitemap.xml").exists()
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert [line for line in robots.splitlines() if line.startswith("Sitemap:")] == [
        f"Sitemap: {SITEURL}/sitemap.xml"
    ]
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = etree.parse(str(built / "sitemap.xml")).getroot()
    assert root.tag == f"{ns}urlset"
    locs = [loc.text for loc in root.iter(f"{ns}loc")]
    assert len(locs) == len(set(locs))
    assert sorted(locs) == sorted(url_of(rel) for rel in pages(built))
    for pair in PAIRS:
        for rel in pair.values():
            assert url_of(rel) in locs
    assert not [loc for loc in locs if "/drafts/" in loc]


def feed_links(out: Path, rel: str) -> list[str]:
    """The site's feed and OPML URLs a page links to (in its head or text)."""
    tree = parse(out / rel)
    hrefs = [a.get("href") or "" for a in tree.iter("a", "link")]
    return [
        h
        for h in hrefs
        if h.startswith(SITEURL) and h.endswith((".xml", ".json", ".opml"))
    ]


def test_each_site_has_its_own_feeds_and_subscribe_page(built):
    english = feed_links(built, "subscribe/index.html")
    french = feed_links(built, "fr/subscribe/index.html")
    assert english and not [f for f in english if f.startswith(f"{SITEURL}/fr/")]
    assert french and all(f.startswith(f"{SITEURL}/fr/") for f in french)
    opml = etree.parse(str(built / "fr" / "subscribe" / "topics.opml")).getroot()
    feeds = [o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")]
    assert feeds and all(f.startswith(f"{SITEURL}/fr/") for f in feeds)
    titles = " | ".join(o.get("text") or "" for o in opml.iter("outline"))
    for category in ("Réparations", "Entretien", "Actualités"):
        assert category in titles
    assert "Repairs" not in titles
    opml = etree.parse(str(built / "subscribe" / "topics.opml")).getroot()
    feeds = [o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")]
    assert feeds and not [f for f in feeds if "/fr/" in f]
    for rel in ("subscribe/index.html", "fr/subscribe/index.html"):
        assert head_of(built, rel)["lang"] == language_of(rel)


def test_each_run_of_pelican_autoreload_rebuilds_both_languages(tmp_path):
    """``pelican --autoreload``: one Pelican runs the blog again after a
    change; the second run writes both languages' metadata and the root
    sitemap afresh, with the change."""
    from pelican.settings import read_settings

    from pelican import Pelican
    from tests.blogs import _inside
    from tests.conftest import disconnect_signals

    blog = copy_blog("bilingual_subsites", tmp_path)
    out = tmp_path / "output"
    forget_i18n_subsites()
    disconnect_signals()
    try:
        with _inside(blog):
            settings = read_settings(
                str(blog / "publishconf.py"),
                override={"OUTPUT_PATH": str(out), "PLUGINS": ORDERS["ours first"]},
            )
            pelican = Pelican(settings)
            pelican.run()
            new = blog / "content" / "articles" / "freins-a-disque.md"
            new.write_text(
                "Title: Purger des freins à disque\nDate: 2025-05-01 10:00\n"
                "Category: Réparations\nSlug: freins-a-disque\nLang: fr\n\n"
                "Un levier spongieux : il y a de l'air dans le circuit.\n",
                encoding="utf-8",
            )
            pelican.run()
    finally:
        disconnect_signals()
        forget_i18n_subsites()
    assert build.current() is None
    rel = "fr/2025/freins-a-disque/index.html"
    head = head_of(out, rel)
    assert head["canonical"] == [url_of(rel)]
    assert head["metas"].get("og:locale") == ["fr_CA"]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert url_of(rel) in sitemap and url_of("2024/tubeless-setup/") in sitemap
    assert not (out / "fr" / "sitemap.xml").exists()
