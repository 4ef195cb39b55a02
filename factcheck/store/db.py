"""The store's file: opened by one run at a time, its schema version checked (migrated or refused),
its tables read and written inside one transaction per run."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from factcheck.assertions import BOOLS, COLUMNS, DATES, EXTRA, FLOATS, INTS, frame
from factcheck.errors import UsageError
from factcheck.models import Article, Document
from factcheck.result import CONFLICT_COLUMNS, TREND_COLUMNS
from factcheck.store.file import SCHEMA_VERSION, StoreVersionError, connect, now, transaction

# From version N to N + 1: the SQL statements that migrate a store (none yet: version 1 is the first).
MIGRATIONS: dict[int, tuple[str, ...]] = {}
FINDING_NUMBERS = frozenset(
    {"a_value", "b_value", "gap", "relative_gap", "from_value", "to_value", "change", "relative_change"}
)
FINDING_DAYS = frozenset({"from_date", "to_date"})  # kept as text, "2023-04-12"; read back as dates
# sentence_start: which sentence (for repeats); ordinal: the row's place among its document's
ASSERTION_COLUMNS = [*COLUMNS, *EXTRA, "sentence_start", "ordinal"]
STATUSES = ("open", "confirmed", "dismissed")

_TABLES = {
    "meta": "key VARCHAR, value VARCHAR",
    "runs": "run_id INTEGER, started TIMESTAMP, finished TIMESTAMP, paths VARCHAR, documents_total INTEGER, "
    "documents_read INTEGER, documents_unchanged INTEGER, groups_total INTEGER, groups_recomputed INTEGER, "
    "conflicts INTEGER, new_conflicts INTEGER, full_recompute BOOLEAN",
    "documents": "doc_id VARCHAR, position INTEGER, path VARCHAR, content_hash VARCHAR, text VARCHAR, "
    "lang VARCHAR, published DATE, source VARCHAR, url VARCHAR, first_run INTEGER, changed_run INTEGER",
    "articles": "article_id VARCHAR, doc_id VARCHAR, n INTEGER, text VARCHAR, sentences VARCHAR, is_repeat BOOLEAN",
    "decisions": "seq INTEGER, conflict_id VARCHAR, time_utc TIMESTAMP, status VARCHAR, note VARCHAR, "
    "decided_by VARCHAR, evidence VARCHAR, rule_id VARCHAR",
    "events": "seq INTEGER, conflict_id VARCHAR, run_id INTEGER, time_utc TIMESTAMP, event VARCHAR, evidence VARCHAR, "
    "severity VARCHAR",
}


def _sql_type(column: str) -> str:
    if column in DATES:
        return "DATE"
    if column in FLOATS or column in FINDING_NUMBERS:
        return "DOUBLE"
    if column in BOOLS:
        return "BOOLEAN"
    if column in INTS or column in ("sentence_start", "ordinal"):
        return "BIGINT"
    return "VARCHAR"


def _columns_sql(columns: Iterable[str]) -> str:
    return ", ".join(f'"{c}" {_sql_type(c)}' for c in columns)


@contextlib.contextmanager
def open_store(path: str | Path, *, create: bool = True, wait: float = 0.0) -> Iterator[Store]:
    """The store at ``path``, held by this process until the block ends (created when missing and
    ``create``). Raises StoreBusyError when another run still holds it after ``wait`` seconds,
    StoreVersionError when it was written by a factcheck this one cannot read, UsageError when it
    is not a store."""
    path = Path(path)
    con = connect(path, create=create, wait=wait)
    try:
        store = Store(con, path)
        store.check_schema()
        yield store
    finally:
        con.close()


class Store:
    """An open store: its tables, read and written on this connection (see :func:`open_store`)."""

    def __init__(self, con: Any, path: Path) -> None:
        self.con = con
        self.path = path

    # -- schema ---------------------------------------------------------------------------------

    def _tables(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}

    def _table_columns(self, table: str) -> list[str]:
        return [
            r[0]
            for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
        ]

    def check_schema(self) -> None:
        """Create the tables of a new store; check (and migrate) the version of an existing one, and
        add the columns a newer factcheck gives its tables."""
        tables = self._tables()
        if not tables:
            with self.transaction():
                for name, columns in _TABLES.items():
                    self.con.execute(f"CREATE TABLE {name} ({columns})")
                self.con.execute(f"CREATE TABLE assertions ({_columns_sql(ASSERTION_COLUMNS)})")
                self.con.execute(
                    f"CREATE TABLE conflicts ({_columns_sql(CONFLICT_COLUMNS)}, first_run INTEGER, evidence VARCHAR)"
                )
                self.con.execute(f"CREATE TABLE trends ({_columns_sql(TREND_COLUMNS)})")
                self.set_meta("schema_version", str(SCHEMA_VERSION))
            return
        if "meta" not in tables:
            raise UsageError(
                f"{self.path}: a DuckDB file, but not a factcheck store (no meta table)",
                hint="give another file to --db",
            )
        version = self.meta("schema_version")
        if version is None or not version.isdigit():
            raise StoreVersionError(f"{self.path}: not a factcheck store (no schema version)")
        found = int(version)
        if found > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.path}: written by a newer factcheck (store version {found}; this one reads up to {SCHEMA_VERSION})",
                hint="upgrade factcheck, or give another file to --db",
            )
        if found < SCHEMA_VERSION:
            self._migrate(found)
        with self.transaction():
            for table, columns in (
                ("assertions", ASSERTION_COLUMNS),
                ("conflicts", CONFLICT_COLUMNS),
                ("trends", TREND_COLUMNS),
            ):
                have = set(self._table_columns(table))
                for col in columns:
                    if col not in have:  # a newer factcheck's column: added, filled by the next full run
                        self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{col}" {_sql_type(col)}')
                        self.set_meta("fingerprint", "")

    def _migrate(self, found: int) -> None:
        """Bring a store of an older schema version up to this one, in one transaction, or refuse."""
        if any(v not in MIGRATIONS for v in range(found, SCHEMA_VERSION)):
            raise StoreVersionError(
                f"{self.path}: written by an older factcheck (store version {found}) that this one cannot migrate "
                f"(it reads version {SCHEMA_VERSION})",
                hint="keep that store with the factcheck that wrote it, or start a new one with another --db file",
            )
        with self.transaction():
            for v in range(found, SCHEMA_VERSION):
                for statement in MIGRATIONS[v]:
                    self.con.execute(statement)
            self.set_meta("schema_version", str(SCHEMA_VERSION))

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """All or nothing (see file.transaction)."""
        return transaction(self.con)

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", [key])
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("DELETE FROM meta WHERE key = ?", [key])
        self.con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])

    # -- runs -----------------------------------------------------------------------------------

    def new_run(self, paths: list[str]) -> int:
        run_id = self._one("SELECT coalesce(max(run_id), 0) + 1 FROM runs")[0]
        self.con.execute(
            "INSERT INTO runs (run_id, started, paths) VALUES (?, ?, ?)", [run_id, now(), json.dumps(paths)]
        )
        return int(run_id)

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        sets = ", ".join(f"{k} = ?" for k in stats)
        self.con.execute(
            f"UPDATE runs SET finished = ?, {sets} WHERE run_id = ?", [now(), *stats.values(), run_id]
        )

    def runs(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM runs ORDER BY run_id")

    # -- documents, articles, assertions ----------------------------------------------------------

    def urls(self) -> dict[str, str | None]:
        """doc_id -> the web address of each stored document (None when its input gave none)."""
        return dict(self.con.execute("SELECT doc_id, url FROM documents").fetchall())

    def documents(self) -> dict[str, tuple[str, str, int]]:
        """doc_id -> (path, content hash, position), for every stored document."""
        return {
            r[0]: (r[1], r[2], r[3])
            for r in self.con.execute("SELECT doc_id, path, content_hash, position FROM documents").fetchall()
        }

    def stored_documents(self, doc_ids: Iterable[str]) -> list[Document]:
        """The stored documents ``doc_ids`` as they were read, in their order in the store."""
        wanted = set(doc_ids)
        rows = self.con.execute(
            "SELECT doc_id, path, text, lang, published, source, url FROM documents ORDER BY position"
        ).fetchall()
        return [Document(*r) for r in rows if r[0] in wanted]

    def put_documents(
        self, documents: list[tuple[Document, str, int, list[Article]]], assertions: pd.DataFrame, run_id: int
    ) -> None:
        """Store each (document, content hash, position, articles), replacing what was stored of it,
        and the ``assertions`` of them all."""
        ids = [d.doc_id for d, _, _, _ in documents]
        first = dict(
            self._many("SELECT doc_id, first_run FROM documents WHERE doc_id IN (SELECT id FROM _ids)", ids)
        )
        for table in ("documents", "articles", "assertions"):
            self._many(f"DELETE FROM {table} WHERE doc_id IN (SELECT id FROM _ids)", ids)
        rows = pd.DataFrame(
            [
                (
                    d.doc_id,
                    at,
                    d.path,
                    digest,
                    d.text,
                    d.lang,
                    d.published,
                    d.source,
                    d.url,
                    first.get(d.doc_id, run_id),
                    run_id,
                )
                for d, digest, at, _ in documents
            ],
            columns=self._table_columns("documents"),
        )
        self._insert_frame("documents", rows)
        articles = [a for _, _, _, arts in documents for a in arts]
        if articles:
            n_of = {a.article_id: n for _, _, _, arts in documents for n, a in enumerate(arts)}
            table = pd.DataFrame(
                {
                    "article_id": [a.article_id for a in articles],
                    "doc_id": [a.doc_id for a in articles],
                    "n": [n_of[a.article_id] for a in articles],
                    "text": [a.text for a in articles],
                    "sentences": [json.dumps([[s.start, s.end] for s in a.sentences]) for a in articles],
                    "is_repeat": [a.is_repeat for a in articles],
                }
            )
            self._insert_frame("articles", table)
        if len(assertions):
            self._insert("assertions", assertions, ASSERTION_COLUMNS)

    def _many(self, sql: str, ids: list[str]) -> list[tuple]:
        """``sql`` over the table ``_ids`` of ``ids`` (one column, ``id``)."""
        self.con.register("_ids", pd.DataFrame({"id": pd.Series(ids, dtype=object)}))
        try:
            return self.con.execute(sql).fetchall()
        finally:
            self.con.unregister("_ids")

    def _insert_frame(self, table: str, df: pd.DataFrame) -> None:
        self.con.register("_frame", df)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _frame")
        finally:
            self.con.unregister("_frame")

    def delete_document(self, doc_id: str) -> None:
        for table in ("documents", "articles", "assertions"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])

    def groups_of(self, doc_ids: list[str]) -> set[str]:
        """The entity x metric groups (as :func:`factcheck.store.changes.group_keys` writes them) of
        the stored assertions of ``doc_ids``, and of the stocks their flows and changes are about."""
        self.con.register("_docs", pd.DataFrame({"doc_id": doc_ids}))
        rows = self.con.execute(
            "SELECT DISTINCT coalesce(entity, ''), coalesce(metric, ''), coalesce(decreases, ''), coalesce(change_of, '') "
            "FROM assertions WHERE doc_id IN (SELECT doc_id FROM _docs)"
        ).fetchall()
        self.con.unregister("_docs")
        out = set()
        for entity, metric, decreases, change_of in rows:
            out |= {f"{entity}\x1f{m}" for m in (metric, decreases, change_of) if m}
        return out

    def articles(self) -> list[tuple[str, str, list[list[int]], bool]]:
        """(article_id, text, sentence offsets, is_repeat) of every article, in the order of the store."""
        rows = self.con.execute(
            "SELECT a.article_id, a.text, a.sentences, a.is_repeat FROM articles a "
            "JOIN documents d USING (doc_id) ORDER BY d.position, a.n"
        ).fetchall()
        return [(r[0], r[1], json.loads(r[2]), bool(r[3])) for r in rows]

    def article_repeats(self) -> dict[str, bool]:
        """article_id -> whether it is a repeat, as the latest run found."""
        return {
            r[0]: bool(r[1])
            for r in self.con.execute("SELECT article_id, is_repeat FROM articles").fetchall()
        }

    def set_repeats(self, articles: dict[str, bool], assertions: dict[str, bool]) -> None:
        """Mark articles and assertions as repeats (True) or not."""
        for table, key, flags in (
            ("articles", "article_id", articles),
            ("assertions", "assertion_id", assertions),
        ):
            if flags:
                change = pd.DataFrame({"id": list(flags), "flag": list(flags.values())})
                self.con.register("_flags", change)
                self.con.execute(
                    f"UPDATE {table} SET is_repeat = _flags.flag FROM _flags WHERE {table}.{key} = _flags.id"
                )
                self.con.unregister("_flags")

    def assertions(self) -> pd.DataFrame:
        """Every stored assertion, as the assertions table (with ``sentence_start``), in store order."""
        cur = self.con.execute(
            f"SELECT {', '.join(f'a.{chr(34)}{c}{chr(34)}' for c in ASSERTION_COLUMNS)} FROM assertions a "
            "JOIN documents d USING (doc_id) ORDER BY d.position, a.ordinal"
        )
        names = [d[0] for d in cur.description]
        records = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        table = frame(records) if records else frame([]).assign(sentence_start=0, ordinal=0)
        return table.drop(columns="ordinal")

    # -- findings ---------------------------------------------------------------------------------

    def findings(self, table: str) -> dict[str, np.ndarray]:
        """A findings table (``conflicts`` or ``trends``) as columns of arrays (numbers as floats)."""
        columns = CONFLICT_COLUMNS if table == "conflicts" else TREND_COLUMNS
        cur = self.con.execute(f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} FROM {table}")
        rows = cur.fetchall()
        out = {}
        for n, col in enumerate(columns):
            values = [r[n] for r in rows]
            if col in FINDING_NUMBERS:
                out[col] = np.array([np.nan if v is None else v for v in values], dtype=float)
            elif col in FINDING_DAYS:
                out[col] = pd.to_datetime(pd.Series(values, dtype=object)).to_numpy("datetime64[D]")
            else:
                arr = np.empty(len(values), dtype=object)
                arr[:] = values
                out[col] = arr
        return out

    def first_runs(self) -> dict[str, int]:
        return dict(self.con.execute("SELECT conflict_id, first_run FROM conflicts").fetchall())

    def stored_evidence(self) -> dict[str, str]:
        """conflict_id -> the evidence of each stored conflict (see changes.evidence_of)."""
        return dict(self.con.execute("SELECT conflict_id, evidence FROM conflicts").fetchall())

    def write_findings(
        self, conflicts: pd.DataFrame, trends: pd.DataFrame, first_run: dict[str, int], evidence: list[str]
    ) -> None:
        """Replace the stored findings by these (``first_run``: the run each conflict was first found
        in; ``evidence``: per conflict, the assertions behind it)."""
        self.con.execute("DELETE FROM conflicts")
        self.con.execute("DELETE FROM trends")
        if len(conflicts):
            table = conflicts.reindex(columns=CONFLICT_COLUMNS).assign(
                first_run=[first_run[c] for c in conflicts["conflict_id"]], evidence=evidence
            )
            self._insert("conflicts", table, [*CONFLICT_COLUMNS, "first_run", "evidence"])
        if len(trends):
            self._insert("trends", trends, TREND_COLUMNS)

    def _insert(self, table: str, df: pd.DataFrame, columns: list[str]) -> None:
        data = {}
        for col in columns:
            values = df[col] if col in df else pd.Series([None] * len(df), index=df.index)
            kind = _sql_type(col)
            if kind == "DOUBLE":
                values = pd.to_numeric(values, errors="coerce").astype("float64")
            elif col in FINDING_DAYS:
                values = pd.to_datetime(values).dt.strftime("%Y-%m-%d").astype(object)
                values = values.where(values.notna(), None)
            elif kind == "VARCHAR":
                values = values.astype(object).where(values.notna(), None)
                values = values.map(lambda v: v if v is None or isinstance(v, str) else str(v))
            data[col] = values.to_numpy()
        self.con.register("_rows", pd.DataFrame(data, columns=columns))
        quoted = ", ".join(f'"{c}"' for c in columns)
        self.con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _rows")
        self.con.unregister("_rows")

    # -- triage -----------------------------------------------------------------------------------

    def add_events(self, run_id: int, events: list[tuple[str, str, str, str]]) -> None:
        """Record what happened to conflicts in a run: (conflict_id, event, evidence, severity)."""
        if not events:
            return
        start = self._one("SELECT coalesce(max(seq), 0) FROM events")[0]
        at = now()
        table = pd.DataFrame(
            {
                "seq": range(start + 1, start + 1 + len(events)),
                "conflict_id": [e[0] for e in events],
                "run_id": run_id,
                "time_utc": at,
                "event": [e[1] for e in events],
                "evidence": [e[2] for e in events],
                "severity": [e[3] for e in events],
            }
        )
        self.con.register("_events", table)
        self.con.execute("INSERT INTO events SELECT * FROM _events")
        self.con.unregister("_events")

    def decide(
        self, conflict_id: str, status: str, note: str | None, by: str | None, evidence: str, rule_id: str
    ) -> None:
        seq = self._one("SELECT coalesce(max(seq), 0) + 1 FROM decisions")[0]
        self.con.execute(
            "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [seq, conflict_id, now(), status, note, by, evidence, rule_id],
        )

    def latest_decisions(self) -> dict[str, tuple[str, str | None, str, str]]:
        """conflict_id -> (status, note, evidence at the time, rule) of the latest decision on each,
        oldest decision first."""
        rows = self.con.execute(
            "SELECT conflict_id, status, note, evidence, rule_id FROM decisions "
            "QUALIFY row_number() OVER (PARTITION BY conflict_id ORDER BY seq DESC) = 1 ORDER BY seq"
        ).fetchall()
        return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}

    def conflict_evidence(self, conflict_id: str) -> tuple[str, str] | None:
        """The evidence (assertion ids) and rule of a conflict the latest run found, None if none."""
        row = self._one("SELECT evidence, rule_id FROM conflicts WHERE conflict_id = ?", [conflict_id])
        return None if row is None else (row[0], row[1])

    def history(self, conflict_id: str) -> list[dict[str, Any]]:
        """Decisions and events of one conflict, oldest first."""
        rows = self.con.execute(
            "SELECT time_utc, 'decision' AS kind, status AS what, note, decided_by, evidence, NULL AS run_id, seq "
            "FROM decisions WHERE conflict_id = ? "
            "UNION ALL SELECT time_utc, 'run', event, severity, NULL, evidence, run_id, seq FROM events "
            "WHERE conflict_id = ? ORDER BY time_utc, kind DESC, seq",
            [conflict_id, conflict_id],
        ).fetchall()
        names = ["time_utc", "kind", "what", "note", "by", "evidence", "run_id", "seq"]
        return [dict(zip(names, r, strict=True)) for r in rows]

    def _one(self, sql: str, params: list[Any] | None = None) -> Any:
        """The first row of a query (all of it fetched: DuckDB wants every result finished)."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def _frame(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return pd.DataFrame.from_records(cur.fetchall(), columns=names)
