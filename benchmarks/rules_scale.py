"""Grouping and every rule of the catalogue over a newsroom-sized table of synthetic assertions.

Run: python benchmarks/rules_scale.py [--assertions N] [--groups G] [--repeat R (default 3)]
Builds N assertions over G entity x metric groups (default 1,000,000 over 100,000): about ten values
per group from several sources and dates, a tenth of them disagreeing, a fifth approximate, one in
twenty a repeat, a few attributed, over six metrics of every kind (stocks, a flow that decreases a
stock, a change, a price, a share); then runs the pipeline's engine (candidate pairs, then every rule
of rules/checks/) and prints the time (best of R) and the peak memory of the process. The last line
is ``RESULT {json}``. Targets (issue 5): at most 5 s and 2 GB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
METRICS = [
    ("headcount", "stock", "count", 30.0, None),
    ("users", "stock", "count", 183.0, None),
    ("layoffs", "flow", "count", 30.0, "headcount"),
    ("ad_revenue_change", "change", "percent", np.nan, None),
    ("acquisition_price", "price", "money", np.nan, None),
    ("fake_account_share", "share", "percent", 90.0, None),
]


def synthetic(n: int, groups: int, seed: int = 7) -> pd.DataFrame:
    """N assertions in the pipeline's table layout (see factcheck/assertions.py), spread over G groups."""
    from factcheck.assertions import COLUMNS, EXTRA

    rng = np.random.default_rng(seed)
    g = rng.integers(0, groups, n)
    metric = g % len(METRICS)
    table = pd.DataFrame(
        METRICS, columns=["metric", "metric_kind", "metric_dimension", "window_days", "decreases"]
    )
    base = 10 ** rng.uniform(2, 8, groups)
    value = base[g] * np.where(rng.random(n) < 0.1, rng.uniform(0.5, 1.5, n), 1.0)  # one in ten disagrees
    value = np.where(
        table["metric_dimension"].to_numpy()[metric] == "percent", np.round(value % 100, 1), np.round(value)
    )
    approx = rng.random(n) < 0.2
    day = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 60, n) + (g % 7) * 90, unit="D")
    doc = rng.integers(0, n // 5 + 1, n)
    df = pd.DataFrame(
        {
            "assertion_id": [f"a{i}" for i in range(n)],
            "doc_id": pd.Series(doc).map("d{}".format),
            "article_id": pd.Series(doc).map("d{}#1".format),
            "source": pd.Series(doc % 500).map("source {}".format),
            "lang": np.array(["it", "fr", "ar", "en"])[doc % 4],
            "published": day,
            "entity": pd.Series(g).map("e{}".format),
            "metric": table["metric"].to_numpy()[metric],
            "value": value,
            "lower": np.where(approx, value * 0.95, value),
            "upper": np.where(approx, value * 1.05, value),
            "unit": np.where(
                table["metric_dimension"].to_numpy()[metric] == "percent",
                "percent",
                np.where(table["metric_dimension"].to_numpy()[metric] == "money", "USD", None),
            ),
            "qualifier": np.where(approx, "approx", "exact"),
            "period_start": day,
            "period_end": day,
            "time_basis": "published",
            "attribution": np.where(
                rng.random(n) < 0.05, np.array(["Reuters", "the company"])[rng.integers(0, 2, n)], None
            ),
            "attribution_unsure": None,
            "number_text": "1,000",
            "sentence": "A sentence with a number.",
            "start": 0,
            "end": 5,
            "is_repeat": rng.random(n) < 0.05,
            "kind": np.where(table["metric_dimension"].to_numpy()[metric] == "count", "number", "percent"),
            "metric_kind": table["metric_kind"].to_numpy()[metric],
            "metric_dimension": table["metric_dimension"].to_numpy()[metric],
            "window_days": table["window_days"].to_numpy()[metric],
            "cumulative": g % 3 == 0,  # a third of the groups are running totals (tolls)
            "decreases": table["decreases"].to_numpy()[metric],
            "change_of": None,
            "time_precision": "day",
            "derived": False,
            "role": None,
            "link_id": None,
            "head": None,
            "scope": None,
            "stage": None,
            "ambiguous": False,
            "path": None,
            "url": None,
            "entity_label": pd.Series(g).map("Entity {}".format),
            "metric_label": np.char.replace(table["metric"].to_numpy(dtype=str), "_", " ")[metric].astype(
                object
            ),
            "metric_source": "catalogue",
            "metric_links": None,
            "metric_phrase": None,
            "metric_lemma": None,
            "subject_kind": "entity",
            "subject_source": "catalogue",
            "subject_text": None,
        }
    )
    return df[COLUMNS + EXTRA]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assertions", type=int, default=1_000_000)
    parser.add_argument("--groups", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from factcheck.engine import load_rules, run_rules

    rules = load_rules(ROOT / "rules")
    t = time.perf_counter()
    df = synthetic(args.assertions, args.groups)
    built = time.perf_counter() - t
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best, findings = float("inf"), None
    for _ in range(args.repeat):
        t = time.perf_counter()
        findings = run_rules(rules, df)
        best = min(best, time.perf_counter() - t)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(
        f"{args.assertions:,} assertions in {args.groups:,} groups (built in {built:.1f} s, {before / 1024:,.0f} MB)"
    )
    print(f"grouping and {len(rules)} rules: {best:.2f} s; peak memory of the process {peak_mb:,.0f} MB")
    print(f"found {len(findings.conflicts):,} conflicts and {len(findings.trends):,} trends")
    print(
        "RESULT "
        + json.dumps(
            {
                "assertions": args.assertions,
                "groups": args.groups,
                "seconds": round(best, 3),
                "peak_mb": round(peak_mb),
                "conflicts": len(findings.conflicts),
                "trends": len(findings.trends),
            }
        )
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
