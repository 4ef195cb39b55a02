"""Stages given across a run's articles: a value one article says with its stage carries that stage.

An election's figures come in stages (rounds, preliminary and final results), and most articles say
the stage of a figure once, or never: "a preliminary turnout of 27.7%" in one article, "turnout was
27.7%" in five others. The value is the mark of its stage: the figures of one subject and metric that
give a value another article says with a stage, and no other stage of that family, are of that stage
(grouping never compares two stages of one family: group._stages_apart).
"""

from __future__ import annotations

import pandas as pd

from factcheck.models import IN_PROGRESS, stage_family


def staged_by_value(assertions: pd.DataFrame) -> pd.DataFrame:
    """``assertions`` with the stage a value is said with elsewhere given to the figures of the same
    subject, metric, scope and value that say none of its family (a copy where any changes)."""
    if "stage" not in assertions.columns or not assertions["stage"].notna().any():
        return assertions
    a = assertions
    scope = a["scope"] if "scope" in a.columns else pd.Series(None, index=a.index, dtype=object)
    keys = list(
        zip(
            a["entity"].to_numpy(dtype=object),
            a["metric"].to_numpy(dtype=object),
            scope.to_numpy(dtype=object),
            a["value"].round(6).to_numpy(),
            strict=True,
        )
    )
    said = a["stage"].to_numpy(dtype=object)
    known: dict[tuple, dict[str, set[str]]] = {}  # key -> family -> the stages it is said with
    for key, stages in zip(keys, said, strict=True):
        if isinstance(stages, str) and not any(pd.isna(k) for k in key[:2]):
            for stage in stages.split(", "):
                if stage == IN_PROGRESS:  # "with 70% of the votes counted": said of final results too
                    continue
                known.setdefault(_hashable(key), {}).setdefault(stage_family(stage), set()).add(stage)
    given, changed = said.copy(), False
    for n, key in enumerate(keys):
        families = known.get(_hashable(key))
        if not families:
            continue
        own = str(said[n]).split(", ") if isinstance(said[n], str) else []
        mine = {stage_family(s) for s in own}
        added = [next(iter(s)) for f, s in sorted(families.items()) if f not in mine and len(s) == 1]
        if added:
            given[n], changed = ", ".join(sorted(own + added)), True
    return a.assign(stage=given) if changed else assertions


def _hashable(key: tuple) -> tuple:
    """A key whose missing parts (None, NaN) are one value, so that equal keys meet in a dict."""
    return tuple(None if (not isinstance(k, str) and pd.isna(k)) else k for k in key)
