"""Dates in a document's language from CLDR: month forms, the language of a
``DATE_FORMATS`` pair, and the pattern converter against Pelican's own
strftime."""

from __future__ import annotations

import locale
import string
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from pelican.utils import strftime as pelican_strftime
from pelican.utils import temporary_locale

from pelican_pullmarketing.i18n import dates


def test_a_month_without_a_day_takes_the_stand_alone_form():
    when = datetime(2024, 10, 7, 7, 30)
    assert dates.format_date(when, "%B %Y", "pl") == "październik 2024"
    assert dates.format_date(when, "%-d %B %Y", "ru") == "7 октября 2024"
    assert dates.format_date(when, "%B %Y", "ru") == "октябрь 2024"


def test_a_date_format_pair_names_the_language_its_locale_says():
    class Doc:
        lang = "jp"  # Pelican's own example: not a language CLDR knows
        date_format = "%Y年%m月%d日(%a)"

    settings = {"DATE_FORMATS": {"jp": ("ja_JP.UTF-8", "%Y年%m月%d日(%a)")}}
    when = datetime(2024, 10, 7)
    assert dates.document_date(when, Doc(), settings) == "2024年10月07日(月)"


# --- the pattern converter --------------------------------------------------------

DIRECTIVES = [f"%{c}" for c in "aAbBcdfGHIjmMpSUuVwWxXyYzZ%eQ"]
DIRECTIVES += [f"%-{c}" for c in "aAbBdHIjmMpSyY%e"]


@given(
    pattern=st.lists(
        st.one_of(
            st.sampled_from(DIRECTIVES),
            st.text(string.ascii_letters + " .,:/'-()年%é", max_size=4),
        ),
        max_size=8,
    ).map("".join),
    when=st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)),
    zone=st.sampled_from([None, timezone.utc, timezone(timedelta(hours=-5))]),
)
def test_english_dates_read_as_pelicans_or_fall_back(pattern, when, zone):
    when = when.replace(tzinfo=zone)
    try:
        with temporary_locale("C", locale.LC_TIME):
            expected = pelican_strftime(when, pattern)
    except (ValueError, TypeError):
        expected = None  # Pelican stops the build on this pattern
    written = dates.format_date(when, pattern, "en")
    assert written is None or written == expected
