"""A rule's named example cases: assertions in, expected findings out; run by the tests and `rules check`."""

from __future__ import annotations

from typing import Any

import pandas as pd

from factcheck.assertions import frame
from factcheck.engine.catalogue import Rule

# What a case assertion is unless it says otherwise: an exact staff count of one company, on one day, in
# the article "case#1" (or "<doc_id>#1" when it names its document).
CASE_DEFAULTS: dict[str, Any] = {
    "entity": "example_co",
    "metric": "headcount",
    "metric_kind": "stock",
    "metric_dimension": "count",
    "window_days": 30,
    "qualifier": "exact",
    "time_basis": "published",
    "time_precision": "day",
    "period_start": "2024-01-15",
    "doc_id": "case",
    "lang": "en",
    "source": "case",
}


def case_frame(records: list[dict[str, Any]], *, apart: bool = False) -> pd.DataFrame:
    """The assertions table of a case, defaults filled in (``id`` is the assertion id); with ``apart``,
    each assertion that names no document is of its own ("case-ID"), as another outlet's."""
    rows = []
    for rec in records:
        row = {**CASE_DEFAULTS, **{k: v for k, v in rec.items() if k != "id"}}
        row["assertion_id"] = str(rec["id"])
        if apart and "doc_id" not in rec:
            row["doc_id"] = f"case-{rec['id']}"
        row.setdefault("article_id", f"{row['doc_id']}#1")
        row.setdefault("period_end", row["period_start"])
        row.setdefault("published", row["period_start"])
        row.setdefault("sentence", f"case assertion {rec['id']}")
        row.setdefault("number_text", str(row.get("value")))
        for bound in ("lower", "upper"):
            if bound not in rec:
                row[bound] = row.get("value")
        rows.append(row)
    return frame(rows)


def check_case(rule: Rule, case: dict[str, Any]) -> list[str]:
    """What went differently from the case's expectation (empty: the case passes)."""
    from factcheck.engine import run_rules
    from factcheck.engine.registry import KINDS

    apart = not KINDS[rule.kind].within_article  # arithmetic inside one article, else figures of several
    findings = run_rules([rule], case_frame(case["assertions"], apart=apart))
    expected = case["expect"]
    if rule.kind == "trend":
        got = [{"from": r.from_assertion_id, "to": r.to_assertion_id} for r in findings.trends.itertuples()]
        want = [{"from": str(e["from"]), "to": str(e["to"])} for e in expected]
        return [] if got == want else [f"expected trends {want}, got {got}"]
    got = [
        {
            "between": sorted([r.a_assertion_id, r.b_assertion_id]),
            "severity": r.severity,
            "others": sorted(filter(None, str(r.other_assertion_ids).split())),
        }
        for r in findings.conflicts.itertuples()
    ]
    want = [
        {
            "between": sorted(map(str, e["between"])),
            "severity": e.get("severity"),
            "others": sorted(map(str, e.get("others", []))),
        }
        for e in expected
    ]
    for g, w in zip(got, want, strict=False):
        if w["severity"] is None:
            g["severity"] = None
    if got != want:
        return [f"expected conflicts {want}, got {got}"]
    return [  # "says": words the explanation must hold ("a rounding of 2.5 billion EUR")
        f"expected the explanation of {w['between']} to say {e['says']!r}, got {text!r}"
        for e, w, text in zip(expected, want, findings.conflicts["explanation"].tolist(), strict=False)
        if "says" in e and str(e["says"]) not in text
    ]
