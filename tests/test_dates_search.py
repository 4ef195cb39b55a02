"""The dates of a text are searched only near their anchors (a month, a year after a prefix:
resolve.dates._dates_written); they are the matches of the date pattern over the whole text, on
random texts of date parts in each language (cased as written and in capitals) and on every text of
the repository."""

from __future__ import annotations

import random

import pytest
from conftest import SEEDS

from factcheck.quantities.lexicon import load_lexicon
from factcheck.resolve.dates import _dates_written, _patterns

LANGS = ["it", "fr", "ar", "en"]
_GLUE = [" ", "  ", ", ", "", "\n", " ـ ", "-", " . "]
_OTHER = ["12", "3", "2023", "1999", "2105", "45", "1er", "10th", "x", "the", "،", ",", ".", "1.500", "ـ"]


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in matches]


def _parts(lang: str) -> list[str]:
    d = load_lexicon(lang).data.dates
    words = [*d.weekdays, *d.months, *d.early, *d.mid, *d.late, *d.year_prefixes, *d.day_suffixes]
    words += [*d.month_day_suffixes, *(str(b) for pair in d.between for b in pair)]
    return [str(w) for w in words] + _OTHER


@pytest.mark.parametrize("lang", LANGS)
def test_dates_searched_near_their_anchors_are_those_of_the_whole_text(lang):
    pats, parts, rng, found = _patterns(load_lexicon(lang)), _parts(lang), random.Random(lang), 0
    for n in range(1500):
        text = "".join(rng.choice(parts) + rng.choice(_GLUE) for _ in range(rng.randint(3, 40)))
        text = text.upper() if n % 5 == 0 else text
        whole = _spans(pats.main.finditer(text))
        assert _spans(_dates_written(text, pats)) == whole, text
        found += len(whole)
    assert found > 1000  # most texts hold dates


def test_the_repository_texts_give_the_same_dates():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((SEEDS.parent / "benchmarks" / "data").rglob("*.txt"))
    ]
    found = 0
    for lang in LANGS:
        pats = _patterns(load_lexicon(lang))
        for text in texts:
            whole = _spans(pats.main.finditer(text))
            assert _spans(_dates_written(text, pats)) == whole
            found += len(whole)
    assert found > 100
