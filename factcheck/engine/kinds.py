"""How each kind of rule is evaluated over the candidate pairs: on arrays, no loop over pairs; each
returns its findings as a Table of columns (name -> array, empty when none), which the engine
stacks and sorts."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from factcheck.engine.catalogue import Rule
from factcheck.engine.explain import (
    entity_labels,
    format_value,
    metric_labels,
    percents,
    says,
    says_columns,
    when_columns,
    who_columns,
)
from factcheck.group import Pairs, dense, gap_days, is_hedged

Table = dict[str, np.ndarray]  # a rule's findings, column by column (CONFLICT_COLUMNS or TREND_COLUMNS)
CONFLICT_COLUMNS = [
    "conflict_id",
    "rule_id",
    "rule",
    "severity",
    "entity",
    "metric",
    "a_assertion_id",
    "a_doc",
    "a_lang",
    "a_value",
    "a_unit",
    "a_quote",
    "b_assertion_id",
    "b_doc",
    "b_lang",
    "b_value",
    "b_unit",
    "b_quote",
    "other_assertion_ids",
    "gap",
    "relative_gap",
    "explanation",
    "kind",
    "a_number_text",
    "b_number_text",
    "a_source",
    "b_source",
    "a_date",
    "b_date",
    "a_attribution",
    "b_attribution",
    "a_qualifier",
    "b_qualifier",
    "severity_reason",
]
TREND_COLUMNS = [
    "trend_id",
    "rule_id",
    "entity",
    "metric",
    "unit",
    "from_assertion_id",
    "from_doc",
    "from_date",
    "from_value",
    "from_quote",
    "to_assertion_id",
    "to_doc",
    "to_date",
    "to_value",
    "to_quote",
    "change",
    "relative_change",
    "other_assertion_ids",
    "explanation",
]


_FNV_OFFSET, _FNV_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def _ids(prefix: str, code: str, a: Any, b: Any) -> list[str]:
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


def _repeat(value: Any, n: int) -> np.ndarray:
    """``value`` ``n`` times, as an object array (numpy's ``full`` is ten times slower for objects)."""
    out = np.empty(n, dtype=object)
    out[:] = value
    return out


def _meet(pairs: Pairs, selected: np.ndarray, rule: Rule) -> np.ndarray:
    """Whether the two intervals of each selected pair meet, within the rule's tolerance (rounding
    intervals are half-open; a point on the edge of the other's interval meets it): on arrays."""
    i, j = pairs.i[selected], pairs.j[selected]
    value = pairs.value
    lower, upper = pairs.lower, pairs.upper
    lo_a, hi_a, lo_b, hi_b, v_a, v_b = lower[i], upper[i], lower[j], upper[j], value[i], value[j]
    converted = pairs.converted[selected]
    if converted.any():  # two currencies: both in euros
        rate = pairs.to_eur
        rate_a, rate_b = np.where(converted, rate[i], 1.0), np.where(converted, rate[j], 1.0)
        lo_a, hi_a, lo_b, hi_b, v_a, v_b = (
            lo_a * rate_a,
            hi_a * rate_a,
            lo_b * rate_b,
            hi_b * rate_b,
            v_a * rate_a,
            v_b * rate_b,
        )
    overlap = np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b)
    scale = np.maximum(np.abs(v_a), np.abs(v_b))
    tol = np.where(
        pairs.percent[i],
        rule.parameters.get("points_tolerance", 0.0),
        rule.parameters.get("relative_tolerance", 0.0) * scale,
    )
    slack = overlap + tol
    point = (lo_a == hi_a) | (lo_b == hi_b)
    return (slack > 0) | ((slack == 0) & point)


def _gaps(p: Any) -> tuple[np.ndarray, np.ndarray]:
    """The gap between the two values of each pair in ``p`` (in side a's unit: amounts in two
    currencies are compared in euros, then given back in a's currency) and the gap relative to the larger."""
    converted = np.asarray(p["converted"]) if "converted" in p else False
    rate_a, rate_b = np.where(converted, p["to_eur_a"], 1.0), np.where(converted, p["to_eur_b"], 1.0)
    a, b = np.asarray(p["value_a"], dtype=float) * rate_a, np.asarray(p["value_b"], dtype=float) * rate_b
    gap = np.abs(a - b)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = gap / np.maximum(np.abs(a), np.abs(b))
    return gap / rate_a, np.where(np.isfinite(rel), rel, 0.0)


def _collapse(pairs: Pairs, selected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One finding per disagreement: the same two values said again elsewhere become other ids.

    Returns the representative pairs (positions into ``pairs``) and, for each, the other assertion
    ids saying the same two values. On arrays; the representative is the least hedged pair, then the
    one with the smallest assertion ids (stable across runs)."""
    i, j = pairs.i[selected], pairs.j[selected]
    rank = pairs.value_rank
    values = pd.factorize(
        np.minimum(rank[i], rank[j]) * (int(rank.max(initial=0)) + 1) + np.maximum(rank[i], rank[j])
    )[0]
    key = pd.factorize(pairs.group[i] * (int(values.max(initial=0)) + 1) + values)[
        0
    ]  # one key per entity, metric and pair of values
    n = len(pairs.perm)
    choice = (
        (pairs.hedged[i].astype(np.int64) + pairs.hedged[j]) * n * n + i * n + j
    )  # within a group, rows are in the order of their ids
    best = np.full(int(key.max(initial=-1)) + 1, np.iinfo(np.int64).max)
    np.minimum.at(best, key, choice)
    first = np.flatnonzero(choice == best[key])
    first = first[
        np.argsort(key[first])
    ]  # the representative of each key, in the order of keys (numbered as met)
    others = _repeat("", len(first))
    said = np.sort(np.concatenate([key, key]) * n + np.concatenate([i, j]))
    said = said[np.r_[True, said[1:] != said[:-1]]] if len(said) else said  # (key, assertion) once each
    said_key, said_pos = said // n, said % n
    rep_i, rep_j = np.empty(len(first), dtype=np.int64), np.empty(len(first), dtype=np.int64)
    rep_i[key[first]], rep_j[key[first]] = i[first], j[first]
    extra = (said_pos != rep_i[said_key]) & (
        said_pos != rep_j[said_key]
    )  # said by more than the representative's two
    if extra.any():
        said_key, said_pos = said_key[extra], said_pos[extra]  # sorted by key, then by id
        starts = np.r_[0, np.flatnonzero(np.diff(said_key)) + 1]
        ids, ends = pairs.column("assertion_id", said_pos).tolist(), np.r_[starts[1:], len(said_pos)]
        by_key = _repeat("", len(first))
        by_key[said_key[starts]] = [
            " ".join(ids[a:b]) for a, b in zip(starts.tolist(), ends.tolist(), strict=False)
        ]
        others = by_key[key[first]]
    return selected[first], others


def _conflicts(found: Any, rule: Rule, gap: Any, rel: Any, explanation: Any) -> Table:
    """The conflicts of the pairs ``found`` (a table with both sides, as :meth:`Pairs.table` gives),
    in the columns of CONFLICT_COLUMNS."""
    column = lambda name: np.asarray(found[name])  # noqa: E731
    n = len(column("assertion_id_a"))
    severity, reason = rule.grade(
        rel, gap, column("unit_a") == "percent", is_hedged(found, "_a") | is_hedged(found, "_b")
    )
    out = {
        "conflict_id": _ids(
            "C", rule.code, column("assertion_id_a").tolist(), column("assertion_id_b").tolist()
        ),
        "rule_id": _repeat(rule.code, n),
        "rule": _repeat(rule.name, n),
        "severity": severity,
        "severity_reason": reason,
        "entity": column("entity_a"),
        "metric": column("metric_a"),
        "other_assertion_ids": column("other_assertion_ids")
        if "other_assertion_ids" in found
        else _repeat("", n),
        "gap": np.asarray(gap, dtype=float),
        "relative_gap": np.asarray(rel, dtype=float),
        "explanation": np.asarray(explanation, dtype=object),
        "kind": _repeat(rule.kind, n),
    }
    shown = {
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
    for side in ("a", "b"):
        out |= {f"{side}_{name}": column(f"{col}_{side}") for name, col in shown.items()}
    out["a_date"], out["b_date"] = when_columns(found)
    return out


def disagreement(pairs: Pairs, rule: Rule, *, disputed: bool = False) -> Table:
    """Values for the same entity, metric and moment whose intervals do not meet."""
    selected = np.flatnonzero(
        pairs.same & (pairs.disputed if disputed else ~pairs.disputed)
    )  # two named claimants: a dispute
    selected = selected[~_meet(pairs, selected, rule)]
    representative, others = _collapse(pairs, selected)
    if not len(representative):
        return {}
    found = pairs.table(representative) | {"other_assertion_ids": others}
    gap, rel = _gaps(found)
    words, entity = metric_labels(found), entity_labels(found)
    (says_a, says_b), (who_a, who_b) = says_columns(found), who_columns(found)
    tag = f" [{rule.code} {rule.name}]."
    if disputed:
        rows = zip(
            found["attribution_a"].tolist(),
            words,
            entity,
            says_a,
            found["attribution_b"].tolist(),
            says_b,
            who_a,
            who_b,
            strict=False,
        )
        text = [
            f"{x} puts the {w} of {e} at {a}, {y} at {b} ({wa} vs {wb}): a disputed figure{tag}"
            for x, w, e, a, y, b, wa, wb in rows
        ]
    else:
        units = np.where(pd.isna(found["unit_a"]), found["unit_b"], found["unit_a"])
        points = units == "percent"
        apart = says(gap, units)
        apart[points] = [f"{g:g} points" for g in gap[points].tolist()]
        rates = np.where(found["converted"], " at the ECB rates of their dates", "").tolist()
        when_a, when_b = when_columns(found)
        rows = zip(
            who_a,
            words,
            entity,
            says_a,
            when_a,
            who_b,
            says_b,
            when_b,
            apart,
            percents(rel),
            rates,
            strict=False,
        )
        text = [
            f"{wa} gives the {w} of {e} as {a} (for {ta}), but {wb} gives {b} (for {tb}): {g} apart ({r}){x}, "
            f"more than the wording of either allows{tag}"
            for wa, w, e, a, ta, wb, b, tb, g, r, x in rows
        ]
    return _conflicts(found, rule, gap, rel, text)


def dispute(pairs: Pairs, rule: Rule) -> Table:
    """The same figure given differently by different named claimants."""
    return disagreement(pairs, rule, disputed=True)


def within_article(assertions: pd.DataFrame) -> pd.DataFrame:
    """The assertions the arithmetic rules inside one article can use: the two ends of a transition,
    flows that decrease a stock, changes of a stock (mapped, valued, not repeats), in the articles
    that tell of a transition ("from X to Y"), where every such rule starts."""
    role = assertions["role"].to_numpy(dtype=object)
    moves = assertions["article_id"].to_numpy()[role == "from"]
    if not len(moves):
        return assertions.iloc[:0]
    takes_part = (
        (role == "from")
        | (role == "to")
        | assertions["decreases"].notna().to_numpy()
        | assertions["change_of"].notna().to_numpy()
    )
    ok = takes_part & ~assertions["is_repeat"].to_numpy(dtype=bool) & assertions["value"].notna().to_numpy()
    ok[ok] = (assertions["metric"].to_numpy()[ok] != "unmapped") & assertions["article_id"].iloc[
        np.flatnonzero(ok)
    ].isin(moves).to_numpy()
    return assertions[ok]


def identity(a: pd.DataFrame, rule: Rule) -> Table:
    """Within one article (``a``: :func:`within_article`): before - cut = after, for a from/to
    transition and a flow that decreases it."""
    frm = a[a["role"] == "from"]
    to = a[a["role"] == "to"]
    flows = a[a["decreases"].notna() & a["role"].isna()]
    t = frm.merge(to, left_on="link_id", right_on="assertion_id", suffixes=("_a", "_b"))
    t = t.merge(
        flows,
        left_on=["article_id_a", "entity_a", "metric_a"],
        right_on=["article_id", "entity", "decreases"],
    )
    if t.empty:
        return {}
    lo = t["lower_a"].fillna(t["value_a"]) - t["upper"].fillna(t["value"])
    hi = t["upper_a"].fillna(t["value_a"]) - t["lower"].fillna(t["value"])
    expected = t["value_a"] - t["value"]
    tol = rule.parameters.get("relative_tolerance", 0.0) * t["value_a"].abs()
    lo_b, hi_b = t["lower_b"].fillna(-np.inf), t["upper_b"].fillna(np.inf)
    broken = (np.minimum(hi, hi_b) - np.maximum(lo, lo_b) + tol) < 0
    found = t[broken].copy()
    if found.empty:
        return {}
    expected = expected[broken]
    gap = (expected - found["value_b"]).abs()
    rel = gap / np.maximum(found["value_b"].abs(), expected.abs()).replace(0, np.nan)
    found["other_assertion_ids"] = found["assertion_id"]
    text = [
        f"{w} says the {m} of {e} went from {format_value(r['value_a'])} "
        f"to {format_value(r['value_b'])} and that {format_value(r['value'])} were cut ({f}), "
        f"but {format_value(r['value_a'])} - {format_value(r['value'])} = {format_value(x)}, not {format_value(r['value_b'])} "
        f"[{rule.code} {rule.name}]."
        for (_, r), x, w, m, e, f in zip(
            found.iterrows(),
            expected,
            who_columns(found)[0],
            metric_labels(found),
            entity_labels(found),
            metric_labels(found, ""),
            strict=False,
        )
    ]
    return _conflicts(found, rule, gap, rel.fillna(0.0), pd.Series(text, index=found.index))


def bound(pairs: Pairs, rule: Rule) -> Table:
    """A part is never more than its whole: a flow that takes from a stock ("7,500 laid off") cannot
    exceed that stock as it was before ("from 5,000", or a staff dated earlier within the flow's
    window), for the same entity and unit. A stock of the same day may be what is left after it."""
    rows = pairs.rows
    takes = np.flatnonzero(pairs.sorted((rows["decreases"].notna() & rows["link_id"].isna()).to_numpy()))
    i, j = pairs.groups.members(takes, pairs.groups.of(takes, pairs.column("decreases", takes)))
    lower, upper = pairs.lower, pairs.upper
    tol = rule.parameters.get("relative_tolerance", 0.0) * np.abs(pairs.value[j])
    before = (pairs.column("role", j) == "from") | (
        pairs.end[j] < pairs.start[i]
    )  # the stock as it was before the cut, not after it
    window = np.nan_to_num(pairs.column("window_days", i).astype(float))
    broken = (
        before
        & (pairs.unit[i] == pairs.unit[j])
        & (gap_days(pairs.start, pairs.end, i, j) <= window)
        & (lower[i] > upper[j] + tol)
    )
    if not broken.any():
        return {}
    found = pairs.table_of(i[broken], j[broken])
    gap_v = found["value_a"].astype(float) - found["value_b"].astype(float)
    stock = np.abs(found["value_b"].astype(float))
    rel = np.divide(gap_v, stock, out=np.zeros(len(gap_v)), where=stock != 0)
    tag = f" [{rule.code} {rule.name}]."
    (who_a, who_b), (says_a, says_b) = who_columns(found), says_columns(found)
    sides = zip(
        who_a,
        says_a,
        metric_labels(found, "_b"),  # the stock: the whole the flow takes from
        entity_labels(found),
        metric_labels(found),
        who_b,
        says_b,
        when_columns(found)[1],
        strict=False,
    )
    text = [
        f"{wa} says {a} were taken from the {whole} of {e} ({w}), but {wb} puts that at {b} (for {tb}): a part larger than its whole{tag}"
        for wa, a, whole, e, w, wb, b, tb in sides
    ]
    return _conflicts(found, rule, gap_v, rel, text)


_SIDE = (
    "assertion_id",
    "doc_id",
    "lang",
    "value",
    "lower",
    "upper",
    "unit",
    "qualifier",
    "sentence",
    "number_text",
    "source",
    "period_start",
    "period_end",
    "attribution",
    "published",
    "time_basis",
    "derived",
    "metric_dimension",
    "entity",
    "metric",
    "entity_label",
    "metric_label",
)


def stated_change(a: pd.DataFrame, rule: Rule) -> Table:
    """Within one article (``a``: :func:`within_article`): a stock that went from X to Y, and the
    percent change the article states for it ("from 7,500 to 2,000, a fall of 50%"), must agree:
    (Y - X) / X, with the intervals of the wording, meets the stated percent within the rule's
    tolerance (in points)."""
    moves = a[a["role"] == "from"].merge(
        a[a["role"] == "to"], left_on="link_id", right_on="assertion_id", suffixes=("_f", "_t")
    )
    t = moves.merge(
        a[a["change_of"].notna()],
        left_on=["article_id_f", "entity_f", "metric_f"],
        right_on=["article_id", "entity", "change_of"],
    )
    t = t[t["value_f"] > 0]
    if t.empty:
        return {}
    f_lo, f_hi = t["lower_f"].fillna(t["value_f"]), t["upper_f"].fillna(t["value_f"])
    t_lo, t_hi = t["lower_t"].fillna(t["value_t"]), t["upper_t"].fillna(t["value_t"])
    computed = (t["value_t"] / t["value_f"] - 1) * 100
    lo, hi = (t_lo / f_hi - 1) * 100, (t_hi / f_lo - 1) * 100  # the change the two figures allow
    s_lo, s_hi = t["lower"].fillna(-np.inf), t["upper"].fillna(np.inf)
    broken = (np.minimum(hi, s_hi) - np.maximum(lo, s_lo) + rule.parameters.get("points_tolerance", 0.0)) < 0
    t, computed = t[broken], computed[broken]
    if t.empty:
        return {}
    found = pd.DataFrame(
        {f"{c}_a": t[c].to_numpy() for c in _SIDE} | {f"{c}_b": t[f"{c}_t"].to_numpy() for c in _SIDE},
        index=t.index,
    )
    found["other_assertion_ids"] = t["assertion_id_f"].to_numpy()
    gap = (computed - t["value"]).abs()
    text = [
        f"{w} says the {m} of {e} went from {format_value(f)} to "
        f"{format_value(r['value_b'])}, a change of {c:+.1f}%, but states {format_value(r['value_a'], 'percent', r['qualifier_a'])}: "
        f"{g:.1f} points apart [{rule.code} {rule.name}]."
        for r, f, c, g, w, m, e in zip(
            found.to_dict("records"),
            t["value_f"],
            computed,
            gap,
            who_columns(found)[0],
            metric_labels(found, "_b"),
            entity_labels(found),
            strict=False,
        )
    ]
    return _conflicts(found, rule, gap, gap / 100, pd.Series(text, index=found.index))


def _adjacent(pairs: Pairs, selected: np.ndarray) -> np.ndarray:
    """Pairs with no other dated value of the same entity and metric strictly between their dates:
    the steps of the time series, not every pair of points (searched in sorted arrays, no merge)."""
    used = np.zeros(len(pairs.perm), dtype=bool)
    used[pairs.i] = used[pairs.j] = True
    day = pairs.start
    span = int(day[used].max() - day[used].min() + 2) if used.any() else 1
    base = int(day[used].min()) - 1 if used.any() else 0
    keys = np.sort(pairs.group[used].astype(np.int64) * span + (day[used] - base))
    i, j = pairs.i[selected], pairs.j[selected]
    g = pairs.group[i].astype(np.int64) * span
    lo, hi = np.minimum(day[i], day[j]) - base, np.maximum(day[i], day[j]) - base
    between = np.searchsorted(keys, g + hi, side="left") - np.searchsorted(keys, g + lo, side="right")
    return between == 0


def trend(pairs: Pairs, rule: Rule) -> Table:
    """The same thing at clearly different times: a change to show, never a conflict."""
    value = pairs.value
    selected = np.flatnonzero(
        ~pairs.same & ~pairs.converted & (value[pairs.i] != value[pairs.j])
    )  # a change in one unit
    a, b = value[pairs.i[selected]], value[pairs.j[selected]]
    gap, larger = np.abs(a - b), np.maximum(np.abs(a), np.abs(b))
    rel = np.divide(gap, larger, out=np.zeros(len(gap)), where=larger != 0)
    percent = pairs.percent[pairs.i[selected]]
    selected = selected[
        np.where(
            percent,
            gap >= rule.parameters.get("min_points_change", 0.0),
            rel >= rule.parameters.get("min_relative_change", 0.0),
        )
    ]
    selected = _once(pairs, selected[_adjacent(pairs, selected)])
    if not len(selected):
        return {}
    p = pairs.table(selected)
    later_b = p["period_start_b"] >= p["period_start_a"]  # dates written out: "YYYY-MM-DD" sorts as dates

    def side(col: str, first: bool) -> np.ndarray:
        return np.where(later_b == first, p[f"{col}_a"].astype(object), p[f"{col}_b"].astype(object))

    v_first, v_last = side("value", True).astype(float), side("value", False).astype(float)
    u_first, u_last = side("unit", True), side("unit", False)
    change = v_last - v_first
    ids_first, ids_last = side("assertion_id", True), side("assertion_id", False)
    d_first, d_last = side("period_start", True), side("period_start", False)
    n = len(change)
    out = {
        "trend_id": np.asarray(_ids("T", rule.code, ids_first, ids_last), dtype=object),
        "rule_id": _repeat(rule.code, n),
        "entity": p["entity_a"],
        "metric": p["metric_a"],
        "unit": np.where(pd.isna(u_last), u_first, u_last),
        "from_assertion_id": ids_first,
        "from_doc": side("doc_id", True),
        "from_date": d_first,
        "from_value": v_first,
        "from_quote": side("sentence", True),
        "to_assertion_id": ids_last,
        "to_doc": side("doc_id", False),
        "to_date": d_last,
        "to_value": v_last,
        "to_quote": side("sentence", False),
        "change": change,
        "relative_change": np.divide(
            change, np.abs(v_first), out=np.full(len(change), np.nan), where=v_first != 0
        ),
        "other_assertion_ids": _repeat("", n),
        "explanation": [
            f"The {w} of {e} went from {a} ({da}, {sa}) to {b} ({db}, {sb}): different dates, so a change over time, "
            f"not a contradiction [{rule.code}]."
            for w, e, a, da, sa, b, db, sb in zip(
                metric_labels(p),
                entity_labels(p),
                says(v_first, u_first, side("qualifier", True)),
                d_first,
                side("source", True),
                says(v_last, u_last, side("qualifier", False)),
                d_last,
                side("source", False),
                strict=False,
            )
        ],
    }
    return {
        col: np.asarray(values, dtype=object if col == "explanation" else None) for col, values in out.items()
    }


def _once(pairs: Pairs, selected: np.ndarray) -> np.ndarray:
    """The selected pairs, each change said again elsewhere (the same entity, metric, values to six
    decimals and days) once: by the pair of smallest assertion ids."""
    i, j = pairs.i[selected], pairs.j[selected]
    later_j = pairs.start[j] >= pairs.start[i]
    first, last = np.where(later_j, i, j), np.where(later_j, j, i)
    said = dense(
        pairs.group[first],
        pairs.value_rank[first],
        pairs.value_rank[last],
        pairs.start[first],
        pairs.start[last],
    )
    order = np.lexsort((j, i, said))  # within a group, rows are in the order of their ids
    return (
        np.sort(selected[order[np.r_[True, said[order][1:] != said[order][:-1]]]]) if len(order) else selected
    )
