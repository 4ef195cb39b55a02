"""Stage 8, report: the terminal report (rich or plain) and the exports (CSV, JSON, HTML, Excel)."""

from factcheck.report.console import render
from factcheck.report.export import (
    to_json,
    write_assertions,
    write_conflicts,
    write_html,
    write_json,
    write_xlsx,
)

__all__ = [
    "render",
    "to_json",
    "write_assertions",
    "write_conflicts",
    "write_html",
    "write_json",
    "write_xlsx",
]
