"""Share cards in real Pelican builds: the card is the image of every page
without its own (og:image with size and alt, twitter:image, JSON-LD), written
where PULLMARKETING_SHARE_CARD_SAVE_AS says, drawn once and then reused from
the cache, the same bytes every build."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

import pelican_pullmarketing
from pelican_pullmarketing.cards import build as cards_build
from pelican_pullmarketing.cards import draw

BUNDLED = pelican_pullmarketing.theme_path()
TOPICS = {"heat-pumps": {"title": "Heat pumps", "categories": ["Heating"]}}


def head(html: str) -> dict:
    """name/property -> content of the head's meta tags, and the JSON-LD."""
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    metas = {}
    for el in doc.iter("meta"):
        key = el.get("property") or el.get("name")
        if key and key not in metas:
            metas[key] = el.get("content")
    graph = []
    for el in doc.iter("script"):
        if el.get("type") == "application/ld+json":
            data = json.loads(el.text)
            graph += data.get("@graph", [data])
    metas["@graph"] = graph
    return metas


def write_site(site):
    site.write("images/photo.png", _png())
    site.article(
        "heat-pump-costs",
        title="Heat pump running costs: what our customers really pay",
        category="Heating",
        author="Ann Smith",
    )
    site.article(
        "with-photo",
        title="A post with its own photo",
        image="{static}/images/photo.png",
    )
    site.article("emoji", title="🔥🚀", category="News", author="Bob Jones")
    site.page("about", title="About Harbour Heating")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 400), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def build(site, **settings):
    options = {
        "THEME": BUNDLED,
        "STATIC_PATHS": ["images"],
        "PULLMARKETING_TOPICS": TOPICS,
    }
    options.update(settings)
    return site.build(**options)


def card_of(out, path) -> Image.Image:
    image = Image.open(out / path)
    image.load()
    return image


@pytest.mark.parametrize("theme", [BUNDLED, "notmyidea"])
def test_a_page_without_an_image_gets_its_card_in_every_tag(site, quiet_pelican, theme):
    write_site(site)
    out = build(site, THEME=theme)
    tags = head(site.read("heat-pump-costs.html"))
    url = "https://example.com/heat-pump-costs/share.png"
    assert tags["og:image"] == url
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert (
        tags["og:image:alt"] == "Heat pump running costs: what our customers really pay"
    )
    assert tags["twitter:image"] == url
    assert tags["twitter:card"] == "summary_large_image"
    posting = next(n for n in tags["@graph"] if n["@type"] == "BlogPosting")
    assert posting["image"] == {
        "@type": "ImageObject",
        "url": url,
        "width": 1200,
        "height": 630,
    }
    card = card_of(out, "heat-pump-costs/share.png")
    assert card.size == (1200, 630) and card.format == "PNG"
    assert (out / "heat-pump-costs/share.png").stat().st_size <= draw.MAX_BYTES


def test_pages_topic_hubs_get_cards_and_a_page_with_its_own_image_keeps_it(
    site, quiet_pelican
):
    write_site(site)
    out = build(site)
    assert (
        head(site.read("pages/about.html"))["og:image"]
        == "https://example.com/pages/about/share.png"
    )
    hub = head(site.read("topics/heat-pumps/index.html"))
    assert hub["og:image"] == "https://example.com/topics/heat-pumps/share.png"
    assert card_of(out, "topics/heat-pumps/share.png").size == (1200, 630)
    own = head(site.read("with-photo.html"))
    assert own["og:image"] == "https://example.com/images/photo.png"
    assert not (out / "with-photo").exists()
    # Lists keep the site's default image (none here): no card.
    assert "og:image" not in head(site.read("index.html"))


def test_all_puts_the_card_before_the_pages_own_image(site, quiet_pelican):
    write_site(site)
    out = build(site, PULLMARKETING_SHARE_CARDS="all")
    own = head(site.read("with-photo.html"))
    assert own["og:image"] == "https://example.com/with-photo/share.png"
    assert card_of(out, "with-photo/share.png").size == (1200, 630)


def test_none_turns_cards_off_and_the_default_image_is_used(site, quiet_pelican):
    write_site(site)
    out = build(
        site,
        PULLMARKETING_SHARE_CARDS=None,
        PULLMARKETING_DEFAULT_IMAGE="images/photo.png",
    )
    assert (
        head(site.read("heat-pump-costs.html"))["og:image"]
        == "https://example.com/images/photo.png"
    )
    assert not list(out.rglob("share.png"))


def test_missing_puts_the_card_before_the_default_image(site, quiet_pelican):
    write_site(site)
    build(site, PULLMARKETING_DEFAULT_IMAGE="images/photo.png")
    tags = head(site.read("heat-pump-costs.html"))
    assert tags["og:image"] == "https://example.com/heat-pump-costs/share.png"


def test_save_as_pattern_and_webp(site, quiet_pelican):
    write_site(site)
    out = build(site, PULLMARKETING_SHARE_CARD_SAVE_AS="cards/{slug}.webp")
    tags = head(site.read("heat-pump-costs.html"))
    assert tags["og:image"] == "https://example.com/cards/heat-pump-costs.webp"
    assert card_of(out, "cards/heat-pump-costs.webp").format == "WEBP"


def test_a_second_build_draws_no_card_and_the_bytes_are_the_same(
    site, quiet_pelican, monkeypatch, caplog
):
    write_site(site)
    out = build(site)
    cards = sorted(out.rglob("share.png"))
    assert len(cards) == 4  # two articles, the page, the hub
    first = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in cards}
    cache = site.root / ".cache" / "share-cards"
    assert len(list(cache.iterdir())) == 4

    def no_drawing(*args, **kwargs):
        raise AssertionError("a card was drawn again")

    monkeypatch.setattr(draw, "draw_card", no_drawing)
    caplog.set_level(logging.INFO, logger="pelican_pullmarketing")
    out = build(site)
    assert {
        p: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("share.png"))
    } == first
    assert "share cards: 0 drawn, 4 from the cache" in caplog.text


def test_cards_drawn_afresh_are_byte_identical(site, quiet_pelican, tmp_path):
    write_site(site)
    out = build(site, PULLMARKETING_SHARE_CARD_CACHE=str(tmp_path / "one"))
    first = (out / "heat-pump-costs/share.png").read_bytes()
    out = build(site, PULLMARKETING_SHARE_CARD_CACHE=str(tmp_path / "two"))
    assert (out / "heat-pump-costs/share.png").read_bytes() == first


def test_a_changed_title_or_colour_draws_a_new_card(site, quiet_pelican):
    write_site(site)
    out = build(site)
    before = (out / "heat-pump-costs/share.png").read_bytes()
    out = build(site, PULLMARKETING_SHARE_CARD={"background": "#1d6b2f"})
    after = (out / "heat-pump-costs/share.png").read_bytes()
    assert after != before
    assert card_of(out, "heat-pump-costs/share.png").convert("RGB").getpixel(
        (600, 620)
    ) == (0x1D, 0x6B, 0x2F)


def test_an_emoji_only_title_gets_a_card_with_the_site_name(
    site, quiet_pelican, caplog
):
    write_site(site)
    out = build(site)
    assert card_of(out, "emoji/share.png").size == (1200, 630)
    assert "no font has" not in caplog.text


def test_fediverse_creator_from_the_authors_setting(site, quiet_pelican):
    write_site(site)
    build(site, PULLMARKETING_FEDIVERSE_CREATORS={"Ann Smith": "@ann@mastodon.social"})
    assert (
        head(site.read("heat-pump-costs.html"))["fediverse:creator"]
        == "@ann@mastodon.social"
    )
    assert "fediverse:creator" not in head(site.read("emoji.html"))
    assert "fediverse:creator" not in head(site.read("pages/about.html"))


def test_fediverse_creator_in_a_third_party_theme(site, quiet_pelican):
    write_site(site)
    build(
        site,
        THEME="notmyidea",
        PULLMARKETING_FEDIVERSE_CREATORS={"Ann Smith": "@ann@mastodon.social"},
    )
    assert (
        head(site.read("heat-pump-costs.html"))["fediverse:creator"]
        == "@ann@mastodon.social"
    )


@pytest.mark.parametrize(
    "card, expected",
    [
        (
            {"background": "not-a-colour"},
            "PULLMARKETING_SHARE_CARD['background']: invalid value (given 'not-a-colour'; expected a CSS colour",
        ),
        (
            {"logo": "images/missing.png"},
            "PULLMARKETING_SHARE_CARD['logo']: file not found",
        ),
        (
            {"font": "fonts/missing.ttf"},
            "PULLMARKETING_SHARE_CARD['font']: file not found",
        ),
    ],
)
def test_bad_settings_stop_the_build_with_a_clear_message(
    site, quiet_pelican, caplog, card, expected
):
    from pelican_pullmarketing.errors import BuildFailed

    write_site(site)
    with pytest.raises(BuildFailed):
        build(site, PULLMARKETING_SHARE_CARD=card)
    assert expected in caplog.text
    assert "Traceback" not in caplog.text
    assert not (site.output / "heat-pump-costs.html").exists()


def test_cached_cards_survive_a_build_that_deletes_the_output(site, quiet_pelican):
    write_site(site)
    out = build(site, DELETE_OUTPUT_DIRECTORY=True)
    first = (out / "heat-pump-costs/share.png").read_bytes()
    out = build(site, DELETE_OUTPUT_DIRECTORY=True)
    out = build(site, DELETE_OUTPUT_DIRECTORY=True)
    assert (out / "heat-pump-costs/share.png").read_bytes() == first
    cached = list((site.root / ".cache" / "share-cards").iterdir())
    assert len(cached) == 4
    assert any(c.read_bytes() == first for c in cached)


def _part(save_as="{url}share.png", **values):
    from pelican_pullmarketing.build import CardsPart
    from pelican_pullmarketing.cards import build as cards

    fields = {
        "site_name": "Site",
        "contact": "",
        "fingerprint": "f" * 64,
        "url_suffix": cards.url_suffix(save_as),
        **values,
    }
    return CardsPart(
        config=None,
        mode="missing",
        save_as=save_as,
        cache_dir="",
        output="",
        fmt="png",
        **fields,
    )


_texts = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    look=st.tuples(_texts, _texts, _texts),
    raw=st.tuples(_texts, _texts, st.one_of(_texts, st.none()), st.booleans()),
)
def test_a_cards_key_is_the_hash_of_its_json_as_before(look, raw):
    # The key is encoded by hand for the usual raw; cached cards keep their
    # names only while it is exactly json.dumps's text.
    from pelican_pullmarketing.cards import build as cards

    part = _part(fingerprint=look[0], site_name=look[1], contact=look[2])
    data = json.dumps([*look, *raw]).encode()
    assert cards._key(part, raw) == hashlib.sha256(data).hexdigest()[:32]
    assert cards._key(part, raw) == cards._key(part, raw)  # with the prefix kept


@settings(max_examples=300, deadline=None)
@given(
    url=st.text(st.sampled_from("ab/.?#-é"), max_size=20)
    | st.sampled_from(["", "/", "a.html", "a/index.html", "../x.html", "a//b/"]),
    save_as=st.sampled_from(
        ["{url}share.png", "{url}", "{url}../x.png", "{url}/c.webp", "/{url}s.png"]
    ),
)
def test_a_url_and_text_pattern_gives_the_path_str_format_gives(url, save_as):
    from pelican_pullmarketing.cards import build as cards

    fast = _part(save_as)
    assert fast.url_suffix is not None or save_as.startswith("/")
    slow = _part(save_as, url_suffix=None)
    assert cards.card_path(fast, url, "s", "en") == cards.card_path(
        slow, url, "s", "en"
    )


def test_a_cache_of_many_old_cards_is_asked_card_by_card(
    site, quiet_pelican, monkeypatch, caplog
):
    """A cache holding far more cards than the build's (years of old titles
    and looks) is not listed: each card is looked up by its name, with the
    same outcome: nothing drawn, the output's cards the cache's files."""
    write_site(site)
    out = build(site)
    cache = site.root / ".cache" / "share-cards"
    for number in range(200):  # more than 4 x 4 cards + 64
        (cache / f"{number:032x}.png").write_bytes(b"an old card")
    assert cards_build._cached_files(str(cache), 4 * 4 + 64)[0] is None
    assert len(cards_build._cached_files(str(cache), 1000)[0]) == 204

    def no_drawing(*args, **kwargs):
        raise AssertionError("a card was drawn again")

    monkeypatch.setattr(draw, "draw_card", no_drawing)
    caplog.set_level(logging.INFO, logger="pelican_pullmarketing")
    shutil.rmtree(out)  # a fresh output: every card linked from the cache
    out = build(site)
    kept = sorted(out.rglob("share.png"))
    assert len(kept) == 4
    for card in kept:
        assert any(os.path.samefile(card, c) for c in cache.iterdir())
    assert "share cards: 0 drawn, 4 from the cache" in caplog.text
    caplog.clear()
    before = {c: c.stat().st_ino for c in kept}
    out = build(site)  # the output kept: the same files, nothing placed again
    assert {c: c.stat().st_ino for c in kept} == before
    assert "share cards: 0 drawn, 4 from the cache" in caplog.text
