"""The store (--db): reruns read only what changed and find what a run from scratch finds; triage
persists; a killed run leaves the store as it was; one run at a time; old or foreign stores refused."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from factcheck.api import check, check_store
from factcheck.cli import main
from factcheck.report.export import conflicts_csv
from tests.store_corpus import write_articles

pytest.importorskip("duckdb")

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def _same(stored: pd.DataFrame, scratch: pd.DataFrame) -> None:
    """The store's conflicts (without the triage columns) are the scratch run's, to the byte of the CSV."""
    assert conflicts_csv(stored.drop(columns=["status", "note"])) == conflicts_csv(scratch)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("store") / "gen"
    write_articles(folder, 8)
    return folder


def test_rerun_reads_only_what_changed_and_finds_what_a_run_from_scratch_finds(tmp_path, corpus):
    gen = tmp_path / "gen"
    shutil.copytree(corpus, gen)
    db = tmp_path / "s.db"
    first, run1 = check_store(db, [SEEDS, gen])
    scratch = check([SEEDS, gen])
    _same(first.conflicts, scratch.conflicts)
    assert first.trends.equals(scratch.trends)
    assert first.summary == scratch.summary
    assert run1.documents_read == run1.documents_total == 13
    again, run2 = check_store(db, [SEEDS, gen])
    assert (run2.documents_read, run2.documents_unchanged, run2.groups_recomputed) == (0, 13, 0)
    assert conflicts_csv(again.conflicts) == conflicts_csv(first.conflicts)
    assert again.assertions.equals(first.assertions)
    # one more article: only it is read, only its groups are recomputed
    write_articles(gen, 1, start=8)
    added, run3 = check_store(db, [SEEDS, gen])
    assert (run3.documents_read, run3.documents_total) == (1, 14)
    assert 0 < run3.groups_recomputed < run3.groups_total
    _same(added.conflicts, check([SEEDS, gen]).conflicts)
    # a changed article (another figure), and one that now repeats another: read again, same as scratch
    (gen / "g003.txt").write_text((gen / "g003.txt").read_text().replace("0 ", "5 ", 1), encoding="utf-8")
    shutil.copy(gen / "g001.txt", gen / "g009.txt")
    changed, run4 = check_store(db, [SEEDS, gen])
    assert run4.documents_read == 2
    scratch = check([SEEDS, gen])
    _same(changed.conflicts, scratch.conflicts)
    assert changed.assertions.equals(scratch.assertions)
    # the store alone, no paths: the same report
    alone, run5 = check_store(db)
    assert run5.documents_read == 0
    assert conflicts_csv(alone.conflicts) == conflicts_csv(changed.conflicts)


def test_inputs_added_in_another_run_are_numbered_as_one_run_over_all_would(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_articles(a, 3, seed=1)
    write_articles(b, 3, seed=2)  # the same file names: doc ids g000~2 ... in a run over both
    db = tmp_path / "s.db"
    check_store(db, [a])
    both, _ = check_store(db, [b])
    scratch = check([a, b])
    _same(both.conflicts, scratch.conflicts)
    assert sorted(both.assertions["doc_id"].unique()) == sorted(scratch.assertions["doc_id"].unique())


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _run(*args: str, cwd: Path) -> Ran:
    """The command line, in this process (paths relative to ``cwd``)."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        out = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(here)
    return Ran(out.exit_code, out.stdout, out.stderr)


def _process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command line, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", "from factcheck.cli import main; main()", *args],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
    )


def test_triage_dismissed_left_out_confirmed_keeps_its_note_history_and_reopening(tmp_path, corpus):
    gen = tmp_path / "gen"
    shutil.copytree(corpus, gen)
    db = tmp_path / "s.db"
    result, _ = check_store(db, [SEEDS, gen])
    ids = result.conflicts["conflict_id"].tolist()
    dismissed, confirmed = ids[0], ids[1]
    out = _run(
        "triage",
        dismissed,
        "--db",
        str(db),
        "--status",
        "dismissed",
        "--note",
        "different scope",
        "--by",
        "ana",
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    out = _run(
        "triage",
        confirmed,
        "--db",
        str(db),
        "--status",
        "confirmed",
        "--note",
        "checked with the press office",
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    out = _run("run", "--db", str(db), "--csv", "c.csv", "--json", "r.json", "--html", "r.html", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    csv = pd.read_csv(tmp_path / "c.csv")
    assert dismissed not in set(csv["conflict_id"])
    row = csv.set_index("conflict_id").loc[confirmed]
    assert (row["status"], row["note"]) == ("confirmed", "checked with the press office")
    doc = json.loads((tmp_path / "r.json").read_text())
    shown = {c["conflict_id"]: c for c in doc["conflicts"]}
    assert shown[confirmed]["note"] == "checked with the press office"
    html = (tmp_path / "r.html").read_text()
    assert "status: confirmed" in html and "checked with the press office" in html
    every = _run("run", "--db", str(db), "--all", "--csv", "all.csv", cwd=tmp_path)
    assert every.returncode == 0
    assert pd.read_csv(tmp_path / "all.csv").set_index("conflict_id").loc[dismissed, "status"] == "dismissed"
    history = _run("history", dismissed, "--db", str(db), cwd=tmp_path)
    assert history.returncode == 0
    assert "found" in history.stdout and "dismissed by ana: different scope" in history.stdout
    # a rules change redoes everything, and keeps every decision
    from factcheck.settings import Settings

    only, run = check_store(
        db, settings=Settings(select=("FC101", "FC201", "FC202", "FC203", "FC301", "FC401"))
    )
    assert run.full_recompute
    assert dismissed not in set(only.conflicts["conflict_id"])
    assert only.conflicts.set_index("conflict_id").loc[confirmed, "note"] == "checked with the press office"


SAYS = {
    "a.txt": "Tesla had 20,000 employees at the time, the company said in a statement on Monday.",
    "b.txt": "Tesla had 30,000 employees at the time, according to a letter seen by the paper.",
    "c.txt": "By then Tesla had 30,000 employees on its payroll in total, across every plant.",
}


def _write(folder: Path, names: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    filler = "Analysts were divided about what this means for the months ahead, and the board met later."
    for name in names:
        (folder / name).write_text(f"Tesla and its staff\n\n{SAYS[name]} {filler}\n", encoding="utf-8")
    rows = [f"{n},en,2023-05-0{i + 2},Outlet {n[0].upper()}" for i, n in enumerate(names)]
    (folder / "manifest.csv").write_text(
        "file,lang,published,source\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )


def test_a_dismissed_conflict_comes_back_reopened_when_an_assertion_joins_it(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "s.db"
    _write(folder, ["a.txt", "b.txt"])
    first, _ = check_store(db, [folder])
    assert len(first.conflicts) == 1
    cid = first.conflicts["conflict_id"][0]
    out = _run("triage", cid, "--db", str(db), "--status", "dismissed", "--note", "old figure", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert check_store(db, [folder])[0].conflicts.empty  # dismissed: left out
    _write(folder, ["a.txt", "b.txt", "c.txt"])  # a third source says 30,000 too
    again, _ = check_store(db, [folder])
    assert len(again.conflicts) == 1  # under its id, or under a new face of the same disagreement
    row = again.conflicts.iloc[0]
    assert row["status"] == "reopened" and row["note"] == "old figure"
    assert row["other_assertion_ids"]
    history = _run("history", cid, "--db", str(db), cwd=tmp_path).stdout
    assert "dismissed" in history
    assert ("evidence changed" if row["conflict_id"] == cid else "no longer found") in history


def test_a_run_killed_mid_way_leaves_the_store_as_it_was(tmp_path):
    gen = tmp_path / "gen"
    write_articles(gen, 6)
    db = tmp_path / "s.db"
    check_store(db, [SEEDS])
    killed = textwrap.dedent(
        f"""
        import os, signal
        import factcheck.api as api
        from factcheck.store.db import Store
        def die(*args, **kwargs):  # after the documents, repeats and findings are written, before the commit
            os.kill(os.getpid(), signal.SIGKILL)
        Store.add_events = die
        api.check_store({str(db)!r}, [{str(SEEDS)!r}, {str(gen)!r}])
        """
    )
    proc = subprocess.run([sys.executable, "-c", killed], env=ENV, capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL
    from factcheck.store import open_store

    with open_store(db) as store:
        assert len(store.documents()) == 5  # as it was: the seeds only
        assert len(store.runs()) == 1
    after, run = check_store(db, [SEEDS, gen])
    assert run.documents_read == 6
    clean, _ = check_store(tmp_path / "clean.db", [SEEDS, gen])
    assert conflicts_csv(after.conflicts) == conflicts_csv(clean.conflicts)


def test_two_runs_at_once_the_second_exits_2_or_waits_and_nothing_is_corrupted(tmp_path):
    db, gate = tmp_path / "s.db", tmp_path / "go"
    holder = textwrap.dedent(
        f"""
        import os, time
        import factcheck.api as api
        segment = api.segment
        def segment_slowly(*args, **kwargs):
            open({str(tmp_path / "started")!r}, "w").close()
            while not os.path.exists({str(gate)!r}):
                time.sleep(0.05)
            return segment(*args, **kwargs)
        api.segment = segment_slowly
        api.check_store({str(db)!r}, [{str(SEEDS)!r}])
        """
    )
    first = subprocess.Popen([sys.executable, "-c", holder], env=ENV, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while not (tmp_path / "started").exists():
            assert first.poll() is None, first.stderr.read()
            assert time.time() < deadline
            time.sleep(0.05)
        second = _process("run", str(SEEDS), "--db", str(db), cwd=tmp_path)
        assert second.returncode == 2
        assert "the store is in use by another run" in second.stderr
        patient = _process("run", str(SEEDS), "--db", str(db), "--wait", "0.5", cwd=tmp_path)
        assert patient.returncode == 2 and "in use by another run (waited 0.5 s)" in patient.stderr
        waits = ["run", str(SEEDS), "--db", str(db), "--wait", "120", "--csv", "w.csv"]
        waiting = subprocess.Popen(
            [sys.executable, "-c", "from factcheck.cli import main; main()", *waits],
            cwd=tmp_path,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1)
        assert waiting.poll() is None  # waiting for the store
    finally:
        gate.touch()
        first.wait(timeout=120)
    assert first.returncode == 0
    assert waiting.wait(timeout=120) == 0, waiting.stderr.read()
    assert "read 0 new or changed" in waiting.stderr.read()  # after the first run, which read the seeds
    again = _run("run", str(SEEDS), "--db", str(db), "--csv", "c.csv", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "read 0 new or changed" in again.stderr
    assert len(pd.read_csv(tmp_path / "c.csv")) == len(check([SEEDS]).conflicts)


def test_stores_of_other_versions_or_not_stores_are_refused_clearly(tmp_path):
    import duckdb

    from factcheck.store import SCHEMA_VERSION

    db = tmp_path / "s.db"
    check_store(db, [SEEDS])
    for version, words in ((SCHEMA_VERSION + 1, "newer factcheck"), (0, "older factcheck")):
        con = duckdb.connect(str(db))
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
        con.close()
        out = _run("run", "--db", str(db), cwd=tmp_path)
        assert out.returncode == 2 and words in out.stderr, out.stderr
        assert "Traceback" not in out.stderr
    other = tmp_path / "other.db"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    out = _run("run", "--db", str(other), cwd=tmp_path)
    assert out.returncode == 2 and "not a factcheck store" in out.stderr
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    out = _run("run", str(SEEDS), "--db", str(text), cwd=tmp_path)
    assert out.returncode == 2 and "not a factcheck store" in out.stderr
    out = _run("run", "--db", str(tmp_path / "missing.db"), cwd=tmp_path)
    assert out.returncode == 2 and "no such store" in out.stderr


def test_triage_of_an_unknown_conflict_is_an_error(tmp_path):
    db = tmp_path / "s.db"
    check_store(db, [SEEDS])
    out = _run("triage", "Cnothere00000", "--db", str(db), "--status", "dismissed", cwd=tmp_path)
    assert out.returncode == 2 and "no such conflict" in out.stderr


def test_sources_lists_a_reliability_per_source(tmp_path, corpus):
    db = tmp_path / "s.db"
    result, _ = check_store(db, [SEEDS, corpus])
    out = _run("sources", "--db", str(db), "--format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    listed = {s["source"]: s for s in doc["sources"]}
    from factcheck.group import comparable

    assert set(listed) == set(comparable(result.assertions)["source"])  # repeats left out
    assert all(0 < s["reliability"] < 1 and s["figures"] >= s["compared"] for s in listed.values())
    assert doc["parameters"]["alpha"] > 0
    table = _run("sources", "--db", str(db), "--format", "plain", cwd=tmp_path)
    assert "Rumour Mill" in table.stdout and "reliability" in table.stdout


def _outputs(n: int) -> list[str]:
    return ["--csv", f"c{n}.csv", "--json", f"r{n}.json", "--html", f"r{n}.html", "--assertions", f"a{n}.csv"]


def _written(folder: Path, n: int) -> list[bytes]:
    return [(folder / name).read_bytes() for name in (f"c{n}.csv", f"r{n}.json", f"r{n}.html", f"a{n}.csv")]


LOADED = """
import sys
from factcheck.cli import main
try:
    main({args!r})
finally:
    sys.stderr.write("pandas loaded: " + str("pandas" in sys.modules))
"""


def test_a_rerun_that_would_change_nothing_replays_the_kept_report_without_the_pipeline(tmp_path):
    _write(tmp_path / "in", ["a.txt", "b.txt"])
    runs = []
    for n in (1, 2):
        args = ["run", "in", "--db", "s.db", *_outputs(n), "--format", "plain", "--fail-on", "low"]
        runs.append(
            subprocess.run(
                [sys.executable, "-c", LOADED.format(args=args)],
                cwd=tmp_path,
                env=ENV,
                capture_output=True,
                text=True,
            )
        )
    first, second = runs
    assert first.returncode == second.returncode == 1, first.stderr  # --fail-on low: a conflict
    assert first.stderr.endswith("pandas loaded: True")
    assert second.stderr.endswith("pandas loaded: False")  # nor the language data, nor the model
    assert "run 2: read 0 new or changed document(s), 2 unchanged, 2 in the store" in second.stderr
    assert "nothing changed since run 1: its report written again" in second.stderr
    assert second.stdout == first.stdout and "1 conflicts" in second.stdout
    assert _written(tmp_path, 2) == _written(tmp_path, 1)
    from factcheck.store import open_store

    with open_store(tmp_path / "s.db") as store:
        runs_table = store.runs()
    assert runs_table["documents_unchanged"].tolist() == [0, 2]
    assert runs_table.iloc[1]["conflicts"] == runs_table.iloc[0]["conflicts"] == 1


@pytest.mark.parametrize(
    "change, read",
    [
        ("nothing", None),  # replayed
        ("a file factcheck does not read", None),  # its bytes: only its name counts (skipped)
        ("a decision", 0),  # triage: the report is drawn again (here the same: the status is "open")
        ("another output", 0),  # an export not kept, or the report drawn otherwise
        ("an input", 1),  # a file's bytes
        ("another run", 0),  # a run over other inputs in between: the store holds more
        ("the rules", 0),  # everything redone
    ],
)
def test_what_makes_a_rerun_be_done_again(tmp_path, monkeypatch, change, read):
    import factcheck.api as api

    _write(tmp_path / "in", ["a.txt", "b.txt"])
    (tmp_path / "in" / "notes.bin").write_bytes(b"\x00\x01")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    args = ["run", "in", "--db", "s.db", "--rules", "rules", "--format", "plain"]
    first = _run(*args, *_outputs(1), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    done = []
    monkeypatch.setattr(
        api, "check_store", lambda *a, check=api.check_store, **k: done.append(1) or check(*a, **k)
    )
    more = []
    if change == "a decision":
        cid = pd.read_csv(tmp_path / "c1.csv")["conflict_id"][0]
        assert _run("triage", cid, "--db", "s.db", "--status", "open", cwd=tmp_path).returncode == 0
    elif change == "a file factcheck does not read":
        (tmp_path / "in" / "notes.bin").write_bytes(b"\x00\x02")
    elif change == "another output":
        more = ["--format", "json"]
    elif change == "an input":
        (tmp_path / "in" / "b.txt").write_text(
            "Tesla had 25,000 employees, its filing says.\n", encoding="utf-8"
        )
    elif change == "another run":
        _write(tmp_path / "other", ["c.txt"])
        assert _run("run", "other", "--db", "s.db", "--rules", "rules", cwd=tmp_path).returncode == 0
    elif change == "the rules":
        with open(tmp_path / "rules" / "entities.yaml", "a", encoding="utf-8") as fh:
            fh.write("\n# a desk's comment\n")
    done.clear()
    again = _run(*args, *_outputs(2), *more, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert len(done) == (read is not None)
    assert ("its report written again" in again.stderr) == (read is None)
    assert "skipped in/notes.bin: unsupported file type" in again.stderr  # said again when replayed
    if read is not None:
        assert (
            f"read {read} new or changed document(s)" in again.stderr or "everything redone" in again.stderr
        )
    if change in ("nothing", "a file factcheck does not read", "a decision", "the rules"):
        assert _written(tmp_path, 2) == _written(tmp_path, 1)
        assert again.stdout == first.stdout
    # and the run after it, with nothing changed, is replayed again
    done.clear()
    third = _run(*args, *_outputs(3), *more, cwd=tmp_path)
    assert not done and _written(tmp_path, 3) == _written(tmp_path, 2) and third.stdout == again.stdout
