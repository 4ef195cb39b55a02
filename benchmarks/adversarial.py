"""Every regular expression factcheck uses, timed on adversarial input: no pattern may backtrack its way to quadratic time.

Run: python benchmarks/adversarial.py [--size BYTES] [--limit SECONDS]

The patterns are the ones factcheck itself compiles or uses (re.compile and the re module's functions
are watched while the pipeline reads the bundled seeds and a sentence in every language, so patterns
built from the language files and the rules are included). Each is run with ``finditer`` over the
whole of each adversarial text, the hardest way to use it (the code mostly matches at one place, or in
a bounded window): a megabyte of digits and separators, a megabyte without spaces, ten thousand nested
parentheses (repeated to the size), a megabyte of one number word, and Arabic without spaces. A run
longer than --limit seconds is stopped and counted at that time. It prints the slowest patterns, then
the throughput of the stages on the same texts, and last ``RESULT {json}``; the target (issue 7) is
at least 1,000,000 characters per second for every pattern.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1_000_000


def adversarial(size: int) -> dict[str, str]:
    rng = random.Random(1)
    nested = "(" * 10_000 + "1" + ")" * 10_000
    return {
        "digits and separators": "".join(rng.choice("0123456789.,  '٫٬/-%") for _ in range(size)),
        "no spaces": "".join(
            rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éè.,'-")
            for _ in range(size)
        ),
        "nested parentheses": (nested * (size // len(nested) + 1))[:size],
        "one number word": ("mille " * (size // 6 + 1))[:size],
        "arabic without spaces": "".join(
            rng.choice("ابتثجحخدذرسشصضطظعغفقكلمنهوي٠١٢٣٤٥٦٧٨٩٪") for _ in range(size)
        ),
    }


def collect() -> dict[tuple[str, int], str]:
    """Every pattern factcheck compiles or uses, with where it comes from (module:line)."""
    seen: dict[tuple[str, int], str] = {}
    real = re._compile  # the one function every re entry point goes through

    def watched(pattern, flags):
        compiled = real(pattern, flags)
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] in (
            "re",
            "enum",
            "functools",
        ):
            frame = frame.f_back
        module = frame.f_globals.get("__name__", "") if frame is not None else ""
        if module.startswith("factcheck") and isinstance(compiled.pattern, str):
            seen.setdefault((compiled.pattern, compiled.flags), f"{module}:{frame.f_lineno}")
        return compiled

    re._compile = watched
    cache_dir = os.environ.get("FACTCHECK_CACHE_DIR")
    os.environ["FACTCHECK_CACHE_DIR"] = "off"  # every pattern compiled where it is built, none unpickled
    try:
        from factcheck.api import check
        from factcheck.quantities import available_languages, find_quantities

        check([ROOT / "seeds"])
        for lang in available_languages():
            find_quantities(
                "Il 12 aprile 2023 più di 1.500 dipendenti, 4,8 miliardi di dollari (3 %) tra 5 e 10 km.",
                lang,
            )
    finally:
        re._compile = real
        if cache_dir is None:
            del os.environ["FACTCHECK_CACHE_DIR"]
        else:
            os.environ["FACTCHECK_CACHE_DIR"] = cache_dir
    return seen


class _Late(Exception):
    pass


def _late(signum, frame):
    raise _Late


def rate(pattern: re.Pattern[str], text: str, limit: float) -> float:
    """Characters per second of a full finditer over ``text`` (stopped after ``limit`` seconds)."""
    signal.signal(signal.SIGALRM, _late)
    signal.setitimer(signal.ITIMER_REAL, limit)
    t = time.perf_counter()
    try:
        for _ in pattern.finditer(text):
            pass
    except _Late:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return len(text) / max(time.perf_counter() - t, 1e-9)


def stages(texts: dict[str, str]) -> dict[str, float]:
    """Characters per second of the normaliser and of the segmenter on each text (for information)."""
    from factcheck.quantities import find_quantities
    from factcheck.quantities.lexicon import load_lexicon
    from factcheck.segment.articles import split_articles
    from factcheck.segment.sentences import split_sentences

    out = {}
    lexicons = [load_lexicon(c) for c in ("it", "fr", "ar", "en")]
    for name, text in texts.items():
        for stage, fn in (
            ("find_quantities", lambda t: find_quantities(t, "en")),
            ("split_sentences", lambda t: split_sentences(t, lexicons[3])),
            ("split_articles", lambda t: list(split_articles(t, lexicons))),
        ):
            t = time.perf_counter()
            fn(text)
            out[f"{stage} / {name}"] = len(text) / (time.perf_counter() - t)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--limit", type=float, default=5.0)
    args = parser.parse_args()

    patterns = collect()
    texts = adversarial(args.size)
    results = []
    for (source, flags), where in patterns.items():
        compiled = re.compile(source, flags)
        worst = min((rate(compiled, text, args.limit), name) for name, text in texts.items())
        results.append((worst[0], worst[1], where, source))
    results.sort()
    print(
        f"{len(results)} patterns x {len(texts)} adversarial texts of {args.size:,} characters (finditer over the whole text)"
    )
    print(f"{'chars/s':>14}  {'worst on':<24}{'where':<38}pattern")
    for r, name, where, source in results[:15]:
        print(f"{r:>14,.0f}  {name:<24}{where:<38}{source[:70]!r}")
    slow = [x for x in results if x[0] < TARGET]
    print(
        f"\n{len(slow)} patterns under {TARGET:,} chars/s"
        + "".join(f"\n  {w}: {s[:100]!r}" for _, _, w, s in slow)
    )
    print("\nstages on the same texts (for information):")
    speeds = stages(texts)
    for k, v in speeds.items():
        print(f"  {k:<48}{v:>14,.0f} chars/s")
    by_module: dict[str, int] = {}
    for _, _, where, _ in results:
        by_module[where.split(":")[0]] = by_module.get(where.split(":")[0], 0) + 1
    print(
        "RESULT "
        + json.dumps(
            {
                "patterns": len(results),
                "by_module": by_module,
                "slowest_chars_per_s": round(results[0][0]) if results else None,
                "under_target": len(slow),
                "slowest": results[0][2] if results else None,
                "stages_chars_per_s": {k: round(v) for k, v in speeds.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
