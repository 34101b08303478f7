"""A long page (a theme's index of thousands of articles on one page) has its
head completed on the beginning of the page, without a second copy of the
whole page (``inject.LONG_PAGE_PIECES``): the files written are the same
as when the page is completed whole."""

from __future__ import annotations

from pelican_pullmarketing.seo import inject


def build_pages(site, monkeypatch, pieces: int) -> tuple[dict[str, bytes], int]:
    """Every HTML file of a build where pages rendered in ``pieces`` pieces
    or more are completed on their beginning; and how many pages were."""
    calls = []
    real = inject.head_pieces

    def counted(chunks):
        calls.append(len(chunks))
        return real(chunks)

    monkeypatch.setattr(inject, "LONG_PAGE_PIECES", pieces)
    monkeypatch.setattr(inject, "head_pieces", counted)
    out = site.build(DEFAULT_PAGINATION=False)
    files = {
        str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))
    }
    return files, len(calls)


def test_pages_completed_on_their_beginning_are_written_the_same(site, monkeypatch):
    # Titles and text that are not ASCII on pages whose head is (the
    # index: the site's name; its JSON-LD lists the titles): the page's tags
    # are written as the whole page's characters ask.
    for n in range(40):
        site.article(
            f"post-{n:02d}",
            f"Café crème n° {n}: déjà vu." if n % 3 else f"Plain text {n}.",
            title=f"Café {n}" if n % 2 else f"Post {n}",
            category=f"Topic {n % 4}",
            tags=f"tag{n % 5}",
        )
    site.page("about", "About the firm.")
    whole, long_pages = build_pages(site, monkeypatch, 10**9)
    assert long_pages == 0
    pieces, long_pages = build_pages(site, monkeypatch, 1)
    assert long_pages == len(whole)  # every page went through the pieces
    assert pieces.keys() == whole.keys()
    for name, data in whole.items():
        assert pieces[name] == data, name
    assert "Café crème".encode() in whole["post-01.html"]
    assert '"name":"Café 1"'.encode() in whole["index.html"]


def test_head_pieces_finds_the_end_tag_across_pieces():
    chunks = ["<html><head><title>x</title></he", "ad  ", ">", "<body>", "</body>"]
    assert inject.head_pieces(chunks) == 3
    assert inject.head_pieces(["<html><HEAD></", "HEAD>", "<p>"]) == 2
    assert inject.head_pieces(["<html><body><header>", "</header></body>"]) is None
