"""Generated Pelican sites for benchmarks, in two shapes:

- ``synthetic``: N Markdown articles of about 600 words (paragraphs,
  headings, lists, code, links, tables) in T categories, words drawn from a
  large Zipf-weighted vocabulary, so a keyword phrase is as rare in the text
  as a real one;
- ``prose``: N articles of ordinary prose about a firm's trade, written from
  a few thousand two- and three-word trade phrases, so the text is dense
  with keyword occurrences (most articles reach the link cap).

Each comes with keyword CSVs of several sizes whose phrases occur in the text.

Deterministic: the same arguments give the same files.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import random
import re

WORDS = [
    "boiler",
    "service",
    "heat",
    "pump",
    "radiator",
    "valve",
    "thermostat",
    "pressure",
    "gauge",
    "flue",
    "condensate",
    "pipe",
    "leak",
    "tap",
    "shower",
    "bathroom",
    "tiles",
    "cylinder",
    "immersion",
    "heater",
    "insulation",
    "loft",
    "cavity",
    "wall",
    "grant",
    "scheme",
    "installer",
    "engineer",
    "survey",
    "quote",
    "winter",
    "summer",
    "bristol",
    "bath",
    "home",
    "house",
    "flat",
    "landlord",
    "tenant",
    "safety",
    "check",
    "carbon",
    "monoxide",
    "alarm",
    "smart",
    "control",
    "zone",
    "underfloor",
    "heating",
    "hot",
    "water",
    "efficient",
    "running",
    "cost",
    "energy",
    "bill",
    "tariff",
    "solar",
    "panel",
    "battery",
    "inverter",
    "pipework",
    "copper",
    "plastic",
    "fitting",
    "joint",
    "drain",
    "blockage",
    "sink",
    "toilet",
    "cistern",
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "for",
    "with",
    "on",
    "and",
    "or",
    "but",
    "is",
    "are",
    "was",
    "be",
    "can",
    "will",
    "should",
    "our",
    "your",
    "their",
    "this",
    "that",
    "these",
    "those",
    "when",
    "where",
    "how",
    "why",
    "what",
    "which",
    "every",
    "most",
    "some",
    "many",
    "few",
    "more",
    "less",
    "very",
    "quite",
    "rather",
    "often",
    "always",
    "never",
]


_SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "vo",
]


def vocabulary(size: int = 4000, seed: int = 3) -> list[str]:
    """Domain words first, then made-up words: a vocabulary as large as a
    real blog's, so phrases are as rare in the text as real ones."""
    rng = random.Random(seed)
    function_words = [w for w in WORDS if len(w) <= 3]
    words = [w for w in dict.fromkeys(WORDS) if len(w) > 3]
    seen = set(WORDS)
    while len(words) < size - len(function_words):
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    rng.shuffle(words)  # domain words anywhere in the frequency ranking
    return function_words + words


VOCABULARY = vocabulary()
# Zipf-like weights: common words are very common, most words are rare.
_CUM_WEIGHTS = list(
    itertools.accumulate(1.0 / (rank + 1) for rank in range(len(VOCABULARY)))
)


def _choose_words(rng: random.Random, n: int) -> list[str]:
    return rng.choices(VOCABULARY, cum_weights=_CUM_WEIGHTS, k=n)


def _sentence(rng: random.Random, words=None) -> str:
    text = " ".join(_choose_words(rng, rng.randint(8, 18)))
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!"])


def _paragraph(rng: random.Random, words=None) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
    # Markdown's own line breaks inside a paragraph, like hand-written text.
    return "\n".join(
        " ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)
    )


def article_text(rng: random.Random, index: int, articles: int, words) -> str:
    parts = []
    for section in range(4):
        parts.append(f"## Section {section + 1}: {_sentence(rng)[:-1]}")
        parts += [_paragraph(rng) for _ in range(2)]
        if section == 1:
            parts.append(
                "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(3, 5)))
            )
        if section == 2:
            other = rng.randrange(articles)
            parts.append(
                f"See [an older post]({{filename}}/articles/post-{other:05d}.md) "
                f"and run `make {_choose_words(rng, 1)[0]}` or visit "
                f"<https://example.org/{_choose_words(rng, 1)[0]}>."
            )
        if section == 3 and index % 5 == 0:
            parts.append(
                "| Item | Cost |\n|---|---|\n"
                + "\n".join(
                    f"| {' '.join(_choose_words(rng, 2))} | £{rng.randint(50, 900)} |"
                    for _ in range(4)
                )
            )
    return "\n\n".join(parts)


def keyword_phrases(count: int, texts: list[str], seed: int = 7) -> list[str]:
    """``count`` distinct phrases of 1-4 words: mostly word sequences taken
    from the articles (so they occur, as search terms of a firm's own
    subjects do), some domain words, some that occur nowhere."""
    rng = random.Random(seed)
    phrases: list[str] = []
    seen: set[str] = set()
    content = [w for w in WORDS if len(w) > 3]
    while len(phrases) < count:
        roll = rng.random()
        if roll < 0.05:
            phrase = rng.choice(content)
        elif roll < 0.15:
            phrase = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(2, 3)))
        else:
            words = [w for w in re.findall(r"[a-z]+", rng.choice(texts)) if len(w) > 3]
            size = rng.choice([2, 2, 3, 3, 4])
            at = rng.randrange(max(1, len(words) - size))
            phrase = " ".join(words[at : at + size])
        if phrase and phrase not in seen:
            seen.add(phrase)
            phrases.append(phrase)
    return phrases


def write_keywords_csv(
    path: str,
    count: int,
    articles: int,
    texts: list[str],
    seed: int = 7,
    phrases: list[str] | None = None,
) -> None:
    """``count`` phrases (taken from the texts unless ``phrases`` is given),
    each linked to a random article."""
    rng = random.Random(seed + count)
    if phrases is None:
        phrases = keyword_phrases(count, texts, seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["keyword", "target"])
        for phrase in phrases:
            target = rng.randrange(articles)
            writer.writerow([phrase, f"{{filename}}/articles/post-{target:05d}.md"])


SHAPES = ("synthetic", "prose")

_TRADE = list(dict.fromkeys(WORDS[: WORDS.index("the")]))  # the trade's words
_GLUE = [
    "we often see",
    "customers ask about",
    "it is worth checking",
    "a good engineer will explain",
    "most homes in the area have",
    "before winter, think about",
    "the cheapest fix is usually",
    "our team can look at",
    "people search for",
    "you may not need",
]


def trade_phrases(count: int = 3000, seed: int = 11) -> list[str]:
    """Distinct two- and three-word phrases of the trade's words."""
    rng = random.Random(seed)
    phrases: dict[str, None] = {}
    while len(phrases) < count:
        size = rng.choice([2, 2, 3])
        phrases[" ".join(rng.sample(_TRADE, size))] = None
    return list(phrases)


TRADE_PHRASES = trade_phrases()
_PHRASE_WEIGHTS = list(
    itertools.accumulate(1.0 / (rank + 1) ** 0.7 for rank in range(len(TRADE_PHRASES)))
)


def _prose_sentence(rng: random.Random) -> str:
    first, second = rng.choices(TRADE_PHRASES, cum_weights=_PHRASE_WEIGHTS, k=2)
    text = f"{rng.choice(_GLUE)} {first} and {second}, {rng.choice(_GLUE)} {first}"
    return text[0].upper() + text[1:] + rng.choice([".", ".", "?"])


def prose_text(rng: random.Random, index: int, articles: int) -> str:
    parts = []
    for section in range(3):
        parts.append(f"## {_prose_sentence(rng)[:-1]}")
        for _ in range(3):
            sentences = [_prose_sentence(rng) for _ in range(rng.randint(3, 5))]
            parts.append(" ".join(sentences))
        if section == 1:
            other = rng.randrange(articles)
            parts.append(
                f"Read [our earlier advice]({{filename}}/articles/post-{other:05d}.md)."
            )
    return "\n\n".join(parts)


def generate(
    root: str,
    *,
    articles: int,
    keyword_counts,
    categories: int = 20,
    shape: str = "synthetic",
):
    """Write ``root/content/articles/*.md`` and ``root/keywords-N.csv``."""
    if shape not in SHAPES:
        raise ValueError(f"shape {shape!r}: expected one of {', '.join(SHAPES)}")
    rng = random.Random(42)
    texts: list[str] = []
    folder = os.path.join(root, "content", "articles")
    os.makedirs(folder, exist_ok=True)
    for index in range(articles):
        day = 1 + index % 28
        month = 1 + (index // 28) % 12
        year = 2015 + index // 336
        text = (
            prose_text(rng, index, articles)
            if shape == "prose"
            else article_text(rng, index, articles, WORDS)
        )
        texts.append(text)
        meta = [
            f"Title: Post {index}: {_sentence(rng)[:-1]}",
            f"Date: {year}-{month:02d}-{day:02d} 10:00",
            f"Category: Category {index % categories}",
            f"Tags: {', '.join(_choose_words(rng, 2))}",
            f"Slug: post-{index:05d}",
            f"Focus_keywords: {' '.join(rng.sample(WORDS[:40], 2))}",
        ]
        with open(
            os.path.join(folder, f"post-{index:05d}.md"), "w", encoding="utf-8"
        ) as fh:
            fh.write("\n".join(meta) + "\n\n" + text + "\n")
    for count in keyword_counts:
        write_keywords_csv(
            os.path.join(root, f"keywords-{count}.csv"),
            count,
            articles,
            texts,
            phrases=TRADE_PHRASES[:count] if shape == "prose" else None,
        )
    write_conversation(os.path.join(root, "content", "conversation.json"), articles)


def write_conversation(
    path: str, articles: int, *, every: int = 10, replies: int = 20
) -> None:
    """A conversation file: ``replies`` replies (threads of two) on every
    ``every``-th article, as `pullmarketing conversation fetch` writes it."""
    rng = random.Random(11)
    records = {}
    for index in range(0, articles, every):
        copy = f"https://mastodon.example/@firm/{100000 + index}"
        entries = []
        for n in range(replies):
            user = f"user{rng.randrange(500)}"
            sid = f"{index:05d}{n:02d}"
            entries.append(
                {
                    "id": f"mastodon:https://social.example/users/{user}/statuses/{sid}",
                    "platform": "mastodon",
                    "kind": "reply",
                    "copy": copy,
                    "url": f"https://social.example/@{user}/{sid}",
                    "author": {
                        "name": f"User {user}",
                        "url": f"https://social.example/@{user}",
                    },
                    "published": f"2024-03-{1 + n % 28:02d}T10:{n:02d}:00.000Z",
                    "html": "<p>" + _paragraph(rng) + "</p>",
                    "in_reply_to": entries[-1]["id"] if n % 2 else None,
                    "first_seen": "2024-04-01T00:00:00+00:00",
                }
            )
        records[f"articles/post-{index:05d}.md"] = {
            "url": f"https://example.com/post-{index:05d}.html",
            "copies": {
                copy: {
                    "platform": "mastodon",
                    "url": copy,
                    "account": "https://mastodon.example/@firm",
                    "counts": {
                        "likes": rng.randrange(50),
                        "replies": replies,
                        "reposts": rng.randrange(20),
                    },
                    "status": "ok",
                }
            },
            "entries": entries,
        }
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"version": 1, "articles": records}, fh, indent=2, sort_keys=True)


def write_watch_file(path: str, items: int, categories: int = 20) -> list[dict]:
    """A watch file of ``items`` items from one feed per category (each shown
    on its topic's page); returns the ``PULLMARKETING_WATCH`` entries."""
    import json

    rng = random.Random(11)
    feeds = [
        {
            "url": f"https://feed{k}.example/feed.xml",
            "topics": [f"category-{k}"],
            "show": True,
        }
        for k in range(categories)
    ]
    stored = []
    for index in range(items):
        feed = feeds[index % categories]["url"]
        day = 1 + index % 28
        month = 1 + (index // 28) % 6
        stored.append(
            {
                "id": f"{feed}#{index}",
                "feed": feed,
                "title": _sentence(rng)[:-1],
                "link": f"{feed[:-9]}/item/{index}",
                "published": f"2026-{month:02d}-{day:02d}T10:00:00Z",
                "summary": _sentence(rng),
            }
        )
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"version": 1, "feeds": {}, "items": stored}, fh, indent=2)
    return feeds
