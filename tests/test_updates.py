"""Two values of a running total (a toll) at one moment: successive updates, not compared, unless they
are one figure written two ways (a round figure and the exact one it rounds)."""

from __future__ import annotations

import pytest

from factcheck.engine.cases import case_frame
from factcheck.group import comparison_basis, pairs


def _paired(*tolls: dict) -> bool:
    table = case_frame(
        [{"id": n, "metric": "dead", "cumulative": True, **toll} for n, toll in enumerate(tolls)], apart=True
    )
    return bool(pairs(table).same.any())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"value": 2000}, {"value": 2012}),  # "2,000" for 2,012: its two significant digits reach it
        ({"value": 1300}, {"value": 1305}),
        # a bound that is the exact figure cut to its first two digits: "more than 400" for 409
        ({"value": 400, "qualifier": "more_than", "upper": None}, {"value": 409}),
        ({"value": 2000, "qualifier": "more_than", "upper": None}, {"value": 2080}),
        ({"value": 300, "qualifier": "at_most", "lower": None}, {"value": 296}),
    ],
)
def test_a_round_toll_and_the_exact_one_it_rounds_are_one_report(a, b):
    assert _paired(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"value": 296}, {"value": 2012}),  # dawn and night: two updates
        ({"value": 78}, {"value": 82}),  # neither round
        (
            {"value": 96, "qualifier": "at_least", "upper": None},
            {"value": 100, "qualifier": "more_than", "upper": None},
        ),
        ({"value": 100, "qualifier": "more_than", "upper": None}, {"value": 96}),  # the bound excludes it
        ({"value": 96, "qualifier": "at_least", "upper": None}, {"value": 101}),  # no cut of 101
        ({"value": 1000, "qualifier": "more_than", "upper": None}, {"value": 1644}),  # its first digit only
    ],
)
def test_other_values_of_a_toll_are_updates_not_compared(a, b):
    assert not _paired(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"value": 38465}, {"value": 38466}),  # one report, one of them misread: they disagree
        ({"value": 1832}, {"value": 1823}),
        ({"value": 2000, "qualifier": "more_than", "upper": None}, {"value": 2012}),  # compared: they agree
    ],
)
def test_two_values_of_a_toll_a_hair_apart_are_one_report_compared(a, b):
    assert _paired(a, b)


def test_a_toll_that_moved_more_than_a_hair_is_an_update():
    assert not _paired({"value": 2012}, {"value": 2046})  # 1.7% more: a later count


def _tolls(*tolls: dict):
    """A death toll's figures, each another outlet's (a day's window, a running total)."""
    return case_frame(
        [
            {"id": n, "metric": "dead", "cumulative": True, "window_days": 0, **toll}
            for n, toll in enumerate(tolls)
        ],
        apart=True,
    )


def _same_or_apart(*tolls: dict) -> tuple[bool, ...]:
    return tuple(pairs(_tolls(*tolls)).same)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (  # "oltre duemila" one day, 2,012 the next: one count, told again
            {"value": 2000, "qualifier": "more_than", "upper": None, "period_start": "2023-09-09"},
            {"value": 2012, "period_start": "2023-09-10"},
            True,
        ),
        (  # "più di 150 feriti", then "150 autres ont été blessées"
            {"value": 150, "qualifier": "more_than", "upper": None, "period_start": "2023-09-26"},
            {"value": 150, "period_start": "2023-09-27"},
            True,
        ),
        (  # four days on: a later count that happens to agree
            {"value": 2000, "qualifier": "more_than", "upper": None, "period_start": "2023-09-09"},
            {"value": 2012, "period_start": "2023-09-13"},
            False,
        ),
        (  # two years written, one after the other: two things, however alike
            {
                "value": 17,
                "time_basis": "explicit",
                "time_precision": "year",
                "period_start": "2023-01-01",
                "period_end": "2023-12-31",
            },
            {
                "value": 17,
                "qualifier": "more_than",
                "upper": None,
                "time_basis": "explicit",
                "time_precision": "year",
                "period_start": "2024-01-01",
                "period_end": "2024-12-31",
            },
            False,
        ),
        (  # the next day, more than a hair apart: an update
            {"value": 2000, "qualifier": "more_than", "upper": None, "period_start": "2023-09-09"},
            {"value": 2046, "period_start": "2023-09-10"},
            False,
        ),
    ],
)
def test_a_toll_that_agrees_a_day_or_two_later_is_one_figure_told_again(a, b, same):
    assert _same_or_apart(a, b) == (same,)


def _compared_on(*tolls: dict) -> list[str]:
    _, start, _ = comparison_basis(_tolls(*tolls))
    return [str(day.date()) for day in start]


def test_a_toll_repeated_in_a_later_article_is_of_the_day_it_was_first_given():
    friday = {"value": 28, "time_basis": "explicit", "period_start": "2025-10-10"}  # "28 dead, said Friday"
    saturday = {"value": 28, "period_start": "2025-10-11"}  # "almeno 28 morti", the next day's article
    sunday = {"value": 28, "period_start": "2025-10-12"}  # and the day after: chained, Friday's still
    rose = {"value": 48, "period_start": "2025-10-12"}  # Sunday's own toll
    assert _compared_on(friday, saturday, sunday, rose) == ["2025-10-10"] * 3 + ["2025-10-12"]


@pytest.mark.parametrize(
    ("later", "day"),
    [
        ({"value": 28, "period_start": "2025-10-14"}, "2025-10-14"),  # four days on: a count of its own day
        (
            {"value": 28, "time_basis": "explicit", "period_start": "2025-10-11"},
            "2025-10-11",
        ),  # its day written
        ({"value": 29, "period_start": "2025-10-11"}, "2025-10-11"),  # another value
        (
            {
                "value": 28,
                "metric": "headcount",
                "cumulative": False,
                "window_days": 30,
                "period_start": "2025-10-11",
            },
            "2025-10-11",
        ),
    ],
)
def test_a_toll_keeps_its_own_day_when_not_an_earlier_one_repeated(later, day):
    friday = {"value": 28, "time_basis": "explicit", "period_start": "2025-10-10"}
    if later.get("metric") == "headcount":
        friday = {**friday, "metric": "headcount", "cumulative": False, "window_days": 30}
    assert _compared_on(friday, later)[1] == day


@pytest.mark.parametrize(
    ("a", "b", "paired"),
    [
        ({}, {}, True),
        ({"stage": "earlier"}, {}, False),  # "un précédent bilan faisait état de 35 morts", and today's 40
        ({"stage": "earlier"}, {"stage": "earlier"}, True),  # two articles' earlier tolls
    ],
)
def test_a_toll_an_article_calls_earlier_is_compared_only_with_tolls_so_called(a, b, paired):
    table = case_frame(
        [{"id": 0, "metric": "dead", "value": 35, **a}, {"id": 1, "metric": "dead", "value": 40, **b}],
        apart=True,
    )
    assert bool(pairs(table).same.any()) is paired
