"""Text on a card: words never cut, the size shrunk to fit, three lines at
most with an ellipsis, a font for every character (never a box), emoji left
out, right-to-left words in visual order."""

from __future__ import annotations

import os

import pytest

from pelican_pullmarketing.cards import typeset
from pelican_pullmarketing.cards.config import BUNDLED_BOLD

WIDTH = 1040
SIZES = (76, 64, 52, 40)
FACES = typeset.chain(BUNDLED_BOLD, (), BUNDLED_BOLD, "en")
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"


def fitted(text: str, faces=FACES):
    toks = typeset.tokens(typeset.clean(text), faces)
    return typeset.fit(toks, faces, WIDTH, SIZES, 3)


def line_texts(fit) -> list[str]:
    out = []
    for line in fit.lines:
        parts = []
        for i, tok in enumerate(line):
            parts.append(
                tok.text + (" " if tok.space_after and i < len(line) - 1 else "")
            )
        out.append("".join(parts))
    return out


def test_a_short_title_is_drawn_large_on_one_line():
    fit = fitted("Boiler service")
    assert fit.size == SIZES[0]
    assert line_texts(fit) == ["Boiler service"]
    assert not fit.cut


def test_lines_break_between_words_and_the_size_shrinks_to_fit():
    title = "How a heat pump cuts a family's heating bill by a third in a Bristol winter and what it costs"
    fit = fitted(title)
    assert len(fit.lines) <= 3
    assert fit.size < SIZES[0]  # shrunk: at 76 px it takes four lines
    assert " ".join(line_texts(fit)) == title  # every word whole, none lost
    space = typeset.space_width(FACES, fit.size)
    assert all(typeset.line_width(line, fit.size, space) <= WIDTH for line in fit.lines)


def test_a_400_character_title_is_cut_after_three_lines_with_an_ellipsis():
    words = ("insulation heat pump grant radiator thermostat boiler " * 10).split()
    title = " ".join(words)[:400]
    fit = fitted(title)
    lines = line_texts(fit)
    assert fit.cut and fit.size == SIZES[-1]
    assert len(lines) == 3
    assert lines[-1].endswith(typeset.ELLIPSIS)
    # Cut between words: every word shown is one of the title's words, whole.
    shown = " ".join(lines).removesuffix(typeset.ELLIPSIS).split()
    assert shown == title.split()[: len(shown)]


def test_one_word_wider_than_the_card_is_the_only_thing_ever_cut():
    fit = fitted("Pneumonoultramicroscopicsilicovolcanoconiosis" * 3)
    (line,) = fit.lines
    assert line[-1].text == typeset.ELLIPSIS
    space = typeset.space_width(FACES, fit.size)
    assert typeset.line_width(line, fit.size, space) <= WIDTH


@pytest.mark.parametrize(
    "title",
    [
        "Crème brûlée à l'œuvre: Ærøskøbing, Łódź, İstanbul, São Paulo",
        "Πώς μια αντλία θερμότητας μειώνει τον λογαριασμό",
        "Как тепловой насос снижает счёт за отопление",
        "כיצד משאבת חום חוסכת 30% בחשבון",
        "كيف تخفض مضخة الحرارة فاتورة التدفئة",
    ],
)
def test_the_bundled_font_has_every_character_of_latin_greek_cyrillic_hebrew_arabic(
    title,
):
    bundled = typeset.Face(BUNDLED_BOLD)
    assert all(typeset.has_glyph(bundled, ch) for ch in title)
    dropped: set[str] = set()
    typeset.tokens(title, (bundled,), dropped)
    assert dropped == set()


def test_a_character_no_font_has_is_left_out_never_drawn_as_a_box():
    bundled = typeset.Face(BUNDLED_BOLD)
    assert not typeset.has_glyph(bundled, "中")
    dropped: set[str] = set()
    toks = typeset.tokens("Heat 中 pumps", (bundled,), dropped)
    assert dropped == {"中"}
    assert [t.text for t in toks] == ["Heat", "pumps"]


@pytest.mark.skipif(not os.path.isfile(CJK_FONT), reason="fonts-noto-cjk not installed")
def test_cjk_falls_back_to_a_font_that_has_it_and_breaks_between_characters():
    faces = typeset.chain(BUNDLED_BOLD, (), BUNDLED_BOLD, "ja")
    dropped: set[str] = set()
    title = "ヒートポンプで暖房費を三分の一に減らす方法と補助金の申請手順について詳しく解説します"
    toks = typeset.tokens(title, faces, dropped)
    assert dropped == set()
    assert {face.path for t in toks for _, face in t.runs} == {CJK_FONT}
    fit = typeset.fit(toks, faces, WIDTH, SIZES, 3)
    assert len(fit.lines) >= 2  # no spaces, yet it wraps
    assert "".join(line_texts(fit)) == title


def test_emoji_and_control_characters_are_left_out():
    assert (
        typeset.clean("🔥 Five heating myths,\tbusted 🚀👍🏽 🇬🇧")
        == "Five heating myths, busted"
    )
    assert typeset.clean("🔥🚀") == ""
    assert typeset.clean("Cafe\u0301") == "Caf\u00e9"  # NFC


def test_an_rtl_title_puts_its_words_right_to_left_and_a_number_stays_ltr():
    faces = (typeset.Face(BUNDLED_BOLD),)
    toks = typeset.tokens("חוסכת 30% בחשבון", faces)
    assert [t.direction for t in toks] == ["rtl", None, "rtl"]
    order = typeset.visual_order(toks, "rtl")
    assert [toks[i].text for i in order] == ["בחשבון", "30%", "חוסכת"]


def test_an_ltr_run_inside_rtl_keeps_its_own_order():
    faces = (typeset.Face(BUNDLED_BOLD),)
    toks = typeset.tokens("מדריך Heat Pump Pro חדש", faces)
    order = typeset.visual_order(toks, "rtl")
    assert [toks[i].text for i in order] == ["חדש", "Heat", "Pump", "Pro", "מדריך"]


def test_rtl_words_inside_an_ltr_title_are_reversed_as_a_group():
    faces = (typeset.Face(BUNDLED_BOLD),)
    toks = typeset.tokens("Shalom means שלום עולם here", faces)
    order = typeset.visual_order(toks, "ltr")
    assert [toks[i].text for i in order] == ["Shalom", "means", "עולם", "שלום", "here"]


def test_without_raqm_an_rtl_word_is_drawn_with_its_characters_reversed(monkeypatch):
    monkeypatch.setattr(typeset, "raqm", lambda: False)
    assert typeset._run_text("שלום", "rtl") == "םולש"
    assert typeset._run_text("Heat", "ltr") == "Heat"
