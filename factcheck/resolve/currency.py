"""Bare currency words ("francs", "livres", "فرنك") read as the currency their article names in full ("francs
suisses", "livre égyptienne", "فرنك سويسري"), or else their run, not as the language's default for the bare
word."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from factcheck.models import Quantity, evolve
from factcheck.quantities.lexicon import Lexicon, available_languages, fold, load_lexicon

# bare words whose default holds whatever other currency of their family an article names: in international
# news a bare "dollars" is the US dollar beside "Hong Kong dollars", a bare "euros" the euro
KEPT = frozenset({"USD", "EUR"})
STEM = 4  # the fewest letters two words of one currency family share ("livre", "livres"; "جنيه", "جنيهات")


@cache
def _families(lex: Lexicon) -> dict[str, tuple[str, dict[str, str]]]:
    """Per bare currency word of ``lex`` (folded, one word, worth one unit, its default not in
    :data:`KEPT`): its default code, and the currencies written in full that share its word ("francs" ->
    FRF, {"francs suisses": CHF, "franc suisse": CHF, ...})."""
    whole = [(fold(w), code) for w, (code, worth) in lex.currencies.items() if worth == 1]
    bare = {w: code for w, code in whole if " " not in w and code not in KEPT and len(w) >= STEM}
    families: dict[str, tuple[str, dict[str, str]]] = {}
    for word, default in bare.items():
        named = {
            phrase: code
            for phrase, code in whole
            if " " in phrase and any(_one_word(word, w) for w in phrase.split())
        }
        if any(code != default for code in named.values()):
            families[word] = (default, named)
    return families


def _one_word(a: str, b: str) -> bool:
    """Whether two folded words are one word in two numbers ("livre", "livres"): one opens the other."""
    short, long = sorted((a, b), key=len)
    return len(short) >= STEM and long.startswith(short)


def in_full(text: str, quantities: Iterable[Quantity], lex: Lexicon) -> list[Quantity]:
    """``quantities`` of an article, each amount written with a bare currency word taking the one currency
    of its family the article writes in full ("0,76 franc" in an article that writes "francs suisses":
    CHF; "50 livres" beside "livres égyptiennes": EGP); the default where it writes none, or several."""
    quantities = list(quantities)
    families = _families(lex)
    if not families or not any(q.kind == "money" for q in quantities):
        return quantities
    folded = fold(text)
    chosen: dict[str, str] = {}
    for word, (default, named) in families.items():
        codes = {code for phrase, code in named.items() if phrase in folded}
        if len(codes) == 1 and default not in codes:
            chosen[word] = codes.pop()
    if not chosen:
        return quantities
    out = []
    for q in quantities:
        words = fold(q.text).split() if q.kind == "money" else ()
        code = chosen.get(words[-1]) if words else None
        out.append(evolve(q, unit=code) if code and q.unit == families[words[-1]][0] else q)
    return out


def bare_in_run(a: pd.DataFrame) -> pd.DataFrame:
    """The amounts of a run written with a bare currency word its article names no currency of in full
    (:func:`in_full`: "65,9 milliards de francs" took the language's default, the French franc) take
    the one currency of that family the run's other articles write in full ("francs suisses", "Swiss
    francs": one story, one franc); the default where they write none, or several."""
    if a.empty or "unit" not in a.columns:
        return a
    unit, said = a["unit"].to_numpy(object), a["number_text"].fillna("").map(fold).to_numpy(object)
    langs = a["lang"].to_numpy(object)
    money = np.flatnonzero(a["kind"].to_numpy(object) == "money")
    known = set(available_languages())
    families = {lang: _families(load_lexicon(lang)) for lang in set(langs[money]) if lang in known}
    bare: dict[str, list[int]] = {}  # per default code: the rows written with its bare word
    named: dict[str, set[str]] = {}  # per default code: the codes of its family written in full
    for n in money:
        words = said[n].split()
        for word, (default, phrases) in families.get(langs[n], {}).items():
            full = {code for phrase, code in phrases.items() if phrase in said[n]}
            if full:
                named.setdefault(default, set()).update(full - {default})
            elif words and words[-1] == word and unit[n] == default:
                bare.setdefault(default, []).append(n)
    rows = {next(iter(codes)): bare[d] for d, codes in named.items() if len(codes) == 1 and d in bare}
    if not rows:
        return a
    unit = unit.copy()
    for code, found in rows.items():
        unit[found] = code
    return a.assign(unit=unit)
