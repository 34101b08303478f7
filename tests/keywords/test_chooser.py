"""The chooser on its own: caps, overlaps, longest first, early stop."""

from __future__ import annotations

import pytest
from keywords_support import choose_links, find_matches

from pelican_pullmarketing.keywords.chooser import LinkChooser
from pelican_pullmarketing.keywords.matcher import KeywordMatcher
from pelican_pullmarketing.keywords.splice import MarkupText


@pytest.mark.parametrize("seed", range(40))
def test_a_chooser_stopping_early_picks_the_links_of_a_full_search(seed):
    import random

    rng = random.Random(seed)
    words = ["hot", "tap", "water", "heat", "pump", "boiler", "service", "a"]
    phrases = sorted(
        {
            " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(3, 14))
        }
    )
    blocks = []
    for _ in range(rng.randint(1, 12)):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 15)))
        tag = rng.choice(["p", "p", "p", "h2", "code", "em"])
        blocks.append(f"<{tag}>{text}</{tag}>")
    markup = "\n".join(blocks)
    matcher = KeywordMatcher((p, i) for i, p in enumerate(phrases))
    targets = [rng.randint(0, 4) for _ in phrases]
    max_links = rng.randint(1, 5)
    max_per_target = rng.randint(1, 2)
    linked = {rng.randint(0, 4): 1} if rng.random() < 0.3 else {}
    expected = choose_links(
        find_matches(markup, matcher),
        targets.__getitem__,
        max_links=max_links,
        max_per_target=max_per_target,
        linked=linked,
    )
    chooser = LinkChooser(
        targets.__getitem__,
        max_links=max_links,
        max_per_target=max_per_target,
        linked=lambda: linked,
    )
    runs = matcher.runs(MarkupText(markup), first_only=True, size=chooser.room())
    assert chooser.take(runs) == expected


class CountingText(MarkupText):
    """MarkupText that records every candidate checked (``linkable``) and
    every excluded region read."""

    def __init__(self, markup: str) -> None:
        super().__init__(markup)
        self.checked: list[int] = []
        self.regions_read = 0

    def linkable(self, start: int, end: int) -> bool:
        self.checked.append(start)
        return super().linkable(start, end)

    def _excluded(self, pos: int) -> bool:
        if not self._regions:
            result = super()._excluded(pos)
            source = self._regions[0]

            def counted():
                for region in source:
                    self.regions_read += 1
                    yield region

            self.regions_read = len(self._regions[1])
            self._regions[0] = counted()
            return result
        return super()._excluded(pos)


def test_a_page_whose_cap_is_reached_is_searched_no_further():
    # Three links allowed: the search and the excluded regions stop near the
    # third link, not at the end of a long page.
    phrases = ["boiler service", "heat pump", "hot water", "radiator"]
    paragraph = "<p>A boiler service, a heat pump, hot water and a radiator.</p>"
    code = "<pre>boiler service</pre>"
    markup = "\n".join([paragraph, code] * 500)
    matcher = KeywordMatcher((p, i) for i, p in enumerate(phrases))
    chooser = LinkChooser(lambda index: index, max_links=3, max_per_target=1)
    text = CountingText(markup)
    runs = matcher.runs(text, first_only=True, size=chooser.room())
    links = chooser.take(runs)
    assert [markup[m.start : m.end] for m in links] == [
        "boiler service",
        "heat pump",
        "hot water",
    ]
    # Each candidate checked once, only in the first paragraphs ...
    assert len(text.checked) == len(set(text.checked)) <= 4
    assert max(text.checked) < len(paragraph)
    # ... and excluded regions read in one pass, only as far as needed.
    assert text.regions_read <= 1
