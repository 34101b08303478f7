"""The keyword catalogue: phrases customers search for and the page each one
should link to, from ``PULLMARKETING_KEYWORDS`` and the keywords CSV.

A target is a ``{filename}`` reference to an article or page (kept as the
source path, so Pelican resolves it with the site's URL settings) or an
absolute URL. A phrase given twice with different targets is an error that
names both places; the same phrase with the same target merges.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import ProblemList, PullMarketingError, describe

_FILENAME = re.compile(r"^\{filename\}/?(?P<path>.+)$")
EXPECTED_TARGET = (
    "a {filename} reference to an article or page, e.g. {filename}/boilers.md, "
    "or an absolute URL starting with http:// or https://"
)


def phrase_key(phrase: str) -> str:
    """The form phrases are compared and searched in: NFC, case-folded, one
    space between words."""
    if phrase.isascii():
        return " ".join(phrase.lower().split())
    return " ".join(unicodedata.normalize("NFC", phrase).casefold().split())


@dataclass(frozen=True)
class Target:
    """Where a keyword links: ``path`` (source path relative to the content
    folder) for documents, ``url`` for absolute URLs."""

    path: str | None = None
    url: str | None = None

    @property
    def href(self) -> str:
        # A leading slash makes Pelican resolve from the content root, whatever
        # folder the linking document lives in.
        return "{filename}/" + self.path if self.path is not None else self.url

    def __str__(self) -> str:
        return "{filename}/" + self.path if self.path is not None else self.url


def parse_target(raw: str) -> Target:
    """``{filename}/a/b.md`` or ``https://...`` -> Target; ValueError otherwise."""
    text = (raw or "").strip()
    match = _FILENAME.match(text)
    if match:
        path = os.path.normpath(match.group("path").strip()).replace(os.sep, "/")
        if path.startswith("../") or path == "..":
            raise ValueError(EXPECTED_TARGET)
        return Target(path=path)
    if text.startswith(("http://", "https://")) and len(text) > 8:
        return Target(url=text)
    raise ValueError(EXPECTED_TARGET)


@dataclass
class Keyword:
    """One catalogue entry: the phrase, its variants (other spellings that
    link to the same target and count as the same keyword) and its target."""

    phrase: str
    target: Target
    source: str  # where it was defined, e.g. "keywords.csv, line 4"
    variants: list[str] = field(default_factory=list)
    # Search keys of phrase and variants, filled by the catalogue builder
    # (saves folding every form again when the automaton is built).
    keys: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def forms(self) -> list[str]:
        """Phrase and variants, each once (by key), phrase first."""
        seen: dict[str, str] = {}
        for form in [self.phrase, *self.variants]:
            seen.setdefault(phrase_key(form), form)
        return list(seen.values())


@dataclass
class KeywordCatalogue:
    keywords: list[Keyword] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.keywords)

    def forms(self) -> list[tuple[str, int]]:
        """Every searchable form as (phrase, index of its keyword)."""
        return [
            (form, index)
            for index, keyword in enumerate(self.keywords)
            for form in keyword.forms
        ]

    def search_keys(self) -> list[tuple[str, int]]:
        """Every searchable form's key (``phrase_key``) as (key, index)."""
        return [
            (key, index)
            for index, keyword in enumerate(self.keywords)
            for key in (keyword.keys or [phrase_key(f) for f in keyword.forms])
        ]

    def by_key(self) -> dict[str, Keyword]:
        return {phrase_key(f): self.keywords[i] for f, i in self.forms()}


class _Builder:
    """Merges entries from several sources and collects every problem."""

    def __init__(self) -> None:
        self.keywords: list[Keyword] = []
        self.owner: dict[str, tuple[Keyword, str]] = {}  # key -> (keyword, where)
        self.problems: list[str] = []

    def add(
        self,
        phrase: str,
        target: Target,
        source: str,
        variants: list[str],
        key: str | None = None,
    ):
        key = key or phrase_key(phrase)
        if not variants and key not in self.owner:  # the common case: a new phrase
            keyword = Keyword(phrase, target, source, [], [key])
            self.keywords.append(keyword)
            self.owner[key] = (keyword, source)
            return
        forms = [(phrase, key)]
        forms += [(form, phrase_key(form)) for form in variants]
        keyword = None
        for form, key in forms:
            known = self.owner.get(key)
            if known is None:
                continue
            if known[0].target != target:
                self.problems.append(
                    f"keyword {form!r} has two targets: {known[0].target} "
                    f"({known[1]}) and {target} ({source})"
                )
                return
            keyword = keyword or known[0]
        if keyword is None:
            keyword = Keyword(phrase, target, source)
            keyword.keys.append(forms[0][1])
            self.keywords.append(keyword)
        main_key = keyword.keys[0]
        for form, key in forms:
            if key not in self.owner:
                self.owner[key] = (keyword, source)
                if key != main_key:
                    keyword.variants.append(form)
                    keyword.keys.append(key)


def _check_phrase(phrase: str) -> str:
    if not phrase_key(phrase):
        raise ValueError("a phrase of one or more words")
    return phrase.strip()


def read_keywords_csv(path: str, builder: _Builder | None = None) -> _Builder:
    """Entries of a keywords CSV (UTF-8, BOM optional, header ``keyword,target``
    and optionally ``variants``; other columns are kept for the importer and
    ignored here)."""
    builder = builder or _Builder()
    name = os.path.basename(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PullMarketingError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            file=path,
            expected="a UTF-8 CSV (with or without BOM)",
        ) from None
    except OSError as exc:
        raise PullMarketingError(f"cannot read: {exc.strerror}", file=path) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    columns = [c.strip().lower() for c in header or []]
    if "keyword" not in columns or "target" not in columns:
        raise PullMarketingError(
            "missing header",
            file=path,
            field="line 1",
            value=",".join(header or []),
            expected="a header line with the columns keyword,target[,variants]",
        )
    k_col, t_col = columns.index("keyword"), columns.index("target")
    v_col = columns.index("variants") if "variants" in columns else None
    line = reader.line_num
    targets: dict[str, Target] = {}  # many rows share a target: parse it once
    width = len(columns)
    for row in reader:
        start, line = line + 1, reader.line_num
        if not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = row if len(row) >= width else row + [""] * (width - len(row))
        phrase, target_text = cells[k_col].strip(), cells[t_col].strip()
        key = phrase_key(phrase)
        if not key:
            builder.problems.append(
                describe(
                    "empty keyword",
                    file=path,
                    field=f"line {start}",
                    value=phrase,
                    expected="a phrase of one or more words",
                )
            )
            continue
        try:
            target = targets.get(target_text) or parse_target(target_text)
            targets[target_text] = target
        except ValueError as exc:
            builder.problems.append(
                describe(
                    f"invalid target of {phrase!r}",
                    file=path,
                    field=f"line {start}",
                    value=target_text,
                    expected=str(exc),
                )
            )
            continue
        variants = []
        if v_col is not None and cells[v_col]:
            variants = [v.strip() for v in cells[v_col].split("|") if phrase_key(v)]
        builder.add(phrase, target, f"{name}, line {start}", variants, key)
    return builder


def load_catalogue(settings: dict) -> KeywordCatalogue:
    """Merge ``PULLMARKETING_KEYWORDS`` and the keywords CSV (when it exists).
    Raises ``ProblemList`` naming every bad entry and every conflict."""
    builder = _Builder()
    for phrase, target_text in sorted(
        (settings.get("PULLMARKETING_KEYWORDS") or {}).items()
    ):
        where = "PULLMARKETING_KEYWORDS"
        try:
            _check_phrase(phrase)
            target = parse_target(target_text)
        except ValueError as exc:
            builder.problems.append(
                describe(
                    "invalid entry",
                    file=where,
                    field=repr(phrase),
                    value=target_text,
                    expected=str(exc),
                )
            )
            continue
        builder.add(phrase, target, where, [])
    path = settings.get("PULLMARKETING_KEYWORDS_FILE")
    if path and os.path.isfile(path):
        read_keywords_csv(path, builder)
    if builder.problems:
        raise ProblemList("invalid keyword catalogue:", builder.problems)
    return KeywordCatalogue(builder.keywords)
