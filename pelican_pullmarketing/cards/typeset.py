"""Text on a card: the title made drawable (emoji and control characters
out), each character given the first font of the chain that has it (never a
box), lines broken between words (between characters in CJK), the size
shrunk until the title fits, an ellipsis past the last line, and
right-to-left words put in visual order.

Layout: Pillow's raqm engine (HarfBuzz shaping, FriBiDi) when this Pillow
has it, which joins Arabic letters and orders each word; the order of the
words on a line is ours (``visual_order``: the Unicode bidi algorithm's
levels for words, rules W/N simplified to strong-direction words and
neutrals between them). Without raqm a right-to-left word is drawn with its
characters reversed: readable Hebrew, unjoined Arabic letters.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")
_PROBE = "\U0010fffd"  # no font has it: its mask is the font's "missing" box

# Fonts looked for on the machine for scripts the card's fonts lack (Debian's
# fonts-noto-core / fonts-noto-cjk; macOS and Windows names too).
SYSTEM_FALLBACKS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyhbd.ttc",
)
# Index of the face in a Noto CJK collection, by language (JP is first).
_CJK_FACE = {
    "ja": 0,
    "ko": 1,
    "zh": 2,
    "zh-cn": 2,
    "zh-hans": 2,
    "zh-tw": 3,
    "zh-hant": 3,
    "zh-hk": 4,
}


def raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


@lru_cache(maxsize=1)
def _drop():
    # Compiled when a card is first drawn (a warm build never draws).
    import regex

    return regex.compile(
        r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u200d\ufe0e\ufe0f"
        r"\U0001F3FB-\U0001F3FF\u20e3\p{Cc}\p{Co}\p{Cs}\p{Cn}]"
    )


def clean(value: str) -> str:
    """The text as a card shows it: NFC, emoji and control or unassigned
    characters dropped, white space collapsed."""
    value = unicodedata.normalize("NFC", value or "")
    value = _drop().sub("", _SPACE.sub(" ", value))
    return _SPACE.sub(" ", value).strip()


@dataclass(frozen=True)
class Face:
    path: str
    index: int = 0


def face_for(path: str, lang: str) -> Face:
    if path.lower().endswith(".ttc") and "CJK" in os.path.basename(path):
        lang = (lang or "").lower().replace("_", "-")
        return Face(path, _CJK_FACE.get(lang, _CJK_FACE.get(lang.split("-")[0], 0)))
    return Face(path)


def chain(
    first: str, fallbacks: tuple[str, ...], bundled: str, lang: str
) -> tuple[Face, ...]:
    """Fonts tried in order for each character: the card's, the configured
    fallbacks, the bundled one, then the machine's known fallbacks."""
    seen, out = set(), []
    for path in (first, *fallbacks, bundled, *SYSTEM_FALLBACKS):
        if path and path not in seen and os.path.isfile(path):
            seen.add(path)
            out.append(face_for(path, lang))
    return tuple(out)


@lru_cache(maxsize=256)
def font(face: Face, size: int):
    from PIL import ImageFont

    layout = ImageFont.Layout.RAQM if raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(face.path, size, index=face.index, layout_engine=layout)


@lru_cache(maxsize=8)
def _missing_mask(face: Face) -> tuple:
    return _mask(face, _PROBE)


def _mask(face: Face, ch: str) -> tuple:
    from PIL import Image, ImageFont

    f = ImageFont.truetype(
        face.path, 24, index=face.index, layout_engine=ImageFont.Layout.BASIC
    )
    m = f.getmask(ch)
    return m.size, Image.Image()._new(m).tobytes()


@lru_cache(maxsize=65536)
def has_glyph(face: Face, ch: str) -> bool:
    if ch.isspace():
        return True
    return _mask(face, ch) != _missing_mask(face)


def face_of(ch: str, faces: tuple[Face, ...]) -> Face | None:
    for face in faces:
        if has_glyph(face, ch):
            return face
    return None


def direction_of(text: str) -> str | None:
    """ "rtl", "ltr" or None (no strong character) from the first strong one."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3134F
    )


@dataclass
class Token:
    """A word (or one CJK character): its font runs, whether a space follows,
    its direction."""

    runs: list  # [(text, Face)]
    space_after: bool
    direction: str | None

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


def tokens(
    text: str, faces: tuple[Face, ...], dropped: set[str] | None = None
) -> list[Token]:
    """The text as tokens; characters no font has are left out (and noted in
    ``dropped``)."""
    out: list[Token] = []
    for word in text.split(" "):
        if not word:
            continue
        parts: list[str] = []
        buf = ""
        for ch in word:
            if _is_cjk(ch):
                if buf:
                    parts.append(buf)
                    buf = ""
                parts.append(ch)
            else:
                buf += ch
        if buf:
            parts.append(buf)
        for part in parts:
            runs: list[tuple[str, Face]] = []
            for ch in part:
                face = face_of(ch, faces)
                if face is None:
                    if dropped is not None:
                        dropped.add(ch)
                    continue
                if runs and runs[-1][1] == face:
                    runs[-1] = (runs[-1][0] + ch, face)
                else:
                    runs.append((ch, face))
            if runs:
                out.append(Token(runs, False, direction_of(part)))
            # A CJK character attaches to the next part; the word's last part
            # is followed by a space.
        if out:
            out[-1].space_after = True
    if out:
        out[-1].space_after = False
    return out


def _kw(direction: str | None) -> dict:
    return {"direction": direction} if direction and raqm() else {}


def _run_text(text: str, direction: str | None) -> str:
    if direction == "rtl" and not raqm():
        return text[::-1]
    return text


def token_width(token: Token, size: int) -> float:
    return _width(tuple(token.runs), token.direction, size)


@lru_cache(maxsize=16384)
def _width(runs: tuple, direction: str | None, size: int) -> float:
    return sum(
        font(face, size).getlength(_run_text(text, direction), **_kw(direction))
        for text, face in runs
    )


def space_width(faces: tuple[Face, ...], size: int) -> float:
    return font(faces[0], size).getlength(" ")


def line_width(line: list[Token], size: int, space: float) -> float:
    total = 0.0
    for i, token in enumerate(line):
        total += token_width(token, size)
        if token.space_after and i < len(line) - 1:
            total += space
    return total


def wrap(toks: list[Token], size: int, width: float, space: float) -> list[list[Token]]:
    """Greedy line breaking between tokens (never inside a word)."""
    lines: list[list[Token]] = []
    line: list[Token] = []
    used = 0.0
    for token in toks:
        w = token_width(token, size)
        gap = space if line and line[-1].space_after else 0.0
        if line and used + gap + w > width:
            lines.append(line)
            line, used = [token], w
        else:
            line.append(token)
            used += gap + w
    if line:
        lines.append(line)
    return lines


def _with_ellipsis(
    line: list[Token], faces, size: int, width: float, space: float
) -> list[Token]:
    face = face_of(ELLIPSIS, faces) or faces[0]
    mark = Token([(ELLIPSIS, face)], False, None)
    line = list(line)
    while line:
        last = line[-1]
        candidate = line[:-1] + [Token(last.runs, False, last.direction), mark]
        if line_width(candidate, size, space) <= width:
            return candidate
        if len(line) == 1:
            # One word wider than the line: cut it (the only cut ever made).
            text, face0 = last.runs[0]
            while len(text) > 1:
                text = text[:-1]
                candidate = [Token([(text, face0)], False, last.direction), mark]
                if line_width(candidate, size, space) <= width:
                    return candidate
            return [mark]
        line = line[:-1]
    return [mark]


@dataclass
class Fitted:
    size: int
    lines: list[list[Token]]
    cut: bool  # an ellipsis ends the last line


def fit(
    toks: list[Token],
    faces: tuple[Face, ...],
    width: float,
    sizes: tuple[int, ...],
    max_lines: int,
) -> Fitted:
    """The largest size at which the title fits in ``max_lines`` lines, every
    word whole; else the smallest size with the lines past the last cut and an
    ellipsis."""
    for size in sizes:
        space = space_width(faces, size)
        lines = wrap(toks, size, width, space)
        if len(lines) <= max_lines and all(
            line_width(line, size, space) <= width for line in lines
        ):
            return Fitted(size, lines, False)
    size = sizes[-1]
    space = space_width(faces, size)
    lines = wrap(toks, size, width, space)
    kept = lines[:max_lines]
    cut = len(lines) > max_lines
    for i, line in enumerate(kept):
        if cut and i == len(kept) - 1 or line_width(line, size, space) > width:
            kept[i] = _with_ellipsis(line, faces, size, width, space)
            cut = True
    return Fitted(size, kept, cut)


def levels(line: list[Token], base: str) -> list[int]:
    """Embedding level of each token: strong tokens their direction's
    (LTR in an RTL paragraph 2, RTL in an LTR paragraph 1); a neutral takes
    the direction its strong neighbours share, else the paragraph's."""
    base_level = 1 if base == "rtl" else 0
    dirs = [t.direction for t in line]
    out = []
    for i, d in enumerate(dirs):
        if d is None:
            before = next((x for x in reversed(dirs[:i]) if x), base)
            after = next((x for x in dirs[i + 1 :] if x), base)
            d = before if before == after else base
        if base_level == 1:
            out.append(1 if d == "rtl" else 2)
        else:
            out.append(1 if d == "rtl" else 0)
    return out


def visual_order(line: list[Token], base: str) -> list[int]:
    """Indexes of the line's tokens left to right (rule L2: reverse every run
    at or above each level, from the highest down to the lowest odd one)."""
    lv = levels(line, base)
    order = list(range(len(line)))
    if not lv:
        return order
    lowest_odd = min((x for x in lv if x % 2), default=None)
    if lowest_odd is None:
        return order
    for level in range(max(lv), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if lv[order[i]] >= level:
                j = i
                while j < len(order) and lv[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def draw_line(
    draw,
    line: list[Token],
    size: int,
    x: float,
    y: float,
    fill,
    base: str,
    space: float,
) -> None:
    """Tokens of one line, left to right from ``x`` on baseline ``y``."""
    order = visual_order(line, base)
    pos = x
    for n, i in enumerate(order):
        token = line[i]
        runs = token.runs[::-1] if token.direction == "rtl" else token.runs
        for text, face in runs:
            f = font(face, size)
            shown = _run_text(text, token.direction)
            draw.text(
                (pos, y), shown, font=f, fill=fill, anchor="ls", **_kw(token.direction)
            )
            pos += f.getlength(shown, **_kw(token.direction))
        if n < len(order) - 1:
            nxt = order[n + 1]
            logical_gap = (
                (nxt == i + 1 and token.space_after)
                or (nxt == i - 1 and line[nxt].space_after)
                or abs(nxt - i) != 1
            )
            if logical_gap:
                pos += space
