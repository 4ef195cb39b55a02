"""Scope is part of what is measured: a figure narrowed to a place, a subgroup, a sample or a part is
grouped only with figures of the same scope, never with the whole, and the explanation names it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.assertions import frame
from factcheck.engine import load_rules, run_rules
from factcheck.group import consensus, pairs
from factcheck.quantities.lexicon import available_languages, load_lexicon
from factcheck.resolve.nations import nationality
from factcheck.resolve.scope import measured_from, place_between, time_of_day
from factcheck.settings import default_rules_dir


def _table(*rows: tuple[str, float, str | None]) -> pd.DataFrame:
    return frame(
        {
            "assertion_id": aid,
            "doc_id": f"doc-{aid}",
            "article_id": f"doc-{aid}#1",
            "source": f"source {aid}",
            "lang": "en",
            "published": date(2024, 1, 15),
            "entity": "example_co",
            "metric": "headcount",
            "value": value,
            "lower": value,
            "upper": value,
            "unit": None,
            "period_start": date(2024, 1, 15),
            "period_end": date(2024, 1, 15),
            "metric_kind": "stock",
            "metric_dimension": "count",
            "window_days": 30,
            "scope": scope,
            "number_text": f"{value:g}",
            "sentence": f"{value:g} staff",
        }
        for aid, value, scope in rows
    )


def test_a_scoped_figure_is_paired_with_its_scope_only():
    p = pairs(
        _table(("whole", 7500, None), ("de1", 200, "germany"), ("de2", 250, "germany"), ("s", 9000, "sample"))
    )
    ids = p.rows["assertion_id"].to_numpy()[p.perm]
    assert {frozenset((ids[i], ids[j])) for i, j in zip(p.i, p.j, strict=True)} == {frozenset(("de1", "de2"))}


def test_the_explanation_names_the_scope_and_consensus_keeps_parts_apart():
    table = _table(("whole", 7500, None), ("de1", 200, "germany"), ("de2", 250, "germany"))
    found = run_rules(load_rules(default_rules_dir()), table)
    conflicts = found.conflicts
    assert len(conflicts) == 1 and "headcount (germany)" in conflicts["explanation"].iloc[0]
    said = consensus(table)
    assert set(said["metric"]) == {"headcount", "headcount@germany"}


_CLOCK_TEXT = st.lists(
    st.sampled_from(
        [
            "à ",
            "at ",
            "alle ",
            "الساعة ",
            "17h",
            "5",
            " p.m.",
            "pm",
            "12",
            "99",
            ":30",
            " heures",
            "midi",
            " ",
            ",",
            "x",
        ]
    )
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_CLOCK_TEXT, st.sampled_from(available_languages()))
def test_a_time_of_day_is_an_hour_of_the_clock_or_none(text, lang):
    when = time_of_day(text, 0, len(text), load_lexicon(lang))
    if when is not None:
        hour, minutes = when.removeprefix("at ").split(":")
        assert 0 <= int(hour) < 24 and 0 <= int(minutes) < 60, when


@pytest.mark.parametrize(
    "lang, text, when",
    [
        ("en", "at 9 a.m.", "at 09:00"),
        ("en", "at 12 p.m.", "at 12:00"),
        ("fr", "à 20H00", "at 20:00"),
        ("it", "alle 17.30", "at 17:30"),
        ("en", "at 25 p.m.", None),
        ("fr", "à 17 ans", None),
        ("it", "alle 13:38 ora locale", "at 13:38"),
        ("it", "l'affluenza alle 19 in Italia", "at 19:00"),
        ("it", "alle 12 vittime", None),
    ],
)
def test_times_of_day(lang, text, when):
    assert time_of_day(text, 0, len(text), load_lexicon(lang)) == when


@pytest.mark.parametrize(
    "lang, text, place",
    [
        ("en", " from the Tunisian coastal city of Sfax.", "sfax"),
        ("fr", " de la ville côtière tunisienne de Sfax.", "sfax"),
        ("it", " dal villaggio di Tata N'Yaaqoub, nel municipio di Ighil.", "tata n'yaaqoub"),
        ("en", " from there, in the town of Sendai.", None),  # a description ends at a mark
        ("en", " from the coast, and then many more people in the city of Sendai.", None),  # too far
    ],
)
def test_a_distance_is_measured_from_the_place_a_description_names(lang, text, place):
    assert measured_from(text, load_lexicon(lang)) == place


@pytest.mark.parametrize(
    "lang, text, place",
    [
        ("it", "nella provincia di Al Haouz", "al haouz"),  # a noun of places, then any name
        ("it", "Il Bjp di Narendra Modi", None),  # "di" alone is no noun of places
        ("en", "the Labour Party of Keir Starmer", None),
        ("fr", "le parti de Gabriel Attal", None),
        ("fr", "le parti de Marine Le Pen", None),  # "Pen", a town of India, is a word
        ("fr", "la ville de Nice", "nice"),  # a city of 340,000: a place, though "nice" is a word
        ("it", "in Costa d’Avorio", "côte d'ivoire"),  # a particle elided before a name
        ("fr", "en Côte d'Ivoire", "côte d'ivoire"),
    ],
)
def test_a_place_is_a_known_name_or_one_after_a_noun_of_places(lang, text, place):
    assert place_between(text, 0, len(text), load_lexicon(lang), set()) == place


def _country_labels() -> set[str]:
    from factcheck.quantities.lexicon import fold
    from factcheck.resolve.entity import country_names, place_label

    return {fold(place_label(name) or name) for _, name, _ in country_names()}


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=20), st.sampled_from(available_languages()))
def test_a_nationality_is_a_country_or_none(word, lang):
    found = nationality(word, load_lexicon(lang))
    assert found is None or found in _country_labels(), found


@pytest.mark.parametrize("lang", available_languages())
def test_each_irregular_nationality_names_its_country_and_no_look_alike_is_one(lang):
    lex = load_lexicon(lang)
    labels = _country_labels()
    for code, words in lex.data.scope.nationalities.items():
        for word in words:
            assert nationality(word, lex) in labels, (lang, code, word)
    for word in lex.data.scope.not_nationalities:
        assert nationality(word, lex) is None, (lang, word)


@pytest.mark.parametrize(
    "lang, word, country",
    [
        ("fr", "coréens", "south korea"),
        ("fr", "thaïlandais", "thailand"),
        ("fr", "palais", None),
        ("fr", "indemnisés", None),
        ("it", "indiani", "india"),
        ("it", "libanesi", "lebanon"),
        ("it", "male", None),
        ("en", "Egyptians", "egypt"),
        ("en", "Japanese", "japan"),
        ("en", "Malawi", None),
        ("en", "passengers", None),
        ("ar", "هنديا", "india"),
        ("ar", "برتغاليين", "portugal"),
        ("ar", "مالي", None),
        ("ar", "التايلاندية", "thailand"),  # with its article joined
        ("ar", "البريطانيين", "united kingdom"),
        ("ar", "الجنسية", None),
    ],
)
def test_nationalities(lang, word, country):
    assert nationality(word, load_lexicon(lang)) == country
