"""Two figures of one subject, metric and moment too far apart to be one thing's are never paired: a part
and the whole, another place, moment or base read as one (group.APART_TIMES...), whatever rule reads
the pairs."""

from __future__ import annotations

import pytest

from factcheck.engine.cases import case_frame
from factcheck.group import pairs

PERCENT = {"unit": "percent", "metric": "turnout", "metric_kind": "share", "metric_dimension": "percent"}
POLICE, ORGANISERS = {"attribution": "the police"}, {"attribution": "the organisers"}


def _paired(a: dict, b: dict) -> bool:
    return bool(pairs(case_frame([{"id": 1, **a}, {"id": 2, **b}], apart=True)).same.any())


@pytest.mark.parametrize(
    ("a", "b", "paired"),
    [
        ({"value": 32}, {"value": 500}, False),  # "32" and "500" dead: a part and the whole
        ({"value": 7500}, {"value": 8000}, True),  # rival figures of one headcount
        ({"value": 12}, {"value": 41}, False),  # no one named: a reported fact is not off by half
        ({"value": 12}, {"value": 41, **POLICE}, True),  # a claimant's estimate may be
        ({"value": 12, **POLICE}, {"value": 100, **POLICE}, False),  # one claimant, 8 times apart
        ({"value": 338_000, **POLICE}, {"value": 2_000_000, **ORGANISERS}, True),  # two claimants: 5.9 times
        ({"value": 100, **POLICE}, {"value": 2000, **ORGANISERS}, False),  # 20 times: two things
        ({"value": 27.7, **PERCENT}, {"value": 50.0, **PERCENT}, False),  # two moments or bases
        ({"value": 27.7, **PERCENT}, {"value": 32.0, **PERCENT}, True),  # rival figures differ by points
        ({"value": 20.0, **PERCENT, **POLICE}, {"value": 5.0, **PERCENT, **ORGANISERS}, True),  # a dispute
        ({"value": 40.0, **PERCENT}, {"value": -2.0, **PERCENT}, True),  # a rise and a fall: any apart
    ],
)
def test_figures_too_far_apart_to_be_one_thing_s_are_not_paired(a, b, paired):
    assert _paired(a, b) is paired


def test_figures_far_apart_at_two_moments_still_make_a_trend():
    far = pairs(
        case_frame(
            [{"id": 1, "value": 32}, {"id": 2, "value": 500, "period_start": "2024-06-15"}], apart=True
        )
    )
    assert len(far.i) == 1 and not far.same.any()


def test_two_values_an_article_gives_together_are_not_compared_as_one_thing_s():
    """An article that says "32" and then "70" dead tells two moments apart: the 32 and the 70 two other
    outlets give are not compared as one toll's (engine.compared, which the grouping benchmark counts)."""
    from factcheck.engine import compared, load_rules
    from factcheck.settings import default_rules_dir

    table = case_frame(
        [
            {"id": "x32", "value": 32, "doc_id": "x"},
            {"id": "x70", "value": 70, "doc_id": "x"},
            {"id": "y", "value": 32},
            {"id": "z", "value": 70},
            {"id": "w", "value": 72},
        ],
        apart=True,
    )
    p = pairs(table)
    ids = p.rows["assertion_id"].to_numpy()[p.perm]
    kept = compared(p, load_rules(default_rules_dir()))
    said = {frozenset((ids[i], ids[j])): k for i, j, k in zip(p.i, p.j, kept, strict=True)}
    assert not said[frozenset(("y", "z"))]
    assert said[frozenset(("x70", "w"))]  # 70 and 72: one toll's rival figures
