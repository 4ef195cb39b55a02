"""The store (``--db FILE``): one DuckDB file of documents, articles, assertions, findings, runs and
triage decisions, opened by one run at a time; a run is one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factcheck.store.file import SCHEMA_VERSION, StoreBusyError, StoreVersionError

__all__ = ["SCHEMA_VERSION", "Store", "StoreBusyError", "StoreRun", "StoreVersionError", "open_store"]


@dataclass(frozen=True)
class StoreRun:
    """What a run over a store did: its number, the documents read (new or changed) and left as they
    were, the entity x metric groups recomputed, and the conflicts found for the first time; the
    documents of its inputs (read or left as they were) and those that could not be checked (taken
    out of the store: the next run reads them again)."""

    run_id: int
    documents_total: int
    documents_read: int
    documents_unchanged: int
    groups_total: int
    groups_recomputed: int
    new_conflicts: int
    full_recompute: bool
    documents_given: int = 0
    documents_dropped: int = 0


def __getattr__(name: str) -> Any:
    """Store and open_store, imported when first asked for: their tables need pandas, which a run
    that replays the store's last report (store/replay.py) never loads."""
    if name in ("Store", "open_store"):
        from factcheck.store import db

        return getattr(db, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
