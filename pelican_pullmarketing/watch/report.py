"""What the industry is saying, from the stored items, against the firm's own
keyword catalogue and pages: the market research and writing plan.

Three lists, over the period of ``since`` days that ends at ``until`` (and
the period of the same length before it, for the change):

- each catalogue phrase: the items that mention it (any of its forms);
- trending phrases the catalogue does not have: word n-grams (2 and 3 words,
  no stop word of the site's language in them, no number alone) that at least
  ``MIN_ITEMS`` items of the period use, more than the period before;
- questions people ask (a title, or the first sentence of a summary, that is
  a question), each under the topic of the site whose words it shares most.

A trending phrase or question that no page of the site answers (the same
test as the keyword import's content gap) is a gap.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import language, text
from ..keywords.catalogue import KeywordCatalogue, phrase_key
from ..keywords.imports import SearchTerm
from ..keywords.matcher import KeywordMatcher, SearchText
from ..keywords.proposals import STOPWORDS, DocumentText, propose_targets, stem, stems
from .config import WatchedFeed
from .store import WatchItem

MIN_ITEMS = 2  # a phrase trends when at least this many items use it
NGRAM_SIZES = (2, 3)
TOP_TRENDING = 15
EXAMPLES = 3  # example items per phrase
NO_TOPIC = ""  # questions near no topic of the site
_SEGMENTS = re.compile(r"[.!?;:,()\[\]{}\"“”«»|/–—]+|\s-\s")
# A sentence ends at . ! ? and a space, or at the full-width marks of
# Chinese and Japanese, which take none; questions end with ?, ？ or ؟.
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")
_QUESTION_MARKS = ("?", "？", "؟")
_NUMBER = re.compile(r"^[\d.,'’-]+$")


@dataclass(frozen=True)
class Period:
    start: dt.datetime  # excluded
    end: dt.datetime  # included

    def holds(self, when: dt.datetime) -> bool:
        return self.start < when <= self.end


def periods(until: dt.datetime, since_days: int) -> tuple[Period, Period]:
    span = dt.timedelta(days=since_days)
    return Period(until - span, until), Period(until - 2 * span, until - span)


@dataclass
class TopicWords:
    slug: str
    title: str
    words: set[
        str
    ]  # stems of its title, description, tags, categories, articles' titles


@dataclass
class ReportInput:
    items: list[WatchItem]
    feeds: dict[str, str]  # feed URL -> name
    feed_topics: dict[str, tuple[str, ...]]
    catalogue: KeywordCatalogue
    documents: list[DocumentText]
    topics: list[TopicWords]
    stopwords: frozenset[str]
    lang: str = ""  # the site's language (DEFAULT_LANG): its elided words


@dataclass
class Report:
    period: Period
    previous: Period
    items_in_period: int
    items_before: int
    phrases: list[dict] = field(default_factory=list)
    trending: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)  # one group per topic

    def gaps(self) -> list[dict]:
        """Trending phrases and questions no page answers, as rows of the gap list."""
        rows = [
            {
                "phrase": t["phrase"],
                "mentions": t["mentions"],
                "closest": t["closest"],
                "source": "watch:trending",
            }
            for t in self.trending
            if t["answered_by"] is None
        ]
        for group in self.questions:
            rows += [
                {
                    "phrase": q["question"],
                    "mentions": 1,
                    "closest": q["closest"],
                    "source": "watch:question",
                }
                for q in group["questions"]
                if q["answered_by"] is None
            ]
        return rows

    def counts(self) -> dict:
        return {
            "items": self.items_in_period,
            "items_before": self.items_before,
            "phrases_mentioned": sum(1 for p in self.phrases if p["mentions"]),
            "trending": len(self.trending),
            "questions": sum(len(g["questions"]) for g in self.questions),
            "gaps": len(self.gaps()),
        }

    def to_json(self) -> dict:
        return {
            "period": {"start": _iso(self.period.start), "end": _iso(self.period.end)},
            "previous": {
                "start": _iso(self.previous.start),
                "end": _iso(self.previous.end),
            },
            "counts": self.counts(),
            "phrases": self.phrases,
            "trending": self.trending,
            "questions": self.questions,
            "gaps": self.gaps(),
        }


def _iso(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def item_text(item: WatchItem) -> str:
    return f"{item.title}. {item.summary}" if item.summary else item.title


def _example(item: WatchItem, feeds: dict[str, str]) -> dict:
    return {
        "title": item.title,
        "feed": feeds.get(item.feed, item.feed),
        "link": item.link,
        "published": item.published,
    }


def _newest(items: Iterable[WatchItem]) -> list[WatchItem]:
    return sorted(
        sorted(items, key=lambda i: (i.feed, i.id)),
        key=lambda i: i.published,
        reverse=True,
    )


# --- catalogue phrases --------------------------------------------------------------


def catalogue_mentions(
    data: ReportInput, period: Period, previous: Period
) -> list[dict]:
    """Every catalogue phrase: items of the period that mention it, the count
    the period before, and the change. Most mentioned first."""
    keywords = data.catalogue.keywords
    if not keywords:
        return []
    matcher = KeywordMatcher(data.catalogue.search_keys(), keyed=True)
    now: dict[int, list[WatchItem]] = {}
    before: dict[int, int] = {}
    for item in data.items:
        in_now, in_before = period.holds(item.date), previous.holds(item.date)
        if not (in_now or in_before):
            continue
        found = {m.keyword for m in matcher.find_all(SearchText.plain(item_text(item)))}
        for index in found:
            if in_now:
                now.setdefault(index, []).append(item)
            else:
                before[index] = before.get(index, 0) + 1
    rows = []
    for index, keyword in enumerate(keywords):
        items = _newest(now.get(index, ()))
        rows.append(
            {
                "phrase": keyword.phrase,
                "mentions": len(items),
                "previous": before.get(index, 0),
                "change": len(items) - before.get(index, 0),
                "items": [_example(i, data.feeds) for i in items],
            }
        )
    rows.sort(key=lambda r: (-r["mentions"], -r["change"], phrase_key(r["phrase"])))
    return rows


# --- trending phrases ---------------------------------------------------------------


def ngrams(value: str, stopwords: frozenset[str], lang: str = "") -> set[str]:
    """The 2- and 3-word phrases of ``value`` (compared as keys) made only of
    words that are not stop words or bare numbers, never across punctuation;
    elided words of ``lang`` are left out ("l'isolation" is "isolation")."""
    found: set[str] = set()
    for segment in _SEGMENTS.split(phrase_key(value)):
        run: list[str] = []
        for word in [*language.content_words(segment, lang), ""]:
            if (
                word
                and word not in stopwords
                and not _NUMBER.match(word)
                and len(word) > 1
            ):
                run.append(word)
                continue
            for size in NGRAM_SIZES:
                for i in range(len(run) - size + 1):
                    found.add(" ".join(run[i : i + size]))
            run = []
    return found


def _in_catalogue(phrase: str, forms: list[str]) -> bool:
    """The catalogue has it: a form is it, or holds it as whole words."""
    padded = f" {phrase} "
    return any(padded in f" {form} " for form in forms)


def trending_phrases(
    data: ReportInput, period: Period, previous: Period, *, top: int = TOP_TRENDING
) -> list[dict]:
    forms = [key for key, _ in data.catalogue.search_keys()]
    now: dict[str, list[WatchItem]] = {}
    before: dict[str, int] = {}
    for item in data.items:
        in_now, in_before = period.holds(item.date), previous.holds(item.date)
        if not (in_now or in_before):
            continue
        for gram in ngrams(item_text(item), data.stopwords, data.lang):
            if in_now:
                now.setdefault(gram, []).append(item)
            else:
                before[gram] = before.get(gram, 0) + 1
    candidates = {
        gram: items
        for gram, items in now.items()
        if len(items) >= MIN_ITEMS
        and len(items) > before.get(gram, 0)
        and not _in_catalogue(gram, forms)
    }
    # A shorter phrase that only ever occurs inside a longer one says nothing more.
    kept = {
        gram: items
        for gram, items in candidates.items()
        if not any(
            len(other) > len(gram)
            and f" {gram} " in f" {other} "
            and len(candidates[other]) == len(items)
            for other in candidates
        )
    }
    rows = [
        {
            "phrase": gram,
            "mentions": len(items),
            "previous": before.get(gram, 0),
            "change": len(items) - before.get(gram, 0),
            "feeds": len({i.feed for i in items}),
            "items": [_example(i, data.feeds) for i in _newest(items)[:EXAMPLES]],
        }
        for gram, items in kept.items()
    ]
    rows.sort(
        key=lambda r: (
            -r["mentions"],
            -r["feeds"],
            -r["change"],
            -len(r["phrase"].split()),
            r["phrase"],
        )
    )
    return rows[:top]


# --- questions ------------------------------------------------------------------------


def question_of(item: WatchItem) -> str | None:
    """The item's title when it is a question, else the first sentence of its
    summary when that is one."""
    title = item.title.strip()
    if title.endswith(_QUESTION_MARKS):
        return title
    first = _SENTENCE.split(item.summary.strip(), maxsplit=1)[0] if item.summary else ""
    words = max(len(first.split()), language.count_words(first))
    return first if first.endswith(_QUESTION_MARKS) and words >= 3 else None


def nearest_topic(
    question: str,
    feed_topics: tuple[str, ...],
    topics: list[TopicWords],
    weight: Callable[[str], float],
) -> str:
    """The topic whose words the question shares most: each shared word
    weighs its rarity among topics times how much the topic uses it. With
    no shared word, the first topic of the item's feed; ties go to the
    feed's topics, then to the first topic."""
    words = stems(question)
    known = {t.slug for t in topics}
    fallback = next((slug for slug in feed_topics if slug in known), NO_TOPIC)
    best, best_score = fallback, 0.0
    for topic in topics:
        score = sum(
            weight(w) * math.log1p(topic.words[w]) for w in words if w in topic.words
        )
        if topic.slug in feed_topics:
            score *= 1.000001
        if score > best_score:
            best, best_score = topic.slug, score
    return best


def question_groups(data: ReportInput, period: Period) -> list[dict]:
    frequency: dict[str, int] = {}
    for topic in data.topics:
        for word in topic.words:
            frequency[word] = frequency.get(word, 0) + 1
    count = len(data.topics)

    def weight(word: str) -> float:
        return math.log((count + 1) / (frequency.get(word, 0) + 0.5))

    groups: dict[str, list[dict]] = {}
    seen: set[str] = set()
    for item in _newest(i for i in data.items if period.holds(i.date)):
        question = question_of(item)
        if question is None or phrase_key(question) in seen:
            continue
        seen.add(phrase_key(question))
        slug = nearest_topic(
            question, data.feed_topics.get(item.feed, ()), data.topics, weight
        )
        groups.setdefault(slug, []).append(
            {"question": question, **_example(item, data.feeds)}
        )
    titles = {t.slug: t.title for t in data.topics}
    order = [t.slug for t in data.topics] + [NO_TOPIC]
    return [
        {
            "topic": slug or None,
            "title": titles.get(slug, "Other"),
            "questions": groups[slug],
        }
        for slug in order
        if slug in groups
    ]


# --- what the site answers ----------------------------------------------------------------


def mark_answers(report: Report, documents: list[DocumentText]) -> None:
    """Set ``answered_by`` (the page that covers it, or None: a gap) and
    ``closest`` on every trending phrase and question."""
    rows = list(report.trending) + [q for g in report.questions for q in g["questions"]]
    if not rows:
        return
    terms = [SearchTerm(r.get("question") or r["phrase"]) for r in rows]
    for row, proposal in zip(rows, propose_targets(terms, documents), strict=True):
        row["answered_by"] = proposal.target
        row["closest"] = "" if proposal.target else proposal.reason


def build_report(
    data: ReportInput, *, until: dt.datetime, since_days: int, top: int = TOP_TRENDING
) -> Report:
    period, previous = periods(until, since_days)
    report = Report(
        period,
        previous,
        sum(1 for i in data.items if period.holds(i.date)),
        sum(1 for i in data.items if previous.holds(i.date)),
    )
    report.phrases = catalogue_mentions(data, period, previous)
    report.trending = trending_phrases(data, period, previous, top=top)
    report.questions = question_groups(data, period)
    mark_answers(report, data.documents)
    return report


def stem_counts(value: str, times: int = 1) -> Counter:
    """How often each stem occurs in ``value`` (stop words left out)."""
    found: Counter = Counter()
    for word in text.words(phrase_key(value)):
        for part in {word, *word.split("-")}:
            if part and part not in STOPWORDS:
                found[stem(part)] += times
    return found


def topic_words(topics) -> list[TopicWords]:
    """Words of each topic of the site (``topics.model.Topic``)."""
    found = []
    for topic in topics:
        head = " ".join(
            [
                topic.slug.replace("-", " "),
                topic.title,
                topic.description,
                *topic.categories,
                *topic.tags,
            ]
        )
        words = stem_counts(head, 3)
        for doc in topic.articles:
            words += stem_counts(text.plain_text(getattr(doc, "title", "") or ""), 2)
            words += stem_counts(text.plain_text(getattr(doc, "_content", "") or ""))
        found.append(TopicWords(topic.slug, topic.title, dict(words)))
    return found


def feed_names(feeds: list[WatchedFeed], states: dict) -> dict[str, str]:
    return {f.url: f.name(getattr(states.get(f.url), "title", "")) for f in feeds}
