"""How each kind of rule computes its findings over the candidate pairs, in numbers only: on arrays, no
loop over pairs. Each returns what it found (:class:`Found`: the pairs, both sides, and the numbers
per pair), or None; explain.py words it and tables.py makes it rows of the findings tables. The
kinds are found by name in registry.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from factcheck.engine.rule import Rule
from factcheck.group import (
    HAIR,
    Pairs,
    dense,
    gap_days,
    last_digit_half,
    ramp,
    rounding,
    significant_half,
    text_is,
    times_apart,
)


@dataclass(frozen=True)
class Found:
    """What a kind found: ``sides``, a table of pairs with the columns of both sides (``_a``, ``_b``: as
    :meth:`Pairs.table` gives them, or a DataFrame of the same columns), and ``numbers``, per pair,
    what the kind computed (``gap`` and ``relative_gap`` of a conflict, ...)."""

    sides: Any
    numbers: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.sides["assertion_id_a"])


def repeat(value: Any, n: int) -> np.ndarray:
    """``value`` ``n`` times, as an object array (numpy's ``full`` is ten times slower for objects)."""
    out = np.empty(n, dtype=object)
    out[:] = value
    return out


TRUNCATED_DIGITS = 200  # a figure is cut short only when half its last digit is at most 1/200 of it


def _meet(pairs: Pairs, selected: np.ndarray, rule: Rule) -> tuple[np.ndarray, np.ndarray]:
    """Whether the two intervals of each selected pair meet, within the rule's tolerance (rounding
    intervals are half-open, but two percents written with decimals meet when they touch: :func:`_tenths`;
    a point on the edge of the other's interval meets it, and so do two inclusive wordings that touch):
    on arrays.

    An exact round figure carries the rounding of its last non-zero digit ("2 billion": 1.5 to 2.5
    billion; "30": 25 to 35); from ``truncated_from`` on (not a percent), with three significant digits
    or more, it may also be cut short ("10,41 milioni" for 10,415,991, "€1.57bn" for 1.578 billion): its
    interval reaches a whole last digit away from zero. To the rule's ``rounding_digits`` significant
    digits that is honest precision ("350 million": 345 to 355 million): the two meet. A coarser
    rounding ("2 billion" for 2.5 billion) agrees only if one is a rounding of the other: returned as the
    second array (meeting only through that rounding, the values no further apart than
    ``possible_rounding`` of the larger)."""
    i, j = pairs.i[selected], pairs.j[selected]
    v_a, v_b = pairs.value[i], pairs.value[j]
    full = pairs.rounding  # per position, nan where the wording's interval holds
    honest = _honest(pairs, rule)
    truncated_from = rule.parameters.get("truncated_from", 0.0)
    converted = pairs.converted[selected]
    rate_a = np.where(converted, pairs.to_eur[i], 1.0) if converted.any() else np.ones(len(i))
    rate_b = np.where(converted, pairs.to_eur[j], 1.0) if converted.any() else np.ones(len(j))
    scale = np.maximum(np.abs(v_a * rate_a), np.abs(v_b * rate_b))
    tol = np.where(
        pairs.percent[i],
        rule.parameters.get("points_tolerance", 0.0),
        rule.parameters.get("relative_tolerance", 0.0) * scale,
    ) + np.where(converted, rule.parameters.get("converted_tolerance", 0.0) * scale, 0.0)

    def meet(half: np.ndarray) -> np.ndarray:
        lo_a, hi_a = _interval(pairs, i, half, truncated_from)
        lo_b, hi_b = _interval(pairs, j, half, truncated_from)
        lo_a, hi_a, lo_b, hi_b = lo_a * rate_a, hi_a * rate_a, lo_b * rate_b, hi_b * rate_b
        slack = np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b) + tol
        # a point, or two wordings that take in their ends ("up to 400", "400 to 600"), meets at an edge
        point = (lo_a == hi_a) | (lo_b == hi_b) | (pairs.inclusive[i] & pairs.inclusive[j])
        touch = slack >= -1e-9 * np.maximum(np.abs(hi_a), np.abs(hi_b))  # (floats: 28.6 - 0.05 > 28.5 + 0.05)
        return (slack > 0) | ((slack == 0) & point) | (touch & _tenths(pairs, i, j, half))

    meets = meet(honest)
    with np.errstate(divide="ignore", invalid="ignore"):
        apart = np.abs(v_a * rate_a - v_b * rate_b) / scale
    rounding = ~meets & (np.nan_to_num(apart) <= rule.parameters.get("possible_rounding", 0.0))
    if rounding.any():
        rounding &= meet(full)
    return meets, rounding


def _honest(pairs: Pairs, rule: Rule) -> np.ndarray:
    """Per position: half a unit of the last digit an exact round figure honestly carries (to the
    rule's ``rounding_digits``; a count or amount below ``rounded_from`` none: "120 seats" is 120);
    nan where the wording's interval holds (:attr:`Pairs.rounding`)."""
    honest = np.minimum(
        pairs.rounding, significant_half(pairs.value, rule.parameters.get("rounding_digits", 1.0))
    )
    small = (
        ~pairs.percent & ~pairs.measured & (np.abs(pairs.value) < rule.parameters.get("rounded_from", 0.0))
    )
    return np.where(small & ~np.isnan(honest), 0.0, honest)


def _interval(
    pairs: Pairs, at: np.ndarray, half: np.ndarray, truncated_from: float
) -> tuple[np.ndarray, np.ndarray]:
    """The low and high ends of the figures at positions ``at``: a round figure's value give or take
    ``half`` (a whole last digit away from zero when it may be cut short), else its wording's interval
    (an approximate figure's at least as wide as its last digit rounds: :attr:`Pairs.about`)."""
    h = half[at]
    round_ = ~np.isnan(h)
    v = pairs.value[at]
    cut = _cut_short(v, h, pairs.percent[at], truncated_from)
    up = np.where(cut & (v >= 0), 2 * h, h)
    down = np.where(cut & (v < 0), 2 * h, h)
    about = pairs.about[at]  # "circa 30.000": as far as its last digit rounds, if wider than its wording
    low, high = np.minimum(pairs.lower[at], v - about), np.maximum(pairs.upper[at], v + about)
    return np.where(round_, v - down, low), np.where(round_, v + up, high)


def _cut_short(value: np.ndarray, half: np.ndarray, percent: np.ndarray, truncated_from: float) -> np.ndarray:
    """Per figure: whether it may be cut short rather than rounded: from ``truncated_from`` on (not a
    percent) or a percent written with decimals ("32.7%" for 32.76%), three significant digits or more (a
    round figure, "44 billion", "8%", is rounded)."""
    if not truncated_from:
        return np.zeros(len(value), bool)
    large = (np.abs(value) >= truncated_from) & ~percent
    return (large | (percent & (half < 0.5))) & (half * TRUNCATED_DIGITS <= np.abs(value))


def _tenths(pairs: Pairs, i: np.ndarray, j: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Per pair: whether both are percents written with decimals, whose roundings may touch and still
    meet ("28.6%" and "28.5%", "42,5%" and "42.4 percent": one true value may be written either way)."""
    h_a, h_b = half[i], half[j]
    return pairs.percent[i] & pairs.percent[j] & (h_a < 0.5) & (h_b < 0.5)


def _rounded_side(found: Any) -> np.ndarray:
    """Per row of ``found``: whether side a is the round figure the other may be a rounding of (the
    one whose rounding reaches the other's value, else the coarser one: "30" of 33, "8 km" of 8.2 km)."""
    v_a, v_b = (np.asarray(found[f"value_{s}"], dtype=float) for s in ("a", "b"))
    h_a, h_b = (np.maximum(rounding(v), last_digit_half(v)) for v in (v_a, v_b))
    reach_a, reach_b = np.abs(v_a - v_b) <= h_a, np.abs(v_a - v_b) <= h_b
    return np.where(reach_a != reach_b, reach_a, h_a >= h_b)


def _gaps(p: Any) -> tuple[np.ndarray, np.ndarray]:
    """The gap between the two values of each pair in ``p`` (in side a's unit: amounts in two
    currencies are compared in euros, then given back in a's currency) and the gap relative to the larger."""
    converted = np.asarray(p["converted"]) if "converted" in p else False
    rate_a, rate_b = np.where(converted, p["to_eur_a"], 1.0), np.where(converted, p["to_eur_b"], 1.0)
    a, b = np.asarray(p["value_a"], dtype=float) * rate_a, np.asarray(p["value_b"], dtype=float) * rate_b
    gap = np.abs(a - b)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = gap / np.maximum(np.abs(a), np.abs(b))
    return gap / rate_a, np.where(np.isfinite(rel), rel, 0.0)


def _collapse(pairs: Pairs, selected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One finding per disagreement: the same two values said again elsewhere become other ids.

    Returns the representative pairs (positions into ``pairs``) and, for each, the other assertion
    ids saying the same two values. On arrays; the representative is the least hedged pair, then the
    one with the smallest assertion ids (stable across runs)."""
    i, j = pairs.i[selected], pairs.j[selected]
    rank = pairs.value_rank
    values = pd.factorize(
        np.minimum(rank[i], rank[j]) * (int(rank.max(initial=0)) + 1) + np.maximum(rank[i], rank[j])
    )[0]
    key = pd.factorize(pairs.group[i] * (int(values.max(initial=0)) + 1) + values)[
        0
    ]  # one key per entity, metric and pair of values
    n = len(pairs.perm)
    choice = (
        (pairs.hedged[i].astype(np.int64) + pairs.hedged[j]) * n * n + i * n + j
    )  # within a group, rows are in the order of their ids
    best = np.full(int(key.max(initial=-1)) + 1, np.iinfo(np.int64).max)
    np.minimum.at(best, key, choice)
    first = np.flatnonzero(choice == best[key])
    first = first[
        np.argsort(key[first])
    ]  # the representative of each key, in the order of keys (numbered as met)
    others = repeat("", len(first))
    said = np.sort(np.concatenate([key, key]) * n + np.concatenate([i, j]))
    said = said[np.r_[True, said[1:] != said[:-1]]] if len(said) else said  # (key, assertion) once each
    said_key, said_pos = said // n, said % n
    rep_i, rep_j = np.empty(len(first), dtype=np.int64), np.empty(len(first), dtype=np.int64)
    rep_i[key[first]], rep_j[key[first]] = i[first], j[first]
    extra = (said_pos != rep_i[said_key]) & (
        said_pos != rep_j[said_key]
    )  # said by more than the representative's two
    if extra.any():
        said_key, said_pos = said_key[extra], said_pos[extra]  # sorted by key, then by id
        starts = np.r_[0, np.flatnonzero(np.diff(said_key)) + 1]
        ids, ends = pairs.column("assertion_id", said_pos).tolist(), np.r_[starts[1:], len(said_pos)]
        by_key = repeat("", len(first))
        by_key[said_key[starts]] = [
            " ".join(ids[a:b]) for a, b in zip(starts.tolist(), ends.tolist(), strict=False)
        ]
        others = by_key[key[first]]
    return selected[first], others


def disagreement(pairs: Pairs, rule: Rule, *, disputed: bool = False) -> Found | None:
    """Values for the same entity, metric and moment whose intervals do not meet: per pair, the gap
    (in side a's unit) and the gap relative to the larger, whether the two agree only through a
    rounding (``rounded``, then graded low) and whether side a is the round figure (``a_rounds``)."""
    selected = np.flatnonzero(
        pairs.same & (pairs.disputed if disputed else ~pairs.disputed)
    )  # two named claimants: a dispute
    if not rule.parameters.get("same_article", 1.0):
        selected = selected[~_one_article(pairs, selected)]
    if not rule.parameters.get("stage_unsaid", 1.0):
        selected = selected[~_one_staged(pairs, selected)]
    meets, rounding = _meet(pairs, selected, rule)
    by_rounding = np.zeros(len(pairs.i), dtype=bool)
    by_rounding[selected[rounding]] = True
    selected = selected[~meets]
    selected = selected[~_far_apart(pairs, selected, rule.parameters)]
    if not rule.parameters.get("given_together", 1.0):
        selected = selected[~told_apart(pairs, selected, rule)]
    representative, others = _collapse(pairs, selected)
    if not len(representative):
        return None
    found = pairs.table(representative) | {"other_assertion_ids": others}
    gap, rel = _gaps(found)
    numbers = {"gap": gap, "relative_gap": rel, "rounded": by_rounding[representative]}
    return Found(found, numbers | {"a_rounds": _rounded_side(found)})


MEASURED = ("property",)  # kinds of metric whose two values in one article are rival measures (two agencies'
# magnitudes of one quake), not two things it tells apart


def told_apart(pairs: Pairs, selected: np.ndarray, rule: Rule, batch: int = 1 << 22) -> np.ndarray:
    """Per selected pair: whether some article gives both values of its group, neither computed from
    others nor put in the mouths of two claimants (a figure of it meeting one side's interval and not
    the other's, and one the other way round): to that article, and so to any reader, they are two
    things (two moments of a count, two rounds of a vote, a day and two days), not rival figures of
    one; not for a measured property (MEASURED), nor for two values a hair apart (``group.HAIR``: "38,466"
    and "38,465" cases in one article are one figure, misread). On arrays: the witnesses (figures of an article that
    gives its group two values) of each pair's group, a batch of (pair, witness) rows at a time."""
    out = np.zeros(len(selected), dtype=bool)
    witness = _witnesses(pairs)
    if not len(selected) or not len(witness):
        return out
    v = pairs.value
    a, b = v[pairs.i[selected]], v[pairs.j[selected]]
    far = np.abs(a - b) > HAIR * np.maximum(np.abs(a), np.abs(b))  # a hair apart: one figure, misread
    half, truncated_from = _honest(pairs, rule), rule.parameters.get("truncated_from", 0.0)
    lo, hi = _interval(pairs, witness, half, truncated_from)
    group = pairs.group[witness]
    todo = np.flatnonzero(~np.isin(pairs.column("metric_kind", pairs.i[selected]), MEASURED) & far)
    i, j = pairs.i[selected[todo]], pairs.j[selected[todo]]
    first = np.searchsorted(group, pairs.group[i], side="left")
    size = np.searchsorted(group, pairs.group[i], side="right") - first
    todo, i, j, first, size = (x[size > 0] for x in (todo, i, j, first, size))
    lo_i, hi_i = _interval(pairs, i, half, truncated_from)
    lo_j, hi_j = _interval(pairs, j, half, truncated_from)
    for start, end in _batches(np.cumsum(size), batch):
        n = size[start:end]
        row = np.repeat(np.arange(start, end), n)
        w = np.repeat(first[start:end], n) + ramp(n)  # into the witnesses
        at_i = _beside(pairs, witness[w], i[row], j[row], (lo[w], hi[w], lo_i[row], hi_i[row]))
        at_j = _beside(pairs, witness[w], j[row], i[row], (lo[w], hi[w], lo_j[row], hi_j[row]))
        said = _both_said(
            row, pairs.article[witness[w]], pairs.claimant[witness[w]], at_i & ~at_j, at_j & ~at_i
        )
        out[todo[said]] = True
    return out


NEAR = 4  # a figure within a NEARth of the gap between two values is on the side of the nearer one


def _beside(
    pairs: Pairs, w: np.ndarray, i: np.ndarray, j: np.ndarray, ends: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Per row: whether the figure at position ``w`` is on the side of ``i`` in its disagreement with
    ``j``: of one unit, and their intervals (``ends``: low and high of w, then of i) meet, or its value is
    within a NEARth of the gap ("10,415,991" votes beside "10,415,191", against "16,384,403")."""
    lo_w, hi_w, lo_i, hi_i = ends
    v = pairs.value
    near = np.abs(v[w] - v[i]) * NEAR <= np.abs(v[i] - v[j])
    return (pairs.unit[w] == pairs.unit[i]) & (((lo_w <= hi_i) & (hi_w >= lo_i)) | near)


def _witnesses(pairs: Pairs) -> np.ndarray:
    """The positions (in order) of the figures, said and not computed, of an article that gives their
    group two values or more."""
    said = np.flatnonzero(~pairs.derived)
    where = dense(pairs.group[said], pairs.article[said])  # one code per group and article
    values = dense(where, pairs.value_rank[said])
    distinct = np.bincount(
        where[np.unique(values, return_index=True)[1]], minlength=int(where.max(initial=-1)) + 1
    )
    return said[distinct[where] > 1]


def _batches(cost: np.ndarray, batch: int) -> list[tuple[int, int]]:
    """Runs [start, end) of items whose cumulative ``cost`` stays within ``batch`` (one item at least)."""
    out, start = [], 0
    while start < len(cost):
        base = cost[start - 1] if start else 0
        end = max(int(np.searchsorted(cost, base + batch, side="right")), start + 1)
        out.append((start, end))
        start = end
    return out


def _both_said(
    row: np.ndarray, article: np.ndarray, claimant: np.ndarray, side_a: np.ndarray, side_b: np.ndarray
) -> np.ndarray:
    """The distinct rows for which one article holds a figure of side a and one of side b that are not
    two claimants' words (the same claimant, or no one named on either)."""
    key = dense(row, article)  # one code per row and article
    said_by = dense(key, claimant)  # and per claimant
    a, b = np.flatnonzero(side_a), np.flatnonzero(side_b)
    anyone = np.isin(key[a], key[b][claimant[b] < 0]) | (np.isin(key[a], key[b]) & (claimant[a] < 0))
    same = np.isin(said_by[a], said_by[b])
    return np.unique(row[a[anyone | same]])


def _one_article(pairs: Pairs, selected: np.ndarray) -> np.ndarray:
    """Per selected pair: whether both sides are of one article and said there, neither computed from
    others ("la moitié de ses 7.500 employés" is derived: the article's arithmetic, compared)."""
    i, j = pairs.i[selected], pairs.j[selected]
    article, derived = pairs.article, pairs.derived
    return (article[i] == article[j]) & ~derived[i] & ~derived[j]


def _one_staged(pairs: Pairs, selected: np.ndarray) -> np.ndarray:
    """Per selected pair: whether one side says the stage of its event it is of ("in the final
    results", "in the first round") and the other says none (``group.pairs`` compares them: the one
    not said may be of that stage, or of another)."""
    if "stage" not in pairs.rows.columns:
        return np.zeros(len(selected), dtype=bool)
    staged = pairs.sorted(pairs.rows["stage"].notna().to_numpy())
    return staged[pairs.i[selected]] != staged[pairs.j[selected]]


def _far_apart(pairs: Pairs, selected: np.ndarray, parameters: dict[str, float]) -> np.ndarray:
    """Per selected pair: whether its two values, of one sign, are more than ``max_ratio`` times apart
    (in euros for two currencies), or ``max_ratio_percent`` for two percents, or
    ``max_ratio_unattributed`` when neither names who says it: "10,672" and "23 million", "32" and
    "500", "27.7%" and "40%" of one metric are two things (a part and a whole, another place, moment or
    base), not rival figures of one; a named claimant's estimate may be far from another's (a crowd
    counted by its organisers and by the police). 0: no limit."""
    limits = {name: parameters.get(name, 0.0) or np.inf for name in _RATIOS}
    if all(np.isinf(v) for v in limits.values()) or not len(selected):
        return np.zeros(len(selected), dtype=bool)
    i, j = pairs.i[selected], pairs.j[selected]
    limit = np.full(len(selected), limits["max_ratio"])
    limit = np.where(
        pairs.percent[i] & pairs.percent[j], np.minimum(limit, limits["max_ratio_percent"]), limit
    )
    unsaid = (pairs.claimant[i] < 0) & (pairs.claimant[j] < 0)
    limit = np.where(unsaid, np.minimum(limit, limits["max_ratio_unattributed"]), limit)
    return times_apart((i, j), pairs.converted[selected], pairs.value, pairs.to_eur) > limit


_RATIOS = ("max_ratio", "max_ratio_percent", "max_ratio_unattributed")


def dispute(pairs: Pairs, rule: Rule) -> Found | None:
    """The same figure given differently by different named claimants."""
    return disagreement(pairs, rule, disputed=True)


def within_article(assertions: pd.DataFrame) -> pd.DataFrame:
    """The assertions the arithmetic rules inside one article can use: the two ends of a transition,
    flows that decrease a stock, changes of a stock (mapped, valued, not repeats), in the articles
    that tell of a transition ("from X to Y"), where every such rule starts."""
    start = text_is(assertions["role"], "from")
    moves = assertions["article_id"].iloc[np.flatnonzero(start)].to_numpy()
    if not len(moves):
        return assertions.iloc[:0]
    takes_part = (
        start
        | text_is(assertions["role"], "to")
        | assertions["decreases"].notna().to_numpy()
        | assertions["change_of"].notna().to_numpy()
    )
    ok = takes_part & ~assertions["is_repeat"].to_numpy(dtype=bool) & assertions["value"].notna().to_numpy()
    at = np.flatnonzero(ok)
    ok[ok] = (
        ~text_is(assertions["metric"].iloc[at], "unmapped")
        & assertions["article_id"].iloc[at].isin(moves).to_numpy()
    )
    return assertions[ok]


def identity(a: pd.DataFrame, rule: Rule) -> Found | None:
    """Within one article (``a``: :func:`within_article`): before - cut = after, for a from/to
    transition and a flow that decreases it."""
    flows = a[a["decreases"].notna() & a["role"].isna()]
    if flows.empty:  # no cut to check: no join of the wide tables
        return None
    frm = a[a["role"] == "from"]
    to = a[a["role"] == "to"]
    t = frm.merge(to, left_on="link_id", right_on="assertion_id", suffixes=("_a", "_b"))
    t = t.merge(
        flows,
        left_on=["article_id_a", "entity_a", "metric_a"],
        right_on=["article_id", "entity", "decreases"],
    )
    if t.empty:
        return None
    lo = t["lower_a"].fillna(t["value_a"]) - t["upper"].fillna(t["value"])
    hi = t["upper_a"].fillna(t["value_a"]) - t["lower"].fillna(t["value"])
    expected = t["value_a"] - t["value"]
    tol = rule.parameters.get("relative_tolerance", 0.0) * t["value_a"].abs()
    lo_b, hi_b = t["lower_b"].fillna(-np.inf), t["upper_b"].fillna(np.inf)
    broken = (np.minimum(hi, hi_b) - np.maximum(lo, lo_b) + tol) < 0
    found = t[broken].copy()
    if found.empty:
        return None
    expected = expected[broken]
    gap = (expected - found["value_b"]).abs()
    rel = gap / np.maximum(found["value_b"].abs(), expected.abs()).replace(0, np.nan)
    found["other_assertion_ids"] = found["assertion_id"]
    return Found(found, {"gap": gap, "relative_gap": rel.fillna(0.0), "expected": expected.to_numpy()})


def bound(pairs: Pairs, rule: Rule) -> Found | None:
    """A part is never more than its whole: a flow that takes from a stock ("7,500 laid off") cannot
    exceed that stock as it was before ("from 5,000", or a staff its text dates earlier within the
    flow's window), for the same entity and unit. A stock of the same day may be what is left after
    it; one dated only by the day its article was published is not known to be before it (a level
    reported then may be of any time, and a smaller one is most often of a part the text left unsaid)."""
    rows = pairs.rows
    takes = np.flatnonzero(pairs.sorted((rows["decreases"].notna() & rows["link_id"].isna()).to_numpy()))
    i, j = pairs.groups.members(takes, pairs.groups.of(takes, pairs.column("decreases", takes)))
    lower, upper = pairs.lower, pairs.upper
    tol = rule.parameters.get("relative_tolerance", 0.0) * np.abs(pairs.value[j])
    dated = pairs.column("time_basis", j) == "explicit"
    before = (pairs.column("role", j) == "from") | (
        dated & (pairs.end[j] < pairs.start[i])
    )  # the stock as it was before the cut, not after it
    window = np.nan_to_num(pairs.column("window_days", i).astype(float))
    broken = (
        before
        & (pairs.unit[i] == pairs.unit[j])
        & (gap_days(pairs.start, pairs.end, i, j) <= window)
        & (lower[i] > upper[j] + tol)
    )
    if not broken.any():
        return None
    found = pairs.table_of(i[broken], j[broken])
    gap_v = found["value_a"].astype(float) - found["value_b"].astype(float)
    stock = np.abs(found["value_b"].astype(float))
    rel = np.divide(gap_v, stock, out=np.zeros(len(gap_v)), where=stock != 0)
    return Found(found, {"gap": gap_v, "relative_gap": rel})


_SIDE = (
    "assertion_id",
    "doc_id",
    "lang",
    "value",
    "lower",
    "upper",
    "unit",
    "qualifier",
    "sentence",
    "number_text",
    "source",
    "period_start",
    "period_end",
    "attribution",
    "published",
    "time_basis",
    "derived",
    "metric_dimension",
    "entity",
    "metric",
    "entity_label",
    "metric_label",
)


def stated_change(a: pd.DataFrame, rule: Rule) -> Found | None:
    """Within one article (``a``: :func:`within_article`): a stock that went from X to Y, and the
    percent change the article states for it ("from 7,500 to 2,000, a fall of 50%"), must agree:
    (Y - X) / X, with the intervals of the wording, meets the stated percent within the rule's
    tolerance (in points)."""
    changes = a[a["change_of"].notna()]
    if changes.empty:  # no change stated: no join of the wide tables
        return None
    moves = a[a["role"] == "from"].merge(
        a[a["role"] == "to"], left_on="link_id", right_on="assertion_id", suffixes=("_f", "_t")
    )
    t = moves.merge(
        changes,
        left_on=["article_id_f", "entity_f", "metric_f"],
        right_on=["article_id", "entity", "change_of"],
    )
    t = t[t["value_f"] > 0]
    if t.empty:
        return None
    f_lo, f_hi = t["lower_f"].fillna(t["value_f"]), t["upper_f"].fillna(t["value_f"])
    t_lo, t_hi = t["lower_t"].fillna(t["value_t"]), t["upper_t"].fillna(t["value_t"])
    computed = (t["value_t"] / t["value_f"] - 1) * 100
    lo, hi = (t_lo / f_hi - 1) * 100, (t_hi / f_lo - 1) * 100  # the change the two figures allow
    s_lo, s_hi = t["lower"].fillna(-np.inf), t["upper"].fillna(np.inf)
    broken = (np.minimum(hi, s_hi) - np.maximum(lo, s_lo) + rule.parameters.get("points_tolerance", 0.0)) < 0
    t, computed = t[broken], computed[broken]
    if t.empty:
        return None
    found = pd.DataFrame(
        {f"{c}_a": t[c].to_numpy() for c in _SIDE} | {f"{c}_b": t[f"{c}_t"].to_numpy() for c in _SIDE},
        index=t.index,
    )
    found["other_assertion_ids"] = t["assertion_id_f"].to_numpy()
    gap = (computed - t["value"]).abs()
    numbers = {"gap": gap, "relative_gap": gap / 100, "before": t["value_f"], "computed": computed}
    return Found(found, {name: np.asarray(v, dtype=float) for name, v in numbers.items()})


_CHUNK = 1 << 20  # pairs looked at together: millions of pairs, read a million at a time (no array of each)


def _series(pairs: Pairs) -> tuple[np.ndarray, int, int]:
    """The dated values of every entity and metric as sorted keys (group * span + day - base), with
    span and base: where :func:`_adjacent` looks for a value between two."""
    used = np.zeros(len(pairs.perm), dtype=bool)
    used[pairs.i] = used[pairs.j] = True
    day = pairs.start
    span = int(day[used].max() - day[used].min() + 2) if used.any() else 1
    base = int(day[used].min()) - 1 if used.any() else 0
    return np.sort(pairs.group[used].astype(np.int64) * span + (day[used] - base)), span, base


def _adjacent(pairs: Pairs, selected: np.ndarray, series: tuple[np.ndarray, int, int]) -> np.ndarray:
    """Pairs with no other dated value of the same entity and metric strictly between their dates:
    the steps of the time series, not every pair of points (searched in sorted arrays, no merge)."""
    keys, span, base = series
    day = pairs.start
    i, j = pairs.i[selected], pairs.j[selected]
    g = pairs.group[i].astype(np.int64) * span
    lo, hi = np.minimum(day[i], day[j]) - base, np.maximum(day[i], day[j]) - base
    between = np.searchsorted(keys, g + hi, side="left") - np.searchsorted(keys, g + lo, side="right")
    return between == 0


def _steps(pairs: Pairs, rule: Rule, lo: int, hi: int, series: tuple[np.ndarray, int, int]) -> np.ndarray:
    """The pairs among ``lo:hi`` that change by the rule's least change, with no value between them."""
    value = pairs.value
    i, j = pairs.i[lo:hi], pairs.j[lo:hi]
    selected = np.flatnonzero(~pairs.same[lo:hi] & ~pairs.converted[lo:hi] & (value[i] != value[j])) + lo
    a, b = value[pairs.i[selected]], value[pairs.j[selected]]  # a change in one unit
    gap, larger = np.abs(a - b), np.maximum(np.abs(a), np.abs(b))
    rel = np.divide(gap, larger, out=np.zeros(len(gap)), where=larger != 0)
    percent = pairs.percent[pairs.i[selected]]
    selected = selected[
        np.where(
            percent,
            gap >= rule.parameters.get("min_points_change", 0.0),
            rel >= rule.parameters.get("min_relative_change", 0.0),
        )
    ]
    return selected[_adjacent(pairs, selected, series)]


def trend(pairs: Pairs, rule: Rule) -> Found | None:
    """The same thing at clearly different times: a change to show, never a conflict."""
    series, n = _series(pairs), len(pairs.i)
    steps = [_steps(pairs, rule, lo, min(lo + _CHUNK, n), series) for lo in range(0, n, _CHUNK)]
    selected = _once(pairs, np.concatenate(steps) if steps else np.zeros(0, np.intp))
    if not len(selected):
        return None
    i, j = pairs.i[selected], pairs.j[selected]
    later_j = pairs.start[j] >= pairs.start[i]
    p = pairs.table_of(np.where(later_j, i, j), np.where(later_j, j, i))  # side a: the earlier
    first, last = np.asarray(p["value_a"], dtype=float), np.asarray(p["value_b"], dtype=float)
    change = last - first
    relative = np.divide(change, np.abs(first), out=np.full(len(change), np.nan), where=first != 0)
    return Found(p, {"change": change, "relative_change": relative})


def _once(pairs: Pairs, selected: np.ndarray) -> np.ndarray:
    """The selected pairs, each change said again elsewhere (the same entity, metric, values to six
    decimals and days) once: by the pair of smallest assertion ids."""
    i, j = pairs.i[selected], pairs.j[selected]
    later_j = pairs.start[j] >= pairs.start[i]
    first, last = np.where(later_j, i, j), np.where(later_j, j, i)
    said = dense(
        pairs.group[first],
        pairs.value_rank[first],
        pairs.value_rank[last],
        pairs.start[first],
        pairs.start[last],
    )
    order = np.lexsort((j, i, said))  # within a group, rows are in the order of their ids
    return (
        np.sort(selected[order[np.r_[True, said[order][1:] != said[order][:-1]]]]) if len(order) else selected
    )
