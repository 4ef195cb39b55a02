"""The command line: every command and option of the README, with its output and exit code."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from factcheck import __version__
from factcheck.assertions import COLUMNS
from factcheck.cli import main
from factcheck.result import CONFLICT_COLUMNS


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_run_on_the_seeds_writes_both_tables(runner, tmp_path):
    conflicts, assertions = tmp_path / "conflicts.csv", tmp_path / "assertions.csv"
    result = runner.invoke(main, ["run", "--csv", str(conflicts), "--assertions", str(assertions)])
    assert result.exit_code == 0, result.output
    assert "FC101 value-disagreement" in result.output and "FC201 before-minus-cut" in result.output
    with conflicts.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh))[: len(CONFLICT_COLUMNS)] == CONFLICT_COLUMNS
    rows = _rows(conflicts)
    assert rows and all(r["a_quote"] and r["b_quote"] and r["explanation"] for r in rows)
    with assertions.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh))[: len(COLUMNS)] == COLUMNS
    assert len(_rows(assertions)) > 50


def test_same_input_gives_byte_identical_csv(runner, tmp_path):
    for name in ("one", "two"):
        assert (
            runner.invoke(
                main, ["run", str(ROOT / "seeds"), "--csv", str(tmp_path / f"{name}.csv")]
            ).exit_code
            == 0
        )
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_fail_on_sets_exit_code_1(runner):
    assert runner.invoke(main, ["run", "--fail-on", "high"]).exit_code == 1
    assert runner.invoke(main, ["run", "--fail-on", "high", "--ignore", "FC201,FC101,FC301"]).exit_code == 0


def test_min_severity_filters(runner, tmp_path):
    out = tmp_path / "c.csv"
    assert runner.invoke(main, ["run", "--min-severity", "high", "--csv", str(out)]).exit_code == 0
    assert {r["severity"] for r in _rows(out)} == {"high"}


def test_select_runs_only_those_rules(runner, tmp_path):
    out = tmp_path / "c.csv"
    assert runner.invoke(main, ["run", "--select", "FC201", "--csv", str(out)]).exit_code == 0
    assert {r["rule_id"] for r in _rows(out)} == {"FC201"}


def test_plain_format_has_no_escape_codes(runner):
    result = runner.invoke(main, ["run", "--format", "plain"])
    assert result.exit_code == 0 and "\x1b[" not in result.output


def test_own_files_and_lang_option(runner, tmp_path):
    (tmp_path / "a.txt").write_text(
        "The company had 5,000 employees in total last week.\n\nIt was a long story about the firm.",
        encoding="utf-8",
    )
    out = tmp_path / "a.csv"
    result = runner.invoke(main, ["run", str(tmp_path), "--lang", "en", "--assertions", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert [(r["lang"], r["metric"], float(r["value"])) for r in rows] == [("en", "headcount", 5000.0)]


def test_bad_input_is_skipped_and_the_run_goes_on(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "latin1.txt").write_bytes("Il caffè ha 1.500 dipendenti, più di un anno fa.".encode("cp1252"))
    shutil.copy(ROOT / "seeds" / "000_88e787e6a7b23e79.txt", tmp_path / "good.txt")
    result = runner.invoke(main, ["run", str(tmp_path), "--lang", "it", "--format", "plain"])
    assert result.exit_code == 0, result.output
    assert "skipped " + str(tmp_path / "empty.txt") + ": empty file" in result.stderr
    assert "skipped " + str(tmp_path / "binary.txt") + ": binary file" in result.stderr
    assert "latin1.txt" not in result.stderr  # Windows-1252 is read
    assert "FC201" in result.stdout  # the good file was still checked


def test_nothing_readable_is_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["run", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "nothing could be read" in result.output


def test_bad_rules_folder_is_exit_2_naming_the_file(runner, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copy(ROOT / "tests" / "rules_bad" / "unknown-kind.yaml", rules / "checks")
    result = runner.invoke(main, ["run", "--rules", str(rules)])
    assert result.exit_code == 2
    assert "unknown-kind.yaml:4" in result.output and "disagreement" in result.output


def test_rules_list_and_check(runner):
    listed = runner.invoke(main, ["rules", "list"])
    assert listed.exit_code == 0 and "FC101" in listed.output and "FC401" in listed.output
    checked = runner.invoke(main, ["rules", "check"])
    assert checked.exit_code == 0 and "all valid" in checked.output


def test_quantities_command(runner):
    result = runner.invoke(main, ["quantities", "plus de 350 millions d'utilisateurs", "--lang", "fr"])
    assert result.exit_code == 0 and "value=3.5e+08" in result.output and "more_than" in result.output
    assert runner.invoke(main, ["quantities", "x", "--lang", "xx"]).exit_code == 2


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_export_never_overwrites_an_input(runner, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("L'azienda ha 1.500 dipendenti in Italia e cresce ancora molto.", encoding="utf-8")
    result = runner.invoke(main, ["run", str(src), "--lang", "it", "--csv", str(src)])
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert src.read_text(encoding="utf-8").startswith("L'azienda")


def test_a_quote_that_looks_like_a_formula_stays_inert_and_numbers_stay_numbers(runner, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        '=HYPERLINK("http://x") Twitter employs 7,500 people.\n-3 and then Twitter cut 1,500 jobs.\n',
        encoding="utf-8",
    )
    out = tmp_path / "a.csv"
    result = runner.invoke(
        main, ["run", str(corpus), "--lang", "en", "--assertions", str(out), "--format", "plain"]
    )
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    sentences = [r["sentence"] for r in rows]
    assert any(s.startswith("'=HYPERLINK") for s in sentences) and not any(
        s.startswith("=") for s in sentences
    )
    assert not any(s.startswith(("-", "+", "@")) for s in sentences)
    values = [r["value"] for r in rows]
    assert "7500.0" in values and all(not v.startswith("'") for v in values)


def test_arabic_quotes_round_trip_through_csv_and_json_byte_exact(runner, tmp_path):
    import json

    from factcheck import check

    a_csv, a_json = tmp_path / "a.csv", tmp_path / "run.json"
    result = runner.invoke(
        main, ["run", "--assertions", str(a_csv), "--json", str(a_json), "--format", "plain"]
    )
    assert result.exit_code == 0, result.output
    want = [s for s in check().assertions["sentence"] if any("\u0600" <= ch <= "\u06ff" for ch in s)]
    assert want, "the seeds hold an Arabic article"
    from_csv = [
        r["sentence"] for r in _rows(a_csv) if any("\u0600" <= ch <= "\u06ff" for ch in r["sentence"])
    ]
    from_json = [
        r["sentence"]
        for r in json.loads(a_json.read_text(encoding="utf-8"))["assertions"]
        if any("\u0600" <= ch <= "\u06ff" for ch in r["sentence"])
    ]
    assert from_csv == want and from_json == want


def test_excel_adds_a_byte_order_mark_and_plain_csv_has_none(runner, tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert runner.invoke(main, ["run", "--csv", str(plain), "--format", "plain"]).exit_code == 0
    assert runner.invoke(main, ["run", "--csv", str(excel), "--excel", "--format", "plain"]).exit_code == 0
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf") and not plain.read_bytes().startswith(
        b"\xef\xbb\xbf"
    )


def test_json_file_and_format_are_the_same_document_every_time(runner, tmp_path):
    import json

    one, two = tmp_path / "one.json", tmp_path / "two.json"
    printed = runner.invoke(main, ["run", "--json", str(one), "--format", "json"])
    assert printed.exit_code == 0
    assert runner.invoke(main, ["run", "--json", str(two), "--format", "plain"]).exit_code == 0
    assert one.read_bytes() == two.read_bytes() and printed.output == one.read_text(encoding="utf-8")
    doc = json.loads(printed.output)
    assert {"summary", "inputs", "rules", "conflicts", "trends", "consensus", "assertions"} <= set(doc)
    assert doc["summary"]["conflicts"] == len(doc["conflicts"]) == 7


def test_explain_shows_the_provenance_of_a_conflict(runner):
    from factcheck import check

    conflict = check().conflicts.iloc[0]
    result = runner.invoke(main, ["explain", conflict["conflict_id"]])
    assert result.exit_code == 0, result.output
    assert (
        conflict["explanation"] in result.output
        and conflict["a_quote"] in result.output
        and conflict["b_quote"] in result.output
    )
    assert (
        "characters" in result.output
        and f"rule {conflict['rule_id']}" in result.output
        and "parameters:" in result.output
    )


def test_explain_an_unknown_conflict_is_exit_2_with_a_suggestion(runner):
    from factcheck import check

    known = check().conflicts.iloc[0]["conflict_id"]
    result = runner.invoke(main, ["explain", known[:-1] + "x"])  # a typo: no id begins so
    assert result.exit_code == 2 and f"did you mean {known}?" in result.output


def test_extract_writes_the_assertions_only(runner, tmp_path):
    printed = runner.invoke(main, ["extract", str(ROOT / "seeds")])
    assert printed.exit_code == 0, printed.output
    assert printed.output.splitlines()[0].split(",")[: len(COLUMNS)] == COLUMNS
    out = tmp_path / "a.csv"
    assert runner.invoke(main, ["extract", str(ROOT / "seeds"), "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == printed.output


def test_progress_is_reported_per_document_and_hidden_when_stderr_is_not_a_terminal(runner, tmp_path):
    from factcheck import check

    calls = []
    check(progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 5) for n in range(1, 6)]
    result = runner.invoke(main, ["run", "--format", "plain"])
    assert "reading" not in result.output  # CliRunner's stderr is no terminal: no bar


def test_rules_check_and_run_with_a_rules_folder_of_ones_own(runner, tmp_path):
    mine = tmp_path / "my-rules"
    shutil.copytree(ROOT / "rules", mine)
    checked = runner.invoke(main, ["rules", "check", str(mine)])
    assert checked.exit_code == 0 and "all valid" in checked.output
    (mine / "checks" / "FC401-trend.yaml").unlink()  # one's own catalogue: no trends
    result = runner.invoke(main, ["run", "--rules", str(mine), "--format", "plain"])
    assert result.exit_code == 0 and "7 conflicts, 0 trends" in result.output


def test_bidi_lays_arabic_out_for_terminals_that_do_not(runner):
    from factcheck.report.rtl import display

    laid_out = runner.invoke(main, ["run", "--bidi", "--format", "plain"])
    as_written = runner.invoke(main, ["run", "--no-bidi", "--format", "plain"])
    assert laid_out.exit_code == as_written.exit_code == 0
    assert display("مبيعات") != "مبيعات"  # shaped letters, in display order
    assert display("مبيعات") in laid_out.output and "مبيعات" not in laid_out.output
    assert "مبيعات" in as_written.output and display("مبيعات") not in as_written.output


def _factcheck(*args: str, stdout=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "factcheck", *args], stdout=stdout, stderr=subprocess.PIPE)


@pytest.mark.parametrize("read_first_line", [True, False])
def test_a_closed_pipe_ends_the_run_quietly(read_first_line):
    """`factcheck run | head -1`: the reader goes away (after a line, or before anything is written)."""
    proc = _factcheck("run", "--format", "plain")
    if read_first_line:
        assert proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert (proc.wait(), err) == (0, b"")


def test_explain_into_a_closed_pipe_ends_quietly(runner):
    listed = runner.invoke(main, ["run", "--format", "json"])
    conflict_id = json.loads(listed.output)["conflicts"][0]["conflict_id"]
    proc = _factcheck("explain", conflict_id)
    proc.stdout.close()
    err = proc.stderr.read()
    assert (proc.wait(), err) == (0, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_is_still_an_error():
    with open("/dev/full", "wb") as full:
        proc = _factcheck("run", "--format", "plain", stdout=full)
        _, err = proc.communicate()
    assert proc.returncode == 2 and b"cannot write the output: No space left on device" in err


def test_init_copies_the_default_rules_for_a_desk_to_edit(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(main, ["init", "desk"])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in (tmp_path / "desk" / "rules" / "checks").iterdir()) == sorted(
        p.name for p in (ROOT / "rules" / "checks").iterdir()
    )
    again = runner.invoke(main, ["init", "desk"])
    assert again.exit_code == 2 and "already exists" in again.output
    # a desk's own wording of a rule is what runs, with --rules or from the folder holding rules/
    rule = tmp_path / "desk" / "rules" / "checks" / "FC101-value-disagreement.yaml"
    rule.write_text(
        rule.read_text(encoding="utf-8").replace("Two assertions", "EDITED BY THE DESK. Two assertions", 1),
        encoding="utf-8",
    )
    listed = runner.invoke(main, ["rules", "list", "--rules", "desk/rules"])
    assert listed.exit_code == 0 and "EDITED BY THE DESK" in listed.output
    monkeypatch.chdir(tmp_path / "desk")
    found = runner.invoke(main, ["rules", "list"])
    assert "EDITED BY THE DESK" in found.output and "using the rules in" in found.output


def test_a_command_gives_back_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    before = gc.get_threshold()
    article = tmp_path / "a.txt"
    article.write_text("Il terremoto ha causato 300 morti, secondo la protezione civile.", encoding="utf-8")
    done = CliRunner().invoke(main, ["run", str(article), "--format", "plain"])
    assert done.exit_code == 0, done.output
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0 and gc.isenabled()
