"""Stage 7, engine: run the rule catalogue over the assertions -> conflicts and trends tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from factcheck.engine import kinds
from factcheck.engine.catalogue import SEVERITIES, Rule, load_rules
from factcheck.group import pairs as candidate_pairs

__all__ = ["Findings", "run_rules", "load_rules", "Rule", "SEVERITIES"]


@dataclass(frozen=True)
class Findings:
    conflicts: pd.DataFrame
    trends: pd.DataFrame


def run_rules(rules: list[Rule], assertions: pd.DataFrame) -> Findings:
    """Evaluate every rule; conflicts sorted by severity, then entity and metric (deterministic)."""
    pairs = candidate_pairs(assertions)
    conflicts, trends = [], []
    for rule in rules:
        if rule.kind == "trend":
            trends.append(kinds.trend(pairs, rule))
        elif rule.kind == "identity":
            conflicts.append(kinds.identity(assertions, rule))
        else:
            conflicts.append(getattr(kinds, rule.kind)(pairs, rule))
    c = pd.concat([x for x in conflicts if not x.empty], ignore_index=True) if any(not x.empty for x in conflicts) else pd.DataFrame(columns=kinds.CONFLICT_COLUMNS)
    t = pd.concat([x for x in trends if not x.empty], ignore_index=True) if any(not x.empty for x in trends) else pd.DataFrame(columns=kinds.TREND_COLUMNS)
    if not c.empty:
        c = c.assign(_s=c["severity"].map(SEVERITIES.index)).sort_values(["_s", "entity", "metric", "conflict_id"]).drop(columns="_s")
    if not t.empty:
        t = t.sort_values(["entity", "metric", "from_date", "to_date", "trend_id"])
    return Findings(conflicts=c.reset_index(drop=True), trends=t.reset_index(drop=True))
