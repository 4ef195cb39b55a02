"""The Excel workbook (--xlsx): every cell of the seeds' run read back with openpyxl and through
LibreOffice, Arabic included; headers frozen, numbers as numbers, formula-like text as text, written atomically."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from factcheck.cli import main
from factcheck.report import to_xlsx

SHEETS = ("conflicts", "trends", "consensus", "assertions")


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("xlsx")
    book, run = folder / "seeds.xlsx", folder / "run.json"
    result = CliRunner().invoke(main, ["run", "--xlsx", str(book), "--json", str(run), "--format", "plain"])
    assert result.exit_code == 0, result.output
    return book, json.loads(run.read_text(encoding="utf-8"))


def _as_json(value):
    """A cell read back, as the JSON export writes the same value."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d")
    return value


def _arabic(text) -> bool:
    return isinstance(text, str) and any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_every_cell_of_the_seeds_run_reads_back(seeds_run):
    path, doc = seeds_run
    book = load_workbook(path)
    assert book.sheetnames == list(SHEETS)
    arabic = 0
    for name in SHEETS:
        sheet = book[name]
        rows = list(sheet.iter_rows(values_only=True))
        header, body = list(rows[0]), rows[1:]
        want = doc[name]
        assert len(body) == len(want) > 0, name
        assert header == list(want[0])  # the columns of the JSON and CSV exports, in order
        for got, expected in zip(body, want, strict=True):
            for col, value in zip(header, got, strict=True):
                value, wanted = _as_json(value), expected[col]
                wanted = None if wanted == "" else wanted  # a spreadsheet holds no empty text: an empty cell
                if isinstance(wanted, float) and isinstance(value, (int, float)):
                    assert value == pytest.approx(wanted, rel=1e-12), (name, col)
                else:
                    assert value == wanted, (name, col, value, wanted)
                arabic += _arabic(value)
    assert arabic > 10  # the Arabic article's quotes, byte for byte


def test_headers_are_frozen_numbers_are_numbers_and_arabic_reads_right_to_left(seeds_run):
    path, _ = seeds_run
    book = load_workbook(path)
    for name in SHEETS:
        assert book[name].freeze_panes == "A2", name
        assert all(c.font.bold for c in book[name][1])
    sheet = book["assertions"]
    header = [c.value for c in sheet[1]]
    value, published, sentence = (header.index(c) + 1 for c in ("value", "published", "sentence"))
    cells = list(sheet.iter_rows(min_row=2))
    assert all(row[value - 1].data_type == "n" for row in cells if row[value - 1].value is not None)
    assert any(isinstance(row[published - 1].value, dt.datetime) for row in cells)  # dates as dates
    assert all(row[published - 1].number_format == "yyyy-mm-dd" for row in cells if row[published - 1].value)
    arabic = [row[sentence - 1] for row in cells if _arabic(row[sentence - 1].value)]
    latin = [row[sentence - 1] for row in cells if not _arabic(row[sentence - 1].value)]
    assert arabic and all(c.alignment.readingOrder == 2 for c in arabic)
    assert latin and all(c.alignment.readingOrder != 2 for c in latin)


@pytest.fixture(scope="module")
def formula_book(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("formula")
    corpus = folder / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        '=HYPERLINK("http://example.invalid") Twitter employs 7,500 people.\n'
        "+2 and then Twitter cut 1,500 jobs.\n",
        encoding="utf-8",
    )
    book = folder / "a.xlsx"
    result = CliRunner().invoke(main, ["run", str(corpus), "--lang", "en", "--xlsx", str(book)])
    assert result.exit_code == 0, result.output
    return book


def test_formula_like_text_is_stored_as_text(formula_book):
    sheet = load_workbook(formula_book)["assertions"]
    header = [c.value for c in sheet[1]]
    sentences = [row[header.index("sentence")] for row in sheet.iter_rows(min_row=2)]
    starts = {c.value[:1] for c in sentences}
    assert {"=", "+"} <= starts  # the sentence as written, no apostrophe added ...
    assert all(c.data_type == "s" for c in sentences)  # ... and a string, never a formula


def _libreoffice() -> str:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed here; the workbook was not converted with it")
    return office


def _convert(book: Path, out: Path) -> dict[str, list[dict]]:
    """Every sheet of ``book`` as CSV through LibreOffice headless (UTF-8, one file per sheet)."""
    out.mkdir()
    run = subprocess.run(
        [
            _libreoffice(),
            f"-env:UserInstallation=file://{out}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(out),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    sheets = {}
    for name in SHEETS:
        with (out / f"{book.stem}-{name}.csv").open(encoding="utf-8", newline="") as fh:
            sheets[name] = list(csv.DictReader(fh))
    return sheets


def test_libreoffice_reads_the_workbook_arabic_and_all(seeds_run, tmp_path):
    path, doc = seeds_run
    sheets = _convert(path, tmp_path / "out")
    for name in SHEETS:
        assert len(sheets[name]) == len(doc[name]), name
    for got, want in zip(sheets["assertions"], doc["assertions"], strict=True):
        assert got["sentence"] == want["sentence"] and got["source"] == want["source"]
        assert float(got["value"]) == pytest.approx(want["value"]) if want["value"] is not None else True
        assert got["published"] == (want["published"] or "")
    arabic = sum(_arabic(r["sentence"]) for r in sheets["assertions"])
    assert arabic == sum(_arabic(a["sentence"]) for a in doc["assertions"]) > 0
    quotes = [c["explanation"] for c in doc["conflicts"]]
    assert [r["explanation"] for r in sheets["conflicts"]] == quotes


def test_libreoffice_shows_formula_like_text_and_runs_nothing(formula_book, tmp_path):
    rows = _convert(formula_book, tmp_path / "out")["assertions"]
    assert any(r["sentence"].startswith('=HYPERLINK("http://example.invalid")') for r in rows)


def test_the_workbook_is_written_atomically(tmp_path, monkeypatch):
    from factcheck import check
    from factcheck.report import workbook

    result = check()
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"the previous workbook")

    def broken(result, fh):
        fh.write(b"PK half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "write_workbook", broken)
    with pytest.raises(OSError, match="disk full"):
        to_xlsx(result, target)
    assert target.read_bytes() == b"the previous workbook"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]  # no temporary file left
    monkeypatch.undo()
    to_xlsx(result, target)
    assert load_workbook(target).sheetnames == list(SHEETS)


def test_the_workbook_never_overwrites_an_input(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("L'azienda ha 1.500 dipendenti in Italia e cresce ancora molto.", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(src), "--lang", "it", "--xlsx", str(src)])
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
