"""Stage 8, report: the terminal report (rich or plain) and the CSV exports."""

from factcheck.report.console import render
from factcheck.report.export import write_assertions, write_conflicts

__all__ = ["render", "write_assertions", "write_conflicts"]
