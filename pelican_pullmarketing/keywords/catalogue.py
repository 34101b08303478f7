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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import ProblemList, PullMarketingError, describe
from ..language import fold_apostrophes
from ..text import from_csv_cell

_FILENAME = re.compile(r"^\{filename\}/?(?P<path>.+)$")
EXPECTED_TARGET = (
    "a {filename} reference to an article or page, e.g. {filename}/boilers.md, "
    "or an absolute URL starting with http:// or https://"
)


def phrase_key(phrase: str) -> str:
    """The form phrases are compared and searched in: NFC, case-folded, every
    apostrophe as ``'``, one space between words."""
    if phrase.isascii():
        return " ".join(phrase.lower().split())
    return " ".join(
        fold_apostrophes(unicodedata.normalize("NFC", phrase).casefold()).split()
    )


_KEY_SEPARATOR = "\x00"  # neither whitespace nor changed by NFC or case folding
# Every whitespace character (what str.split() splits on) but the space.
OTHER_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003"
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def phrase_keys(phrases: list[str]) -> list[str]:
    """``phrase_key`` of each phrase, worked out for all of them at once: NFC,
    case folding and whitespace map each character on its own (the separator
    stays a boundary), so the joined text is folded in a few C calls."""
    joined = _KEY_SEPARATOR.join(phrases)
    if not phrases or joined.count(_KEY_SEPARATOR) != len(phrases) - 1:
        return [phrase_key(phrase) for phrase in phrases]
    if joined.isascii():
        folded = joined.lower()
    else:
        folded = fold_apostrophes(unicodedata.normalize("NFC", joined).casefold())
    keys = folded.split(_KEY_SEPARATOR)
    if "  " in folded or any(space in folded for space in OTHER_SPACES):
        keys = [" ".join(key.split()) for key in keys]
    elif (
        " \x00" in folded
        or "\x00 " in folded
        or folded[:1] == " "
        or folded[-1:] == " "
    ):
        keys = [key.strip(" ") for key in keys]
    return keys


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
        return self.href


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

    def search_keys(self, only: Callable[[int], bool] | None = None):
        """Every searchable form's key (``phrase_key``) as (key, index of its
        keyword), one by one (no list of pairs kept alive), of the keywords
        whose index passes ``only`` when given."""
        for index, keyword in enumerate(self.keywords):
            if only is None or only(index):
                for key in keyword.keys or [phrase_key(f) for f in keyword.forms]:
                    yield key, index


class CatalogueBuilder:
    """Merges entries from several sources and collects every problem."""

    def __init__(self) -> None:
        self.keywords: list[Keyword] = []
        # key -> keyword, and where the key was first given (two dicts: a
        # pair per key would be one more object for the garbage collector).
        self._owner: dict[str, Keyword] = {}
        self._where: dict[str, str] = {}
        self.problems: list[str] = []

    def add(
        self,
        phrase: str,
        target: Target,
        source: str,
        variants: Sequence[str] = (),
        key: str | None = None,
    ) -> None:
        """Add ``phrase`` (search key ``key`` when already worked out) and
        its ``variants``, linking to ``target``, defined at ``source``; a
        phrase or variant known with another target is a problem."""
        key = key or phrase_key(phrase)
        if not variants and key not in self._owner:  # the common case: a new phrase
            keyword = Keyword(phrase, target, source, [], [key])
            self.keywords.append(keyword)
            self._owner[key] = keyword
            self._where[key] = source
            return
        forms = [(phrase, key)]
        forms += [(form, phrase_key(form)) for form in variants]
        keyword = None
        for form, key in forms:
            known = self._owner.get(key)
            if known is None:
                continue
            if known.target != target:
                self.problems.append(
                    f"keyword {form!r} has two targets: {known.target} "
                    f"({self._where[key]}) and {target} ({source})"
                )
                return
            keyword = keyword or known
        if keyword is None:
            keyword = Keyword(phrase, target, source)
            keyword.keys.append(forms[0][1])
            self.keywords.append(keyword)
        main_key = keyword.keys[0]
        for form, key in forms:
            if key not in self._owner:
                self._owner[key] = keyword
                self._where[key] = source
                if key != main_key:
                    keyword.variants.append(form)
                    keyword.keys.append(key)


def _check_phrase(phrase: str) -> str:
    if not phrase_key(phrase):
        raise ValueError("a phrase of one or more words")
    return phrase.strip()


def _csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(number of its first line, cells) of each record of a CSV text, as
    ``csv.reader`` reads them (blank lines give empty records)."""
    if '"' not in text and "\x00" not in text:
        # No quoting: a record is a line and its cells are split at commas,
        # which is what csv.reader would return, found much faster.
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines[-1] == "":
            lines.pop()  # the line break that ends the last line
        for number, line in enumerate(lines, 1):
            yield number, line.split(",") if line else []
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0
    for row in reader:
        yield line + 1, row
        line = reader.line_num


def _read_utf8(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PullMarketingError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            file=path,
            expected="a UTF-8 CSV (with or without BOM)",
        ) from None
    except OSError as exc:
        raise PullMarketingError(f"cannot read: {exc.strerror}", file=path) from None


class _Columns(NamedTuple):
    keyword: int
    target: int
    variants: int | None
    width: int  # cells of a full row


def _columns(path: str, header: list[str] | None) -> _Columns:
    """Where the columns are, from the header; an error without one."""
    columns = [c.strip().lower() for c in header or []]
    if "keyword" not in columns or "target" not in columns:
        raise PullMarketingError(
            "missing header",
            file=path,
            field="line 1",
            value=",".join(header or []),
            expected="a header line with the columns keyword,target[,variants]",
        )
    return _Columns(
        columns.index("keyword"),
        columns.index("target"),
        columns.index("variants") if "variants" in columns else None,
        len(columns),
    )


def _cells(records: Iterator[tuple[int, list[str]]], columns: _Columns):
    """(first lines, phrases, target texts, variant texts) of the rows that
    are not blank or comments, as four lists: the rows are taken apart one
    by one and only strings are kept (a list per row kept alive would make
    the garbage collector walk the whole heap of the build more often)."""
    lines, phrases, target_texts, variant_texts = [], [], [], []
    k_col, t_col, v_col, width = columns
    for start, row in records:
        if not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < width:
            row += [""] * (width - len(row))
        lines.append(start)
        phrases.append(from_csv_cell(row[k_col].strip()))
        target_texts.append(row[t_col].strip())
        variant_texts.append(row[v_col] if v_col is not None else "")
    return lines, phrases, target_texts, variant_texts


def read_keywords_csv(
    path: str, builder: CatalogueBuilder | None = None
) -> CatalogueBuilder:
    """Entries of a keywords CSV (UTF-8, BOM optional, header ``keyword,target``
    and optionally ``variants``; other columns are kept for the importer and
    ignored here), added to ``builder``."""
    builder = builder or CatalogueBuilder()
    name = os.path.basename(path)
    records = _csv_records(_read_utf8(path))
    columns = _columns(path, next(records, (0, None))[1])
    lines, phrases, target_texts, variant_texts = _cells(records, columns)
    targets: dict[str, Target] = {}  # many rows share a target: parse it once
    for start, phrase, key, target_text, variant_text in zip(
        lines, phrases, phrase_keys(phrases), target_texts, variant_texts, strict=True
    ):
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
        target = targets.get(target_text)
        if target is None:
            try:
                target = targets[target_text] = parse_target(target_text)
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
        variants = (
            [v.strip() for v in variant_text.split("|") if phrase_key(v)]
            if variant_text
            else ()
        )
        builder.add(phrase, target, f"{name}, line {start}", variants, key)
    return builder


def load_catalogue(settings: dict) -> KeywordCatalogue:
    """Merge ``PULLMARKETING_KEYWORDS`` and the keywords CSV (when it exists).
    Raises ``ProblemList`` naming every bad entry and every conflict."""
    builder = CatalogueBuilder()
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
        builder.add(phrase, target, where)
    path = settings.get("PULLMARKETING_KEYWORDS_FILE")
    if path and os.path.isfile(path):
        read_keywords_csv(path, builder)
    if builder.problems:
        raise ProblemList("invalid keyword catalogue:", builder.problems)
    return KeywordCatalogue(builder.keywords)
