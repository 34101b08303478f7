"""Helpers for the keyword tests: the pipeline's stages run on their own,
without the early stop a build uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from pelican_pullmarketing.keywords.chooser import LinkChooser
from pelican_pullmarketing.keywords.matcher import KeywordMatcher, Match
from pelican_pullmarketing.keywords.splice import MarkupText, iter_excluded_regions


def find_matches(
    markup: str, matcher: KeywordMatcher, skip: Iterable[int] = ()
) -> list[Match]:
    """The first linkable occurrence of each keyword in ``markup``, as a
    build's search finds them when it never stops early."""
    return matcher.find_all(MarkupText(markup), first_only=True, skip=skip)


def excluded_regions(
    markup: str, *, lower: bool = False
) -> tuple[list[int], list[int]]:
    """Sorted, non-overlapping (starts, ends) of ``iter_excluded_regions``."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in iter_excluded_regions(markup, lower=lower):
        starts.append(start)
        ends.append(end)
    return starts, ends


def choose_links(
    matches: Sequence[Match],
    target_of: Callable[[int], object],
    *,
    max_links: int,
    max_per_target: int,
    linked: dict[object, int] | None = None,
) -> list[Match]:
    """The links a chooser picks from ``matches`` handed over in one run."""
    chooser = LinkChooser(
        target_of,
        max_links=max_links,
        max_per_target=max_per_target,
        linked=lambda: linked or {},
    )
    chooser.add(matches)
    return chooser.links
