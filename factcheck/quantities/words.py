"""Numbers written in words ("duecentoduemila", "quatre-vingt-dix-sept", "ثلاثة وعشرون", "one hundred and six").

Everything language-specific comes from the ``number_words`` key of the language file: the words and
their values, the hundred words, the joiners ("and", "et", "و"), whether words are written as one
(Italian ``ventitré``), and the order of units and tens. One evaluator serves every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from factcheck.quantities.lexicon import Lexicon, alternation, fold, table

UNIT, HUNDRED, SCALE, DENOMINATOR = "unit", "hundred", "scale", "denominator"
BIG_SCALE = 1e6  # "un milione e mezzo": a fraction after a scale this large is a fraction of it


@dataclass(frozen=True)
class WordNumber:
    """A number written in words: its span and value, and whether it used a scale word."""

    start: int
    end: int
    value: float
    scaled: bool
    fraction: bool = False  # ends with a denominator ("two thirds"), or is a fraction of a scale ("a half million")
    last_scale: float = 0.0  # the last scale word's value, if the number ends with one
    article_only: bool = False  # "a" alone: a number only where a currency or unit follows ("a grand")
    lone_denominator: bool = False  # "tenth" alone: an ordinal in many languages ("the tenth")
    maybe_pronoun: bool = False  # "which one": a pronoun, unless a unit or currency follows ("that one mile")


@dataclass(frozen=True, eq=False)
class _Words:
    run: re.Pattern[str] | None
    morpheme: re.Pattern[str] | None
    kinds: dict[str, tuple[float, str]]
    articles: frozenset[str]
    vague: frozenset[str]
    joiners: frozenset[str]
    units_before_tens: bool
    pronoun_after: frozenset[str]  # "the one", "which one": the word for one is a pronoun there


@lru_cache(maxsize=None)
def _words(lex: Lexicon) -> _Words:
    nw = lex.raw.get("number_words") or {}
    kinds: dict[str, tuple[float, str]] = {}
    for k, v in table(nw.get("values") or {}).items():
        kinds[k] = (float(v), UNIT)
    for k, v in table(nw.get("hundreds") or {}).items():
        kinds[k] = (float(v), HUNDRED)
    for k, v in table(nw.get("denominators") or {}).items():
        kinds.setdefault(k, (float(v), DENOMINATOR))
    for k, v in lex.scales.items():
        if k.isalpha() and k == k.lower() and len(k) > 2:  # words, not abbreviations (k, M, bn)
            kinds.setdefault(k, (float(v), SCALE))
    articles = [str(a) for a in nw.get("articles") or []]
    for a in articles:
        kinds.setdefault(fold(a), (1.0, UNIT))
    if not kinds:
        return _Words(None, None, {}, frozenset(), frozenset(), frozenset(), False, frozenset())
    morpheme_src = alternation(kinds, bounded=False).pattern
    joiners = [str(j) for j in nw.get("joiners") or []]
    glued = [str(j) for j in nw.get("glued_joiners") or []]
    glued_src = f"(?:{alternation(glued, bounded=False).pattern})??" if glued else ""  # "واحد" is one, not و + احد
    prefixes = [str(j) for j in nw.get("prefixes") or []]
    prefix_src = f"(?P<p>(?:{alternation(prefixes, bounded=False).pattern})??)" if prefixes else "(?P<p>)"  # "الثلاثين"
    compounds = bool(nw.get("compounds"))
    word = rf"{glued_src}{prefix_src.replace('?P<p>', '?:')}(?:{morpheme_src})" + ("+" if compounds else "")
    bounded = r"(?<!\w)" + glued_src + prefix_src + rf"(?P<m>{morpheme_src})(?!\w)"  # whole words only: "and" is not "an"
    join_src = alternation(joiners).pattern if joiners else r"(?!)"
    sep = rf"(?:[\s\-]+(?:{join_src}[\s\-]+)?)"
    run = rf"(?<!\w){word}(?:{sep}{word})*(?!\w)"
    return _Words(
        run=re.compile(run, re.IGNORECASE),
        morpheme=re.compile(rf"{glued_src}{prefix_src}(?P<m>{morpheme_src})" if compounds else bounded, re.IGNORECASE),
        kinds=kinds,
        articles=frozenset(fold(a) for a in articles),
        vague=frozenset(fold(v) for v in nw.get("vague") or []),
        joiners=frozenset(fold(j) for j in joiners + glued),
        units_before_tens=bool(nw.get("units_before_tens")),
        pronoun_after=frozenset(fold(x) for x in nw.get("pronoun_after") or []),
    )


def _place(v: float) -> float:
    """Where a value goes in a number being built: units, teens (after 60 or 80 in French), tens."""
    return 10 if v < 10 else 20 if v < 20 else 100


def _fits(current: float, v: float, last: float, units_first: bool) -> bool:
    """Whether ``v`` continues the number being built ("twenty" + "one") or starts another ("one" "two")."""
    if current == 0:
        return True
    if units_first and 0 < last < 10 and current % 100 == last and (v == 10 or (v % 10 == 0 and 20 <= v < 100)):
        return True  # "ثلاثة عشر" 3 + 10, "ثلاثة وعشرون" 3 + 20
    if units_first and v < 10 and current % 100 >= 10:
        return False  # units come before tens: "عشرة و خمسة" is two numbers
    return current % _place(v) == 0


def _evaluate(tokens: list[tuple[int, int, str]], w: _Words) -> list[WordNumber]:
    """Split a run of number words into numbers and value each one."""
    out: list[WordNumber] = []
    total = current = last = last_scale = 0.0
    start = end = None
    scaled = fraction = False
    words: list[str] = []

    def close() -> None:
        nonlocal total, current, last, last_scale, start, end, scaled, fraction
        article_only = bool(words) and all(x in w.articles for x in words)  # "a": kept, a number only before "grand", "dime"
        vague = all(x in w.articles | w.vague for x in words)  # "millions", "a quarter": not a number
        lone = len(words) == 1 and w.kinds[words[0]][1] == DENOMINATOR and w.kinds[words[0]][0] != 2  # "tenth", not "half"
        if start is not None and (article_only or not vague):
            out.append(WordNumber(start, end, total + current, scaled, fraction, last_scale, article_only, lone))
        total = current = last = last_scale = 0.0
        start = end = None
        scaled = fraction = False
        words.clear()

    for s, e, word in tokens:
        value, kind = w.kinds[word]
        if fraction and word in w.articles:  # "half a dozen", "half a liter"
            words.append(word)
            end = e
            continue
        if start is not None and (fraction and kind not in (SCALE, DENOMINATOR) or kind == UNIT and not _fits(current, value, last, w.units_before_tens)):
            close()
        if start is None:
            start = s
        words.append(word)
        if kind == DENOMINATOR:  # "two thirds", "a half", "half" (a numerator of one)
            current = (total + current or 1) / value
            total, fraction = 0.0, True
        elif kind == HUNDRED:
            current = (current or 1) * value
            last_scale = 0.0
        elif kind == SCALE and current == 0 and 0 < last_scale < value:  # "three thousand millions"
            total *= value
            scaled, last_scale = True, value
        elif kind == SCALE:
            total += (current or 1) * value
            current, scaled, last_scale = 0.0, True, value
        else:
            current += value
            last_scale = 0.0
        last, end = value, e
    close()
    return out


def _with_fractions(numbers: list[WordNumber], text: str, w: _Words) -> list[WordNumber]:
    """A whole number joined to a fraction: "one and a half" (1.5), "un milione e mezzo" (1.5 million),
    "five and a half million" (5.5 million), "one billion and a half million" (1,000,500,000)."""
    out: list[WordNumber] = []
    for n in numbers:
        prev = out[-1] if out else None
        if prev is not None and n.fraction and not prev.fraction and fold(text[prev.end : n.start]) in w.joiners:
            if n.last_scale and not prev.last_scale:  # "five and a half million": the scale is for both
                value = prev.value * n.last_scale + n.value
            elif n.last_scale:  # "one billion and a half million": two amounts
                value = prev.value + n.value
            else:  # a bare fraction: of the last large scale, if any
                value = prev.value + n.value * (prev.last_scale if prev.last_scale >= BIG_SCALE else 1)
            out[-1] = WordNumber(prev.start, n.end, value, prev.scaled or n.scaled, last_scale=n.last_scale or prev.last_scale)
        else:
            out.append(n)
    return out


def find_word_numbers(text: str, lex: Lexicon, taken: tuple[tuple[int, int], ...] = ()) -> list[WordNumber]:
    """Every number written in words in ``text``, leaving out words inside ``taken`` spans (read already,
    as in "3 hundred and one": "hundred" belongs to the 3)."""
    w = _words(lex)
    if w.run is None:
        return []
    found: list[WordNumber] = []
    for run in w.run.finditer(text):
        tokens = [(m.start("p"), m.end(), fold(m.group("m"))) for m in w.morpheme.finditer(text, run.start(), run.end())]
        tokens = [t for t in tokens if t[2] in w.kinds]
        pieces: list[list[tuple[int, int, str]]] = [[]]
        for t in tokens:
            if any(a < t[1] and t[0] < b for a, b in taken):
                pieces.append([])
            else:
                pieces[-1].append(t)
        numbers = [n for piece in pieces for part in _split_before_fractions(piece, text, w) for n in _evaluate(part, w)]
        found.extend(replace(n, maybe_pronoun=_pronoun(n, text, w)) for n in _with_fractions(numbers, text, w))
    return found


def _pronoun(n: WordNumber, text: str, w: _Words) -> bool:
    """"the one you mentioned", "which one": a lone word for one right after a determiner."""
    if n.value != 1 or n.scaled or not w.pronoun_after:
        return False
    before = text[max(0, n.start - 20) : n.start].split()
    return bool(before) and fold(before[-1]) in w.pronoun_after


def _split_before_fractions(tokens: list[tuple[int, int, str]], text: str, w: _Words) -> list[list[tuple[int, int, str]]]:
    """Cut a run at a joiner when what follows it is a fraction: "cinque miliardi e tre quarti" is
    5e9 and 3/4 (of the billion), not (5e9 + 3) / 4."""
    cuts = [i for i in range(1, len(tokens)) if any(x in w.joiners for x in fold(text[tokens[i - 1][1] : tokens[i][0]]).split())]
    keep = [0]
    for n, i in enumerate(cuts):
        nxt = cuts[n + 1] if n + 1 < len(cuts) else len(tokens)
        if any(w.kinds[t[2]][1] == DENOMINATOR for t in tokens[i:nxt]):
            keep.append(i)
    keep.append(len(tokens))
    return [tokens[a:b] for a, b in zip(keep, keep[1:]) if a < b]
