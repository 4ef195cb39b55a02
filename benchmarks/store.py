"""The store's reruns: over the seeds plus 60 generated articles (tests/store_corpus.py), the time of
a first ``factcheck run --db`` and of a second one on unchanged inputs (which replays the report the
store kept, store/replay.py), whether they write the same conflicts CSV and report, the time of a
rerun after a triage decision (nothing read, the report drawn again from the store), and what a run
after adding one article reads and recomputes.

Run: python benchmarks/store.py [--articles N]
Each run is a fresh ``factcheck`` process (start-up included), timed on the wall clock and in CPU
time of the child; the first run is made on ``--repeat`` fresh stores and the others ``--repeat``
times on the first of them, and the best of each is kept (these machines are shared: the minimum is
the figure least disturbed by other work). Prints its figures, then a last line ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _run(args: list[str], cwd: Path) -> tuple[float, float, str, str]:
    """Wall seconds, CPU seconds of the child, its standard error and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from factcheck.cli import main; main()", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stderr.strip(), done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from tests.store_corpus import write_articles

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_articles(work / "gen", args.articles)
        paths = [str(ROOT / "seeds"), "gen"]
        firsts = [
            _run(["run", *paths, "--db", f"s{n}.db", "--csv", "first.csv", "--format", "plain"], work)
            for n in range(args.repeat)
        ]
        seconds = [
            _run(["run", *paths, "--db", "s0.db", "--csv", "second.csv", "--format", "plain"], work)
            for _ in range(args.repeat)
        ]
        first = (min(r[0] for r in firsts), min(r[1] for r in firsts), firsts[0][2])
        second = (min(r[0] for r in seconds), min(r[1] for r in seconds), seconds[0][2])
        same = filecmp.cmp(work / "first.csv", work / "second.csv", shallow=False)
        same_report = all(r[3] == firsts[0][3] for r in seconds)
        decided = []
        for _ in range(args.repeat):  # a decision that changes no output, so that the CSV can be compared
            conflict = (work / "first.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
            _run(["triage", conflict, "--db", "s0.db", "--status", "open"], work)
            decided.append(
                _run(["run", *paths, "--db", "s0.db", "--csv", "decided.csv", "--format", "plain"], work)
            )
        decision = (min(r[0] for r in decided), min(r[1] for r in decided))
        same = same and filecmp.cmp(work / "first.csv", work / "decided.csv", shallow=False)
        write_articles(work / "gen", 1, start=args.articles)
        added = _run(["run", *paths, "--db", "s0.db", "--csv", "added.csv", "--format", "plain"], work)
        scratch = _run(["run", *paths, "--csv", "scratch.csv", "--format", "plain"], work)
    print(f"first run:  {first[0]:.2f} s wall, {first[1]:.2f} s CPU   ({first[2]})")
    print(f"second run: {second[0]:.2f} s wall, {second[1]:.2f} s CPU   ({second[2]})")
    print(
        f"second / first: {second[0] / first[0]:.0%} wall, {second[1] / first[1]:.0%} CPU; "
        f"same CSV: {same}; same report: {same_report}"
    )
    print(
        f"a rerun after a triage decision: {decision[0]:.2f} s wall, {decision[1]:.2f} s CPU "
        f"({decision[0] / first[0]:.0%} of the first, wall)"
    )
    print(f"one article added: {added[0]:.2f} s wall, {added[1]:.2f} s CPU   ({added[2]})")
    print(f"for reference, a run without the store: {scratch[0]:.2f} s wall, {scratch[1]:.2f} s CPU")
    print(
        "RESULT "
        + json.dumps(
            {
                "first_wall": round(first[0], 3),
                "first_cpu": round(first[1], 3),
                "second_wall": round(second[0], 3),
                "second_cpu": round(second[1], 3),
                "same_csv": same,
                "same_report": same_report,
                "decided_wall": round(decision[0], 3),
                "decided_cpu": round(decision[1], 3),
                "added_one": added[2],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
