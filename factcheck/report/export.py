"""Exports: the conflicts and assertions tables as CSV (UTF-8, formulas made inert) or Parquet, the whole run as JSON, HTML or an Excel workbook, written atomically."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from factcheck.assertions import COLUMNS, EXTRA
from factcheck.atomic import write_atomic
from factcheck.errors import UsageError
from factcheck.result import CONFLICT_COLUMNS, TREND_COLUMNS

if TYPE_CHECKING:
    from factcheck.result import Result

WEIGHTED_COLUMNS = ["support", "weighted_consensus", "differs_from_majority"]  # runs over a store
TRIAGE_COLUMNS = ["status", "note"]  # a run over a store (--db): each conflict's triage decision


def conflict_columns(conflicts: pd.DataFrame) -> list[str]:
    """The columns a conflicts export has: those of DESIGN.md, ours, and the triage ones when there are."""
    return CONFLICT_COLUMNS + [c for c in TRIAGE_COLUMNS if c in conflicts.columns]


# A spreadsheet runs a cell that starts with one of these as a formula; text from articles must not.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(df: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell that a spreadsheet would read as a formula prefixed with an
    apostrophe (numbers stay numbers: only text columns are touched)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    return out


PARQUET = ".parquet"


def _parquet(df: pd.DataFrame, path: Path, inputs: frozenset[Path]) -> None:
    """The table as Parquet (what a cluster reads): values as they are, no spreadsheet precautions."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError(
            f"{path}: writing Parquet needs pyarrow, which is not installed",
            hint="pip install 'factcheck[parquet]', or write a .csv file",
        ) from None
    write_atomic(lambda fh: df.to_parquet(fh, index=False, engine="pyarrow"), path, inputs, encoding=None)


def _csv(df: pd.DataFrame, path: Path, inputs: frozenset[Path], excel: bool) -> None:
    if Path(path).suffix.lower() == PARQUET:
        _parquet(df, path, inputs)
        return
    table = inert(df)
    write_atomic(
        lambda fh: table.to_csv(fh, index=False, date_format="%Y-%m-%d", lineterminator="\r\n"),
        path,
        inputs,
        encoding="utf-8-sig" if excel else "utf-8",
    )  # a byte-order mark: spreadsheets then read Arabic right


def write_conflicts(
    conflicts: pd.DataFrame, path: Path, inputs: frozenset[Path] = frozenset(), *, excel: bool = False
) -> None:
    """``conflicts.csv``: one row per conflict, columns of DESIGN.md then ours (RFC 4180, UTF-8; Parquet
    when ``path`` ends in .parquet)."""
    _csv(conflicts.reindex(columns=conflict_columns(conflicts)), path, inputs, excel)


def write_assertions(
    assertions: pd.DataFrame, path: Path, inputs: frozenset[Path] = frozenset(), *, excel: bool = False
) -> None:
    """``assertions.csv``: one row per assertion, columns of DESIGN.md then ours (RFC 4180, UTF-8; Parquet
    when ``path`` ends in .parquet)."""
    _csv(assertions.reindex(columns=COLUMNS + EXTRA), path, inputs, excel)


def _csv_text(df: pd.DataFrame, columns: list[str]) -> str:
    return inert(df.reindex(columns=columns)).to_csv(
        index=False, date_format="%Y-%m-%d", lineterminator="\r\n"
    )


def assertions_csv(assertions: pd.DataFrame) -> str:
    """The assertions table as CSV text (for standard output), formulas made inert."""
    return _csv_text(assertions, COLUMNS + EXTRA)


def conflicts_csv(conflicts: pd.DataFrame) -> str:
    """The conflicts table as CSV text, formulas made inert."""
    return _csv_text(conflicts, conflict_columns(conflicts))


def _plain(value: Any) -> Any:
    """A cell as JSON: dates as "YYYY-MM-DD", missing values as null, numpy numbers as numbers."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def _records(df: pd.DataFrame, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """The rows of ``df`` (its ``columns``) as JSON-ready dicts, their cells as :func:`_plain` makes
    them: converted a column at a time, so a table of millions of rows is not read cell by cell."""
    table = df.reindex(columns=columns) if columns else df
    names = list(table.columns)
    if not names:
        return [{} for _ in range(len(table))]
    cells = [_plain_column(table.iloc[:, k]) for k in range(len(names))]
    return [dict(zip(names, row, strict=True)) for row in zip(*cells, strict=True)]


_TEXT = frozenset({str, type(None)})


def _plain_column(column: pd.Series) -> list[Any]:
    """:func:`_plain` of each cell of a column: numbers, flags and dates converted at once, a column
    of text (or nothing) kept as it is; cell by cell only for any other column."""
    kind = column.dtype.kind
    if kind in "biu":
        return column.tolist()
    if kind == "f":
        return [None if math.isnan(v) else v for v in column.tolist()]
    if kind == "M":
        return column.dt.strftime("%Y-%m-%d").astype(object).where(column.notna(), None).tolist()
    values = column.tolist()
    if kind == "O" and set(map(type, values)) <= _TEXT:
        return values
    return [_plain(v) for v in values]


def run_document(result: Result) -> dict[str, Any]:
    """The whole run as one JSON-ready document: what was read, the assertions, conflicts, trends and
    consensus. Nothing in it depends on the clock, so the same input gives the same bytes."""
    from factcheck import __version__
    from factcheck.group import CONSENSUS_COLUMNS

    return {
        "factcheck": __version__,
        "summary": {k: _plain(v) for k, v in result.summary.items()},
        "inputs": sorted(result.inputs),
        "skipped": [{"path": s.path, "reason": s.reason, "level": s.level} for s in result.skipped],
        "rules": [r.code for r in result.rules],
        "conflicts": _records(result.conflicts, conflict_columns(result.conflicts)),
        "trends": _records(result.trends, TREND_COLUMNS),
        "consensus": _records(
            result.consensus, CONSENSUS_COLUMNS + [c for c in WEIGHTED_COLUMNS if c in result.consensus]
        ),
        "assertions": _records(result.assertions, COLUMNS + EXTRA),
    }


def to_json(result: Result) -> str:
    """:func:`run_document` as JSON text (UTF-8 as written, Arabic included; keys in a fixed order)."""
    return json.dumps(run_document(result), ensure_ascii=False, indent=1) + "\n"


def write_html(result: Result, path: Path, inputs: frozenset[Path] = frozenset()) -> None:
    """``--html FILE``: the report as one self-contained page, written atomically."""
    from factcheck.report.html import to_html

    text = to_html(result)
    write_atomic(lambda fh: fh.write(text), path, inputs)


def write_xlsx(result: Result, path: Path, inputs: frozenset[Path] = frozenset()) -> None:
    """``--xlsx FILE``: an Excel workbook of the conflicts, trends, consensus and assertions, written atomically."""
    from factcheck.report.workbook import write_workbook

    write_atomic(lambda fh: write_workbook(result, fh), path, inputs, encoding=None)


def write_exports(
    result: Result,
    *,
    csv: Path | None = None,
    assertions: Path | None = None,
    json: Path | None = None,
    html: Path | None = None,
    xlsx: Path | None = None,
    excel: bool = False,
) -> None:
    """The files a run was asked for (``run --csv --assertions --json --html --xlsx``), each written
    atomically and never over an input; ``excel``: the CSV files start with a byte-order mark."""
    inputs = _inputs(result)
    if csv:
        write_conflicts(result.conflicts, csv, inputs, excel=excel)
    if assertions:
        write_assertions(result.assertions, assertions, inputs, excel=excel)
    if json:
        write_json(result, json, inputs)
    if html:
        write_html(result, html, inputs)
    if xlsx:
        write_xlsx(result, xlsx, inputs)


def to_csv(result: Result, path: str | Path | None = None) -> str | None:
    """The conflicts of ``result`` as CSV: written to ``path`` (atomically, never over an input), or
    returned as text."""
    if path is None:
        return conflicts_csv(result.conflicts)
    write_conflicts(result.conflicts, Path(path), _inputs(result))
    return None


def to_xlsx(result: Result, path: str | Path) -> None:
    """The conflicts, trends, consensus and assertions of ``result`` as an Excel workbook at ``path``."""
    write_xlsx(result, Path(path), _inputs(result))


def _inputs(result: Result) -> frozenset[Path]:
    """The files ``result`` read: never overwritten by an export."""
    return frozenset(Path(p).resolve() for p in result.inputs)


def write_json(result: Result, path: Path, inputs: frozenset[Path] = frozenset()) -> None:
    """``--json FILE``: the whole run as one JSON document, written atomically."""
    text = to_json(result)
    write_atomic(lambda fh: fh.write(text), path, inputs)
