"""Digits as newspapers write them: local separators, Unicode digits, written precision."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from factcheck.quantities.lexicon import Lexicon, iso_currencies

_ANY_DECIMAL = ".,٫"
_BIDI = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]*"
_BIDI_CHARS = re.compile(_BIDI)
_VULGAR = "".join(
    chr(c)
    for c in range(0x00A0, 0x2190)
    if not chr(c).isdigit()
    and unicodedata.numeric(chr(c), -1) not in (-1,)
    and unicodedata.numeric(chr(c)) < 1
)  # ½ ⅓ ¾ ...


@dataclass(frozen=True, slots=True)
class Numeral:
    """Digits read off the text: the value, how many decimals were written, and doubts."""

    start: int
    end: int
    value: float
    decimals: int
    trailing_zeros: int
    has_group: bool
    ambiguous: bool
    mark: str | None = None  # the separator that makes it ambiguous
    grouped: float | None = None  # the value if that mark separated thousands ("1,500" -> 1500)
    shows: tuple[
        tuple[str, str], ...
    ] = ()  # what it proves about separators: ((",", "decimal"), (".", "group"))


def _chars(seps: tuple[str, ...]) -> str:
    return "".join(re.escape(s) for s in seps if len(s) == 1)


@cache
def numeral_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Digits with this language's group and decimal separators, or any plain decimal as a fallback."""
    group, dec = _chars(lex.group), _chars(lex.decimal)
    b = _BIDI  # direction marks that right-to-left text puts around separators: "25799\u202a,\u202a52"
    grouped = (  # a lone zero leads no group: "0.066", "0,066" are decimals in any language
        rf"(?![0٠۰](?!\d))\d{{1,3}}(?:{b}[{group}]{b}\d{{3}})+(?:{b}[{dec}]{b}\d+)?" if group else r"(?!)"
    )
    if lex.data.numbers.lakh_grouping:  # "12,34,567.89": thousands, then pairs of digits
        grouped = rf"\d{{1,2}}(?:,\d\d)+,\d{{3}}(?:[{dec}]\d+)?(?![\d,])|{grouped}"
    only = _chars(lex.data.numbers.group_only)
    if (
        only
    ):  # "712'300", "3'250,75", "1'234.50": a mark that only groups; either mark after it is the decimal
        grouped = rf"(?P<sw>\d+(?:[{only}]\d{{3}})+(?:[.,]\d+)?)(?![\d{only}])|{grouped}"
    spaces = _chars(tuple(s for s in lex.group if s.isspace()))
    spaced = (  # "4 071 019,84" (English of Sweden, South Africa): a comma after groups of spaces is the decimal
        rf"\d{{1,3}}(?:[{spaces}]\d{{3}})+,\d+(?!\d|[.,]\d)" if spaces and "," not in lex.decimal else r"(?!)"
    )
    both = r"\d{1,3}(?:\.\d{3})+,\d+(?!\d|[.,]\d)|\d{1,3}(?:,\d{3})+\.\d+(?!\d|[.,]\d)"  # "1.111,11", "1,111.11": the last mark is the decimal
    plain = rf"\d+(?:{b}[{dec}]{b}\d+)?" if dec else r"\d+"
    other = rf"\d+{b}[{re.escape(_ANY_DECIMAL)}]{b}\d+"
    scientific = rf"\d+(?:[{re.escape(_ANY_DECIMAL)}]\d+)?(?:[eE]|\s?[x×]\s?10\^|(?P<pow>\^))[+-]*\d+"
    fraction = rf"(?:(?P<whole>\d+)[ \u00a0]+)?(?:(?P<num>\d+)/(?P<den>\d+)(?!/\d)|(?P<vulgar>[{_VULGAR}]))"
    leading = rf"(?<!\d)[{dec}](?=\d)\d+" if dec else r"(?!)"
    backwards = _chars(lex.data.numbers.reversed_decimal)
    reversed_ = rf"\d+[{backwards}]\d+" if backwards else r"(?!)"  # "5ر1": 1.5, its fraction written first
    signs = [
        k for k in lex.currencies_raw if re.fullmatch(r"[^\w\s]?[A-Z][A-Za-z]{1,3}\.?", str(k))
    ]  # "Rs20", "RM42", "$US12", "Rs.100"
    by_width: dict[int, list[str]] = {}
    for code in dict.fromkeys([*iso_currencies(), *signs]):
        by_width.setdefault(len(code), []).append(re.escape(code))
    # "USD3.14", "EUR29,99", "Rs20": a currency code glued to the digits (one look-behind per width)
    glued_code = "|".join(
        rf"(?<=(?<![^\W\d_])(?:{'|'.join(codes)}))" for _, codes in sorted(by_width.items())
    )
    words = lex.data.number_words
    glued_by_width: dict[int, list[str]] = {}
    for j in dict.fromkeys([*words.glued_joiners, *words.glued_prepositions, *_typed_together(lex)]):
        glued_by_width.setdefault(len(str(j)), []).append(re.escape(str(j)))
    after_joiner = "".join(
        rf"|(?<=(?<![^\W\d_])(?:{'|'.join(js)}))" for _, js in sorted(glued_by_width.items())
    )  # "و43": "and 43" written as one word; "بـ5,000,000": "for 5,000,000"
    after_unit = (
        r"(?<=\d[^\W\d]-)|(?<=\d[^\W\d]{2}-)|(?<=\d[^\W\d]{3}-)"  # "3km-5km"; but "COVID-19" is a name
    ) + "".join(  # "magnitude-7.4": a word the language joins to its figure (number_words.hyphened_before)
        rf"|(?<=(?<![^\W\d_])(?:{re.escape(w)}|{re.escape(w.capitalize())})-)"
        for w in map(str, words.hyphened_before)
    )
    start = (
        rf"(?=[\d.,٫{_VULGAR}])(?:(?<![\w.,٫٬/])(?:(?<![^\W\d]-)|{after_unit})|{glued_code}{after_joiner}"
        rf"|{_AFTER_STOP})"
    )
    return re.compile(
        rf"{start}(?:(?P<rv>{reversed_})(?![\d\w])|(?P<sci>{scientific})(?![\w])|(?P<f>{fraction})|(?P<sp>{spaced})|(?P<b>{both})|(?P<g>{grouped})|(?P<o>{other})|(?P<p>{plain}))(?![\d])"
        rf"|(?<![\w.,٫٬])(?P<ld>{leading})(?![\d])"
    )


# a number typed right after the full stop of a sentence, its space lost ("ed edifici.16 persone sono
# morte"): after a word of three letters or more, and followed by a space (not "v1.16", "U.S.16", "3.16")
_AFTER_STOP = r"(?<=[^\W\d_]{3}\.)(?=\d+\s)"


def _typed_together(lex: Lexicon) -> list[str]:
    """The language's function words and one-word qualifiers of two letters or more, as written and
    capitalised: digits typed right after one of them are still a number ("for30 minutes", "About120000",
    "chute de16%", "بنسبة25%"), where digits after another word are part of a name or a code ("COVID19",
    "MH370", "A320")."""
    words = {
        *lex.stopwords,
        *(w for w in lex.qualifiers_before if " " not in w),
        *map(str, lex.data.scope.changes_by),
    }
    found = sorted(w for w in words if len(w) >= 2 and w.isalpha())
    return [*found, *(w.capitalize() for w in found if w.capitalize() != w)]


def _digits(s: str) -> str:
    if s.isascii():  # the usual case: nothing to map
        return s
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in s)


def read_numeral(match: re.Match[str], lex: Lexicon) -> Numeral | None:
    """Turn one match of :func:`numeral_pattern` into a number, following the language's conventions.

    Digits joined by a separator the language does not use as its decimal mark ("1.5" in French) are
    read as a decimal and flagged ambiguous, as is "1,500" where the comma is the decimal mark.
    None for a power or exponent too large to hold ("9^99999").
    """
    raw = _digits(match.group(0))
    if not raw.isascii():  # direction marks are not ASCII: most numbers have none to take out
        raw = _BIDI_CHARS.sub("", raw)
    if match.group("f") is not None:  # "4/5", "1 4/5"
        return _fraction(match)
    if match.group("rv") is not None:  # "5ر1": the fraction's digits, the mark, then the whole number's
        fraction, whole = re.split(r"\D", raw, maxsplit=1)
        return Numeral(
            match.start(), match.end(), float(f"{whole}.{fraction}"), len(fraction), 0, False, False
        )
    if match.group("sci") is not None:  # "1e10", "-12e-1", "1.3x10^6", and powers "2,5^-1", "1,1^--23"
        return _scientific(match, raw)
    if match.group("ld") is not None:  # ".08"
        frac = raw[1:]
        return Numeral(match.start(), match.end(), float(f"0.{frac}"), len(frac), 0, False, False)
    if "sw" in match.re.groupindex and match.group("sw"):  # "3'250,75", "1'234.50", "712'300"
        return _swiss(match, raw)
    if match.group("sp") is not None:  # "4 071 019,84"
        return _spaced(match, raw)
    return _separated(match, raw, lex)


def _fraction(match: re.Match[str]) -> Numeral:
    """A fraction in digits ("4/5", "1 4/5") or a vulgar fraction ("½")."""
    whole = int(_digits(match.group("whole"))) if match.group("whole") else 0
    if match.group("vulgar"):
        value = whole + unicodedata.numeric(match.group("vulgar"))
        return Numeral(match.start(), match.end(), value, 0, 0, False, False)
    den = int(_digits(match.group("den")))
    value = whole + int(_digits(match.group("num"))) / den if den else float(whole)
    return Numeral(match.start(), match.end(), value, 0, 0, False, den == 0)


def _scientific(match: re.Match[str], raw: str) -> Numeral | None:
    """A number in scientific notation or a power; None when too large to hold."""
    mantissa, exponent = re.split(r"[eE]|\s?[x×]\s?10\^|\^", raw)
    base = float(mantissa.replace(",", ".").replace("٫", "."))
    digits = exponent.lstrip("+-")
    if len(digits) > 3:  # beyond what a float holds: not a number anyone can check
        return None
    power = (-1) ** exponent.count("-") * int(digits)
    try:
        value = base**power if match.group("pow") else base * 10.0**power
    except (OverflowError, ZeroDivisionError):
        return None
    return (
        Numeral(match.start(), match.end(), float(value), 0, 0, False, False)
        if math.isfinite(value)
        else None
    )


def _swiss(match: re.Match[str], raw: str) -> Numeral:
    """Digits grouped by a mark that only groups (the Swiss apostrophe); either mark after it is the decimal."""
    seps = [c for c in raw if not c.isdigit()]
    int_part, _, frac = raw.rpartition(seps[-1]) if seps[-1] in ".," else (raw, "", "")
    int_digits = "".join(ch for ch in int_part if ch.isdigit())
    stripped = int_digits.rstrip("0")
    value = float(f"{int_digits}.{frac}" if frac else int_digits)
    zeros = len(int_digits) - len(stripped) if stripped else 0
    return Numeral(match.start(), match.end(), value, len(frac), zeros, True, False)


def _spaced(match: re.Match[str], raw: str) -> Numeral:
    """Digits grouped by spaces, then a comma: the decimal mark ("4 071 019,84", "961 335,8"); with
    three digits after it, it may group them too ("1 234,567"): flagged, the article's other numbers
    settle it."""
    int_part, frac = raw.rsplit(",", 1)
    int_digits = _only_digits(int_part)
    stripped = int_digits.rstrip("0")
    three = len(frac) == 3
    groups = tuple((c, "group") for c in dict.fromkeys(int_part) if not c.isdigit())
    return Numeral(
        start=match.start(),
        end=match.end(),
        value=float(f"{int_digits}.{frac}"),
        decimals=len(frac),
        trailing_zeros=len(int_digits) - len(stripped) if stripped else 0,
        has_group=True,
        ambiguous=three,
        mark="," if three else None,
        grouped=float(int_digits + frac) if three else None,
        shows=groups if three else (*groups, (",", "decimal")),
    )


_ASCII_NOT_DIGITS = {c: None for c in range(128) if not chr(c).isdigit()}


def _only_digits(text: str) -> str:
    """The characters of ``text`` that are digits (``str.isdigit``), in order: by a table for ASCII text."""
    if text.isascii():
        return text.translate(_ASCII_NOT_DIGITS)
    return "".join(ch for ch in text if ch.isdigit())


def _separated(match: re.Match[str], raw: str, lex: Lexicon) -> Numeral:
    """Digits with group and decimal marks, read by the language's decimal mark (ambiguous where it may
    be either: "1,500")."""
    seps = [c for c in raw if not c.isdigit()]
    both = match.group("b") is not None
    foreign = (match.group("o") is not None and not any(c in lex.decimal for c in seps)) or both
    int_part, frac = raw, ""
    if seps and (foreign or seps[-1] in lex.decimal):
        int_part, frac = raw.rsplit(seps[-1], 1)
    int_digits = _only_digits(int_part) or "0"
    value = float(f"{int_digits}.{frac}") if frac else float(int_digits)
    stripped = int_digits.rstrip("0")
    ambiguous = int_digits != "0" and (
        (foreign and not both) or (len(frac) == 3 and len(int_digits) <= 3 and match.group("g") is None)
    )
    mark = seps[-1] if seps and frac else None
    shows = (
        tuple((c, "group") for c in dict.fromkeys(seps) if c != mark)
        if match.group("g") is not None or both
        else ()
    )
    if mark and (len(frac) != 3 or both):
        shows += ((mark, "decimal"),)  # "4,8", "1,25": nobody groups thousands by one or two digits
    return Numeral(
        start=match.start(),
        end=match.end(),
        value=value,
        decimals=len(frac),
        trailing_zeros=len(int_digits) - len(stripped) if stripped else 0,
        has_group=match.group("g") is not None,
        ambiguous=ambiguous,
        mark=mark if ambiguous else None,
        grouped=float(int_digits + frac) if ambiguous and len(frac) == 3 else None,
        shows=shows,
    )
