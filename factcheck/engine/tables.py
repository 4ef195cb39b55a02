"""What a kind found, as rows of the findings tables (result.CONFLICT_COLUMNS, TREND_COLUMNS): stable
ids, severities, both sides, and the rule's sentence; columns of arrays, which the engine stacks and
sorts."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from factcheck.engine.explain import when_columns
from factcheck.engine.kinds import Found, repeat
from factcheck.engine.rule import Rule
from factcheck.group import is_hedged

Table = dict[str, np.ndarray]  # a rule's findings, column by column (CONFLICT_COLUMNS or TREND_COLUMNS)

_FNV_OFFSET, _FNV_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
# A conflict's columns of each side (a_doc, b_doc, ...), and the side columns they show.
_SHOWN = {
    "assertion_id": "assertion_id",
    "doc": "doc_id",
    "lang": "lang",
    "value": "value",
    "unit": "unit",
    "quote": "sentence",
    "number_text": "number_text",
    "source": "source",
    "attribution": "attribution",
    "qualifier": "qualifier",
}


def finding_ids(prefix: str, code: str, a: Any, b: Any) -> list[str]:
    """Stable ids of findings, one per row: ``prefix`` and 12 hex digits (48 bits: no two alike
    among millions of findings) of the 64-bit FNV-1a hash of the characters of "code:a:b".
    Computed on arrays, one pass per character; the same on every run and machine."""
    text = np.array([f"{code}:{x}:{y}" for x, y in zip(a, b, strict=False)], dtype=str)
    if not len(text):
        return []
    h = np.full(len(text), _FNV_OFFSET)
    for char in (
        text.view(np.uint32).reshape(len(text), -1).T.astype(np.uint64)
    ):  # code points, 0 after the end
        h = np.where(char != 0, (h ^ char) * _FNV_PRIME, h)
    digits = (h[:, None] >> np.arange(60, 12, -4, dtype=np.uint64)) & np.uint64(15)  # the top 48 bits
    return [prefix + d for d in _HEX[digits].view("S12").ravel().astype(str).tolist()]


def conflicts(found: Found, rule: Rule, explanation: Any) -> Table:
    """The conflicts ``found`` in the columns of CONFLICT_COLUMNS, graded by ``rule`` (those that
    agree only through a rounding, ``rounded``, low)."""
    sides, numbers = found.sides, found.numbers
    column = lambda name: np.asarray(sides[name])  # noqa: E731
    n = len(found)
    gap, rel = np.asarray(numbers["gap"], dtype=float), np.asarray(numbers["relative_gap"], dtype=float)
    severity, reason = rule.grade(
        rel,
        gap,
        column("unit_a") == "percent",
        is_hedged(sides, "_a") | is_hedged(sides, "_b"),
        numbers.get("rounded"),
    )
    out = {
        "conflict_id": finding_ids(
            "C", rule.code, column("assertion_id_a").tolist(), column("assertion_id_b").tolist()
        ),
        "rule_id": repeat(rule.code, n),
        "rule": repeat(rule.name, n),
        "severity": severity,
        "severity_reason": reason,
        "entity": column("entity_a"),
        "metric": column("metric_a"),
        "other_assertion_ids": column("other_assertion_ids")
        if "other_assertion_ids" in sides
        else repeat("", n),
        "gap": gap,
        "relative_gap": rel,
        "explanation": np.asarray(explanation, dtype=object),
        "kind": repeat(rule.kind, n),
    }
    for side in ("a", "b"):
        out |= {f"{side}_{name}": column(f"{col}_{side}") for name, col in _SHOWN.items()}
    out["a_date"], out["b_date"] = when_columns(sides)
    return out


def trends(found: Found, rule: Rule, explanation: Any) -> Table:
    """The trends ``found`` (side a the earlier) in the columns of TREND_COLUMNS."""
    p, n = found.sides, len(found)
    side = lambda col, s: np.asarray(p[f"{col}_{s}"]).astype(object)  # noqa: E731
    out = {
        "trend_id": np.asarray(
            finding_ids("T", rule.code, side("assertion_id", "a"), side("assertion_id", "b")), dtype=object
        ),
        "rule_id": repeat(rule.code, n),
        "entity": p["entity_a"],
        "metric": p["metric_a"],
        "unit": np.where(pd.isna(side("unit", "b")), side("unit", "a"), side("unit", "b")),
        "other_assertion_ids": repeat("", n),
        "from_value": np.asarray(p["value_a"], dtype=float),
        "to_value": np.asarray(p["value_b"], dtype=float),
        "change": found.numbers["change"],
        "relative_change": found.numbers["relative_change"],
        "explanation": np.asarray(explanation, dtype=object),
    }
    for s, end in (("a", "from"), ("b", "to")):
        out |= {
            f"{end}_assertion_id": side("assertion_id", s),
            f"{end}_doc": side("doc_id", s),
            f"{end}_date": np.asarray(p[f"period_start_{s}"]),  # a day (datetime64), written by the report
            f"{end}_quote": side("sentence", s),
        }
    return {
        col: np.asarray(values, dtype=object if col == "explanation" else None) for col, values in out.items()
    }
