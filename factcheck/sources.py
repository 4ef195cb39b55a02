"""Source reliability by truth discovery: how often each source's figures agree with what the other
sources, weighted by their own reliability, say of the same thing; and the consensus weighted by it.

The method, in the manner of TruthFinder (Yin et al., 2008) and CRH (Li et al., 2014):

- A *claim* is one source giving one value for one thing (entity x metric x unit, the rows of the
  consensus table; values rounded to six decimals). Only comparable assertions count (no repeats:
  an article or sentence seen before, a syndicated copy, is left out), and a source saying the same
  value of the same thing again counts once.
- Every source starts with the prior reliability ``ALPHA / (ALPHA + BETA)``. Then, until nothing
  moves (at most ``ITERATIONS`` rounds): each value's support is the sum of the weights of the sources
  behind it (weight ``-ln(1 - reliability)``, TruthFinder's trustworthiness score); each claim is
  compared with the value the *other* sources support most (leave one out: a source never votes for
  itself); a source's reliability is ``(agreements + ALPHA) / (compared + ALPHA + BETA)``, the mean
  of a Beta posterior, so that a source compared twice stays near the prior.
- A source with fewer than ``MIN_COMPARED`` compared claims is listed but not judged.
- The weighted consensus of each thing is the value of highest support (ties: none).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from factcheck.group import comparable, consensus

ALPHA, BETA = 2.0, 2.0  # Beta prior on reliability: a mean of 0.5, worth four claims
MIN_COMPARED = 3  # claims compared with other sources before a source is judged
ITERATIONS = 50
TOLERANCE = 1e-9
SOURCE_COLUMNS = [
    "source",
    "reliability",
    "judged",
    "figures",
    "compared",
    "agreements",
    "disagreements",
    "weight",
]


@dataclass(frozen=True)
class Reliability:
    """Per source (``sources``, columns SOURCE_COLUMNS, most reliable first) and per value of each
    thing (``support``: thing, value, support), and the rounds it took."""

    sources: pd.DataFrame
    support: pd.DataFrame
    rounds: int


def estimate(claims: pd.DataFrame) -> Reliability:
    """Truth discovery over ``claims`` (columns ``source``, ``thing``, ``value``; repeats allowed)."""
    claims = claims[["source", "thing", "value"]].drop_duplicates()
    sources = sorted(claims["source"].unique())
    said: dict[object, dict[object, set[str]]] = defaultdict(
        lambda: defaultdict(set)
    )  # thing -> value -> sources
    for s, t, v in claims.itertuples(index=False):
        said[t][v].add(s)
    reliability = dict.fromkeys(sources, ALPHA / (ALPHA + BETA))
    agree: dict[str, int] = {}
    compared: dict[str, int] = {}
    rounds = 0
    for rounds in range(1, ITERATIONS + 1):  # noqa: B007 - the last round is reported
        weight = {s: -math.log(1.0 - min(r, 1 - 1e-9)) for s, r in reliability.items()}
        agree, compared = dict.fromkeys(sources, 0), dict.fromkeys(sources, 0)
        for values in said.values():
            support = {v: sum(weight[s] for s in behind) for v, behind in values.items()}
            for v, behind in values.items():
                for s in behind:
                    others = {
                        u: sup - (weight[s] if s in values[u] else 0.0) for u, sup in support.items()
                    }  # leave one out
                    if not any(values[u] - {s} for u in values):
                        continue  # no other source says anything of it: nothing to compare with
                    best = max(others.values())
                    top = [u for u, sup in others.items() if sup >= best - 1e-12]
                    compared[s] += 1
                    agree[s] += int(len(top) == 1 and top[0] == v)
        new = {s: (agree[s] + ALPHA) / (compared[s] + ALPHA + BETA) for s in sources}
        moved = max((abs(new[s] - reliability[s]) for s in sources), default=0.0)
        reliability = new
        if moved < TOLERANCE:
            break
    weight = {s: -math.log(1.0 - min(r, 1 - 1e-9)) for s, r in reliability.items()}
    table = pd.DataFrame(
        {
            "source": sources,
            "reliability": [reliability[s] for s in sources],
            "judged": [compared[s] >= MIN_COMPARED for s in sources],
            "figures": [int(n) for n in claims.groupby("source").size().reindex(sources).to_numpy()],
            "compared": [compared[s] for s in sources],
            "agreements": [agree[s] for s in sources],
            "disagreements": [compared[s] - agree[s] for s in sources],
            "weight": [weight[s] for s in sources],
        },
        columns=SOURCE_COLUMNS,
    )
    table = table.sort_values(["judged", "reliability", "source"], ascending=[False, False, True])
    support = pd.DataFrame(
        [
            (t, v, sum(weight[s] for s in behind))
            for t, values in said.items()
            for v, behind in values.items()
        ],
        columns=["thing", "value", "support"],
    )
    return Reliability(table.reset_index(drop=True), support, rounds)


def _claims(assertions: pd.DataFrame) -> pd.DataFrame:
    """The claims of the comparable assertions: source (the document when none is named), the thing
    (entity, metric, unit) and the value, as the consensus table groups them."""
    c = comparable(assertions)
    return pd.DataFrame(
        {
            "source": c["source"].fillna(c["doc_id"]).astype(str).to_numpy(),
            "thing": list(zip(c["entity"], c["metric"], c["unit"].fillna(""), strict=True)),
            "value": c["value"].round(6).to_numpy(),
        }
    )


def source_reliability(assertions: pd.DataFrame) -> Reliability:
    """:func:`estimate` over an assertions table (a run's, or a store's)."""
    return estimate(_claims(assertions))


def weighted_consensus(assertions: pd.DataFrame, found: Reliability | None = None) -> pd.DataFrame:
    """The consensus table (:func:`factcheck.group.consensus`) with each value's ``support`` (the
    weights of its sources), ``weighted_consensus`` marking the value of highest support (none where
    two tie), and ``differs_from_majority`` on the rows of things where that is not the value most
    sources back."""
    table = consensus(assertions)
    if table.empty:
        return table.assign(
            support=pd.Series(dtype=float), weighted_consensus=False, differs_from_majority=False
        )
    found = found or source_reliability(assertions)
    support = {(t, v): s for t, v, s in found.support.itertuples(index=False)}  # thing -> value -> support
    things = list(zip(table["entity"], table["metric"], table["unit"].fillna(""), strict=True))
    table["support"] = [support.get((t, v), 0.0) for t, v in zip(things, table["value"], strict=True)]
    key = [f"{e}\x1f{m}" for e, m in zip(table["entity"], table["metric"], strict=True)]
    top = table.groupby(key)["support"].transform("max").to_numpy()
    ties = pd.Series(np.isclose(table["support"], top), index=table.index).groupby(key).transform("sum")
    table["weighted_consensus"] = np.isclose(table["support"], top) & (ties == 1).to_numpy()
    differs = (table["weighted_consensus"] != table["consensus"]).groupby(key).transform("any")
    table["differs_from_majority"] = differs.to_numpy()
    return table
