"""The matcher and the splice on their own: offsets, folding, boundaries."""

from __future__ import annotations

import re
import sys

import pytest
from keywords_support import excluded_regions, find_matches

from pelican_pullmarketing.keywords.catalogue import phrase_key
from pelican_pullmarketing.keywords.chooser import non_overlapping
from pelican_pullmarketing.keywords.matcher import (
    _AS_SPACE,
    KeywordMatcher,
    SearchText,
)
from pelican_pullmarketing.keywords.splice import (
    EXCLUDED,
    MarkupText,
    _alternation,
    splice_links,
)


def found(phrases, markup):
    matcher = KeywordMatcher((p, i) for i, p in enumerate(phrases))
    return [
        markup[m.start : m.end] for m in non_overlapping(find_matches(markup, matcher))
    ]


def test_every_unicode_space_counts_as_a_space():
    missing = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if chr(code).isspace() and chr(code) not in " \n" and code not in _AS_SPACE
    ]
    assert missing == []


def test_other_spaces_in_accented_text_count_as_spaces():
    # The fast test before replacing them relies on whitespace (but the
    # space) being unprintable.
    assert [chr(c) for c in _AS_SPACE if chr(c).isprintable()] == []
    for space in ("\u2009", "\u00a0", "\t", "\u3000"):
        markup = f"<p>Le café{space}boiler service</p>"
        assert found(["café boiler service"], markup) == [f"café{space}boiler service"]


def test_phrase_key_folds_case_space_and_normalisation():
    assert phrase_key("  Boiler\u00a0 SERVICE ") == "boiler service"
    assert phrase_key("Re\u0301sume\u0301") == phrase_key("résumé")
    assert phrase_key("STRASSE") == phrase_key("straße")


def test_offsets_survive_folding_entities_and_space_runs():
    markup = "<p>İİ ﬁne &amp;&#x20;Straße\u00a0\u00a0 boiler&nbsp;service, ok</p>"
    assert found(["straße boiler service"], markup) == [
        "Straße\u00a0\u00a0 boiler&nbsp;service"
    ]
    assert found(["fine"], markup) == ["ﬁne"]


def test_a_match_never_starts_inside_a_folded_character():
    # "ß" folds to "ss": a keyword "s" must not match half of it.
    assert found(["s"], "<p>Straße s</p>") == ["s"]


def test_attributes_comments_and_nested_excluded_elements():
    markup = (
        "<p title=\"heat pump\" data-x='a>heat pump'>x</p><!-- heat pump -->"
        "<svg><svg></svg><text>heat pump</text></svg>"
        "<p>heat pump</p>"
    )
    assert found(["heat pump"], markup) == ["heat pump"]
    (match,) = find_matches(markup, KeywordMatcher([("heat pump", 0)]))
    assert markup[: match.start].endswith("<p>")
    starts, ends = excluded_regions(markup)
    assert [markup[s:e][:12] for s, e in zip(starts, ends, strict=True)] == [
        "<!-- heat pu",
        "<svg><svg></",
    ]


def test_excluded_names_alternation_matches_exactly_those_names():
    pattern = re.compile(f"(?:{_alternation(EXCLUDED)})\\Z", re.I)
    assert all(pattern.match(name) for name in EXCLUDED)
    assert all(pattern.match(name.upper()) for name in EXCLUDED)
    near = {"ab", "h7", "h", "codes", "s", "te", "optio", "b", "buttons", "p", "e"}
    assert [w for w in near if pattern.match(w)] == []
    assert re.fullmatch(_alternation(["a", "ab", "abc", "b"]), "ab")
    assert not re.fullmatch(_alternation(["a", "abc"]), "ab")


def test_every_excluded_element_is_found_in_any_case():
    for name in sorted(EXCLUDED):
        markup = f"<p>x</p><{name.upper()} id=x>heat pump</{name}><p>y</p>"
        starts, ends = excluded_regions(markup)
        assert [markup[s:e] for s, e in zip(starts, ends, strict=True)] == [
            f"<{name.upper()} id=x>heat pump</{name}>"
        ], name


def test_plain_text_finds_every_occurrence():
    matcher = KeywordMatcher([("heat pump", 0)])
    text = "Heat pump, heat\npump and heat pumps."
    assert len(matcher.find_all(SearchText.plain(text))) == 2
    assert len(matcher.find_all(SearchText.plain(text), first_only=True)) == 1


def test_splice_changes_nothing_else():
    markup = "<p>a &amp; b  c</p>"
    assert splice_links(markup, []) is markup
    assert splice_links(markup, [(3, 4, '<a href="x">')]) == (
        '<p><a href="x">a</a> &amp; b  c</p>'
    )


def test_search_keys_of_a_loaded_catalogue_are_the_keys_of_its_forms(tmp_path):
    from pelican_pullmarketing.keywords.catalogue import load_catalogue

    csv_file = tmp_path / "keywords.csv"
    csv_file.write_text(
        "keyword,target,variants\n"
        "Boiler  Service,{filename}/a.md,boiler services|BOILER SERVICE|Servicing\n"
        "Résumé,{filename}/b.md,\n"
        "servicing,{filename}/a.md,\n"
        "Straße,https://example.org/s,STRASSE\n",
        encoding="utf-8",
    )
    catalogue = load_catalogue(
        {"PULLMARKETING_KEYWORDS": {"heat pump": "{filename}/c.md"}}
        | {"PULLMARKETING_KEYWORDS_FILE": str(csv_file)}
    )
    expected = [(phrase_key(form), index) for form, index in catalogue.forms()]
    assert list(catalogue.search_keys()) == expected
    assert ("servicing", 1) in expected and ("strasse", 3) in expected


def test_other_spaces_are_every_whitespace_character_but_the_space():
    from pelican_pullmarketing.keywords.catalogue import OTHER_SPACES

    every = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(OTHER_SPACES) == every - {" "}


@pytest.mark.parametrize(
    "phrases",
    [
        ["Boiler Service", "hot tap"],
        ["Straße", "İstanbul", "ﬁle cabinet", "Re\u0301sume\u0301", "ΣΑΣ"],
        ["  Boiler\u00a0 SERVICE ", "a\tb", "x\u3000 y", "\u0301accent", "e\u0301"],
        ["", " ", "one", "two  words ", "caf\u00e9\u0301"],
        ["nul\x00inside", "ok"],
        ["A\u030a", "\u212b", "K", "\u212a"],
        [],
    ],
)
def test_phrase_keys_are_the_phrase_key_of_each_phrase(phrases):
    from pelican_pullmarketing.keywords.catalogue import phrase_keys

    assert phrase_keys(phrases) == [phrase_key(p) for p in phrases]


@pytest.mark.parametrize(
    "text",
    [
        "keyword,target\nboiler,{filename}/a.md\n",
        "keyword,target\r\nboiler,x\r\n\r\n# note\r\n a , b ,c\rlast,one",
        "keyword,target,variants\n\n\nx,y,a|b\n,\n   \n",
        "",
        "\n",
        "keyword\u2028,target\x0c\n\u0085x,y\n",
    ],
)
def test_csv_records_without_quotes_are_those_of_csv_reader(text):
    import csv
    import io

    from pelican_pullmarketing.keywords.catalogue import _csv_records

    reader = csv.reader(io.StringIO(text, newline=""))
    expected, line = [], 0
    for row in reader:
        expected.append((line + 1, row))
        line = reader.line_num
    assert list(_csv_records(text)) == expected


@pytest.mark.parametrize(
    "markup",
    [
        "<P>a</P><H2 id='x'>b</H2 ><p>c<!-- <h2> --></p><A HREF=x>d</a>e",
        "<![CDATA[ x ]]><![cdata[y]]>z<CODE>q</Code><pre\x0bclass=a>p</PRE>",
        "<SVG><svg>a</SVG>b</svg>c<Math>d<MATH>e</math>",
        "<h2\ttitle='a>b'>x</h2\n><br/><a/>y<SCRIPT>z",
        "<!-- open<em>x</em>",
    ],
)
def test_excluded_regions_of_lower_case_text_are_those_of_the_markup(markup):
    lower = markup.lower().replace("\n", " ").replace("\t", " ").replace("\x0b", " ")
    expected = excluded_regions(markup)
    assert expected[0]
    assert excluded_regions(lower, lower=True) == expected


def test_upper_case_excluded_elements_are_not_linked():
    markup = "<H2>heat pump</H2><![CDATA[heat pump]]><P>The heat pump</P>"
    assert [
        m.start for m in find_matches(markup, KeywordMatcher([("heat pump", 0)]))
    ] == [markup.rindex("heat pump")]


def test_latin1_text_is_folded_as_casefold_does():
    from pelican_pullmarketing.keywords.matcher import _fold_latin1

    latin1 = "".join(map(chr, range(256)))
    plain = latin1.replace("\xb5", "").replace("\xdf", "")
    spaces = "".join(" " if c.isspace() else c for c in plain)
    assert _fold_latin1(plain) == spaces.casefold()
    assert _fold_latin1(latin1) is None  # µ and ß fold outside Latin-1
    assert _fold_latin1("caf\u00e9 \u2019") is None
    for text in [
        "Caf\u00c9\u00a0Boiler SERVICE \xa3",
        "\xb5 CAF\u00c9",
        "STRA\u00dfE x",
    ]:
        st = SearchText.plain(text)
        expected = " ".join(text.casefold().replace("\xa0", " ").split(" "))
        assert st.text == expected
        assert found([text.split()[-1]], f"<p>{text}</p>")


@pytest.mark.parametrize("accent", ["\u00c9", "\u0152", "e\u0301"])
def test_upper_case_excluded_elements_of_accented_documents_are_not_linked(accent):
    # Latin-1 (É), other (Œ) and decomposed text take different paths.
    markup = (
        f"<H2>{accent} heat pump</H2><Code>heat pump</CODE>"
        f"<P>{accent}\u00a0the heat pump</P>"
    )
    matches = find_matches(markup, KeywordMatcher([("heat pump", 0)]))
    assert [m.start for m in matches] == [markup.rindex("heat pump")]


@pytest.mark.parametrize("seed", range(30))
def test_runs_are_the_search_in_settled_pieces_of_the_sizes_asked(seed):
    import random

    rng = random.Random(seed)
    words = ["hot", "tap", "water", "heat", "pump", "boiler", "service", "a"]
    phrases = sorted(
        {
            " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(3, 14))
        }
    )
    markup = " ".join(
        f"<p>{' '.join(rng.choice(words) for _ in range(rng.randint(1, 15)))}</p>"
        for _ in range(rng.randint(1, 12))
    )
    matcher = KeywordMatcher((p, i) for i, p in enumerate(phrases))
    every = matcher.find_all(MarkupText(markup))
    runs, sizes = [], []
    search = matcher.runs(MarkupText(markup), size=(size := rng.randint(1, 4)))
    try:
        while True:
            runs.append(next(search) if not runs else search.send(size))
            sizes.append(size)
            size = rng.randint(1, 4)
    except StopIteration:
        pass
    assert [m for run in runs for m in run] == every
    assert all(len(run) >= n for run, n in zip(runs[:-1], sizes, strict=False))
    for i, run in enumerate(runs):
        later = [m for r in runs[i + 1 :] for m in r]
        assert all(m.end <= n.start for m in run for n in later)


def test_keyword_modules_depend_on_earlier_stages_only():
    # catalogue -> matcher -> chooser -> splice: no stage imports a later one
    # (the linker runs the pipeline and may import them all).
    import ast
    from pathlib import Path

    import pelican_pullmarketing.keywords as package

    folder = Path(package.__file__).parent
    stages = ["catalogue", "matcher", "chooser", "splice"]
    allowed = {
        "catalogue": set(),
        "matcher": {"catalogue"},
        "chooser": {"matcher"},
        "splice": {"matcher"},
    }
    for stage in stages:
        tree = ast.parse((folder / f"{stage}.py").read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
        }
        assert imported & set(stages) <= allowed[stage], stage
