"""Numbers written in words ("duecentoduemila", "quatre-vingt-dix-sept", "ثلاثة وعشرون", "one hundred and six").

Everything language-specific comes from the ``number_words`` key of the language file: the words and
their values, the hundred words, the joiners ("and", "et", "و"), whether words are written as one
(Italian ``ventitré``), and the order of units and tens. One evaluator serves every language.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from factcheck.models import evolve
from factcheck.quantities.lexicon import Lexicon, alternation, fold, table
from factcheck.quantities.spans import Spans

UNIT, HUNDRED, SCALE, DENOMINATOR = "unit", "hundred", "scale", "denominator"
DUAL = "dual"  # a scale word in the dual: two of the scale ("مليونان"), read as a scale
IN_COMPOUND = (
    "in_compound"  # a denominator only at the end of a compound ordinal: "twenty-first", "ventunesimo"
)
MAX_DENOMINATOR_WORDS = 6  # an ordinal written in more words than this is not a denominator anyone writes
BIG_SCALE = 1e6  # "un milione e mezzo": a fraction after a scale this large is a fraction of it


@dataclass(frozen=True)
class WordNumber:
    """A number written in words: its span and value, and whether it used a scale word."""

    start: int
    end: int
    value: float
    scaled: bool
    fraction: bool = (
        False  # ends with a denominator ("two thirds"), or is a fraction of a scale ("a half million")
    )
    last_scale: float = 0.0  # the last scale word's value, if the number ends with one
    article_only: bool = False  # "a" alone: a number only where a currency or unit follows ("a grand")
    lone_denominator: bool = False  # "tenth" alone: an ordinal in many languages ("the tenth")
    maybe_pronoun: bool = False  # "which one": a pronoun, unless a unit or currency follows ("that one mile")
    vague: bool = False  # "a quarter", "millions": not a number alone; "five and a quarter" is


@dataclass(frozen=True, slots=True)
class _Tok:
    """One number word in a run: where it is, its folded form, and what it is worth."""

    start: int
    end: int
    word: str
    value: float
    kind: str


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
    pronoun_before: re.Pattern[str] | None  # "one of the biggest": so is the word for one before these
    compounds: bool
    plural_endings: tuple[
        str, ...
    ]  # a denominator ending so is plural: "fifths", "quinti" (a fraction, not an ordinal)
    spaced_ordinals: bool  # "thirty fifths" may be 35ths, not only "thirty-fifths"
    joined_ordinals: bool  # "one hundred and fifth" is the 105th (English), not 100 and a fifth
    glued_only: frozenset[str]  # parts of compounds, not numbers alone: Italian "cent" (of "centottanta")
    lone_article_is_one: (
        bool  # "ne ho visto uno.", "j'en ai vu un": an article with no noun after it is the number
    )
    # no number alone: "ثمن", an eighth only after a numerator (alone, "price"); "الاثنين", Monday (not "the two")
    never_alone: frozenset[str] = frozenset()
    not_alone: frozenset[str] = frozenset()  # "أحد": a pronoun unless a unit or currency follows
    ordinal_units: frozenset[str] = frozenset()  # "ثامن" of "ثامن عشر" (the 18th): no figure after it
    prefixes: tuple[str, ...] = ()  # what a number word may carry before it (Arabic ال)
    teens_after: frozenset[float] = frozenset()  # tens a teen adds to: French 60 and 80 ("soixante-dix-huit")


def _kinds(lex: Lexicon) -> dict[str, tuple[float, str]]:
    """Every number word of the language, folded: what it is worth and what kind of word it is."""
    nw = lex.data.number_words
    kinds: dict[str, tuple[float, str]] = {}
    for k, v in table(nw.values).items():
        kinds[k] = (float(v), UNIT)
    for k, v in table(nw.hundreds).items():
        kinds[k] = (float(v), HUNDRED)
    for k, v in table(nw.dual_scales).items():  # "مليونان": two million, closing what is before
        kinds[k] = (2 * float(v), DUAL)
    for k, v in table(nw.denominators).items():
        kinds.setdefault(k, (float(v), DENOMINATOR))
    for k, v in table(nw.compound_denominators).items():
        kinds.setdefault(k, (float(v), IN_COMPOUND))
    for k, v in lex.scales.items():
        if k.isalpha() and k == k.lower() and len(k) > 2:  # words, not abbreviations (k, M, bn)
            kinds.setdefault(k, (float(v), SCALE))
    for a in nw.articles:
        kinds.setdefault(fold(a), (1.0, UNIT))
    return kinds


_NONE = _Words(
    None, None, {}, frozenset(), frozenset(), frozenset(), False, frozenset(), None, False, (), False,
    False, frozenset(), False,
)  # fmt: skip


def _run_patterns(
    lex: Lexicon, kinds: dict[str, tuple[float, str]]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a run of number words, one number word in it: group ``m``, its prefix ``p``)."""
    nw = lex.data.number_words
    morpheme_src = alternation(kinds, bounded=False).pattern
    glued_src = (
        f"(?:{alternation(nw.glued_joiners, bounded=False).pattern})??" if nw.glued_joiners else ""
    )  # "واحد" is one, not و + احد
    prefixes = [*nw.prefixes, *nw.glued_prepositions]
    prefix_src = (
        f"(?P<p>(?:{alternation(prefixes, bounded=False).pattern})??)" if prefixes else "(?P<p>)"
    )  # "الثلاثين"
    word = rf"{glued_src}{prefix_src.replace('?P<p>', '?:')}(?:{morpheme_src})" + (
        "+" if nw.compounds else ""
    )
    bounded = (
        r"(?<!\w)" + glued_src + prefix_src + rf"(?P<m>{morpheme_src})(?!\w)"
    )  # whole words only: "and" is not "an"
    join_src = alternation(nw.joiners).pattern if nw.joiners else r"(?!)"
    comma = (
        r",?" if nw.comma_after_scale else ""
    )  # "nine thousand, three hundred": cut below unless after a scale
    sep = rf"(?:{comma}[\s\-]+(?:{join_src}[\s\-]+)?)"
    run = rf"(?<!\w){word}(?:{sep}{word})*(?!\w)"
    morpheme = rf"{glued_src}{prefix_src}(?P<m>{morpheme_src})" if nw.compounds else bounded
    return re.compile(run, re.IGNORECASE), re.compile(morpheme, re.IGNORECASE)


@cache
def _words(lex: Lexicon) -> _Words:
    nw = lex.data.number_words
    kinds = _kinds(lex)
    if not kinds:
        return _NONE
    run, morpheme = _run_patterns(lex, kinds)
    return _Words(
        run=run,
        morpheme=morpheme,
        kinds=kinds,
        articles=frozenset(fold(a) for a in nw.articles),
        vague=frozenset(fold(v) for v in nw.vague),
        joiners=frozenset(fold(j) for j in [*nw.joiners, *nw.glued_joiners]),
        units_before_tens=nw.units_before_tens,
        pronoun_after=frozenset(fold(x) for x in nw.pronoun_after),
        pronoun_before=(
            re.compile(rf"\s*(?:{alternation(nw.pronoun_before).pattern})(?!\w)", re.IGNORECASE)
            if nw.pronoun_before
            else None
        ),
        compounds=nw.compounds,
        plural_endings=tuple(fold(x) for x in nw.plural_endings),
        spaced_ordinals=nw.spaced_ordinals,
        joined_ordinals=nw.joined_ordinals,
        glued_only=frozenset(fold(x) for x in nw.glued_only),
        lone_article_is_one=nw.lone_article_is_one,
        never_alone=frozenset(fold(x) for x in [*nw.needs_numerator, *lex.data.dates.weekdays]),
        not_alone=frozenset(fold(x) for x in nw.not_alone),
        teens_after=frozenset(kinds[fold(x)][0] for x in nw.teens_after if fold(x) in kinds),
        ordinal_units=frozenset(fold(x) for x in nw.ordinal_units),
        prefixes=tuple(fold(x) for x in nw.prefixes),
    )


def _place(v: float) -> float:
    """Where a value goes in a number being built: units, teens (after 60 or 80 in French), tens."""
    return 10 if v < 10 else 20 if v < 20 else 100


def _fits(current: float, v: float, last: float, units_first: bool, teens_after: frozenset[float]) -> bool:
    """Whether ``v`` continues the number being built ("twenty" + "one") or starts another ("one" "two");
    a teen adds only to hundreds, or to the tens of ``teens_after`` ("twenty eighteen" is no 38)."""
    if current == 0:
        return True
    if (
        units_first
        and 0 < last < 10
        and current % 100 == last
        and (v == 10 or (v % 10 == 0 and 20 <= v < 100))
    ):
        return True  # "ثلاثة عشر" 3 + 10, "ثلاثة وعشرون" 3 + 20
    if units_first and v < 10 and current % 100 >= 10:
        return False  # units come before tens: "عشرة و خمسة" is two numbers
    if 10 <= v < 20 and current % 100 and current % 100 not in teens_after:
        return False
    return current % _place(v) == 0


class _Number:
    """A number being built from a run of number words, word by word."""

    def __init__(self, w: _Words) -> None:
        self.w = w
        self.taken: list[_Tok] = []
        self._reset()

    def _reset(self) -> None:
        self.total = self.current = self.last = self.last_scale = 0.0
        self.tail = 0.0  # what follows the last hundred ("trecento e due")
        self.scaled = self.fraction = False
        self.taken.clear()

    def close(self, out: list[WordNumber]) -> None:
        """The number built so far, added to ``out``; then start another."""
        if self.taken:
            w, taken = self.w, self.taken
            words = [t.word for t in taken]
            article_only = all(
                x in w.articles for x in words
            )  # "a": kept, a number only before "grand", "dime"
            vague = not article_only and all(
                x in w.articles | w.vague for x in words
            )  # "millions", "a quarter"
            lone = (
                len(taken) == 1 and taken[0].kind == DENOMINATOR and taken[0].value != 2
            )  # "tenth", not "half"
            out.append(
                WordNumber(
                    taken[0].start,
                    taken[-1].end,
                    self.total + self.current,
                    self.scaled,
                    self.fraction,
                    self.last_scale,
                    article_only,
                    lone,
                    vague=vague,
                )
            )
        self._reset()

    def add(self, t: _Tok, value: float, kind: str, scale_of: float) -> None:
        """Add one word (``value`` of ``kind``; a dual scale counts as ``scale_of`` when a fraction follows)."""
        self.taken.append(t)
        if kind == DENOMINATOR:  # "two thirds", "a half", "half" (a numerator of one)
            self.current = (self.total + self.current or 1) / value
            self.total, self.fraction = 0.0, True
        elif kind == HUNDRED:
            self.current = (self.current or 1) * value
            self.last_scale = self.tail = 0.0
        elif kind == SCALE and value < 100 and self.tail:  # "three hundred and two dozen": 300 + 24
            self.current += self.tail * (value - 1)
            self.tail = 0.0
        elif kind == SCALE and self.current == 0 and 0 < self.last_scale < value:  # "three thousand millions"
            self.total *= value
            self.scaled, self.last_scale = True, scale_of
        elif kind == SCALE:
            self.total += (self.current or 1) * value
            self.current, self.scaled, self.last_scale = 0.0, True, scale_of
        else:
            self.current += value
            self.tail += value
            self.last_scale = 0.0
        self.last = value


def _evaluate(tokens: list[_Tok], w: _Words) -> list[WordNumber]:
    """Split a run of number words into numbers and value each one."""
    out: list[WordNumber] = []
    n = _Number(w)
    for t in tokens:
        value, kind = t.value, t.kind
        scale_of = value / 2 if kind == DUAL else value  # "مليونان ونصف": a half of the million
        if (
            kind == DUAL and n.current
        ):  # "خمسة وثلاثون ألفا": after a count, the same letters are one thousand
            value = scale_of
        kind = SCALE if kind == DUAL else kind
        if n.fraction and t.word in w.articles:  # "half a dozen", "half a liter"
            n.taken.append(t)
            continue
        if n.taken and (
            (n.fraction and kind != SCALE)
            or (kind == UNIT and not _fits(n.current, value, n.last, w.units_before_tens, w.teens_after))
        ):
            n.close(out)
        n.add(t, value, kind, scale_of)
    n.close(out)
    return out


def _ordinal_fraction(part: list[_Tok], text: str, w: _Words) -> list[_Tok]:
    """A run ending in an ordinal, with its denominator made one token: "three twenty-firsts" is 3/21,
    "one hundred thirty fifths" 100/35 but "one hundred and thirty fifths" 130/5, "un centocinquesimo"
    1/105. A singular ordinal takes a numerator of one ("one twenty-fifth"); with no numerator that fits,
    the run is an ordinal ("the twenty-fifth", "one hundred fifth"), or, for a word that is an ordinal
    only in compounds, a number and a noun ("two seconds")."""
    last = part[-1]
    if len(part) == 1 and last.kind == IN_COMPOUND:
        return []  # "first", "second": not numbers alone
    half = last.value == 2 and last.kind == DENOMINATOR  # not "trentaduesimo", "thirty-second": ordinals
    if last.kind not in (DENOMINATOR, IN_COMPOUND) or half or (len(part) < 2 and last.kind == DENOMINATOR):
        return part
    plural = last.word.endswith(w.plural_endings) if w.plural_endings else True
    if (split := _numerator_and_denominator(part, text, w, plural)) is not None:
        return split
    if last.kind == IN_COMPOUND and plural and text[part[-2].end : last.start]:
        return part[:-1]  # "twenty seconds"
    first = len(part) - 1
    while first > 0 and not text[part[first - 1].end : part[first].start]:
        first -= 1  # the start of the word the ordinal ends ("ventunesimi": vent + unesimi)
    first = 0 if not w.compounds else first
    whole = _evaluate([*part[first:-1], evolve(last, kind=UNIT)], w)
    if len(whole) != 1 or whole[0].fraction or not whole[0].value:
        return part[:first] if last.kind == IN_COMPOUND else part
    return [*part[:first], _Tok(part[first].start, last.end, "", whole[0].value, DENOMINATOR)]


def _numerator_and_denominator(part: list[_Tok], text: str, w: _Words, plural: bool) -> list[_Tok] | None:
    """``part`` cut into a numerator and an ordinal denominator ("three | twenty-firsts"), the
    denominator made one token; None when no cut gives a numerator that fits."""
    last = part[-1]
    for k in range(
        max(1, len(part) - MAX_DENOMINATOR_WORDS), len(part)
    ):  # "one hundred one thousand fifths": 4 at most
        num, den = part[:k], part[k:]
        gap = text[num[-1].end : den[0].start]
        if fold(gap).strip(" -") in w.joiners - {""} or (w.compounds and not gap):
            continue  # "one hundred and thirty fifths": "and" keeps the thirty in the numerator; "duemila|cinquesimi" is one word
        if len(den) == 1 and last.kind == IN_COMPOUND:
            continue
        if (
            not w.compounds
            and num[-1].kind == UNIT
            and num[-1].value in range(20, 100, 10)
            and den[0].kind == UNIT
            and den[0].value in range(1, 10)
        ):
            continue  # "ninety-five hundred fifths": 9500/5
        spaced = any(
            any(c.isspace() for c in gap) and fold(gap).strip(" -") not in w.joiners - {""}
            for gap in (text[x.end : y.start] for x, y in itertools.pairwise(den))
        )  # "vingt et unième" is one ordinal: a joiner inside it is no space
        if spaced and not w.spaced_ordinals:
            continue  # "cent trente cinquièmes" is 130/5; "trente-cinquièmes" are 35ths
        if den[0].kind in (SCALE, HUNDRED) and not (w.compounds and not spaced):
            continue  # "one hundred fifths": the hundred multiplies the one ("un centocinquesimo": one word)
        numerator, denominator = _evaluate(num, w), _evaluate([*den[:-1], evolve(last, kind=UNIT)], w)
        if len(numerator) != 1 or len(denominator) != 1 or numerator[0].fraction or not denominator[0].value:
            continue
        if not plural and numerator[0].value != 1:
            continue
        return (
            part
            if len(den) == 1
            else [*num, _Tok(den[0].start, last.end, "", denominator[0].value, DENOMINATOR)]
        )
    return None


def _with_fractions(numbers: list[WordNumber], text: str, w: _Words) -> list[WordNumber]:
    """A whole number joined to a fraction: "one and a half" (1.5), "un milione e mezzo" (1.5 million),
    "five and a half million" (5.5 million), "one billion and a half million" (1,000,500,000)."""
    out: list[WordNumber] = []
    for n in numbers:
        prev = out[-1] if out else None
        if (
            prev is not None
            and n.fraction
            and not prev.fraction
            and not prev.vague
            and fold(text[prev.end : n.start]) in w.joiners
        ):
            if n.last_scale and not prev.last_scale:  # "five and a half million": the scale is for both
                value = prev.value * n.last_scale + n.value
            elif n.last_scale:  # "one billion and a half million": two amounts
                value = prev.value + n.value
            else:  # a bare fraction: of the last large scale, if any
                value = prev.value + n.value * (prev.last_scale if prev.last_scale >= BIG_SCALE else 1)
            out[-1] = WordNumber(
                prev.start, n.end, value, prev.scaled or n.scaled, last_scale=n.last_scale or prev.last_scale
            )
        else:
            out.append(n)
    return out


def find_word_numbers(text: str, lex: Lexicon, taken: Spans | None = None) -> list[WordNumber]:
    """Every number written in words in ``text``, leaving out words inside ``taken`` spans (read already,
    as in "3 hundred and one": "hundred" belongs to the 3)."""
    w = _words(lex)
    if w.run is None:
        return []
    found: list[WordNumber] = []
    for run in w.run.finditer(text):
        if w.compounds:
            tokens = [
                t
                for word in _WORD.finditer(text, run.start(), run.end())
                for t in _compound(text, word.start(), word.end(), w)
            ]
        else:
            tokens = [
                _Tok(m.start("p"), m.end(), word, *w.kinds[word])
                for m in w.morpheme.finditer(text, run.start(), run.end())
                if (word := fold(m.group("m"))) in w.kinds
            ]
        pieces: list[list[_Tok]] = [[]]
        for i, t in enumerate(tokens):
            if taken is not None and taken.overlaps(t.start, t.end):
                pieces.append([])
            elif (
                pieces[-1]
                and "," in text[pieces[-1][-1].end : t.start]
                and not _comma_continues(pieces[-1][-1], tokens[i:], text)
            ):
                pieces.append([t])  # "five, six": a list; "nine thousand, three hundred": one number
            else:
                pieces[-1].append(t)
        pieces = [
            p for p in pieces if not (len(p) == 1 and fold(text[p[0].start : p[0].end]) in w.never_alone)
        ]
        numbers = [
            n
            for piece in pieces
            for split in _split_before_fractions(piece, text, w)
            for part in _after_ordinals(split, w)
            if part
            for whole in _split_at(_ordinal_fraction(part, text, w), IN_COMPOUND)
            for n in _evaluate(whole, w)
        ]
        for n in _with_fractions(numbers, text, w):
            if n.article_only and w.lone_article_is_one and _NO_NOUN.match(text, n.end):
                n = evolve(n, article_only=False)
            joined = (
                taken is not None
                and n.fraction
                and fold(text[taken.end_before(n.start) : n.start]) in w.joiners - {""}
            )
            if _after_ordinal_unit(n, text, w):
                continue
            if not n.vague or joined:  # "3 million and a quarter": a fraction of the number before it
                found.append(evolve(n, maybe_pronoun=_pronoun(n, text, w)))
    return found


def _after_ordinal_unit(n: WordNumber, text: str, w: _Words) -> bool:
    """Whether a number word completes the ordinal right before it: its tens ("الخامسة عشرة": the 15th,
    "الخامس والعشرون": the 25th; "للمرة الثانية خمسة أشخاص" counts five people)."""
    if not w.ordinal_units or n.scaled or n.value not in range(10, 100, 10):
        return False
    before = [x for x in text[max(0, n.start - 30) : n.start].split() if fold(x) not in w.joiners]
    if not before:  # "والعشرون": the joiner glued on is no word
        return False
    word = fold(before[-1])
    bare = next((word[len(p) :] for p in w.prefixes if word.startswith(p) and len(word) > len(p)), word)
    return word in w.ordinal_units or bare in w.ordinal_units


def _comma_continues(last: _Tok, after: list[_Tok], text: str) -> bool:
    """Whether a number goes on after a comma: right after a scale of a thousand or more, with only smaller
    scales up to the next comma ("two million, three hundred thousand"; not "two million, three million")."""
    if last.kind != SCALE or last.value < 1000 or after[0].kind not in (UNIT, HUNDRED):
        return False
    for prev, t in zip([last, *after], after, strict=False):
        if "," in text[prev.end : t.start] and prev is not last:
            break
        if t.kind == SCALE and t.value >= last.value:
            return False
    return True


_WORD = re.compile(r"[^\W\d_]+")
_NO_NOUN = re.compile(r"['’]?\s*(?:[^\w\s'’]|$)")  # what follows an article that stands alone


def _compound(text: str, start: int, end: int, w: _Words) -> list[_Tok]:
    """One word written as a compound, cut into number words that cover it all, longest first
    ("centottanta": cent + ottanta, not cento + ...); no tokens if it cannot be cut so."""
    word = fold(text[start:end])
    if len(word) != end - start:
        return []
    if word in w.glued_only and text[end : end + 1] not in ("'", "’"):
        return []  # "cent" alone is not "cento"; "settant'anni" is elided
    out, pos = [], start
    for part in _cut(w, word) or ():
        out.append(_Tok(pos, pos + len(part), part, *w.kinds[part]))
        pos += len(part)
    return out


@lru_cache(maxsize=8192)
def _cut(w: _Words, word: str) -> tuple[str, ...] | None:
    """``word`` as number words, each the longest that lets the rest be cut too; None if it is not
    made of them. From the end backwards: linear in the word's length, however long."""
    n, longest = len(word), max(map(len, w.kinds), default=0)
    nxt = [0] * (n + 1)
    ok = [False] * n + [True]
    for k in range(n - 1, -1, -1):
        for j in range(min(n, k + longest), k, -1):
            if ok[j] and word[k:j] in w.kinds:
                ok[k], nxt[k] = True, j
                break
    if not ok[0]:
        return None
    parts, k = [], 0
    while k < n:
        parts.append(word[k : nxt[k]])
        k = nxt[k]
    return tuple(parts)


def said_decimals(text: str, lex: Lexicon) -> tuple[str, float] | None:
    """The decimals said after "point", and the scale after them: "zero three" ("03", 1), "eleven"
    ("11", 1), "two million" ("2", 1e6); None if they are not number words alone."""
    w = _words(lex)
    if w.morpheme is None:
        return None
    tokens = [
        _Tok(m.start(), m.end(), word, *w.kinds[word])
        for m in w.morpheme.finditer(text)
        if (word := fold(m.group("m"))) in w.kinds
    ]
    scale = 1.0
    if tokens and tokens[-1].kind == SCALE:
        scale = tokens.pop().value
    if not tokens or any(t.kind != UNIT for t in tokens):
        return None
    if len(tokens) > 1 and all(t.value in range(10) for t in tokens):
        return "".join(str(int(t.value)) for t in tokens), scale
    numbers = _evaluate(tokens, w)
    if len(numbers) != 1 or not float(numbers[0].value).is_integer():
        return None
    return str(int(numbers[0].value)), scale


def _after_ordinals(tokens: list[_Tok], w: _Words) -> list[list[_Tok]]:
    """Cut a run after an ordinal that a new number follows: "tre venticinquesimi e due ventunesimi" is
    two fractions ("mezzo milione", "half a dozen": a scale or an article may follow)."""
    parts: list[list[_Tok]] = [[]]
    for n, t in enumerate(tokens):
        parts[-1].append(t)
        nxt = tokens[n + 1] if n + 1 < len(tokens) else None
        if (
            t.kind in (DENOMINATOR, IN_COMPOUND)
            and nxt is not None
            and nxt.kind in (UNIT, HUNDRED)
            and nxt.word not in w.articles
        ):
            parts.append([])
    return parts


def _split_at(tokens: list[_Tok], kind: str) -> list[list[_Tok]]:
    """The tokens between those of ``kind``, which are dropped ("first" in "the first two")."""
    parts: list[list[_Tok]] = [[]]
    for t in tokens:
        if t.kind == kind:
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _pronoun(n: WordNumber, text: str, w: _Words) -> bool:
    """ "the one you mentioned", "which one": a lone word for one right after a determiner; "one of
    the biggest", "l'un des plus forts": before a partitive."""
    if n.value != 1 or n.scaled:
        return False
    if fold(text[n.start : n.end]) in w.not_alone:
        return True
    if w.pronoun_before is not None and w.pronoun_before.match(text, n.end):
        return True
    before = text[max(0, n.start - 20) : n.start].split()
    return bool(w.pronoun_after) and bool(before) and fold(before[-1]) in w.pronoun_after


def _split_before_fractions(tokens: list[_Tok], text: str, w: _Words) -> list[list[_Tok]]:
    """Cut a run at a joiner when what follows it is a proper fraction: "cinque miliardi e tre quarti" is
    5e9 and 3/4 (of the billion), not (5e9 + 3) / 4; "un milliard et demi million" is two amounts; but
    "one hundred and thirty fifths" stays 130/5; where the language joins ordinals so, "one hundred and
    fifth" is the 105th: a lone singular ordinal after a hundred and the joiner ends the number."""
    cuts = [
        i
        for i in range(1, len(tokens))
        if any(x in w.joiners for x in fold(text[tokens[i - 1].end : tokens[i].start]).split())
    ]
    keep = [0]
    for n, i in enumerate(cuts):
        nxt = cuts[n + 1] if n + 1 < len(cuts) else len(tokens)
        after = _evaluate(tokens[i:nxt], w)
        ordinal = (
            w.joined_ordinals
            and nxt - i == 1
            and tokens[i - 1].kind in (HUNDRED, SCALE)
            and tokens[i].kind == DENOMINATOR
            and tokens[i].value != 2
            and not (w.plural_endings and tokens[i].word.endswith(w.plural_endings))
        )
        if after and after[0].fraction and (after[0].value < 1 or after[0].scaled) and not ordinal:
            keep.append(i)
    keep.append(len(tokens))
    return [tokens[a:b] for a, b in itertools.pairwise(keep) if a < b]
