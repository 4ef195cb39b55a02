"""Who a number is about: the nearest entity name in its sentence outside asides, else the last one named."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter

from factcheck.resolve.knowledge import Hit

_ASIDE_BREAK = re.compile(r"[,،;()–—]")


def _asides(sentence: str, start: int, end: int, hits: list[Hit]) -> list[tuple[int, int]]:
    """Comma-bounded spans right after a name that do not hold the number: "Threads, créée par Meta, ..."."""
    cuts = [m.start() for m in _ASIDE_BREAK.finditer(sentence)]
    spans = []
    for a, b in itertools.pairwise(cuts):
        after_name = any(h.end <= a and not sentence[h.end : a].strip() for h in hits)
        if after_name and not (a <= start and end <= b):
            spans.append((a, b))
    return spans


def nearest_entity(sentence: str, start: int, end: int, hits: list[Hit]) -> str | None:
    """The entity named closest to the number (offsets relative to ``sentence``), asides skipped."""
    asides = _asides(sentence, start, end, hits)
    best: tuple[float, str] | None = None
    for h in hits:
        if any(a < h.start and h.end <= b for a, b in asides):
            continue
        dist = start - h.end if h.end <= start else (h.start - end) * 1.5 if h.start >= end else 0
        if best is None or dist < best[0]:
            best = (dist, h.id)
    return best[1] if best else None


def last_named(hits: list[Hit], before: int) -> str | None:
    """The entity named last before offset ``before``: what "la société" or "it" most likely refers to."""
    k = bisect_right(hits, before, key=lambda h: h.end)  # hits are in text order, so their ends are too
    return hits[k - 1].id if k else None


def main_subject(hits: list[Hit]) -> str | None:
    """The entity an article names most often (the first named, on a tie)."""
    if not hits:
        return None
    counts = Counter(h.id for h in hits)
    top = max(counts.values())
    return next(h.id for h in hits if counts[h.id] == top)
