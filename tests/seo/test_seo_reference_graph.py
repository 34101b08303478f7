"""Every JSON-LD block of every page of the sample site and of the hostile
corpus (tests/hostile/corpus.py, in three themes) is, once parsed, the graph
a plain-dict model of the page builds.

The model below is written from the schema.org rules the feature documents
(seo/jsonld.py's docstring, docs/seo.md), not from the builders: it takes
what the page is (the ``PageInfo`` the head renderer describes it with, and
the image file it resolved) and the settings, and writes each node as a dict;
where a page's share card is its image, the model places the card itself.
The builders, their per-build caches and the writer must agree with it on
every page."""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

import pytest

import pelican_pullmarketing
from pelican_pullmarketing import metadata, text
from pelican_pullmarketing.seo import head, inject, jsonld
from pelican_pullmarketing.seo.images import resolve
from tests.conftest import SiteBuilder, disconnect_signals
from tests.hostile.corpus import HOSTILE, write_blog

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SITE = ROOT / "sample_site"
LIST_KINDS = {
    "index",
    "category",
    "tag",
    "author",
    "archives",
    "period_archives",
    "tags",
    "categories",
    "authors",
    "topic",
}
_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


# The model ------------------------------------------------------------------


def pruned(value):
    """Unknown values are left out, never written empty."""
    if isinstance(value, dict):
        kept = {k: pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        kept = [pruned(v) for v in value]
        return [v for v in kept if v not in (None, "", [], {})]
    return value


class Card(NamedTuple):
    url: str
    width: int
    height: int


class Model:
    """The graph of one page, from what the page is and the settings."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.siteurl = (settings.get("SITEURL") or "").rstrip("/")
        self.home = self.url("")

    def url(self, path: str | None) -> str | None:
        if path is None:
            return None
        if re.match(r"[a-z][a-z0-9+.-]*://", path):
            return path
        if not self.siteurl:
            return None
        return urljoin(self.siteurl + "/", path.lstrip("/"))

    @staticmethod
    def site_path(url: str | None) -> str:
        url = (url or "").lstrip("/")
        return url[: -len("index.html")] if url.endswith("index.html") else url

    def image(self, image) -> dict | None:
        url = self.url(image.url) if image is not None else None
        if not url:
            return None
        return {
            "@type": "ImageObject",
            "url": url,
            "width": image.width,
            "height": image.height,
        }

    def card_path(self, info) -> str:
        """Where the page's share card is written (docs/share-cards.md):
        ``PULLMARKETING_SHARE_CARD_SAVE_AS`` with ``{url}`` the page's URL as
        a folder (``a/b.html`` and ``a/b/index.html`` are ``a/b/``)."""
        doc = info.doc
        url = (getattr(doc, "url", None) if doc is not None else None) or info.path
        url = url.lstrip("/")
        if url.endswith("index.html"):
            url = url[: -len("index.html")]
        elif url.endswith(".html"):
            url = url[: -len(".html")] + "/"
        if url and not url.endswith("/"):
            url += "/"
        save_as = self.settings.get("PULLMARKETING_SHARE_CARD_SAVE_AS")
        slug = getattr(doc, "slug", None) or getattr(info.topic, "slug", "")
        return save_as.format(url=url, slug=slug, lang=info.lang)

    def has_card(self, info) -> bool:
        """Articles, pages and topic hubs share a card: with ``"all"`` always,
        with ``"missing"`` when they have no image nor paper cover of their own."""
        mode = self.settings.get("PULLMARKETING_SHARE_CARDS")
        if mode is None or info.kind not in ("article", "page", "topic"):
            return False
        own = (metadata.value(info.doc, "image") if info.doc is not None else None) or (
            getattr(info.gate, "cover", None) if info.gate is not None else None
        )
        return mode == "all" or not own

    def share_image(self, info, chosen):
        """The page's image: its card where it has one (1200x630), else the
        image the head renderer resolved (files are not modelled here)."""
        if self.has_card(info):
            return Card(self.card_path(info), 1200, 630)
        assert chosen is None or chosen.url != self.card_path(info), info
        return chosen

    def id(self, url: str | None, name: str) -> str | None:
        return f"{url}#{name}" if url else None

    def publisher(self, static_content) -> dict:
        firm = self.settings.get("PULLMARKETING_BUSINESS")
        if firm:
            return self.business(firm, static_content)
        given = self.settings.get("PULLMARKETING_PUBLISHER") or {}
        kind = given.get("type") or "Organization"
        logo = resolve(given.get("logo"), self.settings, static_content)
        return pruned(
            {
                "@type": kind,
                "@id": self.id(self.home, "publisher"),
                "name": given.get("name")
                or text.plain_text(self.settings.get("SITENAME") or ""),
                "url": self.url(given.get("url") or ""),
                "image" if kind == "Person" else "logo": self.image(logo),
                "sameAs": list(given.get("same_as") or []),
            }
        )

    # The firm (docs/business.md): a LocalBusiness subtype, or an
    # Organization, which schema.org does not make a Place.
    DAYS = {
        "Mo": "Monday",
        "Tu": "Tuesday",
        "We": "Wednesday",
        "Th": "Thursday",
        "Fr": "Friday",
        "Sa": "Saturday",
        "Su": "Sunday",
    }
    PLACE_ONLY = ("geo", "openingHoursSpecification", "priceRange")

    def business(self, firm: dict, static_content) -> dict:
        logo = self.image(resolve(firm.get("logo"), self.settings, static_content))
        picture = self.image(resolve(firm.get("image"), self.settings, static_content))
        address, geo = firm.get("address"), firm.get("geo")
        node = {
            "@type": firm["type"],
            "@id": self.id(self.home, "publisher"),
            "name": firm["name"],
            "url": self.home,
            "logo": logo,
            "image": picture or logo,
            "telephone": firm.get("telephone"),
            "email": firm.get("email"),
            "address": address
            and {
                "@type": "PostalAddress",
                "streetAddress": address["street"],
                "addressLocality": address["locality"],
                "addressRegion": address.get("region"),
                "postalCode": address["postcode"],
                "addressCountry": address["country"],
            },
            "geo": geo
            and {
                "@type": "GeoCoordinates",
                "latitude": geo["latitude"],
                "longitude": geo["longitude"],
            },
            "areaServed": list(firm.get("area_served") or []),
            "openingHoursSpecification": [
                self.opening_hours(line) for line in firm.get("opening_hours") or []
            ],
            "priceRange": firm.get("price_range"),
            "sameAs": list(firm.get("same_as") or []),
        }
        if firm["type"] == "Organization":
            for key in self.PLACE_ONLY:
                del node[key]
        return pruned(node)

    def opening_hours(self, line: str) -> dict:
        """``Mo-Fr 08:00-18:00``, ``Mo,We 09:00-12:00``."""
        days, hours = line.split()
        codes = list(self.DAYS)
        names = []
        for part in days.split(","):
            first, _, last = part.partition("-")
            span = codes[codes.index(first) : codes.index(last or first) + 1]
            names += [self.DAYS[code] for code in span]
        opens, closes = hours.split("-")
        return {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": names,
            "opens": opens,
            "closes": closes,
        }

    def publisher_ref(self, publisher: dict) -> dict:
        return {"@id": publisher["@id"]} if "@id" in publisher else publisher

    def website_ref(self) -> dict | None:
        return {"@id": self.id(self.home, "website")} if self.home else None

    def canonical(self, info) -> str | None:
        given = metadata.value(info.doc, "canonical") if info.doc is not None else None
        if given:
            return given
        if info.canonical_path is not None:
            return self.url(info.canonical_path)
        return self.url(info.path)

    def graph(self, info, image, static_content) -> list[dict]:
        publisher = self.publisher(static_content)
        canonical = self.canonical(info)
        nodes = []
        if info.kind == "index" and info.number == 1:
            nodes.append(
                {
                    "@type": "WebSite",
                    "@id": self.id(self.home, "website"),
                    "url": self.home,
                    "name": text.plain_text(self.settings.get("SITENAME") or ""),
                    "description": info.description,
                    "inLanguage": info.lang,
                    "publisher": self.publisher_ref(publisher),
                }
            )
            nodes.append(publisher)
        if info.kind == "article":
            nodes.append(self.article(info, canonical, image, publisher))
            nodes.append(publisher)
        else:
            nodes.append(self.web_page(info, canonical, image, static_content))
            # A firm is on every page: local search reads any of them.
            home = info.kind == "index" and info.number == 1
            if self.settings.get("PULLMARKETING_BUSINESS") and not home:
                nodes.append(publisher)
        if len(info.crumbs) >= 2:
            nodes.append(self.breadcrumbs(info, canonical))
        return pruned(nodes)

    def article(self, info, canonical, image, publisher) -> dict:
        doc = info.doc
        words, seen = [], set()
        for word in [*info.tag_names, *metadata.value(doc, "focus_keywords")]:
            if word and word.lower() not in seen:
                seen.add(word.lower())
                words.append(word)
        topic = info.topic
        part_of = self.website_ref()
        if topic is not None and getattr(topic, "url", None):
            hub = self.url(self.site_path(topic.url))
            if hub:
                part_of = {
                    "@type": "CollectionPage",
                    "@id": hub + "#webpage",
                    "url": hub,
                    "name": text.field_text(str(topic.title)),
                }
        headline = info.title
        if len(headline) > 110:
            headline = text.truncate(headline, 110)
        return {
            "@type": "BlogPosting",
            "@id": self.id(canonical, "article"),
            "headline": headline,
            "description": info.description,
            "image": self.image(image),
            "datePublished": info.published_iso,
            "dateModified": info.modified_iso,
            "author": self.authors(doc, publisher),
            "publisher": self.publisher_ref(publisher),
            "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
            "url": canonical,
            "inLanguage": info.lang,
            "articleSection": info.section,
            "keywords": ", ".join(words),
            "isPartOf": part_of,
            "about": self.paper(info) if info.gate is not None else None,
            **self.conversation(info),
        }

    def conversation(self, info) -> dict:
        """``comment`` and ``interactionStatistic`` of an article the site's
        conversation file has a record for (docs/conversation.md): a
        ``Comment`` per reply or mention shown (neither withdrawn nor hidden
        by its URL or its author's), in the file's order, its text the
        reply's visible text; counters of the replies shown, the likes and
        reposts the copies report plus the webmentions of those kinds."""
        record = self.conversation_records().get(
            Path(info.doc.source_path)
            .relative_to(Path(self.settings["PATH"]).resolve())
            .as_posix()
        )
        if not record:
            return {}
        hidden = {
            u.rstrip("/").lower()
            for u in self.settings.get("PULLMARKETING_CONVERSATION_HIDE") or ()
        }

        def shown(entry) -> bool:
            urls = (entry.get("url"), (entry.get("author") or {}).get("url"))
            return not entry.get("removed") and not any(
                (u or "").rstrip("/").lower() in hidden for u in urls
            )

        entries = [e for e in record.get("entries") or () if shown(e)]
        replies = [e for e in entries if e["kind"] in ("reply", "mention")]
        likes = reposts = 0
        for copy in (record.get("copies") or {}).values():
            if copy.get("platform") != "webmention":
                likes += (copy.get("counts") or {}).get("likes") or 0
                reposts += (copy.get("counts") or {}).get("reposts") or 0
        for entry in entries:
            if entry["platform"] == "webmention":
                likes += entry["kind"] == "like"
                reposts += entry["kind"] == "repost"
        comments = []
        for entry in replies:
            words = re.sub(r"<[^>]*>", " ", entry.get("html") or "")
            body = " ".join(html_module.unescape(words).split())
            comments.append(
                {
                    "@type": "Comment",
                    "url": entry.get("url"),
                    "text": body if len(body) <= 500 else text.truncate(body, 500),
                    "dateCreated": entry.get("published"),
                    "author": {
                        "@type": "Person",
                        "name": text.field_text(entry["author"]["name"]),
                        "url": entry["author"].get("url"),
                    },
                }
            )
        counters = [
            {
                "@type": "InteractionCounter",
                "interactionType": f"https://schema.org/{kind}",
                "userInteractionCount": count,
            }
            for kind, count in (
                ("CommentAction", len(replies)),
                ("LikeAction", likes),
                ("ShareAction", reposts),
            )
            if count
        ]
        return {"comment": comments, "interactionStatistic": counters}

    def conversation_records(self) -> dict:
        if not hasattr(self, "_records"):
            path = Path(self.settings.get("PULLMARKETING_CONVERSATION_FILE") or "")
            self._records = (
                json.loads(path.read_text(encoding="utf-8"))["articles"]
                if path.is_file()
                else {}
            )
        return self._records

    def authors(self, doc, publisher: dict) -> list[dict]:
        people = []
        for author in getattr(doc, "authors", None) or []:
            page = None
            if self.settings.get("AUTHOR_SAVE_AS"):
                page = self.url(self.site_path(author.url))
            people.append(
                {
                    "@type": "Person",
                    "name": text.field_text(str(author)),
                    "url": page or publisher.get("url"),
                }
            )
        return people or [
            {
                "@type": publisher["@type"],
                "name": publisher.get("name"),
                "url": publisher.get("url"),
            }
        ]

    def web_page(self, info, canonical, image, static_content) -> dict:
        listing = info.kind in LIST_KINDS
        node = {
            "@type": "CollectionPage" if listing else "WebPage",
            "@id": self.id(canonical, "webpage"),
            "url": canonical,
            "name": info.title,
            "description": info.description,
            "inLanguage": info.lang,
            "isPartOf": self.website_ref(),
        }
        if info.doc is not None:
            node["primaryImageOfPage"] = self.image(image)
            node["datePublished"] = info.published_iso
            node["dateModified"] = info.modified_iso
        if info.crumbs and canonical:
            node["breadcrumb"] = {"@id": canonical + "#breadcrumb"}
        if listing and info.items:
            node["mainEntity"] = self.item_list(info)
        if info.gate is not None and info.kind != "gate_thanks":
            node["mainEntity"] = self.paper(info, static_content)
        return node

    def item_list(self, info) -> dict:
        first = (info.number - 1) * (info.per_page or len(info.items)) + 1
        return {
            "@type": "ItemList",
            "numberOfItems": info.total_items or len(info.items),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": self.url(self.site_path(doc.url)),
                    "name": text.plain_text(doc.title),
                }
                for position, doc in enumerate(info.items[:100], first)
            ],
        }

    def paper(self, info, static_content=None) -> dict:
        gate = info.gate
        size = gate.size
        if size and size >= 1024 * 1024:
            shown = f"{size / (1024 * 1024):.1f} MB"
        elif size:
            shown = f"{max(1, round(size / 1024))} KB"
        else:
            shown = None
        cover = resolve(gate.cover, self.settings, static_content)
        return {
            "@type": "DigitalDocument",
            "name": info.title,
            "description": text.field_text(gate.summary or "") or info.description,
            "encodingFormat": gate.file_type,
            "contentSize": shown,
            "image": self.image(cover),
            "inLanguage": info.lang,
            "isAccessibleForFree": True,
        }

    def breadcrumbs(self, info, canonical) -> dict:
        *above, (name, _) = info.crumbs
        items = [
            {"@type": "ListItem", "position": i, "name": n, "item": self.url(path)}
            for i, (n, path) in enumerate(above, 1)
        ]
        items.append(
            {
                "@type": "ListItem",
                "position": len(info.crumbs),
                "name": name,
                "item": self.url(info.path),
            }
        )
        return {
            "@type": "BreadcrumbList",
            "@id": self.id(canonical, "breadcrumb"),
            "itemListElement": items,
        }


# Builds, recording what each page is -------------------------------------------


def recorded_build(monkeypatch, build) -> tuple[dict, dict]:
    """Run ``build()``; return {output file: (info, image, static content)} of
    every page the head renderer described, and the build's settings."""
    pages: dict = {}
    seen: dict = {}
    build_settings: list = []
    graph, head_tags = jsonld.graph, head.head_tags

    def recording_graph(info, settings, links, canonical, image, static_content=None):
        seen[id(info)] = (image, static_content, settings)
        return graph(info, settings, links, canonical, image, static_content)

    def recording_head_tags(ctx, settings, *args, **kwargs):
        made = head_tags(ctx, settings, *args, **kwargs)
        info = made[0]
        image, static_content, used = seen.pop(id(info))
        pages[ctx.get("output_file")] = (info, image, static_content)
        build_settings.append(used)
        return made

    monkeypatch.setattr(jsonld, "graph", recording_graph)
    monkeypatch.setattr(head, "head_tags", recording_head_tags)
    monkeypatch.setattr(inject, "head_tags", recording_head_tags)
    build()
    return pages, build_settings[-1]


def assert_pages_match_the_model(
    output: Path, pages: dict, settings: dict
) -> tuple[int, int]:
    """(pages checked, pages whose image is their share card)."""
    model = Model(settings)
    checked = carded = 0
    for path in sorted(output.rglob("*.html")):
        rel = path.relative_to(output).as_posix()
        blocks = _BLOCK.findall(path.read_text(encoding="utf-8"))
        if not blocks:
            assert rel not in pages, f"{rel}: described but no JSON-LD written"
            continue
        assert len(blocks) == 1, f"{rel}: {len(blocks)} JSON-LD blocks"
        assert rel in pages, f"{rel}: JSON-LD on a page the head renderer never saw"
        info, image, static_content = pages[rel]
        written = json.loads(blocks[0])
        assert written["@context"] == "https://schema.org", rel
        image = model.share_image(info, image)
        expected = model.graph(info, image, static_content)
        assert written["@graph"] == expected, rel
        checked += 1
        carded += isinstance(image, Card)
    return checked, carded


def test_every_page_of_the_sample_site_matches_the_model(tmp_path, monkeypatch):
    from tests.blogs import blog_settings

    monkeypatch.chdir(SAMPLE_SITE)
    out = tmp_path / "out"
    # blog_settings: the sample site's own pelicanconf, never another test's
    # module of that name left in sys.modules.
    settings = blog_settings(
        SAMPLE_SITE,
        "publishconf.py",
        OUTPUT_PATH=str(out),
        SITEURL="https://harbourheating.example",
    )

    def build():
        from pelican import Pelican

        disconnect_signals()
        try:
            Pelican(settings).run()
        finally:
            disconnect_signals()

    pages, used = recorded_build(monkeypatch, build)
    checked, carded = assert_pages_match_the_model(out, pages, used)
    kinds = {info.kind for info, _, _ in pages.values()}
    assert checked >= 40 and carded >= 10
    # Every node builder ran: home, article, page, lists, topic hubs, gates.
    assert {"index", "article", "page", "category", "tag", "topic"} <= kinds
    assert any(info.gate is not None for info, _, _ in pages.values())
    # The sample site is a firm: its node is a LocalBusiness subtype.
    assert used["PULLMARKETING_BUSINESS"]["type"] == "HVACBusiness"
    # Articles with a conversation: their comments and counters are modelled.
    talked = [
        info
        for info, _, _ in pages.values()
        if info.kind == "article" and Model(used).conversation(info)
    ]
    assert len(talked) >= 2


@pytest.mark.parametrize("theme", ["bundled", "notmyidea", "simple"])
def test_every_page_of_the_hostile_corpus_matches_the_model(
    tmp_path, monkeypatch, theme
):
    site = SiteBuilder(tmp_path / theme)
    settings = write_blog(site, HOSTILE)
    settings["THEME"] = (
        pelican_pullmarketing.theme_path() if theme == "bundled" else theme
    )
    pages, used = recorded_build(monkeypatch, lambda: site.build(**settings))
    checked, carded = assert_pages_match_the_model(site.output, pages, used)
    assert checked >= 15 and carded >= 5
    assert any(info.kind == "article" and info.topic for info, _, _ in pages.values())


def hostile_firm(kind: str) -> dict:
    """A firm whose every text field holds the corpus's text."""
    return {
        "name": HOSTILE,
        "type": kind,
        "telephone": "0117 496 0123 " + HOSTILE,
        "email": "office@firm.example",
        "address": {
            "street": HOSTILE,
            "locality": "Bristol",
            "region": HOSTILE,
            "postcode": "BS1 1AA",
            "country": "GB",
        },
        "geo": {"latitude": 51.45, "longitude": -2.58},
        "area_served": [HOSTILE, "Bath"],
        "opening_hours": ["Mo-Fr 08:00-18:00", "Sa,Su 09:00-12:00"],
        "price_range": HOSTILE,
        "logo": "images/share.png",
        "same_as": ["https://example.org/firm?a=1&b=</script>"],
        "call_to_action": {"text": HOSTILE, "url": "contact/"},
    }


@pytest.mark.parametrize("kind", ["Plumber", "Organization"])
def test_every_page_of_a_firms_corpus_matches_the_model(tmp_path, monkeypatch, kind):
    site = SiteBuilder(tmp_path / kind)
    settings = write_blog(site, HOSTILE)
    del settings["PULLMARKETING_PUBLISHER"]
    settings["PULLMARKETING_BUSINESS"] = hostile_firm(kind)
    settings["THEME"] = pelican_pullmarketing.theme_path()
    pages, used = recorded_build(monkeypatch, lambda: site.build(**settings))
    checked, _carded = assert_pages_match_the_model(site.output, pages, used)
    assert checked >= 15
    published = json.loads(_BLOCK.findall(site.read("index.html"))[0])["@graph"]
    node = next(n for n in published if n["@type"] == kind)
    assert ("geo" in node) is (kind != "Organization")


def test_the_model_tells_a_wrong_firm_apart(tmp_path, monkeypatch):
    site = SiteBuilder(tmp_path / "changed")
    settings = write_blog(site, HOSTILE)
    settings["PULLMARKETING_BUSINESS"] = hostile_firm("Plumber")
    settings["THEME"] = "simple"
    business_node = jsonld.business_node

    def changed(*args, **kwargs):
        node = business_node(*args, **kwargs)
        node["openingHoursSpecification"].pop()
        return node

    monkeypatch.setattr(jsonld, "business_node", changed)
    pages, used = recorded_build(monkeypatch, lambda: site.build(**settings))
    with pytest.raises(AssertionError):
        assert_pages_match_the_model(site.output, pages, used)


def test_the_model_tells_a_wrong_graph_apart(tmp_path, monkeypatch):
    """The comparison fails when the builders change one value."""
    site = SiteBuilder(tmp_path / "changed")
    settings = write_blog(site, HOSTILE)
    settings["THEME"] = "simple"
    article_node = jsonld.article_node

    def changed(*args, **kwargs):
        node = article_node(*args, **kwargs)
        node["inLanguage"] = "xx"
        return node

    monkeypatch.setattr(jsonld, "article_node", changed)
    pages, used = recorded_build(monkeypatch, lambda: site.build(**settings))
    with pytest.raises(AssertionError):
        assert_pages_match_the_model(site.output, pages, used)
