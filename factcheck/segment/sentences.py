"""Sentences: sentencex per line, then cut after a whole word it took for an abbreviation, and rejoined where it
cut after an abbreviation or before a lowercase word."""

from __future__ import annotations

import re
from functools import cache

import sentencex

from factcheck.models import Sentence
from factcheck.quantities.lexicon import Lexicon

_INITIAL = re.compile(r"(?:^|\s)[^\W\d_]\.$")  # "Stephen L. Carter" (not "the toll rose to 4.")


@cache
def _abbreviations(lex: Lexicon) -> frozenset[str]:
    return frozenset(a.lower() for a in lex.data.sentences.abbreviations)


@cache
def _word_ends(lex: Lexicon) -> re.Pattern[str] | None:
    """Where a sentence ends after a whole word the segmenter may take for an abbreviation
    (``sentences.whole_words``: "on 18 May. Voting started"): its full stop, before a capital."""
    words = lex.data.sentences.whole_words
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")\.\s+")


def _cut(piece: str, ends: re.Pattern[str] | None) -> list[str]:
    """``piece`` cut where a sentence ends after a whole word (:func:`_word_ends`), each part stripped."""
    if ends is None:
        return [piece]
    parts, at = [], 0
    for m in ends.finditer(piece):
        if piece[m.end() : m.end() + 1].isupper():
            parts.append(piece[at : m.end()].strip())
            at = m.end()
    return [*parts, piece[at:]]


def _continues(previous: str, following: str, abbreviations: frozenset[str]) -> bool:
    """Whether a cut between two pieces is not a sentence end: "M. Dupont", "10 a.m. on Monday", a
    decimal point ("٣.٠ مليون")."""
    words = previous.split()
    last = words[-1].lower() if words else ""
    first = following.lstrip("\"'«“(")[:1]
    decimal = previous[-2:-1].isdigit() and previous.endswith(".") and following[:1].isdigit()  # "٣.٠"
    return (
        last in abbreviations
        or bool(_INITIAL.search(previous))
        or (first.isalpha() and first.islower())
        or decimal
    )


def split_sentences(text: str, lex: Lexicon) -> list[Sentence]:
    """Sentences of ``text`` as spans, blank ones left out; a line break ends a sentence, unless the
    line runs on into the next (:func:`_lines`). A line longer than MAX_LINE and a sentence longer than
    MAX_SENTENCE are cut at spaces, so the work stays linear whatever the text."""
    abbreviations, ends = _abbreviations(lex), _word_ends(lex)
    out: list[Sentence] = []
    for line_start, line_end in _lines(text):
        for chunk_start, chunk_end in _bounded(text, line_start, line_end, MAX_LINE):
            pos = chunk_start
            spans: list[list[int]] = []
            pieces = sentencex.segment(lex.code, text[chunk_start:chunk_end])
            for piece in (part for whole in pieces for part in _cut(whole, ends)):
                piece = piece.strip()
                if not piece:
                    continue
                start = text.find(piece, pos, chunk_end)
                if start < 0:  # the segmenter changed the text: the rest of the chunk is one sentence
                    rest = text[pos:chunk_end]
                    start, piece = pos + len(rest) - len(rest.lstrip()), rest.strip()
                end = start + len(piece)
                if spans and _continues(
                    text[max(spans[-1][0], spans[-1][1] - 100) : spans[-1][1]], piece, abbreviations
                ):  # its end only
                    spans[-1][1] = end
                else:
                    spans.append([start, end])
                pos = end
            out.extend(
                Sentence(a, z) for a, b in spans if b > a for a, z in _bounded(text, a, b, MAX_SENTENCE)
            )
    return out


# "la\nbanca", "prossima al\n30%": a line broken mid-sentence, the next in lower case or a figure after a small word
_RUNS_ON = re.compile(
    r"(?:[^\s.!?…:;]\n(?=[a-zß-öø-ÿ])|[a-zß-öø-ÿ]\n(?=\d))"
)  # small letters: scripts with capitals


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, lines broken mid-sentence (hard-wrapped wire copy: a line with no end
    mark before one that starts in lower case) joined with the next."""
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        if _RUNS_ON.match(text, m.start() - 1):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


MAX_SENTENCE = 3000  # characters: a longer "sentence" (a text with no full stops, a blob) is cut at spaces
MAX_LINE = 20000  # characters given to the segmenter at once (it slows down on longer runs)


def _bounded(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """The span cut into pieces of at most ``limit`` characters, at the last space before the limit
    where there is one."""
    out = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        out.append((start, cut))
        start = cut + (text[cut : cut + 1] == " ")
    out.append((start, end))
    return out
