"""Parts of gates tested without a build: the robots safety net, the
paper's structured data as the search-metadata feature writes it, and the
token functions."""

from __future__ import annotations

import hashlib
import hmac
import json

from pelican_pullmarketing.gates import output, tokens
from pelican_pullmarketing.gates.landing import Gate
from pelican_pullmarketing.seo import jsonld
from pelican_pullmarketing.seo.links import SiteLinks
from pelican_pullmarketing.seo.pageinfo import PageInfo


def test_ensure_noindex_adds_the_tag_when_a_theme_dropped_it(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<html><head lang="en"><title>T</title></head></html>', "utf-8")
    assert output.ensure_noindex(str(page)) is True
    html = page.read_text("utf-8")
    assert html.index('<meta name="robots" content="noindex, nofollow">') > html.index(
        "<head"
    )
    assert output.ensure_noindex(str(page)) is False
    assert page.read_text("utf-8") == html


def test_ensure_noindex_keeps_an_existing_tag(tmp_path):
    page = tmp_path / "index.html"
    text = "<html><head><meta content='noindex' name='robots'></head></html>"
    page.write_text(text, "utf-8")
    assert output.ensure_noindex(str(page)) is False
    assert page.read_text("utf-8") == text


def test_tokens_are_128_bit_hmac_or_content_hashes():
    token = tokens.path_token("s3cret", "papers/a.pdf")
    assert len(token) == 32 and int(token, 16) >= 0
    assert (
        token == hmac.new(b"s3cret", b"papers/a.pdf", hashlib.sha256).hexdigest()[:32]
    )
    assert tokens.path_token("s3cret", "papers/b.pdf") != token
    assert tokens.content_token(b"one") != tokens.content_token(b"two")
    assert len(tokens.content_token(b"one")) == 32


class Landing:
    url = "guides/heat-pumps/"


def test_structured_data_of_the_paper_omits_the_secret_url():
    """The landing page's ``DigitalDocument`` (what builds write, from
    jsonld): the paper described, its size in KB, never the file's secret
    URL."""
    gate = Gate(
        relpath="papers/a.pdf",
        source_path="/x/papers/a.pdf",
        token="0" * 32,
        file_name="a.pdf",
        file_type="application/pdf",
        size=2048,
        delivery="page",
        provider="formspree",
        provider_title="Formspree",
        redirect="",
        thank_you_url="downloads/" + "0" * 32 + "/",
        download_url="downloads/" + "0" * 32 + "/a.pdf",
        button="Download",
        summary="All about heat pumps.",
        title="Heat pump guide",
        landing=Landing(),
        cover="papers/cover.svg",
    )
    settings = {"SITEURL": "https://u.github.io/repo", "SITENAME": "Firm"}
    links = SiteLinks(settings)
    info = PageInfo("page", "guides/heat-pumps/", "Heat pump guide", Landing())
    info.gate = gate
    site = jsonld.SiteGraph(settings, links, None)
    written = jsonld.write(jsonld.paper_node(info, site, None))
    data = json.loads(written)
    assert data["@type"] == "DigitalDocument"
    assert data["name"] == "Heat pump guide"
    assert data["description"] == "All about heat pumps."
    assert data["encodingFormat"] == "application/pdf"
    assert data["contentSize"] == "2 KB"
    assert data["image"]["url"] == "https://u.github.io/repo/papers/cover.svg"
    assert "0" * 32 not in written
