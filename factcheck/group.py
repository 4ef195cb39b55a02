"""Stage 6, group: candidate comparisons (same entity and metric, compatible units) and how their times relate.

Vectorised: the pairs of each entity x metric group are generated as arrays of positions (no Python
loop over pairs, no wide self-merge); rules decide on arrays, make a table only of the pairs that
matter (:meth:`Pairs.table`), with the quotes and sources of both sides.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from factcheck.models import BOUNDS, EARLIER, IN_PROGRESS, PART, REFERENCE, RIVAL, TIMELESS, stage_family
from factcheck.money import convertible, euros_per_unit
from factcheck.unionfind import root, union

PAIR_COLUMNS = [
    "assertion_id",
    "doc_id",
    "article_id",
    "source",
    "lang",
    "published",
    "entity",
    "metric",
    "value",
    "lower",
    "upper",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "time_basis",
    "time_precision",
    "attribution",
    "number_text",
    "sentence",
    "metric_kind",
    "metric_dimension",
    "window_days",
    "cumulative",
    "derived",
    "link_id",
    "decreases",
    "role",
    "scope",
]
# What a table of pairs carries of each side (group.Pairs.table): what rules weigh and what findings show.
SIDE = [
    "assertion_id",
    "entity",
    "metric",
    "entity_label",
    "metric_label",
    "value",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "attribution",
    "attribution_unsure",
    "metric_dimension",
    "derived",
    "doc_id",
    "source",
    "lang",
    "published",
    "time_basis",
    "number_text",
    "sentence",
    "scope",
]


def comparable(assertions: pd.DataFrame) -> pd.DataFrame:
    """The assertions that can be compared: mapped, about an entity, not a repeat, not an unnamed part of
    a list. A figure restated in another unit ("$3.24 billion (€3.02 billion)") is compared with other
    articles' figures in its unit, never with the one it restates (they are tied). An undated one keeps
    no date here (see :func:`comparison_basis` for the time it is compared at)."""
    ok, start, _ = comparison_basis(assertions)
    columns = [c for c in PAIR_COLUMNS if c in assertions.columns]  # scope: only where it was read
    start = start.where(_dated(assertions))
    return assertions.loc[ok, columns].assign(period_start=start[ok]).reset_index(drop=True)


def _dated(a: pd.DataFrame) -> pd.Series:
    """Whether a date reaches each assertion: written with it, or its article's."""
    return a["period_start"].notna() | a["period_end"].notna()


# what :func:`comparison_basis` finds: which assertions can be compared, and the first and last day of each
Basis = tuple[np.ndarray, pd.Series, pd.Series]


def comparison_basis(a: pd.DataFrame) -> Basis:
    """Which assertions can be compared (see :func:`comparable`), and the first and last day each is
    compared over. A figure no date reaches (none written, none for its article) is taken to be of
    the time of the others: the span of the dated figures of its subject and metric (a run's articles
    are about one story; :func:`_place_undated`), so it is compared with them and never makes a trend; its findings are
    one level lower (:func:`is_hedged`) and say it is undated. Not the undated ends of a change
    ("from 8,000 to 1,500"): they are of two times, neither known."""
    start = a["period_start"].fillna(a["period_end"])  # "no later than" a date: compared at that date
    end = a["period_end"].fillna(start)
    ok = (
        ~_is(a, "metric", "unmapped")
        & a["entity"].notna().to_numpy()
        & a["value"].notna().to_numpy()
        & ~a["is_repeat"].to_numpy(dtype=bool)
    )
    if "scope" in a.columns:
        # a part the text does not name (which part is unknown), or an unnamed rival's; a figure given for
        # comparison, undated
        ok &= ~_is(a, "scope", PART, RIVAL, REFERENCE)
    dated = _dated(a).to_numpy()
    ok &= dated | ~_is(a, "role", "from", "to")  # the ends of a change: two unknown times
    # what a figure is of: its subject and metric (with its scope), as one code
    key = pd.Series(dense(pd.factorize(a["entity"])[0], pd.factorize(scoped_metric(a))[0]), index=a.index)
    if (ok & ~dated).any():
        ok, start, end = _place_undated(a, key, ok, dated, start, end)
    start, end = _told_again_days(a, key, ok & dated, start, end)
    return ok, start, end


# a price written with a date this far from another's is another deal's (a deal may take years to close)
OTHER_EVENT_DAYS = 3 * 365
# a property (a quake's magnitude, a storm's winds) written with a date this far from another's is another
# event's: "un séisme de magnitude 5,9 en juin 2022" is not the quake of October 2023
OTHER_EVENT_DAYS_PROPERTY = 31
# figures this many days apart at most whose values meet, within this share of the larger, are one figure
# told again ("più di 150 feriti" one day, "150 autres ont été blessées" the next), not a trend
AGREE_DAYS = 2
AGREE_SHARE = 0.01
STEADY = 0.05  # dated figures this close to their median (a share of it) give one steady value


def _place_undated(
    a: pd.DataFrame, key: pd.Series, ok: np.ndarray, dated: np.ndarray, start: pd.Series, end: pd.Series
) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """Undated figures given the span of the dated figures of their subject and metric, where those
    describe one moment (they lie within the metric's window) or one steady value (two in three within
    ``STEADY`` of their median: "104 survivors" on three days); a price or a property (timeless) is
    given their middle day. Where they change over time, which moment an undated one is of is unknown,
    and it is not compared, unless it repeats the value of a dated figure of its subject and metric
    (:func:`_placed_by_value`). ``key``: per row, a code for its subject and metric."""
    known = pd.Series(ok & dated & ~_recalled(a, end), index=a.index)
    first = start.where(known).groupby(key).transform("min")
    last = end.where(known).groupby(key).transform("max")
    span = (last - first).dt.days.to_numpy()
    window = a["window_days"].fillna(0).to_numpy() if "window_days" in a.columns else np.zeros(len(a))
    steady, near = _steady(key, known, start, a["value"])
    timeless = _is(a, "metric_kind", *TIMELESS)
    by_value = steady & ~(span <= window)  # of several moments, one steady value: the span of its days
    if by_value.any():
        first = first.where(~by_value, start.where(near).groupby(key).transform("min"))
        last = last.where(~by_value, end.where(near).groupby(key).transform("max"))
    one_moment = np.isnan(span) | (span <= window) | steady | timeless
    if timeless.any():  # a price or property: at the middle day of the others (not beside another deal's)
        middle_day = start.where(known).groupby(key).transform("median").dt.floor("D")
        first, last = first.where(~timeless, middle_day), last.where(~timeless, middle_day)
    nowhere = pd.Timestamp(0)  # no dated figure of its kind: compared with the other undated ones only
    start = start.where(dated, first.fillna(nowhere))
    end = end.where(dated, last.fillna(nowhere))
    placed, on, until = _placed_by_value(a, key, known, ok & ~dated & ~one_moment, start, end)
    placed, on, until = _placed_beside(a, ok & ~dated & ~one_moment & ~placed, placed, on, until)
    placed, on, until = _placed_together(a, key, ok & ~dated & ~one_moment & ~placed, placed, on, until)
    start, end = start.where(~placed, on), end.where(~placed, until)
    return ok & (dated | one_moment | placed), start, end


def _told_again_days(
    a: pd.DataFrame, key: pd.Series, told: np.ndarray, start: pd.Series, end: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """The days of figures of a count that moves day by day (a running total, ``cumulative``: a toll; or a
    metric whose window is under a day) dated by their article alone that give the value a figure of
    their subject and metric gave at most :data:`AGREE_DAYS` before: that figure told again ("almeno 28
    morti" the day after "28 dead" of Friday), of its day, not a toll of the later day beside that day's
    "48". Days of figures chained so (each within the days of the one before) are the first one's.
    ``key``: per row, a code for its subject and metric."""
    if not {"cumulative", "window_days"} <= set(a.columns):
        return start, end
    moves = a["cumulative"].fillna(False).to_numpy(dtype=bool) | (a["window_days"].to_numpy(float) < 1)
    told = told & moves & (end - start < pd.Timedelta(days=1)).to_numpy()  # of a day
    if told.sum() < 2:
        return start, end
    said = pd.DataFrame({"key": key, "value": a["value"].round(6), "start": start, "end": end})[told]
    said = said.sort_values(["key", "value", "start"])
    first = (said["start"].diff() > pd.Timedelta(days=AGREE_DAYS)) | said[["key", "value"]].ne(
        said[["key", "value"]].shift()
    ).any(axis=1)
    run = first.cumsum()
    on, until = said.groupby(run)["start"].transform("first"), said.groupby(run)["end"].transform("first")
    moved = said.index[_is(a.loc[said.index], "time_basis", "published")]
    start, end = start.copy(), end.copy()
    start[moved], end[moved] = on[moved], until[moved]
    return start, end


def _steady(
    key: pd.Series, known: pd.Series, start: pd.Series, value: pd.Series
) -> tuple[np.ndarray, pd.Series]:
    """Per row: whether the dated figures of its subject and metric give one steady value: two in three
    of them within ``STEADY`` of their median, and those on two days or more where they are of several
    days ("104 survivors" on three days); and whether it is a dated figure of that value (the days an
    undated one is placed over: not those of "$23.2 billion in Q3 2024" beside a steady "$28.1 billion"
    of Q3 2025). Two articles of one day that give "441 missing" and one of two days before that gives
    "78" tell a change, not a steady 441."""
    told = pd.DataFrame({"key": key, "day": start.dt.floor("D"), "value": value})[known.to_numpy()]
    middle = told.groupby("key")["value"].transform("median")
    near = (told["value"] - middle).abs() <= STEADY * middle.abs()
    share = near.groupby(told["key"]).mean()
    days = told.groupby("key")["day"].nunique()
    near_days = told[near].groupby("key")["day"].nunique().reindex(share.index).fillna(0)
    steady = (share >= 2 / 3) & ((near_days >= 2) | (days == 1))
    # a key of no dated figure: not steady
    return key.map(steady).eq(True).to_numpy(), near.reindex(key.index, fill_value=False)


RECALLED_DAYS = 365  # a figure dated this long before the run's first article is history it recalls


def _recalled(a: pd.DataFrame, end: pd.Series) -> np.ndarray:
    """Figures of a time long before the run's articles were written ("the 1960 tsunami, which killed
    61"): history recalled, which says nothing of when the run's undated figures are."""
    if "published" not in a.columns:
        return np.zeros(len(a), dtype=bool)
    first = pd.to_datetime(a["published"], errors="coerce").min()
    if pd.isna(first):
        return np.zeros(len(a), dtype=bool)
    return (end < first - pd.Timedelta(days=RECALLED_DAYS)).fillna(False).to_numpy(dtype=bool)


def _placed_beside(
    a: pd.DataFrame, loose: np.ndarray, placed: np.ndarray, on: pd.Series, until: pd.Series
) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """Undated figures said in one sentence with a figure placed by its value (:func:`_placed_by_value`)
    take its days: "296 dead and 153 injured" are one report, so the toll's day is the injured's."""
    if not (loose.any() and placed.any()) or "sentence" not in a.columns:
        return placed, on, until
    said = pd.DataFrame({"article": a["article_id"], "sentence": a["sentence"], "start": on, "end": until})
    return _take_days(said, ["article", "sentence"], placed, loose, placed, on, until)


# undated figures tied only by their equal values (:func:`_placed_together`) are placed at days of the
# century after this one, long before any news figure is dated, so that they meet only each other
SOMEWHEN = pd.Timestamp("1680-01-01")
SOMEWHEN_DAYS = 36_500
_SOMEWHEN_LAST = (SOMEWHEN - pd.Timestamp(0)).days + SOMEWHEN_DAYS  # as a day number (pairs' days)


def _placed_together(
    a: pd.DataFrame, key: pd.Series, loose: np.ndarray, placed: np.ndarray, on: pd.Series, until: pd.Series
) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """Undated figures of something that changes over the days that give one value of one subject and
    metric in two articles or more ("plus de 9 200 blessés" twice), or values within
    :data:`AGREE_SHARE` of each other ("109" and "110" dead): one moment, whichever it is, placed at a
    day of its own (:data:`SOMEWHEN`), farther from any other value's than any metric's window."""
    said = pd.DataFrame({"key": key, "value": a["value"].round(6), "article": a["article_id"]})[loose]
    said = said.sort_values(["key", "value"])
    step = said["value"].diff().abs() > AGREE_SHARE * said["value"].abs()
    said["moment"] = (step | said["key"].ne(said["key"].shift())).cumsum()  # values a hair apart: one
    said = said[said.groupby("moment")["article"].transform("nunique") >= 2]
    if said.empty:
        return placed, on, until
    spacing = int(np.nanmax(a["window_days"].to_numpy(float), initial=0)) + 1 if "window_days" in a else 1
    day = said.groupby("key")["moment"].rank(method="dense").astype(int) * spacing
    said = said[day < SOMEWHEN_DAYS]
    day = SOMEWHEN + pd.to_timedelta(day[said.index], unit="D")
    placed, on, until = placed.copy(), on.copy(), until.copy()
    placed[a.index.get_indexer(said.index)] = True
    on[said.index], until[said.index] = day, day
    return placed, on, until


def _placed_by_value(
    a: pd.DataFrame, key: pd.Series, known: pd.Series, loose: np.ndarray, start: pd.Series, end: pd.Series
) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """Undated figures of a value that changes over the days, placed at the days a dated figure of their
    subject and metric gives the same value: "1,037 dead", undated, repeats the toll of the day it was
    announced; "an $8 billion loan" the amount of the day it was agreed. Only a running total
    (``cumulative``: a toll) where the metric is one words alone linked (``metric_source``
    "discovered"): "16 pays" and "16 countries" may be two moments of a spread. Per row: whether placed,
    and its first and last day."""
    if "cumulative" not in a.columns:
        return np.zeros(len(a), dtype=bool), start, end
    catalogued = ~_is(a, "metric_source", "discovered") if "metric_source" in a.columns else True
    loose = loose & (a["cumulative"].fillna(False).to_numpy(dtype=bool) | catalogued)
    if not loose.any():
        return loose, start, end
    said = pd.DataFrame({"key": key, "value": a["value"].round(6), "start": start, "end": end})
    on, until = (pd.Series(pd.NaT, index=a.index, dtype=s.dtype) for s in (start, end))
    return _take_days(said, ["key", "value"], known.to_numpy(), loose, np.zeros(len(a), bool), on, until)


def _take_days(
    said: pd.DataFrame,
    by: list[str],
    known: np.ndarray,
    loose: np.ndarray,
    placed: np.ndarray,
    on: pd.Series,
    until: pd.Series,
) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """The rows ``loose`` of ``said`` that share their ``by`` columns with rows ``known`` take those rows'
    first and last day (``said``'s start and end): ``placed``, ``on`` and ``until`` with them set."""
    days = said[known].groupby(by).agg(on=("start", "min"), until=("end", "max"))
    found = said.loc[loose, by].join(days, on=by)
    found = found[found["on"].notna()]
    placed = placed.copy()
    placed[said.index.get_indexer(found.index)] = True
    on, until = on.copy(), until.copy()
    on[found.index], until[found.index] = found["on"], found["until"]
    return placed, on, until


def undated(assertions: pd.DataFrame, basis: Basis | None = None) -> int:
    """How many figures no date reaches that are compared as of the time of the others: mapped,
    about an entity, valued, not a repeat, and neither written with a date nor in a dated article.
    ``basis``: the assertions' :func:`comparison_basis`, when it is already known."""
    ok, _, _ = basis or comparison_basis(assertions)
    return int((ok & ~_dated(assertions).to_numpy()).sum())


def why_nothing_found(assertions: pd.DataFrame, basis: Basis | None = None) -> str:
    """Why no rule found anything in ``assertions``, in the words of what is missing: no figure, no
    metric, no subject, no date, or nothing comparable (``basis`` as for :func:`undated`)."""
    a = assertions
    if a.empty:
        return "no figures were found in the inputs"
    mapped = ~_is(a, "metric", "unmapped")
    if not mapped.any():
        return "no figure was matched to a metric (add the words they count to rules/concepts.yaml)"
    if not (mapped & a["entity"].notna().to_numpy()).any():
        return "no figure with a metric was tied to a subject (add its name to rules/entities.yaml)"
    ok, _, _ = basis or comparison_basis(a)
    if not ok.any():
        return "no figure with a metric and a subject can be compared (each is a repeat or an unnamed part)"
    sizes = a[ok].groupby(["entity", "metric"]).size()
    if not (sizes > 1).any():
        return "nothing comparable: no two figures give the same metric of the same subject"
    return (
        f"the figures that could be compared agree, or changed over time (trends), in "
        f"{int((sizes > 1).sum())} groups of a subject and metric"
    )


def _strings(table: pd.DataFrame, column: str) -> np.ndarray:
    """A text column as an object array; an Arrow-backed one converted through its distinct values (one
    Python string per value, several times faster than converting each row)."""
    values = table[column]
    if not isinstance(values.dtype, pd.StringDtype):
        return values.to_numpy(dtype=object)
    codes, names = pd.factorize(values)
    return np.append(names.to_numpy(dtype=object), values.dtype.na_value)[codes]  # -1: missing


def _is(table: pd.DataFrame, column: str, *texts: str) -> np.ndarray:
    """Per row: whether the text of ``column`` is one of ``texts`` (a missing one is none); compared on the
    column, in C for Arrow-backed text."""
    return text_is(table[column], *texts)


def text_is(values: Any, *texts: str) -> np.ndarray:
    """Per value of a Series or an array: whether it is one of ``texts`` (a missing one is none)."""
    if isinstance(values, pd.Series):
        said = values == texts[0] if len(texts) == 1 else values.isin(texts)
        return said.to_numpy(dtype=bool, na_value=False)
    return np.isin(np.asarray(values), texts) if len(texts) > 1 else np.asarray(values) == texts[0]


def within_groups(codes: np.ndarray, said: tuple[np.ndarray, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j), i before j, of the rows that share a group code, once (group by group); but
    not two rows of a run that all say the same thing (equal in every array of ``said``):
    they can neither disagree nor make a change. Runs are rows of a group with the same first
    array of ``said`` (integers from 0); a run where the other arrays differ keeps all its pairs."""
    n = len(codes)
    first_said = said[0] if said else np.zeros(n, dtype=np.int64)
    order = np.argsort(
        codes * (int(first_said.max(initial=0)) + 1) + first_said, kind="stable"
    )  # by group, then by what is said first
    in_order = codes[order], first_said[order]
    group_end = _run_ends(in_order[:1])
    block_end = _run_ends(in_order)
    start = np.arange(n) + 1
    if said:  # a run of rows saying the same thing is paired only with the rows after it
        block_start = (
            np.flatnonzero(np.r_[True, block_end[1:] != block_end[:-1]]) if n else np.zeros(0, dtype=np.int64)
        )
        sizes = np.diff(np.r_[block_start, n])
        first_of_block = np.repeat(block_start, sizes)
        same = np.ones(n, dtype=bool)
        for values in said[1:]:
            values = values[order]
            same &= values == values[first_of_block]
        uniform = np.logical_and.reduceat(same, block_start) if n else np.zeros(0, dtype=bool)
        start = np.where(np.repeat(uniform, sizes), block_end, start)
    count = group_end - start
    first = np.repeat(np.arange(n), count)
    i, j = order[first], order[np.repeat(start, count) + ramp(count)]
    return np.minimum(i, j), np.maximum(i, j)


def _run_ends(keys: tuple[np.ndarray, ...]) -> np.ndarray:
    """For each row of sorted ``keys``: where its run of equal keys ends."""
    n = len(keys[0])
    new = np.zeros(n, dtype=bool)
    for k in keys:
        new[1:] |= k[1:] != k[:-1]
    ends = np.r_[np.flatnonzero(new[1:]) + 1, n]
    return np.repeat(ends, np.diff(np.r_[0, ends]))


def ramp(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, count - 1 for each of ``counts``, end to end."""
    return np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)


def dense(*codes: np.ndarray) -> np.ndarray:
    """One code (0, 1, …) per distinct combination of ``codes`` (numbers, the first most significant),
    numbered in their sort order: what a lexsort would group, by sorting one integer array per code
    (numpy's lexsort and unique are several times slower on millions of rows)."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for c in codes:
        if not len(c):
            return key
        if not np.issubdtype(c.dtype, np.integer):  # values: their dense rank first
            c = dense_rank(c)
        c = c.astype(np.int64) - int(c.min())
        key = dense_rank(key * (int(c.max()) + 1) + c)
    return key


def dense_rank(values: np.ndarray) -> np.ndarray:
    """Each value's place among the distinct values (0 for the smallest)."""
    order = np.argsort(values, kind="stable")
    ranked = values[order]
    out = np.empty(len(values), dtype=np.int64)
    out[order] = np.cumsum(np.r_[True, ranked[1:] != ranked[:-1]]) - 1
    return out


def is_hedged(table: pd.DataFrame, suffix: str = "") -> np.ndarray:
    """Whether each assertion is hedged: approximate or a bound, derived, an amount of unknown
    currency, or undated (``suffix`` picks one side of a table of pairs: "_a")."""
    column = lambda name: table[f"{name}{suffix}"]  # noqa: E731
    return (
        ~text_is(column("qualifier"), "exact")
        | np.asarray(column("derived")).astype(bool)
        | (np.asarray(pd.isna(column("unit"))) & text_is(column("metric_dimension"), "money"))
        | text_is(column("time_basis"), "unknown")
    )


def rounding(value: np.ndarray) -> np.ndarray:
    """Half the unit of the last non-zero digit of each whole value of 10 or more: the rounding a
    round figure may carry ("30": 5, "8,000": 500, "2 billion": 0.5 billion, "2.5 billion": 0.05
    billion; "33" and "1.5": 0). On arrays: each pass divides by ten only the values still ending in 0."""
    size = np.abs(np.nan_to_num(np.asarray(value, dtype=float), nan=0.0, posinf=0.0, neginf=0.0))
    whole = np.round(size)
    at = np.flatnonzero((size >= 10) & (size < 1e18) & (np.abs(size - whole) <= 1e-9 * np.maximum(size, 1)))
    digits = whole[at].astype(np.int64)
    unit = np.ones(len(size))
    step = 1.0
    while len(at):
        zero = digits % 10 == 0
        at, digits = at[zero], digits[zero] // 10
        step *= 10
        unit[at] = step
    return np.where(unit >= 10, unit / 2, 0.0)


WRITTEN_DECIMALS = 3  # a measure with more decimals than this was converted from another unit, not written
CONVERTED_DIGITS = 3  # the significant digits a measure converted from another unit was written with


def last_digit_half(value: np.ndarray) -> np.ndarray:
    """Half a unit of the last digit of each measure as written ("193": 0.5, "8.2": 0.05); for one
    converted from another unit ("120 mph": 193.12128 km/h), of its ``CONVERTED_DIGITS``-th significant
    digit, the precision it was written with."""
    v = np.nan_to_num(np.asarray(value, dtype=float), nan=0.0, posinf=0.0, neginf=0.0)
    half = significant_half(v, CONVERTED_DIGITS)
    for k in range(WRITTEN_DECIMALS, -1, -1):  # the fewest decimals that write it, last, wins
        scaled = v * 10.0**k
        at = np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(np.abs(scaled), 1)
        half = np.where(at, 0.5 * 10.0**-k, half)
    return half


def significant_half(value: np.ndarray, digits: float) -> np.ndarray:
    """Half a unit of the ``digits``-th significant digit of each value ("350 million", 2 digits: 5
    million); 0 for zero or a value that is not finite."""
    with np.errstate(divide="ignore", invalid="ignore"):
        magnitude = np.floor(np.log10(np.abs(np.asarray(value, dtype=float))))
        return np.nan_to_num(10.0 ** (magnitude - digits + 1) / 2, nan=0.0, posinf=0.0)


def gap_days(start: np.ndarray, end: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Days between the periods (``start``, ``end``: day numbers) of rows ``i`` and ``j`` (0 where they meet)."""
    return np.maximum(start[j] - end[i], start[i] - end[j]).clip(min=0)


@dataclass(frozen=True, eq=False)
class Groups:
    """The entity x metric groups of the comparable assertions, sorted by group and then by
    assertion id: per sorted position, the ``code`` of its group and an ``entity`` number; per
    code, its key (entity number x metric number, ascending); the ``metrics`` numbered."""

    code: np.ndarray
    keys: np.ndarray
    entity: np.ndarray
    metrics: pd.Index

    def of(self, at: np.ndarray, metrics: np.ndarray) -> np.ndarray:
        """The code of the group of the entity of each position of ``at`` with the metric given
        for it, -1 where no comparable assertion is about that."""
        m = self.metrics.get_indexer(metrics)
        key = self.entity[at].astype(np.int64) * max(len(self.metrics), 1) + m
        if not len(self.keys):
            return np.full(len(key), -1)
        code = np.minimum(np.searchsorted(self.keys, key), len(self.keys) - 1)
        return np.where((m >= 0) & (self.keys[code] == key), code, -1)

    def members(self, at: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(p, m) for each position p of ``at`` and each position m of its group in ``codes`` (-1: none)."""
        sizes = np.bincount(self.code, minlength=len(self.keys))
        starts = np.cumsum(sizes) - sizes
        at, codes = at[codes >= 0], codes[codes >= 0]
        count = sizes[codes]
        return np.repeat(at, count), np.repeat(starts[codes], count) + ramp(count)


def _groups(entities: pd.Series, metrics: np.ndarray, ids: pd.Series) -> tuple[np.ndarray, Groups]:
    """The order that puts assertions (their entities, metrics and ids) by group, then by
    assertion id, and the groups (Arrow-backed text is numbered and ranked in C, as it is)."""
    entity = pd.factorize(entities)[0]
    metric, names = pd.factorize(metrics)
    keys = entity.astype(np.int64) * max(len(names), 1) + metric  # entity x metric
    n = len(keys)
    key = (
        keys if not n or int(keys.max()) < np.iinfo(np.int64).max // n else pd.factorize(keys, sort=True)[0]
    )  # numbered first if too large
    id_rank = ids.rank(method="first").to_numpy().astype(np.int64) - 1
    perm = np.argsort(key * n + id_rank)
    new = np.r_[False, key[perm][1:] != key[perm][:-1]] if n else np.zeros(0, dtype=bool)
    starts = np.r_[0, np.flatnonzero(new)] if n else np.zeros(0, dtype=np.int64)
    return perm, Groups(np.cumsum(new), keys[perm[starts]], entity[perm], pd.Index(names))


@dataclass(frozen=True, eq=False)
class Pairs:
    """The candidate pairs as arrays, over the comparable assertions sorted by group and then by
    assertion id (positions): ``i`` and ``j`` (side a holding the smaller id), whether they describe
    the ``same`` moment, and whether they are amounts in two currencies compared in euros
    (``converted``). ``rows`` is the assertions table and ``perm`` the row at each position. Per
    position: ``start`` and ``end`` day numbers, what each says (``value``, ``lower`` and ``upper``
    with open ends as -inf and +inf, a ``unit`` code, -1 for none), the euros one unit is worth on
    its day (``to_eur``), and cached arrays. :meth:`table` makes a table of the few pairs that matter."""

    i: np.ndarray
    j: np.ndarray
    same: np.ndarray
    converted: np.ndarray
    rows: pd.DataFrame
    perm: np.ndarray
    groups: Groups
    start: np.ndarray
    end: np.ndarray
    value: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    unit: np.ndarray
    to_eur: np.ndarray
    value_rank: np.ndarray  # per position: the place of its value (to 6 decimals) among the distinct values
    claimant: np.ndarray  # per position: a code for who it is attributed to (claimant_codes), -1 for no one

    @property
    def group(self) -> np.ndarray:
        """Per position: the code of its entity x metric."""
        return self.groups.code

    def column(self, name: str, at: np.ndarray | None = None) -> np.ndarray:
        """One column of the comparable assertions, per position (or at the positions ``at``): only
        those rows converted to an array (text columns are Arrow-backed)."""
        return self.rows[name].take(self.perm if at is None else self.perm[at]).to_numpy()

    def sorted(self, per_row: np.ndarray) -> np.ndarray:
        """An array per row of ``rows``, per position."""
        return np.asarray(per_row)[self.perm]

    @cached_property
    def disputed(self) -> np.ndarray:
        """Per pair: both sides attributed, to two different claimants."""
        a, b = self.claimant[self.i], self.claimant[self.j]
        return (a >= 0) & (b >= 0) & (a != b)

    @cached_property
    def article(self) -> np.ndarray:
        """Per position: a code for the article it is said in (its document's where a table from
        elsewhere names none; a row of its own where it names neither)."""
        ids = self.rows["article_id"]
        code = pd.factorize(ids.where(ids.notna(), self.rows["doc_id"]))[0]
        alone = code < 0
        code[alone] = code.max(initial=-1) + 1 + np.arange(int(alone.sum()))
        return self.sorted(code)

    @cached_property
    def rounding(self) -> np.ndarray:
        """Per position: half the width of the rounding an exact figure may carry (its last non-zero
        digit, or the precision its wording gives: "2 miliardi" 0.5 billion, "30" 5, "33" 0); nan for a
        figure that is approximate, a bound or derived, whose interval is its wording's."""
        exact = self.sorted(_is(self.rows, "qualifier", "exact")) & ~self.derived
        v = self.value
        full = np.maximum(rounding(v), np.maximum(v - self.lower, self.upper - v))
        full = np.maximum(full, np.where(self.measured, last_digit_half(v), 0.0))
        return np.where(exact & np.isfinite(full), full, np.nan)

    @cached_property
    def measured(self) -> np.ndarray:
        """Per position: a measure ("193 km/h", "8,2 km", magnitude 6.9), written to the precision of
        its last digit, unlike a count ("33 dead": 33) or an amount."""
        rows = self.rows
        unit = rows["unit"].astype("string")
        physical = unit.notna() & (unit != "percent") & ~unit.str.fullmatch("[A-Z]{3}").fillna(False)
        money = _is(rows, "metric_dimension", "money")
        return self.sorted((physical.to_numpy(dtype=bool) & ~money) | _is(rows, "metric_dimension", "scale"))

    @cached_property
    def about(self) -> np.ndarray:
        """Per position: how far an approximate figure reaches beyond its wording's interval, the
        rounding of its last non-zero digit ("circa 30.000" may be 33,000, "près de 200" 175); 0 for others."""
        loose = self.sorted(_is(self.rows, "qualifier", "approx"))
        return np.where(loose, rounding(self.value), 0.0)

    @cached_property
    def inclusive(self) -> np.ndarray:
        """Per position: a bound or range whose wording takes in its ends ("up to 400", "at least 96",
        "400 to 600"; not "more than 400"), so that it meets an interval it touches."""
        return self.sorted(_is(self.rows, "qualifier", "at_least", "at_most", "range"))

    @cached_property
    def derived(self) -> np.ndarray:
        """Per position: computed from other figures ("la moitié de ses 7.500": derived); an empty flag
        (a table from another tool) is a figure said."""
        return self.sorted(self.rows["derived"].fillna(False).to_numpy(dtype=bool))

    @cached_property
    def hedged(self) -> np.ndarray:
        """Per position: approximate, a bound, derived, or an amount of unknown currency."""
        return self.sorted(is_hedged(self.rows))

    @cached_property
    def percent(self) -> np.ndarray:
        """Per position: a percent (compared in points)."""
        return self.sorted(_is(self.rows, "unit", "percent"))

    def table(self, selected: np.ndarray) -> dict[str, Any]:
        """The pairs ``selected``, as :meth:`table_of` gives them."""
        return self.table_of(self.i[selected], self.j[selected], self.converted[selected])

    def table_of(self, i: np.ndarray, j: np.ndarray, converted: np.ndarray | None = None) -> dict[str, Any]:
        """Both sides of the pairs of positions (``i``, ``j``), as arrays: i and j (rows of
        ``rows``), the SIDE columns of each side (``_a``, ``_b``; dates as dates, a period from the
        day it is compared at), whether they are amounts in two
        currencies, and each side's euro rate. Also the SIDE columns of each distinct assertion
        once (``sides``) and where each side is in them (``side_a``, ``side_b``), to write what is
        said of each assertion once."""
        distinct, where = np.unique(np.r_[i, j], return_inverse=True)
        where = where.ravel()
        sides = {col: self.column(col, distinct) for col in SIDE if col in self.rows.columns}
        dated = _dated(self.rows).to_numpy()[self.perm[distinct]]  # an undated one: NaT, not the span
        nat = np.datetime64("NaT", "D")
        sides["period_start"], sides["period_end"] = (  # days (datetime64), until a report writes them
            np.where(dated, self.start[distinct].astype("datetime64[D]"), nat),
            np.where(dated, self.end[distinct].astype("datetime64[D]"), nat),
        )
        table: dict[str, Any] = {
            "i": self.perm[i],
            "j": self.perm[j],
            "sides": sides,
            "side_a": where[: len(i)],
            "side_b": where[len(i) :],
        }
        for col, values in sides.items():
            table[f"{col}_a"], table[f"{col}_b"] = values[table["side_a"]], values[table["side_b"]]
        table["converted"] = np.zeros(len(i), dtype=bool) if converted is None else converted
        table["to_eur_a"], table["to_eur_b"] = self.to_eur[i], self.to_eur[j]
        return table


def _tied(a: pd.DataFrame) -> np.ndarray:
    """Per assertion: the row of the figure it is tied to (the other end of "from X to Y"), -1 for none."""
    tied = np.full(len(a), -1)
    linked = a["link_id"].notna().to_numpy()
    if linked.any():
        links = a["link_id"].to_numpy()[linked]
        ids = a["assertion_id"]
        targets = np.flatnonzero(ids.isin(links).to_numpy())
        where = dict(zip(ids.to_numpy()[targets].tolist(), targets.tolist(), strict=False))
        tied[linked] = [where.get(link, -1) for link in links.tolist()]
    return tied


def claimant_codes(attribution: pd.Series, langs: pd.Series | None = None) -> np.ndarray:
    """Per row, a code for who a figure is attributed to, -1 for no one: case aside, and a name whose
    words are all in other names that hold one another is the widest of them ("Maui", "Maui County"
    and "Maui County police" are one claimant; "ministry" stays apart from "interior ministry" when a
    "health ministry" is named too); given the rows' ``langs``, one claimant named in two languages is
    one (:func:`_translated`: "autorités", "autorità", "السلطات")."""
    codes = _claimant_codes(attribution)
    return codes if langs is None else _translated(codes, attribution, langs)


CLAIMANT_THRESHOLD = 0.85  # claimants of two languages this similar are one, translated (parties: <= 0.55)
MAX_TRANSLATED = 20_000  # more distinct claimants than this (a store's millions of articles): not linked


def _translated(codes: np.ndarray, attribution: pd.Series, langs: pd.Series) -> np.ndarray:
    """``codes`` with claimants written in two languages made one where the shipped model finds them
    translations of each other ("police", "الشرطة"; not "police" and "organisers"): a pair's
    similarity alone decides, so the answer is the same whatever other claimants a run holds. A name
    written alike in several languages ("Reuters", "AFP") is one already and is left out. Only with
    the model installed."""
    named = np.flatnonzero(codes >= 0)  # only these rows converted
    rows = pd.DataFrame({"code": codes[named], "lang": langs.take(named).to_numpy()}, index=named)
    rows = rows.drop_duplicates()
    # a name written alike in two languages is no translation
    alone = rows.drop_duplicates("code", keep=False)
    said = alone.assign(name=attribution.take(alone.index).to_numpy())
    if said["lang"].nunique() < 2 or len(said) > MAX_TRANSLATED:
        return codes
    from factcheck.resolve.embed import phrase_vectors

    vectors = phrase_vectors([str(n) for n in said["name"]])
    if vectors is None:
        return codes
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    lang, ids = said["lang"].to_numpy(), said["code"].to_numpy()
    merged: dict[int, int] = {}
    for lo in range(0, len(ids), 512):  # a block of rows at a time: memory stays small
        block = (vectors[lo : lo + 512] @ vectors.T >= CLAIMANT_THRESHOLD) & (
            lang[lo : lo + 512, None] != lang
        )
        for x, y in zip(*np.nonzero(block), strict=True):  # the smaller code stands for both
            union(merged, int(ids[lo + x]), int(ids[y]))
    lookup = np.arange(max(int(codes.max()), 0) + 1)  # every claimant its own code, but those linked
    lookup[ids] = [root(merged, int(c)) for c in ids]
    return np.where(codes >= 0, lookup[np.maximum(codes, 0)], -1)


def _claimant_codes(attribution: pd.Series) -> np.ndarray:
    """Per row, the code of its claimant within one language (see :func:`claimant_codes`), -1 for none."""
    codes, names = pd.factorize(attribution)
    if not len(names):
        return np.full(len(attribution), -1)
    words = [frozenset(re.findall(r"\w+", str(n).casefold())) for n in names]
    holding: dict[str, set[int]] = {}  # word -> the names that hold it
    for k, w in enumerate(words):
        for word in w:
            holding.setdefault(word, set()).add(k)
    canonical = []
    for w in words:  # the widest of the names that hold all its words, when each holds the one before
        wider = set.intersection(*(holding[word] for word in w)) if w else set()
        chain = sorted({words[k] for k in wider if words[k] != w}, key=len)
        canonical.append(chain[-1] if chain and all(a < b for a, b in itertools.pairwise(chain)) else w)
    folded = pd.factorize(pd.Index([" ".join(sorted(c)) for c in canonical]))[0]
    return np.where(codes >= 0, folded[codes], -1)


HAIR = 0.01  # two values of a running total this close (a share of the larger) are one report, misread


def _successive_updates(
    a: pd.DataFrame, perm: np.ndarray, pair: tuple[np.ndarray, np.ndarray], per: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Per pair: two different values of a running total (a toll: ``cumulative`` in its concept) at one
    moment, which may be successive updates of it rather than a disagreement ("296 dead" at dawn,
    "2,012" at night): of one day, or one undated, or the later day's the larger. Not when they come
    from one report (their sentences give an equal figure of another metric: "296 dead and 156
    injured", "296 dead, 153 injured") or from two named claimants who differ on one day (a dispute; an
    undated figure's day is not known, so its claimant may have said it earlier), nor the totals of one
    past period both write (:func:`_past_periods`). Likewise two values,
    not dated to one day, of a count that goes up and down (the missing), each said beside a toll of
    another value: two moments of the count."""
    (i, j), (same, start, end, said, over) = pair, per  # per pair: of one moment; per position: days,
    # claimant, and whether of a past period (:func:`_past_periods`)
    if "cumulative" not in a.columns:
        return np.zeros(len(i), dtype=bool)
    at = _by_position(perm)
    value = at(a["value"].to_numpy(float))
    running = at(a["cumulative"].to_numpy(dtype=bool))
    two = (value[i] != value[j]) & ~_one_figure(a, perm, i, j)  # two values, not one figure rounded
    # a running total does not move by a hair between two reports: "38 465" and "38,466" cases disagree
    hair = np.abs(value[i] - value[j]) <= HAIR * np.maximum(np.abs(value[i]), np.abs(value[j]))
    update = same & running[i] & two & ~hair
    dated = at(_dated(a).to_numpy())
    both, later = dated[i] & dated[j], np.sign(start[j] - start[i]) * np.sign(value[j] - value[i])
    update &= ~((said[i] >= 0) & (said[j] >= 0) & (said[i] != said[j]) & (start[i] == start[j]) & both)
    update &= ~(both & (later < 0))  # a toll lower on a later day is no update: a running total only grows
    # the totals of one past period both write: "14,838 cases in 2023", "14,957"
    update &= ~(over[i] & over[j] & (start[i] == start[j]) & (end[i] == end[j]))
    # a count that goes up and down ("441 missing", "341"), not of one day, beside two different tolls
    moving = same & at(_is(a, "metric_kind", "stock"))[i] & ~running[i] & two
    moving &= ~(both & (start[i] == start[j]))
    if (update | moving).any():
        at_pairs = np.flatnonzero(update | moving)
        shared, moved = _told_beside(a, perm[i[at_pairs]], perm[j[at_pairs]])
        update[at_pairs] &= ~shared
        moving[at_pairs] &= moved
    return update | moving


def _past_periods(a: pd.DataFrame) -> np.ndarray:
    """Per assertion: a total (a flow, or a running total: ``cumulative``) written with a period of
    several days that was over before its article was published ("14,838 cases in 2023", said in 2024):
    the total of that period, not a count still running ("17,541 cases in 2024" in August 2024) nor a
    level ("7,500 employees in early November", a stock). An article of unknown date is taken to be of
    the run's first known day."""
    if "published" not in a.columns:
        return np.zeros(len(a), dtype=bool)
    total = _is(a, "metric_kind", "flow").copy()
    if "cumulative" in a.columns:
        total |= a["cumulative"].fillna(False).to_numpy(dtype=bool)
    published = pd.to_datetime(a["published"], errors="coerce")
    published = published.fillna(published.min())
    written = _is(a, "time_basis", "explicit")
    ends = pd.to_datetime(a["period_end"], errors="coerce")
    several = (ends > pd.to_datetime(a["period_start"], errors="coerce")).to_numpy(dtype=bool)
    return total & written & several & (ends < published).to_numpy(dtype=bool)


HONEST_DIGITS = 2  # a round figure stands for any value it is the rounding of to this many significant digits


def _one_figure(a: pd.DataFrame, perm: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Per pair: two values of one count that are one figure, rounded ("2,000" and "2,012"; "1,300" and
    "1,305": one an exact round figure whose two significant digits reach the other, which its wording
    allows), or one exact and the other a bound it cut to its first digits ("409" and "more than 400"), so
    one report of it, not two successive updates ("296" and "2,012"; "78" and "82"; "at least 96" and
    "more than 100", bounds that round nothing; "more than 100" and "296")."""
    at = _by_position(perm)
    value = at(a["value"].to_numpy(float))
    exact = at(_is(a, "qualifier", "exact"))
    honest = np.minimum(rounding(value), significant_half(value, HONEST_DIGITS))  # 0: not round ("82")
    half = np.where(exact, honest, 0.0)  # a bound ("more than 100") rounds nothing
    low = np.where(exact, value - half, np.nan_to_num(at(a["lower"].to_numpy(float)), nan=-np.inf))
    high = np.where(exact, value + half, np.nan_to_num(at(a["upper"].to_numpy(float)), nan=np.inf))
    worded = np.maximum(low[i], low[j]) <= np.minimum(high[i], high[j])  # "more than 100" is not 96
    # a bound that is the exact figure cut to its first digits: "more than 400" for "409"
    bound = at(_is(a, "qualifier", *BOUNDS))
    figure, said = np.where(exact[i], value[i], value[j]), np.where(exact[i], value[j], value[i])
    truncated = ((exact[i] & bound[j]) | (bound[i] & exact[j])) & _cut_to(figure, said)
    return worded & ((np.abs(value[i] - value[j]) <= np.maximum(half[i], half[j])) | truncated)


def _cut_to(value: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """Per pair: whether ``bound`` is ``value`` cut, down or up, to its first two significant digits
    (``HONEST_DIGITS``: "more than 400" for 409, "nearly 300" for 296; not "at least 96" for 101, nor
    "more than 1,000" for 1,644, a bound of the figure's first digit only, which a later toll also meets)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        step = 10.0 ** (np.floor(np.log10(np.abs(value))) - HONEST_DIGITS + 1)
        out = np.isclose(np.floor(value / step) * step, bound) | np.isclose(
            np.ceil(value / step) * step, bound
        )
    return out & (value != bound)


def _told_beside(a: pd.DataFrame, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair of rows (``x[k]``, ``y[k]``: two figures of one metric and subject), what their
    sentences say beside them about that subject. ``shared``: an equal figure of another metric, which
    marks one report of a toll ("632 dead and 329 injured" against "632 dead, 329 injured"); not a
    price or a property, which every report of the event repeats ("the magnitude 7.7 earthquake has
    killed 1,644", "the magnitude 7.7 earthquake, 2,719 dead"). ``moved``:
    figures of another running total (a toll: ``cumulative``) that differ, and none equal, which marks
    two moments of the count ("3,085 dead [...] 341 missing" against "2,719 dead [...] 441 missing").
    Joins, not a loop per figure."""
    mapped = ~_is(a, "metric", "unmapped") & a["value"].notna().to_numpy() & ~_is(a, "metric_kind", *TIMELESS)
    sentence = _sentence_codes(a)
    entity = pd.factorize(a["entity"])[0]  # -1: no subject, no one's report
    metric = pd.factorize(a["metric"])[0]
    whole = a["scope"].isna().to_numpy() if "scope" in a.columns else True  # a toll of the whole, no part's
    toll = a["cumulative"].fillna(False).to_numpy(dtype=bool) & whole
    figures = pd.DataFrame(
        {"s": sentence, "e": entity, "m": metric, "v": a["value"].round(6).to_numpy(), "toll": toll}
    )[mapped & (entity >= 0)]
    pairs = pd.DataFrame(
        {"k": np.arange(len(x)), "s": sentence[x], "e": entity[x], "own": metric[x], "t": sentence[y]}
    )
    mine = pairs.merge(figures, on=["s", "e"])
    mine = mine[mine["m"] != mine["own"]].drop(columns="s").rename(columns={"t": "s"})
    beside = mine.merge(figures, on=["s", "e", "m"], suffixes=("", "_t"))
    equal = beside["v"] == beside["v_t"]
    shared, moved = np.zeros(len(x), dtype=bool), np.zeros(len(x), dtype=bool)
    shared[beside.loc[equal, "k"].to_numpy()] = True
    moved[beside.loc[~equal & beside["toll"] & beside["toll_t"], "k"].to_numpy()] = True
    return shared, moved & ~shared


def _sentence_codes(a: pd.DataFrame) -> np.ndarray:
    """Per assertion, a code for its sentence in its document (-1 where either is missing)."""
    doc, sentence = pd.factorize(a["doc_id"])[0], pd.factorize(a["sentence"])[0]
    codes = pd.factorize(doc.astype(np.int64) * (int(sentence.max(initial=0)) + 1) + sentence)[0]
    return np.where((doc >= 0) & (sentence >= 0), codes, -1)


def scoped_metric(a: pd.DataFrame) -> np.ndarray:
    """Per assertion, what it measures: its metric, and its scope where it has one ("dead" and
    "dead@al haouz" are two things: a part is never compared with its whole)."""
    metric = _strings(a, "metric")
    if "scope" not in a.columns or not a["scope"].notna().any():
        return metric
    scope = a["scope"].to_numpy(dtype=object)
    return np.array(
        [m if s is None or s != s else f"{m}@{s}" for m, s in zip(metric, scope, strict=True)], dtype=object
    )


def _by_position(perm: np.ndarray) -> Callable[[Any], np.ndarray]:
    """A per-assertion array taken in the order of the pairs' positions (``perm``)."""
    return lambda per_row: np.asarray(per_row)[perm]


def _comparable_units(
    a: pd.DataFrame, perm: np.ndarray, i: np.ndarray, j: np.ndarray, unit: np.ndarray, in_euros: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per pair (positions ``i``, ``j``): whether to keep it (not a figure and the one it is tied to;
    one unit, or an amount of unknown currency, or two currencies compared at the ECB rates; a figure
    restated in another unit only with figures in that unit, and never with another restated one: two
    conversions differ by the rates their writers used) and whether its amounts are so converted."""
    at = _by_position(perm)
    tied = _tied(a)
    keep = np.ones(len(i), dtype=bool)
    if (tied >= 0).any():  # never a figure and the one it is tied to
        place = np.full(len(a), -1)
        place[perm] = np.arange(len(perm))
        tied = at(np.where(tied >= 0, place[tied], -1))
        keep = (tied[i] != j) & (tied[j] != i)
    unit_i, unit_j = unit[i], unit[j]
    restated = at(_is(a, "role", "restated"))
    if restated.any():  # "(3,02 milliards d'euros)": compared with the euros of other articles alone
        keep &= ~(restated[i] & restated[j]) & ((unit_i == unit_j) | ~(restated[i] | restated[j]))
    converted = np.zeros(len(i), dtype=bool)
    if (unit_i != unit_j).any():
        money = at(_is(a, "metric_dimension", "money"))
        converted = (unit_i != unit_j) & at(in_euros)[i] & at(in_euros)[j]  # dollars and euros: ECB rates
        keep &= (unit_i == unit_j) | (money[i] & ((unit_i < 0) | (unit_j < 0))) | converted
    return keep, converted


def _stages_apart(a: pd.DataFrame, perm: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Per pair: of two stages of one family, each said ("42% in the first round", "53.7% in the
    runoff"; "partial", "final" results), or one of a count in progress (:data:`IN_PROGRESS`: "with 70%
    of the votes counted"), or one said to be an earlier count (:data:`EARLIER`) and one not: neither the
    same thing nor a trend. A figure whose stage in a family is not said is compared with any stage's of
    it but a count in progress or an earlier count."""
    if "stage" not in a.columns or not a["stage"].notna().any():
        return np.zeros(len(i), dtype=bool)
    code, said = pd.factorize(a["stage"])  # -1 where none is said
    families = [dict((stage_family(s), s) for s in str(stages).split(", ")) for stages in said]
    clash = np.array(
        [[any(f.get(k, v) != v for k, v in g.items()) for g in families] for f in families], dtype=bool
    )
    moving = np.array([IN_PROGRESS in f.values() for f in families] + [False])  # [-1]: none said
    earlier = np.array([EARLIER in f for f in families] + [False])
    stage = _by_position(perm)(code)
    both = (stage[i] >= 0) & (stage[j] >= 0)
    return (
        both & clash[np.maximum(stage[i], 0), np.maximum(stage[j], 0)]
        | moving[stage[i]]
        | moving[stage[j]]
        | (earlier[stage[i]] != earlier[stage[j]])
    )


def _same_moment(
    a: pd.DataFrame, perm: np.ndarray, i: np.ndarray, j: np.ndarray, days: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Per pair: of the same moment (see :func:`pairs`), from the days each is compared over."""
    at = _by_position(perm)
    start, end, over = days  # per position: first and last day, whether a past period's total
    gap = gap_days(start, end, i, j)
    written_day = at(_is(a, "time_basis", "explicit") & _is(a, "time_precision", "day"))
    written = at(_is(a, "time_basis", "explicit"))
    # a calendar day written on either side that the other does not share, two times written that do not
    # meet ("6.1% in 2024", "5.4% in 2025"), or a past period's total and a figure outside it
    stated = written_day[i] | written_day[j] | (written[i] & written[j]) | over[i] | over[j]
    window = at(a["window_days"].fillna(0).to_numpy())[i]
    clearly_apart = (
        stated & (gap > 0) & ~_reported_after(a, perm, (i, j), days, (written_day, written, window))
    )
    timeless, change = at(_is(a, "metric_kind", *TIMELESS))[i], at(_is(a, "metric_kind", "change"))[i]
    apart = np.where(at(_is(a, "metric_kind", "property"))[i], OTHER_EVENT_DAYS_PROPERTY, OTHER_EVENT_DAYS)
    # a price whose concept gives a window: of another event past it (a fine in January, one in May)
    apart = np.where(at(_is(a, "metric_kind", "price"))[i] & (window > 0), window, apart)
    timeless &= ~((written[i] | written[j]) & (gap > apart))  # "LinkedIn, bought in 2016 for…"
    near = ~clearly_apart & (gap <= window) & ~_year_and_day(a, perm, (i, j), end - start)
    return timeless | np.where(
        change, gap == 0, near | _results_of_day(a, perm, (i, j), (start, end, written))
    )


RESULTS_DAYS = 92  # a company's results come out within a quarter of the end of the period they are of


def _results_of_day(
    a: pd.DataFrame, perm: np.ndarray, pair: tuple[np.ndarray, np.ndarray], days: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Per pair: a total over a period (a flow: revenue, a loss) given for a period written (a quarter, a
    half, a year) on one side and for a day on the other (the day it was reported, written or its
    article's: "Stellantis reported on Monday a net loss of €2.3 billion"), the period ending before
    that day, at most :data:`RESULTS_DAYS` before it: the results that day made known. ``days``: per
    position, the first and last day and whether any time is written."""
    (i, j), (start, end, written), at = pair, days, _by_position(perm)
    flow = at(_is(a, "metric_kind", "flow"))[i]
    part_of_year = written & at(~_is(a, "time_precision", "day"))  # a month, quarter, half or year written
    period = part_of_year & (end - start >= 27)
    day = (end == start) & ~part_of_year

    def reported(x: np.ndarray, y: np.ndarray) -> np.ndarray:  # x's period, reported on y's day
        return period[x] & day[y] & (end[x] < start[y]) & (start[y] - end[x] <= RESULTS_DAYS)

    return flow & (reported(i, j) | reported(j, i))


YEAR_WINDOW = 365  # a metric whose window is this long or longer keeps one value through a year (seats)


def _year_and_day(
    a: pd.DataFrame, perm: np.ndarray, pair: tuple[np.ndarray, np.ndarray], span: np.ndarray
) -> np.ndarray:
    """Per pair: a stock that moves within a year (a toll, cases, a crowd: its window is shorter) given
    for a year written ("1 705 décès liés à la dengue en 2023") on one side and for a day on the other
    (the day written or its article's): which day of the year the first is of is unknown, so not the
    same moment as the day's ("1006 personnes sont décédées", published 2 October). ``span``: per
    position, the days it is compared over, less one."""
    (i, j), at = pair, _by_position(perm)
    year = at(_is(a, "time_basis", "explicit") & _is(a, "time_precision", "year"))
    day = span < 1
    moves = at(_is(a, "metric_kind", "stock") & (a["window_days"].fillna(0).to_numpy() < YEAR_WINDOW))
    return moves[i] & ((year[i] & day[j]) | (year[j] & day[i]))


def _told_again(
    a: pd.DataFrame, perm: np.ndarray, pair: tuple[np.ndarray, np.ndarray], said: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Per pair: two figures of a day (written, or their articles': not a month or a year written, "down
    17% in 2023" and "in 2024" being two years) at most :data:`AGREE_DAYS` apart whose values meet and are
    within :data:`AGREE_SHARE` of each other ("oltre duemila morti" one day, "2,012" the next): one figure
    told again, of the same moment, wherever the window of its metric ends. ``said``: per position, the
    first and last day, the value and its bounds."""
    (i, j), (start, end, value, lower, upper) = pair, said
    of_day = ~_by_position(perm)(_is(a, "time_basis", "explicit") & ~_is(a, "time_precision", "day"))
    meet = (lower[i] <= upper[j]) & (lower[j] <= upper[i])
    near = np.abs(value[i] - value[j]) <= AGREE_SHARE * np.maximum(np.abs(value[i]), np.abs(value[j]))
    return of_day[i] & of_day[j] & meet & near & (gap_days(start, end, i, j) <= AGREE_DAYS)


def _reported_after(
    a: pd.DataFrame,
    perm: np.ndarray,
    pair: tuple[np.ndarray, np.ndarray],
    days: tuple[np.ndarray, ...],
    written: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    """Per pair: one side writes a day before its own article's (an event's: "les résultats du scrutin
    du 7 septembre") and the other, dated by its article alone, was published on that day or after,
    of a metric with a window, no running total (a toll is of its day): a later report of that day's
    figure (the 6,14% an article gives a week later), not another moment. ``written``: per position,
    whether a calendar day is written and whether any time is, and per pair the metric's window, as
    :func:`_same_moment` has them."""
    if "published" not in a.columns:
        return np.zeros(len(pair[0]), dtype=bool)
    (i, j), (start, end, over), (day, told, window) = pair, days, written
    at = _by_position(perm)
    published = pd.to_datetime(a["published"], errors="coerce")
    said_on = at(published.to_numpy("datetime64[D]").astype(np.int64))  # NaT: the smallest, no day after
    past = day & (end < said_on)
    running = (
        at(a["cumulative"].fillna(False).to_numpy(dtype=bool))
        if "cumulative" in a.columns
        else np.zeros(len(perm), dtype=bool)
    )
    later = (past[i] & ~told[j] & (start[j] >= end[i])) | (past[j] & ~told[i] & (start[i] >= end[j]))
    return later & (window > 0) & ~running[i] & ~over[i] & ~over[j]


# figures of one subject, metric and moment more times apart than this are two things read as one (a part
# and the whole, another place, moment or base), not rival figures of one: "32" and "500" dead, "10,672"
# and "23 million" spectators. Nearer for two percents ("27.7%" and "50%" turnout: rival sources of one
# percent differ by points, not by half of it) and where no one is named as saying either ("12" and "41"
# dead: a reported fact is not off by half), and for a metric words alone linked (``metric_source``
# "discovered": the words may name two things); farther for two named claimants, whose estimates may be
# (organisers' 2 million against the police's 338,000 in Hong Kong, 2019: 5.9 times)
APART_TIMES = 5.0
APART_TIMES_PERCENT = 1.5
APART_TIMES_UNSAID = 2.25
APART_TIMES_DISPUTED = 7.0
APART_TIMES_FOUND = 2.0


def times_apart(
    pair: tuple[np.ndarray, np.ndarray], converted: np.ndarray, value: np.ndarray, to_eur: np.ndarray
) -> np.ndarray:
    """Per pair: how many times the larger of its two values is the smaller (in euros for two currencies);
    1 for two of opposite signs or a zero (a rise and a fall are compared however far apart)."""
    i, j = pair
    a = value[i] * np.where(converted, to_eur[i], 1.0)
    b = value[j] * np.where(converted, to_eur[j], 1.0)
    small, large = np.minimum(np.abs(a), np.abs(b)), np.maximum(np.abs(a), np.abs(b))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(a * b > 0, large / small, 1.0)


def _far_apart(
    pair: tuple[np.ndarray, np.ndarray], converted: np.ndarray, per: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Per pair: whether its two values are farther apart than the figures of one thing at one moment
    can be (``APART_TIMES``...)."""
    (i, j), (value, to_eur, percent, claimant, found) = pair, per
    said_i, said_j = claimant[i] >= 0, claimant[j] >= 0
    limit = np.where(percent[i] & percent[j], APART_TIMES_PERCENT, APART_TIMES)
    limit = np.where(~said_i & ~said_j, np.minimum(limit, APART_TIMES_UNSAID), limit)
    limit = np.where(said_i & said_j & (claimant[i] != claimant[j]), APART_TIMES_DISPUTED, limit)
    limit = np.where(found[i], np.minimum(limit, APART_TIMES_FOUND), limit)
    return times_apart(pair, converted, value, to_eur) > limit


def pairs(assertions: pd.DataFrame, basis: Basis | None = None) -> Pairs:
    """Every pair of comparable assertions about the same thing (same entity and metric, units that
    can be compared, not a figure and the one it is tied to, not two that say exactly the same),
    and how their times relate:

    ``same``   the same moment (stocks within the metric's window; flows and changes whose periods overlap,
               fall within the window, or are a period and the day it was reported (:func:`_results_of_day`);
               prices of one deal at any time; one figure told again: :func:`_told_again`), so they must agree
               (two values of one moment too far apart to be one thing's are not paired: :func:`_far_apart`);
    apart      clearly different times (a written calendar day on either side that the other does not
               share, or farther apart than the window), so any difference is a trend.

    ``basis``: the assertions' :func:`comparison_basis`, when it is already known.
    """
    a = assertions
    ok, day, until = basis or comparison_basis(a)
    at_rows = np.flatnonzero(ok)
    order, groups = _groups(
        a["entity"].take(at_rows), scoped_metric(a)[at_rows], a["assertion_id"].take(at_rows)
    )
    perm = at_rows[order]
    at = _by_position(perm)
    unit = at(pd.factorize(a["unit"])[0])  # -1 where unknown
    value = at(a["value"].to_numpy(float))
    lower, upper = (
        np.nan_to_num(at(a[end].to_numpy(float)), nan=fill)
        for end, fill in (("lower", -np.inf), ("upper", np.inf))
    )
    point = (lower == value) & (upper == value)  # an exact figure: runs of one value, exact figures apart
    distinct, rank = np.unique(value, return_inverse=True)
    said = (rank.ravel() * 2 + ~point, lower, upper, unit)
    i, j = within_groups(groups.code, said)  # side a: the smaller assertion id (stable findings)
    in_euros = convertible(a["unit"]) & _is(a, "metric_dimension", "money") & ok
    keep, converted = _comparable_units(a, perm, i, j, unit, in_euros)
    keep &= ~_stages_apart(a, perm, i, j)
    if not keep.all():
        i, j, converted = i[keep], j[keep], converted[keep]
    start = at(day.to_numpy("datetime64[D]").astype(np.int64))
    end = at(until.to_numpy("datetime64[D]").astype(np.int64))
    over = at(_past_periods(a))
    same = _same_moment(a, perm, i, j, (start, end, over))
    same |= _told_again(a, perm, (i, j), (start, end, value, lower, upper))
    somewhen = start < _SOMEWHEN_LAST  # placed by their values only (:func:`_placed_together`)
    unknown = ~same & (somewhen[i] | somewhen[j])  # and another moment: which came first is unknown
    if unknown.any():
        i, j, converted, same = i[~unknown], j[~unknown], converted[~unknown], same[~unknown]
    claimant = at(claimant_codes(a["attribution"], a.get("lang")))
    update = _successive_updates(a, perm, (i, j), (same, start, end, claimant, over))
    to_eur = at(euros_per_unit(a["unit"], day, in_euros))
    percent, found = at(_is(a, "unit", "percent")), at(_is(a, "metric_source", "discovered"))
    # neither the same thing nor a trend: which came first is unknown; or two things read as one
    update |= same & _far_apart((i, j), converted, (value, to_eur, percent, claimant, found))
    if update.any():
        i, j, converted, same = i[~update], j[~update], converted[~update], same[~update]
    rounded = distinct.round(
        6
    )  # values that differ past the sixth decimal count as one when findings are collapsed
    rounded_rank = np.cumsum(np.r_[False, rounded[1:] != rounded[:-1]])[rank.ravel()]
    per_position = (start, end, value, lower, upper, unit, to_eur, rounded_rank, claimant)
    return Pairs(i, j, same.astype(bool), converted, a, perm, groups, *per_position)


CONSENSUS_COLUMNS = [
    "entity",
    "metric",
    "unit",
    "value",
    "sources",
    "source_names",
    "assertions",
    "first_date",
    "last_date",
    "consensus",
]


def consensus(assertions: pd.DataFrame) -> pd.DataFrame:
    """Per entity and metric, each value said, how many independent sources say it (a repeat, or the
    same source saying it again, counts once) and between which dates; ``consensus`` marks the value
    most sources back (none where two values tie)."""
    c = comparable(assertions)
    if c.empty:
        return pd.DataFrame(columns=CONSENSUS_COLUMNS)
    said = pd.DataFrame(
        {
            "entity": c["entity"],
            "metric": scoped_metric(c),  # a part is not a rival value of its whole
            "unit": c["unit"].fillna(""),
            "value": c["value"].round(6),
            "source": c["source"].fillna(c["doc_id"]),
            "assertion_id": c["assertion_id"],
            "day": c["period_start"],
        }
    )
    keys = ["entity", "metric", "unit", "value"]
    out = (
        said.groupby(keys, sort=True)
        .agg(assertions=("assertion_id", "size"), first_date=("day", "min"), last_date=("day", "max"))
        .reset_index()
    )
    sources = said.drop_duplicates([*keys, "source"]).sort_values("source")
    named = (
        sources.groupby(keys, sort=True)["source"]
        .agg(["size", "; ".join])
        .reset_index()
        .rename(columns={"size": "sources", "join": "source_names"})
    )
    out = out.merge(named, on=keys)
    most = out.groupby(["entity", "metric"])["sources"].transform("max")
    ties = out.assign(_top=out["sources"] == most).groupby(["entity", "metric"])["_top"].transform("sum")
    out["consensus"] = (out["sources"] == most) & (ties == 1)
    out["unit"] = out["unit"].replace("", None)
    return out.sort_values(["entity", "metric", "sources", "value"], ascending=[True, True, False, True])[
        CONSENSUS_COLUMNS
    ].reset_index(drop=True)
