"""The kinds of rule, by name: how each computes its findings (kinds.py), what its sentence may name
(explain.py) and the parameters it takes, with their defaults. A rule file's ``kind`` is looked up here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factcheck.engine import explain, kinds
from factcheck.engine.kinds import Found
from factcheck.engine.rule import Rule

_ROUNDING = {
    "relative_tolerance": 0.0,
    "points_tolerance": 0.0,
    "rounding_digits": 2,
    "truncated_from": 0.0,
    "rounded_from": 0.0,
    "possible_rounding": 0.25,
    "max_ratio": 0.0,
    "max_ratio_percent": 0.0,
    "max_ratio_unattributed": 0.0,
    "same_article": 1.0,
    "given_together": 1.0,
    "stage_unsaid": 1.0,
    "converted_tolerance": 0.0,
}


@dataclass(frozen=True)
class Kind:
    """One kind of rule: ``evaluate`` (over the candidate pairs, or, ``within_article``, over the
    assertions the arithmetic inside one article can use), its ``words``, its ``parameters``;
    ``trend``: its findings are trends, not conflicts."""

    evaluate: Callable[[Any, Rule], Found | None]
    words: explain.Words
    parameters: dict[str, float]
    within_article: bool = False
    trend: bool = False


KINDS: dict[str, Kind] = {
    "disagreement": Kind(kinds.disagreement, explain.DISAGREEMENT, _ROUNDING),
    "dispute": Kind(kinds.dispute, explain.DISAGREEMENT, _ROUNDING),
    "identity": Kind(kinds.identity, explain.IDENTITY, {"relative_tolerance": 0.0}, within_article=True),
    "bound": Kind(kinds.bound, explain.BOUND, {"relative_tolerance": 0.0}),
    "stated_change": Kind(
        kinds.stated_change, explain.STATED_CHANGE, {"points_tolerance": 0.0}, within_article=True
    ),
    "trend": Kind(
        kinds.trend, explain.TREND, {"min_relative_change": 0.0, "min_points_change": 0.0}, trend=True
    ),
}
