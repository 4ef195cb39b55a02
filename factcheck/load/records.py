"""Articles stored as records (JSON Lines, CSV, Parquet): one article per record, its fields found by name or named by the user."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from factcheck.errors import InputError
from factcheck.load.decode import newlines, sniff

FIELDS_FILE = Path(__file__).resolve().parent.parent / "data" / "fields.yaml"


@lru_cache(maxsize=1)
def field_names() -> dict[str, tuple[str, ...]]:
    """The names each field of an article goes by in datasets (data/fields.yaml), by field."""
    import yaml  # only for datasets (JSON Lines, CSV, Parquet): a run over text files does without it

    data = yaml.safe_load(FIELDS_FILE.read_text(encoding="utf-8"))
    return {field: tuple(str(n).casefold() for n in names) for field, names in data.items()}


@dataclass(frozen=True)
class Record:
    """One article read from a record: where it is in the file and what its fields say."""

    number: int  # the line of a JSON Lines file, the row of a CSV file (header = row 1)
    text: str
    title: str | None = None
    published: date | None = None
    lang: str | None = None
    source: str | None = None
    url: str | None = None
    bad_date: bool = False  # a date was given but could not be read


def parse_date(value: Any) -> date | None:
    """A record's or a page's date: ISO dates and timestamps, else what dateparser reads; None if neither."""
    if isinstance(value, datetime):  # Parquet's timestamps
        return value.date()
    if isinstance(value, date):  # Parquet's dates
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 4e10:
        return datetime.fromtimestamp(value).date()  # seconds since 1970
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser

    found = dateparser.parse(text[:80], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return found.date() if found else None


def source_of(url: Any) -> str | None:
    """The site of a web address ("www.lemonde.fr" -> "lemonde.fr")."""
    if not isinstance(url, str) or "." not in url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host.removeprefix("www.") or None


def _columns(names: list[str], fields: dict[str, str], path: str) -> dict[str, str]:
    """Which key holds each field: the user's choice, else the first known name present."""
    by_fold = {n.casefold(): n for n in names}
    out: dict[str, str] = {}
    for role, candidates in field_names().items():
        if role in fields:
            if fields[role] not in names:
                raise InputError(
                    path,
                    f"no field {fields[role]!r} (given with --field {role}=...)",
                    hint=f"fields here: {', '.join(names[:20])}",
                )
            out[role] = fields[role]
        elif found := next((by_fold[c] for c in candidates if c in by_fold), None):
            out[role] = found
    if "text" not in out:
        raise InputError(
            path,
            f"no text field among {', '.join(names[:20]) or 'no fields'}",
            hint="name it with --field text=COLUMN",
        )
    return out


def _record(number: int, row: dict[str, Any], columns: dict[str, str]) -> Record | None:
    get = {role: row.get(key) for role, key in columns.items()}
    text = get.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    title = get.get("title") if isinstance(get.get("title"), str) and get["title"].strip() else None
    if title and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    lang = get.get("lang")
    source = (
        get.get("source")
        if isinstance(get.get("source"), str) and get["source"].strip()
        else source_of(get.get("url"))
    )
    given = get.get("date")
    published = parse_date(given)
    return Record(
        number,
        newlines(text),
        title,
        published,
        lang.strip().lower()[:2] if isinstance(lang, str) and lang.strip() else None,
        source,
        get.get("url") if isinstance(get.get("url"), str) else None,
        bad_date=published is None and given not in (None, ""),
    )


def _text_stream(fh: BinaryIO, path: str) -> io.TextIOWrapper:
    encoding = sniff(fh.read(1 << 20), path)
    fh.seek(0)
    return io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")


def jsonl(
    fh: BinaryIO, path: str, fields: dict[str, str], problems: list[str], notes: list[str]
) -> Iterator[Record]:
    """Each line a JSON object; broken lines and records without text are listed in ``problems``
    (line numbers) and the good lines kept; dates that could not be read are listed in ``notes``."""
    broken: list[int] = []

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, line in enumerate(_text_stream(fh, path), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                row = None
            if isinstance(row, dict):
                yield number, row
            else:
                broken.append(number)

    read = yield from _records(rows(), None, fields, path, problems, notes, broken, "line", "record")
    if not read and not broken:
        raise InputError(path, "empty file")


def csv_rows(
    fh: BinaryIO, path: str, fields: dict[str, str], problems: list[str], notes: list[str]
) -> Iterator[Record]:
    """Each row after the header an article; rows without text are listed in ``problems``, dates that
    could not be read in ``notes``. The delimiter is the one the header uses (``,``, ``;`` as
    spreadsheets write it in France and Italy, a tab or ``|``)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is a long field
    stream = _text_stream(fh, path)
    header = stream.readline()
    stream.seek(0)
    delimiter = max(",;\t|", key=header.count) if header.strip() else ","
    reader = csv.DictReader(stream, delimiter=delimiter)
    try:
        names = reader.fieldnames
    except csv.Error as exc:
        raise InputError(path, f"not CSV: {exc}") from None
    if not names:
        raise InputError(path, "empty file")
    broken: list[int] = []

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        it = iter(reader)
        while True:
            try:
                row = next(it)
            except StopIteration:
                return
            except csv.Error:
                broken.append(reader.line_num)
                continue
            yield reader.line_num, row

    columns = _columns([n for n in names if n is not None], fields, path)
    yield from _records(rows(), columns, fields, path, problems, notes, broken, "row", "row")


PARQUET_BATCH = 1000  # rows read at a time: memory stays bounded by the batch, not the file
PARQUET_HINT = "Parquet files are read with pyarrow: pip install 'factcheck[parquet]'"


def parquet_rows(
    fh: BinaryIO, path: str, fields: dict[str, str], problems: list[str], notes: list[str]
) -> Iterator[Record]:
    """Each row an article, with the same fields as JSON Lines (found by name, or named with
    --field); read a batch of rows at a time. Rows without text are listed in ``problems``."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(path, f"not read: {PARQUET_HINT}") from None
    try:
        table = pq.ParquetFile(fh)
    except Exception as exc:  # pyarrow says what is wrong with the file in its own exception types
        raise InputError(path, f"not a Parquet file ({exc})") from None
    names = list(table.schema_arrow.names)
    if table.metadata.num_rows == 0:
        raise InputError(path, "empty file")
    columns = _columns(names, fields, path)
    wanted = sorted(set(columns.values()), key=names.index)

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        number = 0
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for row in batch.to_pylist():
                number += 1
                yield number, row

    yield from _records(rows(), columns, fields, path, problems, notes, [], "row", "row")


def _records(
    rows: Iterator[tuple[int, dict[str, Any]]],
    columns: dict[str, str] | None,
    fields: dict[str, str],
    path: str,
    problems: list[str],
    notes: list[str],
    broken: list[int],
    unit: str,
    what: str,
) -> Iterator[Record]:
    """The records of numbered ``rows`` (their fields found on the first row when ``columns`` is
    None); then what went wrong is said: the ``broken`` units ("line", "row"), the rows without text,
    the dates not understood. Returns how many rows were read."""
    empty, undated, read = [], [], 0
    for number, row in rows:
        read += 1
        columns = columns or _columns(list(row), fields, path)
        record = _record(number, row, columns)
        if record is None:
            empty.append(number)
            continue
        if record.bad_date:
            undated.append(number)
        yield record
    problems += _said(broken, f"broken {unit}") + _said(
        empty, f"{what} without text", f"{what}s without text"
    )
    notes += _undated(undated)
    return read


def _lines(numbers: list[int]) -> str:
    return (
        f"line{'s' if len(numbers) > 1 else ''} "
        + ", ".join(map(str, numbers[:10]))
        + (", …" if len(numbers) > 10 else "")
    )


def _said(numbers: list[int], one: str, many: str | None = None) -> list[str]:
    if not numbers:
        return []
    return [f"{len(numbers)} {one if len(numbers) == 1 else many or one + 's'} skipped ({_lines(numbers)})"]


def _undated(numbers: list[int]) -> list[str]:
    """Records read, but whose date could not be: they are dated from their text, if at all."""
    if not numbers:
        return []
    return [
        f"{len(numbers)} date{'s' if len(numbers) > 1 else ''} not understood ({_lines(numbers)}); "
        "those articles are dated from their own text"
    ]
