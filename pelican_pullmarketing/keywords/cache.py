"""Keyword links kept across builds, beside Pelican's content cache.

A writer's preview rebuild (``CACHE_CONTENT``, ``LOAD_CONTENT_CACHE``)
reads most documents unchanged from Pelican's cache; their keyword links
are then the same as last time, so they are not searched again. What a
document's links are depends on its markup and source path (no self
links), the catalogue (every search key and target), which document each
keyword's target resolved to (drafts, hidden documents, URL targets), the
two caps, and this package's version: the key of a document is a hash of
all of them. The cache keeps the links' places (start, end, keyword), not
the HTML: the links are spliced in again with this build's link tags, so
the targets' URLs, ``SITEURL``, ``RELATIVE_URLS`` and the link class are
always this build's own and need no rule of their own.

The cache is one pickle in ``CACHE_PATH`` (gzipped with ``GZIP_CACHE``, as
Pelican's own), read when ``LOAD_CONTENT_CACHE`` is on and written when
``CACHE_CONTENT`` is, holding the documents of the last build only.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import pickle
from collections.abc import Iterable

from .. import __version__
from ..files import content_cache_file

logger = logging.getLogger(__name__)

CACHE_FILE = "pullmarketing-keywords.pickle"
FORMAT = 1  # of the entries; a change makes every entry a miss
# A document's links: (start, end, keyword) of each, flattened.
Places = tuple[int, ...]


def build_key(
    keys: Iterable[tuple[str, int]],
    targets: Iterable[str | None],
    caps: tuple[int, int],
) -> bytes:
    """What every document's links of this build depend on besides the
    document itself: the search keys (key, keyword), each keyword's
    resolved target (``None`` when it links nowhere) and the caps
    (``PULLMARKETING_MAX_LINKS_PER_ARTICLE``, ``_PER_TARGET``; how links
    are written is decided again by every build)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\x00{FORMAT}\x00".encode())
    digest.update(repr(caps).encode())
    digest.update("\x01".join(f"{key}\x00{index}" for key, index in keys).encode())
    digest.update("\x01".join(t or "\x02" for t in targets).encode())
    return digest.digest()


class LinkCache:
    """The links of the last build's documents, by document key."""

    def __init__(self, path: str, *, load: bool, save: bool, opener=open) -> None:
        self.path = path
        self._save = save
        self._open = opener
        self._old: dict[bytes, Places] = self._read() if load else {}
        self._new: dict[bytes, Places] = {}
        self.hits = 0

    @classmethod
    def for_settings(cls, settings: dict) -> LinkCache | None:
        """The cache of a build with these settings; None without Pelican's
        content cache."""
        found = content_cache_file(settings, CACHE_FILE)
        if found is None:
            return None
        path, load, save = found
        opener = gzip.open if settings.get("GZIP_CACHE", True) else open
        return cls(path, load=load, save=save, opener=opener)

    def _read(self) -> dict[bytes, Places]:
        try:
            with self._open(self.path, "rb") as fh:
                entries = pickle.load(fh)
        except FileNotFoundError:
            return {}
        except Exception as exc:  # a cache from another version, cut short, ...
            logger.debug(
                "pullmarketing: keyword link cache %s not read: %s", self.path, exc
            )
            return {}
        return entries if isinstance(entries, dict) else {}

    @staticmethod
    def key(base: bytes, path: str, markup: str) -> bytes:
        """A document's key: the build's key, its source path, its markup."""
        digest = hashlib.blake2b(base, digest_size=16)
        digest.update(path.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
        digest.update(markup.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get(self, key: bytes) -> Places | None:
        places = self._old.get(key)
        if places is not None:
            self.hits += 1
            self._new[key] = places
        return places

    def put(self, key: bytes, places: Places) -> None:
        self._new[key] = places

    def save(self) -> None:
        """Write this build's entries (the file is replaced whole, and only
        when they changed)."""
        if not self._save or self._new == self._old:
            return
        folder = os.path.dirname(self.path)
        partial = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(folder, exist_ok=True)
            with self._open(partial, "wb") as fh:
                pickle.dump(self._new, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)
        except OSError as exc:
            logger.warning(
                "pullmarketing: could not write the keyword link cache %s: %s",
                self.path,
                exc,
            )
            if os.path.exists(partial):
                os.remove(partial)
