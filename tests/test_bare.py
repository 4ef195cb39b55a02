"""Runs of bare figures read in bulk (quantities/bare.py, resolve._bare_run, assertions.table) give what
the reading of each figure gives: the same quantities, assertions and conflicts, on mixed texts in
each language; and what must be read figure by figure is."""

from __future__ import annotations

import random
import re

import pytest

from factcheck import check
from factcheck.quantities import bare, find_quantities, read_quantities
from factcheck.quantities.grammar import Before, ends_before, grammar
from factcheck.quantities.lexicon import load_lexicon
from factcheck.settings import Settings

LANGS = ["it", "fr", "ar", "en"]


def _token(rng: random.Random) -> str:
    """A figure as tables write them: plain, grouped by "." or ",", decimal, Arabic-Indic, a chain."""
    shapes = [
        lambda: str(rng.randint(0, 99999)),
        lambda: f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}",
        lambda: f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}",
        lambda: f"{rng.randint(1, 99)},{rng.randint(0, 99)}",
        lambda: f"{rng.randint(1, 99)}.{rng.randint(0, 9)}",
        lambda: f"{rng.randint(1, 9)},{rng.randint(0, 999):03d},{rng.randint(0, 999):03d}",
        lambda: f"{rng.randint(1, 9)}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d}",
        lambda: "".join(chr(0x660 + int(c)) for c in str(rng.randint(1, 9999))),
        lambda: str(rng.randint(100, 999)),
        lambda: f"{rng.randint(1, 9)}.{rng.randint(1, 9)}.{rng.randint(1, 9)}",  # a chain: no number
        lambda: str(rng.randint(1, 9)) + rng.choice([",", ".", ""]),
        lambda: f"{rng.randint(1, 9)}.{rng.randint(1, 99):02d},{rng.randint(0, 99):02d}",
    ]
    weights = [8, 6, 6, 4, 4, 3, 3, 3, 4, 0.15, 2, 0.15]  # rare: what makes a run be read one by one
    return rng.choices(shapes, weights)[0]()


_AROUND = [  # what may come between runs: words, signs, dates, a phone number, a unit
    "",
    "about ",
    "$",
    "-",
    "more than ",
    " euros ",
    "% ",
    "Il y a ",
    " million ",
    "USD5 ",
    "12 May ",
    "+33 ",
    "dal 2015 al ",
    " km. ",
    "نحو ",
    " - ",
    ".\n\n",
]


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        n = rng.randint(1, 40) if rng.random() < 0.8 else rng.randint(150, 300)  # past the margins kept
        parts.append(
            "".join(_token(rng) + rng.choice([" ", " ", " ", "  ", "\n", ", ", "\t"]) for _ in range(n))
        )
        parts.append(rng.choice(_AROUND))
    return "".join(parts)


@pytest.mark.parametrize("lang", LANGS)
def test_runs_read_in_bulk_give_the_quantities_of_each_figure_read_alone(lang, monkeypatch):
    """Random texts of runs of figures (every shape a table writes) between words and signs: the same
    quantities, in bulk or figure by figure; most texts have figures read in bulk."""
    lex, bulk = load_lexicon(lang), 0
    for seed in range(120):
        text = _text(random.Random(seed))
        monkeypatch.setattr(bare, "BULK", True)
        fast = find_quantities(text, lang)
        bulk += len(read_quantities(text, lex).figures) > 0
        monkeypatch.setattr(bare, "BULK", False)
        assert fast == find_quantities(text, lang), (seed, text[:200])
    assert bulk > 60


_DOCS = {
    "en": "Hurricane Ian: FEMA figures for Florida, where 2,500 homes were lost and prices fell 3%.\n\n"
    "{run}\n\nOfficials said about 1,200 people and -5 degrees; between 10 and 20 shelters. {run}",
    "it": "Alluvione in Emilia-Romagna: 1.500 sfollati secondo la Regione, il 12 maggio 2023.\n\n"
    "{run}\n\nPiù di 36.000 persone, da 8.000 a 1.500 addetti. {run}",
    "fr": "Séisme au Maroc : 2 946 morts selon le ministère, 5 674 blessés.\n\n"
    "{run}\n\nPlus de 50 000 maisons, le 9 septembre 2023. {run}",
    "ar": "زلزال المغرب: 2946 قتيلا حسب وزارة الداخلية و5674 جريحا.\n\n{run}\n\nأكثر من ٥٠ ألف منزل. {run}",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_story_with_tables_of_figures_gives_the_same_tables(lang, tmp_path, monkeypatch):
    """Articles of prose and lines of bare figures (thousands, decimals, Arabic-Indic digits, a run
    cut by a sign or a word): the assertions and conflicts of the bulk reading are those of the
    reading of each figure, row for row."""
    rng = random.Random(lang)
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        first, second = (" ".join(_token(rng) for _ in range(rng.randint(20, 120))) for _ in range(2))
        text = _DOCS[lang].replace("{run}", first, 1).replace("{run}", second, 1)
        (folder / f"a{n}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,lang,published\n" + "".join(f"a{n}.txt,{lang},2024-03-0{n + 1}\n" for n in range(3)),
        encoding="utf-8",
    )
    monkeypatch.setattr(bare, "BULK", True)
    fast = check([folder])
    monkeypatch.setattr(bare, "BULK", False)
    full = check([folder])
    assert len(fast.assertions) > 200
    assert fast.assertions.astype(str).equals(full.assertions.astype(str))
    assert fast.conflicts.astype(str).equals(full.conflicts.astype(str))
    assert fast.trends.astype(str).equals(full.trends.astype(str))


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["1.2.3"] + ["7"] * 30),  # a chain that is no number ("192.168.1.2"): figure by figure
        "x1 2 3 4 5 6 7 8 9 10 11",  # too few figures
        "USD5 123 456 789 012 345 678 901 234 567 890 123 456",  # a number grouped by spaces may run on
    ],
)
def test_what_must_be_read_figure_by_figure_is(text):
    """Runs the bulk reading must leave to the grammar: no figure is read in bulk from them."""
    assert len(read_quantities(text, load_lexicon("en")).figures) == 0


def test_the_benchmark_line_is_read_in_bulk():
    """ "1.500 1.500 …": all but the edge figures in bulk, settled as the text's numbers say."""
    text = "1.500 " * 1000
    found = read_quantities(text, load_lexicon("en"))
    assert len(found.figures) == 1000 - 2 * bare.EDGE
    assert found.merged(text) == find_quantities(text, "en")


_BARE_SAMPLES = ["1 2", "1.500 1.500", "1, 2, 3", "١٢ ٣٤", " . , ", "12\n34", "0,5 0.5", "1 000 000", "7\t8"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_grammar_reads_nothing_around_a_figure_among_figures(lang):
    """Every pattern that attaches something to a figure, or joins two, matches nothing made of digits,
    spaces, "." and "," alone (what a run of bare figures holds), anywhere."""
    g = grammar(load_lexicon(lang))
    after_a_letter = {"numeral", "next_measure", "prev_times"}  # read only around "m" the grammar took
    patterns = [
        (name, p)
        for name, p in vars(g).items()
        if isinstance(p, (re.Pattern, Before)) and name not in after_a_letter
    ]
    assert len(patterns) > 10
    for name, p in patterns:
        for s in _BARE_SAMPLES:
            for pos in range(len(s) + 1):
                if isinstance(p, Before):
                    assert ends_before(p, s, pos) is None, (name, s, pos)
                else:
                    m = p.match(s, pos)
                    assert m is None or not m.group(0).strip(), (name, s, pos)


def test_bulk_work_per_figure_is_small(tmp_path):
    """A line of n and 4n figures in bulk: each figure more costs ten lines of Python at most (the
    reading of each figure costs hundreds)."""
    from test_linear import _lines_run

    warm = tmp_path / "warm.txt"
    warm.write_text("1.500 " * 50 + "\n", encoding="utf-8")
    check([warm], settings=Settings(lang="en"))
    work = [_lines_run("1.500 " * n, tmp_path, f"n{n}") for n in (200, 800)]
    assert work[1] - work[0] <= 600 * 10, work
