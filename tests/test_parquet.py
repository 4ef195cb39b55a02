"""Parquet in and out: .parquet inputs read as JSON Lines are (same fields), --assertions/--csv x.parquet written."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import SEEDS

from factcheck.api import check
from factcheck.cli import main
from factcheck.errors import UsageError
from factcheck.report.export import conflicts_csv, write_assertions

pytest.importorskip("pyarrow", reason="the Parquet tests need pyarrow (pip install 'factcheck[parquet]')")


def _seed_records() -> list[dict]:
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        {
            "text": (SEEDS / r["file"]).read_text(encoding="utf-8"),
            "lang": r["lang"],
            "published": r["published"],
            "source": r["source"],
        }
        for r in rows
    ]


def _same_run(tmp_path: Path, name: str, write) -> tuple:
    folder = tmp_path / name
    folder.mkdir()
    path = folder / f"corpus{name}"
    write(path)
    result = check([path])
    a = result.assertions.drop(columns=["path"])
    return a, conflicts_csv(result.conflicts), result.skipped


def test_a_parquet_file_reads_as_the_same_records_in_json_lines(tmp_path):
    records = _seed_records()

    def as_jsonl(path: Path) -> None:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")

    def as_parquet(path: Path) -> None:  # dates as Parquet dates, not text
        df = pd.DataFrame(records)
        df["published"] = [dt.date.fromisoformat(d) for d in df["published"]]
        df.to_parquet(path, index=False)

    a_json, c_json, s_json = _same_run(tmp_path, ".jsonl", as_jsonl)
    a_pq, c_pq, s_pq = _same_run(tmp_path, ".parquet", as_parquet)
    assert len(a_json) > 50 and not s_json and not s_pq
    pd.testing.assert_frame_equal(a_json, a_pq)
    assert c_json == c_pq and c_json.count("\n") > 3


def test_parquet_fields_are_found_by_name_or_named(tmp_path):
    path = tmp_path / "x.parquet"
    pd.DataFrame(
        {
            "corpo_x": ["Acme had 7,300 employees at the end of March 2023, the company said.", ""],
            "quando_x": [dt.datetime(2023, 4, 2, 10, 0), None],
            "language": ["en", "en"],
        }
    ).to_parquet(path, index=False)
    r = CliRunner().invoke(main, ["run", str(path), "--format", "plain"])
    assert r.exit_code == 2 and "no text field among corpo_x, quando_x, language" in r.output
    runner = CliRunner()
    out = tmp_path / "a.parquet"
    r = runner.invoke(
        main,
        ["extract", str(path), "--field", "text=corpo_x", "--field", "date=quando_x", "--out", str(out)],
    )
    assert r.exit_code == 0, r.output
    a = pd.read_parquet(out)
    assert list(a["value"]) == [7300.0]
    assert str(a["published"].iloc[0])[:10] == "2023-04-02"
    assert "1 row without text skipped (line 2)" in r.output


def test_the_cli_writes_parquet_tables_equal_to_the_run(tmp_path, seed_result):
    a_path, c_path = tmp_path / "assertions.parquet", tmp_path / "conflicts.parquet"
    r = CliRunner().invoke(
        main, ["run", "--assertions", str(a_path), "--csv", str(c_path), "--format", "plain"]
    )
    assert r.exit_code == 0, r.output
    a, c = pd.read_parquet(a_path), pd.read_parquet(c_path)
    assert len(a) == len(seed_result.assertions) and len(c) == len(seed_result.conflicts)
    assert list(a["assertion_id"]) == list(seed_result.assertions["assertion_id"])
    assert list(c["conflict_id"]) == list(seed_result.conflicts["conflict_id"])
    assert a["value"].tolist() == pytest.approx(seed_result.assertions["value"].tolist(), nan_ok=True)


def test_without_pyarrow_parquet_is_skipped_with_how_to_install(tmp_path, monkeypatch, seed_result):
    path = tmp_path / "x.parquet"
    pd.DataFrame({"text": ["Acme had 7,300 employees."]}).to_parquet(path, index=False)
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    r = CliRunner().invoke(main, ["run", str(path), "--format", "plain"])
    assert r.exit_code == 2
    assert "pip install 'factcheck[parquet]'" in r.output
    with pytest.raises(UsageError) as err:
        write_assertions(seed_result.assertions, tmp_path / "a.parquet")
    assert "pip install 'factcheck[parquet]'" in str(err.value) and not (tmp_path / "a.parquet").exists()
