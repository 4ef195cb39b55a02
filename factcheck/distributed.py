"""Runs on a Dask cluster (``--dask``): stages 1-5 as a map over partitions of the inputs, the
assertions shuffled by entity, the rules run per group on the workers; the results of one process.

How the one-process result is kept, step by step:

- partitions are runs of consecutive input files (about ``PARTITION_BYTES`` of input each), so the
  assertions of the parts, stacked in order, are the one-process table;
- document ids stay unique across parts (a part whose ids meet an earlier part's is read again,
  told the ids given out before it: what one process does as it goes);
- repeats (an article or sentence seen before) depend on everything read before, so the workers only
  log each article's word triples and sentence keys; the client replays the logs in input order
  through one RepeatTracker (the only sequential step: no text is read there), and the workers set
  the repeat flags of their parts;
- every rule relates assertions of one entity (pairs share entity and metric; the arithmetic inside
  an article ties metrics of one entity), so the groups of the shuffle are entities (hashed into as
  many buckets as workers); the findings of the buckets are stacked and sorted as one run sorts them.
"""

from __future__ import annotations

import operator
import os
import time
import zlib
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from factcheck import api
from factcheck.cache import session
from factcheck.engine import Findings, Rule, combine, run_rules
from factcheck.errors import UsageError
from factcheck.load import STDIN, Inputs
from factcheck.segment.repeats import RepeatLog, RepeatTracker, replay
from factcheck.settings import Settings

INSTALL = "pip install 'factcheck[dask]'"
PARTITION_BYTES = 8 << 20  # input bytes per partition: what one task reads and holds


@contextmanager
def connect(address: str) -> Any:
    """A Dask client for ``address``: ``local`` (a cluster of one worker per core on this machine),
    ``local:N`` (N workers), or a scheduler's address (``tcp://HOST:8786``)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--dask needs Dask, which is not installed", hint=INSTALL) from None
    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2]
        if count and not (count.isdigit() and int(count) > 0):
            raise UsageError(f"--dask {address}: expected local or local:N with N workers")
        import logging

        cluster = LocalCluster(
            n_workers=int(count) if count else os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
        return
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise UsageError(
            f"--dask {address}: no Dask scheduler answers there ({exc})",
            hint="start one with: dask scheduler  (and workers with: dask worker ADDRESS)",
        ) from None
    try:
        yield client
    finally:
        client.close()


def partitions(files: Sequence[Path], target: int = PARTITION_BYTES) -> list[tuple[Path, ...]]:
    """Runs of consecutive files of about ``target`` bytes each (a larger file is a part of its own)."""
    out: list[list[Path]] = [[]]
    size = 0
    for f in files:
        n = f.stat().st_size if f.is_file() else 0
        if out[-1] and size + n > target:
            out.append([])
            size = 0
        out[-1].append(f)
        size += n
    return [tuple(p) for p in out if p]


def check(
    paths: Iterable[str | Path] | None,
    client: Any,
    rules: str | Path | None = None,
    settings: Settings | None = None,
    *,
    min_severity: str | None = None,
    partition_bytes: int = PARTITION_BYTES,
    timings: dict[str, float] | None = None,
) -> api.Result:
    """``api.check`` on a Dask ``client``'s workers: the same Result, byte for byte in its exports.
    ``timings``, if given, receives the seconds each step took on the client (for benchmarks)."""
    clock = _Clock(timings)
    with session():
        run = api.prepare(paths, rules, settings, min_severity)
        if any(str(f) == STDIN for f in run.inputs.files):
            raise UsageError("--dask reads files and folders, not standard input")
        groups = [
            Inputs(
                g,
                {
                    p.resolve(): run.inputs.manifest[p.resolve()]
                    for p in g
                    if p.resolve() in run.inputs.manifest
                },
            )
            for g in partitions(run.inputs.files, partition_bytes)
        ]
        clock("prepare")
        read = [client.submit(_read, g, run.settings, frozenset(), pure=False) for g in groups]
        read = _unique_ids(client, read, groups, run.settings)
        logs = client.gather([client.submit(operator.itemgetter(1), r) for r in read])
        clock("map")
        tracker = RepeatTracker()
        answers = [replay(tracker, log) for log in logs]  # in input order, as one process meets them
        clock("repeats")
        parts = [client.submit(_flag, r, a) for r, a in zip(read, answers, strict=True)]
        done_parts: list[api.Part] = client.gather(parts)
        api.something_read(run, done_parts)
        done_parts = api.link(run, done_parts)  # across every article of the run, so here on the client
        clock("link")
        parts = client.scatter(done_parts)
        buckets = max(1, len(client.scheduler_info().get("workers", {})))
        splits = [client.submit(_split, p, buckets) for p in parts]
        found = [
            client.submit(_rules, [client.submit(operator.itemgetter(b), s) for s in splits], run.rules)
            for b in range(buckets)
        ]
        findings = [f for f in client.gather(found) if f is not None]
        clock("rules")
        result = api.finish(run, done_parts, combine(findings))
        clock("finish")
        if timings is not None:
            timings["partitions"] = len(groups)
        return result


class _Clock:
    """Seconds between calls, by step name, into ``timings`` (nothing when it is None)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings, self.last = timings, time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[step] = self.timings.get(step, 0.0) + now - self.last
        self.last = now


def _unique_ids(client: Any, read: list[Any], groups: list[Inputs], settings: Settings) -> list[Any]:
    """The parts again, each read a second time if its document ids met those of an earlier part."""
    ids = client.gather([client.submit(_doc_ids, r) for r in read])
    taken: set[str] = set()
    for i, mine in enumerate(ids):
        if taken.intersection(mine):
            read[i] = client.submit(_read, groups[i], settings, frozenset(taken), pure=False)
            mine = client.submit(_doc_ids, read[i]).result()
        taken.update(mine)
    return read


# The tasks (run on the workers).


def _read(inputs: Inputs, settings: Settings, seen: frozenset[str]) -> tuple[api.Part, list]:
    """Stages 1-5 over one partition, repeats logged rather than decided."""
    log = RepeatLog()
    with session():
        part = api.read_part(inputs, settings, log, seen=set(seen))
    return part, log.log


def _doc_ids(read: tuple[api.Part, list]) -> list[str]:
    return read[0].doc_ids


def _flag(read: tuple[api.Part, list], answers: list[tuple[bool, list[bool]]]) -> api.Part:
    """The part with the repeat flags the replay gave: an assertion is a repeat if its article or its
    sentence is."""
    part = read[0]
    flags = [answers[a][0] or (s >= 0 and answers[a][1][s]) for a, s in part.rows_at]
    part.assertions["is_repeat"] = pd.array(flags, dtype=bool) if flags else part.assertions["is_repeat"]
    part.n_repeats = sum(seen for seen, _ in answers)
    return part


def _split(part: api.Part, buckets: int) -> list[pd.DataFrame]:
    """The part's assertions by bucket of their entity (rows keep their order)."""
    a = part.assertions
    bucket = a["entity"].map(lambda e: zlib.crc32(str(e).encode()) % buckets if isinstance(e, str) else 0)
    return [a[(bucket == b).to_numpy()] for b in range(buckets)]


def _rules(frames: list[pd.DataFrame], rules: tuple[Rule, ...]) -> Findings | None:
    """The rules over one bucket of entities (its rows from every part, in input order)."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return None
    return run_rules(list(rules), pd.concat(frames, ignore_index=True))
