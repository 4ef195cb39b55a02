"""Where a conflict comes from, in full: the files, offsets and sentences of its assertions, their normalised values, and the rule with its parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.engine.explain import day, format_value
from factcheck.errors import UsageError
from factcheck.yamlfile import suggest

if TYPE_CHECKING:
    from factcheck.api import Result


def provenance(result: Result, conflict_id: str) -> list[str]:
    """Lines describing conflict ``conflict_id`` of ``result``: what a reviewer needs to check it by hand."""
    found = result.conflicts[result.conflicts["conflict_id"] == conflict_id]
    if found.empty:
        near = suggest(conflict_id, list(result.conflicts["conflict_id"]))
        raise UsageError(
            f"no conflict {conflict_id!r} in this run",
            hint=f"did you mean {near}?"
            if near
            else "factcheck run on the same files lists the conflict ids",
        )
    c = found.iloc[0]
    rule = next((r for r in result.rules if r.code == c["rule_id"]), None)
    lines = [
        f"{c['conflict_id']}  {c['severity'].upper()}  {c['rule_id']} {c['rule']}  ·  {c['entity']}  ·  {c['metric']}",
        "",
        c["explanation"],
        "",
    ]
    a = result.assertions.set_index("assertion_id")
    ids = [c["a_assertion_id"], c["b_assertion_id"], *str(c["other_assertion_ids"] or "").split()]
    for label, aid in zip(["side a", "side b"] + ["also"] * (len(ids) - 2), ids, strict=False):
        if aid not in a.index:
            continue
        r = a.loc[aid]
        lines += [
            f"{label}: assertion {aid}",
            f"  file      {r['path']}  (article {r['article_id']}, characters {r['start']}-{r['end']} of the article)",
            f"  source    {r['source']}  ·  {r['lang']}  ·  published {day(r['published'])}",
            f"  sentence  {r['sentence']}",
            f"  number    {r['number_text']!r} -> {format_value(r['value'], r['unit'], r['qualifier'])}"
            f"  (interval {r['lower']} to {r['upper']}, unit {r['unit'] or '-'}, {r['qualifier']})",
            f"  about     {r['entity']} · {r['metric']}  ·  {day(r['period_start'])} to {day(r['period_end'])} ({r['time_basis']})"
            + (f"  ·  according to {r['attribution']}" if r["attribution"] else ""),
            "",
        ]
    if rule is not None:
        levels = ", ".join(
            f"{lv.name} from {lv.relative_gap:g} relative / {lv.points_gap:g} points" for lv in rule.levels
        )
        lines += [
            f"rule {rule.code} {rule.name} ({rule.kind}), {rule.path}",
            f"  {rule.summary}",
            f"  parameters: {rule.parameters or '-'}",
            f"  severity: {levels or '-'}",
        ]
    return lines
