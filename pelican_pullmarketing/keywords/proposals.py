"""Propose a target page for each search term, list the terms no page covers
(the content gap: the writing plan), and merge proposals into the keywords
CSV without touching rows a person wrote or edited.

Rows the importer writes carry a fingerprint of their keyword, target and
variants in the ``imported`` column; a row whose fingerprint no longer fits
(or that has none) was edited by a person and is kept as it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass

from .. import language, metadata, text
from ..errors import PullMarketingError
from .catalogue import phrase_key
from .imports import SearchTerm
from .matcher import KeywordMatcher, SearchText

# English stop words of search terms; other languages' come from
# language.stopwords, by the language of each document compared.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "near",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)
# Score of a document for a term: exact phrase in focus keywords, title or
# text, plus how much of the term's weight (rare words weigh more, so
# "bristol" on every page counts for little) its title, slug and focus
# keywords and its text hold. A document covers a term from COVERED on.
FOCUS_EXACT = 100
IN_TITLE = 40
IN_FOCUS = 30
PER_MENTION = 8
MAX_MENTIONS = 4
HEAD_WORDS = 40
TEXT_WORDS = 15
COVERED = 22
_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ies", "es", "s", "ed", "e")
COLUMNS = [
    "keyword",
    "target",
    "variants",
    "conversions",
    "clicks",
    "impressions",
    "source",
    "imported",
]


@dataclass(frozen=True)
class DocumentText:
    path: str  # source path relative to the content folder
    title: str
    focus: tuple[str, ...]
    text: str
    lang: str = ""  # the document's language (Pelican's lang); "" is English


@dataclass
class Proposal:
    term: SearchTerm
    target: str | None  # "{filename}/..." or None for a content gap
    score: int
    reason: str


def document_texts(documents: Iterable) -> list[DocumentText]:
    """Title, focus keywords and plain text of every listed document."""
    from .linker import source_path

    found = []
    for doc in documents:
        if not metadata.is_listed(doc):
            continue
        found.append(
            DocumentText(
                source_path(doc),
                text.plain_text(getattr(doc, "title", "") or ""),
                tuple(metadata.value(doc, "focus_keywords")),
                text.plain_text(getattr(doc, "_content", "") or ""),
                getattr(doc, "lang", "") or "",
            )
        )
    return sorted(found, key=lambda d: d.path)


def stem(word: str) -> str:
    """A light stemmer, enough to see "servicing", "services" and "service"
    (or "installers" and "installation") as one word."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def stems(value: str, lang: str | None = None) -> set[str]:
    """Stems of the words of ``value`` in language ``lang`` (English when
    None): its stop words left out, and the elided words before an
    apostrophe ("l'isolation" is "isolation" in French); hyphenated words
    count as their parts too ("MCS-certified" holds "mcs" and "certified")."""
    found = set()
    stopwords = language.stopwords(lang, STOPWORDS)
    for word in language.content_words(phrase_key(value), lang):
        for part in {word, *word.split("-")}:
            if part and part not in stopwords:
                found.add(stem(part))
    return found


def propose_targets(
    terms: list[SearchTerm], docs: list[DocumentText]
) -> list[Proposal]:
    """The best document for each term by title, slug, focus keywords and text
    (one automaton over all terms, one pass per document). A term's words are
    read in the language of the document they are compared with (its stop
    words and elision)."""
    matcher = KeywordMatcher((t.phrase, i) for i, t in enumerate(terms))
    scores = _Scores()
    heads, bodies, weight = _word_weights(docs)
    term_stems = {
        lang: [stems(t.phrase, lang) for t in terms] for lang in {d.lang for d in docs}
    }
    unknown_weight = math.log(len(docs) + 2)
    for d, doc in enumerate(docs):
        _score_phrases(scores, matcher, terms, d, doc)
        for t, words in enumerate(term_stems[doc.lang]):
            total = sum(weight.get(w, unknown_weight) for w in words)
            if not total:
                continue
            head = sum(weight[w] for w in words & heads[d]) / total
            body = sum(weight[w] for w in words & bodies[d]) / total
            if head >= 0.3:
                scores.add(
                    t,
                    d,
                    HEAD_WORDS * head,
                    f"{head:.0%} of its words in title/slug/focus",
                )
            if body >= 0.5:
                scores.add(t, d, TEXT_WORDS * body, f"{body:.0%} of its words in text")
    return _proposals(terms, docs, scores.best())


class _Scores(dict):
    """(term, document) -> [points, reasons]."""

    def add(self, term: int, doc: int, points: float, reason: str) -> None:
        entry = self.setdefault((term, doc), [0.0, []])
        entry[0] += points
        entry[1].append(reason)

    def best(self) -> dict[int, tuple[float, int, list]]:
        """Term -> (points, document, reasons) of its best document (the
        first of equals)."""
        best: dict[int, tuple[float, int, list]] = {}
        for (t, d), (points, reasons) in self.items():
            current = best.get(t)
            if current is None or (points, -d) > (current[0], -current[1]):
                best[t] = (points, d, reasons)
        return best


def _word_weights(docs: list[DocumentText]):
    """Stems of each document's head (title, slug, focus keywords) and of its
    text, and each stem's weight (inverse document frequency)."""
    heads = [
        stems(
            " ".join(
                (
                    d.title,
                    d.path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("-", " "),
                    *d.focus,
                )
            ),
            d.lang,
        )
        for d in docs
    ]
    bodies = [stems(d.text, d.lang) for d in docs]
    frequency: dict[str, int] = {}
    for head, body in zip(heads, bodies, strict=True):
        for word in head | body:
            frequency[word] = frequency.get(word, 0) + 1
    weight = {w: math.log((len(docs) + 1) / (n + 0.5)) for w, n in frequency.items()}
    return heads, bodies, weight


def _score_phrases(
    scores: _Scores,
    matcher: KeywordMatcher,
    terms: list[SearchTerm],
    d: int,
    doc: DocumentText,
) -> None:
    """Points for the terms found whole in the title, the focus keywords and
    the text of document ``d``."""
    focus_keys = {phrase_key(f) for f in doc.focus}
    for m in {m.keyword for m in matcher.find_all(SearchText.plain(doc.title))}:
        scores.add(m, d, IN_TITLE, "in title")
    for focus in doc.focus:
        for m in {m.keyword for m in matcher.find_all(SearchText.plain(focus))}:
            if terms[m].key in focus_keys:
                scores.add(m, d, FOCUS_EXACT, "focus keyword")
            else:
                scores.add(m, d, IN_FOCUS, "in focus keywords")
    mentions: dict[int, int] = {}
    for m in matcher.find_all(SearchText.plain(doc.text)):
        mentions[m.keyword] = mentions.get(m.keyword, 0) + 1
    for m, count in mentions.items():
        scores.add(m, d, PER_MENTION * min(count, MAX_MENTIONS), f"{count}x in text")


def _proposals(
    terms: list[SearchTerm],
    docs: list[DocumentText],
    best: dict[int, tuple[float, int, list]],
) -> list[Proposal]:
    """A proposal per term: its best document when it scores enough, else a
    content gap naming the closest."""
    proposals = []
    for t, term in enumerate(terms):
        points, d, reasons = best.get(t, (0, -1, []))
        if points >= COVERED:
            proposals.append(
                Proposal(
                    term,
                    "{filename}/" + docs[d].path,
                    round(points),
                    "; ".join(reasons),
                )
            )
        else:
            closest = (
                f"closest: {docs[d].path} ({'; '.join(reasons)})" if d >= 0 else ""
            )
            proposals.append(Proposal(term, None, round(points), closest))
    return proposals


def fingerprint(keyword: str, target: str, variants: str) -> str:
    data = "\x1f".join((keyword.strip(), target.strip(), variants.strip()))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


@dataclass
class MergeResult:
    columns: list[str]
    rows: list[dict[str, str]]
    added: int = 0
    updated: int = 0
    kept_edited: int = 0
    unchanged: int = 0

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(
            out, fieldnames=self.columns, lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(
            {k: text.csv_cell(v) if isinstance(v, str) else v for k, v in row.items()}
            for row in self.rows
        )
        return out.getvalue()


def read_existing(path: str) -> tuple[list[str], list[dict[str, str]]]:
    if not os.path.exists(path):
        return [], []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = [
                {
                    k: text.from_csv_cell(v) if isinstance(v, str) else v
                    for k, v in r.items()
                }
                for r in reader
            ]
            columns = list(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError) as exc:
        raise PullMarketingError(f"cannot read: {exc}", file=path) from None
    lowered = [c.strip().lower() for c in columns]
    if "keyword" not in lowered or "target" not in lowered:
        raise PullMarketingError(
            "missing header",
            file=path,
            value=",".join(columns),
            expected="a keywords CSV with the columns keyword,target[,variants]",
        )
    return columns, rows


def merge(path: str, proposals: list[Proposal]) -> MergeResult:
    """Existing rows first, in their order; new phrases appended in rank order.
    Rows a person wrote or edited are never changed."""
    columns, rows = read_existing(path)
    columns = columns + [c for c in COLUMNS if c not in columns]
    result = MergeResult(columns, rows)
    by_key: dict[str, dict[str, str]] = {}
    for row in rows:
        forms = [row.get("keyword") or ""] + (row.get("variants") or "").split("|")
        for form in forms:
            if phrase_key(form):
                by_key.setdefault(phrase_key(form), row)
    for proposal in proposals:
        if proposal.target is None:
            continue
        term = proposal.term
        values = {
            "conversions": _number(term.conversions),
            "clicks": _number(term.clicks),
            "impressions": _number(term.impressions),
            "source": " ".join(sorted(term.sources)),
        }
        row = by_key.get(term.key)
        if row is None:
            row = {"keyword": term.phrase, "target": proposal.target, "variants": ""}
            row.update(values)
            row["imported"] = fingerprint(term.phrase, proposal.target, "")
            rows.append(row)
            by_key[term.key] = row
            result.added += 1
            continue
        made_by_import = row.get("imported") and row["imported"] == fingerprint(
            row.get("keyword") or "", row.get("target") or "", row.get("variants") or ""
        )
        if not made_by_import:
            result.kept_edited += 1
            continue
        before = dict(row)
        if phrase_key(row["keyword"]) == term.key:
            row["target"] = proposal.target
        row.update(values)
        row["imported"] = fingerprint(
            row["keyword"], row["target"], row.get("variants") or ""
        )
        if row == before:
            result.unchanged += 1
        else:
            result.updated += 1
    for row in rows:
        for column in columns:
            row.setdefault(column, "")
            if row[column] is None:
                row[column] = ""
    return result
