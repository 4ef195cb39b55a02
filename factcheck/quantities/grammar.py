"""The quantity grammar: numerals plus scale, currency, percent, unit, qualifiers, fractions and ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from factcheck.models import Quantity
from factcheck.quantities.lexicon import Lexicon, alternation, fold, lookup, reversed_alternation
from factcheck.quantities.numerals import numeral_pattern, read_numeral
from factcheck.quantities.units import canonical
from factcheck.quantities.words import find_word_numbers

APPROX = 0.05  # "about X" allows X ± 5 % (or the written precision, if wider)
_SPACE = r"[ \t\u00a0\u202f]*"
_JOIN = r"(?:[ \t\u00a0\u202f]*|-)"  # between a number and its unit: "3 km", "3km", "3-inch"
_SENTENCE_END = re.compile(r"[.!?؟\n]")


@dataclass(frozen=True, eq=False)
class Grammar:
    """The patterns of one language, anchored the way the scanner uses them; built once per language."""

    lex: Lexicon
    numeral: re.Pattern[str]
    scale_after: re.Pattern[str] | None
    percent_after: re.Pattern[str] | None
    currency_after: re.Pattern[str] | None
    unit_after: re.Pattern[str] | None
    currency_before: Before | None
    qual_before: Before | None
    qual_after: re.Pattern[str] | None
    month_before: Before | None
    month_after: re.Pattern[str] | None
    year_prefix_before: Before | None
    openers: tuple[tuple[Before | None, str, bool], ...]  # None: no opening word ("20-100")
    share_after: re.Pattern[str] | None
    negative_before: Before | None
    point: re.Pattern[str] | None
    over: re.Pattern[str] | None


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


def _before(phrases, dot: bool = False) -> Before | None:
    phrases = [str(p) for p in phrases]
    p = reversed_alternation(phrases)
    if p is None:
        return None
    dot_src = r"\.?" if dot else ""
    width = max(len(x) for x in phrases) + 8  # the longest phrase, a dot, spaces around it
    return Before(re.compile(rf"{_SPACE}{dot_src}(?P<w>{p.pattern})", re.IGNORECASE), width)


@lru_cache(maxsize=None)
def grammar(lex: Lexicon) -> Grammar:
    openers = tuple((_before([a]) if a.strip() else None, fold(b), moves) for a, b, moves in lex.ranges)
    dates = lex.raw["dates"]
    return Grammar(
        lex=lex,
        numeral=numeral_pattern(lex),
        scale_after=_after(lex.re_scale),
        percent_after=_after(lex.re_percent),
        currency_after=_after(lex.re_currency, lex.re_connector),
        unit_after=_after(lex.re_unit, lex.re_connector),
        currency_before=_before(lex.currencies_raw),
        qual_before=_before(lex.raw["qualifiers"].get("before") or []),
        qual_after=re.compile(rf"\s*,?\s*(?P<w>{lex.re_qual_after.pattern})", re.IGNORECASE) if lex.re_qual_after else None,
        month_before=_before(dates.get("months") or [], dot=True),
        month_after=_after(lex.re_month),
        year_prefix_before=_before(dates.get("year_prefixes") or []),
        openers=openers,
        share_after=_after(alternation(lex.raw["share_of"])),
        negative_before=_before((lex.raw.get("number_words") or {}).get("negative") or []),
        point=alternation((lex.raw.get("number_words") or {}).get("point") or []),
        over=alternation((lex.raw.get("number_words") or {}).get("over") or []),
    )


@dataclass(frozen=True, slots=True)
class _Raw:
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
    article_only: bool = False  # "a grand": a number only if a currency or unit follows


def _ends(b: Before | None, text: str, pos: int) -> Found | None:
    """The phrase of ``b`` that ends right before ``pos`` (spaces between allowed), if any."""
    if b is None:
        return None
    lo = max(0, pos - b.width)
    m = b.pattern.match(text[lo:pos][::-1])
    if m is None:
        return None
    return Found(pos - m.end("w"), m.group("w")[::-1])


def _attach(text: str, g: Grammar, raw: _Raw, floor: int = 0) -> _Raw | None:
    """Extend a bare numeral with scale, percent/currency/unit and qualifiers; None if it is a date part.

    Nothing before the number is taken from before ``floor`` (the end of the previous quantity).
    """
    lex, pos = g.lex, raw.end
    m = g.scale_after.match(text, pos) if g.scale_after else None
    if m:
        raw = replace(raw, mult=lookup(lex.scales, m.group("w")), scaled=True, end=m.end())
        pos = m.end()
    if m := (g.percent_after.match(text, pos) if g.percent_after else None):
        raw = replace(raw, kind="percent", unit="percent", end=m.end())
    elif m := (g.currency_after.match(text, pos) if g.currency_after else None):
        code, worth = lookup(lex.currencies, m.group("w"))
        raw = replace(raw, kind="money", unit=code, mult=raw.mult * worth, end=m.end(), subunit=worth < 1)
        if not raw.scaled and g.scale_after and (s := g.scale_after.match(text, raw.end)):  # "75 USD million"
            raw = replace(raw, mult=raw.mult * lookup(lex.scales, s.group("w")), scaled=True, end=s.end())
    elif m := (g.unit_after.match(text, pos) if g.unit_after else None):
        raw = replace(raw, kind="measure", unit=lookup(lex.units, m.group("w")), end=m.end())
    if raw.kind != "money" and (f := _ends(g.currency_before, text, raw.start)) and f.start >= floor:
        code, worth = lookup(lex.currencies, f.word)
        raw = replace(raw, kind="money", unit=code, mult=raw.mult * worth, start=f.start, subunit=worth < 1)
    if _is_date_part(text, g, raw):
        return None
    if (f := _ends(g.qual_before, text, raw.start)) and f.start >= floor:
        raw = replace(raw, qualifier=lookup(lex.qualifiers_before, f.word), start=f.start)
    if g.qual_after and (m := g.qual_after.match(text, raw.end)):
        raw = replace(raw, qualifier=lookup(lex.qualifiers_after, m.group("w")), end=m.end())
    return raw


def _is_date_part(text: str, g: Grammar, raw: _Raw) -> bool:
    """A bare day or year next to a month name ("12 Apr 2023", "nel 2015"): a date, not a quantity."""
    if raw.kind != "number" or raw.scaled or raw.decimals or raw.in_words:
        return False
    digits = raw.end - raw.start
    n = raw.number
    month_near = bool(_ends(g.month_before, text, raw.start)) or bool(g.month_after and g.month_after.match(text, raw.end))
    if digits <= 2 and 1 <= n <= 31 and month_near:
        return True
    if digits == 4 and 1800 <= n <= 2100:
        return month_near or bool(_ends(g.year_prefix_before, text, raw.start))
    return False


_SIGNS = "-−"


def _signed(text: str, raw: _Raw, g: Grammar) -> _Raw:
    """"-1", "− 5", "minus 5": a minus sign or word right before the number (not a dash between two numbers)."""
    if f := _ends(g.negative_before, text, raw.start):
        return replace(raw, number=-raw.number, start=f.start)
    i = raw.start - 1
    if i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] not in _SIGNS:
        return raw
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j >= 0 and (text[j].isalnum() or text[j] in ".,%)]"):
        return raw
    return replace(raw, number=-raw.number, start=i)


def _numerals(text: str, g: Grammar) -> list[_Raw]:
    out: list[_Raw] = []
    for m in g.numeral.finditer(text):
        n = read_numeral(m, g.lex)
        if out and n.start < out[-1].end:
            continue  # already part of the previous quantity
        raw = _Raw(n.start, n.end, n.value, decimals=n.decimals, trailing_zeros=n.trailing_zeros, ambiguous=n.ambiguous)
        raw = _attach(text, g, _signed(text, raw, g), out[-1].end if out else 0)
        if raw is not None:
            out.append(raw)
    return out


def _word_numbers(text: str, g: Grammar, taken: list[_Raw]) -> list[_Raw]:
    out = []
    for w in find_word_numbers(text, g.lex):
        if any(r.start < w.end and w.start < r.end for r in taken):
            continue
        floor = max((r.end for r in taken + out if r.end <= w.start), default=0)
        raw = _attach(text, g, _signed(text, _Raw(w.start, w.end, w.value, scaled=w.scaled, in_words=True), g), floor)
        if raw is not None and not (w.article_only and raw.kind == "number"):
            out.append(raw)
    return out


def _fractions(text: str, g: Grammar, taken: list[_Raw]) -> list[_Raw]:
    if g.lex.re_fraction is None:
        return []
    out = []
    for m in g.lex.re_fraction.finditer(text):
        if any(r.start < m.end() and m.start() < r.end for r in taken):
            continue
        if g.share_after is None or not g.share_after.match(text, m.end()):
            continue  # "half of", "la moitié de": a share; "in a quarter" is a time
        share = lookup(g.lex.fractions, m.group(0))
        raw = _Raw(m.start(), m.end(), share * 100, kind="percent", unit="percent", is_fraction=True)
        if f := _ends(g.qual_before, text, raw.start):
            raw = replace(raw, qualifier=lookup(g.lex.qualifiers_before, f.word), start=f.start)
        out.append(raw)
    return out


def _sentence_of(text: str, start: int, end: int) -> str:
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    hi = _SENTENCE_END.search(text, end)
    return text[lo : hi.start() if hi else min(len(text), end + 400)]


def _ranges(text: str, g: Grammar, raws: list[_Raw]) -> list[_Raw]:
    """Join "tra X e Y" into one range, or "da X a Y ... ridotto" into a from/to transition."""
    out: list[_Raw] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        b = raws[i + 1] if i + 1 < len(raws) else None
        joined = None
        if b is not None and not a.is_fraction and not b.is_fraction and not text[b.start : b.start + 2].startswith("0"):
            between = fold(text[a.end : b.start])
            for opener, closer, moves in g.openers:
                if between == closer and (opener is None or _ends(opener, text, a.start)):
                    joined = _join(text, g, a, b, moves)
                    break
        if joined:
            out.extend(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _join(text: str, g: Grammar, a: _Raw, b: _Raw, may_move: bool) -> list[_Raw] | None:
    if a.unit and b.unit and a.unit != b.unit:
        return None  # "between 4 dollars and 7 euros": two amounts, not a range
    if not a.scaled and b.scaled:
        a = replace(a, mult=b.mult, scaled=True)
    if a.kind == "number" and b.kind != "number":
        a = replace(a, kind=b.kind, unit=b.unit)
    sentence = _sentence_of(text, a.start, b.end)
    lex = g.lex
    moving = may_move and any(p is not None and p.search(sentence) for p in (lex.re_decrease, lex.re_increase))
    if moving:
        return [replace(a, role="from"), replace(b, role="to")]
    lo, hi = sorted((a, b), key=lambda r: r.number * r.mult)
    return [replace(a, end=b.end, qualifier="range", role=None, number=lo.number, mult=lo.mult,
                    ambiguous=a.ambiguous or b.ambiguous), replace(hi, qualifier="range")]


_END_OF_AMOUNT = re.compile(r"\s*(?:[.,;:!?)]|$)")


def _decimal_points(text: str, g: Grammar, raws: list[_Raw]) -> list[_Raw]:
    """"1 point 1", "deux cent virgule trois": a whole number, a decimal word, and its decimals;
    "un sur trois", "1 out of 20": a ratio."""
    out: list[_Raw] = []
    for r in raws:
        a = out[-1] if out else None
        between = text[a.end : r.start].strip() if a is not None else ""
        plain = a is not None and a.kind == r.kind == "number" and not a.scaled and r.mult == 1 and r.number >= 0
        if plain and not a.decimals and float(r.number).is_integer() and g.point and g.point.fullmatch(between):
            digits = str(int(r.number))
            out[-1] = replace(r, number=a.number + int(digits) / 10 ** len(digits), start=a.start, decimals=len(digits), in_words=a.in_words)
        elif plain and r.number and g.over and g.over.fullmatch(between):
            out[-1] = replace(r, number=a.number / r.number, start=a.start, in_words=True)
        else:
            out.append(r)
    return out


def _measure_compounds(text: str, g: Grammar, raws: list[_Raw]) -> list[_Raw]:
    """"7 feet, 10 inches", "2 km and 1 meter": one measure, in the smaller unit."""
    joiners = {"", ","} | {fold(j) for j in g.lex.raw.get("number_words", {}).get("joiners") or []}
    out: list[_Raw] = []
    for r in raws:
        a = out[-1] if out else None
        if a is not None and a.kind == r.kind == "measure" and a.qualifier == "exact" and fold(text[a.end : r.start]).rstrip(",") in joiners:
            (ca, fa), (cb, fb) = canonical(a.unit), canonical(r.unit)
            if ca == cb and fb < fa:
                total = (a.number * a.mult * fa + r.number * r.mult * fb) / fb
                out[-1] = replace(r, number=total, mult=1.0, start=a.start, scaled=False, decimals=max(a.decimals, r.decimals))
                continue
        out.append(r)
    return out


def _money_compounds(text: str, g: Grammar, raws: list[_Raw]) -> list[_Raw]:
    """"3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars and 50.": one amount."""
    joiners = {""} | {fold(j) for j in g.lex.raw.get("number_words", {}).get("joiners") or []}
    out: list[_Raw] = []
    for r in raws:
        a = out[-1] if out else None
        if (
            a is not None and a.kind == "money" and not a.subunit and a.qualifier == "exact" and r.qualifier == "exact"
            and fold(text[a.end : r.start]) in joiners
            and ((r.kind == "money" and r.subunit and r.unit == a.unit)
                 or (r.kind == "number" and 0 < r.number < 100 and not r.decimals and _END_OF_AMOUNT.match(text, r.end)))
        ):
            cents = r.number * r.mult if r.kind == "money" else r.number / 100
            out[-1] = replace(a, number=a.number * a.mult + cents, mult=1.0, end=r.end, decimals=2, scaled=False)
        else:
            out.append(r)
    return out


def _interval(r: _Raw) -> tuple[float, float | None, float | None]:
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


def _quantity(text: str, r: _Raw, upper_of: _Raw | None = None) -> Quantity:
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


def scan(text: str, lex: Lexicon) -> list[Quantity]:
    """All quantities of ``text`` in order of position. Never raises on text; spans index ``text``."""
    g = grammar(lex)
    raws = _numerals(text, g)
    raws += _fractions(text, g, raws)
    raws = sorted(raws + _word_numbers(text, g, raws), key=lambda r: r.start)
    raws = _ranges(text, g, _decimal_points(text, g, raws))
    raws = _measure_compounds(text, g, _money_compounds(text, g, raws))
    out: list[Quantity] = []
    i = 0
    while i < len(raws):
        r = raws[i]
        if r.qualifier == "range" and i + 1 < len(raws) and raws[i + 1].qualifier == "range" and r.role is None:
            out.append(_quantity(text, r, upper_of=raws[i + 1]))
            i += 2
            continue
        out.append(_quantity(text, r))
        i += 1
    return out
