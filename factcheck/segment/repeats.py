"""Repeats in a run: a sentence seen before (same letters and digits), an article seen before or nearly (MinHash bands, then word triples)."""

from __future__ import annotations

import hashlib
import re
from collections import deque

import numpy as np

OVERLAP = 0.8  # near repeats: at least this share of the shorter one's word triples are in the other
BANDS, ROWS = (
    8,
    4,
)  # MinHash of 32 values in 8 bands of 4: texts sharing 80 % of triples meet in a band 98.5 % of the time,
_PRIME = (1 << 61) - 1  # texts sharing 30 % about 6 % of the time; only those are compared
PER_BAND = 64  # the latest articles kept per band value: thousands of look-alike posts cost no more than this
_RNG = np.random.default_rng(20221027)
_A = _RNG.integers(1, _PRIME, BANDS * ROWS, dtype=np.uint64)
_B = _RNG.integers(0, _PRIME, BANDS * ROWS, dtype=np.uint64)


_NOT_ALNUM = re.compile(r"[\W_]")  # exactly the characters for which str.isalnum() is false


def alnum_key(text: str) -> str:
    """The text's letters and digits, lowercased (what tells one sentence or title from another)."""
    if text.isascii():  # (the same, by bytes.translate: a table in C, several times faster than str's)
        return text.encode("ascii").translate(None, _ASCII_NOT_ALNUM).lower().decode("ascii")
    return _NOT_ALNUM.sub("", text.lower())


_NOT_ALNUM_OR_SPACE = re.compile(r"[^\w\s]|_")  # what _NOT_ALNUM takes out of a word
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if _NOT_ALNUM.match(chr(c)))  # the bytes taken out
_ASCII_NOT_ALNUM_OR_SPACE = bytes(c for c in range(128) if _NOT_ALNUM_OR_SPACE.match(chr(c)))


def _words(text: str) -> list[str]:
    """The text's words, lowercased, letters and digits only (words of neither left out): what is
    neither is taken out of the whole text at once, the spaces between words kept."""
    if text.isascii():  # (the same, by bytes.translate, as alnum_key)
        return text.encode("ascii").translate(None, _ASCII_NOT_ALNUM_OR_SPACE).lower().decode("ascii").split()
    return _NOT_ALNUM_OR_SPACE.sub("", text.lower()).split()


def minhash(shingles: frozenset[str]) -> tuple[int, ...]:
    """The MinHash signature of a set of word triples: two sets agree on each value as often as they overlap (Jaccard)."""
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=7).digest() for s in shingles)
    # each 7-byte digest read as a big-endian number: a zero byte put before it, read as 8 bytes
    padded = np.zeros((len(shingles), 8), dtype=np.uint8)
    padded[:, 1:] = np.frombuffer(digests, dtype=np.uint8).reshape(len(shingles), 7)
    hashes = padded.view(">u8").ravel().astype(np.uint64)
    with np.errstate(over="ignore"):  # arithmetic mod 2**64, then mod a prime: a universal hash family
        mixed = (hashes[None, :] * _A[:, None] + _B[:, None]) % np.uint64(_PRIME)
    return tuple(int(v) for v in mixed.min(axis=1))


def shingles(text: str) -> frozenset[str]:
    """The word triples of a text (words lowercased, letters and digits only), each written as one string,
    its words joined by a space (a word holds none: the strings are as distinct as the triples, and are
    hashed once, where a tuple is hashed again at every lookup)."""
    words = _words(text)
    return frozenset(map(" ".join, zip(words, words[1:], words[2:], strict=False)))


class RepeatTracker:
    """Remembers every sentence and article seen in a run, so later copies are marked as repeats.

    An article is compared only with the earlier ones that share a band of its MinHash signature (no
    scan over all earlier articles; the latest PER_BAND of each band), and counts as a repeat if most of the shorter one's word triples are
    in the other (a post copied under a new heading is still a copy).
    """

    def __init__(self) -> None:
        self._sentences: set[str] = set()
        self._articles: list[frozenset[str]] = []
        self._bands: dict[tuple[int, tuple[int, ...]], deque[int]] = {}

    def sentence_seen(self, text: str) -> bool:
        return self.key_seen(alnum_key(text))

    def key_seen(self, k: str) -> bool:
        """Whether a sentence of this key (its letters and digits) was seen before."""
        if len(k) < 20:
            return False
        seen = k in self._sentences
        self._sentences.add(k)
        return seen

    def article_seen(self, text: str) -> bool:
        return self.shingles_seen(shingles(text))

    def shingles_seen(self, shingles: frozenset[str]) -> bool:
        """Whether an article of these word triples (or most of them) was seen before."""
        if not shingles:
            return False
        signature = minhash(shingles)
        bands = [(b, signature[b * ROWS : (b + 1) * ROWS]) for b in range(BANDS)]
        candidates = {i for band in bands for i in self._bands.get(band, ())}
        seen = any(
            len(shingles & self._articles[i]) / min(len(shingles), len(self._articles[i])) >= OVERLAP
            for i in candidates
        )
        for band in bands:
            self._bands.setdefault(band, deque(maxlen=PER_BAND)).append(len(self._articles))
        self._articles.append(shingles)
        return seen


class RepeatLog(RepeatTracker):
    """Decides nothing (every article and sentence is new) but logs what it was asked, per article
    (its word triples, its sentences' keys), so the answers can be given later, in input order, by a
    RepeatTracker (a cluster run reads the inputs in parts, in parallel)."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[frozenset[str], list[str]]] = []

    def shingles_seen(self, shingles: frozenset[str]) -> bool:
        self.log.append((shingles, []))
        return False

    def key_seen(self, k: str) -> bool:
        self.log[-1][1].append(k)
        return False


def replay(
    tracker: RepeatTracker, log: list[tuple[frozenset[str], list[str]]]
) -> list[tuple[bool, list[bool]]]:
    """The tracker's answers to a RepeatLog's questions, asked in the same order: per article,
    (article seen, [sentence seen, ...])."""
    return [(tracker.shingles_seen(sh), [tracker.key_seen(k) for k in keys]) for sh, keys in log]
