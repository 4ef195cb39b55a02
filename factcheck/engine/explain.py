"""The words of findings: how a value, a source, a period is written for a reader; the fields each kind
of rule gives its sentence (:class:`Words`); and :func:`fill`, which writes a rule's sentence from the
template in its file."""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from factcheck.engine.kinds import Found
    from factcheck.engine.rule import Explanation

_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))
_PREFIX = {
    "approx": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "less_than": "less than ",
    "at_most": "at most ",
}


@lru_cache(maxsize=4096)  # reports write the same few values again and again
def format_value(value: Any, unit: Any = None, qualifier: Any = None) -> str:
    """``44000000000, "USD"`` -> ``"44 billion USD"``; ``-54, "percent"`` -> ``"-54%"``."""
    return str(says([value], [unit], [qualifier])[0])


def says(values: Any, units: Any, qualifiers: Any = None) -> np.ndarray:
    """:func:`format_value` of each (value, unit, qualifier), on arrays: each distinct number, unit
    and qualifier is written once (no qualifiers: none said)."""
    v = np.asarray(values, dtype=float).reshape(-1) + 0.0  # -0 is written 0
    unit = np.asarray(units, dtype=object).reshape(-1)
    percent = unit == "percent"
    text = np.empty(len(v), dtype=object)
    for rows, pct in ((percent, True), (~percent, False)):
        codes, distinct = pd.factorize(v[rows], use_na_sentinel=False)
        text[rows] = _numbers(np.asarray(distinct, dtype=float), pct)[codes]
    suffix = _each(unit, lambda u: f" {u}" if isinstance(u, str) and u and u != "percent" else "")
    if qualifiers is not None:
        prefix = _each(np.asarray(qualifiers, dtype=object).reshape(-1), lambda q: _PREFIX.get(q, ""))
        text = np.array(
            [f"{p}{t}{s}" for p, t, s in zip(prefix.tolist(), text.tolist(), suffix.tolist(), strict=False)],
            dtype=object,
        )
    elif (suffix != "").any():
        text = text + suffix
    text[np.isnan(v)] = "?"
    return text


def _numbers(v: np.ndarray, percent: bool) -> np.ndarray:
    """Numbers as a reader writes them: "-54%", "7,500", "1.5 million", "0.25"."""
    if percent:
        return np.array([f"{x:g}%" for x in v.tolist()], dtype=object)
    size = np.abs(v)
    whole = (v == np.floor(v)) & (size < 1e6)
    at = [size >= s for s, _ in _SCALES]
    scaled = v / np.select(at, [s for s, _ in _SCALES], 1.0)
    word = np.select(at, [w for _, w in _SCALES], "")
    out = np.empty(len(v), dtype=object)
    out[whole] = [f"{x:,.0f}" for x in v[whole].tolist()]
    out[~whole] = [
        f"{x:,.4g}{w}" for x, w in zip(scaled[~whole].tolist(), word[~whole].tolist(), strict=False)
    ]
    return out


def percents(shares: Any) -> list[str]:
    """Each share as a whole percent, "6%" (as ``f"{share:.0%}"`` writes it), each distinct one written once."""
    return _each(
        np.round(np.asarray(shares, dtype=float) * 100), lambda d: "nan%" if d is None else f"{d:.0f}%"
    ).tolist()


def _each(values: np.ndarray, write: Any) -> np.ndarray:
    """``write`` applied to each distinct value (missing ones as None)."""
    codes, distinct = pd.factorize(values)
    return np.array([write(d) for d in distinct] + [write(None)], dtype=object)[codes]


def day(value: Any) -> str:
    """ "2023-04-12" for a date, a timestamp or a datetime64; "undated" for none (NaT, NaN, None)."""
    if isinstance(value, str):  # already written out
        return value
    if value is None or value is pd.NaT or value != value:  # NaT and NaN are not equal to themselves
        return "undated"
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)[:10]


def when(start: Any, end: Any) -> str:
    """ "2023-04-12", or "2022-09-01 to 2023-08-31" for a period."""
    first, last = day(start), day(end)
    return first if last in (first, "undated") else f"{first} to {last}"


def _text(values: Any) -> list[str]:
    """Each value as text, "" for a missing one."""
    values = np.asarray(values, dtype=object)
    if _all_text(values):
        return values.tolist()
    return [v if isinstance(v, str) else "" if v is None or v != v else str(v) for v in values.tolist()]


def _all_text(values: np.ndarray) -> bool:
    """Whether every value is a string (checked in C)."""
    return pd.api.types.infer_dtype(values, skipna=False) in ("string", "empty")


def who_columns(found: Any) -> tuple[np.ndarray, np.ndarray]:
    """Who says it, for sides a and b of every row of ``found``: "Italian tech news site (it,
    published 2023-04-12)" (the source's name, else the document's id), with the claimant when the text names one; an undated post of an archive page:
    "undated post, by 2022-11-03"."""
    return _both(found, _who)


def _who(column: Callable[[str], Any]) -> np.ndarray:
    docs, sources = _text(column("doc_id")), _text(column("source"))
    by = _each(
        np.asarray(column("attribution"), dtype=object),
        lambda said: f", according to {said}" if isinstance(said, str) and said else "",
    )
    try:
        unsure = np.asarray(column("attribution_unsure"), dtype=object)
    except KeyError:  # a table without the column
        unsure = np.full(len(by), None, dtype=object)
    by = by + _each(
        unsure,
        lambda who: (
            f", claimant unsure: {who.replace(' | ', ' or ')}" if isinstance(who, str) and who else ""
        ),
    )
    dated = np.where(
        np.asarray(column("time_basis"), dtype=object) == "archive", "undated post, by", "published"
    ).tolist()
    columns = zip(
        [source or doc for source, doc in zip(sources, docs, strict=True)],
        _text(column("lang")),
        dated,
        _days(column("published")).tolist(),
        by.tolist(),
        strict=False,
    )
    return np.array([f"{doc} ({lang}, {how} {on}{by})" for doc, lang, how, on, by in columns], dtype=object)


def _both(found: Any, write: Callable[[Callable[[str], Any]], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``write`` (given each column by name) of sides a and b of every row of ``found``: once per
    distinct assertion where ``found`` holds them (``sides``, as group.Pairs.table gives)."""
    if "sides" in found:
        each = write(found["sides"].__getitem__)
        return each[found["side_a"]], each[found["side_b"]]
    return write(lambda name: found[f"{name}_a"]), write(lambda name: found[f"{name}_b"])


def _days(values: Any) -> np.ndarray:
    """Days as the reader sees them, "2023-04-12" ("undated" where there is none), each distinct day
    written once."""
    days = pd.to_datetime(np.asarray(values)).to_numpy("datetime64[D]")
    days, where = np.unique(days, return_inverse=True)
    text = np.datetime_as_string(days, unit="D")
    return np.where(text == "NaT", "undated", text).astype(object)[where.ravel()]


def when_columns(found: Any) -> tuple[np.ndarray, np.ndarray]:
    """:func:`when` of sides a and b of every row of ``found``."""
    return _both(found, _when)


def _when(column: Callable[[str], Any]) -> np.ndarray:
    first, last = _days(column("period_start")), _days(column("period_end"))
    out = first.copy()
    period = (last != first) & (last != "undated")
    out[period] = first[period] + " to " + last[period]
    return out


def says_columns(found: Any) -> tuple[np.ndarray, np.ndarray]:
    """:func:`format_value` of sides a and b of every row of ``found``."""
    return _both(
        found, lambda column: says(*(np.asarray(column(name)) for name in ("value", "unit", "qualifier")))
    )


def metric_words(metric: str) -> str:
    return metric.replace("_", " ")


def entity_labels(found: Any, suffix: str = "_a") -> list[str]:
    """The entity of one side of every row of ``found`` as the user named it (its ``label`` in
    rules/entities.yaml), else its id."""
    return _labels(found, "entity", suffix, str)


def metric_labels(found: Any, suffix: str = "_a") -> list[str]:
    """The metric of one side of every row of ``found`` as the user named it (its ``label`` in
    rules/concepts/), else its id in words ("ad revenue change"), with its scope where it has one
    ("headcount (germany)")."""
    words = _labels(found, "metric", suffix, metric_words)
    scopes = found.get(f"scope{suffix}")
    if scopes is None:
        return words
    return [f"{w} ({s})" if s else w for w, s in zip(words, _text(scopes), strict=True)]


def _labels(found: Any, what: str, suffix: str, fallback: Callable[[str], str]) -> list[str]:
    ids = _text(found[f"{what}{suffix}"])
    labels = _text(found[f"{what}_label{suffix}"]) if f"{what}_label{suffix}" in found else [""] * len(ids)
    written = _each(np.asarray(ids, dtype=object), lambda i: fallback(i) if i else "")
    return [label or w for label, w in zip(labels, written.tolist(), strict=True)]


@dataclass(frozen=True)
class Names:
    """What the report calls entities and metrics: the labels the user wrote in rules/ (carried by
    the assertions), else the ids (metrics in words)."""

    entities: dict[str, str]
    metrics: dict[str, str]

    @classmethod
    def of(cls, assertions) -> Names:
        def pairs(col: str) -> dict[str, str]:
            if col not in assertions or f"{col}_label" not in assertions:
                return {}
            known = assertions[[col, f"{col}_label"]].dropna().drop_duplicates(col)
            return dict(zip(known[col].tolist(), known[f"{col}_label"].tolist(), strict=True))

        return cls(pairs("entity"), pairs("metric"))

    def entity(self, entity: str) -> str:
        return self.entities.get(entity) or str(entity)

    def metric(self, metric: str) -> str:
        return self.metrics.get(metric) or metric_words(str(metric))


# -- a rule's sentence: its template, filled with the fields of its kind ------------------------------

RULE_FIELDS = ("code", "name")  # every kind's sentence may name its rule


@dataclass(frozen=True)
class Words:
    """What the sentence of a kind of rule may name: ``fields`` (per finding, in words) and
    ``clauses`` (sub-templates said only of the findings they fit); ``write`` gives both of what a
    kind found (fields: name -> per finding text; clauses: name -> per finding whether it applies)."""

    fields: tuple[str, ...]
    clauses: tuple[str, ...]
    write: Callable[[Found], tuple[dict[str, Any], dict[str, Any]]]


def template_fields(template: str) -> list[str]:
    """The fields a template names, in order (``"{who} says {value}"`` -> ``["who", "value"]``);
    ValueError for a template that is not one (a lone brace; a field with no name)."""
    names = []
    for _, name, spec, _ in string.Formatter().parse(template):
        if name is None:
            continue
        if not name or "{" in (spec or ""):
            raise ValueError("every field is a name in braces: {entity}")
        names.append(name)
    return names


def fill(explanation: Explanation, fields: dict[str, Any], clauses: dict[str, Any], n: int) -> list[str]:
    """The sentence of each of ``n`` findings: the template of ``explanation`` with its fields (a
    value per finding, or one for all) and each clause, itself filled, where it applies ("" elsewhere)."""
    columns = {name: value if isinstance(value, str) else list(value) for name, value in fields.items()}
    for name, applies in clauses.items():
        template = explanation.clauses.get(name, "")
        said = _filled(template, columns, n) if template else [""] * n
        columns[name] = [
            s if a else "" for s, a in zip(said, np.asarray(applies, dtype=bool).tolist(), strict=True)
        ]
    return _filled(explanation.text, columns, n)


def _filled(template: str, columns: dict[str, Any], n: int) -> list[str]:
    positional, names = _positional(template)
    values = [[columns[name]] * n if isinstance(columns[name], str) else columns[name] for name in names]
    return (
        [positional.format(*row) for row in zip(*values, strict=True)] if names else [positional.format()] * n
    )


@lru_cache(maxsize=256)
def _positional(template: str) -> tuple[str, tuple[str, ...]]:
    """The template with its named fields numbered (formatted faster), and the names in number order."""
    out, names = [], []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if name not in names:
            names.append(name)
        out.append(
            "{"
            + str(names.index(name))
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
    return "".join(out), tuple(names)


def _disagreement(found: Found) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two values of one figure that cannot both be true (and a dispute: two claimants' values)."""
    sides, numbers = found.sides, found.numbers
    (says_a, says_b), (who_a, who_b) = says_columns(sides), who_columns(sides)
    when_a, when_b = when_columns(sides)
    gap = np.asarray(numbers["gap"], dtype=float)
    units = np.where(pd.isna(sides["unit_a"]), sides["unit_b"], sides["unit_a"])
    points = units == "percent"
    apart = says(gap, units)
    apart[points] = [f"{g:g} points" for g in gap[points].tolist()]
    a_rounds = np.asarray(numbers["a_rounds"], dtype=bool)
    rounded = np.asarray(numbers["rounded"], dtype=bool)
    fields = {
        "who_a": who_a,
        "who_b": who_b,
        "claimant_a": np.asarray(sides["attribution_a"], dtype=object).tolist(),
        "claimant_b": np.asarray(sides["attribution_b"], dtype=object).tolist(),
        "value_a": says_a,
        "value_b": says_b,
        "when_a": when_a,
        "when_b": when_b,
        "metric": metric_labels(sides),
        "entity": entity_labels(sides),
        "gap": apart,
        "relative_gap": percents(numbers["relative_gap"]),
        "rounded": np.where(a_rounds, says_a, says_b),  # the round figure ...
        "rounding_of": np.where(a_rounds, says_b, says_a),  # ... that may be a rounding of this one
    }
    clauses = {"converted": sides["converted"], "rounding": rounded, "beyond_wording": ~rounded}
    return fields, clauses


def _identity(found: Found) -> tuple[dict[str, Any], dict[str, Any]]:
    """Before - cut = after, broken inside one article."""
    t = found.sides
    written = lambda values: says(values, np.full(len(t), None))  # noqa: E731  (as format_value(v))
    return {
        "who": who_columns(t)[0],
        "metric": metric_labels(t),
        "entity": entity_labels(t),
        "flow": metric_labels(t, ""),
        "before": written(t["value_a"]),
        "after": written(t["value_b"]),
        "cut": written(t["value"]),
        "expected": written(found.numbers["expected"]),
    }, {}


def _bound(found: Found) -> tuple[dict[str, Any], dict[str, Any]]:
    """A part larger than its whole."""
    sides = found.sides
    (who_a, who_b), (says_a, says_b) = who_columns(sides), says_columns(sides)
    when_a, when_b = when_columns(sides)
    return {
        "who_a": who_a,
        "who_b": who_b,
        "value_a": says_a,
        "value_b": says_b,
        "when_a": when_a,
        "when_b": when_b,
        "whole": metric_labels(sides, "_b"),  # the stock: the whole the flow takes from
        "metric": metric_labels(sides),
        "entity": entity_labels(sides),
    }, {}


def _stated_change(found: Found) -> tuple[dict[str, Any], dict[str, Any]]:
    """A stated percent change that the two figures of the move do not give."""
    sides, numbers = found.sides, found.numbers
    n = len(found)
    return {
        "who": who_columns(sides)[0],
        "metric": metric_labels(sides, "_b"),
        "entity": entity_labels(sides),
        "before": says(numbers["before"], np.full(n, None)),
        "after": says(sides["value_b"], np.full(n, None)),
        "change": [f"{c:+.1f}%" for c in numbers["computed"].tolist()],
        "stated": says(sides["value_a"], np.full(n, "percent", dtype=object), sides["qualifier_a"]),
        "gap": [f"{g:.1f}" for g in numbers["gap"].tolist()],
    }, {}


def _trend(found: Found) -> tuple[dict[str, Any], dict[str, Any]]:
    """The same thing at two times (side a the earlier)."""
    p = found.sides
    return {
        "metric": metric_labels(p),
        "entity": entity_labels(p),
        "from_value": says(p["value_a"], p["unit_a"], p["qualifier_a"]),
        "from_date": _days(p["period_start_a"]),
        "from_source": np.asarray(p["source_a"], dtype=object).tolist(),
        "to_value": says(p["value_b"], p["unit_b"], p["qualifier_b"]),
        "to_date": _days(p["period_start_b"]),
        "to_source": np.asarray(p["source_b"], dtype=object).tolist(),
    }, {}


_SIDES = ("who_a", "who_b", "value_a", "value_b", "when_a", "when_b", "metric", "entity")
DISAGREEMENT = Words(
    (*_SIDES, "claimant_a", "claimant_b", "gap", "relative_gap", "rounded", "rounding_of", *RULE_FIELDS),
    ("converted", "rounding", "beyond_wording"),
    _disagreement,
)
IDENTITY = Words(
    ("who", "metric", "entity", "flow", "before", "after", "cut", "expected", *RULE_FIELDS), (), _identity
)
BOUND = Words((*_SIDES, "whole", *RULE_FIELDS), (), _bound)
STATED_CHANGE = Words(
    ("who", "metric", "entity", "before", "after", "change", "stated", "gap", *RULE_FIELDS),
    (),
    _stated_change,
)
TREND = Words(
    (
        "metric",
        "entity",
        "from_value",
        "from_date",
        "from_source",
        "to_value",
        "to_date",
        "to_source",
        *RULE_FIELDS,
    ),
    (),
    _trend,
)
