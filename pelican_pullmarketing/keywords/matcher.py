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
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import ahocorasick

from .catalogue import phrase_key

SEPARATOR = "\x00"  # between segments; never part of a phrase, not a word char

# Every whitespace character counts as a space; runs of them count as one.
_SPACES = {
    ord(c): " "
    for c in "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
}
_OTHER_SPACE = re.compile(r"[^\S \n]")
_ASCII_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"
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
    return unicodedata.normalize("NFC", decoded).casefold()


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


class SearchText:
    """Case-folded text of several source segments, separated by SEPARATOR,
    with each position mapped back to a source offset."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        # Pieces, as parallel lists: search start, source start, search
        # length, source length. Equal lengths: char-for-char; else atomic.
        self._ps: list[int] = []
        self._pd: list[int] = []
        self._pl: list[int] = []
        self._pk: list[int] = []
        # Segments: search start, and the source characters just outside it
        # (text across inline tags still decides word boundaries).
        self._seg_starts: list[int] = []
        self._seg_left: list[str] = []
        self._seg_right: list[str] = []
        self._text: str | None = None
        # Every segment was Latin-1 (or ASCII) text, folded character for
        # character (the searched text is its case-folded form).
        self.latin1 = True

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
        ps, pl, pk = self._ps, self._pl, self._pk
        if (
            ps
            and n == src_len
            and pl[-1] == pk[-1]
            and ps[-1] + pl[-1] == self._length
            and self._pd[-1] + pk[-1] == src
        ):
            pl[-1] += n
            pk[-1] += n
        else:
            ps.append(self._length)
            self._pd.append(src)
            pl.append(n)
            pk.append(src_len)
        self._parts.append(folded)
        self._length += n

    def _run(self, run: str, src: int) -> None:
        if run.isascii():
            self._piece(run.lower(), src, len(run))
            return
        folded = run.casefold()
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
                unicodedata.normalize("NFC", cluster).casefold(), src + start, i - start
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
                folded = folded.translate(_SPACES)
        else:
            folded = _fold_latin1(text)
        if folded is None:
            self.latin1 = False
            folded = text.casefold()
            if len(folded) != len(text) or not unicodedata.is_normalized("NFC", text):
                self._add_slowly(text, src, special)
                return
            # Every whitespace character but the space is unprintable: a
            # cheap test before the search for the ones to replace.
            folded = folded.replace("\n", " ")
            if not folded.isprintable() and _OTHER_SPACE.search(folded):
                folded = folded.translate(_SPACES)
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
        text_spaced = text.translate(_SPACES)
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
        if len(self._ps) == 1 and self._pl[0] == self._pk[0]:
            return self._pd[0]
        return None

    def source_start(self, pos: int) -> int | None:
        i = bisect_right(self._ps, pos) - 1
        off = pos - self._ps[i]
        if off == 0 or self._pl[i] == self._pk[i]:
            return self._pd[i] + off
        return None

    def source_end(self, pos: int) -> int | None:
        i = bisect_left(self._ps, pos) - 1
        off = pos - self._ps[i]
        if self._pl[i] == self._pk[i]:
            return self._pd[i] + off
        if off == self._pl[i]:
            return self._pd[i] + self._pk[i]
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


class KeywordMatcher:
    """One automaton for every form of every keyword, built once per build."""

    def __init__(self, forms: Iterable[tuple[str, int]], *, keyed: bool = False):
        """``forms``: (phrase, keyword index); ``keyed``: the phrases are
        already search keys (``phrase_key``)."""
        # Each form's value is one int: keyword index, length and whether a
        # word boundary is needed on the left and on the right (an int is
        # not a container the garbage collector has to walk, a tuple is).
        self._automaton = ahocorasick.Automaton()
        add_word = self._automaton.add_word
        count = longest = 0
        for phrase, index in forms:
            key = phrase if keyed else phrase_key(phrase)
            if not key:
                continue
            if len(key) > longest:
                longest = len(key)
            if key.isascii():
                add_word(key, (index << 34) | (len(key) << 2) | 3)
            else:
                need_left = not is_no_space_script(key[0])
                need_right = not is_no_space_script(key[-1])
                add_word(
                    key, (index << 34) | (len(key) << 2) | need_left << 1 | need_right
                )
            count += 1
        self.size = count
        self.longest = longest  # length of the longest key
        if count:
            self._automaton.make_automaton()

    def find_all(
        self,
        st: SearchText,
        *,
        first_only: bool = False,
        skip: Iterable[int] = (),
        accept: Callable[[int, int], bool] | None = None,
        settled: Callable[[list[Match]], bool] | None = None,
        room: Callable[[], int] | None = None,
    ) -> list[Match]:
        """Occurrences of every form (overlapping ones too) that have word
        boundaries where needed and map onto whole source characters.

        ``first_only``: only the first such occurrence of each keyword.
        ``skip``: keyword indexes to ignore. ``accept(start, end)``: a further
        test on source offsets (e.g. "not inside a tag").

        ``settled(matches)``: given, in order, runs of the matches found that
        no later occurrence can overlap (the search reports occurrences by
        where they end, and none is longer than the longest key); the search
        stops when it returns True. ``room()``: how many more matches could
        still change anything (asked after each run handed over); runs are
        handed over only once there are that many."""
        if not self.size:
            return []
        found: list[Match] = []
        seen = set(skip)
        text = st.text
        char_before, char_after = st.char_before, st.char_after
        source_start, source_end = st.source_start, st.source_end
        shift = st.shift()
        longest = self.longest
        handed = 0  # found[:handed] went to settled
        pending_end = 0  # search end of the last match found
        wanted = room() if settled is not None and room is not None else 1
        for last, value in self._automaton.iter(text):
            if (
                settled is not None
                and len(found) - handed >= wanted
                and last + 1 - longest >= pending_end
            ):
                if settled(found[handed:]):
                    return found
                handed = len(found)
                wanted = room() if room is not None else 1
            index = value >> 34
            if index in seen:
                continue
            n = (value >> 2) & 0xFFFFFFFF
            start, end = last - n + 1, last + 1
            if value & 2:
                before = char_before(start)
                if before and (
                    before.isalnum()
                    or before == "_"
                    or (before > "\x7f" and is_word_char(before))
                ):
                    continue
            if value & 1:
                after = char_after(end)
                if after and (
                    after.isalnum()
                    or after == "_"
                    or (after > "\x7f" and is_word_char(after))
                ):
                    continue
            if shift is not None:
                src_start, src_end = start + shift, end + shift
            else:
                src_start, src_end = source_start(start), source_end(end)
                if src_start is None or src_end is None:
                    continue
            if accept is not None and not accept(src_start, src_end):
                continue
            if first_only:
                seen.add(index)
            found.append(Match(src_start, src_end, index, n))
            pending_end = end
        if settled is not None and handed < len(found):
            settled(found[handed:])
        return found


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
    """The links to add to one document, chosen from runs of matches that
    do not overlap one another (each run in document order, after the one
    before): in each run the non-overlapping matches (give the first
    occurrence of each keyword only), and over all at most
    ``max_per_target`` per target (``target_of(keyword)``; ``linked()``
    counts the links the author already wrote, asked once, when needed) and
    ``max_links`` in all."""

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
        """Choose among ``matches``; True once no more links fit."""
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


def choose_links(
    matches: Sequence[Match],
    target_of: Callable[[int], object],
    *,
    max_links: int,
    max_per_target: int,
    linked: dict[object, int] | None = None,
) -> list[Match]:
    """The links to add, in document order: non-overlapping matches (give
    the first occurrence of each keyword only), at most ``max_per_target`` per
    target (``target_of(keyword)``; ``linked`` counts the links the author
    already wrote) and ``max_links`` in all."""
    chooser = LinkChooser(
        target_of,
        max_links=max_links,
        max_per_target=max_per_target,
        linked=lambda: linked or {},
    )
    chooser.add(matches)
    return chooser.links
