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
