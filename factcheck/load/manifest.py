"""Manifests: per-file metadata (language, date, source) in a CSV file beside the inputs or named with --manifest."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from factcheck.errors import InputError
from factcheck.load.decode import read_text

MANIFEST = "manifest.csv"


@dataclass(frozen=True)
class ManifestEntry:
    lang: str | None = None
    published: date | None = None
    source: str | None = None


def read_manifest(path: Path) -> tuple[dict[Path, ManifestEntry], list[str]]:
    """The entries of a manifest (columns file, lang, published, source; others ignored), by the
    resolved path of the file each names (relative to the manifest's folder), and the names of the
    files it lists that are not there."""
    rows = csv.DictReader(read_text(path).splitlines())
    if not rows.fieldnames or "file" not in rows.fieldnames:
        raise InputError(
            str(path), "a manifest needs a 'file' column", hint="columns: file,lang,published,source"
        )
    entries: dict[Path, ManifestEntry] = {}
    missing: list[str] = []
    for n, row in enumerate(rows, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            continue
        published = (row.get("published") or "").strip()
        try:
            day = date.fromisoformat(published) if published else None
        except ValueError:
            raise InputError(
                f"{path}:{n}", f"published {published!r} is not a date", hint="write dates as YYYY-MM-DD"
            ) from None
        target = (path.parent / name).resolve()
        if not target.exists():
            missing.append(name)
        entries[target] = ManifestEntry(
            (row.get("lang") or "").strip() or None, day, (row.get("source") or "").strip() or None
        )
    return entries, missing
