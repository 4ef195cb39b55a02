"""Linear work on number-dense text: the figures of a sentence share what is read of it once (its
tokens, clauses, words and breaks), so the Python work of a run grows with the number of figures,
not with its square; and an overlong line is cut into sentences of bounded length. Work is counted
(lines of Python run), never timed."""

from __future__ import annotations

import random
import re
import sys

import pytest

from factcheck import check
from factcheck.quantities import bare
from factcheck.quantities.lexicon import load_lexicon
from factcheck.segment.sentences import MAX_SENTENCE, split_sentences
from factcheck.settings import Settings


def _plain(n: int, rng: random.Random) -> str:
    return " ".join(str(rng.randint(1, 99999)) for _ in range(n))


def _grouped(n: int, rng: random.Random) -> str:
    return "1.500 " * n  # each ambiguous, settled by the others


def _counted(n: int, rng: random.Random) -> str:
    words = ["dead", "injured", "people", "euros", "percent", "homes", "jobs"]
    return "Officials said " + " ".join(f"{rng.randint(2, 9999)} {rng.choice(words)}" for _ in range(n))


def _lines_run(text: str, folder, name: str) -> int:
    """How many lines of Python one check of ``text`` (one English document) runs."""
    path = folder / f"{name}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local

    sys.settrace(lambda frame, event, arg: local)
    try:
        check([path], settings=Settings(lang="en"), assertions_only=True)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("make", [_plain, _grouped, _counted])
def test_a_sentence_of_twice_the_figures_costs_twice_the_work(make, tmp_path, monkeypatch):
    """One sentence of n, 2n and 4n figures (all within one sentence's bound): the work added by
    the second doubling is twice that of the first, as it is for linear work (4 times for work
    quadratic in the figures, as a scan of the sentence per figure was). Figure by figure: the bulk
    reading of runs of bare figures is tests/test_bare.py's."""
    monkeypatch.setattr(bare, "BULK", False)
    rng = random.Random(7)
    warm = tmp_path / "warm.txt"
    warm.write_text(make(20, rng) + "\n", encoding="utf-8")
    check([warm], settings=Settings(lang="en"), assertions_only=True)  # language files, patterns: loaded once
    sizes = (60, 120, 240)
    texts = [make(n, rng) for n in sizes]
    assert all(len(t) < MAX_SENTENCE for t in texts)
    work = [_lines_run(t, tmp_path, f"n{n}") for n, t in zip(sizes, texts, strict=True)]
    first, second = work[1] - work[0], work[2] - work[1]
    assert second <= 2.15 * first, (work, second / first)


def test_an_overlong_line_is_cut_into_bounded_sentences():
    """A line with no full stop (a 1 MB run of "1.500 ") is cut at spaces into sentences of at most
    MAX_SENTENCE characters, so that all the work done per sentence stays bounded."""
    lex = load_lexicon("en")
    text = "1.500 " * 170_000
    sentences = split_sentences(text, lex)
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE
    assert len(sentences) >= len(text) // MAX_SENTENCE
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in sentences)  # cut at spaces
    assert sum(text[s.start : s.end].count("1.500") for s in sentences) == 170_000  # no figure lost or cut


_BARE_TEXTS = {  # an article naming its subject, then lines of figures only, in each language
    "en-entity": "Twitter cuts staff.\n\n7,500 3,700 50\n\n1.5 2.25 10",
    "en": "Hurricane Ian: FEMA figures for Florida.\n\n1,500 2.5 3,000.4 12 7\n\n10 000 20 000 .08 1.234.567",
    "it": "Alluvione in Emilia-Romagna, i dati della Regione.\n\n1.500 2,5 3.000,4 12 7\n\n0,5 1.234.567,89 3 4 5",
    "fr": "Séisme au Maroc : les chiffres du ministère.\n\n1 500 2,5 3 000,4 12 7\n\n10 000 20 000 0,5 1.500",
    "ar": "زلزال المغرب: أرقام وزارة الداخلية.\n\n1.500 2,5 3000 12 7\n\n١٢ ٣٤٥ 10 000",
}


@pytest.mark.parametrize("case", sorted(_BARE_TEXTS))
def test_figures_with_no_word_are_read_as_each_one_alone_would_be(case, tmp_path, monkeypatch):
    """A sentence of figures only takes the short way (resolve._bare_run): its assertions are
    those the reading of each figure gives, in a dated article that names its subject."""
    import factcheck.resolve as resolve

    folder = tmp_path / "in"
    folder.mkdir()
    lang = case.split("-")[0]
    (folder / "a.txt").write_text(_BARE_TEXTS[case] + "\n", encoding="utf-8")
    (folder / "manifest.csv").write_text(f"file,lang,published\na.txt,{lang},2024-03-05\n", encoding="utf-8")
    taken = []
    monkeypatch.setattr(resolve, "_bare_run", lambda *a, f=resolve._bare_run: taken.append(1) or f(*a))
    short = check([folder]).assertions
    assert len(taken) == 2  # both lines of figures
    monkeypatch.setattr(bare, "BULK", False)
    full = check([folder]).assertions
    assert len(short) > 5 and short["entity"].notna().all() and (short["metric"] == "unmapped").all()
    assert short.astype(str).equals(full.astype(str))


@pytest.mark.parametrize("lang", ["it", "fr", "ar", "en"])
def test_the_words_a_figure_scope_is_read_from_are_words(lang):
    """resolve._bare reads no scope for a figure among figures only: every phrase that makes one (a
    sample, a time of day, a forecast, a place) holds a letter."""
    scope = load_lexicon(lang).data.scope
    phrases = [*scope.samples, *scope.times_of_day, *scope.forecasts, *scope.places]
    assert phrases
    assert all(re.search(r"[^\W\d_]", p.replace("{h}", "")) for p in phrases), phrases
