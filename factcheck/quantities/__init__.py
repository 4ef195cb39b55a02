"""The normaliser: ``find_quantities(text, lang)`` reads every number in a text as a Quantity.

A pure function of (text, language): no I/O beyond the language file it loads once, no global state.

>>> [(q.value, q.unit, q.qualifier) for q in find_quantities("plus de 350 millions d'utilisateurs", "fr")]
[(350000000.0, None, 'more_than')]
>>> [(q.value, q.unit) for q in find_quantities("44 miliardi di dollari", "it")]
[(44000000000.0, 'USD')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from factcheck.models import Article, Quantity
from factcheck.quantities.bare import Compacted, Figures, inner_figures, no_figures
from factcheck.quantities.combine import combine
from factcheck.quantities.grammar import (
    Raw,
    clock_times,
    coins,
    counted_units,
    grammar,
    numerals,
    phrases,
    quantity,
    shares,
    word_numbers,
)
from factcheck.quantities.lexicon import Lexicon, available_languages, load_lexicon
from factcheck.quantities.spans import Spans

__all__ = ["NUMERIC_DATE", "article_quantities", "available_languages", "find_quantities"]

# A date written in figures, in any language: the year first ("2024-07-05", "2024/7/5") or last
# ("05/07/2024", "5.7.2024", "05-07-2024"), never a figure of a longer run. Its figures are no quantities
# here; resolve.dates reads it as a day (by these names: year, month, day; or first, second, year last).
NUMERIC_DATE = (
    r"(?<![\w.,/-])(?:(?P<year>(?:1[89]|20)\d\d)(?P<ymd>[-/])(?P<month>[01]?\d)(?P=ymd)(?P<day>[0-3]?\d)"
    r"|(?P<first>[0-3]?\d)(?P<dmy>[/.\-])(?P<second>[0-3]?\d)(?P=dmy)(?P<last>(?:1[89]|20)\d\d))"
    r"(?![\w%]|[.,/-]\d)"
)
# Digits that are not quantities: web addresses, phone numbers, dates written in figures (year-month(-day),
# "2024/07/05", "05/07/2024"), times of day written with a colon or an h ("23:11", "20h30"). Each starts
# with h, w, + or a digit: the lookahead says so first, so that elsewhere the branches are not tried (a
# third of the time).
_NOT_QUANTITIES = re.compile(
    r"(?=[hw+\d])(?:"  # (IGNORECASE: H and W too)
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w+])\+\d{1,3}(?:[ \-/.]\d{1,5}){2,}"
    r"|(?<![\w\-])(?:1[89]|20)\d\d-[01]\d(?:-[0-3]\d)?(?![\w\-])"
    rf"|{NUMERIC_DATE}"  # "2024/07/05", "05/07/2024", "5.7.2024"
    r"|(?<![\w.,/-])(?:19|20)\d\d[-–/]\d\d(?![\w%/-]|[.,]\d)"  # "2023/24", "2024-25": a season, a fiscal year
    r"|(?<![\w.,:])(?:[01]?\d|2[0-3])(?::|h(?=\d))[0-5]\d(?![\w:%]|[.,]\d)"
    r")",
    re.IGNORECASE,
)


@dataclass(frozen=True, eq=False)
class Found:
    """Stage 3's reading of a text in one language: its quantities read one by one (in order), and the
    inner figures of its runs of bare figures, read in bulk (quantities/bare.py)."""

    quantities: list[Quantity]
    figures: Figures

    def merged(self, text: str) -> list[Quantity]:
        """Every quantity, in order (``text``: the text read)."""
        if not len(self.figures):
            return self.quantities
        return sorted(self.quantities + self.figures.quantities(text), key=lambda q: q.start)


def article_quantities(article: Article, lexicons: Mapping[str, Lexicon]) -> dict[str, Found]:
    """Stage 3 for one article: its quantities in each language it is read in (its own, and that of a
    paragraph in another), by language code. Each is read once over the whole article, so that "1,500"
    is settled by the article's other numbers."""
    return {code: read_quantities(article.text, lexicons[code]) for code in article.languages}


def find_quantities(text: str, lang: str | Lexicon) -> list[Quantity]:
    """Every quantity in ``text`` (a sentence or a whole article) written in language ``lang`` (its
    Lexicon, as the pipeline passes it, or its code), in order.

    Never raises on any text; every span indexes ``text`` exactly.
    """
    return read_quantities(text, lang if isinstance(lang, Lexicon) else load_lexicon(lang)).merged(text)


def read_quantities(text: str, lex: Lexicon) -> Found:
    """What :func:`find_quantities` finds, the inner figures of runs of bare figures kept as columns."""
    if not text:
        return Found([], no_figures())
    g = grammar(lex)
    shown: dict[str, set[str]] = {}
    compact, inner = inner_figures(text, g, shown)  # the inner figures of runs of bare figures taken out
    read = compact.text
    raws = numerals(read, g, shown)
    raws += shares(read, g, raws)
    raws += phrases(read, g, raws)
    raws += word_numbers(read, g, raws)
    raws += counted_units(read, g, raws)
    times = clock_times(read, g, raws)  # "alle 18.30", "10am"
    if times:  # no time of day joins a range ("2-0 à 21 h 30")
        clock = Spans(times)
        raws = [r for r in raws if not clock.overlaps(r.start, r.end)]
    raws = combine(read, g, coins(read, g, sorted(raws, key=lambda r: r.start)))
    skipped = [_original(compact, m.span()) for m in _NOT_QUANTITIES.finditer(read)]
    skipped += [_original(compact, span) for span in times]
    skip = Spans(skipped)
    raws = [_at(compact, r) for r in raws]
    raws = [r for r in raws if not skip.overlaps(r.start, r.end)]
    out: list[Quantity] = []
    i = 0
    while i < len(raws):
        r = raws[i]
        if (
            r.qualifier == "range"
            and r.role is None
            and i + 1 < len(raws)
            and raws[i + 1].qualifier == "range"
        ):
            out.append(quantity(text, r, upper_of=raws[i + 1]))  # a range is built from its two ends
            i += 2
        else:
            out.append(quantity(text, r))
            i += 1
    return Found(out, inner.figures(shown, skipped) if inner is not None else no_figures())


def _original(compact: Compacted, span: tuple[int, int]) -> tuple[int, int]:
    """A span of the compacted text in the whole text's offsets (no span crosses a run's taken middle)."""
    shift = compact.original(span[0]) - span[0]
    return span[0] + shift, span[1] + shift


def _at(compact: Compacted, r: Raw) -> Raw:
    start, end = _original(compact, (r.start, r.end))
    return r if start == r.start else replace(r, start=start, end=end)
