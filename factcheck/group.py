"""Stage 6, group: candidate comparisons (same entity and metric, compatible units) and how their times relate.

Vectorised: the pairs of each entity x metric group are generated as arrays of positions (no Python
loop over pairs, no wide self-merge); rules decide on arrays, make a table only of the pairs that
matter (:meth:`Pairs.frame`), and :func:`widen` adds quotes and sources to the ones that become findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from factcheck.money import convertible, euros_per_unit

PAIR_COLUMNS = [
    "assertion_id", "doc_id", "article_id", "source", "lang", "published", "entity", "metric", "value",
    "lower", "upper", "unit", "qualifier", "period_start", "period_end", "time_basis", "time_precision",
    "attribution", "number_text", "sentence", "metric_kind", "metric_dimension", "window_days",
    "derived", "link_id", "decreases", "role",
]
# What findings show of each side beyond the DECIDING columns (group.widen).
SHOWN = ["assertion_id", "doc_id", "source", "lang", "published", "time_basis", "number_text", "sentence"]
# What a table of pairs carries before its findings are widened (group.widen).
DECIDING = ["entity", "metric", "value", "lower", "upper", "unit", "qualifier", "period_start", "period_end",
            "attribution", "metric_dimension", "derived"]


def comparable(assertions: pd.DataFrame) -> pd.DataFrame:
    """The assertions that can be compared: mapped, about an entity, dated, not a repeat, not the
    same figure restated in another unit."""
    a = assertions
    start = a["period_start"].fillna(a["period_end"])  # "no later than" a date: compared at that date
    ok = (a["metric"] != "unmapped") & a["entity"].notna() & a["value"].notna() & start.notna() & ~a["is_repeat"]
    ok &= a["role"].fillna("") != "restated"  # "(44 milliards d'euros)" after the dollars says nothing new
    c = a.loc[ok, PAIR_COLUMNS].assign(period_start=start[ok]).reset_index(drop=True)
    in_euros = convertible(c["unit"]) & (c["metric_dimension"] == "money").to_numpy()
    return c.assign(in_euros=in_euros, to_eur=euros_per_unit(c["unit"], c["period_start"], in_euros))


def _within_groups(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j), i before j, of the rows that share a group code: from the sorted positions."""
    order = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes)
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)  # where each sorted row's group begins
    rank = np.arange(len(order)) - starts
    after = np.repeat(sizes, sizes) - rank - 1  # how many rows of its group follow each sorted row
    first = np.repeat(np.arange(len(order)), after)
    step = np.arange(len(first)) - np.repeat(np.cumsum(after) - after, after) + 1
    return order[first], order[first + step]


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


def is_hedged(table: pd.DataFrame, suffix: str = "") -> pd.Series:
    """Whether each assertion is hedged: approximate or a bound, derived, or an amount of unknown
    currency (``suffix`` picks one side of a table of pairs: "_a")."""
    return ((table[f"qualifier{suffix}"] != "exact") | table[f"derived{suffix}"].astype(bool)
            | (table[f"unit{suffix}"].isna() & (table[f"metric_dimension{suffix}"] == "money")))


def gap_days(rows: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Days between the periods of assertions ``i`` and ``j`` (0 where they meet)."""
    start = rows["period_start"].to_numpy("datetime64[D]")
    end = rows["period_end"].fillna(rows["period_start"]).to_numpy("datetime64[D]")
    return np.maximum((start[j] - end[i]).astype(np.int64), (start[i] - end[j]).astype(np.int64)).clip(min=0)


def pair_frame(rows: pd.DataFrame, i: np.ndarray, j: np.ndarray, converted: np.ndarray | None = None) -> pd.DataFrame:
    """A table of the pairs (``i``, ``j``) of comparable assertions: i, j, the DECIDING columns of both
    sides (``_a``, ``_b``), whether they are amounts in two currencies, and each side's euro rate."""
    columns: dict[str, object] = {"i": i, "j": j}
    for col in DECIDING:
        values = rows[col].to_numpy()
        columns[f"{col}_a"], columns[f"{col}_b"] = values[i], values[j]
    columns["converted"] = np.zeros(len(i), dtype=bool) if converted is None else converted
    rate = rows["to_eur"].to_numpy()
    columns["to_eur_a"], columns["to_eur_b"] = rate[i], rate[j]
    return pd.DataFrame(columns)


@dataclass(frozen=True, eq=False)
class Pairs:
    """The candidate pairs as arrays: positions ``i`` and ``j`` into ``rows`` (the comparable
    assertions, side a holding the smaller assertion id) and whether they describe the ``same``
    moment. :meth:`frame` makes a table of the few that matter."""

    i: np.ndarray
    j: np.ndarray
    same: np.ndarray
    rows: pd.DataFrame
    group: np.ndarray  # per comparable assertion: a code for its entity x metric
    converted: np.ndarray  # per pair: amounts in two currencies, compared in euros at the rates of their dates
    id_rank: np.ndarray  # per comparable assertion: its place in the order of assertion ids (for stable choices)

    @cached_property
    def claimant(self) -> np.ndarray:
        """Per comparable assertion: a code for who it is attributed to (case aside), -1 for no one."""
        codes, names = pd.factorize(self.rows["attribution"])
        folded = pd.factorize(pd.Index([n.casefold() for n in names]))[0] if len(names) else np.zeros(0, dtype=np.int64)
        return np.where(codes >= 0, folded[codes] if len(folded) else -1, -1)

    @cached_property
    def hedged(self) -> np.ndarray:
        """Per comparable assertion: approximate, a bound, derived, or an amount of unknown currency."""
        return is_hedged(self.rows).to_numpy()

    @cached_property
    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """(lower, upper) of each comparable assertion, open ends as -inf and +inf."""
        return (np.nan_to_num(self.rows["lower"].to_numpy(float), nan=-np.inf),
                np.nan_to_num(self.rows["upper"].to_numpy(float), nan=np.inf))

    def column(self, name: str) -> np.ndarray:
        """One column of the comparable assertions, as an array (positions as in ``rows``)."""
        return self.rows[name].to_numpy()

    def frame(self, selected: np.ndarray) -> pd.DataFrame:
        """The pairs at positions ``selected``, as :func:`pair_frame` makes them."""
        return pair_frame(self.rows, self.i[selected], self.j[selected], self.converted[selected])


def pairs(assertions: pd.DataFrame) -> Pairs:
    """Every pair of comparable assertions about the same thing (same entity and metric, units that
    can be compared, not a figure and the one it is tied to), and how their times relate:

    ``same``   the same moment (stocks within the metric's window; flows and changes whose periods
               overlap or fall within the window; prices of one deal at any time), so they must agree;
    apart      clearly different times (a written calendar day on either side that the other does not
               share, or farther apart than the window), so any difference is a trend.
    """
    c = comparable(assertions)
    if c.empty:
        empty = np.zeros(0, dtype=np.int64)
        return Pairs(empty, empty, np.zeros(0, dtype=bool), c, empty, np.zeros(0, dtype=bool), np.zeros(0))
    codes = c.groupby(["entity", "metric"], sort=False).ngroup().to_numpy()
    i, j = _within_groups(codes)
    ids = pd.factorize(pd.concat([c["assertion_id"], c["link_id"]]))[0]
    aid, link = ids[: len(c)], np.where(c["link_id"].isna().to_numpy(), -1, ids[len(c) :])
    keep = (link[i] != aid[j]) & (link[j] != aid[i])  # never a figure and the one it is tied to
    unit = pd.factorize(c["unit"])[0]  # -1 where unknown
    money = (c["metric_dimension"] == "money").to_numpy()
    in_euros = c["in_euros"].to_numpy()
    converted = (unit[i] != unit[j]) & in_euros[i] & in_euros[j]  # dollars and euros: compared at the ECB rates
    keep &= (unit[i] == unit[j]) | (money[i] & ((unit[i] < 0) | (unit[j] < 0))) | converted  # or an amount of unknown currency
    i, j, converted = i[keep], j[keep], converted[keep]
    id_rank = c["assertion_id"].rank(method="first").to_numpy()
    swap = id_rank[i] > id_rank[j]  # side a: the smaller assertion id (stable findings)
    i, j = np.where(swap, j, i), np.where(swap, i, j)

    gap = gap_days(c, i, j)
    written_day = ((c["time_basis"] == "explicit") & (c["time_precision"] == "day")).to_numpy()
    clearly_apart = (written_day[i] | written_day[j]) & (gap > 0)
    window = c["window_days"].fillna(0).to_numpy()[i]
    price, change = (c["metric_kind"] == "price").to_numpy()[i], (c["metric_kind"] == "change").to_numpy()[i]
    same = price | np.where(change, gap == 0, ~clearly_apart & (gap <= window))
    return Pairs(i, j, same.astype(bool), c, codes, converted, id_rank)


def widen(found: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The pairs ``found`` with what a finding shows of both assertions (ids, quotes, sources, dates) added."""
    extra = {}
    for col in SHOWN:
        if f"{col}_a" not in found:
            extra[f"{col}_a"] = rows[col].to_numpy()[found["i"].to_numpy()]
            extra[f"{col}_b"] = rows[col].to_numpy()[found["j"].to_numpy()]
    out = found.assign(**extra)
    for side in ("a", "b"):
        for col in ("published", "period_start", "period_end"):  # as the reader sees them: "2023-04-12"
            out[f"{col}_{side}"] = _days(out[f"{col}_{side}"])
    return out


def _days(values: pd.Series) -> np.ndarray:
    """Dates as "YYYY-MM-DD" (vectorised), "undated" where there is none."""
    days = np.datetime_as_string(pd.to_datetime(values).to_numpy("datetime64[D]"), unit="D")
    return np.where(days == "NaT", "undated", days).astype(object)


CONSENSUS_COLUMNS = ["entity", "metric", "unit", "value", "sources", "source_names", "assertions", "first_date", "last_date", "consensus"]


def consensus(assertions: pd.DataFrame) -> pd.DataFrame:
    """Per entity and metric, each value said, how many independent sources say it (a repeat, or the
    same source saying it again, counts once) and between which dates; ``consensus`` marks the value
    most sources back (none where two values tie)."""
    c = comparable(assertions)
    if c.empty:
        return pd.DataFrame(columns=CONSENSUS_COLUMNS)
    said = pd.DataFrame({
        "entity": c["entity"], "metric": c["metric"], "unit": c["unit"].fillna(""), "value": c["value"].round(6),
        "source": c["source"].fillna(c["doc_id"]), "assertion_id": c["assertion_id"], "day": c["period_start"],
    })
    keys = ["entity", "metric", "unit", "value"]
    out = said.groupby(keys, sort=True).agg(assertions=("assertion_id", "size"), first_date=("day", "min"), last_date=("day", "max")).reset_index()
    sources = said.drop_duplicates(keys + ["source"]).sort_values("source")
    named = sources.groupby(keys, sort=True)["source"].agg(["size", "; ".join]).reset_index().rename(columns={"size": "sources", "join": "source_names"})
    out = out.merge(named, on=keys)
    most = out.groupby(["entity", "metric"])["sources"].transform("max")
    ties = out.assign(_top=out["sources"] == most).groupby(["entity", "metric"])["_top"].transform("sum")
    out["consensus"] = (out["sources"] == most) & (ties == 1)
    out["unit"] = out["unit"].replace("", None)
    return out.sort_values(["entity", "metric", "sources", "value"], ascending=[True, True, False, True])[CONSENSUS_COLUMNS].reset_index(drop=True)
