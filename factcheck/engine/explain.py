"""Plain-language pieces of findings: how a value is written for a reader, and the one-sentence explanation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from factcheck.group import write_days

_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))
_PREFIX = {
    "approx": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "less_than": "less than ",
    "at_most": "at most ",
}


@lru_cache(maxsize=4096)  # reports write the same few values again and again
def format_value(value: Any, unit: Any = None, qualifier: Any = None) -> str:
    """``44000000000, "USD"`` -> ``"44 billion USD"``; ``-54, "percent"`` -> ``"-54%"``."""
    return str(says([value], [unit], [qualifier])[0])


def says(values: Any, units: Any, qualifiers: Any = None) -> np.ndarray:
    """:func:`format_value` of each (value, unit, qualifier), on arrays: each distinct number, unit
    and qualifier is written once (no qualifiers: none said)."""
    v = np.asarray(values, dtype=float).reshape(-1) + 0.0  # -0 is written 0
    unit = np.asarray(units, dtype=object).reshape(-1)
    percent = unit == "percent"
    text = np.empty(len(v), dtype=object)
    for rows, pct in ((percent, True), (~percent, False)):
        codes, distinct = pd.factorize(v[rows], use_na_sentinel=False)
        text[rows] = _numbers(np.asarray(distinct, dtype=float), pct)[codes]
    suffix = _each(unit, lambda u: f" {u}" if isinstance(u, str) and u and u != "percent" else "")
    if qualifiers is not None:
        prefix = _each(np.asarray(qualifiers, dtype=object).reshape(-1), lambda q: _PREFIX.get(q, ""))
        text = np.array(
            [f"{p}{t}{s}" for p, t, s in zip(prefix.tolist(), text.tolist(), suffix.tolist(), strict=False)],
            dtype=object,
        )
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
    out[~whole] = [
        f"{x:,.4g}{w}" for x, w in zip(scaled[~whole].tolist(), word[~whole].tolist(), strict=False)
    ]
    return out


def percents(shares: Any) -> list[str]:
    """Each share as a whole percent, "6%" (as ``f"{share:.0%}"`` writes it), each distinct one written once."""
    return _each(
        np.round(np.asarray(shares, dtype=float) * 100), lambda d: "nan%" if d is None else f"{d:.0f}%"
    ).tolist()


def _each(values: np.ndarray, write: Any) -> np.ndarray:
    """``write`` applied to each distinct value (missing ones as None)."""
    codes, distinct = pd.factorize(values)
    return np.array([write(d) for d in distinct] + [write(None)], dtype=object)[codes]


def day(value: Any) -> str:
    """ "2023-04-12" for a date, a timestamp or a datetime64; "undated" for none (NaT, NaN, None)."""
    if isinstance(value, str):  # already written out (group.Pairs.table)
        return value
    if value is None or value is pd.NaT or value != value:  # NaT and NaN are not equal to themselves
        return "undated"
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)[:10]


def when(start: Any, end: Any) -> str:
    """ "2023-04-12", or "2022-09-01 to 2023-08-31" for a period."""
    first, last = day(start), day(end)
    return first if last in (first, "undated") else f"{first} to {last}"


def _text(values: Any) -> list[str]:
    """Each value as text, "" for a missing one."""
    values = np.asarray(values, dtype=object)
    if _all_text(values):
        return values.tolist()
    return [v if isinstance(v, str) else "" if v is None or v != v else str(v) for v in values.tolist()]


def _all_text(values: np.ndarray) -> bool:
    """Whether every value is a string (checked in C)."""
    return pd.api.types.infer_dtype(values, skipna=False) in ("string", "empty")


def who_columns(found: Any) -> tuple[np.ndarray, np.ndarray]:
    """Who says it, for sides a and b of every row of ``found``: "Italian tech news site (it,
    published 2023-04-12)" (the source's name, else the document's id), with the claimant when the text names one; an undated post of an archive page:
    "undated post, by 2022-11-03"."""
    return _both(found, _who)


def _who(column: Callable[[str], Any]) -> np.ndarray:
    docs, sources = _text(column("doc_id")), _text(column("source"))
    by = _each(
        np.asarray(column("attribution"), dtype=object),
        lambda said: f", according to {said}" if isinstance(said, str) and said else "",
    )
    dated = np.where(
        np.asarray(column("time_basis"), dtype=object) == "archive", "undated post, by", "published"
    ).tolist()
    columns = zip(
        [source or doc for source, doc in zip(sources, docs, strict=True)],
        _text(column("lang")),
        dated,
        _days(column("published")).tolist(),
        by.tolist(),
        strict=False,
    )
    return np.array([f"{doc} ({lang}, {how} {on}{by})" for doc, lang, how, on, by in columns], dtype=object)


def _both(found: Any, write: Callable[[Callable[[str], Any]], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``write`` (given each column by name) of sides a and b of every row of ``found``: once per
    distinct assertion where ``found`` holds them (``sides``, as group.Pairs.table gives)."""
    if "sides" in found:
        each = write(found["sides"].__getitem__)
        return each[found["side_a"]], each[found["side_b"]]
    return write(lambda name: found[f"{name}_a"]), write(lambda name: found[f"{name}_b"])


def _days(values: Any) -> np.ndarray:
    """Days as the reader sees them ("2023-04-12", "undated"); dates already written out (as
    group.Pairs.table leaves them) as they are."""
    values = np.asarray(values, dtype=object)
    return values if _all_text(values) else write_days(values)


def when_columns(found: Any) -> tuple[np.ndarray, np.ndarray]:
    """:func:`when` of sides a and b of every row of ``found`` (dates written out or not)."""
    return _both(found, _when)


def _when(column: Callable[[str], Any]) -> np.ndarray:
    first, last = _days(column("period_start")), _days(column("period_end"))
    out = first.copy()
    period = (last != first) & (last != "undated")
    out[period] = first[period] + " to " + last[period]
    return out


def says_columns(found: Any) -> tuple[np.ndarray, np.ndarray]:
    """:func:`format_value` of sides a and b of every row of ``found``."""
    return _both(
        found, lambda column: says(*(np.asarray(column(name)) for name in ("value", "unit", "qualifier")))
    )


def metric_words(metric: str) -> str:
    return metric.replace("_", " ")


def words_column(metrics: Any) -> list[str]:
    """:func:`metric_words` of each metric (each distinct metric written once)."""
    codes, names = pd.factorize(metrics)
    return np.array([metric_words(m) for m in names], dtype=object)[codes].tolist()


def entity_labels(found: Any, suffix: str = "_a") -> list[str]:
    """The entity of one side of every row of ``found`` as the user named it (its ``label`` in
    rules/entities.yaml), else its id."""
    return _labels(found, "entity", suffix, str)


def metric_labels(found: Any, suffix: str = "_a") -> list[str]:
    """The metric of one side of every row of ``found`` as the user named it (its ``label`` in
    rules/concepts.yaml), else its id in words ("ad revenue change")."""
    return _labels(found, "metric", suffix, metric_words)


def _labels(found: Any, what: str, suffix: str, fallback: Callable[[str], str]) -> list[str]:
    ids = _text(found[f"{what}{suffix}"])
    labels = _text(found[f"{what}_label{suffix}"]) if f"{what}_label{suffix}" in found else [""] * len(ids)
    written = _each(np.asarray(ids, dtype=object), lambda i: fallback(i) if i else "")
    return [label or w for label, w in zip(labels, written.tolist(), strict=True)]


@dataclass(frozen=True)
class Names:
    """What the report calls entities and metrics: the labels the user wrote in rules/ (carried by
    the assertions), else the ids (metrics in words)."""

    entities: dict[str, str]
    metrics: dict[str, str]

    @classmethod
    def of(cls, assertions) -> Names:
        def pairs(col: str) -> dict[str, str]:
            if col not in assertions or f"{col}_label" not in assertions:
                return {}
            known = assertions[[col, f"{col}_label"]].dropna().drop_duplicates(col)
            return dict(zip(known[col].tolist(), known[f"{col}_label"].tolist(), strict=True))

        return cls(pairs("entity"), pairs("metric"))

    def entity(self, entity: str) -> str:
        return self.entities.get(entity) or str(entity)

    def metric(self, metric: str) -> str:
        return self.metrics.get(metric) or metric_words(str(metric))
