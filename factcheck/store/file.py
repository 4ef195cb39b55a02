"""The store's file opened: a DuckDB connection held by one run at a time, and the errors that say
why a file cannot be opened as a store. Needs DuckDB only (no pandas): a run that finds nothing to
do opens the store through this module alone (store/replay.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError, UsageError

SCHEMA_VERSION = 1  # what this factcheck writes (store/db.py migrates older ones)


class StoreBusyError(FactcheckError):
    """Another run holds the store."""

    def __init__(self, path: Path, waited: float = 0.0) -> None:
        super().__init__(
            f"{path}: the store is in use by another run" + (f" (waited {waited:g} s)" if waited else ""),
            hint="wait for it to finish, then run again, or give --wait SECONDS (nothing was changed)",
        )


class StoreVersionError(FactcheckError):
    """The store was written by a version of factcheck this one cannot read."""


def connect(path: Path, *, create: bool, wait: float = 0.0) -> Any:
    """A DuckDB connection to the store at ``path`` (the file made when missing and ``create``), held
    by this process until closed. Raises StoreBusyError when another run still holds it after
    ``wait`` seconds, UsageError when DuckDB is missing or the file is not a DuckDB file."""
    try:
        import duckdb
    except ImportError:
        raise UsageError(
            "the store (--db) needs DuckDB, which is not installed", hint="pip install 'factcheck[store]'"
        ) from None

    if not path.exists() and not create:
        raise UsageError(f"{path}: no such store", hint=f"make one with: factcheck run PATHS --db {path}")
    if path.exists() and path.is_dir():
        raise UsageError(f"{path}: is a folder, not a store file")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                return duckdb.connect(str(path))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                    raise
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusyError(path, wait) from None
        if "not a valid DuckDB database" in str(exc):
            raise UsageError(
                f"{path}: not a factcheck store (not a DuckDB file)", hint="give another file to --db"
            ) from None
        raise UsageError(f"{path}: cannot open the store ({exc})") from None
    except duckdb.Error as exc:
        raise UsageError(
            f"{path}: not a factcheck store, or written by a newer DuckDB ({str(exc).splitlines()[0]})",
            hint="give another file to --db",
        ) from None


def now() -> dt.datetime:
    """The time a store records (UTC, without a zone: DuckDB's TIMESTAMP)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@contextlib.contextmanager
def transaction(con: Any) -> Iterator[None]:
    """All or nothing: committed when the block ends, rolled back on an error (and, by DuckDB, when
    the process dies before the end)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
