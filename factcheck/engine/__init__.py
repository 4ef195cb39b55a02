"""Stage 7, engine: run the rule catalogue over the assertions -> conflicts and trends tables."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from factcheck.engine import tables
from factcheck.engine.catalogue import load_rules
from factcheck.engine.explain import RULE_FIELDS, fill
from factcheck.engine.kinds import Found, told_apart, within_article
from factcheck.engine.registry import KINDS, Kind
from factcheck.engine.rule import Rule
from factcheck.group import Basis, Pairs
from factcheck.group import pairs as candidate_pairs
from factcheck.models import SEVERITIES
from factcheck.result import CONFLICT_COLUMNS, TREND_COLUMNS

__all__ = [
    "SEVERITIES",
    "Findings",
    "Rule",
    "combine",
    "compared",
    "load_rules",
    "run_rules",
    "sorted_findings",
]


@dataclass(frozen=True)
class Findings:
    conflicts: pd.DataFrame
    trends: pd.DataFrame


def run_rules(rules: list[Rule], assertions: pd.DataFrame, basis: Basis | None = None) -> Findings:
    """Evaluate every rule; conflicts sorted by severity, then entity and metric (deterministic).
    ``basis``: the assertions' :func:`factcheck.group.comparison_basis`, when the caller has it."""
    pairs = candidate_pairs(assertions, basis)
    inside = within_article(assertions) if any(KINDS[r.kind].within_article for r in rules) else None
    conflicts, trends = [], []
    for rule in rules:
        kind = KINDS[rule.kind]
        found = kind.evaluate(inside if kind.within_article else pairs, rule)
        if found is not None:
            (trends if kind.trend else conflicts).append(_findings(rule, kind, found))
    return Findings(
        conflicts=_table(conflicts, CONFLICT_COLUMNS, ["severity", "entity", "metric", "conflict_id"]),
        trends=_table(trends, TREND_COLUMNS, ["entity", "metric", "from_date", "to_date", "trend_id"]),
    )


def compared(pairs: Pairs, rules: list[Rule]) -> np.ndarray:
    """Per pair: whether ``rules`` compare it as two figures of one thing at one moment: of one moment, and
    not two values that an article gives together as two things, for the disagreement rules that say so
    (``given_together: 0``: :func:`kinds.told_apart`). What the library groups as the same thing."""
    out = pairs.same.copy()
    for rule in rules:
        if rule.kind not in ("disagreement", "dispute") or rule.parameters.get("given_together", 1.0):
            continue
        selected = np.flatnonzero(
            pairs.same & (pairs.disputed if rule.kind == "dispute" else ~pairs.disputed)
        )
        out[selected[told_apart(pairs, selected, rule)]] = False
    return out


def _findings(rule: Rule, kind: Kind, found: Found) -> tables.Table:
    """What ``rule`` found as rows of its table, each with the sentence of the rule's file."""
    fields, clauses = kind.words.write(found)
    names = dict(zip(RULE_FIELDS, (rule.code, rule.name), strict=True))
    text = fill(rule.explanation, fields | names, clauses, len(found))
    return (tables.trends if kind.trend else tables.conflicts)(found, rule, text)


def combine(parts: list[Findings]) -> Findings:
    """The findings of disjoint groups of assertions (no rule relates two of them) as those of one
    run over them all: stacked and put in run_rules' order."""

    def columns(df: pd.DataFrame, names: list[str]) -> tables.Table | None:
        return {c: df[c].to_numpy() for c in names} if len(df) else None

    return Findings(
        conflicts=_table(
            [columns(p.conflicts, CONFLICT_COLUMNS) for p in parts],
            CONFLICT_COLUMNS,
            ["severity", "entity", "metric", "conflict_id"],
        ),
        trends=_table(
            [columns(p.trends, TREND_COLUMNS) for p in parts],
            TREND_COLUMNS,
            ["entity", "metric", "from_date", "to_date", "trend_id"],
        ),
    )


def _table(found: list[tables.Table], columns: list[str], by: list[str]) -> pd.DataFrame:
    """The findings of every rule as one table, in the order of ``by`` (severity strongest first,
    text alphabetically, missing values last): stacked and sorted on arrays. Text columns hold the
    Python strings as written (object columns: converting them to pandas' string dtype would cost
    more than finding the conflicts)."""
    found = [f for f in found if f]
    if not found:
        return pd.DataFrame(columns=columns)
    stacked = {
        col: np.concatenate([np.asarray(f[col]) for f in found])
        if len(found) > 1
        else np.asarray(found[0][col])
        for col in columns
    }
    keys = [
        pd.Index(SEVERITIES).get_indexer(stacked[col]) if col == "severity" else _key(stacked[col])
        for col in by
    ]
    as_written = {
        col: pd.Series(v, dtype=object, copy=False) if v.dtype == object else v for col, v in stacked.items()
    }
    return (
        pd.DataFrame(as_written, columns=columns, copy=False)
        .take(np.lexsort(keys[::-1]))
        .reset_index(drop=True)
    )


def _key(values: np.ndarray) -> np.ndarray:
    """A column as an array that sorts as its values: text as numpy text (sorted in C), or codes in
    sorted order with missing values last."""
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return values.astype(str)
    codes = pd.factorize(values, sort=True)[0]
    return np.where(codes < 0, codes.max() + 1, codes)


def sorted_findings(conflicts: dict[str, np.ndarray], trends: dict[str, np.ndarray]) -> Findings:
    """Findings gathered elsewhere (a store: columns of arrays), in the order :func:`run_rules` gives them."""
    return Findings(
        conflicts=_table(
            [conflicts] if len(conflicts["conflict_id"]) else [],
            CONFLICT_COLUMNS,
            ["severity", "entity", "metric", "conflict_id"],
        ),
        trends=_table(
            [trends] if len(trends["trend_id"]) else [],
            TREND_COLUMNS,
            ["entity", "metric", "from_date", "to_date", "trend_id"],
        ),
    )
