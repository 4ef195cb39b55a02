"""Triage over a store: a desk's decision on a conflict (confirmed, dismissed, open, with a note), and
the history of each conflict (decisions and what runs found, over time)."""

from __future__ import annotations

from pathlib import Path

from factcheck.errors import UsageError
from factcheck.store.db import STATUSES, open_store


def triage(
    db: str | Path, conflict_id: str, status: str, note: str | None = None, by: str | None = None
) -> str:
    """Record a decision on ``conflict_id`` (one of STATUSES) with the time and the evidence it was
    taken on (when that evidence changes, a dismissed conflict is reported again, as reopened).
    Returns the conflict's evidence (its assertion ids)."""
    if status not in STATUSES:
        raise UsageError(f"unknown status {status!r}", hint=f"one of {', '.join(STATUSES)}")
    with open_store(db, create=False) as store, store.transaction():
        found = store.conflict_evidence(conflict_id)
        if found is None:
            gone = store.history(conflict_id)
            raise UsageError(
                f"{conflict_id}: "
                + ("no longer found by the latest run" if gone else f"no such conflict in {db}"),
                hint="the ids are in the first column of the CSV and in the report's titles",
            )
        evidence, rule_id = found
        store.decide(conflict_id, status, note, by, evidence, rule_id)
    return evidence


def history(db: str | Path, conflict_id: str) -> list[str]:
    """The decisions on ``conflict_id`` and what each run found of it, oldest first, one line each."""
    with open_store(db, create=False) as store:
        events = store.history(conflict_id)
    if not events:
        raise UsageError(f"{conflict_id}: no such conflict in {db}")
    lines = []
    for e in events:
        when = e["time_utc"].strftime("%Y-%m-%d %H:%M:%S UTC")
        if e["kind"] == "decision":
            by = f" by {e['by']}" if e["by"] else ""
            note = f": {e['note']}" if e["note"] else ""
            lines.append(f"{when}  triage   {e['what']}{by}{note}  [evidence: {e['evidence']}]")
        else:
            severity = f" ({e['note']})" if e["note"] else ""
            lines.append(f"{when}  run {e['run_id']:<4} {e['what']}{severity}  [evidence: {e['evidence']}]")
    return lines


def stored_assertions(db: str | Path):
    """Every assertion in the store (as the latest run left them), for the reliability of sources."""
    with open_store(db, create=False) as store:
        return store.assertions().drop(columns="sentence_start")
