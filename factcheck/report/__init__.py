"""Stage 8, report: the terminal report (rich or plain) and the exports (CSV, JSON, HTML, Excel, Parquet)
of a Result: every writer of the package is here."""

from factcheck.report.console import render
from factcheck.report.export import (
    to_csv,
    to_json,
    to_xlsx,
    write_assertions,
    write_conflicts,
    write_exports,
    write_html,
    write_json,
    write_xlsx,
)
from factcheck.report.html import to_html

__all__ = [
    "render",
    "to_csv",
    "to_html",
    "to_json",
    "to_xlsx",
    "write_assertions",
    "write_conflicts",
    "write_exports",
    "write_html",
    "write_json",
    "write_xlsx",
]
