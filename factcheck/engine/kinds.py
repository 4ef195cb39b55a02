"""How each kind of rule is evaluated over the table of candidate pairs (vectorised, no loop over pairs)."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from factcheck.engine.catalogue import Rule
from factcheck.engine.explain import day, format_value, metric_words, when, who

CONFLICT_COLUMNS = [
    "conflict_id", "rule_id", "rule", "severity", "entity", "metric",
    "a_assertion_id", "a_doc", "a_lang", "a_value", "a_unit", "a_quote",
    "b_assertion_id", "b_doc", "b_lang", "b_value", "b_unit", "b_quote",
    "other_assertion_ids", "gap", "relative_gap", "explanation",
    "kind", "a_number_text", "b_number_text", "a_source", "b_source", "a_date", "b_date",
    "a_attribution", "b_attribution", "a_qualifier", "b_qualifier",
]
TREND_COLUMNS = [
    "trend_id", "rule_id", "entity", "metric", "unit",
    "from_assertion_id", "from_doc", "from_date", "from_value", "from_quote",
    "to_assertion_id", "to_doc", "to_date", "to_value", "to_quote",
    "change", "relative_change", "other_assertion_ids", "explanation",
]


def _id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1(":".join(parts).encode()).hexdigest()[:8]


def _hedged(p: pd.DataFrame, side: str) -> pd.Series:
    return (p[f"qualifier_{side}"] != "exact") | p[f"derived_{side}"].astype(bool) | p[f"unit_{side}"].isna() & (p[f"metric_dimension_{side}"] == "money")


def _meet(p: pd.DataFrame, rule: Rule) -> pd.Series:
    """Whether the two intervals meet, within the rule's tolerance (rounding intervals are half-open)."""
    lo_a, hi_a = p["lower_a"].fillna(-np.inf), p["upper_a"].fillna(np.inf)
    lo_b, hi_b = p["lower_b"].fillna(-np.inf), p["upper_b"].fillna(np.inf)
    overlap = np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b)
    percent = p["unit_a"] == "percent"
    scale = np.maximum(p["value_a"].abs(), p["value_b"].abs())
    tol = np.where(percent, rule.parameters.get("points_tolerance", 0.0), rule.parameters.get("relative_tolerance", 0.0) * scale)
    slack = overlap + tol
    point = (lo_a == hi_a) | (lo_b == hi_b)
    return (slack > 0) | ((slack == 0) & point)


def _gaps(p: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    gap = (p["value_a"] - p["value_b"]).abs()
    rel = gap / np.maximum(p["value_a"].abs(), p["value_b"].abs()).replace(0, np.nan)
    return gap, rel.fillna(0.0)


def _differently_attributed(p: pd.DataFrame) -> pd.Series:
    a, b = p["attribution_a"], p["attribution_b"]
    return a.notna() & b.notna() & (a.fillna("").str.casefold() != b.fillna("").str.casefold())


def _collapse(found: pd.DataFrame) -> pd.DataFrame:
    """One finding per disagreement: the same two values said again elsewhere become other_assertion_ids."""
    if found.empty:
        return found
    lo = np.minimum(found["value_a"], found["value_b"]).round(6)
    hi = np.maximum(found["value_a"], found["value_b"]).round(6)
    found = found.assign(_key=found["entity_a"] + "|" + found["metric_a"] + "|" + lo.astype(str) + "|" + hi.astype(str))
    found = found.assign(_rank=_hedged(found, "a").astype(int) + _hedged(found, "b").astype(int))
    found = found.sort_values(["_key", "_rank", "assertion_id_a", "assertion_id_b"])
    ids = pd.concat([found[["_key", "assertion_id_a"]].rename(columns={"assertion_id_a": "i"}), found[["_key", "assertion_id_b"]].rename(columns={"assertion_id_b": "i"})])
    all_ids = ids.groupby("_key")["i"].agg(lambda s: sorted(set(s)))
    first = found.drop_duplicates("_key").copy()
    first["other_assertion_ids"] = [
        " ".join(i for i in all_ids[k] if i not in (a, b)) for k, a, b in zip(first["_key"], first["assertion_id_a"], first["assertion_id_b"])
    ]
    return first.drop(columns=["_key", "_rank"])


def _conflicts(found: pd.DataFrame, rule: Rule, gap: pd.Series, rel: pd.Series, explanation: pd.Series) -> pd.DataFrame:
    percent = found["unit_a"] == "percent"
    hedged = _hedged(found, "a") | _hedged(found, "b")
    severity = [rule.severity(r, g if pc else None, h) for r, g, pc, h in zip(rel, gap, percent, hedged)]
    out = pd.DataFrame({
        "conflict_id": [_id("C", rule.code, a, b) for a, b in zip(found["assertion_id_a"], found["assertion_id_b"])],
        "rule_id": rule.code,
        "rule": rule.name,
        "severity": severity,
        "entity": found["entity_a"].values,
        "metric": found["metric_a"].values,
        "other_assertion_ids": found.get("other_assertion_ids", pd.Series("", index=found.index)).values,
        "gap": gap.values,
        "relative_gap": rel.values,
        "explanation": explanation.values,
        "kind": rule.kind,
    })
    for side in ("a", "b"):
        out[f"{side}_assertion_id"] = found[f"assertion_id_{side}"].values
        out[f"{side}_doc"] = found[f"doc_id_{side}"].values
        out[f"{side}_lang"] = found[f"lang_{side}"].values
        out[f"{side}_value"] = found[f"value_{side}"].values
        out[f"{side}_unit"] = found[f"unit_{side}"].values
        out[f"{side}_quote"] = found[f"sentence_{side}"].values
        out[f"{side}_number_text"] = found[f"number_text_{side}"].values
        out[f"{side}_source"] = found[f"source_{side}"].values
        out[f"{side}_date"] = [when(a, b) for a, b in zip(found[f"period_start_{side}"], found[f"period_end_{side}"])]
        out[f"{side}_attribution"] = found[f"attribution_{side}"].values
        out[f"{side}_qualifier"] = found[f"qualifier_{side}"].values
    return out[CONFLICT_COLUMNS]


def _says(row: pd.Series, side: str) -> str:
    return format_value(row[f"value_{side}"], row[f"unit_{side}"], row[f"qualifier_{side}"])


def disagreement(pairs: pd.DataFrame, rule: Rule, *, disputed: bool = False) -> pd.DataFrame:
    """Values for the same entity, metric and moment whose intervals do not meet."""
    p = pairs[pairs["relation"] == "same"]
    attributed = _differently_attributed(p)
    p = p[attributed if disputed else ~attributed]
    found = _collapse(p[~_meet(p, rule)])
    if found.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    gap, rel = _gaps(found)
    if disputed:
        text = [
            f"{r['attribution_a']} puts the {metric_words(r['metric_a'])} of {r['entity_a']} at {_says(r, 'a')}, "
            f"{r['attribution_b']} at {_says(r, 'b')} ({who(r, 'a')} vs {who(r, 'b')}): a disputed figure [{rule.code} {rule.name}]."
            for _, r in found.iterrows()
        ]
    else:
        text = [
            f"{who(r, 'a')} gives the {metric_words(r['metric_a'])} of {r['entity_a']} as {_says(r, 'a')} "
            f"(for {when(r['period_start_a'], r['period_end_a'])}), but {who(r, 'b')} gives {_says(r, 'b')} "
            f"(for {when(r['period_start_b'], r['period_end_b'])}): "
            f"{'%g points' % g if r['unit_a'] == 'percent' else format_value(g, r['unit_a'] or r['unit_b'])} apart "
            f"({rl:.0%}), more than the wording of either allows [{rule.code} {rule.name}]."
            for (_, r), g, rl in zip(found.iterrows(), gap, rel)
        ]
    return _conflicts(found, rule, gap, rel, pd.Series(text, index=found.index))


def dispute(pairs: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """The same figure given differently by different named claimants."""
    return disagreement(pairs, rule, disputed=True)


def identity(assertions: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """Within one article: before - cut = after, for a from/to transition and a flow that decreases it."""
    a = assertions[~assertions["is_repeat"] & (assertions["metric"] != "unmapped") & assertions["value"].notna()]
    frm = a[a["role"] == "from"]
    to = a[a["role"] == "to"]
    flows = a[a["decreases"].notna() & a["role"].isna()]
    t = frm.merge(to, left_on="link_id", right_on="assertion_id", suffixes=("_a", "_b"))
    t = t.merge(flows, left_on=["article_id_a", "entity_a", "metric_a"], right_on=["article_id", "entity", "decreases"])
    if t.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    lo = t["lower_a"].fillna(t["value_a"]) - t["upper"].fillna(t["value"])
    hi = t["upper_a"].fillna(t["value_a"]) - t["lower"].fillna(t["value"])
    expected = t["value_a"] - t["value"]
    tol = rule.parameters.get("relative_tolerance", 0.0) * t["value_a"].abs()
    lo_b, hi_b = t["lower_b"].fillna(-np.inf), t["upper_b"].fillna(np.inf)
    broken = (np.minimum(hi, hi_b) - np.maximum(lo, lo_b) + tol) < 0
    found = t[broken].copy()
    if found.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    expected = expected[broken]
    gap = (expected - found["value_b"]).abs()
    rel = gap / np.maximum(found["value_b"].abs(), expected.abs()).replace(0, np.nan)
    found["other_assertion_ids"] = found["assertion_id"]
    text = [
        f"{who(r, 'a')} says the {metric_words(r['metric_a'])} of {r['entity_a']} went from {format_value(r['value_a'])} "
        f"to {format_value(r['value_b'])} and that {format_value(r['value'])} were cut ({r['metric']}), "
        f"but {format_value(r['value_a'])} - {format_value(r['value'])} = {format_value(e)}, not {format_value(r['value_b'])} "
        f"[{rule.code} {rule.name}]."
        for (_, r), e in zip(found.iterrows(), expected)
    ]
    return _conflicts(found, rule, gap, rel.fillna(0.0), pd.Series(text, index=found.index))


def _adjacent(pairs: pd.DataFrame, every: pd.DataFrame) -> pd.Series:
    """Pairs with no other dated value of the same entity and metric strictly between their dates:
    the steps of the time series, not every pair of points."""
    dates = pd.concat([
        every[["entity_a", "metric_a", "period_start_a"]].set_axis(["entity", "metric", "d"], axis=1),
        every[["entity_a", "metric_a", "period_start_b"]].set_axis(["entity", "metric", "d"], axis=1),
    ]).drop_duplicates()
    lo = np.minimum(pairs["period_start_a"], pairs["period_start_b"])
    hi = np.maximum(pairs["period_start_a"], pairs["period_start_b"])
    m = pairs[["entity_a", "metric_a"]].assign(_i=np.arange(len(pairs)), lo=lo.values, hi=hi.values)
    m = m.merge(dates, left_on=["entity_a", "metric_a"], right_on=["entity", "metric"])
    inside = m.loc[(m["d"] > m["lo"]) & (m["d"] < m["hi"]), "_i"].unique()
    return pd.Series(~np.isin(np.arange(len(pairs)), inside), index=pairs.index)


def trend(pairs: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """The same thing at clearly different times: a change to show, never a conflict."""
    p = pairs[(pairs["relation"] == "apart") & (pairs["value_a"] != pairs["value_b"])]
    p = p[_adjacent(p, pairs)] if not p.empty else p
    later_b = p["period_start_b"] >= p["period_start_a"]
    gap, rel = _gaps(p)
    percent = p["unit_a"] == "percent"
    keep = np.where(percent, gap >= rule.parameters.get("min_points_change", 0.0), rel >= rule.parameters.get("min_relative_change", 0.0))
    p, later_b = p[keep], later_b[keep]
    if p.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    rows = []
    for (_, r), b_later in zip(p.iterrows(), later_b):
        first, last = ("a", "b") if b_later else ("b", "a")
        change = r[f"value_{last}"] - r[f"value_{first}"]
        rows.append({
            "trend_id": _id("T", rule.code, r[f"assertion_id_{first}"], r[f"assertion_id_{last}"]),
            "rule_id": rule.code, "entity": r["entity_a"], "metric": r["metric_a"], "unit": r[f"unit_{last}"] or r[f"unit_{first}"],
            "from_assertion_id": r[f"assertion_id_{first}"], "from_doc": r[f"doc_id_{first}"], "from_date": day(r[f"period_start_{first}"]),
            "from_value": r[f"value_{first}"], "from_quote": r[f"sentence_{first}"],
            "to_assertion_id": r[f"assertion_id_{last}"], "to_doc": r[f"doc_id_{last}"], "to_date": day(r[f"period_start_{last}"]),
            "to_value": r[f"value_{last}"], "to_quote": r[f"sentence_{last}"],
            "change": change,
            "relative_change": change / abs(r[f"value_{first}"]) if r[f"value_{first}"] else np.nan,
            "other_assertion_ids": "",
            "explanation": (
                f"The {metric_words(r['metric_a'])} of {r['entity_a']} went from {_says(r, first)} ({day(r[f'period_start_{first}'])}, "
                f"{r[f'source_{first}']}) to {_says(r, last)} ({day(r[f'period_start_{last}'])}, {r[f'source_{last}']}): "
                f"different dates, so a change over time, not a contradiction [{rule.code}]."
            ),
        })
    out = pd.DataFrame(rows, columns=TREND_COLUMNS)
    key = out["entity"] + "|" + out["metric"] + "|" + out["from_value"].round(6).astype(str) + "|" + out["to_value"].round(6).astype(str) + "|" + out["from_date"] + "|" + out["to_date"]
    return out.loc[~key.duplicated()].reset_index(drop=True)
