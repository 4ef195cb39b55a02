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
    """:func:`format_value` of each (value, unit, qualifier), on arrays: each distinct number, unit
    and qualifier is written once (no qualifiers: none said)."""
    v = np.asarray(values, dtype=float).reshape(-1)
    unit = np.asarray(units, dtype=object).reshape(-1)
    percent = unit == "percent"
    text = np.empty(len(v), dtype=object)
    for rows, pct in ((percent, True), (~percent, False)):
        codes, distinct = pd.factorize(v[rows], use_na_sentinel=False)
        text[rows] = _numbers(np.asarray(distinct, dtype=float), pct)[codes]
    suffix = _each(unit, lambda u: f" {u}" if isinstance(u, str) and u and u != "percent" else "")
    if qualifiers is not None:
        prefix = _each(np.asarray(qualifiers, dtype=object).reshape(-1), lambda q: _PREFIX.get(q, ""))
        text = np.array([f"{p}{t}{s}" for p, t, s in zip(prefix.tolist(), text.tolist(), suffix.tolist())], dtype=object)
    elif (suffix != "").any():
        text = text + suffix
    text[np.isnan(v)] = "?"
    return text


def _numbers(v: np.ndarray, percent: bool) -> np.ndarray:
    """Numbers as a reader writes them: "-54%", "7,500", "1.5 million", "0.25"."""
    if percent:
        return np.array([f"{x:g}%" for x in v.tolist()], dtype=object)
    size = np.abs(v)
    whole = (v == np.floor(v)) & (size < 1e6)
    at = [size >= s for s, _ in _SCALES]
    scaled = v / np.select(at, [s for s, _ in _SCALES], 1.0)
    word = np.select(at, [w for _, w in _SCALES], "")
    out = np.empty(len(v), dtype=object)
    out[whole] = [f"{x:,.0f}" for x in v[whole].tolist()]
    out[~whole] = [f"{x:,.4g}{w}" for x, w in zip(scaled[~whole].tolist(), word[~whole].tolist())]
    return out


def _each(values: np.ndarray, write: Any) -> np.ndarray:
    """``write`` applied to each distinct value (missing ones as None)."""
    codes, distinct = pd.factorize(values)
    return np.array([write(d) for d in distinct] + [write(None)], dtype=object)[codes]


def day(value: Any) -> str:
    """"2023-04-12" for a date, a timestamp or a datetime64; "undated" for none (NaT, NaN, None)."""
    if isinstance(value, str):  # already written out (group.pair_table)
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
    values = np.asarray(values, dtype=object)
    if _all_text(values):
        return values.tolist()
    return [v if isinstance(v, str) else "" if v is None or v != v else str(v) for v in values.tolist()]


def _all_text(values: np.ndarray) -> bool:
    """Whether every value is a string (checked in C)."""
    return pd.api.types.infer_dtype(values, skipna=False) in ("string", "empty")


def who_column(found: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`who` for every row of ``found`` at once (its dates already written out, as group.pair_table does)."""
    by = _each(np.asarray(found[f"attribution_{side}"], dtype=object), lambda said: f", according to {said}" if said else "")
    dated = np.where(np.asarray(found[f"time_basis_{side}"], dtype=object) == "archive", "undated post, by", "published").tolist()
    columns = zip(_text(found[f"doc_id_{side}"]), _text(found[f"lang_{side}"]), dated, _text(found[f"published_{side}"]), by.tolist())
    return np.array([f"{doc} ({lang}, {how} {on}{by})" for doc, lang, how, on, by in columns], dtype=object)


def _days(values: Any) -> np.ndarray:
    """:func:`day` of each value; dates already written out (as group.pair_table leaves them) as they are."""
    values = np.asarray(values, dtype=object)
    return values if _all_text(values) else np.array([day(v) for v in values.tolist()], dtype=object)


def when_column(found: Any, side: str) -> np.ndarray:
    """:func:`when` for every row of ``found`` at once (dates written out or not)."""
    first, last = _days(found[f"period_start_{side}"]), _days(found[f"period_end_{side}"])
    out = first.copy()
    period = (last != first) & (last != "undated")
    out[period] = first[period] + " to " + last[period]
    return out


def says_column(found: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`format_value` of one side of every row."""
    return says(*(np.asarray(found[f"{c}_{side}"]) for c in ("value", "unit", "qualifier")))


def metric_words(metric: str) -> str:
    return metric.replace("_", " ")


def words_column(metrics: Any) -> list[str]:
    """:func:`metric_words` of each metric (each distinct metric written once)."""
    codes, names = pd.factorize(metrics)
    return np.array([metric_words(m) for m in names], dtype=object)[codes].tolist()
