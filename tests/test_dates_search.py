"""The dates of a text are searched only near their anchors (a month, a year after a prefix:
resolve.dates._dates_written); they are the matches of the date pattern over the whole text, on
random texts of date parts in each language (cased as written and in capitals) and on every text of
the repository."""

from __future__ import annotations

import random
from datetime import date

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.quantities.lexicon import load_lexicon
from factcheck.resolve.dates import YEARS_APART, _dates_written, _patterns, find_dates

LANGS = ["it", "fr", "ar", "en"]
_GLUE = [" ", "  ", ", ", "", "\n", " ـ ", "-", " . "]
_OTHER = ["12", "3", "2023", "1999", "2105", "45", "1er", "10th", "x", "the", "،", ",", ".", "1.500", "ـ"]


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in matches]


def _parts(lang: str) -> list[str]:
    d = load_lexicon(lang).data.dates
    words = [*d.weekdays, *d.months, *d.early, *d.mid, *d.late, *d.year_prefixes, *d.day_suffixes]
    words += [*d.month_day_suffixes, *(str(b) for pair in d.between for b in pair), *d.year_parts]
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


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(LANGS), data=st.data(), year=st.integers(1900, 2099), base=st.dates())
def test_a_part_of_a_year_with_its_year_is_that_part_of_that_year(lang, data, year, base):
    """ "Q2 2024", "primo trimestre del 2025", "الربع الثاني من عام 2024": one period, within the year written
    (whatever the article's date), of three months for a quarter, six for a half."""
    lex = load_lexicon(lang)
    phrase = data.draw(st.sampled_from(sorted(lex.data.dates.year_parts)))
    link = data.draw(st.sampled_from(["", *lex.data.dates.year_prefixes_closing]))
    text = " ".join(w for w in (phrase, link.strip(), str(year)) if w)
    found = find_dates(text, lex, base)
    assert len(found) == 1 and (found[0].start, found[0].end) == (0, len(text)), (text, found)
    first, last = found[0].first, found[0].last
    months = 3 if found[0].precision == "quarter" else 6
    assert first.year == last.year == year and last.month - first.month + 1 == months and first.day == 1


@settings(max_examples=200, deadline=None)
@given(
    lang=st.sampled_from(LANGS),
    data=st.data(),
    first=st.integers(1900, 2080),
    apart=st.integers(1, 60),
    base=st.dates(),
)
def test_two_years_between_the_words_of_a_period_are_that_period(lang, data, first, apart, base):
    """ "between 2019 and 2023", "entre 2019 et 2023", "بين 2019 و2023": the years from the first to the
    last, when they are at most YEARS_APART apart ("from 1900 to 2000 people" is a range of figures)."""
    lex = load_lexicon(lang)
    opener, closer = data.draw(st.sampled_from(lex.data.dates.between))
    text = f"{opener} {first} {closer}{'' if lang == 'ar' else ' '}{first + apart}"
    periods = [f for f in find_dates(text, lex, base) if f.first.year == first and f.precision == "period"]
    if apart <= YEARS_APART and first + apart <= 2099:
        assert len(periods) == 1 and periods[0].last == date(first + apart, 12, 31), (text, periods)
    else:
        assert not periods, (text, periods)


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(LANGS), day=st.dates(date(1900, 1, 1), date(2099, 12, 31)), data=st.data())
def test_a_date_in_figures_is_that_day(lang, day, data):
    """ "2024-07-05", "2024/7/5", "05/07/2024", "5.7.2024": one day, the year first read year, month, day in
    every language; the year last read as the language orders day and month ("either": the reading nearer
    the article's date), and a day past 12 is never a month ("13/07/2024")."""
    lex = load_lexicon(lang)
    order = lex.data.dates.numeric_order
    pad = data.draw(st.sampled_from(["{:d}", "{:02d}"]))
    d, m = pad.format(day.day), pad.format(day.month)
    text, unambiguous = data.draw(
        st.sampled_from(
            [
                (f"{day.year}-{m}-{d}", True),
                (f"{day.year}/{m}/{d}", True),
                (f"{d}/{m}/{day.year}" if order != "mdy" else f"{m}/{d}/{day.year}", day.day > 12),
                (f"{d}.{m}.{day.year}" if order != "mdy" else f"{m}.{d}.{day.year}", day.day > 12),
            ]
        )
    )
    found = find_dates(f"On {text} it fell.", lex, day if order == "either" else None)
    assert [(f.start, f.end, f.precision) for f in found] == [(3, 3 + len(text), "day")], (text, found)
    if unambiguous or order != "either" or day.day == day.month:
        assert found[0].first == found[0].last == day, (text, found)


@settings(max_examples=200, deadline=None)
@given(
    lang=st.sampled_from(LANGS),
    first=st.integers(1900, 2080),
    apart=st.integers(1, 19),
    dash=st.sampled_from("-–"),
)
def test_two_years_joined_by_a_dash_are_that_period(lang, first, apart, dash):
    """ "the 2019-2023 period": the years from the first to the last, the last year no figure of its own."""
    text = f"{first}{dash}{first + apart}"
    found = find_dates(f"In {text}, 300 died.", load_lexicon(lang), None)
    assert [(f.start, f.end, f.first, f.last) for f in found] == [
        (3, 3 + len(text), date(first, 1, 1), date(first + apart, 12, 31))
    ], (text, found)
