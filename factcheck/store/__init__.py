"""The store (``--db FILE``): one DuckDB file of documents, articles, assertions, findings, runs and
triage decisions, opened by one run at a time; a run is one transaction."""

from factcheck.store.db import SCHEMA_VERSION, Store, StoreBusyError, StoreVersionError, open_store

__all__ = ["SCHEMA_VERSION", "Store", "StoreBusyError", "StoreVersionError", "open_store"]
