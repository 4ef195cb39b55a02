"""Stage 5, assertions: Claims -> the one assertions table (columns, dtypes, stable ids, validation)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from factcheck.models import CONCEPT_COLUMNS, QUALIFIERS, Claim, ClaimRun
from factcheck.resolve.knowledge import Knowledge

# The contract of DESIGN.md, in order; the columns after it are ours (documented in the README).
COLUMNS = [
    "assertion_id",
    "doc_id",
    "article_id",
    "source",
    "lang",
    "published",
    "entity",
    "metric",
    "value",
    "lower",
    "upper",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "time_basis",
    "attribution",
    "number_text",
    "sentence",
    "start",
    "end",
    "is_repeat",
]
EXTRA = [
    "attribution_unsure",
    "kind",
    *CONCEPT_COLUMNS,
    "time_precision",
    "derived",
    "role",
    "link_id",
    "head",
    "scope",
    "stage",
    "ambiguous",
    "path",
    "url",
    "entity_label",
    "metric_label",
    "metric_source",
    "metric_links",
    "metric_phrase",
    "metric_lemma",
    "subject_kind",
    "subject_source",
    "subject_text",
]
DATES = ("published", "period_start", "period_end")
FLOATS = ("value", "lower", "upper", "window_days")
BOOLS = ("is_repeat", "derived", "ambiguous", "cumulative")
INTS = ("start", "end")
_DEFAULTS: dict[str, Any] = {
    "qualifier": "exact",
    "kind": "number",
    "time_basis": "published",
    "is_repeat": False,
    "derived": False,
    "ambiguous": False,
    "cumulative": False,
    "start": 0,
    "end": 0,
}


def assertion_id(doc_id: str, start: int, end: int, tag: str = "") -> str:
    """Stable across runs: the document and the offsets of the number in it."""
    return hashlib.sha1(f"{doc_id}:{start}:{end}:{tag}".encode()).hexdigest()[:12]


def _tag(claim: Claim) -> str:
    return "derived" if claim.derived else (claim.role or "")


def rows(claims: Iterable[Claim], kb: Knowledge) -> list[dict[str, Any]]:
    """One record per claim, with the metric's kind from the concepts."""
    claims = list(claims)
    ids = {}
    for c in claims:
        ids[(c.article.article_id, c.quantity.start, c.quantity.end, _tag(c))] = assertion_id(
            c.article.doc_id, c.article.start + c.quantity.start, c.article.start + c.quantity.end, _tag(c)
        )
    by_span = {}  # the first assertion at each span of an article: what a link points to
    for (art, s, e, _), v in ids.items():
        by_span.setdefault((art, s, e), v)
    out = []
    said: dict[tuple[str, int, int], str] = {}  # each sentence's text once, shared by its claims' records
    for c in claims:
        a, q = c.article, c.quantity
        record = _record(c, kb)
        record["sentence"] = said.setdefault(
            (a.article_id, c.sentence.start, c.sentence.end), record["sentence"]
        )
        record["assertion_id"] = ids[(a.article_id, q.start, q.end, _tag(c))]
        record["link_id"] = by_span.get((a.article_id, *c.link)) if c.link is not None else None
        out.append(record)
    return out


def _record(c: Claim, kb: Knowledge) -> dict[str, Any]:
    """The columns of one claim but its ids (assertion_id, link_id), in the order of COLUMNS + EXTRA."""
    a, q = c.article, c.quantity
    concept = kb.concepts.get(c.metric)
    entity = kb.entities.get(c.entity) if c.entity else None
    return {
        "assertion_id": None,
        "doc_id": a.doc_id,
        "article_id": a.article_id,
        "source": a.source,
        "lang": c.sentence.lang or a.lang,
        "published": a.published,
        "entity": c.entity,
        "metric": c.metric,
        "value": c.value,
        "lower": c.lower,
        "upper": c.upper,
        "unit": q.unit,
        "qualifier": q.qualifier,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "time_basis": c.time_basis,
        "attribution": c.attribution,
        "attribution_unsure": " | ".join(c.attribution_unsure) or None,
        "number_text": q.text,
        "sentence": a.text[c.sentence.start : c.sentence.end],
        "start": q.start,
        "end": q.end,
        "is_repeat": a.is_repeat or c.sentence.is_repeat,
        "kind": q.kind,
        "metric_kind": concept.kind if concept else None,
        "metric_dimension": concept.dimension if concept else None,
        "window_days": concept.window_days if concept else None,
        "cumulative": bool(concept and concept.cumulative),
        "decreases": concept.decreases if concept else None,
        "change_of": concept.change_of if concept else None,
        "time_precision": c.time_precision,
        "derived": c.derived,
        "role": c.role,
        "link_id": None,
        "head": c.head,
        "scope": c.scope,
        "stage": c.stage,
        "ambiguous": q.ambiguous,
        "path": None,
        "entity_label": entity.label if entity else c.entity,
        "metric_label": concept.words if concept else c.metric,
        "metric_source": "catalogue" if concept else None,
        "metric_phrase": c.counted[0] if c.counted else None,
        "metric_lemma": c.counted[1] if c.counted else None,
        "subject_kind": c.subject_kind,
        "subject_source": c.subject_source,
        "subject_text": c.subject_text,
    }


_FIGURE = (
    "assertion_id",
    "number_text",
    "value",
    "lower",
    "upper",
    "start",
    "end",
    "ambiguous",
)  # a run's, per figure


def table(claims: Sequence[Claim | ClaimRun], kb: Knowledge) -> pd.DataFrame:
    """The assertions table of claims, a ClaimRun's figures made rows as columns (not one record each)."""
    if not any(isinstance(c, ClaimRun) for c in claims):
        return frame(rows(claims, kb))
    plain = iter(rows([c for c in claims if isinstance(c, Claim)], kb))
    records = [next(plain) if isinstance(c, Claim) else _record(c.claim, kb) for c in claims]
    sizes = np.array([1 if isinstance(c, Claim) else len(c) for c in claims], np.int64)
    # each claim's or run's record typed once, then repeated for the figures of its run (a column of
    # one value shared by every such column: a million rows cost one array); the columns that differ
    # between a run's figures filled in place
    typed = _converted(pd.DataFrame(records, dtype=object))
    rows_of, starts, n = np.repeat(np.arange(len(claims)), sizes), np.cumsum(sizes) - sizes, int(sizes.sum())
    runs = [(int(at), c) for at, c in zip(starts, claims, strict=True) if isinstance(c, ClaimRun)]
    figures = _run_figures([c for _, c in runs])
    is_run = np.array([isinstance(c, ClaimRun) for c in claims])
    columns: dict[str, pd.Series] = {}
    shared: dict[tuple, pd.Series] = {}
    for k in typed.columns:
        each = typed[k].to_numpy()
        if k not in _FIGURE:
            columns[k] = _repeated(each, rows_of, shared)
            continue
        column = np.empty(n, each.dtype)
        column[starts[~is_run]] = each[~is_run]
        for (at, run), values in zip(runs, figures[k], strict=True):
            column[at : at + len(run)] = values
        columns[k] = pd.Series(column, dtype=column.dtype)  # (objects stay objects, not strings)
    return _checked(pd.DataFrame(columns, copy=False))


def _repeated(each: np.ndarray, rows: np.ndarray, shared: dict[tuple, pd.Series]) -> pd.Series:
    """``each[rows]`` as a column; where ``each`` holds one value (the same object), the one column of
    that value and dtype, shared (copied on write, as pandas does)."""
    first = each[0]
    if each.dtype == object:
        same, key = all(v is first for v in each), (each.dtype.str, id(first))
    else:
        blank = bool(pd.isna(first))
        same = bool(pd.isna(each).all()) if blank else bool((each == first).all())
        key = (each.dtype.str, "blank" if blank else first.item())
    if not same:
        return pd.Series(each[rows], dtype=each.dtype)
    if key not in shared:
        shared[key] = pd.Series(each[np.zeros(len(rows), np.intp)], dtype=each.dtype)
    return shared[key]


def _run_figures(runs: list[ClaimRun]) -> dict[str, list[Any]]:
    """What differs between the figures of each ClaimRun: ids, texts, values, offsets."""
    ids, texts, sha1 = [], [], hashlib.sha1
    for run in runs:
        a, f = run.claim.article, run.figures
        key = a.doc_id.encode().replace(b"%", b"%%") + b":%d:%d:"  # as assertion_id(), with no tag
        at = zip((f.start + a.start).tolist(), (f.end + a.start).tolist(), strict=True)
        ids.append([sha1(key % span).hexdigest()[:12] for span in at])
        written: dict[str, str] = {}  # one string for each way a figure is written
        cut = [a.text[s:e] for s, e in zip(f.start.tolist(), f.end.tolist(), strict=True)]
        texts.append(list(map(written.setdefault, cut, cut)))
    columns: dict[str, list[Any]] = {"assertion_id": ids, "number_text": texts}
    for k in ("value", "lower", "upper", "start", "end", "ambiguous"):
        columns[k] = [getattr(run.figures, k) for run in runs]
    return columns


def frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The assertions table from records; missing columns get their defaults, dtypes are fixed."""
    return _typed(
        pd.DataFrame(list(records), dtype=object)
    )  # no arrow strings: a sentence's text stays shared


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The assertions table from a frame of records (objects); missing columns get their defaults,
    dtypes are fixed."""
    return _checked(_converted(df))


def _converted(df: pd.DataFrame) -> pd.DataFrame:
    """A frame of records (objects) with every column, in order, each of its dtype."""
    for col in COLUMNS + EXTRA:
        if col not in df.columns:
            df[col] = _DEFAULTS.get(col)
    order = COLUMNS + EXTRA + [c for c in df.columns if c not in COLUMNS + EXTRA]
    # the table made once from its typed columns (setting them one by one cost a few ms a table)
    return pd.DataFrame({col: _typed_column(df[col]) for col in order}, index=df.index, copy=False)


def _typed_column(column: pd.Series) -> pd.Series:
    """One column of a frame of records (objects) as its dtype: dates, floats, booleans, integers, else
    objects."""
    col = column.name
    if col in DATES:
        return pd.to_datetime(column, errors="raise")
    if col in FLOATS:
        return pd.to_numeric(column, errors="raise").astype("float64")
    if col in BOOLS:
        return column.fillna(_DEFAULTS[col]).astype(bool)
    if col in INTS:
        return column.fillna(0).astype("int64")
    return _objects(column)


def _checked(df: pd.DataFrame) -> pd.DataFrame:
    """The typed table, ids given where missing, validated, indexed from 0."""
    if "assertion_id" in df and df["assertion_id"].isna().any():
        df["assertion_id"] = [aid or f"a{i}" for i, aid in enumerate(df["assertion_id"])]
    validate(df)
    return df.reset_index(drop=True)


def _objects(column: pd.Series) -> pd.Series:
    """A column as objects, None where missing (``astype(object).where(notna, None)``, without a pass
    over a column that misses nothing)."""
    values = column.to_numpy(dtype=object)
    missing = pd.isna(values)
    if missing.any():
        values = values.copy()
        values[missing] = None
    return pd.Series(values, index=column.index, dtype=object, name=column.name)


def validate(df: pd.DataFrame) -> None:
    """Check the table at the boundary between stages; raise ValueError listing every problem."""
    problems = [f"missing column {c!r}" for c in COLUMNS if c not in df.columns]
    if not problems:
        bad_q = sorted(set(df["qualifier"].dropna().unique()) - set(QUALIFIERS))
        if bad_q:
            problems.append(f"unknown qualifiers {bad_q}")
        if not _unique(df["assertion_id"]):
            problems.append(
                f"duplicate assertion ids {sorted(df.loc[df['assertion_id'].duplicated(), 'assertion_id'])[:5]}"
            )
        if (df["lower"] > df["upper"]).any():  # (nan compares false: no bound, no problem)
            problems.append("lower above upper in some rows")
    if problems:
        raise ValueError("invalid assertions table: " + "; ".join(problems))


def _unique(ids: pd.Series) -> bool:
    """Whether no id is there twice (``not ids.duplicated().any()``; a set is quicker, and missing ids,
    which pandas counts as the same, are counted apart)."""
    values = ids.to_numpy(dtype=object)
    return len(set(values.tolist())) == len(values) and int(ids.isna().sum()) < 2


def empty() -> pd.DataFrame:
    return frame([])
