"""`pullmarketing words`: every sentence a site can replace with
``PULLMARKETING_WORDS``, as the key to write."""

from __future__ import annotations

import click
from rich.markup import escape

from ..console import make_console, print_table
from ..errors import PullMarketingError
from ..sitesetup import settings_option
from . import translations
from .words import (
    WORDS_SETTING,
    Sentence,
    collapsed,
    plural_rule,
    replaced,
    sentences,
    written,
)


def _english(sentence: Sentence) -> str:
    """The key to write (white space as in the key a site may write)."""
    if sentence.plural is None:
        return collapsed(sentence.english)
    return f"{collapsed(sentence.english)} | {collapsed(sentence.plural)}"


def _translated(sentence: Sentence, lang: str) -> str:
    found = translations(lang)
    if sentence.plural is None:
        text = found.gettext(sentence.english)
        return "" if text == sentence.english and lang != "en" else collapsed(text)
    catalogue = getattr(found, "_catalog", None) or {}
    forms = []
    for index in range(plural_rule(lang)[0]):
        forms.append(catalogue.get((sentence.english, index), ""))
    if not any(forms):
        return "" if lang != "en" else _english(sentence)
    return " | ".join(collapsed(form) for form in forms)


def _site_words(settings_file: str | None) -> dict:
    from ..sitesetup import load_site

    try:
        site = load_site(settings_file)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    except SystemExit as exc:  # a settings problem, already described
        raise click.ClickException(str(exc)) from None
    return site.get(WORDS_SETTING) or {}


@click.command("words")
@click.argument("contains", required=False)
@click.option(
    "--lang",
    default=None,
    help="Also show the package's words in this language (fr, de, es, pl...).",
)
@settings_option(
    "Also show the site's own words from this Pelican settings file "
    "(PULLMARKETING_WORDS)."
)
def words(contains: str | None, lang: str | None, settings_file: str | None) -> None:
    """List every sentence the package writes, as the key to use in
    PULLMARKETING_WORDS (only those containing CONTAINS, in any case).

    \b
    PULLMARKETING_WORDS = {
        "Get new articles by e-mail": "Follow the workshop by e-mail",
        "fr": {"Get new articles by e-mail": "Suivre l'atelier par e-mail"},
    }

    A replacement keeps the sentence's placeholders (%(topic)s, {site}); a
    sentence with a plural ("one | other") takes a list of its forms.
    """
    site = _site_words(settings_file) if settings_file else None
    wanted = (contains or "").casefold()
    columns = ["Sentence", "Placeholders"]
    if lang:
        columns.append(f"Package ({lang})")
    if site is not None:
        columns.append(f"Site ({lang})" if lang else "Site")
    rows = []
    for sentence in sorted(sentences().values(), key=lambda s: s.english.casefold()):
        if wanted and wanted not in _english(sentence).casefold():
            continue
        names = sorted(sentence.placeholders)
        shown = ", ".join(written(sentence.style, n) for n in names)
        row = [_english(sentence), shown]
        if lang:
            row.append(_translated(sentence, lang))
        if site is not None:
            mine = replaced(site, lang, sentence.english)
            mine = " | ".join(mine) if isinstance(mine, list) else mine or ""
            row.append(collapsed(mine))
        rows.append([escape(cell) for cell in row])
    console = make_console()
    if not rows:
        console.print(f"no sentence contains {escape(contains or '')!r}")
        return
    print_table(console, None, columns, rows)
