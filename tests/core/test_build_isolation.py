"""Two builds in one process never see each other's values, for every
feature: what a build holds lives in its ``build.Build`` (created at
``initialized``, dropped at ``finalized``), so the second build writes what
its own settings and content say, whether the first one finished, stopped
half-way, or is the earlier run of the same ``pelican --autoreload``."""

from __future__ import annotations

import json
import re

import pytest
from pelican.settings import read_settings

from pelican import Pelican
from pelican_pullmarketing import build
from pelican_pullmarketing.errors import BuildFailed
from tests.conftest import SiteBuilder, disconnect_signals, plugin_module
from tests.gates.gates_support import GatedSite

KEYWORD_LINK = re.compile(r'<a href="[^"]*" class="keyword-link">(.*?)</a>', re.S)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]*)"')
BODY = "We fit heat pumps and service boilers across Bristol."


def blog(root) -> SiteBuilder:
    site = SiteBuilder(root)
    site.article("post", BODY, tags="heating")
    site.article("pumps", "All about heat pumps.", title="Pumps")
    site.article("boilers", "All about boilers.", title="Boilers")
    return site


def failed_build(site: SiteBuilder, **settings) -> None:
    """A build that stops at the metadata check (``all_generators_finalized``),
    after every feature's ``start`` and after keyword links were spliced:
    ``finalized`` never comes."""
    site.article("broken", "Text.", template="no-such-template")
    with pytest.raises(BuildFailed):
        site.build(**settings)


def test_keywords_two_builds_link_only_their_own_catalogue(tmp_path):
    first, second = blog(tmp_path / "a"), blog(tmp_path / "b")
    failed_build(first, PULLMARKETING_KEYWORDS={"heat pumps": "{filename}/pumps.md"})
    out = second.build(PULLMARKETING_KEYWORDS={"boilers": "{filename}/boilers.md"})
    assert KEYWORD_LINK.findall((out / "post.html").read_text()) == ["boilers"]
    out = second.build(PLUGINS=[])
    assert KEYWORD_LINK.findall((out / "post.html").read_text()) == []
    assert build.current() is None


def test_topics_two_builds_have_only_their_own_topics(tmp_path):
    first, second = blog(tmp_path / "a"), blog(tmp_path / "b")
    alpha = {"alpha": {"title": "Alpha", "tags": ["heating"]}}
    beta = {"beta": {"title": "Beta", "tags": ["heating"]}}
    failed_build(first, PULLMARKETING_TOPICS=alpha)
    out = second.build(PULLMARKETING_TOPICS=beta)
    assert (out / "topics" / "beta" / "index.html").is_file()
    assert not (out / "topics" / "alpha").exists()
    opml = next(out.rglob("*.opml")).read_text()
    assert "Beta" in opml and "Alpha" not in opml


def test_gates_two_builds_use_only_their_own_gates(tmp_path):
    first = GatedSite(SiteBuilder(tmp_path / "a"))
    first.landing()
    first.build("formspree")
    second = GatedSite(SiteBuilder(tmp_path / "b"))
    second.landing(slug="other-guide")
    out = second.build("kit")
    action = second.form(out, "other-guide.html")["action"]
    assert "kit" in action and "formspree" not in action
    assert len(second.token_dirs(out)) == 1
    assert not (out / "heat-pump-guide.html").exists()


def test_crosspost_two_builds_write_only_their_own_copies(tmp_path):
    first, second = blog(tmp_path / "a"), blog(tmp_path / "b")
    for site in (first, second):
        site.article("shared", BODY, title="Shared", crosspost="all")
    first.build(PULLMARKETING_CROSSPOST_TARGETS={"devto": {}})
    out = second.build(PULLMARKETING_CROSSPOST_TARGETS={"medium": {}})
    manifest = json.loads((out / "crosspost" / "manifest.json").read_text())
    text = json.dumps(manifest)
    assert "medium" in text and "devto" not in text


def test_seo_two_builds_write_only_their_own_urls(tmp_path):
    first, second = blog(tmp_path / "a"), blog(tmp_path / "b")
    failed_build(first, SITEURL="https://a.example")
    out = second.build(SITEURL="https://b.example")
    html = (out / "post.html").read_text()
    assert CANONICAL.findall(html) == ["https://b.example/post.html"]
    sitemap = (out / "sitemap.xml").read_text()
    assert "b.example" in sitemap and "a.example" not in sitemap
    # A build without the plugin after them: nothing of ours at all.
    plain = blog(tmp_path / "c")
    out = plain.build(PLUGINS=[], SITEURL="https://c.example")
    assert CANONICAL.findall((out / "post.html").read_text()) == []
    assert not (out / "sitemap.xml").exists()


def watch_file(site: SiteBuilder) -> None:
    """A committed watch file with one item from each of two feeds."""
    items = [
        {
            "id": f"https://{name}.example/news/1",
            "feed": f"https://{name}.example/feed",
            "title": f"{name.capitalize()} news",
            "link": f"https://{name}.example/news/1",
            "published": "2026-11-01T10:00:00Z",
            "summary": "",
        }
        for name in ("alpha", "beta")
    ]
    site.write("watch.json", json.dumps({"version": 1, "feeds": {}, "items": items}))


def test_watch_two_builds_show_only_their_own_items_from_elsewhere(tmp_path):
    first, second = blog(tmp_path / "a"), blog(tmp_path / "b")
    for site in (first, second):
        watch_file(site)
    topics = {"heating": {"title": "Heating", "tags": ["heating"]}}

    def feed(name: str) -> dict:
        return {
            "url": f"https://{name}.example/feed",
            "topics": ["heating"],
            "show": True,
        }

    failed_build(
        first,
        PULLMARKETING_TOPICS=topics,
        PULLMARKETING_WATCH=[feed("alpha")],
        PULLMARKETING_WATCH_ON_HUBS=5,
    )
    out = second.build(
        PULLMARKETING_TOPICS=topics,
        PULLMARKETING_WATCH=[feed("beta")],
        PULLMARKETING_WATCH_ON_HUBS=5,
    )
    hub = (out / "topics" / "heating" / "index.html").read_text()
    assert "https://beta.example/news/1" in hub
    assert "alpha.example" not in hub
    # The same site without the watch after it: no items from elsewhere.
    out = second.build(PULLMARKETING_TOPICS=topics)
    hub = (out / "topics" / "heating" / "index.html").read_text()
    assert "example/news/1" not in hub
    assert build.current() is None


def test_cards_two_builds_draw_only_their_own_cards(tmp_path):
    """A build stopped half-way with one brand, then a build with another:
    the second's cards wear its own colour, where its own settings say."""
    from PIL import Image

    first, second = blog(tmp_path / "a"), blog(tmp_path / "b")
    failed_build(
        first,
        SITEURL="https://a.example",
        PULLMARKETING_SHARE_CARD={"background": "#ff0000"},
        PULLMARKETING_SHARE_CARD_SAVE_AS="cards/{slug}.png",
        PULLMARKETING_SHARE_CARD_CACHE=str(tmp_path / "cache-a"),
    )
    out = second.build(
        SITEURL="https://b.example",
        PULLMARKETING_SHARE_CARD={"background": "#00ff00"},
        PULLMARKETING_SHARE_CARD_CACHE=str(tmp_path / "cache-b"),
    )
    html = (out / "post.html").read_text()
    assert OG_IMAGE.findall(html) == ["https://b.example/post/share.png"]
    assert not (out / "cards").exists()
    with Image.open(out / "post" / "share.png") as card:
        count, colour = max(card.convert("RGB").getcolors(1 << 24))
    assert colour == (0, 255, 0)
    assert "https://b.example/post/share.png" in (out / "sitemap.xml").read_text()
    assert not (tmp_path / "cache-a").exists()
    assert build.current() is None
    # A build without the plugin after them: no card, no image tag.
    plain = blog(tmp_path / "c")
    out = plain.build(PLUGINS=[], SITEURL="https://c.example")
    assert OG_IMAGE.findall((out / "post.html").read_text()) == []
    assert not (out / "post" / "share.png").exists()


def firm(name: str) -> dict:
    return {
        "name": name,
        "type": "Plumber",
        "telephone": "0117 496 0123",
        "address": {
            "street": "1 Quay Street",
            "locality": "Bristol",
            "postcode": "BS1 1AA",
            "country": "GB",
        },
    }


def test_business_two_builds_describe_only_their_own_firm(tmp_path):
    import pelican_pullmarketing

    theme = {"THEME": pelican_pullmarketing.theme_path()}
    first, second = blog(tmp_path / "a"), blog(tmp_path / "b")
    failed_build(first, PULLMARKETING_BUSINESS=firm("Alpha Plumbing"), **theme)
    out = second.build(PULLMARKETING_BUSINESS=firm("Beta Plumbing"), **theme)
    html = (out / "post.html").read_text()
    assert "Beta Plumbing" in html and "Alpha Plumbing" not in html
    assert '"@type":"Plumber"' in html
    # A build without the setting after them: no firm in the footer or JSON-LD.
    out = blog(tmp_path / "c").build(**theme)
    html = (out / "post.html").read_text()
    assert "Plumbing" not in html and '"@type":"Plumber"' not in html
    assert build.current() is None


def png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    image = Image.new("RGB", (width, height), "#0b4f8a")
    image.paste("#f2a900", (0, 0, width // 2, height // 2))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_images_two_builds_offer_only_their_own_copies(tmp_path):
    """The first build notes post.html's large photo for smaller copies and
    stops before writing; the second site's post.html has a small picture of
    the same name, which gets none."""
    text = "Our van.\n\n![Van]({static}/images/van.png)\n"
    first, second = SiteBuilder(tmp_path / "a"), SiteBuilder(tmp_path / "b")
    first.write("images/van.png", png(1200, 800))
    second.write("images/van.png", png(300, 200))
    for site in (first, second):
        site.article("post", text)
    failed_build(first, STATIC_PATHS=["images"])
    out = second.build(STATIC_PATHS=["images"])
    assert "<picture" not in (out / "post.html").read_text()
    assert sorted(p.name for p in (out / "images").iterdir()) == ["van.png"]
    # The same large photo in the second site gets its copies.
    second.write("images/van.png", png(1200, 800))
    out = second.build(STATIC_PATHS=["images"])
    assert "<picture" in (out / "post.html").read_text()


def conversation_file(site: SiteBuilder, who: str) -> None:
    """A committed conversation file with one reply by ``who`` to the post."""
    copy = "https://mastodon.example/@firm/1"
    entry = {
        "id": f"mastodon:https://social.example/users/{who}/statuses/1",
        "platform": "mastodon",
        "kind": "reply",
        "copy": copy,
        "url": f"https://social.example/@{who}/1",
        "author": {"name": who.capitalize(), "url": f"https://social.example/@{who}"},
        "published": "2026-11-01T10:00:00Z",
        "html": f"<p>Reply from {who}.</p>",
        "in_reply_to": None,
        "first_seen": "2026-11-01T11:00:00+00:00",
    }
    record = {
        "url": "https://example.com/post.html",
        "copies": {
            copy: {
                "platform": "mastodon",
                "url": copy,
                "account": "https://mastodon.example/@firm",
                "counts": {"likes": 0, "replies": 1, "reposts": 0},
                "status": "ok",
            }
        },
        "entries": [entry],
    }
    site.write(
        "conversation.json",
        json.dumps({"version": 1, "articles": {"post.md": record}}),
    )


def blogposting(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    graph = json.loads(block.group(1))
    return next(n for n in graph["@graph"] if n["@type"] == "BlogPosting")


def test_conversation_two_builds_show_only_their_own_replies(tmp_path):
    """A build stopped half-way with one conversation file, then a build with
    another: the second's article and JSON-LD hold only its own reply; a
    build without a conversation file after them holds none."""
    from pelican_pullmarketing import theme_path

    first, second = blog(tmp_path / "a"), blog(tmp_path / "b")
    conversation_file(first, "alice")
    conversation_file(second, "bob")
    failed_build(first, THEME=theme_path())
    out = second.build(THEME=theme_path())
    html = (out / "post.html").read_text()
    assert "Reply from bob." in html
    assert "alice" not in html.lower()
    node = blogposting(html)
    assert [c["author"]["name"] for c in node["comment"]] == ["Bob"]
    assert node["interactionStatistic"][0]["userInteractionCount"] == 1
    assert build.current() is None
    # A blog without a conversation file after them: no conversation.
    plain = blog(tmp_path / "c")
    out = plain.build(THEME=theme_path())
    html = (out / "post.html").read_text()
    assert "Reply from" not in html
    assert "comment" not in blogposting(html)
    assert build.current() is None


def test_each_run_of_one_pelican_gets_a_fresh_build(tmp_path):
    """``pelican --autoreload`` sends ``initialized`` once and runs the site
    again on every change: each run reads the keywords file as it is then and
    completes every page's head."""
    site = blog(tmp_path / "site")
    csv = site.write("keywords.csv", "keyword,target\nheat pumps,{filename}/pumps.md\n")
    disconnect_signals()
    try:
        pelican = Pelican(
            read_settings(
                path=None,
                override=site.settings(PULLMARKETING_KEYWORDS_FILE=str(csv)),
            )
        )
        pelican.run()
        html = site.read("post.html")
        assert KEYWORD_LINK.findall(html) == ["heat pumps"]
        assert build.current() is None
        csv.write_text("keyword,target\nboilers,{filename}/boilers.md\n")
        pelican.run()
    finally:
        disconnect_signals()
    html = site.read("post.html")
    assert KEYWORD_LINK.findall(html) == ["boilers"]
    assert CANONICAL.findall(html) == ["https://example.com/post.html"]
    assert build.current() is None


def test_no_state_of_ours_in_pelicans_settings_or_context(tmp_path):
    """Pelican copies its settings into every template's context: nothing a
    build holds is kept there."""
    site = blog(tmp_path / "site")
    seen = {}

    def record(generators):
        for generator in generators:
            seen.update(generator.context)

    from tests.conftest import plugin_module

    site.build(
        PULLMARKETING_KEYWORDS={"boilers": "{filename}/boilers.md"},
        PULLMARKETING_TOPICS={"beta": {"title": "Beta", "tags": ["heating"]}},
        PLUGINS=[
            "pelican_pullmarketing",
            plugin_module("recorder", all_generators_finalized=record),
        ],
    )
    ours = {
        k
        for k in seen
        if k.startswith(("_PULLMARKETING", "_pullmarketing", "pullmarketing_"))
    }
    # settings.validate()'s mark that a settings dict was checked (not a
    # value of the build; it goes with validate()'s own rewrite).
    assert ours - {"_PULLMARKETING_VALIDATED"} == set()


def runs_a_site_inside(signal: str, inner: SiteBuilder, **settings):
    """A plugin that builds ``inner`` inside the outer site's run at
    ``signal``, once, as i18n_subsites builds each language's site (at
    ``get_writer``; older versions did it at ``finalized``)."""
    done: list[bool] = []

    def nested_run(sender, **kwargs):
        if done:
            return None  # the inner run sends the signal too
        done.append(True)
        Pelican(read_settings(path=None, override=inner.settings(**settings))).run()
        return None

    return plugin_module(f"nested_{signal}", **{signal: nested_run})


def canonical(site: SiteBuilder, rel: str) -> list[str]:
    return CANONICAL.findall(site.read(rel))


@pytest.mark.parametrize("signal", ["get_writer", "finalized"])
@pytest.mark.parametrize("ours_first", [True, False])
def test_a_site_built_inside_another_ones_run_leaves_both_complete(
    tmp_path, signal, ours_first
):
    """The outer build goes on where it was once the inner one ends: both
    sites get their own head tags, sitemap, robots.txt and topic feeds,
    whichever of the two plugins the signal reaches first."""
    outer, inner = blog(tmp_path / "outer"), blog(tmp_path / "inner")
    inner.article("inner-only", "Only in the inner site.")
    nesting = runs_a_site_inside(signal, inner, SITEURL="https://inner.example")
    plugins = ["pelican_pullmarketing", nesting]
    outer.build(
        SITEURL="https://outer.example",
        PLUGINS=plugins if ours_first else plugins[::-1],
    )
    for site, host in ((outer, "outer"), (inner, "inner")):
        assert canonical(site, "post.html") == [f"https://{host}.example/post.html"]
        sitemap = site.read("sitemap.xml")
        assert f"https://{host}.example/post.html" in sitemap
        other = "inner" if host == "outer" else "outer"
        assert f"{other}.example" not in sitemap
        assert f"https://{host}.example/sitemap.xml" in site.read("robots.txt")
        feed = site.read("topics/news/atom.xml")
        assert f"https://{host}.example/" in feed and f"{other}.example" not in feed
    assert "inner-only" in inner.read("sitemap.xml")
    assert "inner-only" not in outer.read("sitemap.xml")
    assert build.current() is None


def test_a_run_whose_inner_site_failed_is_replaced_by_a_fresh_one(tmp_path):
    """A site built inside another's run stops half-way (a template it lacks):
    the whole run fails. The next run of the same Pelican (``pelican
    --autoreload``) starts afresh and completes every page."""
    outer, inner = blog(tmp_path / "outer"), blog(tmp_path / "inner")
    inner.article("broken", "Text.", template="no-such-template")
    nesting = runs_a_site_inside("get_writer", inner, SITEURL="https://inner.example")
    disconnect_signals()
    try:
        pelican = Pelican(
            read_settings(
                path=None,
                override=outer.settings(
                    SITEURL="https://outer.example",
                    PLUGINS=["pelican_pullmarketing", nesting],
                ),
            )
        )
        with pytest.raises(BuildFailed):
            pelican.run()
        assert not (outer.output / "sitemap.xml").exists()
        pelican.run()  # the nesting plugin builds no second inner site
    finally:
        disconnect_signals()
    assert canonical(outer, "post.html") == ["https://outer.example/post.html"]
    sitemap = outer.read("sitemap.xml")
    assert "outer.example/post.html" in sitemap and "inner.example" not in sitemap
    assert build.current() is None


def test_what_was_read_is_frozen_only_while_pages_are_written(tmp_path):
    """core.freeze_what_was_read: the cycle collector's frozen generation
    holds what the reading phase made while pages are written, and is empty
    once the build ends; a run that stopped while writing leaves it to the
    next run of the same Pelican, which empties it first."""
    import gc

    site = blog(tmp_path / "site")
    seen: list[int] = []
    stop = [True]

    def record(path, context):
        seen.append(gc.get_freeze_count())
        if stop[0] and str(path).endswith("post.html"):
            raise RuntimeError("stopped while writing")

    recorder = plugin_module("freeze_recorder", content_written=record)
    disconnect_signals()
    try:
        pelican = Pelican(
            read_settings(
                path=None,
                override=site.settings(PLUGINS=["pelican_pullmarketing", recorder]),
            )
        )
        with pytest.raises(RuntimeError, match="stopped while writing"):
            pelican.run()
        assert gc.get_freeze_count() > 0  # no ``finalized``: still frozen
        stop[0] = False
        seen.clear()
        pelican.run()
    finally:
        disconnect_signals()
    assert seen and min(seen) > 0
    assert gc.get_freeze_count() == 0
    assert canonical(site, "post.html") == ["https://example.com/post.html"]
    # Plain Pelican's build freezes nothing.
    seen.clear()
    site.build(PLUGINS=[recorder])
    assert seen and max(seen) == 0


@pytest.mark.parametrize("ours_first", [True, False])
def test_a_site_built_inside_another_keeps_the_outer_freeze(tmp_path, ours_first):
    """i18n_subsites builds each language's site in the outer site's
    ``get_writer``: the outer site's pages are written with what it read
    frozen, whichever plugin the signal reaches first, and nothing stays
    frozen after the run."""
    import gc

    outer, inner = blog(tmp_path / "outer"), blog(tmp_path / "inner")
    nesting = runs_a_site_inside("get_writer", inner, SITEURL="https://inner.example")
    counts: dict[str, list[int]] = {"outer": [], "inner": []}

    def record(path, context):
        site = "outer" if str(path).startswith(str(outer.output)) else "inner"
        counts[site].append(gc.get_freeze_count())

    plugins = ["pelican_pullmarketing", nesting]
    outer.build(
        SITEURL="https://outer.example",
        PLUGINS=[
            *(plugins if ours_first else plugins[::-1]),
            plugin_module("freeze_counts", content_written=record),
        ],
    )
    assert counts["inner"] and counts["outer"]
    assert min(counts["outer"]) > 0, counts
    assert gc.get_freeze_count() == 0
    assert build.current() is None
