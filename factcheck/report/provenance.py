"""Where a conflict comes from, in full: the files, offsets and sentences of its assertions, their normalised values, and the rule with its parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.engine.explain import Names, day, format_value
from factcheck.errors import UsageError
from factcheck.yamlfile import suggest

if TYPE_CHECKING:
    from factcheck.result import Result


def find_conflict(result: Result, conflict_id: str) -> str:
    """The id of the conflict ``conflict_id`` names: the id itself or any unique beginning of it
    (case aside); a beginning that several ids share, or none, is a usage error listing them."""
    ids = result.conflicts["conflict_id"].astype(str).tolist()
    if conflict_id in ids:
        return conflict_id
    wanted = conflict_id.strip().casefold()
    starting = [i for i in ids if wanted and i.casefold().startswith(wanted)]
    if len(starting) == 1:
        return starting[0]
    if starting:
        shown = ", ".join(starting[:10]) + (", …" if len(starting) > 10 else "")
        raise UsageError(
            f"{conflict_id!r} is the beginning of {len(starting)} conflict ids: {shown}",
            hint="give more of the id",
        )
    near = suggest(conflict_id, ids)
    raise UsageError(
        f"no conflict {conflict_id!r} in this run",
        hint=f"did you mean {near}?" if near else "factcheck run on the same files lists the conflict ids",
    )


_HEDGES = {
    "approx": "approximate",
    "more_than": "a lower bound",
    "at_least": "a lower bound",
    "less_than": "an upper bound",
    "at_most": "an upper bound",
    "range": "a range",
}


def _precision(r) -> str:
    """How precise one side is, as the severity weighs it (group.is_hedged)."""
    why = [_HEDGES.get(r["qualifier"], str(r["qualifier"]))] if r["qualifier"] != "exact" else []
    if r["derived"]:
        why.append("derived (computed from the text, not written)")
    if r["unit"] is None and r["metric_dimension"] == "money":
        why.append("an amount of unknown currency")
    return "exact" if not why else "hedged: " + ", ".join(why)


def provenance(result: Result, conflict_id: str) -> list[str]:
    """Lines describing conflict ``conflict_id`` of ``result`` (or the one whose id begins so):
    what a reviewer needs to check it by hand, in the words of rules/ (labels) and of the sources."""

    conflict_id = find_conflict(result, conflict_id)
    found = result.conflicts[result.conflicts["conflict_id"] == conflict_id]
    names = Names.of(result.assertions)
    c = found.iloc[0]
    rule = next((r for r in result.rules if r.code == c["rule_id"]), None)
    lines = [
        f"{c['conflict_id']}  {c['severity'].upper()}  {c['rule_id']} {c['rule']}  ·  "
        f"{names.entity(c['entity'])}  ·  {names.metric(c['metric'])}",
        "",
        c["explanation"],
        "",
    ]
    reason = c.get("severity_reason")
    if isinstance(reason, str) and reason:
        lines += [f"severity {c['severity'].upper()}: {reason}", ""]
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
            f"  about     {names.entity(r['entity'])} · {names.metric(r['metric'])} ({r['entity']} · {r['metric']})"
            f"  ·  {day(r['period_start'])} to {day(r['period_end'])} ({r['time_basis']})"
            + (f"  ·  according to {r['attribution']}" if r["attribution"] else ""),
            f"  precision {_precision(r)}",
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
