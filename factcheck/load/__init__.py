"""Stage 1, load: files and folders -> Documents, with per-file metadata from a manifest; bad files skipped with a reason."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from factcheck.errors import InputError
from factcheck.models import Document

SUPPORTED = (".txt", ".md")
MANIFEST = "manifest.csv"


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why (shown to the user; the run goes on)."""

    path: str
    reason: str


@dataclass(frozen=True)
class ManifestEntry:
    lang: str | None
    published: date | None
    source: str | None


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """``manifest.csv``: one row per file (columns file, lang, published, source; others ignored)."""
    entries: dict[str, ManifestEntry] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "file" not in reader.fieldnames:
            raise InputError(str(path), "a manifest needs a 'file' column", hint="columns: file,lang,published,source")
        for n, row in enumerate(reader, start=2):
            published = (row.get("published") or "").strip()
            try:
                day = date.fromisoformat(published) if published else None
            except ValueError:
                raise InputError(f"{path}:{n}", f"published {published!r} is not a date", hint="write dates as YYYY-MM-DD") from None
            entries[row["file"].strip()] = ManifestEntry(
                lang=(row.get("lang") or "").strip() or None,
                published=day,
                source=(row.get("source") or "").strip() or None,
            )
    return entries


def _files(path: Path) -> Iterable[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield child
    else:
        yield path


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(str(path), "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (bad byte at offset {exc.start})", hint="save the file as UTF-8") from None
    if not text.strip():
        raise InputError(str(path), "empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load(paths: Iterable[Path]) -> tuple[list[Document], list[Skipped]]:
    """Read every supported file under ``paths``; what cannot be read is listed, never fatal."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen_ids: set[str] = set()
    manifests: dict[Path, dict[str, ManifestEntry]] = {}
    for root in paths:
        root = Path(root)
        if not root.exists():
            skipped.append(Skipped(str(root), "no such file or folder"))
            continue
        for path in _files(root):
            if path.name == MANIFEST:
                continue
            if path.suffix.lower() not in SUPPORTED:
                skipped.append(Skipped(str(path), f"unsupported file type (supported: {', '.join(SUPPORTED)})"))
                continue
            folder = path.parent
            if folder not in manifests:
                manifests[folder] = {}
                if (folder / MANIFEST).is_file():
                    try:
                        manifests[folder] = read_manifest(folder / MANIFEST)
                    except (InputError, OSError, UnicodeDecodeError, csv.Error) as exc:
                        skipped.append(Skipped(str(folder / MANIFEST), f"manifest ignored: {getattr(exc, 'reason', exc)}"))
            try:
                text = _read_text(path)
            except InputError as exc:
                skipped.append(Skipped(exc.path, exc.reason))
                continue
            except OSError as exc:
                skipped.append(Skipped(str(path), f"cannot read: {exc.strerror or exc}"))
                continue
            meta = manifests[folder].get(path.name, ManifestEntry(None, None, None))
            doc_id = path.stem
            n = 2
            while doc_id in seen_ids:
                doc_id, n = f"{path.stem}~{n}", n + 1
            seen_ids.add(doc_id)
            documents.append(Document(doc_id, str(path), text, meta.lang, meta.published, meta.source or path.name))
    return documents, skipped
