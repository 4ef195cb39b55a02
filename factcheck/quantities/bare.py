"""Runs of bare figures (digits, spaces, "." and ","; a column of numbers, a CSV dump pasted as text) read in bulk, as columns.

Inside such a run no word or sign is near a figure, so nothing attaches to it (scale, unit, currency,
qualifier, sign, date) and no rule joins it to its neighbours (every word and sign the grammar reads
holds a character no run has: tests/test_bare.py checks the language files). Each figure is then what
its digits say, read once per distinct way of writing them, and settled ("1,500") by what the whole
text's numbers show. The first and last figures of a run (:data:`EDGE` each side) are left to the
grammar, with the text around them; the inner figures are taken out of the text it reads (a run's
middle made one NUL, :data:`MARGIN` characters kept each side, their figures blanked).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np

from factcheck.models import Quantity
from factcheck.quantities.grammar import Grammar, Raw, chains, quantity, settled
from factcheck.quantities.numerals import Numeral, read_numeral

BULK = True  # read runs in bulk; tests turn it off to compare with the reading of each figure
EDGE = 2  # figures at each end of a run read by the grammar, with what is around them
_LEAST = 12  # figures in a run worth reading in bulk
# Whitespace-separated tokens of digits, "." and ","; not right after a digit and one space (where a
# number grouped by spaces may run on into it: "USD5 123 456")
_RUN = re.compile(rf"(?<!\S)(?<!\d\s)\d[\d.,]*(?:\s+\d[\d.,]*){{{_LEAST - 1},}}(?!\S)")
_DIGIT = re.compile(r"\d")
_CROSSING = re.compile(r"\d\s\d{3}(?!\d)")  # where a number grouped by spaces may span two tokens


@dataclass(frozen=True, eq=False)
class Figures:
    """Figures read in bulk, as columns (one entry per figure, in text order; offsets in the text read).
    Each is a plain number: exact, no unit, no role, not scaled."""

    start: np.ndarray  # int64
    end: np.ndarray  # int64
    value: np.ndarray  # float64 (nan: beyond what a float holds)
    lower: np.ndarray
    upper: np.ndarray
    ambiguous: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.start)

    def take(self, which: slice | np.ndarray) -> Figures:
        """The figures at ``which`` (a slice or a boolean mask)."""
        return Figures(*(getattr(self, f)[which] for f in _FIELDS))

    def joined(self, quantities: list[Quantity]) -> Figures:
        """These figures and plain ``quantities`` (exact numbers, no unit), in order."""
        if not quantities:
            return self
        more = Figures(
            np.array([q.start for q in quantities], np.int64),
            np.array([q.end for q in quantities], np.int64),
            *(
                np.array([_nan(getattr(q, f)) for q in quantities], np.float64)
                for f in ("value", "lower", "upper")
            ),
            np.array([q.ambiguous for q in quantities], bool),
        )
        if not len(self) and all(a.start <= b.start for a, b in pairwise(quantities)):
            return more  # a line of a few figures, none read in bulk: in order already
        both = Figures(*(np.concatenate((getattr(self, f), getattr(more, f))) for f in _FIELDS))
        return both.take(np.argsort(both.start, kind="stable"))

    def quantities(self, text: str) -> list[Quantity]:
        """The figures as Quantity objects (``text``: what their offsets index)."""
        return [
            Quantity(text[s:e], s, e, _num(v), _num(lo), _num(hi), None, "exact", "number", ambiguous=a)
            for s, e, v, lo, hi, a in zip(
                self.start.tolist(),
                self.end.tolist(),
                self.value.tolist(),
                self.lower.tolist(),
                self.upper.tolist(),
                self.ambiguous.tolist(),
                strict=True,
            )
        ]


_FIELDS = ("start", "end", "value", "lower", "upper", "ambiguous")


def _num(x: float) -> float | None:
    return None if x != x else x  # nan: none


def no_figures() -> Figures:
    ints, floats = np.zeros(0, np.int64), np.zeros(0, np.float64)
    return Figures(ints, ints, floats, floats, floats, np.zeros(0, bool))


@dataclass(frozen=True)
class _Run:
    """The inner figures of one run, before they are settled: offsets and which distinct writing each is."""

    start: np.ndarray  # int64
    end: np.ndarray
    key: np.ndarray  # index into the readings of the text's runs


@dataclass(frozen=True)
class Compacted:
    """A text with the inner figures of its runs taken out (each run's middle made one NUL, its first and
    last :data:`MARGIN` characters kept, figures blanked to NULs, for what the grammar reads around its
    edge figures), and the way back to the text's offsets."""

    text: str
    at: list[int]  # offsets in ``text`` from which ...
    shift: list[int]  # ... this many characters were taken out before

    def original(self, pos: int) -> int:
        """The offset in the whole text of offset ``pos`` of the compacted one."""
        return pos + self.shift[bisect_right(self.at, pos) - 1]


MARGIN = 500  # characters kept at each end of a run's middle: more than the grammar reads around a figure
_SPACE_CODES = np.array([chr(c).isspace() for c in range(0x3001)])


def inner_figures(text: str, g: Grammar, shown: dict[str, set[str]]) -> tuple[Compacted, _Inner | None]:
    """(``text`` with the inner figures of its runs taken out, those figures unsettled); what the figures
    show of their separators is added to ``shown``."""
    inner = _Inner(g, {}, [], [], {})
    if BULK:
        for m in _RUN.finditer(text):
            run = inner.run(text, m.start(), m.end())
            if run is not None:
                inner.runs.append(run)
    if not inner.runs:
        return Compacted(text, [0], [0]), None
    for k in set(np.unique(np.concatenate([r.key for r in inner.runs])).tolist()):
        for mark, use in inner.readings[k][1].shows:
            shown.setdefault(mark, set()).add(use)
    return _compacted(text, inner.runs), inner


def _compacted(text: str, runs: list[_Run]) -> Compacted:
    pieces, at, shift, last = [], [0], [0], 0
    for run in runs:
        a, b = int(run.start[0]), int(run.end[-1])
        middle = _blanked(text[a:b], run.start - a, run.end - a)
        pieces.append(text[last:a])
        if b - a > 2 * MARGIN + 1:
            middle = middle[:MARGIN] + "\0" + middle[-MARGIN:]
            at.append(sum(map(len, pieces)) + MARGIN + 1)
            shift.append(shift[-1] + (b - a) - (2 * MARGIN + 1))
        pieces.append(middle)
        last = b
    pieces.append(text[last:])
    return Compacted("".join(pieces), at, shift)


def _blanked(text: str, starts: np.ndarray, ends: np.ndarray) -> str:
    """``text`` with the characters of the spans [starts, ends) made NULs (offsets kept), which no
    pattern of the grammar reads (no space: a pattern that skips spaces stops at once)."""
    chars = np.frombuffer(text.encode("utf-32-le"), np.uint32).copy()
    inside = np.zeros(len(chars) + 1, np.int32)
    inside[starts] += 1  # the spans do not overlap: no start (or end) twice
    inside[ends] -= 1
    chars[np.cumsum(inside[:-1]) > 0] = 0
    return chars.tobytes().decode("utf-32-le")


_Figure = tuple[int, int, int]  # (start, end, reading) of a figure


def _digit_count(text: str) -> int:
    """How many digits (``\\d``) ``text`` holds; in ASCII, counted by ``str.count``."""
    if text.isascii():
        return sum(map(text.count, "0123456789"))
    return _DIGIT.subn("", text)[1]


@dataclass
class _Inner:
    """The inner figures of a text's runs as they are found: the distinct writings read (key -> index
    into ``readings``: (the writing, its numeral at offset 0, its digits)), each run's figures, and the
    figures of each distinct token (None: a token to read figure by figure)."""

    g: Grammar
    keys: dict[tuple[str, str | None], int]
    readings: list[tuple[str, Numeral, int]]
    runs: list[_Run]
    tokens: dict[str, list[_Figure] | None]

    def run(self, text: str, start: int, end: int) -> _Run | None:
        """The inner figures of the run ``text[start:end]``; None where it must be read figure by figure
        (a chain that is no number, "192.168.1.2"; digits no figure takes)."""
        spaced = any(c.isspace() for c in self.g.lex.group)  # "12 345": a figure may span a space
        if spaced and _CROSSING.search(text, start, end):
            found = self._matched(text, start, end)
        else:
            found = self._tokens(text, start, end)
        if found is None or len(found[0]) <= 2 * EDGE:
            return None
        run = _Run(*(np.asarray(x[EDGE:-EDGE], np.int64) for x in found))
        digits = int(self._digits[run.key].sum())
        if _digit_count(text[int(run.start[0]) : int(found[0][-EDGE])]) != digits:
            return None  # digits up to the next figure that none of them takes: read one by one
        return run

    @property
    def _digits(self) -> np.ndarray:
        return np.array([d for _, _, d in self.readings], np.int64)

    def _matched(self, text: str, start: int, end: int) -> tuple[list, list, list] | None:
        """The figures of a run, match by match (as grammar.numerals finds them)."""
        chained = chains(text, self.g.lex.data.numbers.lakh_grouping, start, end)
        starts, ends, keys = [], [], []
        last = start
        for m in self.g.numeral.finditer(text, start, end):
            found = self._step(text, m, chained, last)
            if found is False:
                return None
            if found is not None:
                s, last, k = found
                starts.append(s)
                ends.append(last)
                keys.append(k)
        return starts, ends, keys

    def _step(self, text: str, m: re.Match[str], chained: dict, last: int) -> _Figure | bool | None:
        """The figure of one numeral match: None where none (no number, or part of the one before),
        False where the run is to be read figure by figure (a chain that is no number)."""
        s = m.start()
        chain = chained.get(s) if chained else None
        if isinstance(chain, list):
            return False
        if chain is not None and chain.end > m.end():
            key: tuple[str, str | None] = (text[s : chain.end], "chain")
        else:
            chain, key = None, (m.group(0), m.lastgroup)
        k = self.keys.get(key)
        if k is None:
            k = self._read(key, m, chain)
        if k < 0 or s < last:
            return None
        return s, s + len(self.readings[k][0]), k

    def _tokens(self, text: str, start: int, end: int) -> tuple[np.ndarray, ...] | None:
        """The figures of a run where none spans a space: those of each distinct token, read once."""
        region = text[start:end]
        words = region.split()
        figures = [self._token(w) for w in dict.fromkeys(words)]
        if any(f is None for f in figures):
            return None
        index = {w: i for i, w in enumerate(dict.fromkeys(words))}
        tid = np.fromiter(map(index.__getitem__, words), np.int64, len(words))
        chars = np.frombuffer(region.encode("utf-32-le"), np.uint32)
        space = np.zeros(len(chars), bool)
        low = chars < len(_SPACE_CODES)
        space[low] = _SPACE_CODES[chars[low]]
        at = np.flatnonzero(~space & np.concatenate(([True], space[:-1])))  # where each token starts
        counts = np.array([len(f) for f in figures], np.int64)
        flat = np.array([x for f in figures for x in f], np.int64).reshape(-1, 3)
        offset = np.cumsum(counts) - counts
        n = counts[tid]
        token_of = np.repeat(np.arange(len(tid)), n)
        within = np.arange(int(n.sum())) - (np.cumsum(n) - n)[token_of]
        row = flat[offset[tid[token_of]] + within]
        begin = start + at[token_of]
        return begin + row[:, 0], begin + row[:, 1], row[:, 2]

    def _token(self, word: str) -> list[_Figure] | None:
        if word not in self.tokens:
            found = self._matched(word, 0, len(word))
            self.tokens[word] = None if found is None else list(zip(*found, strict=True))
        return self.tokens[word]

    def _read(self, key: tuple[str, str | None], m: re.Match[str], chain: Numeral | None) -> int:
        n = chain or read_numeral(m, self.g.lex)
        k = -1
        if n is not None:
            k = len(self.readings)
            n = replace(n, start=0, end=n.end - n.start)
            self.readings.append((key[0], n, _DIGIT.subn("", key[0])[1]))
        self.keys[key] = k
        return k

    def figures(self, shown: dict[str, set[str]], skip: list[tuple[int, int]]) -> Figures:
        """The inner figures, settled by what the whole text's numbers show (``shown``), those inside a
        span of ``skip`` (a phone number, a web address) left out."""
        read = [_quantity(w, n, shown) for w, n, _ in self.readings]
        value = np.array([_nan(q.value) for q in read], np.float64)
        lower = np.array([_nan(q.lower) for q in read], np.float64)
        upper = np.array([_nan(q.upper) for q in read], np.float64)
        ambiguous = np.array([q.ambiguous for q in read], bool)
        key = np.concatenate([r.key for r in self.runs])
        start = np.concatenate([r.start for r in self.runs])
        end = np.concatenate([r.end for r in self.runs])
        keep = ~overlapping(skip, start, end)
        key = key[keep]
        return Figures(start[keep], end[keep], value[key], lower[key], upper[key], ambiguous[key])


def overlapping(spans: list[tuple[int, int]], start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Per figure [start, end): whether it shares a character with one of ``spans`` (as Spans.overlaps)."""
    if not spans:
        return np.zeros(len(start), bool)
    ordered = sorted(spans)
    starts = np.array([s for s, _ in ordered], np.int64)
    reach = np.maximum.accumulate(np.array([e for _, e in ordered], np.int64))
    i = np.searchsorted(starts, end, "left") - 1
    return (i >= 0) & (reach[np.maximum(i, 0)] > start)


def _nan(x: float | None) -> float:
    return np.nan if x is None else x


def _quantity(written: str, n: Numeral, shown: dict[str, set[str]]) -> Quantity:
    """The Quantity of one writing of a figure at offset 0, as the grammar reads it alone."""
    raw = Raw(0, n.end, n.value, decimals=n.decimals, trailing_zeros=n.trailing_zeros, ambiguous=n.ambiguous)
    if n.ambiguous:
        raw = settled(raw, n, shown)
    return quantity(written, raw)
