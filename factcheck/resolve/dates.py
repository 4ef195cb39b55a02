"""Dates and periods written in a text, found by our own patterns and resolved against a base date.

Patterns come from each language file's ``dates`` keys. dateparser is used only for the relative
phrases listed there ("il y a une semaine"), on that span alone, never to search a whole text; where
it cannot read one ("un anno fa"), the phrase's own entry ("1 year") counts back from the base date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path

from factcheck.cache import Table, file_hash, package_version
from factcheck.models import DateMention
from factcheck.quantities import NUMERIC_DATE
from factcheck.quantities.lexicon import Lexicon, alternation, fold, lookup, marks, phrase_pattern, table
from factcheck.quantities.spans import Spans

_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEARS_APART = 50  # the most years "between <year> and <year>" spans ("from 1900 to 2000 people": none)
# a year that labels the figure after it, in brackets: "20.8 per cent (2021: 10.4 per cent)", in any language
_YEAR_LABEL = re.compile(r"(?<=\()((?:1[89]|20)\d\d)\s?:\s*(?=[-+−]?\d)")
_NUMERIC_DATE = re.compile(NUMERIC_DATE)  # "2024-07-05", "05/07/2024": its figures are no quantities either
# two years joined by a dash, in any language: "the 2020-2024 period", "2019–2023" (not "2023/24" nor
# "2024-25": a season or a fiscal year, twelve months across two years)
_YEAR_SPAN = re.compile(r"(?<![\w.,])((?:19|20)\d\d)[-–]((?:19|20)\d\d)(?![\w%]|[.,]\d)")


@dataclass(frozen=True, eq=False)
class _DatePatterns:
    main: re.Pattern[str] | None
    relative: re.Pattern[str] | None
    relative_kind: dict[str, str]  # phrase -> "[count] unit": year | month | week | day
    between: tuple[tuple[re.Pattern[str], str], ...]
    modifiers: dict[str, str]
    anchor: re.Pattern[str] | None = None  # where a month is written, or a year after a prefix
    reach: re.Pattern[str] | None = None  # (on a text reversed) how far before its anchor a date starts
    parts: dict[str, str] | None = None  # a quarter or half of a year ("second quarter") -> Q2 (Q1-4, H1-2)
    years: tuple[re.Pattern[str], ...] = ()  # a period's two years: "between 2019 and 2023"


@cache
def _patterns(lex: Lexicon) -> _DatePatterns:
    d = lex.data.dates
    if lex.re_month is None:
        return _DatePatterns(None, None, {}, (), {}, None, None)
    month, wd = lex.re_month.pattern, lex.re_weekday.pattern if lex.re_weekday else r"(?!)"
    modifiers = {
        fold(p): kind for kind, words in (("early", d.early), ("mid", d.mid), ("late", d.late)) for p in words
    }
    mod = alternation(modifiers)
    mod_src = mod.pattern if mod else r"(?!)"
    prefix = lex.re_year_prefix.pattern if lex.re_year_prefix else r"(?!)"
    closing = alternation(d.year_prefixes_closing)
    closing_src = closing.pattern if closing else r"(?!)"
    parts = alternation(d.year_parts)
    parts_src = parts.pattern if parts else r"(?!)"
    y = r"(?:1[89]|20|21)\d\d"
    suffix = "|".join(re.escape(s) for s in d.day_suffixes) or r"(?!)"  # "1er mars", "1° maggio"
    suffix8 = "|".join(re.escape(s) for s in d.month_day_suffixes) or r"(?!)"  # "July 10th"
    closers = "|".join(phrase_pattern(str(b)) for _, b in d.between) or r"(?!)"
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    # a month and then a day after a prefix is a date ("by Sept. 26", "the June 2 train crash"), not a month
    day_after = rf"\.?\s*{day}(?![\d%])"
    main = (  # every form starts with a letter or a digit: a quick look before trying them
        rf"(?=\w)(?:(?P<q>{parts_src})(?:(?:[\s,]+[^\W\d_]{{1,4}}\.?){{0,2}}[\s,]+(?P<yq>{y})(?!\d))?"  # "Q2 2024"
        rf"|(?:(?P<wd>{wd})[\s,]+)?(?P<d>\d{{1,2}})(?:{suffix})?\s+(?P<m>{month})\.?(?:[\s,]+(?P<y>{y})(?!\d))?"
        rf"|(?P<y2>{y})\s+(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?!\d)(?:\s+(?P<wd2>{wd}))?"
        rf"|(?:(?P<mod>{mod_src})[\s-]*)(?P<m3>{month})\.?(?:\s+(?P<y3>{y})(?!\d))?"
        rf"|(?P<m4>{month})\.?\s+(?P<y4>{y})(?!\d)"
        rf"|(?P<pre>{prefix})\s+(?:(?P<m5>{month})(?!{day_after})\.?(?:\s+(?P<y5>{y}))?(?!\d)|(?P<y6>{y})(?!\d))"
        rf"|(?:{closing_src})\s+(?P<y9>{y})(?=\s*(?:[^\w\s]|$))"  # "l'élection de 2019, où": a year ending its phrase
        rf"|(?P<m6>{month})(?=\s+(?:{closers})\s+(?P<m7>{month})\.?\s+(?P<y7>{y})(?!\d))"  # "tra gennaio e marzo 2021"
        rf"|(?P<m8>{month})\.?\s+(?P<d8>\d{{1,2}})(?:{suffix8})?(?!\d)(?:,?\s+(?P<y8>{y})(?!\d))?)"  # "July 10, 2023"
    )
    between = tuple(
        (re.compile(rf"(?:{alternation([a]).pattern})\s*$", re.IGNORECASE), fold(b)) for a, b in d.between
    )
    relative = d.relative
    anchor = rf"(?=(?:{month})|(?:{prefix})\s+{y}(?!\d)|(?:{closing_src})\s+{y}(?=\s*(?:[^\w\s]|$))|(?:{parts_src}))"
    starts = (*d.months, *d.year_prefixes, *d.year_prefixes_closing, *d.year_parts)
    if all(str(w).lstrip("=")[:1].isalpha() for w in starts):
        # each begins a word: a letter not after a letter, which a search finds at C speed
        anchor = rf"[^\W\d_](?<![^\W\d_].)(?<={anchor}.)"
    return _DatePatterns(
        re.compile(main, re.IGNORECASE),
        alternation(relative),
        table(relative),
        between,
        modifiers,
        re.compile(anchor, re.IGNORECASE | re.DOTALL),
        _reach(lex),
        table(d.year_parts),
        _years_between(d.between),
    )


def _years_between(between: list) -> tuple[re.Pattern[str], ...]:
    """Per [opening, closing] pair of a period's words, two years written between them, a word before each
    at most ("between 2019 and 2023", "tra il 2019 e il 2023", "بين سنتي 2019 و2023"): a period of
    years, not a range of numbers; not "de 2014 et de 2019", whose words are no pair."""
    year, word = r"(?:19|20)\d\d", r"(?:[^\W\d_]+\s+)?"
    out = []
    for opening, closing in between:
        opens, closes = alternation([opening]), alternation([closing], bounded=False)  # "و2023": joined
        if opens is not None and closes is not None:
            out.append(
                re.compile(
                    rf"(?<!\w)(?:{opens.pattern})\s+{word}({year})\s*(?:{closes.pattern})\s*{word}({year})(?![\d.,]\d)",
                    re.IGNORECASE,
                )
            )
    return tuple(out)


def _with_periods_of_years(text: str, found: list[DateMention], years: tuple) -> list[DateMention]:
    """``found`` with the periods of two years written between a period's words (``years``) or joined by a
    dash ("2020-2024"), whose years are no dates of their own ("da 1900 a 1901": "a 1901" alone is none),
    unless a date of a month or a day is written there ("entre septembre 2022 et août 2023")."""
    periods = [
        DateMention(m.start(1), m.end(), date(int(m[1]), 1, 1), date(int(m[2]), 12, 31), "period")
        for pattern in (*years, _YEAR_SPAN)
        for m in pattern.finditer(text)
        if 0 < int(m[2]) - int(m[1]) <= YEARS_APART
    ]
    if not periods:
        return found

    def meets(f: DateMention, p: DateMention) -> bool:
        return p.start <= f.end and f.start < p.end

    periods = [p for p in periods if all(f.precision == "year" for f in found if meets(f, p))]
    return [f for f in found if not any(meets(f, p) for p in periods)] + periods


def _reach(lex: Lexicon) -> re.Pattern[str]:
    """What may come before the anchor of a date (its month, or the year after a prefix), read on the
    text reversed: spaces, signs and marks, any number of them, and at most as many letters and digits
    as a weekday, a modifier, a prefix, a day's suffix and a year hold together."""
    d = lex.data.dates
    longest = [
        max((len(str(w)) for w in words), default=0)
        for words in (
            d.weekdays,
            (*d.early, *d.mid, *d.late),
            (*d.year_prefixes, *d.year_prefixes_closing),
            d.day_suffixes,
            d.month_day_suffixes,
        )
    ]
    free, counted = (rf"(?:\W|{marks()})", rf"(?!{marks()})\w") if marks() else (r"\W", r"\w")
    return re.compile(rf"{free}*(?:{counted}{free}*){{0,{sum(longest) + 4}}}")


def _dates_written(text: str, pats: _DatePatterns) -> list[re.Match[str]]:
    """``pats.main.finditer(text)``, tried only where a date may start: each date holds a month or a
    year after a prefix (its anchor), and starts at most ``pats.reach`` before it."""
    if pats.main is None or pats.anchor is None or pats.reach is None:
        return []
    found: list[re.Match[str]] = []
    pos, tried = 0, -1  # where the next date may start; the last start tried
    for anchor in pats.anchor.finditer(text):
        at = anchor.start()
        if at < pos:  # inside the date just found
            continue
        for start in range(max(pos, tried + 1, at - _before(text, at, pats.reach)), at + 1):
            m = pats.main.match(text, start)
            if m:
                found.append(m)
                pos = m.end()
                break
        tried = max(tried, at)
    return found


def _before(text: str, at: int, reach: re.Pattern[str]) -> int:
    """How many characters before ``at`` a date anchored there may start."""
    span = 256
    while True:
        lo = max(0, at - span)
        extent = reach.match(text[lo:at][::-1])
        assert extent is not None  # (it matches the empty string)
        if extent.end() < at - lo or lo == 0:
            return extent.end()
        span *= 4


def _month_span(year: int, month: int, lo: int = 1, hi: int = 31) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(lo, last)), date(year, month, min(hi, last))


def _latest_year(month: int, day: int, base: date, weekday: int | None) -> int:
    """The year of "<weekday> <day> <month>" closest before ``base`` (the weekday settles it)."""
    for year in range(base.year + 1, base.year - 12, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate > base + timedelta(days=1):
            continue
        if weekday is None or candidate.weekday() == weekday:
            return year
    return base.year if date(base.year, month, min(day, 28)) <= base else base.year - 1


def _resolve(m: re.Match[str], lex: Lexicon, pats: _DatePatterns, base: date | None) -> DateMention | None:
    g = m.groupdict()
    if base is None and not any(g[k] for k in ("y", "y2", "y3", "y4", "y5", "y6", "y7", "y8", "y9", "yq")):
        return None  # no year written and nothing to infer it from
    try:
        if g["q"]:
            return _year_part(m, lookup(pats.parts or {}, g["q"]), base)
        if g["d"] or g["d2"] or g["d8"]:
            month = lookup(lex.months, g["m"] or g["m2"] or g["m8"])
            day = int(g["d"] or g["d2"] or g["d8"])
            wd_text = g["wd"] or g["wd2"]
            weekday = lookup(lex.weekdays, wd_text) if wd_text else None
            written = g["y"] or g["y2"] or g["y8"]
            year = int(written) if written else _latest_year(month, day, base, weekday)
            day_ = date(year, month, day)
            return DateMention(m.start(), m.end(), day_, day_, "day")
        if g["m3"] or g["m4"] or g["m5"]:
            month = lookup(lex.months, g["m3"] or g["m4"] or g["m5"])
            year_text = g["y3"] or g["y4"] or g["y5"]
            if not year_text and (
                (lex.data.dates.months_capitalised and (g["m3"] or g["m5"]).islower())
                or fold(g["m3"] or g["m4"] or g["m5"]) in _abbreviations(lex)
            ):
                return None  # "the march gathered 20,000", "nel Mar Egeo": a march, a sea, no month
            year = int(year_text) if year_text else (base.year if month <= base.month else base.year - 1)
            if g["mod"]:
                first, last = _month_span(year, month, *_THIRDS[pats.modifiers[fold(g["mod"])]])
                return DateMention(m.start(), m.end(), first, last, "period")
            first, last = _month_span(year, month)
            return DateMention(m.start(), m.end(), first, last, "month")
        if g[
            "m6"
        ]:  # the first month of "between <month> and <month> <year>": the year is the second's, or the one before
            month, second = lookup(lex.months, g["m6"]), lookup(lex.months, g["m7"])
            first, last = _month_span(int(g["y7"]) - (month > second), month)
            return DateMention(m.start(), m.end(), first, last, "month")
        if g["y6"] or g["y9"]:
            year = int(g["y6"] or g["y9"])
            start = m.start("y6" if g["y6"] else "y9")
            return DateMention(start, m.end(), date(year, 1, 1), date(year, 12, 31), "year")
    except (ValueError, TypeError):
        return None
    return None


@cache
def _abbreviations(lex: Lexicon) -> frozenset[str]:
    """The month words of ``lex`` that begin a longer name of their month ("mar" of "marzo", "sept"):
    written alone, with no day nor year, they are other words as often as months ("il Mar Egeo")."""
    names = [(fold(name), month) for name, month in lex.data.dates.months.items()]
    return frozenset(a for a, m in names if any(b != a and b.startswith(a) and n == m for b, n in names))


def _year_part(m: re.Match[str], part: str, base: date | None) -> DateMention:
    """A quarter ("Q2") or a half ("H1") of the year written after it, or with none of the latest such
    part to have begun by ``base``."""
    n, months = int(part[1]), (3 if part[0] == "Q" else 6)
    first_month = (n - 1) * months + 1
    if m.group("yq"):
        year = int(m.group("yq"))
    else:
        assert base is not None
        year = base.year if date(base.year, first_month, 1) <= base else base.year - 1
    first, _ = _month_span(year, first_month)
    _, last = _month_span(year, first_month + months - 1)
    return DateMention(m.start(), m.end(), first, last, "quarter" if months == 3 else "half")


def _relative(m: re.Match[str], kind: str, lang: str, base: date) -> DateMention | None:
    """A phrase counted back from ``base``: read by dateparser; where it cannot ("un anno fa"), by the
    phrase's own entry ("1 year", "2 week": that many units before ``base``)."""
    count_text, _, unit = kind.rpartition(" ")
    count = int(count_text) if count_text.isdigit() else 1
    day = _read_back(m.group(0), lang, base)
    if day is None and unit == "year":
        day = base.replace(year=base.year - count, day=min(base.day, 28))
    elif day is None and unit == "month":
        months = base.year * 12 + base.month - 1 - count
        day = date(months // 12, months % 12 + 1, 1)
    elif day is None:
        day = base - timedelta(days=count * (7 if unit == "week" else 1))
    if unit == "year":
        return DateMention(
            m.start(), m.end(), date(day.year, 1, 1), date(day.year, 12, 31), "year", relative=True
        )
    if unit == "month":
        first, last = _month_span(day.year, day.month)
        return DateMention(m.start(), m.end(), first, last, "month", relative=True)
    return DateMention(m.start(), m.end(), day, day, "relative", relative=True)


def _read_back(phrase: str, lang: str, base: date) -> date | None:
    """dateparser's reading of a relative phrase from ``base`` (kept across runs: loading dateparser
    costs more than the rest of a small run)."""
    return _dateparser_answers().get((phrase, lang, base), lambda: _dateparser(phrase, lang, base))


@lru_cache(maxsize=1)
def _dateparser_answers() -> Table:
    return Table("dateparser", package_version("dateparser"), file_hash(Path(__file__)))


def _dateparser(phrase: str, lang: str, base: date) -> date | None:
    from dateparser.date import DateDataParser  # heavy: only when a relative phrase is present

    parser = DateDataParser(
        languages=[lang],
        settings={"RELATIVE_BASE": datetime.combine(base, datetime.min.time()), "PREFER_DATES_FROM": "past"},
    )
    data = parser.get_date_data(phrase)
    return data.date_obj.date() if data is not None and data.date_obj is not None else None


def find_dates(text: str, lex: Lexicon, base: date | None) -> list[DateMention]:
    """Dates and periods in ``text``, in order; "between X and Y" becomes one period.

    Dates written without a year take the latest year before ``base`` that fits (the weekday, if given).
    """
    return WrittenDates(text, lex).at(base)


class WrittenDates:
    """The date phrases of one text, found once; :meth:`at` resolves them against a base date (an
    article's date is decided from its dates, then its dates are read against it: one search)."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text, self.lex, self._pats = text, lex, _patterns(lex)
        self._main = _dates_written(text, self._pats)
        self._relative: list[re.Match[str]] | None = None  # searched on first need (a base date)

    @property
    def yearless_parts(self) -> bool:
        """Whether a quarter or a half of a year is written with no year ("nel primo semestre")."""
        return any(m["q"] and not m["yq"] for m in self._main)

    def at(self, base: date | None, relative: bool = True) -> list[DateMention]:
        """The dates and periods, in order, written ones without a year taking one that fits ``base``;
        with ``relative``, the phrases counted from ``base`` too ("yesterday")."""
        pats, lex = self._pats, self.lex
        found = [m for m in (_resolve(m, lex, pats, base) for m in self._main) if m is not None]
        found += [
            DateMention(m.start(), m.end(), date(int(m[1]), 1, 1), date(int(m[1]), 12, 31), "year")
            for m in _YEAR_LABEL.finditer(self.text)
        ]
        numeric = _numeric_dates(self.text, lex.data.dates.numeric_order, base)
        if numeric:  # "2024/07/05": a day, not the year it starts with
            spans = Spans((f.start, f.end) for f in numeric)
            found = [f for f in found if not spans.overlaps(f.start, f.end)] + numeric
        found = _with_periods_of_years(self.text, found, pats.years)
        if relative and pats.relative is not None and base is not None:
            if self._relative is None:
                self._relative = list(pats.relative.finditer(self.text))
            # a relative date inside a written one is part of it; the relative ones, found in order,
            # never overlap one another: only the written ones are looked at, by bisection
            written = Spans((f.start, f.end) for f in found)
            for m in self._relative:
                if not written.overlaps(m.start(), m.end()):
                    mention = _relative(m, lookup(pats.relative_kind, m.group(0)) or "day", lex.code, base)
                    if mention is not None:
                        found.append(mention)
        found.sort(key=lambda f: f.start)
        return _join_periods(self.text, _months_of_years_counted(self.text, found), pats)


# between a month and the year counted it is of: one short word at most ("May of last year", "مايو من العام")
_LINK = re.compile(r"\s*(?:[^\W\d_]{1,3}\s+)?")


def _months_of_years_counted(text: str, found: list[DateMention]) -> list[DateMention]:
    """A month written with no year, right before a year counted from the article's date, is that
    year's month: "in May last year", "en mai de l'année dernière", "في مايو من العام الماضي"."""
    out: list[DateMention] = []
    for mention in found:
        month = out[-1] if out else None
        if (
            month is not None
            and month.precision == "month"
            and not month.relative
            and mention.relative
            and mention.precision == "year"
            and _LINK.fullmatch(text, month.end, mention.start)
            and not re.search(r"\d", text[month.start : month.end])
        ):
            first, last = _month_span(mention.first.year, month.first.month)
            out[-1] = DateMention(month.start, mention.end, first, last, "month", relative=True)
            continue
        out.append(mention)
    return out


def _numeric_dates(text: str, order: str, base: date | None) -> list[DateMention]:
    """The dates written in figures in ``text`` (:data:`_NUMERIC_DATE`), the year first or last. With the
    year last, the month comes first where the language writes it so (``order`` "mdy"), else the day
    ("dmy": "05/07/2024" is 5 July); with ``order`` "either", of the two readings that make a date, the one
    nearer ``base`` (the day first without one); a reading that makes no date gives way to the other
    ("13/07/2024")."""
    out = []
    for m in _NUMERIC_DATE.finditer(text):
        if m["year"]:
            readings = [(int(m["year"]), int(m["month"]), int(m["day"]))]
        else:
            first, second, year = int(m["first"]), int(m["second"]), int(m["last"])
            readings = [(year, first, second), (year, second, first)]  # month first, then day first
            if order != "mdy":
                readings.reverse()
        days = [d for d in (_day(*r) for r in readings) if d is not None]
        if order == "either" and base is not None:
            days.sort(key=lambda d: abs((d - base).days))
        if days:
            out.append(DateMention(m.start(), m.end(), days[0], days[0], "day"))
    return out


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_of(text: str, a: DateMention, b: DateMention) -> DateMention:
    """The first end of "between July 5 and July 10, 2023" takes the year written with the second."""
    if re.search(r"\d{4}", text[a.start : a.end]) or a.first.year == b.last.year or a.precision != "day":
        return a
    try:
        moved = a.first.replace(year=b.last.year)
    except ValueError:
        return a
    return DateMention(a.start, a.end, moved, moved, a.precision) if moved <= b.last else a


def _join_periods(text: str, found: list[DateMention], pats: _DatePatterns) -> list[DateMention]:
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        if i + 1 < len(found):
            b = found[i + 1]
            between = fold(text[a.end : b.start])
            head = text[max(0, a.start - 30) : a.start]
            if any(between == closer and opener.search(head) for opener, closer in pats.between):
                a = _year_of(text, a, b)
            if (
                any(between == closer and opener.search(head) for opener, closer in pats.between)
                and a.first <= b.last
            ):
                out.append(DateMention(a.start, b.end, a.first, b.last, "period"))
                i += 2
                continue
        out.append(a)
        i += 1
    return out
