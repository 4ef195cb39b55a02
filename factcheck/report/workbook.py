"""The Excel workbook (``--xlsx``): conflicts, trends, consensus and assertions, one sheet each (openpyxl).

Header rows frozen; numbers, dates and booleans as such; every text cell stored as text (a quote that
starts with "=" is never a formula); cells holding Arabic (or any right-to-left script) read right to left.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np
import pandas as pd

from factcheck.report.rtl import has_rtl

if TYPE_CHECKING:
    from factcheck.result import Result

WIDEST = 60  # characters: a column is never wider than this (long quotes wrap in the cell)
_TEXT_COLUMNS = ("quote", "sentence", "explanation", "severity_reason")


def sheets(result: Result) -> dict[str, pd.DataFrame]:
    """The tables of the workbook, by sheet name, in the columns of the CSV and JSON exports."""
    from factcheck.assertions import COLUMNS, EXTRA
    from factcheck.group import CONSENSUS_COLUMNS
    from factcheck.result import CONFLICT_COLUMNS, TREND_COLUMNS

    return {
        "conflicts": result.conflicts.reindex(columns=CONFLICT_COLUMNS),
        "trends": result.trends.reindex(columns=TREND_COLUMNS),
        "consensus": result.consensus.reindex(columns=CONSENSUS_COLUMNS),
        "assertions": result.assertions.reindex(columns=COLUMNS + EXTRA),
    }


def cell_value(value: Any) -> Any:
    """A table's cell as the workbook holds it: None (an empty cell) for a missing value or empty
    text, a date for a timestamp,
    Python numbers and booleans for numpy ones, text as it is."""
    if value is None or value is pd.NaT or (isinstance(value, str) and not value):
        return None
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, (dt.date, str)):
        return value
    return str(value)


def write_workbook(result: Result, fh: BinaryIO) -> None:
    """The workbook of ``result``, written to the binary file ``fh`` (streamed: openpyxl's write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    rtl = Alignment(readingOrder=2, horizontal="right", wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, table in sheets(result).items():
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        columns = list(table.columns)
        for n, col in enumerate(columns, start=1):
            letter = _letter(n)
            sheet.column_dimensions[letter].width = _width(col, table[col])
        header = []
        for col in columns:
            cell = WriteOnlyCell(sheet, value=col)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        long_text = [col.endswith(_TEXT_COLUMNS) for col in columns]
        for record in table.itertuples(index=False, name=None):
            row = []
            for value, long in zip(record, long_text, strict=True):
                value = cell_value(value)
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, even when it starts with "=": never a formula
                    if has_rtl(value):
                        cell.alignment = rtl
                    elif long:
                        cell.alignment = wrap
                elif isinstance(value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                row.append(cell)
            sheet.append(row)
    book.save(fh)


def _letter(n: int) -> str:
    """Column number -> spreadsheet letters (1 -> A, 27 -> AA)."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _width(name: str, values: pd.Series) -> float:
    """A column as wide as its header or its longest cell (of the first thousand), at most WIDEST."""
    sample = values.head(1000).map(lambda v: len(str(cell_value(v) or "")))
    return float(min(WIDEST, max([len(name), *sample.tolist()]) + 2))
