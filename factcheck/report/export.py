"""CSV exports of the conflicts and assertions tables: UTF-8, the DESIGN.md columns first, written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from factcheck.assertions import COLUMNS, EXTRA
from factcheck.engine.kinds import CONFLICT_COLUMNS
from factcheck.errors import UsageError


def _write_atomic(df: pd.DataFrame, path: Path, inputs: frozenset[Path] = frozenset()) -> None:
    path = Path(path)
    if path.resolve() in inputs:
        raise UsageError(f"{path}: refusing to overwrite an input file", hint="write the export somewhere else")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            df.to_csv(fh, index=False, date_format="%Y-%m-%d", lineterminator="\r\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_conflicts(conflicts: pd.DataFrame, path: Path, inputs: frozenset[Path] = frozenset()) -> None:
    """``conflicts.csv``: one row per conflict, columns of DESIGN.md then ours."""
    _write_atomic(conflicts.reindex(columns=CONFLICT_COLUMNS), path, inputs)


def write_assertions(assertions: pd.DataFrame, path: Path, inputs: frozenset[Path] = frozenset()) -> None:
    """``assertions.csv``: one row per assertion, columns of DESIGN.md then ours."""
    _write_atomic(assertions.reindex(columns=COLUMNS + EXTRA), path, inputs)
