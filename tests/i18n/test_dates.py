"""Dates in each document's language from CLDR, on real builds with no French
or Polish system locale: a French blog's articles, index, archives and topic
hub; a Polish translation's genitive months; a pattern CLDR cannot write and
a third-party theme keeping Pelican's text; reply dates under an article;
and the pattern converter against Pelican's own strftime."""

from __future__ import annotations

import json
import locale
import string
from datetime import datetime, timedelta, timezone

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pelican.utils import strftime as pelican_strftime
from pelican.utils import temporary_locale

from pelican_pullmarketing import theme_path
from pelican_pullmarketing.i18n import dates

NS = "{http://www.w3.org/1999/xhtml}"
TOPICS = {"chauffage": {"title": "Chauffage", "categories": ["Chauffage"]}}


def times(html: str) -> list[tuple[str, str]]:
    """Every ``<time>`` of a page: (its datetime attribute, its text)."""
    doc = html5lib.parse(html)
    return [
        (el.get("datetime"), "".join(el.itertext())) for el in doc.iter(f"{NS}time")
    ]


def has_system_locale(name: str) -> bool:
    try:
        with temporary_locale(name, locale.LC_TIME):
            return True
    except locale.Error:
        return False


def write_french_blog(site) -> None:
    site.article(
        "chaudiere",
        "Purger les radiateurs.",
        title="Purger ses radiateurs",
        date="2024-10-07 00:30",  # 6 October in UTC: the zone is kept
        modified="2024-10-09 10:00",
        category="Chauffage",
    )
    site.article(
        "pompe",
        "Une pompe à chaleur.",
        title="La pompe à chaleur",
        date="2024-03-01 09:00",
        category="Chauffage",
    )


FRENCH = {
    "THEME": theme_path(),
    "DEFAULT_LANG": "fr",
    "LOCALE": ("fr_FR.UTF-8",),
    "TIMEZONE": "Europe/Paris",
    "PULLMARKETING_TOPICS": TOPICS,
}


def test_a_french_blog_writes_french_dates_without_a_french_system_locale(
    site, quiet_pelican
):
    if has_system_locale("fr_FR.UTF-8"):
        pytest.skip("this machine has fr_FR: Pelican would write French itself")
    write_french_blog(site)
    out = site.build(**FRENCH)
    published = ("2024-10-07T00:30:00+02:00", "lun. 07 octobre 2024")
    article = times((out / "chaudiere.html").read_text(encoding="utf-8"))
    assert article[:2] == [
        published,
        ("2024-10-09T10:00:00+02:00", "mer. 09 octobre 2024"),
    ]
    for listing in ("index.html", "archives.html", "topics/chauffage/index.html"):
        found = times((out / listing).read_text(encoding="utf-8"))
        assert published in found, listing
        assert ("2024-03-01T09:00:00+01:00", "ven. 01 mars 2024") in found, listing
        assert not any("October" in text or "Mon" in text for _, text in found)


def test_a_site_in_default_english_with_a_french_locale_keeps_french_dates(
    site, quiet_pelican
):
    """pelican-quickstart's DEFAULT_LANG "en" with LOCALE set to French:
    Pelican writes the site's dates under LOCALE, and so do we; a German
    translation still gets German names."""
    site.article("chaudiere", "Purger.", title="Purger", date="2024-10-07 09:00")
    site.article(
        "chaudiere",
        "Entlüften.",
        title="Entlüften",
        date="2024-10-07 09:00",
        lang="de",
        folder="de",
    )
    out = site.build(THEME=theme_path(), LOCALE=("fr_FR.UTF-8", "C"), DEFAULT_LANG="en")
    french = times((out / "chaudiere.html").read_text(encoding="utf-8"))
    german = times((out / "chaudiere-de.html").read_text(encoding="utf-8"))
    assert french[0][1] == "lun. 07 octobre 2024"
    assert german[0][1] == "Mo. 07 Oktober 2024"


def test_a_polish_translation_gets_polish_genitive_months(site, quiet_pelican):
    site.article("boiler", "A boiler.", title="Boiler", date="2024-10-07 07:30")
    site.article(
        "boiler",
        "Kocioł.",
        title="Kocioł",
        date="2024-10-07 07:30",
        lang="pl",
        folder="pl",
    )
    out = site.build(THEME=theme_path(), DEFAULT_DATE_FORMAT="%-d %B %Y")
    english = times((out / "boiler.html").read_text(encoding="utf-8"))
    polish = times((out / "boiler-pl.html").read_text(encoding="utf-8"))
    assert english[0][1] == "7 October 2024"
    assert polish[0][1] == "7 października 2024"


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


def test_a_pattern_cldr_cannot_write_keeps_pelicans_text(site, quiet_pelican):
    write_french_blog(site)
    site.article(
        "heizung",
        "Heizung.",
        title="Heizung",
        date="2024-10-07 00:30",
        lang="de",
        category="Chauffage",
    )
    # A weekday pair: the French one, written from CLDR ("lundi", not the
    # C locale's "Monday"); the German one holds %U, which CLDR has no field
    # for, so it reads as Pelican wrote it.
    out = site.build(
        **FRENCH,
        DATE_FORMATS={
            "fr": ("C.UTF-8", "%A %d %B %Y"),
            "de": "%A, %d. %B %Y (Woche %U)",
        },
    )
    french = times((out / "chaudiere.html").read_text(encoding="utf-8"))
    german = times((out / "heizung-de.html").read_text(encoding="utf-8"))
    assert french[0][1] == "lundi 07 octobre 2024"
    assert german[0][1] == "Monday, 07. October 2024 (Woche 40)"


def test_a_third_party_theme_keeps_pelicans_text_and_may_ask_for_ours(
    site, quiet_pelican
):
    write_french_blog(site)
    overrides = site.root / "overrides"
    overrides.mkdir()
    (overrides / "article.html").write_text(
        '{% extends "!simple/article.html" %}{% block content %}'
        "PELICAN {{ article.locale_date }}\n"
        "OURS {{ pullmarketing_date(article.date, article) }}\n"
        "PAGE {{ pullmarketing_date(article.date) }}\n{% endblock %}",
        encoding="utf-8",
    )
    settings = {k: v for k, v in FRENCH.items() if k != "THEME"}
    out = site.build(**settings, THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    text = (out / "chaudiere.html").read_text(encoding="utf-8")
    lines = dict(
        line.split(" ", 1)
        for line in text.splitlines()
        if line.startswith(("PELICAN", "OURS", "PAGE"))
    )
    assert lines["PELICAN"] == datetime(2024, 10, 7).strftime("%a %d %B %Y")
    assert lines["OURS"] == lines["PAGE"] == "lun. 07 octobre 2024"


def test_reply_dates_are_in_the_articles_language(site, quiet_pelican):
    write_french_blog(site)
    reply = {
        "id": "mastodon:1",
        "platform": "mastodon",
        "kind": "reply",
        "url": "https://social.example/@alice/1",
        "author": {"name": "Alice", "url": "https://social.example/@alice"},
        "published": "2024-10-08T09:15:00Z",
        "html": "<p>Merci !</p>",
        "in_reply_to": None,
    }
    site.write(
        "conversation.json",
        json.dumps({"version": 1, "articles": {"chaudiere.md": {"entries": [reply]}}}),
    )
    out = site.build(
        **FRENCH,
        PULLMARKETING_CONVERSATION_FILE=str(site.content / "conversation.json"),
    )
    found = times((out / "chaudiere.html").read_text(encoding="utf-8"))
    assert ("2024-10-08T09:15:00Z", "mar. 08 octobre 2024") in found


# --- the pattern converter --------------------------------------------------------

DIRECTIVES = [f"%{c}" for c in "aAbBcdfGHIjmMpSUuVwWxXyYzZ%eQ"]
DIRECTIVES += [f"%-{c}" for c in "aAbBdHIjmMpSyY%e"]


def patterns(letters: str, text_size: int, parts: int):
    """strftime patterns: directives (Pelican's and others) among text."""
    return st.lists(
        st.one_of(st.sampled_from(DIRECTIVES), st.text(letters, max_size=text_size)),
        max_size=parts,
    ).map("".join)


@given(
    pattern=patterns(string.ascii_letters + " .,:/'-()年%é", 4, 8),
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


@pytest.mark.parametrize(
    "language, english",
    [
        ("en", True),
        ("en-GB", True),
        ("en_GB.UTF-8", True),
        ("fr", False),
        ("eo", False),
    ],
)
def test_english_is_told_in_every_form_of_its_name(language, english):
    """English names under the C locale are Pelican's own text: a regional
    English (LOCALE en_GB.UTF-8) too, not only the bare code."""
    assert dates._is_english(language) is english


class _Reply:
    """A document whose own dates are not the one written (a reply's time)."""

    lang = "en"

    def __init__(self, pattern: str):
        self.date_format = pattern


@given(
    pattern=patterns(string.ascii_letters + " .,:/-", 3, 6),
    day=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)),
    minutes=st.lists(st.integers(0, 24 * 60 - 1), min_size=2, max_size=4),
)
def test_times_of_one_day_read_as_pelicans_text(pattern, day, minutes):
    """Texts of patterns that write the day alone are made once a day: every
    time of that day, and the next day, still read as Pelican writes them."""
    settings = {"DEFAULT_LANG": "en", "DEFAULT_DATE_FORMAT": pattern}
    midnight = day.replace(hour=0, minute=0, second=0, microsecond=0)
    moments = [midnight + timedelta(minutes=m) for m in minutes]
    moments.append(midnight + timedelta(days=1, minutes=minutes[0]))
    with temporary_locale("C", locale.LC_TIME):
        for when in moments:
            try:
                expected = pelican_strftime(when, pattern)
            except (ValueError, TypeError):
                expected = when.isoformat()
            assert dates.document_date(when, _Reply(pattern), settings) == expected
