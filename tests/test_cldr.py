"""CLDR conformance: numbers, percents and amounts as every it/fr/ar/en locale writes them are read back.

Babel (a test dependency) formats seeded random figures with CLDR's patterns, in the locale's own digits,
in standard, percent, currency, compact and long forms, each in a plain sentence
(benchmarks/normaliser.py builds the cases and prints the same scores).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("babel")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
try:
    import normaliser
finally:
    sys.path.pop(0)

from factcheck.quantities import find_quantities

CASES_PER_LOCALE = 300
FLOOR = 0.99


@pytest.mark.parametrize("locale", normaliser.CLDR_LOCALES)
def test_locale_formats_are_read_back(locale):
    cases = normaliser.cldr_cases(locale, CASES_PER_LOCALE)
    missed = [c for c in cases if normaliser.cldr_read(c, find_quantities) is None]
    score = 1 - len(missed) / len(cases)
    shown = [(c["written"], c["value"], c["kind"]) for c in missed[:5]]
    assert score >= FLOOR, f"{locale}: {score:.3f} < {FLOOR}; missed e.g. {shown}"


WIDE_FLOOR = 0.97


def test_every_territory_locale_is_read_back():
    """Beyond the 14 locales: every it/fr/ar/en locale of a territory (about 200: "en_SE" writes
    "4 071 019,84", "en_UG" "USh", "fr_SN" "F CFA", "ar_DJ" "فرنك جيبوتي"), a few cases each. What
    is left out on purpose: symbols of one letter ("R", "K") and those two currencies share ("£" of
    Saint Helena, "Rs" of Pakistan), and digits the language reads the other way ("7,678" in Algeria)."""
    cases = [c for name in normaliser.wide_locales() for c in normaliser.cldr_cases(name, 40, seed=1)]
    missed = [c for c in cases if normaliser.cldr_read(c, find_quantities) is None]
    score = 1 - len(missed) / len(cases)
    shown = [(c["locale"], c["written"], c["value"]) for c in missed[:8]]
    assert len(normaliser.wide_locales()) > 150
    assert score >= WIDE_FLOOR, f"{score:.3f} < {WIDE_FLOOR}; missed e.g. {shown}"


@pytest.mark.parametrize("locale", ["ar_EG", "ar_SA", "ar_LB"])
def test_locales_with_their_own_digits_are_written_in_them(locale):
    """The suite must test what CLDR writes: Arabic-Indic digits where the locale uses them."""
    cases = normaliser.cldr_cases(locale, 20)
    assert all(not any(ch in "0123456789" for ch in c["written"]) for c in cases)


def test_cases_are_the_same_on_every_run():
    assert normaliser.cldr_cases("fr_CH", 50) == normaliser.cldr_cases("fr_CH", 50)


def test_a_misread_figure_is_counted_as_missed():
    """The check can fail: a reader that drops the scale word is caught."""
    case = next(c for c in normaliser.cldr_cases("it_IT", 50) if c["form"] == "compact")
    assert normaliser.cldr_read(case, find_quantities) == "read"
    broken = dict(case, value=case["value"] * 7)
    assert normaliser.cldr_read(broken, find_quantities) is None


@pytest.mark.parametrize("lang", normaliser.SPELLED_LANGS)
def test_spelled_out_figures_are_read_back(lang):
    """Numbers, percents and amounts spelled out in words (num2words, a test dependency)."""
    pytest.importorskip("num2words")
    cases = normaliser.spelled_cases(lang, CASES_PER_LOCALE)
    missed = [c for c in cases if normaliser.cldr_read(c, find_quantities) is None]
    score = 1 - len(missed) / len(cases)
    shown = [(c["written"], c["value"]) for c in missed[:5]]
    assert score >= FLOOR, f"{lang}: {score:.3f} < {FLOOR}; missed e.g. {shown}"
