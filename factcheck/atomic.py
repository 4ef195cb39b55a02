"""Writing a file atomically and never over an input: what every export (report/export.py) and a
replayed store report (store/replay.py) write through. Needs nothing beyond the standard library."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from factcheck.errors import UsageError


def write_atomic(
    write, path: Path, inputs: frozenset[Path] = frozenset(), encoding: str | None = "utf-8"
) -> None:
    """Write through ``write(file)`` to a temporary file beside ``path``, then rename it into place:
    an interrupted run leaves no half-written export, and an input file is never overwritten.
    ``encoding`` None: ``file`` takes bytes."""
    path = Path(path)
    if path.resolve() in inputs:
        raise UsageError(
            f"{path}: refusing to overwrite an input file", hint="write the export somewhere else"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with (
            os.fdopen(fd, "wb") if encoding is None else os.fdopen(fd, "w", encoding=encoding, newline="")
        ) as fh:
            write(fh)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as any file the user writes, not mkstemp's owner-only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
