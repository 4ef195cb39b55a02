"""Throughput of the whole pipeline (one core): the seeds, a large generated prose corpus in four
languages, a number-dense one, 100,000 plain numbers and a 10 MB single line.

Run: python benchmarks/pipeline.py [--repeat N] [--prose-mb 5] [--dense-mb 1] [--numbers 100000]
     [--line-mb 10] [--limit 180] [--profile dense]
Prints its figures, then a last line ``RESULT {json}``. The seeds' timings are the best of N runs
(these machines are shared: the minimum is the figure least disturbed by other work); the generated
inputs are run once each, in a child process stopped after ``--limit`` seconds (reported as
``"timeout"``), after a warm-up on the seeds and on a 1 % input of the same kind (another seed), so
that one-time loads (lemma dictionaries, gazetteers) are not counted as throughput. Each corpus is
written to files and read by ``check`` as a user's run would; its throughput is given beside that
of a bare tokenising pass (``\\w+``) over the same text, and the ratio of the two. The corpora come from benchmarks/corpus.py (deterministic).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

_TOKEN = re.compile(r"\w+")


def _inputs(
    case: str, args: argparse.Namespace, folder: Path, scale: float = 1.0, seed: int = 0
) -> tuple[list[Path], str | None]:
    """Write the case's input under ``folder``: (paths to check, language to assume); ``scale`` and
    ``seed`` give a smaller, different input of the same kind (the warm-up)."""
    import corpus

    if case == "prose":
        return [corpus.write(folder, corpus.prose(int(args.prose_mb * 1e6 * scale), seed=seed))], None
    if case == "dense":
        return [
            corpus.write(folder, corpus.number_dense(int(args.dense_mb * 1e6 * scale), seed=1 + seed))
        ], None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case}.txt"
    least = 0 if scale == 1 else 1  # a warm-up input is never empty, however small the case
    text = (
        corpus.plain_numbers(max(int(args.numbers * scale), 100 * least), seed=2 + seed)
        if case == "numbers"
        else corpus.long_line(max(int(args.line_mb * 1e6 * scale), 1000 * least))
    )
    path.write_text(text, encoding="utf-8")
    return [path], "en"


def _texts(paths: list[Path]) -> list[str]:
    files = [p for path in paths for p in ([path] if path.is_file() else sorted(path.glob("*.txt")))]
    return [f.read_text(encoding="utf-8") for f in files]


def _warm_up(case: str, args: argparse.Namespace, folder: Path) -> tuple[list[Path], object]:
    from factcheck.settings import Settings

    paths, lang = _inputs(case, args, folder, scale=0.01, seed=7)
    return paths, Settings(lang=lang)


def run_case(case: str, args: argparse.Namespace) -> dict:
    """One generated case, timed (in this process)."""
    from factcheck import check
    from factcheck.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        paths, lang = _inputs(case, args, Path(tmp) / case)
        texts = _texts(paths)
        chars = sum(len(t) for t in texts)
        t = time.perf_counter()
        tokens = sum(1 for text in texts for _ in _TOKEN.finditer(text))
        bare = time.perf_counter() - t
        check([ROOT / "seeds"])  # warm: language files, patterns, rules
        # and what only text of this kind loads (lemma dictionaries, gazetteers), so the figure is the
        # throughput, not a one-time load: a 1 % input of the same kind, generated with another seed
        warm, settings = _warm_up(case, args, Path(tmp) / "warm")
        check(warm, settings=settings)
        profile = cProfile.Profile() if args.profile == case else None
        t = time.perf_counter()
        if profile:
            profile.enable()
        result = check(paths, settings=Settings(lang=lang))
        if profile:
            profile.disable()
        seconds = time.perf_counter() - t
    out = {
        "case": case,
        "chars": chars,
        "documents": result.summary["documents"],
        "repeated_articles": result.summary["repeated_articles"],
        "assertions": len(result.assertions),
        "conflicts": len(result.conflicts),
        "seconds": round(seconds, 3),
        "chars_per_s": round(chars / seconds),
        "tokens": tokens,
        "tokenise_chars_per_s": round(chars / max(bare, 1e-9)),
        "ratio_to_tokenising": round(bare / seconds, 5),
    }
    if profile:
        buf = io.StringIO()
        pstats.Stats(profile, stream=buf).sort_stats("tottime").print_stats(25)
        out["profile"] = buf.getvalue()
    return out


def _child(case: str, args: argparse.Namespace) -> dict:
    command = [
        sys.executable,
        __file__,
        "--case",
        case,
        "--prose-mb",
        str(args.prose_mb),
        "--dense-mb",
        str(args.dense_mb),
        "--numbers",
        str(args.numbers),
        "--line-mb",
        str(args.line_mb),
    ] + (["--profile", args.profile] if args.profile else [])
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.limit)
    except subprocess.TimeoutExpired:
        return {"case": case, "seconds": "timeout", "limit": args.limit}
    if done.returncode != 0:
        return {"case": case, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def seeds(repeat: int) -> dict:
    from factcheck import check, find_quantities
    from factcheck.load import load

    documents, _ = load([ROOT / "seeds"])
    chars = sum(len(d.text) for d in documents)
    check([ROOT / "seeds"])  # warm up: language files, patterns, rules
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = check([ROOT / "seeds"])
        runs.append(time.perf_counter() - t)
    norm = []
    for _ in range(repeat):
        t = time.perf_counter()
        for d in documents:
            find_quantities(d.text, d.lang or "fr")
        norm.append(time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(repeat):
        for d in documents:
            sum(1 for _ in _TOKEN.finditer(d.text))
    bare = (time.perf_counter() - t) / repeat
    print(f"seeds: {len(documents)} files, {chars:,} characters")
    print(f"pipeline (check):        best {min(runs):.3f} s  -> {chars / min(runs):,.0f} chars/s")
    print(f"normaliser (quantities): best {min(norm):.3f} s  -> {chars / min(norm):,.0f} chars/s")
    print(
        f"found: {len(result.assertions)} assertions, {len(result.conflicts)} conflicts, {len(result.trends)} trends"
    )
    return {
        "chars": chars,
        "pipeline_seconds": round(min(runs), 4),
        "pipeline_chars_per_s": round(chars / min(runs)),
        "normaliser_chars_per_s": round(chars / min(norm)),
        "ratio_to_tokenising": round(bare / min(runs), 5),
        "assertions": len(result.assertions),
        "conflicts": len(result.conflicts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of the seeds (best of)")
    parser.add_argument("--prose-mb", type=float, default=5.0, help="size of the prose corpus (MB of text)")
    parser.add_argument("--dense-mb", type=float, default=1.0, help="size of the number-dense corpus")
    parser.add_argument("--numbers", type=int, default=100_000, help="how many plain numbers")
    parser.add_argument("--line-mb", type=float, default=10.0, help="size of the single line")
    parser.add_argument("--limit", type=float, default=180.0, help="seconds before a case is stopped")
    parser.add_argument("--only", default="prose,dense,numbers,line", help="the generated cases to run")
    parser.add_argument("--profile", choices=["prose", "dense", "numbers", "line"], help="profile this case")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # the child process: one case, JSON out
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args)))
        return

    result = seeds(args.repeat)
    cases = {}
    for case in [c for c in args.only.split(",") if c]:
        found = _child(case, args)
        cases[case] = {k: v for k, v in found.items() if k != "profile"}
        if found.get("seconds") == "timeout":
            print(f"{case}: stopped after {args.limit:.0f} s")
        elif "error" in found:
            print(f"{case}: failed: {found['error']}")
        else:
            print(
                f"{case}: {found['chars']:,} chars, {found['documents']} documents, {found['assertions']:,} "
                f"assertions in {found['seconds']:.2f} s -> {found['chars_per_s']:,} chars/s "
                f"(a bare tokenising pass: {found['tokenise_chars_per_s']:,} chars/s; ratio "
                f"{found['ratio_to_tokenising']:.4f}); {found['repeated_articles']} articles taken as repeats"
            )
        if "profile" in found:
            print(found["profile"])
    result["cases"] = cases
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
