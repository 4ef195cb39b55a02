"""Spans of text already read: whether a new span overlaps one, and where the last one before it ends (bisect, not a scan)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Spans:
    """A fixed set of (start, end) spans."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(
            accumulate((e for _, e in ordered), max)
        )  # the furthest end among the first i spans
        self._ends = sorted(e for _, e in ordered)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with any span."""
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self._reach[i] > start

    def end_before(self, pos: int) -> int:
        """The furthest end of the spans that end at or before ``pos`` (0 if none)."""
        i = bisect_right(self._ends, pos) - 1
        return self._ends[i] if i >= 0 else 0
