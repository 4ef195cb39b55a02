"""Stages given across a run's articles: a value one article says with its stage carries that stage.

An election's figures come in stages (rounds, preliminary and final results), and most articles say
the stage of a figure once, or never: "a preliminary turnout of 27.7%" in one article, "turnout was
27.7%" in five others. The value is the mark of its stage: the figures of one subject and metric that
give a value another article says with a stage, and no other stage of that family, are of that stage
(grouping never compares two stages of one family: group._stages_apart).
"""

from __future__ import annotations

import math

import pandas as pd

from factcheck.models import IN_PROGRESS, stage_family


def staged_by_value(assertions: pd.DataFrame) -> pd.DataFrame:
    """``assertions`` with the stage a value is said with elsewhere given to the figures of the same
    subject, metric and scope that give that value, or a rounding of it ("almost 95%" of the
    provisional 94.65%), and say no stage of its family (a copy where any changes)."""
    if "stage" not in assertions.columns or not assertions["stage"].notna().any():
        return assertions
    a = assertions
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
    values, said = a["value"].to_numpy(dtype=float), a["stage"].to_numpy(dtype=object)
    known: dict[tuple, list[tuple[float, str]]] = {}  # key -> (value, stage) said of it
    for key, value, stages in zip(keys, values, said, strict=True):
        if isinstance(stages, str) and key[0] is not None and key[1] is not None and not math.isnan(value):
            for stage in stages.split(", "):
                if stage != IN_PROGRESS:  # "with 70% of the votes counted": said of final results too
                    known.setdefault(key, []).append((value, stage))
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
    return a.assign(stage=given) if changed else assertions


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
