"""`pullmarketing words`: every sentence a site may replace, as the key to
write in PULLMARKETING_WORDS, in plain text when not on a terminal."""

from __future__ import annotations

from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from pelican_pullmarketing.i18n import words


def _rows(output: str) -> list[str]:
    return output.splitlines()[2:]  # under the heading and its rule


def test_it_lists_every_sentence_of_the_package_in_plain_text():
    result = CliRunner().invoke(main, ["words"])
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output  # no colour codes in a pipe
    rows = _rows(result.output)
    assert len(rows) == len(words.sentences())
    assert any(
        r.startswith("Get %(topic)s by e-mail ") and "%(topic)s" in r for r in rows
    )
    assert any(r.startswith("%(count)s article | %(count)s articles ") for r in rows)


def test_it_filters_and_shows_a_language_and_the_sites_own_words(site):
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        "\n".join(
            [
                f"PATH = {str(site.content)!r}",
                "SITEURL = 'https://example.com'",
                "PLUGINS = ['pelican_pullmarketing']",
                "PULLMARKETING_WORDS = {'fr': {'Get new articles by e-mail': "
                "'Suivre l’atelier par e-mail'}}",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["words", "NEW ARTICLES BY", "--lang", "fr", "--settings", str(conf)]
    )
    assert result.exit_code == 0, result.output
    rows = _rows(result.output)
    assert len(rows) == 1
    assert "Recevoir les nouveaux articles par e-mail" in rows[0]
    assert rows[0].endswith("Suivre l’atelier par e-mail")


def test_a_bad_entry_in_the_settings_file_is_one_clear_message(site):
    conf = site.root / "pelicanconf.py"
    conf.write_text(
        f"PATH = {str(site.content)!r}\nPULLMARKETING_WORDS = {{'Subscrbe': 'Join'}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["words", "--settings", str(conf)])
    assert result.exit_code == 1
    assert "PULLMARKETING_WORDS['Subscrbe']" in result.output
    assert "did you mean 'Subscribe'?" in result.output
    assert "Traceback" not in result.output
