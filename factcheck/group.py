"""Stage 6, group: candidate comparisons (same entity and metric, compatible units) and how their times relate.

Vectorised: one self-merge of the assertions table on (entity, metric); no Python loop over pairs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PAIR_COLUMNS = [
    "assertion_id", "doc_id", "article_id", "source", "lang", "published", "entity", "metric", "value",
    "lower", "upper", "unit", "qualifier", "period_start", "period_end", "time_basis", "time_precision",
    "attribution", "number_text", "sentence", "metric_kind", "metric_dimension", "window_days",
    "derived", "link_id",
]


def comparable(assertions: pd.DataFrame) -> pd.DataFrame:
    """The assertions that can be compared: mapped, about an entity, dated, not a repeat, not the
    same figure restated in another unit."""
    a = assertions
    start = a["period_start"].fillna(a["period_end"])  # "no later than" a date: compared at that date
    ok = (a["metric"] != "unmapped") & a["entity"].notna() & a["value"].notna() & start.notna() & ~a["is_repeat"]
    ok &= a["role"].fillna("") != "restated"  # "(44 milliards d'euros)" after the dollars says nothing new
    return a.loc[ok, PAIR_COLUMNS].assign(period_start=start[ok])


def pairs(assertions: pd.DataFrame) -> pd.DataFrame:
    """Every pair of comparable assertions about the same thing, with ``relation``:

    ``same``   the same moment (stocks within the metric's window; flows and changes whose periods
               overlap or fall within the window; prices of one deal at any time), so they must agree;
    ``apart``  clearly different times (a written calendar day on either side that the other does not
               share, or farther apart than the window), so any difference is a trend.
    """
    c = comparable(assertions)
    if c.empty:
        return pd.DataFrame(columns=[f"{k}_a" for k in PAIR_COLUMNS] + [f"{k}_b" for k in PAIR_COLUMNS] + ["relation", "gap_days"])
    p = c.merge(c, on=["entity", "metric"], suffixes=("_a", "_b"))
    p = p[p["assertion_id_a"] < p["assertion_id_b"]]
    p = p[(p["link_id_a"] != p["assertion_id_b"]) | p["link_id_a"].isna()]
    p = p[(p["link_id_b"] != p["assertion_id_a"]) | p["link_id_b"].isna()]
    same_unit = (p["unit_a"] == p["unit_b"]) | (p["unit_a"].isna() & p["unit_b"].isna())
    unknown_currency = (p["metric_dimension_a"] == "money") & (p["unit_a"].isna() | p["unit_b"].isna())
    p = p[same_unit | unknown_currency].copy()
    p["entity_a"] = p["entity_b"] = p.pop("entity")
    p["metric_a"] = p["metric_b"] = p.pop("metric")
    gap = np.maximum(
        (p["period_start_b"] - p["period_end_a"].fillna(p["period_start_a"])).dt.days,
        (p["period_start_a"] - p["period_end_b"].fillna(p["period_start_b"])).dt.days,
    ).clip(lower=0)
    written_day = lambda s: (p[f"time_basis_{s}"] == "explicit") & (p[f"time_precision_{s}"] == "day")  # noqa: E731
    clearly_apart = (written_day("a") | written_day("b")) & (gap > 0)
    window = p["window_days_a"].fillna(0)
    kind = p["metric_kind_a"]
    same = np.where(kind == "price", True, np.where(kind == "change", gap == 0, ~clearly_apart & (gap <= window)))
    p["gap_days"] = gap.astype("int64")
    p["relation"] = np.where(same, "same", "apart")
    return p.reset_index(drop=True)
