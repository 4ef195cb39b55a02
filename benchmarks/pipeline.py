"""Throughput of the whole pipeline and of the normaliser on the bundled seeds (one core).

Run: python benchmarks/pipeline.py [--repeat N]
Prints its figures, then a last line ``RESULT {json}``. Timings are the best of N runs: these
machines are shared, so the minimum is the figure least disturbed by other work.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from factcheck import check, find_quantities
    from factcheck.load import load

    documents, _ = load([ROOT / "seeds"])
    chars = sum(len(d.text) for d in documents)
    check([ROOT / "seeds"])  # warm up: language files, patterns, rules
    runs = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        result = check([ROOT / "seeds"])
        runs.append(time.perf_counter() - t)
    norm = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for d in documents:
            find_quantities(d.text, d.lang or "fr")
        norm.append(time.perf_counter() - t)
    pipeline_cps = chars / min(runs)
    normaliser_cps = chars / min(norm)
    print(f"seeds: {len(documents)} files, {chars:,} characters")
    print(f"pipeline (check):        best {min(runs):.3f} s  -> {pipeline_cps:,.0f} chars/s")
    print(f"normaliser (quantities): best {min(norm):.3f} s  -> {normaliser_cps:,.0f} chars/s")
    print(
        f"found: {len(result.assertions)} assertions, {len(result.conflicts)} conflicts, {len(result.trends)} trends"
    )
    print(
        "RESULT "
        + json.dumps(
            {
                "chars": chars,
                "pipeline_seconds": round(min(runs), 4),
                "pipeline_chars_per_s": round(pipeline_cps),
                "normaliser_chars_per_s": round(normaliser_cps),
                "assertions": len(result.assertions),
                "conflicts": len(result.conflicts),
            }
        )
    )


if __name__ == "__main__":
    main()
