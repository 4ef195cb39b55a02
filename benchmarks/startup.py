"""Start-up: the wall time of ``factcheck run`` on the bundled seeds with a warm user cache (the target
is 1 s, the median of 5) and with an empty one, of ``factcheck --help`` (target 0.2 s), and, measured
in the same run as references, of ``python -c pass`` and ``python -c "import pandas"``.

Run: python benchmarks/startup.py [--repeat 5] [--cold 3]
Each figure is a fresh process of this checkout's factcheck (``python -m factcheck``, PYTHONPATH set to
it), timed on the wall clock and in CPU time (user + system) of the child. The runs of the references,
of ``--help`` and of the warm run are interleaved, so that a machine whose load drifts weighs on all
alike; the medians are printed with the ratio of each to the references. A cold run starts with an
empty cache folder (FACTCHECK_CACHE_DIR), after which the warm runs reuse the last one; the output of
every run must be the same bytes. factcheck's bytecode is compiled first and read as Python does by
default (PYTHONDONTWRITEBYTECODE is dropped for the children: an installed package has its bytecode;
without it a run compiles every module again, about 0.15 s more). The load
average is printed before and after: on a shared machine the wall time says little without it.
Prints its figures, then a last line ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RUN, TARGET_HELP = 1.0, 0.2  # seconds of wall time (issue 18)


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds of the child, its standard output) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], env=env, cwd=ROOT, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(ROOT), "FACTCHECK_CACHE_DIR": str(cache), "NO_COLOR": "1"}


def _median(runs: list[tuple[float, float, bytes]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def measure(repeat: int, cold: int) -> dict:
    run = ["-m", "factcheck", "run", "--format", "plain"]
    with tempfile.TemporaryDirectory() as tmp:
        compiling = [sys.executable, "-m", "compileall", "-q", str(ROOT / "factcheck")]
        subprocess.run(compiling, check=True, capture_output=True)  # the bytecode an install has
        colds = [_timed(run, _env(Path(tmp) / f"cold-{n}")) for n in range(cold)]
        env = _env(Path(tmp) / f"cold-{cold - 1}")
        figures: dict[str, list[tuple[float, float, bytes]]] = {
            "python": [],
            "pandas": [],
            "help": [],
            "warm": [],
        }
        for _ in range(repeat):
            figures["python"].append(_timed(["-c", "pass"], env))
            figures["pandas"].append(_timed(["-c", "import pandas"], env))
            figures["help"].append(_timed(["-m", "factcheck", "--help"], env))
            figures["warm"].append(_timed(run, env))
    outputs = {r[2] for r in colds + figures["warm"]}
    medians = {name: _median(runs) for name, runs in figures.items()} | {"cold": _median(colds)}
    return {"medians": medians, "same_output": len(outputs) == 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each, warm (the median is kept)")
    parser.add_argument("--cold", type=int, default=3, help="runs with an empty cache folder")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    found = measure(args.repeat, args.cold)
    load_after = os.getloadavg()[0]
    m = found["medians"]
    print(
        f"load average (1 min): {load_before:.2f} before, {load_after:.2f} after, on {os.cpu_count()} cores"
    )
    labels = {
        "python": "python -c pass",
        "pandas": 'python -c "import pandas"',
        "help": "factcheck --help",
        "warm": "factcheck run (seeds, warm cache)",
        "cold": "factcheck run (seeds, empty cache)",
    }
    for name, label in labels.items():
        wall, cpu = m[name]
        print(
            f"{label:<36} {wall:6.3f} s wall  {cpu:6.3f} s CPU   "
            f"{wall / m['python'][0]:5.1f} x python, {wall / m['pandas'][0]:5.2f} x import pandas"
        )
    print(f"same output warm and cold: {found['same_output']}")
    warm, helped = m["warm"][0], m["help"][0]
    result = {
        "warm_s": round(warm, 3),
        "warm_cpu_s": round(m["warm"][1], 3),
        "cold_s": round(m["cold"][0], 3),
        "help_s": round(helped, 3),
        "python_s": round(m["python"][0], 3),
        "pandas_s": round(m["pandas"][0], 3),
        "warm_over_pandas": round(warm / m["pandas"][0], 2),
        "warm_over_python": round(warm / m["python"][0], 1),
        "load_before": round(load_before, 2),
        "load_after": round(load_after, 2),
        "same_output": found["same_output"],
        "met": warm <= TARGET_RUN and helped <= TARGET_HELP and found["same_output"],
    }
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
