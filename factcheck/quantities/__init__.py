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

from factcheck.models import Article, Quantity
from factcheck.quantities.combine import combine
from factcheck.quantities.grammar import (
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

__all__ = ["article_quantities", "available_languages", "find_quantities"]

# Digits that are not quantities: web addresses, phone numbers, dates written year-month(-day), times
# of day written with a colon or an h ("23:11", "20h30").
_NOT_QUANTITIES = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w+])\+\d{1,3}(?:[ \-/.]\d{1,5}){2,}"
    r"|(?<![\w\-])(?:1[89]|20)\d\d-[01]\d(?:-[0-3]\d)?(?![\w\-])"
    r"|(?<![\w.,:])(?:[01]?\d|2[0-3])(?::|h(?=\d))[0-5]\d(?![\w:%]|[.,]\d)",
    re.IGNORECASE,
)


def article_quantities(article: Article, lexicons: Mapping[str, Lexicon]) -> dict[str, list[Quantity]]:
    """Stage 3 for one article: its quantities in each language it is read in (its own, and that of a
    paragraph in another), by language code. Each is read once over the whole article, so that "1,500"
    is settled by the article's other numbers."""
    return {code: find_quantities(article.text, lexicons[code]) for code in article.languages}


def find_quantities(text: str, lang: str | Lexicon) -> list[Quantity]:
    """Every quantity in ``text`` (a sentence or a whole article) written in language ``lang`` (its
    Lexicon, as the pipeline passes it, or its code), in order.

    Never raises on any text; every span indexes ``text`` exactly.
    """
    if not text:
        return []
    g = grammar(lang if isinstance(lang, Lexicon) else load_lexicon(lang))
    raws = numerals(text, g)
    raws += shares(text, g, raws)
    raws += phrases(text, g, raws)
    raws += word_numbers(text, g, raws)
    raws += counted_units(text, g, raws)
    raws = combine(text, g, coins(text, g, sorted(raws, key=lambda r: r.start)))
    skip = Spans(m.span() for m in _NOT_QUANTITIES.finditer(text))
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
    return out
