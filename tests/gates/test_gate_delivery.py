"""Page and e-mail delivery, the token folder and its stability, and the
secrecy rules scanned over the whole output."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

import feedparser
import pytest
from bs4 import BeautifulSoup
from gates_support import PAPER_BYTES, PAPER_PATH, TOKEN_DIR, output_files


def expected_token(secret: str, relpath: str = PAPER_PATH) -> str:
    # The documented derivation: HMAC-SHA256(secret, path), first 128 bits, hex.
    return hmac.new(secret.encode(), relpath.encode(), hashlib.sha256).hexdigest()[:32]


def files_containing(out, needle: bytes) -> list[str]:
    return [
        p.relative_to(out).as_posix()
        for p in output_files(out)
        if needle in p.read_bytes()
    ]


def test_page_delivery_copies_the_file_into_its_token_folder(gated):
    gated.landing()
    out = gated.build()
    (folder,) = gated.token_dirs(out)
    assert TOKEN_DIR.match(folder.name)
    assert folder.name == expected_token("test-secret")
    assert (folder / "guide.pdf").read_bytes() == PAPER_BYTES
    thanks = BeautifulSoup((folder / "index.html").read_text("utf-8"), "lxml")
    links = [a["href"] for a in thanks.find_all("a", href=True)]
    assert f"https://example.com/downloads/{folder.name}/guide.pdf" in links
    assert "thank you" in thanks.get_text(" ").lower()
    assert "https://example.com/heat-pump-guide.html" in links


def test_email_delivery_publishes_no_file_and_says_so(gated, caplog):
    gated.landing()
    with caplog.at_level(logging.WARNING):
        out = gated.build(
            gate={"provider": "kit", "form_id": "1234567", "delivery": "email"}
        )
    assert files_containing(out, PAPER_BYTES) == []
    assert files_containing(out, PAPER_BYTES[:40]) == []
    (folder,) = gated.token_dirs(out)
    assert [p.name for p in folder.iterdir()] == ["index.html"]
    thanks = (folder / "index.html").read_text("utf-8")
    assert "guide.pdf" not in thanks
    assert "on its way to your inbox" in thanks
    messages = [r.getMessage() for r in caplog.records]
    assert any(
        PAPER_PATH in m and "not published" in m and "email" in m for m in messages
    )


@pytest.mark.parametrize("provider", ["formspree", "mailchimp"])
def test_secrecy_of_path_bytes_and_token_across_the_whole_output(gated, provider):
    gated.landing()
    # Other documents link the paper every way Pelican allows.
    gated.site.article(
        "news",
        "Read [the guide]({static}/papers/guide.pdf) or "
        "[attached]({attach}/papers/guide.pdf) or [this]({filename}/papers/guide.pdf).",
    )
    gated.site.write("papers/other.txt", "a public file next to the paper\n")
    out = gated.build(
        provider,
        STATIC_PATHS=["papers"],
        FEED_ALL_ATOM="feeds/all.atom.xml",
        FEED_ALL_RSS="feeds/all.rss.xml",
    )
    (folder,) = gated.token_dirs(out)
    token = folder.name
    # The folder next to the paper is still published; the paper is not.
    assert (out / "papers" / "other.txt").is_file()
    assert not (out / "papers" / "guide.pdf").exists()
    assert files_containing(out, PAPER_BYTES) == [f"downloads/{token}/guide.pdf"]
    assert files_containing(out, PAPER_PATH.encode()) == []
    allowed = {f"downloads/{token}/index.html"}
    if provider == "formspree":
        allowed.add("heat-pump-guide.html")  # the `_next` hidden field
    assert set(files_containing(out, token.encode())) == allowed
    # No page but the thank-you page *links* to the token folder.
    for path in output_files(out):
        if path.suffix != ".html" or path == folder / "index.html":
            continue
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        for tag in soup.find_all(True):
            for attr in ("href", "src", "action"):
                assert token not in (tag.get(attr) or ""), (path, tag)
    # The author's links to the paper now lead to its landing page.
    news = BeautifulSoup((out / "news.html").read_text("utf-8"), "lxml")
    hrefs = {a.get_text(): a["href"] for a in news.find_all("a", href=True)}
    for text in ("the guide", "attached", "this"):
        assert hrefs[text] == "https://example.com/heat-pump-guide.html"


def test_thank_you_page_is_noindex_and_left_out_of_feeds_and_indexes(gated):
    gated.landing()
    out = gated.build(
        FEED_ALL_ATOM="feeds/all.atom.xml",
        FEED_ALL_RSS="feeds/all.rss.xml",
        CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml",
    )
    (folder,) = gated.token_dirs(out)
    soup = BeautifulSoup((folder / "index.html").read_text("utf-8"), "lxml")
    robots = [m["content"] for m in soup.find_all("meta", attrs={"name": "robots"})]
    assert robots and all("noindex" in r and "nofollow" in r for r in robots)
    for feed in ("feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/news.atom.xml"):
        parsed = feedparser.parse((out / feed).read_bytes())
        assert [e.title for e in parsed.entries] == ["Heat Pump Guide"]
        assert folder.name not in (out / feed).read_text("utf-8")
    for index in ("index.html", "archives.html", "category/news.html"):
        assert folder.name not in (out / index).read_text("utf-8")
        assert "Thank you" not in (out / index).read_text("utf-8")
    sitemap = out / "sitemap.xml"
    if sitemap.exists():  # written by the SEO feature when loaded
        assert folder.name not in sitemap.read_text("utf-8")


def test_landing_page_is_indexable_and_thanks_page_suggests_feeds(gated):
    gated.landing()
    out = gated.build(FEED_ALL_ATOM="feeds/all.atom.xml")
    landing = BeautifulSoup((out / "heat-pump-guide.html").read_text("utf-8"), "lxml")
    for meta in landing.find_all("meta", attrs={"name": "robots"}):
        assert "noindex" not in meta["content"]
    (folder,) = gated.token_dirs(out)
    thanks = BeautifulSoup((folder / "index.html").read_text("utf-8"), "lxml")
    section = thanks.find(class_="pm-gate-thanks")
    feed_links = [
        a["href"]
        for a in section.find_all("a", href=True)
        if a["href"].endswith((".xml", ".json"))
    ]
    assert feed_links, "the thank-you page suggests a feed to follow"


def test_builds_are_byte_identical_and_the_token_stable(gated):
    gated.landing()
    first = gated.build()
    snapshot = {p.relative_to(first): p.read_bytes() for p in output_files(first)}
    again = gated.build()
    assert {p.relative_to(again): p.read_bytes() for p in output_files(again)} == (
        snapshot
    )
    (folder,) = gated.token_dirs(again)
    # A new edition of the paper keeps its URL when a secret is set.
    gated.site.write(PAPER_PATH, PAPER_BYTES + b"second edition\n")
    edited = gated.build()
    assert [p.name for p in gated.token_dirs(edited)] == [folder.name]
    assert (folder / "guide.pdf").read_bytes().endswith(b"second edition\n")


def test_a_different_secret_gives_a_different_token(gated):
    gated.landing()
    (one,) = gated.token_dirs(gated.build(secret="one"))
    (two,) = gated.token_dirs(gated.build(secret="two"))
    assert one.name == expected_token("one")
    assert two.name == expected_token("two")
    assert one.name != two.name


def test_secret_from_the_environment(gated, monkeypatch):
    monkeypatch.setenv("PULLMARKETING_GATE_SECRET", "from-env")
    gated.landing()
    (folder,) = gated.token_dirs(gated.build(secret=None))
    assert folder.name == expected_token("from-env")


def test_without_secret_the_token_hashes_the_file_and_the_build_warns(
    gated, caplog, monkeypatch
):
    monkeypatch.delenv("PULLMARKETING_GATE_SECRET", raising=False)
    gated.landing()
    with caplog.at_level(logging.WARNING):
        out = gated.build(secret=None)
    (first,) = gated.token_dirs(out)
    assert TOKEN_DIR.match(first.name)
    assert first.name != expected_token("")
    assert any("PULLMARKETING_GATE_SECRET" in r.getMessage() for r in caplog.records)
    (rebuilt,) = gated.token_dirs(gated.build(secret=None))
    assert rebuilt.name == first.name
    gated.site.write(PAPER_PATH, PAPER_BYTES + b"revised\n")
    (second,) = gated.token_dirs(gated.build(secret=None))
    assert second.name != first.name


def test_stale_plain_copy_from_an_earlier_build_is_removed(gated):
    gated.landing()
    stale = gated.site.output / "papers" / "guide.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(PAPER_BYTES)
    out = gated.build(STATIC_PATHS=["papers"], DELETE_OUTPUT_DIRECTORY=False)
    assert not (out / "papers" / "guide.pdf").exists()


def test_cover_outside_static_paths_is_published_and_resolved(gated):
    gated.site.write("art/cover.png", b"\x89PNG fake cover")
    gated.landing(gate_cover="art/cover.png")
    out = gated.build(STATIC_PATHS=[])
    assert (out / "art" / "cover.png").is_file()


def json_ld_nodes(soup):
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        data = json.loads(script.string)
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                yield node
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)


def test_landing_page_structured_data_describes_the_paper(gated):
    gated.site.write("papers/cover.png", b"\x89PNG cover")
    gated.landing(gate_cover="papers/cover.png")
    out = gated.build(STATIC_PATHS=["papers"])
    soup = BeautifulSoup((out / "heat-pump-guide.html").read_text("utf-8"), "lxml")
    papers = [n for n in json_ld_nodes(soup) if n.get("@type") == "DigitalDocument"]
    assert len(papers) == 1, "the search-metadata feature describes the paper"
    paper = papers[0]
    assert paper["name"] == "Heat Pump Guide"
    assert paper["description"] == "Twelve pages on heat pumps for homeowners."
    assert paper["encodingFormat"] == "application/pdf"
    image = paper["image"]
    image = image.get("url") if isinstance(image, dict) else image
    assert image == "https://example.com/papers/cover.png"
