"""Stop words of the site's language (``DEFAULT_LANG``), from the
stopwords-iso collection (``stopwordsiso``, 50+ languages by ISO 639-1
code), plus the keyword import's own short list. A language the collection
does not have falls back to that list alone, said once."""

from __future__ import annotations

import logging

from ..keywords.proposals import STOPWORDS

logger = logging.getLogger(__name__)


def language_code(lang: str | None) -> str:
    """``en-GB`` / ``pt_BR`` -> ``en`` / ``pt``."""
    return (lang or "en").replace("_", "-").split("-")[0].lower() or "en"


def stopwords_for(lang: str | None) -> tuple[frozenset[str], bool]:
    """(stop words, whether the language was known)."""
    import stopwordsiso

    code = language_code(lang)
    if stopwordsiso.has_lang(code):
        words = {w.casefold().replace("’", "'") for w in stopwordsiso.stopwords(code)}
        return frozenset(words | (STOPWORDS if code == "en" else set())), True
    return STOPWORDS, False
