"""Stage 1, load: files, folders and standard input -> Documents, with per-file metadata; what cannot be read is skipped with a reason."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path

from factcheck.errors import InputError, UsageError
from factcheck.load.decode import BLOCK, decode, stream
from factcheck.load.html import check_size, read_page
from factcheck.load.manifest import MANIFEST, ManifestEntry, read_manifest
from factcheck.load.records import csv_rows, jsonl, parquet_rows
from factcheck.models import Document

TEXT, HTML, RECORDS = (".txt", ".md"), (".html", ".htm"), (".jsonl", ".csv", ".parquet")
SUPPORTED = TEXT + HTML + RECORDS
STDIN = "-"


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, or not all of it, and why (shown to the user; the run goes on).
    A ``note`` says what was read with a doubt ("3 dates not understood") and skips nothing."""

    path: str
    reason: str
    level: str = "skipped"  # skipped | note


@dataclass(frozen=True)
class Inputs:
    """The files a run reads, in order (``-`` for standard input), and what manifests say of them."""

    files: tuple[Path, ...]
    manifest: dict[Path, ManifestEntry] = field(default_factory=dict)


@dataclass(frozen=True)
class LoadOptions:
    include: tuple[str, ...] = ()  # globs a file inside a folder must match (one of them)
    exclude: tuple[str, ...] = ()  # globs it must not match
    manifest: Path | None = None  # a manifest for every input, beside any manifest.csv of their folders
    fields: tuple[tuple[str, str], ...] = ()  # record field -> the column that holds it ("text", "body")
    dayfirst: bool | None = None  # how a manifest's 04/05/2023 reads (None: such a date is not guessed)


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (a link that leads back to itself)"
    if exc.errno == errno.ENOENT:
        return "no such file or folder (or a link to nothing)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied"
    return f"cannot read: {exc.strerror or exc}"


def _add_manifest(
    path: Path, manifest: dict[Path, ManifestEntry], skipped: list[Skipped], dayfirst: bool | None
) -> None:
    from factcheck.quantities.lexicon import available_languages

    try:
        read = read_manifest(path, available_languages(), dayfirst)
    except InputError as exc:
        skipped.append(Skipped(exc.path, f"manifest ignored: {exc.reason}"))
        return
    except OSError as exc:
        skipped.append(Skipped(str(path), f"manifest ignored: {_why(exc)}"))
        return
    missing = read.missing
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        skipped.append(
            Skipped(
                str(path),
                f"names {len(missing)} file{'s' if len(missing) > 1 else ''} that {'are' if len(missing) > 1 else 'is'} not there: {shown}",
            )
        )
    skipped.extend(Skipped(where, problem, "note") for where, problem in read.problems)
    entries = read.entries
    for target, entry in entries.items():
        manifest.setdefault(target, entry)  # --manifest first: it wins over a folder's own


def _wanted(rel: str, name: str, options: LoadOptions) -> bool:
    def matches(globs: tuple[str, ...]) -> bool:
        return any(fnmatch(rel, g) or fnmatch(name, g) for g in globs)

    return (not options.include or matches(options.include)) and not matches(options.exclude)


def _walk(
    root: Path,
    folder: Path,
    options: LoadOptions,
    manifest: dict[Path, ManifestEntry],
    skipped: list[Skipped],
    seen: set[tuple[int, int]],
) -> Iterator[Path]:
    """The files under ``folder`` in name order, following links to folders once each (a link back
    to a folder already read is a loop, said and not followed)."""
    st = folder.stat()
    if (st.st_dev, st.st_ino) in seen:
        skipped.append(Skipped(str(folder), "symlink loop (a link to a folder already read); not followed"))
        return
    seen.add((st.st_dev, st.st_ino))
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        skipped.append(Skipped(str(folder), _why(exc)))
        return
    if any(e.name == MANIFEST for e in entries):
        _add_manifest(folder / MANIFEST, manifest, skipped, options.dayfirst)
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name == MANIFEST:
            continue
        try:
            os.stat(path)
        except OSError as exc:
            skipped.append(Skipped(str(path), _why(exc)))
            continue
        if entry.is_dir():
            yield from _walk(root, path, options, manifest, skipped, seen)
        elif _wanted(path.relative_to(root).as_posix(), entry.name, options) and _supported(path, skipped):
            yield path


def _supported(path: Path, skipped: list[Skipped]) -> bool:
    """Whether factcheck reads files of this type; if not, it is said."""
    if path.suffix.lower() in SUPPORTED:
        return True
    skipped.append(Skipped(str(path), f"unsupported file type (supported: {', '.join(SUPPORTED)})"))
    return False


def find_inputs(paths: Iterable[Path], options: LoadOptions, skipped: list[Skipped]) -> Inputs:
    """Every input file under ``paths`` (folders recursively, filtered by the include and exclude
    globs; a file named directly is always read), with the manifest entries that describe them."""
    manifest: dict[Path, ManifestEntry] = {}
    if options.manifest is not None:
        if not Path(options.manifest).is_file():
            raise UsageError(
                f"manifest {options.manifest}: no such file",
                hint="name an existing CSV (file,lang,published,source), or leave --manifest out",
            )
        _add_manifest(options.manifest, manifest, skipped, options.dayfirst)
    files: list[Path] = []
    for root in paths:
        if str(root) == STDIN:
            files.append(Path(STDIN))
            continue
        try:
            mode = os.stat(root).st_mode
        except OSError as exc:
            skipped.append(Skipped(str(root), _why(exc)))
            continue
        if stat.S_ISDIR(mode):
            files.extend(_walk(root, root, options, manifest, skipped, set()))
        else:
            if (root.parent / MANIFEST).is_file() and root.name != MANIFEST:
                _add_manifest(root.parent / MANIFEST, manifest, skipped, options.dayfirst)
            if _supported(root, skipped):
                files.append(root)
    return Inputs(tuple(dict.fromkeys(files)), manifest)


def load(paths: Iterable[Path], options: LoadOptions = LoadOptions()) -> tuple[list[Document], list[Skipped]]:
    """Every document under ``paths`` at once, and what was skipped (for small corpora and notebooks;
    ``check`` reads them one at a time)."""
    skipped: list[Skipped] = []
    documents = list(
        read_documents(find_inputs([Path(p) for p in paths], options, skipped), options, skipped)
    )
    return documents, skipped


def read_documents(
    inputs: Inputs, options: LoadOptions, skipped: list[Skipped], seen: set[str] | None = None
) -> Iterator[Document]:
    """The documents of every input, one file at a time (a large file in parts, a file of records one
    record at a time, so memory stays bounded); what cannot be read goes to ``skipped`` and the rest goes on.
    Document ids are unique: a second "x" becomes "x~2"; ``seen`` (updated) holds the ids given out."""
    seen = set() if seen is None else seen
    for path in inputs.files:
        meta = ManifestEntry() if str(path) == STDIN else inputs.manifest.get(path.resolve(), ManifestEntry())
        try:
            for doc in _documents(path, meta, dict(options.fields), skipped):
                doc_id, n = doc.doc_id, 2
                while doc_id in seen:
                    doc_id, n = f"{doc.doc_id}~{n}", n + 1
                seen.add(doc_id)
                yield doc if doc_id == doc.doc_id else replace(doc, doc_id=doc_id)
        except InputError as exc:
            skipped.append(Skipped(exc.path, exc.reason))
        except OSError as exc:
            skipped.append(Skipped(str(path), _why(exc)))


def _documents(
    path: Path, meta: ManifestEntry, fields: dict[str, str], skipped: list[Skipped]
) -> Iterator[Document]:
    """The documents of one input. A record's own fields win over its file's manifest entry (they are
    more specific); a manifest entry wins over what a page's markup says (a person wrote it)."""
    suffix = path.suffix.lower()
    if suffix in RECORDS:
        yield from _record_documents(path, meta, fields, skipped)
    elif suffix in HTML:
        yield _page_document(path, meta)
    else:
        yield from _text_documents(path, meta)


def _record_documents(
    path: Path, meta: ManifestEntry, fields: dict[str, str], skipped: list[Skipped]
) -> Iterator[Document]:
    """One document per record of a CSV, JSON Lines or Parquet file."""
    name, stem = _names(path)
    problems: list[str] = []
    notes: list[str] = []
    with path.open("rb") as fh:
        reader = {".jsonl": jsonl, ".parquet": parquet_rows}.get(path.suffix.lower(), csv_rows)
        for r in reader(fh, str(path), fields, problems, notes):
            yield Document(
                f"{stem}:{r.number}",
                str(path),
                r.text,
                r.lang or meta.lang,
                r.published or meta.published,
                r.source or meta.source or name,
                r.url or meta.url,
                None if r.published else meta.published_from,
            )
    skipped.extend(Skipped(str(path), p) for p in problems)
    skipped.extend(Skipped(str(path), n, "note") for n in notes)


def _page_document(path: Path, meta: ManifestEntry) -> Document:
    """The one document of a saved web page."""
    name, stem = _names(path)
    check_size(path.stat().st_size, str(path))
    page = read_page(decode(path.read_bytes(), str(path)), str(path))
    return Document(
        stem,
        str(path),
        page.text,
        meta.lang,
        meta.published or page.published,
        meta.source or page.source or name,
        page.url or meta.url,
        meta.published_from if meta.published else None,
    )


def _text_documents(path: Path, meta: ManifestEntry) -> Iterator[Document]:
    """A text file or standard input: one document, or one per part of a large one."""
    stdin = str(path) == STDIN
    name, stem = _names(path)
    if stdin:
        parts: Iterable[str] = _stdin(sys.stdin.buffer)
    elif path.stat().st_size <= BLOCK:
        parts = [decode(path.read_bytes(), str(path))]
    else:
        parts = _parts(path)
    blank = True
    for n, text in enumerate(parts, start=1):
        if text.strip():
            blank = False
            yield Document(
                stem if n == 1 else f"{stem}.part{n}",
                str(path),
                text,
                meta.lang,
                meta.published,
                meta.source or name,
                meta.url,
                published_from=meta.published_from,
            )
    if blank:
        raise InputError(str(path), "nothing on standard input" if stdin else "empty file")


def _names(path: Path) -> tuple[str, str]:
    """(source name, document id stem) of an input: its file's, or "stdin"."""
    return ("stdin", "stdin") if str(path) == STDIN else (path.name, path.stem)


def _stdin(fh) -> Iterable[str]:
    """Standard input as one text, like a file of the same size: one document (its articles are found
    as in any file, at end-of-article markers and repeated titles); more than BLOCK bytes are read in
    parts, as a large file is."""
    head = fh.read(BLOCK + 1)
    if len(head) <= BLOCK:
        return [decode(head, "<stdin>")]
    return stream(io.BufferedReader(_Chain(head, fh)), "<stdin>")


class _Chain(io.RawIOBase):
    """The bytes already read, then the rest of the stream."""

    def __init__(self, head: bytes, rest) -> None:
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _parts(path: Path) -> Iterator[str]:
    with path.open("rb") as fh:
        yield from stream(fh, str(path))
