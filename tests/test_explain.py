"""How findings write values, shares and ids for a reader: named cases, and the array paths against one value at a time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.engine.explain import format_value, percents, says
from factcheck.engine.tables import finding_ids

CASES = [
    ((44e9, "USD", None), "44 billion USD"),
    ((-54, "percent", None), "-54%"),
    ((60, "percent", "approx"), "about 60%"),
    ((7500, None, None), "7,500"),
    ((7500, None, "more_than"), "more than 7,500"),
    ((0.25, None, None), "0.25"),
    ((1_500_000, None, None), "1.5 million"),
    ((1_234_567, "EUR", "at_most"), "at most 1.235 million EUR"),
    ((2.5e12, "USD", "exact"), "2.5 trillion USD"),
    ((12.5, "kilometer", None), "12.5 kilometer"),
    ((None, "USD", "approx"), "?"),
    ((float("nan"), None, None), "?"),
    ((-0.0, "percent", None), "0%"),
]


@pytest.mark.parametrize("args, written", CASES, ids=[w for _, w in CASES])
def test_a_value_is_written_as_a_reader_writes_it(args, written):
    assert format_value(*args) == written


values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=False, width=64), st.integers(-(10**13), 10**13).map(float)
)
units = st.sampled_from([None, "percent", "USD", "EUR", "", "kilometer"])
qualifiers = st.sampled_from(
    [None, "exact", "approx", "more_than", "at_least", "less_than", "at_most", "range"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(values, units, qualifiers), max_size=40))
@example([(0.0, None, None), (-0.0, None, None)])
def test_values_written_together_read_as_each_written_alone(rows):
    together = says([v for v, _, _ in rows], [u for _, u, _ in rows], [q for _, _, q in rows])
    assert list(together) == [format_value.__wrapped__(v, u, q) for v, u, q in rows]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), max_size=40))
def test_shares_are_written_as_python_writes_a_percent(shares):
    assert percents(shares) == [f"{s:.0%}" for s in shares]


ids_text = st.text(
    st.characters(blacklist_characters="\x00:"), max_size=14
)  # assertion ids: no NUL, no colon


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ids_text, ids_text), max_size=30))
def test_finding_ids_are_stable_and_tell_their_pairs_apart(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    ids = finding_ids("C", "FC101", a, b)
    assert ids == finding_ids("C", "FC101", list(a), list(b))  # the same on every run
    assert all(len(i) == 13 and i[0] == "C" and all(c in "0123456789abcdef" for c in i[1:]) for i in ids)
    assert len(set(ids)) == len(set(pairs))  # 48 bits: two pairs alike only by a collision


def test_finding_ids_differ_by_rule_and_by_side():
    ids = finding_ids("C", "FC101", ["a", "b", "a"], ["b", "a", "b"]) + finding_ids(
        "C", "FC301", ["a"], ["b"]
    )
    assert len(set(ids)) == 3 and ids[0] == ids[2]
    assert np.asarray(finding_ids("T", "FC401", [], [])).size == 0
