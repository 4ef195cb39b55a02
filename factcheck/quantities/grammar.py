"""The quantity grammar of one language: numbers in digits or words with their scale, currency, percent, unit and qualifiers."""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from factcheck.models import Quantity, evolve
from factcheck.quantities.langfile import CountedShape, Words
from factcheck.quantities.lexicon import (
    Lexicon,
    alternation,
    fold,
    from_file,
    glued,
    lexicon_key,
    lookup,
    money_entry,
    reversed_alternation,
    table,
)
from factcheck.quantities.numerals import Numeral, numeral_pattern, read_numeral
from factcheck.quantities.spans import Spans
from factcheck.quantities.units import canonical
from factcheck.quantities.words import find_word_numbers

APPROX = 0.05  # "about X" allows X ± 5 % (or the written precision, if wider)
_SPACE = r"[ \t\u00a0\u202f\u200e\u200f\u061c]*"  # spaces, and the direction marks right-to-left text puts around signs
_JOIN = rf"(?:{_SPACE}|-)"  # between a number and its unit: "3 km", "3km", "3-inch"
_OPENING = r"(?:\((?=[^)]{1,20}\))|\[(?=[^\]]{1,20}\])|\{(?=[^}]{1,20}\})|<(?=[^>]{1,20}>))"  # a bracket closed by its pair


@dataclass(frozen=True, eq=False)
class Grammar:
    """The patterns of one language, anchored the way the scanner uses them; built once per language."""

    lex: Lexicon
    numeral: re.Pattern[str]
    scale_after: re.Pattern[str] | None
    percent_after: re.Pattern[str] | None
    currency_after: re.Pattern[str] | None
    unit_after: re.Pattern[str] | None
    unit_bracketed: re.Pattern[str] | None  # "20 (kg)", "20 [kg]": a table's unit
    currency_before: Before | None
    qual_before: Before | None
    qual_article: Before | None  # an article between a qualifier and its figure: "oltre il 50%"
    negated: dict[str, str]  # qualifier phrases a negation before them changes: "ne ... plus que" -> exact
    negations: frozenset[str]
    not_after: dict[
        str, frozenset[str]
    ]  # qualifier phrases that are none right after these words or signs ("how about")
    qual_after: re.Pattern[str] | None
    month_before: Before | None
    month_after: re.Pattern[str] | None
    day_join_after: re.Pattern[str] | None  # " au 30", " e il 30": a join, then the day of a month after
    day_join_before: re.Pattern[str] | None  # "March 15 to ": a month, its day and a join, before a day
    time_after: re.Pattern[str] | None  # "10am", "21 h 30": an hour before a word of time, no quantity
    time_before: Before | None  # "alle" of "alle 18.30"
    year_prefix_before: Before | None
    openers: tuple[tuple[Before | None, str, bool], ...]  # None: no opening word ("20-100")
    change_by: Before | None  # "rose by 2% to 5.4%": a change and the level it came to, no range
    share_after: re.Pattern[str] | None
    negative_before: Before | None
    point: re.Pattern[str] | None
    over: re.Pattern[str] | None
    part_of: (
        re.Pattern[str] | None
    )  # "1 in 5", "3 out of 10": a ratio of a part to a whole, never more than it
    joiners: frozenset[str]  # words that may join two numbers into one ("and": "3 dollars and 50 cents")
    glued_joiners: frozenset[str]  # joiners that always make one number of two (Arabic و: "10 آلاف و500")
    bound_joiners: frozenset[
        str
    ]  # and those that join a lower and an upper bound into a range ("more than 30 but less than 40")
    counted_units: re.Pattern[str] | None  # unit nouns that count alone, where the language has them
    fractions: re.Pattern[str] | None  # the language's fraction phrases, also after a glued joiner ("وثلثي")
    number_or_fraction: (
        re.Pattern[str] | None
    )  # "خمس": five, or a fifth before a definite noun ("خمس السكان")
    definite_after: (
        re.Pattern[str] | None
    )  # a word with a share prefix next ("السكان"): what such a fraction divides
    fraction_of_number_word: dict[str, float]  # "خمس": 0.2
    number_word_set: frozenset[str]  # the number words, folded: after one, "عشر" is of "خمسة عشر"
    percent_before: Before | None  # "pourcentage de vingt", "percent of 10": a percent word leading
    scale_or_unit: re.Pattern[str] | None  # "m": million or metres, decided by the words around it
    scale_or_unit_senses: dict[
        str, tuple[float, str, frozenset[str]]
    ]  # letter -> (scale, unit, words that make it the unit)
    currency_or_unit: dict[
        str, tuple[str, frozenset[str]]
    ]  # "pounds": the unit, and the words that make it one
    # "gradi": degrees Celsius where the text speaks of heat
    unit_or_unit: dict[str, tuple[str, frozenset[str]]]
    compound_unit: re.Pattern[str] | None  # "in" of "5 ft 2 in": a unit only after a larger one
    compound_units: dict[str, str]  # and its pint unit
    phrases: re.Pattern[str] | None  # "a couple", "a few": a number said as a phrase
    phrase_values: dict[str, str]
    coins: (
        re.Pattern[str] | None
    )  # coin names that are money alone ("a dime", "quarter"), where the language has them
    coin_worth: dict[str, tuple[str, float]]
    denominators: dict[str, float]  # "quarters": 4, to count the coins of "four quarters"
    articles: frozenset[str]
    determiners: frozenset[str]  # "the", "this": an ordinal follows them, not a fraction
    ordinal_before: frozenset[str]  # "day", "term": "a third" before them is an ordinal ("for a third day")
    coin_article: Before | None
    coin_not_after: frozenset[str]
    coin_not_before: frozenset[str]
    hundred_words: dict[str, float]  # "cent", "cents": what a hundred word multiplies by
    counted_shape: tuple[
        tuple[str, ...], frozenset[str], frozenset[str]
    ]  # a unit noun alone is none next to these: "قدم الوزير" (he presented), "قد قدم"
    next_measure: re.Pattern[str]  # after "m": another measure ("3m by 5m", "3m and 5cm"), so "m" is metres
    prev_times: re.Pattern[str]  # before a number: "1 m x 1 m", "2m by": the second is a measure too


def _after(p: re.Pattern[str] | None, connector: re.Pattern[str] | None = None) -> re.Pattern[str] | None:
    if p is None:
        return None
    conn = rf"(?:(?:{connector.pattern}){_SPACE})?" if connector is not None else ""
    return re.compile(rf"{_JOIN}{conn}(?P<w>{p.pattern})", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Before:
    """Phrases that must end right before a number; matched on the reversed text just before it."""

    pattern: re.Pattern[str]
    width: int


@dataclass(frozen=True, slots=True)
class Found:
    """A phrase found right before a number: where it starts, and the phrase as written."""

    start: int
    word: str


def _before(phrases, dot: bool = False, glued=()) -> Before | None:
    phrases = [str(p) for p in phrases]
    p = reversed_alternation(phrases, glued)
    if p is None:
        return None
    dot_src = r"\.?" if dot else ""
    width = (
        max(len(x) for x in phrases) + 8 + max(map(len, glued), default=0)
    )  # the longest phrase, a dot, spaces
    return Before(re.compile(rf"{_SPACE}{dot_src}(?P<w>{p.pattern})", re.IGNORECASE), width)


@cache
def grammar(lex: Lexicon) -> Grammar:
    """The patterns of ``lex``, built in four steps: digits and what follows them, qualifiers, number
    words, and coins and the letters that are a scale or a unit. Those of a language file's lexicon are
    kept in the user's cache (factcheck/cache.py), with the same key as the lexicon and this code."""
    if not from_file(lex):
        return Grammar(lex=lex, **_parts(lex))
    from factcheck import cache as disk

    code = disk.code_hash(__name__, "factcheck.quantities.numerals", "factcheck.quantities.units")
    return Grammar(
        lex=lex, **disk.memo(f"grammar-{lex.code}", lambda: _parts(lex), *lexicon_key(lex.code), code)
    )


def _parts(lex: Lexicon) -> dict:
    return {**_attached(lex), **_qualifiers(lex), **_number_words(lex), **_senses(lex)}


def _glued_words(lex: Lexicon) -> list[str]:
    """Joiners and prepositions written on the next word (Arabic و, بـ)."""
    return [*lex.data.number_words.glued_joiners, *lex.data.number_words.glued_prepositions]


def _attached(lex: Lexicon) -> dict:
    """Numerals, and the scale, currency, percent, unit and date words before or after them."""
    # connectors with an opening word first: "from 8,000 to 1,500" before a bare "X to Y"
    openers = tuple(
        (_before([a]) if a.strip() else None, fold(b), moves)
        for a, b, moves in sorted(lex.ranges, key=lambda r: not r[0].strip())
    )
    dates, data = lex.data.dates, lex.data
    only_after = {fold(x) for x in data.currencies_only_after}
    return dict(
        numeral=numeral_pattern(lex),
        scale_after=_after(lex.re_scale),
        percent_after=_after(lex.re_percent),
        currency_after=_after(lex.re_currency, lex.re_connector),
        unit_after=_after(lex.re_unit, lex.re_connector),
        unit_bracketed=re.compile(
            rf"{_SPACE}{_OPENING}{_SPACE}(?P<w>{lex.re_unit.pattern}){_SPACE}[)\]}}>]", re.IGNORECASE
        )
        if lex.re_unit
        else None,
        currency_before=_before([c for c in lex.currencies_raw if fold(c) not in only_after]),
        month_before=_before(dates.months, dot=True),
        month_after=_after(lex.re_month),
        **_day_joins(lex),
        time_after=_time_after(dates.time_after, dates.minutes_after),
        time_before=_before(dates.time_before),
        year_prefix_before=_before(dates.year_prefixes, glued=data.number_words.glued_before_phrases),
        openers=openers,
        change_by=_before(data.scope.changes_by),
        share_after=_share_after(lex),
        fractions=glued(list(data.fractions), _glued_words(lex)),
        number_or_fraction=glued(list(data.number_or_fraction), _glued_words(lex)),
        definite_after=_definite_after(lex),
        fraction_of_number_word={k: float(v) for k, v in table(data.number_or_fraction).items()},
        number_word_set=frozenset(
            fold(str(w)) for w in [*data.number_words.values, *data.number_words.hundreds, *data.scales]
        ),
        percent_before=_before(
            [f"{p} {s}" for p in data.percent if str(p)[0].isalpha() for s in data.share_of]
            + list(data.percent_before)
        ),
    )


_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"


def _day_joins(lex: Lexicon) -> dict[str, re.Pattern[str] | None]:
    """The patterns of a day joined to another day of one month (language data ``dates.day_joins``): the
    first day of "du 29 au 30 octobre", "tra il 29 e il 30 ottobre", the second of "March 15 to 17"."""
    dates = lex.data.dates
    joins = alternation(dates.day_joins, bounded=False)  # "و30": a join written on the day
    if joins is None or lex.re_month is None:
        return {"day_join_after": None, "day_join_before": None}
    suffixes = alternation([*dates.day_suffixes, *dates.month_day_suffixes], bounded=False)
    suffix = rf"(?:{suffixes.pattern})?" if suffixes is not None else ""
    weekday = rf"(?:(?:{lex.re_weekday.pattern}){_SPACE})?" if lex.re_weekday is not None else ""
    join = rf"{_SPACE}(?:{joins.pattern}){_SPACE}{weekday}"  # "du mardi 29 au mercredi 30 octobre"
    return {
        "day_join_after": re.compile(rf"{suffix}{join}{_DAY}{suffix}", re.IGNORECASE),
        "day_join_before": re.compile(
            rf"(?:{lex.re_month.pattern})\.?{_SPACE}{_DAY}{suffix}{join}$", re.IGNORECASE
        ),
    }


_HOUR, _MINUTES = r"(?<![\w.,:])(?:[01]?\d|2[0-3])", r"[0-5]\d(?![\d%]|[.,]\d)"
_CLOCK = re.compile(rf"{_HOUR}[.,:]{_MINUTES}")  # "18.30", "9,15" after a word of time_before


def _time_after(words: Words, minutes_after: Words) -> re.Pattern[str] | None:
    """An hour (with its minutes) before a word of ``words``: "10am", "6.30pm", "23h"; the minutes may also
    follow a word of ``minutes_after`` ("21 h 30"), never another ("at 10 a.m. 40 people": 40 is a count)."""
    after = alternation(words)
    if after is None:
        return None
    then = alternation(minutes_after)
    minutes = rf"(?:{then.pattern})(?:{_SPACE}{_MINUTES})?|" if then is not None else ""
    return re.compile(rf"{_HOUR}(?:[.:h]{_MINUTES})?{_SPACE}(?:{minutes}{after.pattern})", re.IGNORECASE)


def clock_times(text: str, g: Grammar, raws: list[Raw]) -> list[tuple[int, int]]:
    """The spans of the times of day among the numbers in digits of ``raws``, which are no quantities: an
    hour (with its minutes) before a word of dates.time_after ("10am", "21 h 30"), or an hour and its
    minutes after one of dates.time_before ("alle 18.30", "ore 9,15")."""
    out = []
    for r in raws:
        if r.in_words or not (g.time_after or g.time_before):
            continue
        if g.time_after and (m := g.time_after.match(text, r.start)):
            out.append(m.span())
        elif (
            g.time_before
            and (c := _CLOCK.match(text, r.start))
            and (f := ends_before(g.time_before, text, r.start))
        ):
            out.append((f.start, c.end()))
    return out


def _qualifiers(lex: Lexicon) -> dict:
    """The qualifiers before and after a number ("more than", "or so"), and the words that change them."""
    quals, words = lex.data.qualifiers, lex.data.number_words
    joiners = frozenset({""} | {fold(j) for j in words.joiners})
    return dict(
        qual_before=_before(quals.before, glued=words.glued_before_phrases),
        qual_article=_before(quals.articles),
        negated=table(quals.negated.changes),
        negations=frozenset(fold(w) for w in quals.negated.words),
        not_after={fold(k): frozenset(fold(w) for w in v) for k, v in quals.not_after.items()},
        qual_after=re.compile(rf"\s*,?\s*(?P<w>{lex.re_qual_after.pattern})", re.IGNORECASE)
        if lex.re_qual_after
        else None,
        joiners=joiners,
        glued_joiners=frozenset(fold(j) for j in words.glued_joiners),
        bound_joiners=joiners | {fold(j) for j in quals.bound_joiners},
    )


def _number_words(lex: Lexicon) -> dict:
    """The words around numbers written in words: signs, points, ratios, articles, phrases, unit nouns."""
    words = lex.data.number_words
    return dict(
        negative_before=_before(words.negative),
        point=alternation(words.point),
        over=alternation(words.over),
        part_of=alternation(words.part_of),
        counted_units=_counted_units(lex, _glued_words(lex)) if words.counted_units else None,
        phrases=alternation(words.phrases),
        phrase_values=table({k: str(v) for k, v in words.phrases.items()}),
        denominators={k: float(v) for k, v in table(words.denominators).items()},
        articles=frozenset(fold(a) for a in words.articles),
        determiners=frozenset(fold(a) for a in words.pronoun_after),
        ordinal_before=frozenset(fold(a) for a in words.ordinal_before),
        counted_shape=_counted_shape(words.counted_units_shape),
        hundred_words={k: float(v) for k, v in table(words.hundreds).items()},
    )


def _senses(lex: Lexicon) -> dict:
    """Words with two senses (a scale or a unit, a currency or a unit), and coin names read alone."""
    data, coins = lex.data, lex.data.coins
    dims = "|".join(re.escape(w) for w in [*data.numbers.dimensions, *data.number_words.joiners])
    return dict(
        scale_or_unit=_after(alternation([f"={k}" for k in data.scale_or_unit])),
        scale_or_unit_senses={
            k: (float(v.scale), v.unit, frozenset(fold(w) for w in v.unit_when))
            for k, v in data.scale_or_unit.items()
        },
        currency_or_unit=table(
            {k: (v.unit, frozenset(fold(w) for w in v.unit_when)) for k, v in data.currency_or_unit.items()}
        ),
        unit_or_unit=table(
            {k: (v.unit, frozenset(fold(w) for w in v.unit_when)) for k, v in data.unit_or_unit.items()}
        ),
        compound_unit=_after(alternation(data.compound_units)),
        compound_units=table(dict(data.compound_units)),
        next_measure=re.compile(rf"\s*(?:[x×]|{dims})?\s*\d" if dims else r"\s*(?:[x×])?\s*\d"),
        prev_times=re.compile(
            rf"(?:[x×]|\b(?:{'|'.join(re.escape(w) for w in data.numbers.dimensions)}))\s*$"
            if data.numbers.dimensions
            else r"(?:[x×])\s*$"
        ),
        coins=alternation(coins.names),
        coin_worth=table({k: money_entry(v) for k, v in coins.names.items()}),
        coin_article=_before(data.number_words.articles),
        coin_not_after=frozenset(fold(x) for x in coins.not_after),
        coin_not_before=frozenset(fold(x) for x in coins.not_before),
    )


def _counted_units(lex: Lexicon, prefixes: list) -> re.Pattern[str] | None:
    """Unit nouns that are a quantity alone: one of the unit ("لتر"), never a duration ("يوم" alone is "a
    day" in a story); and duals, which hold their count ("شهرين": two months), also after a glued joiner
    ("وأسبوعين"; a singular after one is too often a verb: "وقدم"). The noun is the group ``w``."""
    singles, duals = [], []
    for k in lex.data.units:
        unit, count = lookup(lex.units, str(k))
        if count != 1:
            duals.append(k)
        elif canonical(unit)[0] != "hour":
            singles.append(k)
    return glued(singles + duals, prefixes, only_before=duals)


def _share_after(lex: Lexicon) -> re.Pattern[str] | None:
    """What follows a share and names the count it is a share of: a word ("la moitié des", "half of"), or
    where the language says so, the prefix of the next word ("نصف السكان": half the population)."""
    words = alternation(lex.data.share_of)
    prefixes = alternation(lex.data.share_of_prefixes, bounded=False)
    suffixes = "|".join(re.escape(s) for s in sorted(lex.data.share_of_suffixes, key=len, reverse=True))
    if prefixes is None:
        return _after(words)
    head = rf"{words.pattern}|" if words is not None else ""
    ends = rf"|(?<=\s)(?=[^\W\d_]+(?:{suffixes})(?![^\W\d_]))" if suffixes else ""
    return re.compile(rf"{_JOIN}(?P<w>{head}(?<=\s)(?:{prefixes.pattern})(?=[^\W\d_]){ends})", re.IGNORECASE)


def _definite_after(lex: Lexicon) -> re.Pattern[str] | None:
    """A next word that carries a share prefix ("السكان"): only such a word makes a share of a word that
    is also a number ("خمس السكان", a fifth of the population; "خمس من الدول" is five of the states)."""
    prefixes = alternation(lex.data.share_of_prefixes, bounded=False)
    if prefixes is None:
        return None
    return re.compile(rf"{_SPACE}(?<=\s)(?:{prefixes.pattern})(?=[^\W\d_])", re.IGNORECASE)


def _counted_shape(shape: CountedShape) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """(prefixes and words of the next word, words of the one before) that make a unit noun alone no quantity."""
    return (
        tuple(fold(x) for x in shape.before_prefixes),
        frozenset(fold(x) for x in shape.before),
        frozenset(fold(x) for x in shape.after),
    )


@dataclass(frozen=True, slots=True)
class Raw:
    """A quantity being built: the number as written and what attaches to it."""

    start: int
    end: int
    number: float
    mult: float = 1.0
    decimals: int = 0
    trailing_zeros: int = 0
    scaled: bool = False
    kind: str = "number"
    unit: str | None = None
    qualifier: str = "exact"
    ambiguous: bool = False
    role: str | None = None
    is_fraction: bool = False
    in_words: bool = False
    subunit: bool = False  # money named in a fraction of its currency ("cents")
    article_only: bool = False  # "uno", "a": a number only if something joins it ("uno su tre", "a grand")


def ends_before(b: Before | None, text: str, pos: int) -> Found | None:
    """The phrase of ``b`` that ends right before ``pos`` (spaces between allowed), if any."""
    if b is None:
        return None
    lo = max(0, pos - b.width)
    m = b.pattern.match(text[lo:pos][::-1])
    if m is None:
        return None
    return Found(pos - m.end("w"), m.group("w")[::-1])


def qualifier_before(g: Grammar, text: str, pos: int) -> Found | None:
    """The qualifier phrase that ends right before ``pos``, or before an article there ("more than 30",
    "oltre il 50%", "لقرابة الـ70"), if any."""
    f = ends_before(g.qual_before, text, pos)
    if f is None and (article := ends_before(g.qual_article, text, pos)):
        f = ends_before(g.qual_before, text, article.start)
    return f


_UNITS_AFTER = re.compile(r"[ \u00a0]+(\d{1,3})(?!\d|[.,٫٬/:]\d|\s*%)")  # the units after "2 thousand 12"


def _money_scale(text: str, lex: Lexicon, raw: Raw) -> Raw:
    """An amount of money whose scale word has another factor before a currency ("3,15 trilioni di
    dollari": 10^12, not the long scale's 10^18), that factor."""
    for word in text[raw.start : raw.end].split():
        money = lookup(lex.money_scales, word)
        if money is not None:
            return evolve(raw, mult=raw.mult / lookup(lex.scales, word) * money)
    return raw


def _attach(text: str, g: Grammar, raw: Raw, floor: int = 0) -> Raw | None:
    """Extend a bare numeral with scale, percent/currency/unit and qualifiers; None if it is a date part.

    Nothing before the number is taken from before ``floor`` (the end of the previous quantity).
    """
    lex, pos = g.lex, raw.end
    m = g.scale_after.match(text, pos) if g.scale_after else None
    if m:
        raw = evolve(raw, mult=lookup(lex.scales, m.group("w")), scaled=True, end=m.end())
        pos = m.end()
        if (n := g.scale_after.match(text, pos)) and lookup(lex.scales, n.group("w")) > raw.mult:
            raw = evolve(raw, mult=raw.mult * lookup(lex.scales, n.group("w")), end=n.end())  # "٢٠ ألف مليار"
            pos = n.end()
        elif raw.mult == 1000 and raw.number % 1 == 0 and (rest := _UNITS_AFTER.match(text, pos)):
            after = rest.end()
            if not (g.scale_after and g.scale_after.match(text, after)):  # "2 thousand 12": 2,012
                raw = evolve(
                    raw, number=raw.number * 1000 + int(rest.group(1)), mult=1.0, scaled=False, end=after
                )
                pos = after
    elif (
        g.scale_or_unit
        and (m := g.scale_or_unit.match(text, pos))
        and not ((c := g.currency_after.match(text, pos) if g.currency_after else None) and c.end() > m.end())
    ):  # "42 L.E" is Egyptian pounds, not 42 lakh
        raw = _scale_or_unit(text, g, raw, m, floor)
        pos = raw.end
    if raw.kind == "measure":
        pass
    elif m := (g.percent_after.match(text, pos) if g.percent_after else None):
        raw = evolve(raw, kind="percent", unit="percent", end=m.end())
    elif (m := (g.currency_after.match(text, pos) if g.currency_after else None)) and (
        unit := _unit_sense(text, g.currency_or_unit, m, floor)
    ):
        raw = evolve(raw, kind="measure", unit=unit, end=m.end())
    elif m and not _prefix_sign(text, g, m):
        code, worth = lookup(lex.currencies, m.group("w"))
        raw = evolve(raw, kind="money", unit=code, mult=raw.mult * worth, end=m.end(), subunit=worth < 1)
        if not raw.scaled and g.scale_after and (s := g.scale_after.match(text, raw.end)):  # "75 USD million"
            raw = evolve(raw, mult=raw.mult * lookup(lex.scales, s.group("w")), scaled=True, end=s.end())
    elif m := (g.unit_after.match(text, pos) or g.unit_bracketed.match(text, pos) if g.unit_after else None):
        raw = _with_unit(text, g, raw, m, floor)
    if raw.kind == "number" and (f := ends_before(g.percent_before, text, raw.start)) and f.start >= floor:
        raw = evolve(raw, kind="percent", unit="percent", start=f.start)
    if raw.kind != "money" and (f := ends_before(g.currency_before, text, raw.start)) and f.start >= floor:
        code, worth = lookup(lex.currencies, f.word)
        raw = evolve(raw, kind="money", unit=code, mult=raw.mult * worth, start=f.start, subunit=worth < 1)
    if raw.kind == "money" and raw.scaled and lex.money_scales:
        raw = _money_scale(text, lex, raw)
    if _is_date_part(text, g, raw):
        return None
    raw = _qualified(text, g, raw, floor)
    if g.qual_after and (m := g.qual_after.match(text, raw.end)) and not _next_ones(text, g, m):
        raw = evolve(raw, qualifier=lookup(lex.qualifiers_after, m.group("w")), end=m.end())
    return raw


def _with_unit(text: str, g: Grammar, raw: Raw, m: re.Match[str], floor: int) -> Raw:
    """``raw`` measured in the unit ``m`` names, if it is one: not in quotes, and a one-letter unit only
    after digits ("une t", "un m" are letters); "gradi" of a heat wave are degrees Celsius (unit_or_unit)."""
    if _quoted(text, raw, m) or (raw.in_words and len(m.group("w")) == 1):
        return raw
    unit, count = lookup(g.lex.units, m.group("w"))
    unit = (g.unit_or_unit and _unit_sense(text, g.unit_or_unit, m, floor)) or unit
    return evolve(raw, kind="measure", unit=unit, mult=raw.mult * count, end=m.end())


def _qualified(text: str, g: Grammar, raw: Raw, floor: int) -> Raw:
    """``raw`` with the qualifier phrase right before it ("more than 30", "plus de 30"), if any."""
    f = qualifier_before(g, text, raw.start)
    sign_between = (
        f is not None
        and floor
        and not text[floor : f.start].strip()
        and not any(ch.isalpha() for ch in f.word)
    )
    if (
        f is None or f.start < floor or sign_between or _cancelled(text, g, f)
    ):  # a sign right after a quantity joins two: "20~100"
        return raw
    return evolve(
        raw, qualifier=_negated(text, g, f) or lookup(g.lex.qualifiers_before, f.word), start=f.start
    )


_NEXT_NUMBER = re.compile(r"\s*\d[\d.,]*")
_DIGIT = re.compile(r"\d")


def _next_ones(text: str, g: Grammar, m: re.Match[str]) -> bool:
    """Whether the words after a number belong to the next number: "5000 or less than 6000" (a number
    at most 30 characters on, on the same line)."""
    ahead = _DIGIT.search(text, m.end(), m.end() + 31)
    if ahead is None or "\n" in text[m.end() : ahead.start()]:
        return False
    f = qualifier_before(g, text, ahead.start())
    return f is not None and f.start < m.end()


def _prefix_sign(text: str, g: Grammar, m: re.Match[str]) -> bool:
    """A currency sign with a number right after it belongs to that number ("$ 20 $ 37": two amounts),
    unless that number has its own currency after it ("10 $ 30 $", "10 $ 30 cent": the sign is the 10's)."""
    if any(ch.isalpha() for ch in m.group("w")) or not (n := _NEXT_NUMBER.match(text, m.end())):
        return False
    return not (g.currency_after and g.currency_after.match(text, n.end()))


_QUOTE_MARKS = set("\"'“”‘’″")


def _quoted(text: str, raw: Raw, m: re.Match[str]) -> bool:
    """A quote mark after a number opened before it closes a quotation ('he said "5"'), not inches."""
    return set(m.group("w")) <= _QUOTE_MARKS and text[: raw.start].rstrip()[-1:] in _QUOTE_MARKS


def _negated(text: str, g: Grammar, f: Found) -> str | None:
    """The qualifier a negation before it makes of a phrase: "ne compte plus que 2.000" is only (exactly) 2,000."""
    changed = lookup(g.negated, f.word)
    if changed is None:
        return None
    before = {fold(w) for w in re.findall(r"[^\W\d_]+['’]?", text[max(0, f.start - 40) : f.start])}
    return changed if before & g.negations else None


_LAST_TOKEN = re.compile(r"(?:([^\W\d_]+)|(\S))\s*$")


def _cancelled(text: str, g: Grammar, f: Found) -> bool:
    """Whether the word or sign right before a qualifier phrase makes it none: "How about 2 in 5" asks,
    "<>30" is not more than 30."""
    cancelling = g.not_after.get(fold(f.word))
    if not cancelling:
        return False
    m = _LAST_TOKEN.search(text, max(0, f.start - 40), f.start)
    return m is not None and fold(m.group(1) or m.group(2)) in cancelling


SENSE_REACH = 160  # characters before a word of two senses that may say which it is (the sentence before too)


def _unit_sense(text: str, senses: dict, m: re.Match[str], floor: int) -> str | None:
    """The unit a currency word (or a unit word) stands for where the sentence speaks of what it
    measures ("lost 25 pounds", "two pounds of meat", "40 gradi" of a heat wave); None where it is
    money (or the word's own unit)."""
    sense = lookup(senses, m.group("w"))
    if sense is None:
        return None
    words = {fold(w) for w in _WORDS.findall(text[max(floor, m.start() - SENSE_REACH) : m.end() + 40])}
    return sense[0] if words & sense[1] else None


def _scale_or_unit(text: str, g: Grammar, raw: Raw, m: re.Match[str], floor: int) -> Raw:
    """A letter after a number that is a scale or a unit ("m": million or metres), read from what is
    around it: a currency makes it a scale ("£5m", "30m euros"); a measure word right after or before it,
    or another number right after it, a unit ("1.8m tall", "ran 100m", "12 m 2 dm", "3m and 5cm"); any other word after it,
    a scale ("30m users"); at the end of a phrase, a measure word in the sentence makes it a unit
    ("the outreach is 48m"). With nothing to go on it is a scale, flagged ambiguous."""
    scale, unit, measure_words = g.scale_or_unit_senses[m.group("w")]
    after = _WORD_AFTER.match(text, m.end())
    money = ends_before(g.currency_before, text, raw.start) or (
        g.currency_after and g.currency_after.match(text, m.end())
    )
    sentence = text[max(floor, raw.start - 80) : m.end() + 80].lower()
    before = _WORD_BEFORE.search(text, max(floor, raw.start - 20), raw.start)
    unit_next = (
        (after and fold(after.group(1)) in measure_words)
        or (before and fold(before.group(1)) in measure_words)  # "ran 100m in 9.58 seconds"
        or g.next_measure.match(text, m.end())
        or g.prev_times.search(text, max(floor, raw.start - 8), raw.start)
    )
    if not money and (unit_next or (not after and any(w in measure_words for w in _WORDS.findall(sentence)))):
        return evolve(raw, kind="measure", unit=unit, end=m.end())
    return evolve(raw, mult=scale, scaled=True, end=m.end(), ambiguous=raw.ambiguous or not (money or after))


_WORDS = re.compile(r"[^\W\d_]+")


ABBREVIATED = 4  # letters at most of a month's name written short, with a dot ("Apr. 12", "janv. 3")


def _is_date_part(text: str, g: Grammar, raw: Raw) -> bool:
    """A bare day or year next to a month name ("12 Apr 2023", "nel 2015"): a date, not a quantity."""
    if raw.kind != "number" or raw.scaled or raw.decimals or raw.in_words:
        return False
    digits = raw.end - raw.start
    n = raw.number
    month = ends_before(g.month_before, text, raw.start)
    if month is not None and len(month.word) > ABBREVIATED and "." in text[month.start : raw.start]:
        month = None  # "mardi 16 avril. 18 personnes": a month's full name, then the sentence's end
    month_near = bool(month) or bool(g.month_after and g.month_after.match(text, raw.end))
    if digits <= 2 and 1 <= n <= 31 and (month_near or _joined_day(text, g, raw)):
        return True
    if digits == 4 and 1800 <= n <= 2100:
        return month_near or bool(ends_before(g.year_prefix_before, text, raw.start))
    return False


def _joined_day(text: str, g: Grammar, raw: Raw) -> bool:
    """Whether a bare day is joined to another day of a month: "du 29 au 30 octobre" (the 29), "March 15
    to 17" (the 17)."""
    after = g.day_join_after.match(text, raw.end) if g.day_join_after is not None else None
    if after is not None and g.month_after is not None and g.month_after.match(text, after.end()):
        return True
    before = g.day_join_before
    return (
        before is not None and before.search(text, max(0, raw.start - DAY_JOIN_REACH), raw.start) is not None
    )


DAY_JOIN_REACH = 40  # characters before a day where the month, day and join before it are looked for


_SIGNS = "-−"


def _signed(text: str, raw: Raw, g: Grammar, floor: int = 0) -> Raw:
    """ "-1", "− 5", "minus 5": a minus sign or word right before the number; not a dash between two
    amounts ("10 - 20", "10$-20$", "5k-20k", "10 euro - 20 euro": ``floor`` is where the previous ends)."""
    if f := ends_before(g.negative_before, text, raw.start):
        q = qualifier_before(g, text, raw.start)
        if q is None or q.start > f.start:  # "au moins 10" is at least 10, not minus 10
            return evolve(raw, number=-raw.number, start=f.start)
        return raw
    i = raw.start - 1
    if i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] not in _SIGNS or (floor and not text[floor:i].strip()):
        return raw
    if text[i] == "-" and i > 0 and text[i - 1].isalpha():
        return raw  # "magnitude-7.4": a hyphen joins a word to the figure, no minus
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j >= 0 and (text[j].isdigit() or text[j] in ".,%)]" or unicodedata.category(text[j]) == "Sc"):
        return raw  # "10 - 20", "10$-20$": a dash between two amounts
    return evolve(raw, number=-raw.number, start=i)


# Whole numbers chained by one repeated mark: "192.168.1.2", "5/17/2018", "nrs. 22,24,26,31"
_CHAIN = re.compile(r"(?<![\w.,/])\d+([.,/])\d+(?:\1\d+)+(?![\w]|[.,/]\d)")
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})+")
_LAKHS = re.compile(r"\d{1,2}(?:(,)\d\d)+,\d{3}")  # "4,56,789", "2,35,00,00,000": lakhs and crores
_DIGIT_RUN = re.compile(r"\d+")


def chains(
    text: str, lakhs: bool = False, pos: int = 0, endpos: int | None = None
) -> dict[int, Numeral | list[Raw]]:
    """Whole numbers chained by one repeated mark, by the chain's start: thousands ("1.500.000" in an
    English text: two dots make no decimal) as one numeral; any other chain as a list of numbers
    (those of ``text[pos:endpos]``, offsets in ``text``)."""
    out: dict[int, Numeral | list[Raw]] = {}
    for m in _CHAIN.finditer(text, pos, len(text) if endpos is None else endpos):
        if _THOUSANDS.fullmatch(m.group(0)) or (lakhs and _LAKHS.fullmatch(m.group(0))):
            digits = "".join(d.group(0) for d in _DIGIT_RUN.finditer(m.group(0)))
            out[m.start()] = Numeral(
                m.start(),
                m.end(),
                float(digits),
                0,
                len(digits) - len(digits.rstrip("0")),
                True,
                False,
                shows=((m.group(1), "group"),),
            )
        else:
            out[m.start()] = [
                Raw(d.start(), d.end(), float(d.group(0)))
                for d in _DIGIT_RUN.finditer(text, m.start(), m.end())
            ]
    return out


def numerals(text: str, g: Grammar, shown: dict[str, set[str]] | None = None) -> list[Raw]:
    """Numbers written in digits, with what attaches to them; "1,500" settled by the text's other numbers.
    ``shown`` (separator -> what numbers use it for) holds what numbers read elsewhere show (the runs
    of bare figures, quantities/bare.py); those of ``text`` are added to it."""
    out: list[Raw] = []
    shown = {} if shown is None else shown
    doubtful: dict[int, Numeral] = {}
    chained = chains(text, g.lex.data.numbers.lakh_grouping) if any(c in text for c in ".,/") else {}
    for m in g.numeral.finditer(text):
        chain = chained.get(m.start())
        if isinstance(chain, list):
            out += chain
            continue
        n = chain if chain is not None and chain.end > m.end() else read_numeral(m, g.lex)
        if n is None or (out and n.start < out[-1].end):
            continue  # already part of the previous quantity
        for mark, use in n.shows:
            shown.setdefault(mark, set()).add(use)
        raw = Raw(
            n.start,
            n.end,
            n.value,
            decimals=n.decimals,
            trailing_zeros=n.trailing_zeros,
            ambiguous=n.ambiguous,
        )
        floor = out[-1].end if out else 0
        raw = _attach(text, g, _signed(text, raw, g, floor), floor)
        if raw is not None:
            if n.ambiguous:
                doubtful[len(out)] = n
            out.append(raw)
    for i, n in doubtful.items():
        out[i] = settled(out[i], n, shown)
    return out


def settled(raw: Raw, n: Numeral, shown: dict[str, set[str]]) -> Raw:
    """An ambiguous numeral's Raw read by what the text's numbers show of its separator (``shown``)."""
    uses = set(shown.get(n.mark or "", set()))
    other = shown.get(_OTHER_MARK.get(n.mark or "", ""), set())
    if not uses and other in (
        {"group"},
        {"decimal"},
    ):  # "7.500 … 1,500": the dot groups, so the comma is decimal
        uses = {"decimal"} if other == {"group"} else {"group"}
    return _settled(raw, n, uses)


_OTHER_MARK = {",": ".", ".": ",", "٫": "٬", "٬": "٫"}


def _settled(raw: Raw, n: Numeral, uses: set[str]) -> Raw:
    """An ambiguous "1,500" read the way the text's other numbers use its separator ("4,8" elsewhere:
    a decimal comma; "2,300,000": a thousands comma); else, before a scale word, as a decimal
    ("1,500 milioni"); else it stays flagged ambiguous, read by the language's convention."""
    if uses == {"group"} and n.grouped is not None:
        sign = -1 if raw.number < 0 else 1
        whole = str(int(n.grouped))
        return evolve(
            raw,
            number=sign * n.grouped,
            decimals=0,
            trailing_zeros=len(whole) - len(whole.rstrip("0")),
            ambiguous=False,
        )
    if uses == {"decimal"} or raw.scaled:
        return evolve(raw, ambiguous=False)
    return raw


def word_numbers(text: str, g: Grammar, taken: list[Raw]) -> list[Raw]:
    """Numbers written in words, where no digits were read, with what attaches to them."""
    out = []
    ordinals = g.lex.data.number_words.denominators_are_ordinals
    spans = Spans((r.start, r.end) for r in taken)
    for w in find_word_numbers(text, g.lex, spans):
        if spans.overlaps(w.start, w.end) or (out and w.start < out[-1].end) or _ordinal_of_turn(text, g, w):
            continue  # read already: digits, or the words after a number ("cinquantuno per cento"); a rank
        floor = max(spans.end_before(w.start), out[-1].end if out and out[-1].end <= w.start else 0)
        article = _determiner_before(text, g, w.start) if w.lone_denominator and ordinals else None
        if (
            w.lone_denominator
            and ordinals
            and (
                not ((g.share_after and g.share_after.match(text, w.end)) or fraction_of_unit(text, g, w.end))
                or article is not None
            )
        ):
            # "the tenth", "le cinquième", "the fifteenth of May": an ordinal ("tenth of a gallon", "quart de litre": a fraction);
            # after a determiner, a rank, kept by combine only as an end of a range ("between the tenth and the fifteenth")
            if article is not None and w.value:
                out.append(
                    _qualified(
                        text,
                        g,
                        Raw(article, w.end, float(round(1 / w.value)), in_words=True, role="rank"),
                        floor,
                    )
                )
            continue
        raw = _attach(
            text,
            g,
            _signed(text, Raw(w.start, w.end, w.value, scaled=w.scaled, in_words=True), g, floor),
            floor,
        )
        if raw is not None and not (w.maybe_pronoun and raw.kind == "number"):
            out.append(
                _as_share(text, g, evolve(raw, article_only=w.article_only and raw.kind == "number"), w)
            )
    return out


def _ordinal_of_turn(text: str, g: Grammar, w) -> bool:
    """ "for a third day", "un quarto mandato": an article and a denominator before a noun of a turn in a
    series (a day, a term) are an ordinal, not a fraction ("a third of the days", "a quarter century" are)."""
    if not (g.ordinal_before and w.fraction and 0 < w.value < 0.5):
        return False
    words = text[w.start : w.end].split()
    after = _WORD_AFTER.match(text, w.end)
    return fold(words[0]) in g.articles and after is not None and fold(after.group(1)) in g.ordinal_before


def _as_share(text: str, g: Grammar, raw: Raw, w) -> Raw:
    """A fraction in words before the group it divides is a percent share of it: "un quinto dei
    lavoratori" (20 %), "a fifth of the voters", as the language file's own fractions are."""
    if not (w.fraction and raw.kind == "number" and not w.scaled and 0 < w.value <= 1 and g.share_after):
        return raw
    if not g.share_after.match(text, raw.end) or _and_a_fraction(text, g, raw.start):
        return raw
    return evolve(raw, number=w.value * 100, kind="percent", unit="percent", is_fraction=True)


def phrases(text: str, g: Grammar, taken: list[Raw]) -> list[Raw]:
    """Numbers said as phrases: "a couple" (about 2), "a pair of" (2), "a few" (about 3), "nil" (0),
    with what attaches to them ("a couple of thousand dollars")."""
    if g.phrases is None:
        return []
    out: list[Raw] = []
    spans = Spans((r.start, r.end) for r in taken)
    for m in g.phrases.finditer(text):
        if spans.overlaps(m.start(), m.end()):
            continue
        value = lookup(g.phrase_values, m.group(0))
        approx = value.startswith("~")
        floor = max(spans.end_before(m.start()), out[-1].end if out and out[-1].end <= m.start() else 0)
        raw = _attach(
            text,
            g,
            Raw(
                m.start(),
                m.end(),
                float(value.lstrip("~")),
                in_words=True,
                qualifier="approx" if approx else "exact",
            ),
            floor,
        )
        if raw is not None:
            out.append(raw)
    return out


def _determiner_before(text: str, g: Grammar, pos: int) -> int | None:
    """Where the determiner ("the", "this") right before ``pos`` starts, if there is one: what follows it is an ordinal."""
    before = _WORD_BEFORE.search(text, max(0, pos - 20), pos)
    return before.start(1) if before and fold(before.group(1)) in g.determiners else None


def counted_units(text: str, g: Grammar, taken: list[Raw]) -> list[Raw]:
    """Where the language says so, a unit noun alone is one of it ("لتر": a litre; "لتران": two). Not
    durations: "يوم" alone is "a day" in a story, not a measure."""
    if g.counted_units is None:
        return []
    out = []
    spans = Spans((r.start, r.end) for r in taken)
    for m in g.counted_units.finditer(text):
        start, end = m.span("w")
        if not spans.overlaps(start, end) and _counted_alone(text, g, start, end):
            unit, count = lookup(g.lex.units, m.group("w"))
            out.append(Raw(start, end, count, kind="measure", unit=unit, in_words=True))
    return out


def _counted_alone(text: str, g: Grammar, start: int, end: int) -> bool:
    """Whether a unit noun with no number has the shape of a quantity: not a verb or a construct, which a
    definite word or a preposition after it, or a verb's particle before it, shows ("قدم الوزير", "قد قدم")."""
    prefixes, before, after = g.counted_shape
    nxt = _WORD_AFTER.match(text, end)
    if nxt and (fold(nxt.group(1)).startswith(prefixes) or fold(nxt.group(1)) in before):
        return False
    prev = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return not (prev and fold(prev.group(1)) in after)


_WORD_AFTER = re.compile(r"[\s-]*([^\W\d_]+)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s*$")


def coins(text: str, g: Grammar, raws: list[Raw]) -> list[Raw]:
    """Coins named alone are money: "a dime", "it costs a quarter.", "nickel", "four quarters" (read
    first as the fraction 4/4). Not where a word around them makes them a time or a share ("the fourth
    quarter", "in a quarter", "a quarter of", "four quarters of growth"), nor a coin's name used for
    something else ("nickel prices": with no count before it, nothing may follow it). Without a count
    before it the reading is flagged ambiguous."""
    if g.coins is None:
        return raws
    out = list(raws)  # sorted by start; coins found are added after them and never overlap each other
    starts = [r.start for r in raws]
    reach = list(accumulate((r.end for r in raws), max))  # the furthest end of the raws up to each one
    for m in g.coins.finditer(text):
        k = bisect_left(starts, m.end())
        over = []
        while k > 0 and len(over) < 2 and reach[k - 1] > m.start():  # some raw up to here reaches the coin
            k -= 1
            if raws[k].start < m.end() and m.start() < raws[k].end:
                over.append(k)
        counted = over[0] if len(over) == 1 and _counts_coins(text, g, out[over[0]], m) else None
        if over and counted is None:
            continue
        article = ends_before(g.coin_article, text, m.start()) if counted is None else None
        start = out[counted].start if counted is not None else article.start if article else m.start()
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        after = _WORD_AFTER.match(text, m.end())
        if (before and fold(before.group(1)) in g.coin_not_after) or (
            after and fold(after.group(1)) in g.coin_not_before
        ):
            continue
        if (article is None or counted is not None) and after:
            continue
        code, worth = lookup(g.coin_worth, m.group(0))
        if counted is not None:  # the fraction's numerator is the count of coins
            r = out[counted]
            count = r.number * lookup(g.denominators, m.group(0))
            out[counted] = evolve(r, number=count, mult=worth, kind="money", unit=code)
        else:
            out.append(
                Raw(
                    start,
                    m.end(),
                    1.0,
                    mult=worth,
                    kind="money",
                    unit=code,
                    in_words=True,
                    ambiguous=article is None,
                )
            )
    return sorted(out, key=lambda r: r.start)


def _counts_coins(text: str, g: Grammar, r: Raw, m: re.Match[str]) -> bool:
    """A number in words ending with the coin's name, read as a whole or more: "four quarters", "six
    quarters"; not a proper or mixed fraction ("three quarters", "five and a quarter")."""
    if not (r.in_words and r.kind == "number" and r.start < m.start() and r.end == m.end() and r.number >= 1):
        return False
    return not set(fold(text[r.start : m.start()]).split()) & (g.joiners | g.articles)


def shares(text: str, g: Grammar, taken: list[Raw]) -> list[Raw]:
    """Fractions used as shares ("la moitié de", "half of"), as percents; a word that is also a number
    ("خمس"), only before a definite noun and after no number word ("خمس السكان": a fifth of the population).
    A fraction of a unit is a measure: "un quart de litre", "a quarter litre" (0.25 L)."""
    out = []
    spans = Spans((r.start, r.end) for r in taken)
    for m, share in _share_words(text, g):
        start, end = m.span("w")
        if spans.overlaps(start, end) or _and_a_fraction(text, g, start):
            continue
        raw = Raw(start, end, share * 100, kind="percent", unit="percent", is_fraction=True)
        if u := fraction_of_unit(text, g, end):
            raw = Raw(
                start,
                u.end("w"),
                share,
                kind="measure",
                unit=lookup(g.lex.units, u.group("w"))[0],
                in_words=True,
            )
        if f := qualifier_before(g, text, raw.start):
            raw = evolve(raw, qualifier=lookup(g.lex.qualifiers_before, f.word), start=f.start)
        out.append(raw)
    return out


_JOINED_BEFORE = re.compile(r"(\d|[^\W\d_]+)[\s-]+([^\W\d_]+)\s+$")


def _and_a_fraction(text: str, g: Grammar, start: int) -> bool:
    """Whether the fraction at ``start`` ends an amount, after a joiner and a unit, a scale or a number
    ("un anno e mezzo di carcere", "deux heures et demie de route", "3 millions et demi de"): no share."""
    m = _JOINED_BEFORE.search(text, max(0, start - 40), start)
    if m is None or fold(m.group(2)) not in g.joiners:
        return False
    word = fold(m.group(1))
    lex = g.lex
    return word.isdigit() or word in g.number_word_set or word in lex.units or word in lex.scales


def fraction_of_unit(text: str, g: Grammar, pos: int) -> re.Match[str] | None:
    """The unit right after a fraction that ends at ``pos``, of which the fraction is a measure: "un quart
    de litre", "a quarter-mile", "un quart d'heure"; not a duration with no connector before it ("for a
    third day" counts days)."""
    u = g.unit_after.match(text, pos) if g.unit_after is not None else None
    if u is None or lookup(g.lex.units, u.group("w")) is None:
        return None
    connected = fold(text[pos : u.start("w")]).strip(" -")
    return u if connected or canonical(lookup(g.lex.units, u.group("w"))[0])[0] != "hour" else None


def _share_words(text: str, g: Grammar) -> Iterator[tuple[re.Match[str], float]]:
    """The fraction words of ``text`` followed by what they are a share of, with their fraction: "half of",
    "la moitié de" ("in a quarter" is a time), "a quarter litre", and the words that are also numbers before
    a definite noun."""
    if g.fractions is not None and g.share_after is not None:
        for m in g.fractions.finditer(text):
            if g.share_after.match(text, m.end("w")) or fraction_of_unit(text, g, m.end("w")):
                yield m, lookup(g.lex.fractions, m.group("w"))
    if g.number_or_fraction is None or g.definite_after is None:
        return
    for m in g.number_or_fraction.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if g.definite_after.match(text, m.end("w")) and not (
            before and fold(before.group(1)) in g.number_word_set
        ):
            yield m, lookup(g.fraction_of_number_word, m.group("w"))


def _interval(r: Raw) -> tuple[float, float | None, float | None]:
    """(value, lower, upper) allowed by the wording: written precision, then the qualifier."""
    value = r.number * r.mult
    if r.in_words:
        half = 0.0
    elif r.decimals:
        half = 0.5 * 10 ** (-r.decimals) * r.mult
    elif r.scaled:
        half = 0.5 * 10**r.trailing_zeros * r.mult
    elif r.kind == "percent" and not r.is_fraction:
        half = 0.5
    else:
        half = 0.0
    lower, upper = value - half, value + half
    if r.qualifier == "approx":
        w = max(half, abs(value) * APPROX)
        lower, upper = value - w, value + w
    elif r.qualifier in ("more_than", "at_least"):
        lower, upper = value, None
    elif r.qualifier in ("less_than", "at_most"):
        lower, upper = None, value
    return value, lower, upper


def quantity(text: str, r: Raw, upper_of: Raw | None = None) -> Quantity:
    """The Quantity of a finished Raw (a range: its low end, with ``upper_of`` its high end)."""
    value, lower, upper = _interval(r)
    unit = r.unit
    if r.kind == "measure" and unit:
        unit, factor = canonical(unit)
        value, lower = value * factor, None if lower is None else lower * factor
        upper = None if upper is None else upper * factor
    if upper_of is not None:  # a range: its two ends as written, its middle as the value
        factor = canonical(upper_of.unit)[1] if r.kind == "measure" and upper_of.unit else 1.0
        lower, upper = r.number * r.mult * factor, upper_of.number * upper_of.mult * factor
        value = (lower + upper) / 2
    if not math.isfinite(value):  # "centocento…" or a 400,000-digit number: beyond what can be checked
        value = lower = upper = None
    return Quantity(
        text=text[r.start : r.end],
        start=r.start,
        end=r.end,
        value=value,
        lower=lower,
        upper=upper,
        unit=unit,
        qualifier=r.qualifier,
        kind=r.kind,
        role=r.role,
        scaled=r.scaled,
        ambiguous=r.ambiguous,
    )
