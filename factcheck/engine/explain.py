"""Plain-language pieces of findings: how a value is written for a reader, and the one-sentence explanation."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@lru_cache(maxsize=65536)  # findings repeat the same few values
def format_value(value: Any, unit: Any = None, qualifier: Any = None) -> str:
    """``44000000000, "USD"`` -> ``"44 billion USD"``; ``-54, "percent"`` -> ``"-54%"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    v = float(value)
    if unit == "percent":
        text = f"{v:g}%"
    else:
        text = f"{v:,.0f}" if v.is_integer() and abs(v) < 1e6 else f"{v:,.4g}"
        for size, word in _SCALES:
            if abs(v) >= size:
                text = f"{v / size:,.4g} {word}"
                break
        if isinstance(unit, str) and unit:
            text = f"{text} {unit}"
    prefix = {"approx": "about ", "more_than": "more than ", "at_least": "at least ", "less_than": "less than ", "at_most": "at most "}
    return prefix.get(qualifier or "", "") + text


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


def _text(values: Any) -> np.ndarray:
    return np.asarray(pd.Series(values).astype(object).where(pd.notna(pd.Series(values)), "").astype(str), dtype=object)


def who_column(found: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`who` for every row of ``found`` at once (its dates already written out, as group.widen does)."""
    said = _text(found[f"attribution_{side}"])
    by = np.where(said != "", ", according to " + said, "")
    dated = np.where(found[f"time_basis_{side}"].to_numpy() == "archive", "undated post, by ", "published ")
    return _text(found[f"doc_id_{side}"]) + " (" + _text(found[f"lang_{side}"]) + ", " + dated + _text(found[f"published_{side}"]) + by + ")"


def _days(values: pd.Series) -> np.ndarray:
    """:func:`day` of each value; dates already written out (as group.widen leaves them) as they are."""
    if pd.api.types.is_string_dtype(values) and not values.isna().any():
        return values.to_numpy(dtype=object)
    return np.array([day(v) for v in values.tolist()], dtype=object)


def when_column(found: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`when` for every row of ``found`` at once (dates written out or not)."""
    first, last = _days(found[f"period_start_{side}"]), _days(found[f"period_end_{side}"])
    return np.where((last == first) | (last == "undated"), first, first + " to " + last)


def says(values: Any, units: Any, qualifiers: Any) -> np.ndarray:
    """:func:`format_value` of each (value, unit, qualifier)."""
    return np.array([format_value(v, u, q) for v, u, q in zip(values, units, qualifiers)], dtype=object)


def says_column(found: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`format_value` of one side of every row."""
    return says(*(found[f"{c}_{side}"].tolist() for c in ("value", "unit", "qualifier")))


def metric_words(metric: str) -> str:
    return metric.replace("_", " ")
