"""Manifests: per-file metadata (language, date, source) in a CSV file beside the inputs or named with --manifest."""

from __future__ import annotations

import calendar
import contextlib
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from factcheck.errors import InputError
from factcheck.load.decode import read_text

MANIFEST = "manifest.csv"


@dataclass(frozen=True)
class ManifestEntry:
    lang: str | None = None
    published: date | None = None  # the day, or the last day of the month or year the manifest gives
    source: str | None = None
    published_from: date | None = None  # the first day, when the manifest gives a month or a year
    url: str | None = None  # the address the file was taken from


@dataclass(frozen=True)
class Manifest:
    """What a manifest says: entries by the resolved path of their file (relative to the manifest's
    folder), the files it names that are not there, and its rows read with a doubt (``file:LINE``, what
    was dropped)."""

    entries: dict[Path, ManifestEntry]
    missing: list[str]
    problems: list[tuple[str, str]]


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2}))?")
_NUMERIC = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})")
HINT = "write YYYY-MM-DD, YYYY-MM or YYYY"


def read_period(text: str, dayfirst: bool | None = None) -> tuple[date, date]:
    """The days a manifest's ``published`` covers: a day (``2023-04-12``, an ISO timestamp, ``12/04/2023``),
    a month (``2023-04``) or a year (``2023``), as (first day, last day). ``dayfirst`` says how to read
    ``04/05/2023``: None leaves a date that could be read both ways unread. Raises ValueError with what
    to fix."""
    text = text.strip()
    with contextlib.suppress(ValueError):
        day = datetime.fromisoformat(text).date()  # 2023-04-12, 2023-04-12T10:30:00Z, 20230412
        return day, day
    if m := _ISO_PARTIAL.fullmatch(text):
        year, month = int(m[1]), int(m[2] or 0)
        if not month:
            return date(year, 1, 1), date(year, 12, 31)
        if 1 <= month <= 12:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if m := _NUMERIC.fullmatch(text):
        a, b, c = int(m[1]), int(m[2]), int(m[3])
        if len(m[1]) == 4:  # 2023/04/12
            return _day(a, b, c, text)
        if c < 100:
            raise ValueError(f"{text!r} has a two-digit year; {HINT}")
        if b > 12 or (a <= 12 and dayfirst is False):  # 04/13/2023: the month first
            return _day(c, a, b, text)
        if a > 12 or dayfirst:
            return _day(c, b, a, text)
        raise ValueError(f"{text!r} could be read day first or month first; say --dayfirst or --monthfirst")
    raise ValueError(f"{text!r} is not a date; {HINT}")


def _day(year: int, month: int, day: int, text: str) -> tuple[date, date]:
    try:
        d = date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; {HINT}") from None
    return d, d


def read_manifest(path: Path, languages: Iterable[str], dayfirst: bool | None = None) -> Manifest:
    """A manifest: columns file, lang, published, source and url (others ignored). A row whose language is not one
    of ``languages`` or whose date cannot be read keeps its other fields (the language is then detected,
    the date found in the text) and is named in ``problems`` with its line; a row with no file is named
    too. Only a manifest with no ``file`` column is refused as a whole."""
    rows = csv.DictReader(read_text(path).splitlines())
    if not rows.fieldnames or "file" not in rows.fieldnames:
        raise InputError(
            str(path), "a manifest needs a 'file' column", hint="columns: file,lang,published,source"
        )
    known = set(languages)
    manifest = Manifest({}, [], [])
    for n, row in enumerate(rows, start=2):
        where = f"{path}:{n}"
        name = (row.get("file") or "").strip()
        if not name:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                manifest.problems.append((where, "no file named; row ignored"))
            continue
        lang = (row.get("lang") or "").strip().lower() or None
        if lang and lang not in known:
            manifest.problems.append(
                (where, f"unknown language {lang!r} (one of {', '.join(sorted(known))}); detected instead")
            )
            lang = None
        first = last = None
        published = (row.get("published") or "").strip()
        if published:
            try:
                first, last = read_period(published, dayfirst)
            except ValueError as exc:
                manifest.problems.append((where, f"published {exc}; dated from its text instead"))
        target = (path.parent / name).resolve()
        if not target.exists():
            manifest.missing.append(name)
        manifest.entries[target] = ManifestEntry(
            lang,
            last,
            (row.get("source") or "").strip() or None,
            first if first != last else None,
            (row.get("url") or "").strip() or None,
        )
    return manifest
