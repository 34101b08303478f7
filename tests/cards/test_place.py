"""How a cached card reaches the output folder: a hard link where the cache
and the output share a file system, else a copy, and after one link has
failed across file systems no further link is tried."""

from __future__ import annotations

import errno
import os

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


def test_across_file_systems_cards_are_copied_and_links_tried_once(
    tmp_path, monkeypatch
):
    calls = []

    def no_link(src, dst):
        calls.append(dst)
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
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
