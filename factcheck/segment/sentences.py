"""Sentences: split at sentence punctuation and line ends, but not after an abbreviation or an initial."""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.models import Sentence
from factcheck.quantities.lexicon import Lexicon

_BREAK = re.compile(r"(?<=[.!?؟…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?\s*[\w¿¡])|\n+")


@lru_cache(maxsize=None)
def _abbreviations(lex: Lexicon) -> frozenset[str]:
    return frozenset(a.lower() for a in lex.raw["sentences"].get("abbreviations") or [])


def split_sentences(text: str, lex: Lexicon) -> list[Sentence]:
    """Sentences of ``text`` as spans, blank ones left out."""
    abbrevs = _abbreviations(lex)
    out: list[Sentence] = []
    start = 0
    for m in _BREAK.finditer(text):
        if "\n" not in m.group(0):
            before = text[start : m.start()].rstrip("\"'»”)]")
            last = before.split()[-1].lower() if before.split() else ""
            initial = re.fullmatch(r"\w\.", last)  # "Stephen L. Carter"
            ordinal = re.search(r"\d\.$", last) and m.end() < len(text) and text[m.end()].islower()
            if last in abbrevs or initial or ordinal:
                continue
        _add(out, text, start, m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
