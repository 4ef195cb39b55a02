"""Plain-language pieces of findings: how a value is written for a reader, and the one-sentence explanation."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))
_PREFIX = {"approx": "about ", "more_than": "more than ", "at_least": "at least ", "less_than": "less than ", "at_most": "at most "}


@lru_cache(maxsize=4096)  # reports write the same few values again and again
def format_value(value: Any, unit: Any = None, qualifier: Any = None) -> str:
    """``44000000000, "USD"`` -> ``"44 billion USD"``; ``-54, "percent"`` -> ``"-54%"``."""
    return str(says([value], [unit], [qualifier])[0])


def says(values: Any, units: Any, qualifiers: Any = None) -> np.ndarray:
    """:func:`format_value` of each (value, unit, qualifier), on arrays: each way of writing a
    number is applied to all the values written that way at once (no qualifiers: none said)."""
    v = np.asarray(values, dtype=float).reshape(-1)
    unit = np.asarray(units, dtype=object).reshape(-1)
    size = np.abs(v)
    percent = unit == "percent"
    whole = ~percent & (v == np.floor(v)) & (size < 1e6)  # 7,500
    scaled = ~percent & ~whole  # 1.5 million, 0.25
    at = [size >= s for s, _ in _SCALES]
    scale = np.select(at, [s for s, _ in _SCALES], 1.0)
    word = np.select(at, [w for _, w in _SCALES], "")
    text = np.empty(len(v), dtype=object)
    for rows, template, args in ((percent, "{:g}%", (v,)), (whole, "{:,.0f}", (v,)), (scaled, "{:,.4g}{}", (v / scale, word))):
        text[rows] = list(map(template.format, *(a[rows].tolist() for a in args)))
    prefix = [_PREFIX.get(q, "") if isinstance(q, str) else "" for q in qualifiers] if qualifiers is not None else [""] * len(v)
    suffix = [f" {u}" if isinstance(u, str) and u and u != "percent" else "" for u in unit.tolist()]
    out = np.array(list(map("{}{}{}".format, prefix, text.tolist(), suffix)), dtype=object)
    out[np.isnan(v)] = "?"
    return out


def day(value: Any) -> str:
    """"2023-04-12" for a date, a timestamp or a datetime64; "undated" for none (NaT, NaN, None)."""
    if isinstance(value, str):  # already written out (group.widen)
        return value
    if value is None or value is pd.NaT or value != value:  # NaT and NaN are not equal to themselves
        return "undated"
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)[:10]


def when(start: Any, end: Any) -> str:
    """"2023-04-12", or "2022-09-01 to 2023-08-31" for a period."""
    first, last = day(start), day(end)
    return first if last in (first, "undated") else f"{first} to {last}"


def who(row: Any, side: str) -> str:
    """"000_88e7 (it, published 2023-04-12)", with the claimant when the text names one; an undated
    post of an archive page: "undated post, by 2022-11-03"."""
    said = row[f"attribution_{side}"]
    by = f", according to {said}" if isinstance(said, str) and said else ""
    dated = "undated post, by" if row.get(f"time_basis_{side}") == "archive" else "published"
    return f"{row[f'doc_id_{side}']} ({row[f'lang_{side}']}, {dated} {day(row[f'published_{side}'])}{by})"


def _text(values: Any) -> list[str]:
    """Each value as text, "" for a missing one."""
    series = pd.Series(values, dtype=object)
    return series.where(series.notna(), "").astype(str).tolist()


def who_column(found: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`who` for every row of ``found`` at once (its dates already written out, as group.widen does)."""
    by = [f", according to {said}" if said else "" for said in _text(found[f"attribution_{side}"])]
    dated = np.where(found[f"time_basis_{side}"].to_numpy() == "archive", "undated post, by", "published").tolist()
    return join("{} ({}, {} {}{})", _text(found[f"doc_id_{side}"]), _text(found[f"lang_{side}"]), dated, _text(found[f"published_{side}"]), by)


def join(template: str, *columns: Any) -> np.ndarray:
    """``template`` filled in with each row of ``columns``: one sentence per row."""
    return np.array(list(map(template.format, *columns)), dtype=object)


def _days(values: pd.Series) -> np.ndarray:
    """:func:`day` of each value; dates already written out (as group.widen leaves them) as they are."""
    if pd.api.types.is_string_dtype(values) and not values.isna().any():
        return values.to_numpy(dtype=object)
    return np.array([day(v) for v in values.tolist()], dtype=object)


def when_column(found: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`when` for every row of ``found`` at once (dates written out or not)."""
    first, last = _days(found[f"period_start_{side}"]), _days(found[f"period_end_{side}"])
    out = first.copy()
    period = (last != first) & (last != "undated")
    out[period] = first[period] + " to " + last[period]
    return out


def says_column(found: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`format_value` of one side of every row."""
    return says(*(found[f"{c}_{side}"].to_numpy() for c in ("value", "unit", "qualifier")))


def metric_words(metric: str) -> str:
    return metric.replace("_", " ")


def words_column(metrics: pd.Series) -> list[str]:
    """:func:`metric_words` of each metric (each distinct metric written once)."""
    codes, names = pd.factorize(metrics)
    return np.array([metric_words(m) for m in names], dtype=object)[codes].tolist()
