"""Which candidates become links: the longest of overlapping candidates
(then the leftmost), the first occurrence of each keyword, at most
``PULLMARKETING_MAX_LINKS_PER_TARGET`` links to one target (counting the
links the author wrote) and ``PULLMARKETING_MAX_LINKS_PER_ARTICLE`` in all.

The chooser takes the matcher's candidates in settled runs
(``KeywordMatcher.runs``) and stops the search once no more links fit; it
knows nothing of HTML (splice.py) or of URLs (linker.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Generator, Sequence

from .matcher import Match


def non_overlapping(matches: Sequence[Match]) -> list[Match]:
    """Longest first, then leftmost; a match overlapping a chosen one is
    dropped. Returned in document order."""
    chosen_starts: list[int] = []
    chosen: list[Match] = []
    for m in sorted(matches, key=lambda m: (-m.length, m.start, m.keyword)):
        i = bisect_right(chosen_starts, m.start)
        if i and chosen[i - 1].end > m.start:
            continue
        if i < len(chosen) and chosen[i].start < m.end:
            continue
        chosen_starts.insert(i, m.start)
        chosen.insert(i, m)
    return chosen


class LinkChooser:
    """The links to add to one document, chosen from runs of candidates
    that do not overlap one another (each run in document order, after the
    one before): in each run the non-overlapping candidates (give the first
    occurrence of each keyword only), and over all at most
    ``max_per_target`` per target (``target_of(keyword)``; ``linked()``
    counts the links the author already wrote, asked once, when the first
    run arrives) and ``max_links`` in all."""

    def __init__(
        self,
        target_of: Callable[[int], object],
        *,
        max_links: int,
        max_per_target: int,
        linked: Callable[[], dict[object, int]] | None = None,
    ) -> None:
        self.links: list[Match] = []
        self._target_of = target_of
        self._max_links = max_links
        self._max_per_target = max_per_target
        self._linked = linked
        self._seen_keywords: set[int] = set()
        self._per_target: dict[object, int] | None = None

    def room(self) -> int:
        """How many more links there is room for."""
        return self._max_links - len(self.links)

    def add(self, matches: Sequence[Match]) -> bool:
        """Choose among ``matches`` (a settled run); True once no more links
        fit."""
        if self._per_target is None:
            self._per_target = dict(self._linked() if self._linked else {})
        per_target, links = self._per_target, self.links
        for m in non_overlapping(matches):
            if len(links) >= self._max_links:
                break
            if m.keyword in self._seen_keywords:
                continue
            self._seen_keywords.add(m.keyword)
            target = self._target_of(m.keyword)
            if per_target.get(target, 0) >= self._max_per_target:
                continue
            per_target[target] = per_target.get(target, 0) + 1
            links.append(m)
        return len(links) >= self._max_links

    def take(self, runs: Generator[list[Match], int | None, None]) -> list[Match]:
        """Choose from the runs of a search (``KeywordMatcher.runs`` started
        with ``size=self.room()``), asking each time for a run of as many
        candidates as there is room for links; the search stops once no more
        links fit. Returns ``links``."""
        try:
            run = next(runs, None)
            while run is not None and not self.add(run):
                run = runs.send(self.room())
        except StopIteration:
            pass
        finally:
            runs.close()
        return self.links
