"""Throughput of ``--dask`` with 1 and 2 local workers, and a projection for 8, 32 and 128 workers
from the measured per-partition costs.

Run: python benchmarks/dask_scale.py [--mb 4] [--partition-mb 0.5]
Needs pip install 'factcheck[dask]'. Prints its figures and assumptions, then ``RESULT {json}``.

The corpus is benchmarks/corpus.py's prose (four languages, no repeats), written to files. For each
cluster size the run is timed end to end (the cluster already started and warmed on the seeds), and
the time of every task is read from Dask's task stream.

Projection (stated, not measured): a corpus large enough to give every worker many partitions of the
measured size; per partition, the work that runs in parallel (read, segment, resolve: the ``_read``
task; flags, split and the rules' share: the other tasks) is the mean measured on 1 worker, and the
work the client does alone (replaying the repeat logs in input order, gathering them) is the measured
client time per partition. With W workers a partition then costs ``serial + parallel / W +
overhead * tasks / W`` seconds, ``overhead`` being Dask's scheduling cost per task (1 ms, the figure
Dask documents) and ``tasks`` the tasks per partition (5). Transfers between machines, stragglers
and the scheduler's own limits are not modelled: real clusters do worse, never better. As W grows
the throughput tends to ``chars per partition / serial``: the client's replay of repeats is the bound.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

OVERHEAD = 0.001  # seconds of scheduling per task (Dask's documented order of magnitude)
TASKS_PER_PARTITION = 5  # _read, the log and id getters, _flag, _split (and a share of the rules)


def _run(workers: int, corpus: Path, chars: int, partition_bytes: int) -> dict:
    from dask.distributed import get_task_stream
    from dask.utils import key_split

    from factcheck import distributed

    with distributed.connect(f"local:{workers}") as client:
        distributed.check([ROOT / "seeds"], client)  # warm: imports, language files, patterns
        timings: dict[str, float] = {}
        with get_task_stream(client) as stream:
            t = time.perf_counter()
            result = distributed.check([corpus], client, partition_bytes=partition_bytes, timings=timings)
            seconds = time.perf_counter() - t
        tasks: dict[str, list[float]] = {}
        for task in stream.data:
            name = key_split(task["key"])
            compute = sum(s["stop"] - s["start"] for s in task["startstops"] if s["action"] == "compute")
            tasks.setdefault(name, []).append(compute)
    return {
        "workers": workers,
        "seconds": round(seconds, 3),
        "chars_per_s": round(chars / seconds),
        "assertions": len(result.assertions),
        "conflicts": len(result.conflicts),
        "partitions": int(timings.get("partitions", 0)),
        "client": {k: round(v, 3) for k, v in timings.items() if k != "partitions"},
        "task_seconds": {k: round(sum(v), 3) for k, v in sorted(tasks.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="size of the generated corpus (MB of text)")
    parser.add_argument("--partition-mb", type=float, default=0.5, help="input per partition")
    args = parser.parse_args()
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        sys.exit("dask_scale.py needs Dask: pip install 'factcheck[dask]'")
    import corpus

    with tempfile.TemporaryDirectory() as tmp:
        docs = corpus.prose(int(args.mb * 1e6))
        folder = corpus.write(Path(tmp) / "corpus", docs)
        chars = sum(len(d["text"]) for d in docs)
        partition_bytes = int(args.partition_mb * 1e6)
        runs = [_run(w, folder, chars, partition_bytes) for w in (1, 2)]
    for r in runs:
        print(
            f"{r['workers']} worker{'s' if r['workers'] > 1 else ''}: {chars:,} chars in {r['partitions']} "
            f"partitions, {r['seconds']:.2f} s -> {r['chars_per_s']:,} chars/s "
            f"({r['assertions']:,} assertions, {r['conflicts']} conflicts)"
        )
        print(f"  client steps (s): {r['client']}")
        print(f"  task compute (s): {r['task_seconds']}")
    one = runs[0]
    parts = max(one["partitions"], 1)
    parallel = sum(one["task_seconds"].values()) / parts  # worker seconds per partition
    serial = sum(one["client"].get(step, 0.0) for step in ("repeats", "finish")) / parts
    per_partition_chars = chars / parts
    projected = {}
    for w in (8, 32, 128):
        cost = serial + parallel / w + OVERHEAD * TASKS_PER_PARTITION / w
        projected[w] = round(per_partition_chars / cost)
    print(
        f"per partition ({per_partition_chars:,.0f} chars): {parallel:.3f} s of worker time, "
        f"{serial:.4f} s on the client alone (repeat replay and assembling the result)"
    )
    for w, cps in projected.items():
        print(
            f"projected, {w} workers: {cps:,} chars/s ({cps * 86400 / 3000:,.0f} articles of 3,000 chars a day)"
        )
    print(
        "assumptions: many partitions per worker; per-partition costs as measured on 1 worker; "
        f"{OVERHEAD * 1000:.0f} ms scheduling per task, {TASKS_PER_PARTITION} tasks per partition; "
        "no transfer, straggler or scheduler limits modelled (an upper bound)"
    )
    print(
        "RESULT "
        + json.dumps(
            {
                "chars": chars,
                "runs": runs,
                "parallel_seconds_per_partition": round(parallel, 4),
                "serial_seconds_per_partition": round(serial, 5),
                "projected_chars_per_s": projected,
            }
        )
    )


if __name__ == "__main__":
    main()
