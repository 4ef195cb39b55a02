"""Nationalities: the word that names the people of a country ("coréens", "indiani", "Egyptians",
"هنديا"), from pycountry's country names and each language's endings (``scope.nationality_endings``)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from factcheck.quantities.lexicon import Lexicon, caseless, fold
from factcheck.resolve.entity import country_names, place_label


@cache
def country_words() -> frozenset[str]:
    """Countries by every name pycountry's tables give them (and their labels), folded."""
    return frozenset(fold(n) for _, label, names in country_names() for n in (label, *names))


NATIONALS = "nationals of "  # the scope of a count of one country's people: "nationals of india"


@cache
def _nationalities(lex: Lexicon) -> tuple[dict[str, str], dict[str, str], tuple[str, ...], frozenset[str]]:
    """The language's words of a nationality: its irregular ones (``scope.nationalities``, by ISO code),
    the stem of each one-word country name (any language of pycountry's tables, its article and its
    ending ``scope.country_endings`` cut: "Corée" "cor", "الأردن" "اردن"), the endings that make a stem
    a nationality (``scope.nationality_endings``, shortest first), and the words that only look like one
    (``scope.not_nationalities``). A nationality is named by its country's folded label."""
    s = lex.data.scope
    label = {code: fold(place_label(name) or name) for code, name, _ in country_names()}
    irregular = {_plain(w): label[code] for code, ws in s.nationalities.items() for w in ws if code in label}
    articles = _articles(lex)
    cut = re.compile(rf"(?:{'|'.join(map(re.escape, sorted(map(_plain, s.country_endings), key=len)))})+$")
    stems: dict[str, str] = {}
    for code, _, names in country_names():
        for name in names:
            word = _plain(name)
            if not re.fullmatch(r"\w+", word):
                continue  # "Corée du Sud", "Saudi Arabia": in the irregular ones
            word = next((word[len(a) :] for a in articles if word.startswith(a)), word)
            stem = cut.sub("", word) if s.country_endings else word
            if len(stem) >= 3:
                stems.setdefault(stem, label[code])
    endings = tuple(sorted({_plain(e) for e in s.nationality_endings}, key=len))
    return irregular, stems, endings, frozenset(_plain(w) for w in s.not_nationalities)


@cache
def _articles(lex: Lexicon) -> tuple[str, ...]:
    """The articles the language writes joined to a word (``discover.name_articles``), plain."""
    return tuple(_plain(a) for a in lex.data.discover.name_articles)


def _plain(word: str) -> str:
    """``word`` folded, and without accents in a script with capitals ("Coréens" -> "coreens")."""
    from anyascii import anyascii

    return fold(word) if caseless(word[:1]) else fold(anyascii(word))


@lru_cache(maxsize=65536)  # a pure function of the word and the language, asked of the same words again
def nationality(word: str, lex: Lexicon) -> str | None:
    """The country (its folded label) whose people ``word`` names ("coréens", "indiani", "Egyptians",
    "هنديا": one of its irregular ones, or a country's stem and an ending of the language: an ending of
    one letter only after a stem of five, but for a script without capitals, whose nisba is one letter;
    also with the article the language joins to words, ``discover.name_articles``: "البريطانيين"), or
    None."""
    w = _plain(word)
    found = _named(w, fold(word), lex)
    bare = next((w[len(a) :] for a in _articles(lex) if w.startswith(a) and len(w) - len(a) >= 4), None)
    return found if found or not bare else _named(bare, bare, lex)


def _named(w: str, folded: str, lex: Lexicon) -> str | None:
    """:func:`nationality` of a word, plain (``w``) and folded."""
    irregular, stems, endings, not_ = _nationalities(lex)
    if w in not_:
        return None
    if w in irregular:
        return irregular[w]
    if len(w) < 4:
        return None
    if folded in country_words():  # "Malawi": a place, not its people
        return None
    short_ok = caseless(w[:1])
    for e in endings:  # the shortest ending first: the longest stem ("libanesi": "liban", not "lib")
        stem = w[: len(w) - len(e)]
        if w.endswith(e) and stem in stems and (len(e) > 1 or short_ok or len(stem) >= 5):
            return stems[stem]
    return None
