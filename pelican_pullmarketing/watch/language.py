"""Stop words of the site's language (``DEFAULT_LANG``), from the
stopwords-iso collection (``stopwordsiso``, 50+ languages by ISO 639-1
code), plus the keyword import's own short list. A language the collection
does not have falls back to that list alone, said once."""

from __future__ import annotations

import logging

from ..keywords.proposals import STOPWORDS
from ..language import fold_apostrophes, language_code

logger = logging.getLogger(__name__)


def stopwords_for(lang: str | None) -> tuple[frozenset[str], bool]:
    """(stop words, whether the language was known)."""
    import stopwordsiso

    code = language_code(lang)
    if stopwordsiso.has_lang(code):
        words = {fold_apostrophes(w.casefold()) for w in stopwordsiso.stopwords(code)}
        return frozenset(words | (STOPWORDS if code == "en" else set())), True
    return STOPWORDS, False
