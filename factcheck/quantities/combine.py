"""Quantities joined with their neighbours: ranges and transitions, decimal words, ratios, compound amounts."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from factcheck.models import evolve
from factcheck.quantities.grammar import Grammar, Raw, ends_before
from factcheck.quantities.lexicon import fold, lookup
from factcheck.quantities.units import canonical
from factcheck.quantities.words import said_decimals

_SENTENCE_END = re.compile(r"[.!?؟\n]")
# a second number led by a zero that no decimal mark follows ("3-0", "9-05", "2024-07"): a score, a
# clock or a date, never the end of a range; "from 1.1% to 0.9%" is a change
_ZERO_LED = re.compile(r"0(?![.,٫]\d)")


def combine(text: str, g: Grammar, raws: list[Raw]) -> list[Raw]:
    """Apply every joining rule, in order, to the quantities of ``text`` (sorted by position).

    A lone article read as one ("uno", "a") may only start a ratio ("uno su tre"); the other rules
    never see it. A rank ("the tenth") may only be an end of a range ("between the tenth and the
    fifteenth"); alone it is no quantity.
    """
    raws = [r for r in _pairwise(text, g, raws, _point_or_ratio) if not r.article_only]
    raws = [
        r for r in _bound_pairs(text, g, _ranges(text, g, raws)) if r.role != "rank" or r.qualifier == "range"
    ]
    merges = (_share_of_scale, _scaled_compound, _scale_and_share, _scale_and_fraction, _money_compound)
    for merge in (*merges, _measure_compound):
        raws = _pairwise(text, g, raws, merge)
    return raws


_LOWER, _UPPER = ("more_than", "at_least"), ("less_than", "at_most")


def _bound_pairs(text: str, g: Grammar, raws: list[Raw]) -> list[Raw]:
    """ "more than 30 and at most 40", "more than 30 but fewer than 40", "higher than the tenth but lower
    than the fifteenth": one range."""
    out: list[Raw] = []
    i = 0
    while i < len(raws):
        a, b = raws[i], raws[i + 1] if i + 1 < len(raws) else None
        pair = (
            b is not None
            and {a.qualifier, b.qualifier} & set(_LOWER)
            and {a.qualifier, b.qualifier} & set(_UPPER)
        )
        ranks = b is not None and a.role == b.role == "rank"
        if (
            pair
            and a.kind == b.kind
            and ((a.role is None and b.role is None) or ranks)
            and fold(text[a.end : b.start]).strip(",").strip() in g.bound_joiners
        ):
            lo, hi = (a, b) if a.qualifier in _LOWER else (b, a)
            if lo.number * lo.mult < hi.number * hi.mult:
                out += [
                    evolve(lo, start=a.start, end=b.end, qualifier="range", role=None),
                    evolve(hi, qualifier="range"),
                ]
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _sentence_of(text: str, start: int, end: int) -> str:
    lo = max(
        (m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)),
        default=max(0, start - 400),
    )
    hi = _SENTENCE_END.search(
        text, end, end + 400
    )  # bounded: a text without full stops is not read to its end each time
    return text[lo : hi.start() if hi else min(len(text), end + 400)]


def _ranges(text: str, g: Grammar, raws: list[Raw]) -> list[Raw]:
    """Join "tra X e Y" into one range, or "da X a Y ... ridotto" into a from/to transition."""
    out: list[Raw] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        b = raws[i + 1] if i + 1 < len(raws) else None
        joined = None
        if b is not None and not a.is_fraction and not b.is_fraction and not _ZERO_LED.match(text, b.start):
            between = fold(text[a.end : b.start])
            neighbours = [(raws[i - 1], a)] if i else []
            neighbours += [(b, raws[i + 2])] if i + 2 < len(raws) else []
            chained = between.strip() in ("-", "–") and any(
                fold(text[x.end : y.start]) == between for x, y in neighbours
            )
            for opener, closer, moves in (
                () if chained else g.openers
            ):  # "three-nought-four", "4-3-3": a sequence, not a range
                if between == closer and (opener is None or ends_before(opener, text, a.start)):
                    if opener is None and closer.strip().isalpha() and a.in_words != b.in_words:
                        continue  # "venti a 220 km/h" (winds at 220 km/h): a word and digits, no range
                    if opener is None and ends_before(g.change_by, text, a.start):
                        break  # "rose by 2% to 5.4%": the change, then the level it came to
                    joined = _join(text, g, a, b, moves)
                    break
        if joined:
            out.extend(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _join(text: str, g: Grammar, a: Raw, b: Raw, may_move: bool) -> list[Raw] | None:
    """Two numbers joined by a range word: a from/to transition when the sentence says something moved,
    else a range (low end first, spanning both; the high end follows it), or None if they are not one."""
    if a.unit and b.unit and a.unit != b.unit:
        return None  # "between 4 dollars and 7 euros": two amounts, not a range
    if a.kind == "percent" and b.kind != "percent":
        return None  # "chuté de 70% à 5,5 milliards": a change, then the amount it came to
    if not a.scaled and b.scaled:
        a = evolve(a, mult=b.mult, scaled=True)
    if g.lex.data.numbers.leading_digit_ranges:
        a = evolve(a, number=_leading_digit(a.number, b.number, b.mult))
    if a.kind == "number" and b.kind != "number":
        a = evolve(a, kind=b.kind, unit=b.unit)
    sentence = _sentence_of(text, a.start, b.end)
    lex = g.lex
    moving = may_move and any(
        p is not None and p.search(sentence) for p in (lex.re_decrease, lex.re_increase, lex.re_move)
    )
    if moving:
        return [evolve(a, role="from"), evolve(b, role="to")]
    a = evolve(a, number=_leading_group(text, a, b))  # a range, not a change: "10-15,000 troops"
    if a.number * a.mult >= b.number * b.mult:
        return None  # "between 4.1 dollars and 4 dollars": not a range
    return [
        evolve(a, end=b.end, qualifier="range", role=None, ambiguous=a.ambiguous or b.ambiguous),
        evolve(b, qualifier="range"),
    ]


def _leading_digit(low: float, high: float, mult: float) -> float:
    """The low end of a range written as the leading digit of the high one ("4-500mila", "de 4 à 500 000
    personnes": 400,000 to 500,000), a round high end of a thousand or more written with its hundreds:
    that digit at its place ("1-30mila" is 1,000 to 30,000, as written). Only in the languages that write
    ranges so (``numbers.leading_digit_ranges``)."""
    if low != int(low) or not 1 <= low <= 8 or high * mult < 1000 or high != int(high) or high < 100:
        return low
    digits = str(int(high))
    if digits[1:].strip("0") or int(digits[0]) <= low:
        return low
    return low * 10 ** (len(digits) - 1)


_GROUPED = re.compile(r"(\d{1,3})(?:[,.'’ \u00a0\u202f٬]\d{3})+(?![\d.,٫٬]\d)")


def _leading_group(text: str, a: Raw, b: Raw) -> float:
    """The low end of a range written as the first group of the high one: "10-15,000 troops",
    "100-150.000 persone" (10,000 to 15,000; 100,000 to 150,000); "12 to 2,000" is as written."""
    m = _GROUPED.match(text, b.start)
    low = a.number
    if m is None or a.scaled or a.decimals or low != int(low) or low <= 0:
        return low
    first, places = m.group(1), (len(m.group(0)) - len(m.group(1))) // 4
    if b.number != int(first) * 1000**places + int(re.sub(r"\D", "", m.group(0)[len(first) :]) or 0):
        return low  # the high end was not read as grouped thousands
    if len(str(int(low))) != len(first) or low >= int(first):
        return low
    return low * 1000**places


_END_OF_AMOUNT = re.compile(r"\s*(?:[.,;:!?)]|$)")


Merge = Callable[[str, Grammar, Raw, Raw], "Raw | None"]


def _pairwise(text: str, g: Grammar, raws: list[Raw], merge: Merge) -> list[Raw]:
    """Walk the quantities in order; where ``merge`` joins one to the one before it, keep the joined one."""
    out: list[Raw] = []
    for r in raws:
        joined = merge(text, g, out[-1], r) if out else None
        if joined is None:
            out.append(r)
        else:
            out[-1] = joined
    return out


def _point_or_ratio(text: str, g: Grammar, a: Raw, r: Raw) -> Raw | None:
    """ "1 point 1", "deux cent virgule trois", "nine point nought four": a whole number, a decimal word,
    its decimals as said digit by digit (which may carry the unit, "three point five miles", or a
    scale, "two point two million"); "un sur trois", "2000 over 3", "1 out of 20" (not "12 out of 10"): a ratio, bounded by a bound after
    its second number ("2 من 5 أو أكثر"), or by a qualifier before its first ("about one in five",
    "more than 1 in 3")."""
    between = text[a.end : r.start].strip()
    if a.kind != "number" or a.scaled or r.number < 0 or "rank" in (a.role, r.role):
        return None
    if not a.decimals and float(r.number).is_integer() and g.point and g.point.fullmatch(between):
        said = said_decimals(text[r.start : r.end], g.lex) if r.in_words else None
        digits, scale = said or (str(int(r.number)), 1.0)  # digits keep their scale as ``mult``
        decimals = int(digits) / 10 ** len(digits)
        number = a.number - decimals if a.number < 0 else a.number + decimals
        return evolve(
            r,
            number=number * scale,
            start=a.start,
            decimals=len(digits),
            in_words=a.in_words,
            qualifier=a.qualifier,
        )
    if r.mult != 1:
        return None
    over_word = bool(
        g.over and not between and r.qualifier != "exact" and g.over.match(text, r.start)
    )  # "one over three"
    part = (
        g.part_of is not None
        and g.part_of.fullmatch(between)
        and 0 <= a.number <= r.number
        and _base(r.number)
    )  # "12 out of 10", "74 out of 140 seats": two numbers
    if (
        r.kind == "number"
        and r.number
        and (a.qualifier == "exact" or r.qualifier == "exact")
        and (part or (g.over and (g.over.fullmatch(between) or over_word)))
    ):
        return evolve(
            r,
            number=a.number / r.number,
            start=a.start,
            in_words=True,
            article_only=False,
            qualifier="exact" if over_word else a.qualifier if r.qualifier == "exact" else r.qualifier,
        )
    return None


RATIO_BASE = 10  # a whole of a ratio: a small number, or a round one ("1 in 5", "1 in 20", "9 out of 10")
RATIO_LEADS = (1.0, 2.0, 2.5, 5.0)  # the round wholes of ratios: 20, 25, 50, 100, 250, 1,000...


def _base(whole: float) -> bool:
    """Whether ``whole`` is the base of a ratio ("one in five", "1 in 20", "45 out of 100"), not a count
    the part is some of ("74 out of 140 seats", "35 out of 47 counties", "2 out of 181": two figures)."""
    if whole <= RATIO_BASE:
        return True
    lead = whole / 10 ** math.floor(math.log10(whole))
    return any(math.isclose(lead, x) for x in RATIO_LEADS)


def _measure_compound(text: str, g: Grammar, a: Raw, r: Raw) -> Raw | None:
    """ "7 feet, 10 inches", "2 km and 1 meter", "5 ft 2 in": one measure, in the smaller unit (two
    measures in the same unit, "5 km and 10 km", stay two, as do a smaller unit before a larger one and
    units more than a thousand times apart: "2500 م2 و40 هكتارا و10 كم مربع" is a list of three areas)."""
    r = _compound_part(text, g, a, r) or r
    if not (
        a.kind == r.kind == "measure"
        and a.qualifier == "exact"
        and fold(text[a.end : r.start]).rstrip(",") in g.joiners
    ):
        return None
    (ca, fa), (cb, fb) = canonical(a.unit), canonical(r.unit)
    if ca != cb or not fa / 1000 <= fb < fa:
        return None
    small, fs = r, fb
    total = (a.number * a.mult * fa + r.number * r.mult * fb) / fs
    return evolve(
        small,
        start=a.start,
        end=r.end,
        number=total,
        mult=1.0,
        scaled=False,
        decimals=max(a.decimals, r.decimals),
    )


def _compound_part(text: str, g: Grammar, a: Raw, r: Raw) -> Raw | None:
    """ "5 ft 2 in": a plain number after a measure, with a word of the language's compound units after
    it ("in"), is a measure in that unit when the unit is of the measure's kind, smaller and not far
    smaller ("5 km 2 in total" is no compound: a foot is 12 inches, a kilometre 39,370)."""
    if g.compound_unit is None or a.kind != "measure" or r.kind != "number" or r.scaled:
        return None
    m = g.compound_unit.match(text, r.end)
    if m is None or r.qualifier != "exact":
        return None
    unit = lookup(g.compound_units, m.group("w"))
    (ca, fa), (cb, fb) = canonical(a.unit), canonical(unit)
    if ca != cb or not fa / 100 <= fb < fa:
        return None
    return evolve(r, end=m.end(), kind="measure", unit=unit)


def _share_of_scale(text: str, g: Grammar, a: Raw, r: Raw) -> Raw | None:
    """ "two thirds of a million", "la moitié d'un milliard": a share of a bare scale is a number; "a
    tenth of a gallon": a share of one unit is a measure."""
    of_scale = r.kind == "number" and r.scaled
    of_unit = r.kind == "measure" and r.number * r.mult == 1
    if not (
        a.is_fraction
        and a.kind == "percent"
        and (of_scale or of_unit)
        and r.in_words
        and r.qualifier == "exact"
    ):
        return None
    m = g.share_after.match(text, a.end) if g.share_after else None
    if m is None or text[m.end() : r.start].strip():
        return None
    return evolve(r, start=a.start, number=a.number / 100 * r.number, qualifier=a.qualifier)


def _scale_and_share(text: str, g: Grammar, a: Raw, r: Raw) -> Raw | None:
    """ "مليون ونصف المليون", "2 million and a half million": a scaled number and a smaller one in words
    (a share of the scale) joined by "and" are one number."""
    whole = a.number * a.mult
    if not (
        a.kind == r.kind == "number"
        and a.scaled
        and r.scaled
        and r.in_words
        and a.qualifier == r.qualifier == "exact"
        and 0 < r.number * r.mult < whole
        and fold(text[a.end : r.start]) in g.joiners - {""}
    ):
        return None
    number = (whole + r.number * r.mult) / a.mult
    return evolve(a, number=number, end=r.end, decimals=0 if a.in_words else max(a.decimals, 2))


def _scale_and_fraction(text: str, g: Grammar, a: Raw, r: Raw) -> Raw | None:
    """ "3 millions et demi" (a fraction of the scale), "2 e 1/4", "-1 and 4/5" (a mixed number),
    "لتر ونصف" (a litre and a half), "3 ساعات ونصف" (three hours and a half)."""
    fraction = r.kind == "number" and 0 < r.number < 1 and (r.in_words or "/" in text[r.start : r.end])
    counted = a.kind == "measure" and a.in_words
    if not (
        fraction
        and (counted or (not a.in_words and a.kind in ("number", "measure")))
        and float(a.number).is_integer()
        and fold(text[a.end : r.start]) in g.joiners - {""}
        and (a.scaled or not a.decimals)
    ):
        return None
    return evolve(
        a,
        number=a.number - r.number if a.number < 0 else a.number + r.number,
        end=r.end,
        decimals=2 if a.scaled else a.decimals,
    )  # "3 millions et demi" is 3.5 million, to the written digit


def _scaled_compound(text: str, g: Grammar, a: Raw, r: Raw) -> Raw | None:
    """ "4 thousand 3 hundred and 21", "2 million and 500 thousand", "3 hundred and 21 yuan", "6 crore
    and two hundred": one number (with the unit of its last part). A smaller scaled number always
    joins; a bare one only after "hundred" ("5 million and 300 people" stays two), or in words with a
    hundred of its own."""
    if (
        a.kind == "number"
        and a.in_words
        and a.scaled
        and a.qualifier == r.qualifier == "exact"
        and r.role is None
        and not r.in_words
        and not r.scaled
        and 1000 <= a.number < 1_000_000
        and a.number % 1000 == 0
        and 0 < r.number < 1000
        and float(r.number).is_integer()
        and fold(text[a.end : r.start]) in g.joiners - {""}
    ):  # "duemila e 300 euro": words, then the rest in digits
        return evolve(r, start=a.start, number=a.number + r.number)
    between = fold(text[a.end : r.start])
    if not (
        a.kind == "number"
        and a.scaled
        and a.qualifier == r.qualifier == "exact"
        and r.role is None
        and not a.decimals
        and (
            not a.in_words or (not r.in_words and (between in g.glued_joiners or r.scaled))
        )  # "مليونين و808 آلاف", "tre milioni e 200mila"
        and between in g.joiners
    ):
        return None
    scale = a.mult if a.mult > 1 else 1000 ** int(math.log10(abs(a.number) or 1) // 3)  # "مليونين": 2 million
    smaller_scale = r.scaled and r.mult < scale and not r.in_words
    after_hundred = not r.scaled and a.mult == 100 and 0 < r.number < 100 and not r.decimals
    hundreds_in_words = (
        r.in_words and not r.scaled and 100 <= r.number < min(a.mult, 1000) and float(r.number).is_integer()
    )
    if not (smaller_scale or after_hundred or hundreds_in_words or _rest_of_scale(between, g, scale, r)):
        return None
    total = a.number * a.mult + r.number * r.mult
    last = r.mult if smaller_scale else 1.0  # "4 thousand 3 hundred" may still take "and 21"
    return evolve(
        r,
        start=a.start,
        number=total / last,
        mult=last,
        scaled=last != 1,
        in_words=False,
        decimals=0,
        trailing_zeros=0,
    )


def _rest_of_scale(between: str, g: Grammar, scale: float, r: Raw) -> bool:
    """Whether a bare whole number after a scaled one is the rest of it: after a joiner that always
    joins ("10 آلاف و500", "2 مليون و 438 ألف و 954"), or right after it with no word between, when
    it is under the scale and no smaller than a thousandth of it ("2 millions 438 000", "1 million 200
    000", "10 mila 500"). "5 million and 300 people" stays two."""
    if r.scaled or r.in_words or r.decimals or not float(r.number).is_integer() or not 0 < r.number < scale:
        return False
    return between in g.glued_joiners or (between == "" and scale >= 1000 and r.number >= scale / 1000)


def _money_compound(text: str, g: Grammar, a: Raw, r: Raw) -> Raw | None:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars and 50.", "15 USD 50",
    "$5 and a quarter": one amount
    ("1.1 dollars 6" is not: the cents were written already).
    Cents, sen, kopiykas are of the amount's own currency; a bound before it bounds the total."""
    if not (
        a.kind == "money"
        and not a.subunit
        and not (a.decimals and not a.in_words)
        and r.qualifier == "exact"
        and (
            fold(text[a.end : r.start]) in g.joiners
            or (r.kind == "money" and r.subunit and fold(text[a.end : r.start]).rstrip(",") in g.joiners)
        )  # "six dollars, twenty cents"
    ):
        return None
    if r.kind == "money" and r.subunit:
        cents = r.number * r.mult
    elif (said := _cents_in_words(text, g, r)) is not None:  # "douze dollars et cinq cents"
        cents = said
    elif (
        r.kind == "number" and r.in_words and 0 < r.number < 1 and not a.decimals
    ):  # "$5 and a half", "$3 million and a half"
        return evolve(
            a, number=a.number + r.number, end=r.end, decimals=2 if a.scaled else 0
        )  # as _scale_and_fraction
    elif (
        0 < r.number < 100
        and r.mult == 1
        and float(r.number).is_integer()
        and not r.decimals
        and _cents_follow(text, g, a, r)
    ):
        cents = r.number / 100
    else:
        return None
    return evolve(a, number=a.number * a.mult + cents, mult=1.0, end=r.end, decimals=2, scaled=False)


_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")


def _cents_in_words(text: str, g: Grammar, r: Raw) -> float | None:
    """The amount of a number in words ending with a sub-unit's name that is also a hundred: "cinq cents"
    after "douze dollars et" is five cents (not 500); None if it is not that."""
    last = _LAST_WORD.search(text, r.start, r.end)
    if not (r.kind == "number" and r.in_words and last and fold(last.group(1)) in g.hundred_words):
        return None
    entry = lookup(g.lex.currencies, last.group(1))
    count = r.number / g.hundred_words[fold(last.group(1))]
    if entry is None or entry[1] >= 1 or not (0 < count < 100 and float(count).is_integer()):
        return None
    return count * entry[1]


def _cents_follow(text: str, g: Grammar, a: Raw, r: Raw) -> bool:
    """Whether a whole number under 100 after an amount is its cents: at the end of the phrase ("15
    dollars and 50."), before another joiner ("one dollar and two and three points"), as two digits
    right after the currency's name ("15 USD 50", "20 euros 50"), or after the currency word it shares
    with the amount ("twenty rupees 43": not a second amount of rupees)."""
    if r.kind == "money":
        return r.unit == a.unit and r.start < a.end
    if r.kind != "number":
        return False
    if _END_OF_AMOUNT.match(text, r.end):
        return True
    after = _NEXT_WORD.match(text, r.end)
    if after and fold(after.group(1)) in g.joiners - {""}:
        return True
    digits = text[r.start : r.end]
    return (
        not text[a.end : r.start].strip()
        and len(digits) == 2
        and digits.isdigit()
        and text[a.end - 1].isalpha()
        and not text[r.end : r.end + 1].isalnum()
    )
