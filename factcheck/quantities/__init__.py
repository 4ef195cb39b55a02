"""The normaliser: ``find_quantities(text, lang)`` reads every number in a text as a Quantity.

A pure function of (text, language): no I/O beyond the language file it loads once, no global state.

>>> [(q.value, q.unit, q.qualifier) for q in find_quantities("plus de 350 millions d'utilisateurs", "fr")]
[(350000000.0, None, 'more_than')]
>>> [(q.value, q.unit) for q in find_quantities("44 miliardi di dollari", "it")]
[(44000000000.0, 'USD')]
"""

from __future__ import annotations

from factcheck.models import Quantity
from factcheck.quantities.grammar import scan
from factcheck.quantities.lexicon import available_languages, load_lexicon

__all__ = ["find_quantities", "available_languages"]


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Every quantity in ``text`` (a sentence or a whole article) written in language ``lang``, in order."""
    if not text:
        return []
    return scan(text, load_lexicon(lang))
