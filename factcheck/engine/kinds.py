"""How each kind of rule is evaluated over the candidate pairs (on arrays; tables only for findings, no loop over pairs)."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from factcheck.engine.catalogue import Rule
from factcheck.engine.explain import format_value, metric_words, says, says_column, when_column, who, who_column
from factcheck.group import Pairs, dense, gap_days, is_hedged, pair_frame, widen

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


def _meet(pairs: Pairs, selected: np.ndarray, rule: Rule) -> np.ndarray:
    """Whether the two intervals of each selected pair meet, within the rule's tolerance (rounding
    intervals are half-open): on arrays, for every candidate pair."""
    value = pairs.column("value")
    i, j = pairs.i[selected], pairs.j[selected]
    equal = (value[i] == value[j]) & ~pairs.hedged[i] & ~pairs.hedged[j] & ~pairs.converted[selected]  # the same exact figure: it meets
    met = np.ones(len(selected), dtype=bool)
    rest = np.flatnonzero(~equal)
    met[rest] = _intervals_meet(pairs, selected[rest], rule)
    return met


def _intervals_meet(pairs: Pairs, selected: np.ndarray, rule: Rule) -> np.ndarray:
    i, j = pairs.i[selected], pairs.j[selected]
    value = pairs.column("value")
    lower, upper = pairs.bounds
    rate = pairs.column("to_eur")
    rate_a = np.where(pairs.converted[selected], rate[i], 1.0)  # two currencies: both in euros
    rate_b = np.where(pairs.converted[selected], rate[j], 1.0)
    lo_a, hi_a, lo_b, hi_b = lower[i] * rate_a, upper[i] * rate_a, lower[j] * rate_b, upper[j] * rate_b
    overlap = np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b)
    percent = pairs.column("unit")[i] == "percent"
    scale = np.maximum(np.abs(value[i] * rate_a), np.abs(value[j] * rate_b))
    tol = np.where(percent, rule.parameters.get("points_tolerance", 0.0), rule.parameters.get("relative_tolerance", 0.0) * scale)
    slack = overlap + tol
    point = (lo_a == hi_a) | (lo_b == hi_b)
    return (slack > 0) | ((slack == 0) & point)


def _gaps(p: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The gap between the two values (in side a's unit: amounts in two currencies are compared in
    euros, then given back in a's currency) and the gap relative to the larger."""
    rate_a = p["to_eur_a"].where(p["converted"], 1.0) if "converted" in p else 1.0
    rate_b = p["to_eur_b"].where(p["converted"], 1.0) if "converted" in p else 1.0
    a, b = p["value_a"] * rate_a, p["value_b"] * rate_b
    rel = (a - b).abs() / np.maximum(a.abs(), b.abs()).replace(0, np.nan)
    return (a - b).abs() / rate_a, rel.fillna(0.0)


def _collapse(pairs: Pairs, selected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One finding per disagreement: the same two values said again elsewhere become other ids.

    Returns the representative pairs (positions into ``pairs``) and, for each, the other assertion
    ids saying the same two values. On arrays; the representative is the least hedged pair, then the
    one with the smallest assertion ids (stable across runs)."""
    i, j = pairs.i[selected], pairs.j[selected]
    value = pairs.column("value")
    lo, hi = np.minimum(value[i], value[j]).round(6), np.maximum(value[i], value[j]).round(6)
    key = dense(pairs.group[i], lo, hi)  # one key per entity, metric and pair of values
    id_rank = pairs.id_rank.astype(np.int64)
    hedged = pairs.hedged[i].astype(int) + pairs.hedged[j].astype(int)
    order = np.argsort(dense(key, hedged, id_rank[i], id_rank[j]), kind="stable")
    first = order[np.r_[True, np.diff(key[order]) != 0]] if len(order) else order  # the representative of each key
    others = np.full(len(first), "", dtype=object)
    n = len(pairs.rows)
    said = np.sort(np.concatenate([key, key]) * n + np.concatenate([i, j]))
    said = said[np.r_[True, said[1:] != said[:-1]]] if len(said) else said  # (key, assertion) once each
    said_key, said_pos = said // n, said % n
    rep_i, rep_j = np.empty(len(first), dtype=np.int64), np.empty(len(first), dtype=np.int64)
    rep_i[key[first]], rep_j[key[first]] = i[first], j[first]
    extra = (said_pos != rep_i[said_key]) & (said_pos != rep_j[said_key])  # said by more than the representative's two
    if extra.any():
        said_key, said_pos = said_key[extra], said_pos[extra]
        order = np.argsort(said_key * (n + 1) + id_rank[said_pos], kind="stable")
        said_key, said_pos = said_key[order], said_pos[order]
        starts = np.r_[0, np.flatnonzero(np.diff(said_key)) + 1]
        joined = np.add.reduceat(pairs.rows["assertion_id"].to_numpy(dtype=object)[said_pos] + " ", starts)
        by_key = np.full(len(first), "", dtype=object)
        by_key[said_key[starts]] = [x[:-1] for x in joined]
        others = by_key[key[first]]
    return selected[first], others


def _conflicts(found: pd.DataFrame, rule: Rule, gap: pd.Series, rel: pd.Series, explanation: pd.Series) -> pd.DataFrame:
    percent = found["unit_a"] == "percent"
    hedged = is_hedged(found, "_a") | is_hedged(found, "_b")
    severity = rule.severities(rel, gap, percent, hedged)
    out = pd.DataFrame({
        "conflict_id": [_id("C", rule.code, a, b) for a, b in zip(found["assertion_id_a"].tolist(), found["assertion_id_b"].tolist())],
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
        out[f"{side}_date"] = when_column(found, side)
        out[f"{side}_attribution"] = found[f"attribution_{side}"].values
        out[f"{side}_qualifier"] = found[f"qualifier_{side}"].values
    return out[CONFLICT_COLUMNS]


def disagreement(pairs: Pairs, rule: Rule, *, disputed: bool = False) -> pd.DataFrame:
    """Values for the same entity, metric and moment whose intervals do not meet."""
    selected = np.flatnonzero(pairs.same)
    a, b = pairs.claimant[pairs.i[selected]], pairs.claimant[pairs.j[selected]]
    attributed = (a >= 0) & (b >= 0) & (a != b)  # two different named claimants: a dispute
    selected = selected[attributed if disputed else ~attributed]
    selected = selected[~_meet(pairs, selected, rule)]
    representative, others = _collapse(pairs, selected)
    found = widen(pairs.frame(representative).assign(other_assertion_ids=others), pairs.rows)
    if found.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    gap, rel = _gaps(found)
    words = np.array([metric_words(m) for m in found["metric_a"].tolist()], dtype=object)
    entity = found["entity_a"].to_numpy(dtype=object)
    says_a, says_b = says_column(found, "a"), says_column(found, "b")
    who_a, who_b = who_column(found, "a"), who_column(found, "b")
    tag = f" [{rule.code} {rule.name}]."
    if disputed:
        claimant_a, claimant_b = found["attribution_a"].to_numpy(dtype=object), found["attribution_b"].to_numpy(dtype=object)
        text = (claimant_a + " puts the " + words + " of " + entity + " at " + says_a + ", " + claimant_b + " at " + says_b
                + " (" + who_a + " vs " + who_b + "): a disputed figure" + tag)
    else:
        units = found["unit_a"].fillna(found["unit_b"]).tolist()
        apart = np.array([f"{g:g} points" if u == "percent" else format_value(g, u) for g, u in zip(gap.tolist(), units)], dtype=object)
        share = np.array([f"{r:.0%}" for r in rel.tolist()], dtype=object)
        rates = np.where(found["converted"].to_numpy(), " at the ECB rates of their dates", "")
        text = (who_a + " gives the " + words + " of " + entity + " as " + says_a + " (for " + when_column(found, "a") + "), but "
                + who_b + " gives " + says_b + " (for " + when_column(found, "b") + "): " + apart + " apart (" + share
                + ")" + rates + ", more than the wording of either allows" + tag)
    return _conflicts(found, rule, gap, rel, pd.Series(text, index=found.index))


def dispute(pairs: Pairs, rule: Rule) -> pd.DataFrame:
    """The same figure given differently by different named claimants."""
    return disagreement(pairs, rule, disputed=True)


def _within_article(assertions: pd.DataFrame) -> pd.DataFrame:
    """The assertions the arithmetic rules inside one article can use: the two ends of a transition,
    flows that decrease a stock, changes of a stock (mapped, valued, not repeats)."""
    role = assertions["role"].to_numpy(dtype=object)
    takes_part = (role == "from") | (role == "to") | assertions["decreases"].notna().to_numpy() | assertions["change_of"].notna().to_numpy()
    ok = takes_part & ~assertions["is_repeat"].to_numpy(dtype=bool) & assertions["value"].notna().to_numpy()
    a = assertions[ok]
    return a[a["metric"] != "unmapped"]


def identity(assertions: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """Within one article: before - cut = after, for a from/to transition and a flow that decreases it."""
    a = _within_article(assertions)
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


def bound(pairs: Pairs, rule: Rule) -> pd.DataFrame:
    """A part is never more than its whole: a flow that takes from a stock ("7,500 laid off") cannot
    exceed that stock as it was before ("from 5,000", or a staff dated earlier within the flow's
    window), for the same entity and unit. A stock of the same day may be what is left after it."""
    rows = pairs.rows
    pos = np.arange(len(rows))
    takes = (rows["decreases"].notna() & rows["link_id"].isna()).to_numpy()
    parts = pd.DataFrame({"i": pos[takes], "entity": rows["entity"].to_numpy()[takes], "whole": rows["decreases"].to_numpy()[takes]})
    wholes = pd.DataFrame({"j": pos, "entity": rows["entity"].to_numpy(), "whole": rows["metric"].to_numpy()})
    m = parts.merge(wholes, on=["entity", "whole"])
    i, j = m["i"].to_numpy(), m["j"].to_numpy()
    unit = pd.factorize(rows["unit"])[0]
    gap = gap_days(rows, i, j)
    start = rows["period_start"].to_numpy("datetime64[D]")
    end = rows["period_end"].fillna(rows["period_start"]).to_numpy("datetime64[D]")
    lower, upper = pairs.bounds
    value = pairs.column("value")
    tol = rule.parameters.get("relative_tolerance", 0.0) * np.abs(value[j])
    before = (rows["role"].to_numpy()[j] == "from") | (end[j] < start[i])  # the stock as it was before the cut, not after it
    broken = before & (unit[i] == unit[j]) & (gap <= rows["window_days"].fillna(0).to_numpy()[i]) & (lower[i] > upper[j] + tol)
    if not broken.any():
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    found = widen(pair_frame(rows, i[broken], j[broken]), rows)
    found = found.assign(decreases_a=rows["decreases"].to_numpy()[found["i"].to_numpy()])
    gap_v = found["value_a"] - found["value_b"]
    rel = (gap_v / found["value_b"].abs().replace(0, np.nan)).fillna(0.0)
    text = (who_column(found, "a") + " says " + says_column(found, "a") + " were taken from the "
            + np.array([metric_words(m) for m in found["decreases_a"].tolist()], dtype=object) + " of "
            + found["entity_a"].to_numpy(dtype=object) + " (" + np.array([metric_words(m) for m in found["metric_a"].tolist()], dtype=object)
            + "), but " + who_column(found, "b") + " puts that at " + says_column(found, "b") + " (for " + when_column(found, "b")
            + f"): a part larger than its whole [{rule.code} {rule.name}].")
    return _conflicts(found.assign(other_assertion_ids=""), rule, gap_v, rel, pd.Series(text, index=found.index))


_SIDE = ("assertion_id", "doc_id", "lang", "value", "lower", "upper", "unit", "qualifier", "sentence", "number_text", "source",
         "period_start", "period_end", "attribution", "published", "time_basis", "derived", "metric_dimension", "entity", "metric")


def stated_change(assertions: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """Within one article: a stock that went from X to Y, and the percent change the article states
    for it ("from 7,500 to 2,000, a fall of 50%"), must agree: (Y - X) / X, with the intervals of the
    wording, meets the stated percent within the rule's tolerance (in points)."""
    a = _within_article(assertions)
    moves = a[a["role"] == "from"].merge(a[a["role"] == "to"], left_on="link_id", right_on="assertion_id", suffixes=("_f", "_t"))
    t = moves.merge(a[a["change_of"].notna()], left_on=["article_id_f", "entity_f", "metric_f"], right_on=["article_id", "entity", "change_of"])
    t = t[t["value_f"] > 0]
    if t.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    f_lo, f_hi = t["lower_f"].fillna(t["value_f"]), t["upper_f"].fillna(t["value_f"])
    t_lo, t_hi = t["lower_t"].fillna(t["value_t"]), t["upper_t"].fillna(t["value_t"])
    computed = (t["value_t"] / t["value_f"] - 1) * 100
    lo, hi = (t_lo / f_hi - 1) * 100, (t_hi / f_lo - 1) * 100  # the change the two figures allow
    s_lo, s_hi = t["lower"].fillna(-np.inf), t["upper"].fillna(np.inf)
    broken = (np.minimum(hi, s_hi) - np.maximum(lo, s_lo) + rule.parameters.get("points_tolerance", 0.0)) < 0
    t, computed = t[broken], computed[broken]
    if t.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    found = pd.DataFrame({f"{c}_a": t[c].to_numpy() for c in _SIDE} | {f"{c}_b": t[f"{c}_t"].to_numpy() for c in _SIDE}, index=t.index)
    found["other_assertion_ids"] = t["assertion_id_f"].to_numpy()
    gap = (computed - t["value"]).abs()
    text = [
        f"{who(r, 'a')} says the {metric_words(r['metric_b'])} of {r['entity_a']} went from {format_value(f)} to "
        f"{format_value(r['value_b'])}, a change of {c:+.1f}%, but states {format_value(r['value_a'], 'percent', r['qualifier_a'])}: "
        f"{g:.1f} points apart [{rule.code} {rule.name}]."
        for r, f, c, g in zip(found.to_dict("records"), t["value_f"], computed, gap)
    ]
    return _conflicts(found, rule, gap, gap / 100, pd.Series(text, index=found.index))


def _adjacent(p: pd.DataFrame, pairs: Pairs) -> np.ndarray:
    """Pairs with no other dated value of the same entity and metric strictly between their dates:
    the steps of the time series, not every pair of points (searched in sorted arrays, no merge)."""
    used = np.zeros(len(pairs.rows), dtype=bool)
    used[pairs.i] = used[pairs.j] = True
    day = pairs.rows["period_start"].to_numpy("datetime64[D]").astype(np.int64)
    span = int(day[used].max() - day[used].min() + 2) if used.any() else 1
    base = int(day[used].min()) - 1 if used.any() else 0
    keys = np.sort(pairs.group[used].astype(np.int64) * span + (day[used] - base))
    g = pairs.group[p["i"].to_numpy()].astype(np.int64) * span
    a, b = day[p["i"].to_numpy()] - base, day[p["j"].to_numpy()] - base
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    between = np.searchsorted(keys, g + hi, side="left") - np.searchsorted(keys, g + lo, side="right")
    return between == 0


def trend(pairs: Pairs, rule: Rule) -> pd.DataFrame:
    """The same thing at clearly different times: a change to show, never a conflict."""
    value = pairs.column("value")
    p = pairs.frame(np.flatnonzero(~pairs.same & ~pairs.converted & (value[pairs.i] != value[pairs.j])))  # a change in one unit
    gap, rel = _gaps(p)
    percent = p["unit_a"] == "percent"
    p = p[np.where(percent, gap >= rule.parameters.get("min_points_change", 0.0), rel >= rule.parameters.get("min_relative_change", 0.0))]
    p = widen(p[_adjacent(p, pairs)], pairs.rows) if not p.empty else p
    if p.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    later_b = (p["period_start_b"] >= p["period_start_a"]).to_numpy()  # dates written out: "YYYY-MM-DD" sorts as dates

    def side(col: str, first: bool) -> np.ndarray:
        a, b = p[f"{col}_a"].to_numpy(dtype=object), p[f"{col}_b"].to_numpy(dtype=object)
        return np.where(later_b == first, a, b)

    v_first, v_last = side("value", True).astype(float), side("value", False).astype(float)
    u_first, u_last = side("unit", True), side("unit", False)
    change = v_last - v_first
    ids_first, ids_last = side("assertion_id", True), side("assertion_id", False)
    d_first, d_last = side("period_start", True), side("period_start", False)
    words = np.array([metric_words(m) for m in p["metric_a"].tolist()], dtype=object)
    out = pd.DataFrame({
        "trend_id": [_id("T", rule.code, a, b) for a, b in zip(ids_first, ids_last)],
        "rule_id": rule.code, "entity": p["entity_a"].to_numpy(dtype=object), "metric": p["metric_a"].to_numpy(dtype=object),
        "unit": np.where(pd.isna(u_last), u_first, u_last),
        "from_assertion_id": ids_first, "from_doc": side("doc_id", True), "from_date": d_first,
        "from_value": v_first, "from_quote": side("sentence", True),
        "to_assertion_id": ids_last, "to_doc": side("doc_id", False), "to_date": d_last,
        "to_value": v_last, "to_quote": side("sentence", False),
        "change": change,
        "relative_change": np.divide(change, np.abs(v_first), out=np.full(len(p), np.nan), where=v_first != 0),
        "other_assertion_ids": "",
        "explanation": ("The " + words + " of " + p["entity_a"].to_numpy(dtype=object) + " went from "
                        + says(v_first.tolist(), u_first.tolist(), side("qualifier", True).tolist()) + " (" + d_first + ", " + side("source", True).astype(str) + ") to "
                        + says(v_last.tolist(), u_last.tolist(), side("qualifier", False).tolist()) + " (" + d_last + ", " + side("source", False).astype(str) + "): "
                        + f"different dates, so a change over time, not a contradiction [{rule.code}]."),
    }, columns=TREND_COLUMNS)
    key = out["entity"] + "|" + out["metric"] + "|" + out["from_value"].round(6).astype(str) + "|" + out["to_value"].round(6).astype(str) + "|" + out["from_date"] + "|" + out["to_date"]
    return out.loc[~key.duplicated()].reset_index(drop=True)
