"""Find catalogue phrases in text: one Aho-Corasick automaton per build over
case-folded, NFC-normalised text, with an offset map back to the source so
matches can be spliced into the original markup.

Folding can change lengths (``ß`` -> ``ss``, ``İ`` -> ``i̇``) and entities or
whitespace runs shrink to one character, so the searched text is built from
pieces: a piece either maps character for character onto the source or is
atomic (a match may start or end at its edges, never inside it).
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Generator, Iterable
from typing import NamedTuple

import ahocorasick

from ..language import APOSTROPHES, CLITICS, fold_apostrophes, is_elided
from .catalogue import OTHER_SPACES, phrase_key

SEPARATOR = "\x00"  # between segments; never part of a phrase, not a word char

# Every whitespace character counts as a space; runs of them count as one.
_AS_SPACE = str.maketrans(dict.fromkeys(OTHER_SPACES, " "))
_OTHER_SPACE = re.compile(r"[^\S \n]")
_ASCII_SPACES = "".join(c for c in OTHER_SPACES if c.isascii() and c != "\n")
_RUN = r" {2,}"
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_SPECIAL_TEXT = re.compile(_RUN)
_SPECIAL_HTML = re.compile(f"{_ENTITY}|{_RUN}")


# Case folding of Latin-1 text byte by byte, every whitespace character
# made a space: every Latin-1 character folds to one Latin-1 character but
# µ and ß (to μ and ss), and all are NFC.
_LATIN1_FOLD = bytes(
    32 if chr(b).isspace() else b if chr(b) in "\xb5\xdf" else ord(chr(b).casefold())
    for b in range(256)
)


def _fold_latin1(text: str) -> str | None:
    """``text.casefold()`` with whitespace as spaces, for Latin-1 (or ASCII)
    text without µ and ß, worked out on bytes (one pass, where a str takes
    several); None for other text."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return None
    if b"\xb5" in raw or b"\xdf" in raw:
        return None
    return raw.translate(_LATIN1_FOLD).decode("latin-1")


def _decode(token: str) -> str:
    """The searched form of a whitespace run or a character reference."""
    if token[0] != "&":
        return " "
    decoded = html.unescape(token)
    if decoded.isspace():
        return " "
    return fold_apostrophes(unicodedata.normalize("NFC", decoded).casefold())


# Scripts written without spaces between words: no word boundary is needed
# next to a keyword character from these blocks.
_NO_SPACE_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x31F0, 0x31FF),  # Katakana extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x20000, 0x3134F),  # CJK extensions B-G
)


def is_no_space_script(char: str) -> bool:
    code = ord(char)
    if code < 0x0E00:
        return False
    return any(low <= code <= high for low, high in _NO_SPACE_RANGES)


def is_word_char(char: str) -> bool:
    """Letters, digits, underscore and combining marks: what may not touch a
    match on either side."""
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


def touches_word(char: str) -> bool:
    """Whether ``char``, next to a match, joins it to a word ('' for
    nothing there)."""
    return bool(char) and (
        char.isalnum() or char == "_" or (char > "\x7f" and is_word_char(char))
    )


# Apostrophes next to a match: a boundary or not, depending on the words
# around them (see elision_joins_before and clitic_joins_after). The searched
# text has every apostrophe as "'"; the characters outside a segment are the
# source's.
_APOSTROPHE_SET = frozenset(APOSTROPHES)


def _skip_tags_back(text: str, pos: int) -> int:
    """The position of the character before ``pos`` once the tags that end
    there are skipped (``MarkupText.char_before`` looks through inline tags)."""
    pos -= 1
    while pos >= 0 and text[pos] == ">":
        lt = text.rfind("<", 0, pos)
        if lt == -1:
            break
        pos = lt - 1
    return pos


def elision_joins_before(text: str, start: int) -> bool:
    """Whether the apostrophe before a match starting at ``start`` makes it
    part of a longer word: yes after a word that is not an elided one
    ("don't": "t" is no word of its own), no after an elided word
    ("l'isolation", "qu'un", "dell'impianto") or no word at all (a quote
    mark)."""
    pos = _skip_tags_back(text, start)
    if pos < 0 or text[pos] not in _APOSTROPHE_SET:
        return False
    end = first = pos
    while first > 0 and is_word_char(text[first - 1]):
        first -= 1
    return first < end and not is_elided(text[first:end])


def clitic_joins_after(text: str, end: int) -> bool:
    """Whether the apostrophe after a match ending at ``end`` makes it part
    of a longer word: yes before letters that are not a clitic ("don't":
    "don" is not the word), no before a clitic or the possessive ("the
    boiler's", "we're") or before no letter (a closing quote, "boilers'")."""
    pos, size = end, len(text)
    while pos < size and text[pos] == "<":
        gt = text.find(">", pos)
        if gt == -1:
            return False
        pos = gt + 1
    if pos >= size or text[pos] not in _APOSTROPHE_SET:
        return False
    last = start = pos + 1
    while last < size and is_word_char(text[last]):
        last += 1
    return last > start and text[start:last].casefold() not in CLITICS


class SearchText:
    """Case-folded text of several source segments, separated by SEPARATOR,
    with each position mapped back to a source offset."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        # Pieces, as parallel lists (the offset lookups bisect the starts):
        # where each starts in the searched text and in the source, and its
        # length in each. Equal lengths: the piece maps character for
        # character onto the source; else it is atomic.
        self._piece_starts: list[int] = []
        self._piece_sources: list[int] = []
        self._piece_lengths: list[int] = []
        self._piece_source_lengths: list[int] = []
        # Segments: search start, and the source characters just outside it
        # (text across inline tags still decides word boundaries).
        self._seg_starts: list[int] = []
        self._seg_left: list[str] = []
        self._seg_right: list[str] = []
        self._text: str | None = None
        # Every segment was Latin-1 (or ASCII) text, folded character for
        # character (the searched text is its case-folded form).
        self.latin1 = True

    # Whether the source range (start, end) of a candidate may become a
    # link: None for every range (plain text); a method in subclasses that
    # know more of the source (splice.MarkupText: not in a tag, a comment or
    # an excluded element).
    linkable: Callable[[int, int], bool] | None = None

    @classmethod
    def plain(cls, text: str) -> SearchText:
        st = cls()
        st.add(text, 0, entities=False)
        return st

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._parts)
        return self._text

    def _piece(self, folded: str, src: int, src_len: int) -> None:
        n = len(folded)
        if not n:
            return
        starts, lengths = self._piece_starts, self._piece_lengths
        source_lengths = self._piece_source_lengths
        if (
            starts
            and n == src_len
            and lengths[-1] == source_lengths[-1]
            and starts[-1] + lengths[-1] == self._length
            and self._piece_sources[-1] + source_lengths[-1] == src
        ):  # extends the character-for-character piece before it
            lengths[-1] += n
            source_lengths[-1] += n
        else:
            starts.append(self._length)
            self._piece_sources.append(src)
            lengths.append(n)
            source_lengths.append(src_len)
        self._parts.append(folded)
        self._length += n

    def _run(self, run: str, src: int) -> None:
        if run.isascii():
            self._piece(run.lower(), src, len(run))
            return
        folded = fold_apostrophes(run.casefold())
        if len(folded) == len(run) and unicodedata.is_normalized("NFC", run):
            self._piece(folded, src, len(run))
            return
        # Slow path: one piece per base character with its combining marks.
        start = 0
        for i in range(1, len(run) + 1):
            if i < len(run) and unicodedata.combining(run[i]):
                continue
            cluster = run[start:i]
            self._piece(
                fold_apostrophes(unicodedata.normalize("NFC", cluster).casefold()),
                src + start,
                i - start,
            )
            start = i

    def add(
        self, text: str, src: int = 0, *, entities: bool = True, left="", right=""
    ) -> None:
        """Add a segment whose first character is at source offset ``src``.
        ``entities``: decode HTML character references. ``left``/``right``:
        the source characters touching the segment ('' for none)."""
        if self._parts:
            self._parts.append(SEPARATOR)
            self._length += 1
        self._text = None
        self._seg_starts.append(self._length)
        self._seg_left.append(left)
        self._seg_right.append(right)
        special = _SPECIAL_HTML if entities else _SPECIAL_TEXT
        if text.isascii():
            folded = text.lower().replace("\n", " ")
            if any(c in folded for c in _ASCII_SPACES) and _OTHER_SPACE.search(folded):
                folded = folded.translate(_AS_SPACE)
        else:
            folded = _fold_latin1(text)
        if folded is None:
            self.latin1 = False
            folded = text.casefold()
            if len(folded) != len(text) or not unicodedata.is_normalized("NFC", text):
                self._add_slowly(text, src, special)
                return
            folded = fold_apostrophes(folded)
            # Every whitespace character but the space is unprintable: a
            # cheap test before the search for the ones to replace.
            folded = folded.replace("\n", " ")
            if not folded.isprintable() and _OTHER_SPACE.search(folded):
                folded = folded.translate(_AS_SPACE)
        # Fast path: folding kept every offset, single whitespace characters
        # are spaces in place, and only runs and entities become pieces.
        pos = 0
        if "  " in folded or (entities and "&" in folded):
            for m in special.finditer(folded):
                if m.start() > pos:
                    self._piece(folded[pos : m.start()], src + pos, m.start() - pos)
                token = m.group()
                self._piece(_decode(token), src + m.start(), len(token))
                pos = m.end()
        if pos < len(folded):
            self._piece(folded[pos:], src + pos, len(folded) - pos)

    def _add_slowly(self, text: str, src: int, special: re.Pattern) -> None:
        pos = 0
        text_spaced = text.translate(_AS_SPACE)
        for m in special.finditer(text_spaced):
            if m.start() > pos:
                self._run(text[pos : m.start()], src + pos)
            token = m.group()
            self._piece(_decode(token), src + m.start(), len(token))
            pos = m.end()
        if pos < len(text):
            self._run(text[pos:], src + pos)

    def shift(self) -> int | None:
        """The source offset of search position 0 when every position maps
        onto the source character for character (one piece: no entity, run
        or length-changing fold), else None."""
        lengths, source_lengths = self._piece_lengths, self._piece_source_lengths
        if len(lengths) == 1 and lengths[0] == source_lengths[0]:
            return self._piece_sources[0]
        return None

    def source_start(self, pos: int) -> int | None:
        i = bisect_right(self._piece_starts, pos) - 1
        off = pos - self._piece_starts[i]
        if off == 0 or self._piece_lengths[i] == self._piece_source_lengths[i]:
            return self._piece_sources[i] + off
        return None

    def source_end(self, pos: int) -> int | None:
        i = bisect_left(self._piece_starts, pos) - 1
        off = pos - self._piece_starts[i]
        if self._piece_lengths[i] == self._piece_source_lengths[i]:
            return self._piece_sources[i] + off
        if off == self._piece_lengths[i]:
            return self._piece_sources[i] + self._piece_source_lengths[i]
        return None

    def char_before(self, pos: int) -> str:
        char = self.text[pos - 1] if pos else SEPARATOR
        if char == SEPARATOR:
            return self._seg_left[bisect_right(self._seg_starts, pos) - 1]
        return char

    def char_after(self, pos: int) -> str:
        text = self.text
        char = text[pos] if pos < len(text) else SEPARATOR
        if char == SEPARATOR:
            return self._seg_right[bisect_right(self._seg_starts, pos - 1) - 1]
        return char


class Match(NamedTuple):  # a tuple: made for every candidate, cheaply
    start: int  # source offsets
    end: int
    keyword: int  # index of the keyword in the catalogue
    length: int  # length in the searched (folded) text


# What the automaton stores for each form: one int (an int is not a
# container the garbage collector has to walk, a tuple is), packed as
#   keyword index << INDEX_SHIFT | key length << LENGTH_SHIFT | boundary flags
NEEDS_RIGHT_BOUNDARY = 1  # the key must not be followed by a word character
NEEDS_LEFT_BOUNDARY = 2  # ... nor preceded by one
LENGTH_SHIFT = 2
LENGTH_MASK = 0xFFFFFFFF  # 32 bits of key length
INDEX_SHIFT = 34


def pack_form(index: int, key: str) -> int:
    """The automaton's value for search key ``key`` of keyword ``index``: a
    word boundary is needed at each end unless the key's character there is
    from a script written without spaces."""
    if key.isascii():
        flags = NEEDS_LEFT_BOUNDARY | NEEDS_RIGHT_BOUNDARY
    else:
        flags = (NEEDS_LEFT_BOUNDARY if not is_no_space_script(key[0]) else 0) | (
            NEEDS_RIGHT_BOUNDARY if not is_no_space_script(key[-1]) else 0
        )
    return (index << INDEX_SHIFT) | (len(key) << LENGTH_SHIFT) | flags


# Runs handed over by ``KeywordMatcher.runs`` when no size is sent.
_ALL_AT_THE_END = sys.maxsize


class KeywordMatcher:
    """One automaton for every form of every keyword, built once per build.
    It finds candidates: occurrences with word boundaries where needed that
    map onto whole source characters and that the searched text calls
    linkable (``SearchText.linkable``). Which of them become links is the
    chooser's business (chooser.py)."""

    def __init__(self, forms: Iterable[tuple[str, int]], *, keyed: bool = False):
        """``forms``: (phrase, keyword index); ``keyed``: the phrases are
        already search keys (``phrase_key``)."""
        self._automaton = ahocorasick.Automaton()
        add_word = self._automaton.add_word
        count = longest = 0
        for phrase, index in forms:
            key = phrase if keyed else phrase_key(phrase)
            if not key:
                continue
            if len(key) > longest:
                longest = len(key)
            add_word(key, pack_form(index, key))
            count += 1
        self.size = count
        self.longest = longest  # length of the longest key
        if count:
            self._automaton.make_automaton()

    def find_all(
        self, st: SearchText, *, first_only: bool = False, skip: Iterable[int] = ()
    ) -> list[Match]:
        """Every candidate in ``st`` (overlapping ones too), in the order
        the search ends them. ``first_only``: only the first candidate of
        each keyword. ``skip``: keyword indexes to ignore."""
        return next(
            self.runs(st, first_only=first_only, skip=skip, size=_ALL_AT_THE_END), []
        )

    def runs(
        self,
        st: SearchText,
        *,
        first_only: bool = False,
        skip: Iterable[int] = (),
        size: int = 1,
    ) -> Generator[list[Match], int | None, None]:
        """The candidates of ``find_all`` in runs, each as soon as it is
        settled: no later candidate can overlap one in a run handed over (the
        search reports occurrences by where they end, and none is longer
        than the longest key). A run is handed over once it has ``size``
        candidates (the last run may have fewer); the consumer may ``send``
        a new size for the runs that follow, and stops the search by no
        longer asking (or by ``close()``)."""
        if not self.size:
            return
        found: list[Match] = []
        seen = set(skip)
        text = st.text
        char_before, char_after = st.char_before, st.char_after
        source_start, source_end = st.source_start, st.source_end
        linkable = st.linkable
        shift = st.shift()
        longest = self.longest
        handed = 0  # found[:handed] were handed over
        pending_end = 0  # search end of the last candidate found
        index_shift, length_shift, length_mask = INDEX_SHIFT, LENGTH_SHIFT, LENGTH_MASK
        needs_left, needs_right = NEEDS_LEFT_BOUNDARY, NEEDS_RIGHT_BOUNDARY
        apostrophes = _APOSTROPHE_SET
        # This loop runs for every occurrence of every key in every
        # document: the names it uses are bound locally.
        for last, value in self._automaton.iter(text):
            if len(found) - handed >= size and last + 1 - longest >= pending_end:
                size = (yield found[handed:]) or 1
                handed = len(found)
            index = value >> index_shift
            if index in seen:
                continue
            n = (value >> length_shift) & length_mask
            start, end = last - n + 1, last + 1
            if value & needs_left:
                before = char_before(start)
                if before in apostrophes:
                    if elision_joins_before(text, start):
                        continue
                elif touches_word(before):
                    continue
            if value & needs_right:
                after = char_after(end)
                if after in apostrophes:
                    if clitic_joins_after(text, end):
                        continue
                elif touches_word(after):
                    continue
            if shift is not None:
                src_start, src_end = start + shift, end + shift
            else:
                src_start, src_end = source_start(start), source_end(end)
                if src_start is None or src_end is None:
                    continue
            if linkable is not None and not linkable(src_start, src_end):
                continue
            if first_only:
                seen.add(index)
            found.append(Match(src_start, src_end, index, n))
            pending_end = end
        if handed < len(found):
            yield found[handed:]
