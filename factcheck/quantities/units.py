"""The one pint registry (our definitions on pint's defaults) and unit conversion factors."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from factcheck.cache import Table, file_hash, package_version

DEFINITIONS = Path(__file__).resolve().parent.parent / "data" / "units.txt"

# The unit every measure is stored in, by what it measures.
PREFERRED = ("kilometer", "hour", "kilogram", "liter", "kilometer ** 2", "kilometer / hour")

_lock = threading.Lock()


@lru_cache(maxsize=1)
def registry():  # -> pint.UnitRegistry
    """Build the registry once (pint is slow to load, so only when a measure is first met)."""
    import pint

    with _lock:
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
        ureg.load_definitions(str(DEFINITIONS))
        return ureg


@lru_cache(maxsize=1)
def _factors() -> Table:
    """canonical()'s answers kept across runs (so pint is loaded only for a unit never met before)."""
    return Table(
        "units", file_hash(DEFINITIONS), file_hash(Path(__file__)), PREFERRED, package_version("pint")
    )


@lru_cache(maxsize=256)
def canonical(unit: str) -> tuple[str, float]:
    """(canonical unit, factor): ``canonical("mile") == ("kilometer", 1.609344)``."""
    return _factors().get(unit, lambda: _canonical(unit))


def _canonical(unit: str) -> tuple[str, float]:
    ureg = registry()
    one = ureg.Quantity(1, unit)
    for target in PREFERRED:
        if one.dimensionality == ureg.Quantity(1, target).dimensionality:
            return target.replace(" ", ""), float(one.to(target).magnitude)
    return str(one.units), 1.0
