"""Stage 7, engine: run the rule catalogue over the assertions -> conflicts and trends tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from factcheck.engine import kinds
from factcheck.engine.catalogue import Rule, load_rules
from factcheck.group import pairs as candidate_pairs
from factcheck.models import SEVERITIES

__all__ = ["Findings", "run_rules", "load_rules", "Rule", "SEVERITIES"]


@dataclass(frozen=True)
class Findings:
    conflicts: pd.DataFrame
    trends: pd.DataFrame


def _stack(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    found = [f for f in frames if not f.empty]
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=columns)


def run_rules(rules: list[Rule], assertions: pd.DataFrame) -> Findings:
    """Evaluate every rule; conflicts sorted by severity, then entity and metric (deterministic)."""
    pairs = candidate_pairs(assertions)
    conflicts, trends = [], []
    for rule in rules:
        if rule.kind == "trend":
            trends.append(kinds.trend(pairs, rule))
        elif rule.kind in ("identity", "stated_change"):  # arithmetic inside one article: on the assertions
            conflicts.append(getattr(kinds, rule.kind)(assertions, rule))
        else:
            conflicts.append(getattr(kinds, rule.kind)(pairs, rule))
    c, t = _stack(conflicts, kinds.CONFLICT_COLUMNS), _stack(trends, kinds.TREND_COLUMNS)
    if not c.empty:
        c = c.assign(_s=c["severity"].map(SEVERITIES.index)).sort_values(["_s", "entity", "metric", "conflict_id"]).drop(columns="_s")
    if not t.empty:
        t = t.sort_values(["entity", "metric", "from_date", "to_date", "trend_id"])
    return Findings(conflicts=c.reset_index(drop=True), trends=t.reset_index(drop=True))
