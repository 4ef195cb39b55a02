"""What the metric and scope of figures alone achieve on the development corpus: grouping precision
and recall when every figure has its right subject and date (a diagnostic, not the product's score).

``benchmarks/grouping.py`` scores the whole pipeline; there, a figure with no subject or no date is
never compared, which hides how well figures are told apart by what they measure. This run gives
each figure the subject its annotation names and each undated article the first date of its story,
then scores the pairs as grouping.py does. The subjects and dates are the annotator's: nothing of
them reaches the library's data or code.

Usage: python benchmarks/metric_grouping.py [--grouping PATH] [-v]. Last line: ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path


def _load(path: Path):
    spec = importlib.util.spec_from_file_location("grouping", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["grouping"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grouping", type=Path, default=Path(__file__).with_name("grouping.py"))
    parser.add_argument("-v", action="store_true", help="list the metric pairs missed or wrongly grouped")
    args = parser.parse_args()
    g = _load(args.grouping)
    from factcheck.api import check

    total, why = Counter(), Counter()
    for name, story in g.load_gold().items():
        result = check([g.DEVCORPUS / name])
        a = result.assertions.copy()
        day = a["published"].dropna().min()
        for col in ("period_start", "period_end", "published"):
            a[col] = a[col].fillna(day)
        a["entity"] = "unknown"
        matched = g.match_figures(story.figures, a)
        where = dict(zip(a["assertion_id"], a.index, strict=True))
        for f, aid in zip(story.figures, matched, strict=True):
            if aid:
                a.loc[where[aid], "entity"] = story.things[f.key]["subject"]
        counts = g.score_story(story, type("Run", (), {"assertions": a, "conflicts": a.iloc[0:0]})())
        total.update(counts)
        rates = g.rates(counts)
        print(
            f"{name:28} grouping precision {rates['grouping_precision']}  recall {rates['grouping_recall']}"
        )
        if args.v:
            metric = dict(zip(a["assertion_id"], a["metric"], strict=True))
            for m, f in enumerate(story.figures):
                for n in range(m + 1, len(story.figures)):
                    h = story.figures[n]
                    if f.key == h.key and f.doc != h.doc and matched[m] and matched[n]:
                        pair = sorted((metric[matched[m]], metric[matched[n]]))
                        if pair[0] != pair[1]:
                            why[(story.things[f.key]["metric"], *pair)] += 1
    rates = g.rates(total)
    print(f"TOTAL grouping precision {rates['grouping_precision']}  recall {rates['grouping_recall']}")
    for key, n in why.most_common(30):
        print(f"  {n:4d} pairs of {key[0]!r} read as {key[1]} and {key[2]}")
    print("RESULT " + json.dumps({k: rates[k] for k in ("grouping_precision", "grouping_recall")}))


if __name__ == "__main__":
    main()
