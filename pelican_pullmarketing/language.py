"""What the package knows of the languages documents are written in, for the
rules that read their words: where a word starts after an apostrophe
(French and Italian elision), which words are stop words, how words are
counted in scripts written without spaces.

Apostrophes: the typewriter one ``'``, the typographic ``’`` (what Markdown's
SmartyPants and typogrify write, as ``&rsquo;``) and the modifier letter
``ʼ`` are one character to every rule here and to the keyword matcher.
"""

from __future__ import annotations

import re
from functools import cache

# Every apostrophe, and the one the others are compared as.
APOSTROPHES = "'\u2019\u02bc"
APOSTROPHE = "'"

# Elided words: before an apostrophe, a word that lost its last vowel and is
# written against the next one (French "l'isolation", "qu'un",
# "jusqu'à"; Italian "dell'impianto", "un'altra"; Catalan "l'aigua"). After
# one of them the apostrophe is a word boundary; after any other word
# (English "don't", "O'Brien", French "aujourd'hui") it is inside a word.
ELISIONS = {
    "fr": frozenset(
        [
            "l",
            "d",
            "j",
            "qu",
            "n",
            "s",
            "c",
            "m",
            "t",
            "jusqu",
            "lorsqu",
            "puisqu",
            "quoiqu",
            "presqu",
            "quelqu",
        ]
    ),
    "it": frozenset(
        [
            "l",
            "d",
            "un",
            "dell",
            "nell",
            "all",
            "dall",
            "sull",
            "coll",
            "quell",
            "bell",
            "sant",
            "buon",
            "nessun",
            "alcun",
            "c",
            "dov",
            "com",
            "anch",
            "tutt",
            "gl",
            "degl",
            "negl",
            "agl",
            "dagl",
            "sugl",
            "quest",
        ]
    ),
    "ca": frozenset(["l", "d", "n", "s", "m", "t"]),
}
ELIDED = frozenset().union(*ELISIONS.values())

# What may follow an apostrophe at the end of a word and still leave the word
# before it whole: English clitics and the possessive ("the boiler's",
# "boilers're"), Dutch plurals ("auto's"). Any other letters after an
# apostrophe ("don't", "rock'n'roll") make one word with it.
CLITICS = frozenset(["s", "re", "ve", "ll", "d", "m"])

# Scripts written without spaces between words (Chinese, Japanese, Thai,
# Lao, Khmer, Myanmar): each character counts as a word.
NO_SPACE_SCRIPTS = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3005-\u3007"
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f"
)
_NO_SPACE_CHAR = re.compile(f"[{NO_SPACE_SCRIPTS}]")
_WORD_SPACED = re.compile(rf"\w+(?:[-{APOSTROPHES}]\w+)*")
_WORD = re.compile(
    rf"(?:(?![{NO_SPACE_SCRIPTS}])\w)+(?:[-{APOSTROPHES}](?:(?![{NO_SPACE_SCRIPTS}])\w)+)*"
    rf"|[{NO_SPACE_SCRIPTS}]"
)


def fold_apostrophes(value: str) -> str:
    """``value`` with every apostrophe as ``'`` (same length)."""
    # str.replace finds a character with memchr; str.translate looks every
    # character up (several times slower on a page of text).
    if "\u2019" in value:
        value = value.replace("\u2019", APOSTROPHE)
    if "\u02bc" in value:
        value = value.replace("\u02bc", APOSTROPHE)
    return value


def language_code(lang: str | None) -> str:
    """``en-GB`` / ``pt_BR`` -> ``en`` / ``pt``; nothing -> ``en``."""
    return (lang or "en").replace("_", "-").split("-")[0].lower() or "en"


def is_elided(word: str) -> bool:
    """Whether ``word``, written before an apostrophe, is an elided word
    (any language's: the matcher does not know a document's language)."""
    return word.casefold() in ELIDED


def count_words(value: str) -> int:
    """Words of plain text: runs of letters and digits (hyphens and
    apostrophes inside a word keep it whole, as word processors count
    "l'isolation" or "don't"), and each character of a script written
    without spaces ("暖房です" is four)."""
    if value.isascii() or not _NO_SPACE_CHAR.search(value):
        return len(_WORD_SPACED.findall(value))
    return len(_WORD.findall(value))


def content_words(value: str, lang: str | None) -> list[str]:
    """The words of ``value`` (already a search key: case-folded) without
    the elided words of the document's language before them: "l'isolation"
    is "isolation" in French. Apostrophes are folded to ``'``."""
    found = _WORD_SPACED.findall(fold_apostrophes(value))
    elisions = ELISIONS.get(language_code(lang))
    if not elisions:
        return found
    words = []
    for word in found:
        while APOSTROPHE in word:
            head, rest = word.split(APOSTROPHE, 1)
            if head not in elisions or not rest:
                break
            word = rest
        words.append(word)
    return words


@cache
def stopwords(
    lang: str | None, default: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Stop words of a language, from the stopwords-iso collection
    (``stopwordsiso``, MIT, 50+ languages by ISO 639-1 code), case-folded,
    apostrophes as ``'``; ``default`` for English and for a language the
    collection does not have."""
    import stopwordsiso

    code = language_code(lang)
    if code == "en" or not stopwordsiso.has_lang(code):
        return default
    return frozenset(
        fold_apostrophes(w.casefold()) for w in stopwordsiso.stopwords(code)
    )
