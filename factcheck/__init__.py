"""factcheck: check numbers across news sources and languages (public API: check, Result, find_quantities)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Result", "__version__", "check", "find_quantities"]

if TYPE_CHECKING:
    from factcheck.api import check
    from factcheck.quantities import find_quantities
    from factcheck.result import Result


def __getattr__(name: str) -> Any:  # heavy imports (pandas) only when used: `factcheck --help` stays fast
    if name == "check":
        from factcheck.api import check

        return check
    if name == "Result":
        from factcheck.result import Result

        return Result
    if name == "find_quantities":
        from factcheck.quantities import find_quantities

        return find_quantities
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
