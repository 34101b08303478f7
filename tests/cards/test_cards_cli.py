"""`pullmarketing cards preview`: one contact sheet of every card (or of the
documents under PATHS), drawn into and read from the build's cache."""

from __future__ import annotations

from click.testing import CliRunner
from PIL import Image

from pelican_pullmarketing.cards import sheet
from pelican_pullmarketing.cards.cli import SAMPLES
from pelican_pullmarketing.cli import main


def settings_file(site, tmp_path, extra: str = "") -> str:
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(
        f"PATH = {str(site.content)!r}\nSITEURL = 'https://example.com'\n"
        f"SITENAME = 'Harbour Heating'\n{extra}",
        encoding="utf-8",
    )
    return str(conf)


def sheet_size(count: int, columns: int) -> tuple[int, int]:
    tile_w, tile_h = 600, 315
    rows = -(-count // columns)
    return (
        sheet.GAP + columns * (tile_w + sheet.GAP),
        sheet.GAP + rows * (tile_h + sheet.CAPTION + 12 + sheet.GAP),
    )


def test_preview_writes_one_sheet_of_every_card(site, tmp_path):
    site.article("heat-pumps", title="Heat pumps explained", category="Heating")
    site.article("boilers", title="Boiler servicing", category="Boilers")
    site.page("about", title="About us")
    out = tmp_path / "sheet.png"
    args = [
        "cards",
        "preview",
        "--settings",
        settings_file(site, tmp_path),
        "-o",
        str(out),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"{out}: 3 cards (3 drawn, 0 from the cache" in result.output
    with Image.open(out) as image:
        assert image.size == sheet_size(3, 3)
    # The second run draws none: the cards are the build's cached ones.
    result = CliRunner().invoke(main, args)
    assert "3 cards (0 drawn, 3 from the cache" in result.output


def test_preview_of_paths_with_the_sample_titles(site, tmp_path):
    site.article("heat-pumps", title="Heat pumps explained", folder="heating")
    site.article("boilers", title="Boiler servicing", folder="boilers")
    out = tmp_path / "sheet.png"
    result = CliRunner().invoke(
        main,
        [
            "cards",
            "preview",
            str(site.content / "heating"),
            "--samples",
            "--columns",
            "2",
            "--settings",
            settings_file(site, tmp_path),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    count = 1 + len(SAMPLES)
    assert f"{count} cards" in result.output
    with Image.open(out) as image:
        assert image.size == sheet_size(count, 2)


def test_preview_with_bad_settings_says_what_is_wrong(site, tmp_path):
    site.article("heat-pumps")
    conf = settings_file(
        site, tmp_path, "PULLMARKETING_SHARE_CARD = {'text': 'nope'}\n"
    )
    result = CliRunner().invoke(
        main, ["cards", "preview", "--settings", conf, "-o", str(tmp_path / "s.png")]
    )
    assert result.exit_code == 1
    assert (
        "PULLMARKETING_SHARE_CARD['text']: invalid value (given 'nope'" in result.output
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "s.png").exists()
