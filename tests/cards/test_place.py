"""How a cached card reaches the output folder: a hard link where the cache
and the output share a file system, else a copy, and after one link has
failed across file systems no further link is tried."""

from __future__ import annotations

import errno
import os

import pytest

from pelican_pullmarketing.cards import build as cards


def _cache(tmp_path, name="k.png", data=b"card"):
    folder = tmp_path / "cache"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return str(path)


def test_a_card_is_a_hard_link_to_the_cache_on_one_file_system(tmp_path):
    cached = _cache(tmp_path)
    target = tmp_path / "out" / "share.png"
    target.parent.mkdir()
    assert cards.place(cached, str(target)) is True
    assert os.path.samefile(cached, target)
    # An older card at the target is replaced, by a link again.
    other = _cache(tmp_path, "new.png", b"newer")
    assert cards.place(other, str(target)) is True
    assert target.read_bytes() == b"newer" and os.path.samefile(other, target)


@pytest.fixture
def no_links(monkeypatch) -> list:
    """os.link fails as across file systems; the targets it was asked for."""
    calls = []

    def no_link(src, dst):
        calls.append(dst)
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    return calls


def test_across_file_systems_cards_are_copied_and_links_tried_once(tmp_path, no_links):
    calls = no_links
    out = tmp_path / "out"
    out.mkdir()
    link = True
    for n in range(3):
        cached = _cache(tmp_path, f"{n}.png", f"card {n}".encode())
        target = out / f"{n}.png"
        link = cards.place(cached, str(target), link)
        assert target.read_bytes() == f"card {n}".encode()
        assert not os.path.samefile(cached, target)
    assert link is False
    assert len(calls) == 1  # the first card's; none after it
    assert sorted(os.listdir(out)) == ["0.png", "1.png", "2.png"]  # no temp file left


def _part(tmp_path, paths):
    """A build's cards part whose jobs (at ``paths``) are all in the cache."""
    from pelican_pullmarketing.build import CardsPart

    part = CardsPart(
        config=None,
        mode="missing",
        save_as="{url}share.png",
        cache_dir=str(tmp_path / "cache"),
        output=str(tmp_path / "out"),
        fmt="png",
        site_name="Site",
        contact="",
        fingerprint="f" * 64,
    )
    for n, path in enumerate(paths):
        raw = (f"Title {n}", "", "en", True)
        job = part.jobs[path] = cards.Job(raw, cards._key(part, raw), path)
        _cache(tmp_path, f"{job.key}.png", f"card {n}".encode())
    return part


def _linked(tmp_path, part) -> bool:
    return all(
        os.path.samefile(tmp_path / "out" / path, tmp_path / "cache" / f"{job.key}.png")
        for path, job in part.jobs.items()
    )


def test_cards_reach_a_fresh_output_whether_or_not_their_folders_are_there(
    tmp_path,
):
    """Beside a page's index.html (its folder there), beside slug.html (the
    folder made), and over an older card: every card a link to the cache."""
    paths = [f"there-{n}/share.png" for n in range(3)]
    paths += [f"2024/05/missing-{n}/share.png" for n in range(3)]
    paths += ["old/share.png"]
    part = _part(tmp_path, paths)
    for n in range(3):
        (tmp_path / "out" / f"there-{n}").mkdir(parents=True)
    (tmp_path / "out" / "old").mkdir()
    (tmp_path / "out" / "old" / "share.png").write_bytes(b"an older card")
    cards.write_cards(part)
    assert _linked(tmp_path, part)
    assert part.drawn == 0 and part.reused == len(paths)
    # Again over the kept output: nothing to do, the same files.
    inodes = {p: (tmp_path / "out" / p).stat().st_ino for p in paths}
    again = _part(tmp_path, paths)
    cards.write_cards(again)
    assert {p: (tmp_path / "out" / p).stat().st_ino for p in paths} == inodes


def test_a_fresh_output_on_another_file_system_tries_links_for_one_card(
    tmp_path, no_links
):
    paths = [f"page-{n}/share.png" for n in range(4)]
    part = _part(tmp_path, paths)
    for n in range(4):
        (tmp_path / "out" / f"page-{n}").mkdir(parents=True)
    calls = no_links
    cards.write_cards(part)
    for n, path in enumerate(paths):
        assert (tmp_path / "out" / path).read_bytes() == f"card {n}".encode()
    # The first card's link at once, and place's own: none after them.
    assert len(calls) == 2


def test_a_link_to_nothing_where_the_card_goes_is_replaced(tmp_path):
    cached = _cache(tmp_path)
    target = tmp_path / "out" / "share.png"
    target.parent.mkdir()
    target.symlink_to(tmp_path / "gone.png")
    assert cards.place(cached, str(target)) is True
    assert not target.is_symlink() and os.path.samefile(cached, target)
