"""Stages given across a run's articles: a value one article says with its stage carries that stage.

An election's figures come in stages (rounds, preliminary and final results), and most articles say
the stage of a figure once, or never: "a preliminary turnout of 27.7%" in one article, "turnout was
27.7%" in five others. The value is the mark of its stage: the figures of one subject and metric that
give a value another article says with a stage, and no other stage of that family, are of that stage
(grouping never compares two stages of one family: group._stages_apart). A forecast (an exit poll's,
a projection's figure: the scope ``forecast``) comes before any count: "89.2% according to the exit
poll" in one article makes the 89.2% another gives alone the poll's, unless a count's stage is said
of that value somewhere.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from factcheck.models import IN_PROGRESS, stage_family
from factcheck.resolve.scope import FORECAST


def staged_by_value(assertions: pd.DataFrame) -> pd.DataFrame:
    """``assertions`` with the stage a value is said with elsewhere given to the figures of the same
    subject, metric and scope that give that value, or a rounding of it ("almost 95%" of the
    provisional 94.65%), and say no stage of its family; then the forecasts given likewise (a copy where
    any changes)."""
    a = assertions
    if a.empty or "stage" not in a.columns:
        return a
    scope = a["scope"] if "scope" in a.columns else pd.Series(None, index=a.index, dtype=object)
    keys = [
        _hashable(key)
        for key in zip(
            a["entity"].to_numpy(dtype=object),
            a["metric"].to_numpy(dtype=object),
            scope.to_numpy(dtype=object),
            strict=True,
        )
    ]
    values = a["value"].to_numpy(dtype=float)
    return _forecast_by_value(_stage_by_value(a, keys, values), keys, values)


def _stage_by_value(a: pd.DataFrame, keys: list[tuple], values: np.ndarray) -> pd.DataFrame:
    """``a`` with the stages given by value (see :func:`staged_by_value`); ``keys``: per row, its
    subject, metric and scope."""
    said = a["stage"].to_numpy(dtype=object)
    known: dict[tuple, list[tuple[float, str]]] = {}  # key -> (value, stage) said of it
    for key, value, stages in zip(keys, values, said, strict=True):
        if isinstance(stages, str) and key[0] is not None and key[1] is not None and not math.isnan(value):
            for stage in stages.split(", "):
                if stage != IN_PROGRESS:  # "with 70% of the votes counted": said of final results too
                    known.setdefault(key, []).append((value, stage))
    if not known:
        return a
    given, changed = said.copy(), False
    for n, key in enumerate(keys):
        if key not in known or math.isnan(values[n]):
            continue
        families: dict[str, set[str]] = {}
        for value, stage in known[key]:
            if _one_value(value, values[n]):
                families.setdefault(stage_family(stage), set()).add(stage)
        own = str(said[n]).split(", ") if isinstance(said[n], str) else []
        mine = {stage_family(s) for s in own}
        added = [next(iter(s)) for f, s in sorted(families.items()) if f not in mine and len(s) == 1]
        if added:
            given[n], changed = ", ".join(sorted(own + added)), True
    return a.assign(stage=given) if changed else a


def _forecast_by_value(a: pd.DataFrame, keys: list[tuple], values: np.ndarray) -> pd.DataFrame:
    """``a`` with the scope ``forecast`` given to the figures of no scope and no stage of results that
    give a value (or a rounding of it) another figure of their subject and metric is said as a forecast
    of, when none says that value with a stage of results (see the module's text). Only for a metric
    counted in stages in the run (a vote's): elsewhere, what "should" cost 100 million is often what
    others say it costs."""
    if "scope" not in a.columns:
        return a
    scope, stage = a["scope"].to_numpy(dtype=object), a["stage"].to_numpy(dtype=object)
    staged = set(a["metric"].to_numpy(dtype=object)[pd.notna(stage)])  # metrics of counts in stages: a vote's
    results = np.array([isinstance(x, str) and "results" in map(stage_family, x.split(", ")) for x in stage])
    forecast: dict[tuple, list[float]] = {}
    counted: dict[tuple, list[float]] = {}
    for key, value, where, of_results in zip(keys, values, scope, results, strict=True):
        if key[0] is None or key[1] is None or math.isnan(value):
            continue
        if key[1] not in staged:
            continue
        if where == FORECAST:
            forecast.setdefault(key[:2], []).append(value)
        elif of_results:
            counted.setdefault(key[:2], []).append(value)
    given = scope.copy()
    for n, (key, value) in enumerate(zip(keys, values, strict=True)):
        if key[:2] not in forecast or not pd.isna(scope[n]) or results[n] or math.isnan(value):
            continue
        if any(_one_value(v, value) for v in forecast[key[:2]]) and not any(
            _one_value(v, value) for v in counted.get(key[:2], ())
        ):
            given[n] = FORECAST
    changed = any(x is not y for x, y in zip(given, scope, strict=True))
    return a.assign(scope=given) if changed else a


def _one_value(x: float, y: float) -> bool:
    """Whether two values are one, or one is the other rounded to its own decimals (95 and 94.65)."""
    return x == y or round(y, _decimals(x)) == x or round(x, _decimals(y)) == y


def _decimals(x: float) -> int:
    """How many decimals a value has (94.65: 2; 95.0: 0)."""
    whole, _, fraction = repr(float(x)).partition(".")
    return len(fraction.rstrip("0")) if "e" not in whole + fraction else 0


def _hashable(key: tuple) -> tuple:
    """A key whose missing parts (None, NaN) are one value, so that equal keys meet in a dict."""
    return tuple(None if (not isinstance(k, str) and pd.isna(k)) else k for k in key)
