"""Source reliability (truth discovery): recovers the ranking of synthetic sources of known
reliability, weighs values better than a plain majority, and leaves a source seen twice unjudged."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from factcheck.sources import ALPHA, BETA, estimate, source_reliability, weighted_consensus

KNOWN = [0.95, 0.85, 0.75, 0.65, 0.55, 0.45, 0.35, 0.25]  # how often each synthetic source is right


def _synthetic(seed: int, things: int = 300, coverage: float = 0.5) -> tuple[pd.DataFrame, dict[int, int]]:
    """Each source speaks of about ``coverage`` of the things; right with its known probability,
    else one of five wrong values (so wrong sources often agree with each other)."""
    rng = random.Random(seed)
    truth = {t: 10 * t for t in range(things)}
    rows = []
    for t, value in truth.items():
        for n, p in enumerate(KNOWN):
            if rng.random() < coverage:
                rows.append((f"s{n}", t, value if rng.random() < p else value + rng.randint(1, 5)))
    return pd.DataFrame(rows, columns=["source", "thing", "value"]), truth


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_recovers_the_ranking_of_sources_of_known_reliability(seed):
    claims, _ = _synthetic(seed)
    found = estimate(claims).sources.set_index("source")
    estimated = pd.Series([found.loc[f"s{n}", "reliability"] for n in range(len(KNOWN))])
    # Spearman's rank correlation, as the Pearson correlation of the ranks (pandas' own needs scipy)
    assert estimated.rank().corr(pd.Series(KNOWN).rank()) >= 0.95
    assert found["judged"].all()
    assert estimated.iloc[:2].min() > estimated.iloc[-2:].max()  # the two best above the two worst


@pytest.mark.parametrize("seed", [1, 2])
def test_the_weighted_value_is_right_more_often_than_the_majority(seed):
    claims, truth = _synthetic(seed)
    found = estimate(claims)
    best = (
        found.support.sort_values(["thing", "support"]).groupby("thing").tail(1).set_index("thing")["value"]
    )
    majority = claims.groupby(["thing", "value"]).size().rename("n").reset_index().sort_values(["thing", "n"])
    majority = majority.groupby("thing").tail(1).set_index("thing")["value"]
    right = lambda chosen: (chosen == pd.Series(truth)[chosen.index]).mean()  # noqa: E731
    assert right(best) > right(majority)


def test_repeats_count_once_and_a_source_seen_twice_is_not_judged():
    claims, _ = _synthetic(4, things=60)
    twice = pd.DataFrame([("newcomer", 0, 0), ("newcomer", 1, 999)], columns=["source", "thing", "value"])
    once = estimate(pd.concat([claims, twice]))
    again = estimate(pd.concat([claims, twice, claims.head(40), twice]))  # the same claims said again
    pd.testing.assert_frame_equal(once.sources, again.sources)
    newcomer = once.sources.set_index("source").loc["newcomer"]
    assert not newcomer["judged"]
    assert newcomer["reliability"] == pytest.approx((newcomer["agreements"] + ALPHA) / (2 + ALPHA + BETA))


def test_over_the_seeds_repeated_articles_do_not_count_and_the_consensus_is_weighted(seed_result):
    a = seed_result.assertions
    found = source_reliability(a)
    assert set(found.sources["source"]) <= set(a["source"])
    table = weighted_consensus(a, found)
    assert {"support", "weighted_consensus", "differs_from_majority"} <= set(table.columns)
    # a repeat says nothing new: marking every assertion a repeat leaves no claims at all
    assert source_reliability(a.assign(is_repeat=True)).sources.empty
