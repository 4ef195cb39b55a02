"""What a number counts: concept terms matched on word stems near it, filtered by the number's unit."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import accumulate
from typing import Any, NamedTuple

import Stemmer

from factcheck.models import Quantity
from factcheck.quantities.lexicon import (
    Lexicon,
    alternation,
    fold,
    fold_key,
    marks,
    phrase_before,
    phrase_ending,
    prefixed,
)
from factcheck.resolve.entity import is_event_word
from factcheck.resolve.knowledge import Concept, Knowledge
from factcheck.resolve.nations import nationality

WINDOW = 10  # how many words from the number a concept term may stand
WORDS_BEFORE = 6  # or, before it, how many content words (the subject: "L'affluenza alle elezioni del ...")
BEFORE_REACH = 2 * WINDOW  # and in no case more words before it than this
_FURTHER = frozenset({"number", "percent"})  # the figures that may (an amount of money has terms nearer)


@cache
def _word() -> re.Pattern[str]:
    """A word, with the marks its letters may carry inside it (Arabic short vowels are no word
    characters to ``re``: "قُتل" is one word, not "ق" and "تل")."""
    return re.compile(rf"\w(?:\w|{marks()})*" if marks() else r"\w+")


class Token(NamedTuple):
    """A word of a sentence: its offsets and its stem (a tuple: made by the thousand per article, a
    tuple costs a third of a frozen dataclass to make)."""

    start: int
    end: int
    stem: str


@cache
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


def _stem(word: str, lex: Lexicon) -> str:
    """A word's stem; a function word, or a word that only shares a stem with concept terms (language
    data ``not_terms``: "living" and "lives", "però" and "perirono", "frappé" and "frappes"), keeps its
    whole form, marked, so that it matches only itself ("per azione" still matches "per azione")."""
    folded = fold(word)
    if folded in lex.stopwords or folded in _not_terms(lex):
        return "\0" + folded
    return _stemmer(lex.stemmer).stemWord(folded)


@cache
def _not_terms(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(w) for w in lex.data.not_terms)


STEMS_KEPT = 200_000  # words whose stem is remembered, per language (the first met stay)


@cache
def _stems(lex: Lexicon) -> dict[str, str]:
    """Word -> its token's stem in ``lex``'s language (:func:`tokens`), filled as words are met: a
    text repeats its words, and stemming each occurrence was most of the cost of reading a sentence."""
    return {}


def _new_stem(word: str, lex: Lexicon, known: dict[str, str]) -> str:
    """A word's token stem (digits: themselves), remembered in ``known`` while there is room (not
    digits: they cost nothing to read, and number-dense text would fill the room with them)."""
    if word.isdigit() and word.isascii():
        return word
    stem = _stem(word, lex)
    if len(known) < STEMS_KEPT:
        known[word] = stem
    return stem


def tokens(text: str, lex: Lexicon) -> list[Token]:
    known = _stems(lex)
    return [
        Token(
            m.start(),
            m.end(),
            known.get(w) or (w if w.isdigit() and w.isascii() else _new_stem(w, lex, known)),
        )
        for m in _word().finditer(text)
        for w in (m.group(0),)
    ]


def _term_index(kb: Knowledge, lex: Lexicon) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First stem -> [(stems of a term, concept id)], longest terms first; built once per language
    and kept in the user's cache (factcheck/cache.py) until the terms or the stemmer change."""

    def build() -> dict[str, list[tuple[tuple[str, ...], str]]]:
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for c in kb.concepts.values():
            seen = set()
            for term in c.terms.get(lex.code, ()):
                for form in prefixed(term, lex):
                    stems = tuple(_stem(w, lex) for w in _word().findall(form))
                    if stems and stems not in seen:
                        seen.add(stems)
                        index.setdefault(stems[0], []).append((stems, c.id))
        for items in index.values():
            items.sort(key=lambda it: -len(it[0]))
        return index

    return kb.memo(("terms", lex), lambda: _kept(f"terms-{lex.code}", build, kb, lex))


def _kept(name: str, build: Callable[[], Any], kb: Knowledge, lex: Lexicon) -> Any:
    """``build()`` of what the concepts' terms in ``lex``'s language make, kept in the user's cache."""
    from factcheck import cache as disk

    terms = [(c.id, c.terms.get(lex.code, ())) for c in kb.concepts.values()]
    given = hashlib.sha256(
        repr(
            (terms, lex.data.attached_prefixes, lex.stemmer, sorted(lex.stopwords), lex.data.not_terms)
        ).encode()
    ).hexdigest()  # function words are matched whole (_stem): they are part of what the index is
    key = (given, fold_key(), disk.package_version("PyStemmer"), disk.code_hash(__name__))
    return disk.memo(name, build, *key)


class TermHit(NamedTuple):
    """A concept's term in a sentence (a tuple, as :class:`Token`)."""

    first: int  # token index
    last: int
    concept: str


def term_hits(toks: list[Token], kb: Knowledge, lex: Lexicon, text: str) -> list[TermHit]:
    """The concept terms of a sentence, longest first from the left ("unemployment rate" is one
    term, not "rate" after it); a phrase that names several concepts (a deficit in euros, a deficit
    in percent) gives a hit for each, told apart later by the figure's unit. Of concepts of one
    dimension whose terms share a stem, the one with the word as written in ``text`` (the tokens'
    text) wins: "manifestazioni" are demonstrations, "manifestanti" protesters (both "manifest")."""
    index = _term_index(kb, lex)
    hits: list[TermHit] = []
    seq = [t.stem for t in toks]
    i = 0
    while i < len(seq):
        found, at = 0, len(hits)
        for stems, cid in index.get(seq[i], ()):
            if found and len(stems) < found:
                break
            if len(stems) == 1 or tuple(seq[i : i + len(stems)]) == stems:  # (the first is the key)
                found = len(stems)
                hits.append(TermHit(i, i + found - 1, cid))
        if len(hits) - at > 1:
            hits[at:] = _as_written(
                hits[at:], tuple(fold(text[t.start : t.end]) for t in toks[i : i + found]), kb, lex
            )
        i += found or 1
    return hits


def _as_written(hits: list[TermHit], words: tuple[str, ...], kb: Knowledge, lex: Lexicon) -> list[TermHit]:
    """Of ``hits`` on one phrase, those whose concept has the phrase as written among its terms, when
    another of the same dimension has it only by its stems."""
    exact = _written_terms(kb, lex).get(words, frozenset())
    dims = {kb.concepts[h.concept].dimension for h in hits if h.concept in exact}
    return [h for h in hits if h.concept in exact or kb.concepts[h.concept].dimension not in dims]


def _written_terms(kb: Knowledge, lex: Lexicon) -> dict[tuple[str, ...], frozenset[str]]:
    """The words of each term as written (folded, in each of its forms) -> the concepts that have it."""

    def build() -> dict[tuple[str, ...], frozenset[str]]:
        out: dict[tuple[str, ...], set[str]] = {}
        for c in kb.concepts.values():
            for term in c.terms.get(lex.code, ()):
                for form in prefixed(term, lex):
                    out.setdefault(tuple(fold(w) for w in _word().findall(form)), set()).add(c.id)
        return {k: frozenset(v) for k, v in out.items()}

    return kb.memo(("written terms", lex), build)


_MEASURES = {  # the canonical units (quantities/units.py) of each measured dimension
    "length": ("kilometer",),
    "area": ("kilometer**2",),
    "speed": ("kilometer/hour",),
    "duration": ("hour",),
    "temperature": ("degree", "degree_Celsius", "degree_Fahrenheit", "kelvin"),
}


_DECIMALS = re.compile(r"\d[.,٫]\d")  # digits after a decimal sign: "7.0", "6,8" (below 1,000: no grouping)


def fits(concept: Concept, q: Quantity) -> bool:
    """Whether a quantity's unit suits a concept's dimension (a percent is not a headcount)."""
    if concept.dimension == "percent":
        return q.kind == "percent"
    if concept.dimension == "money":
        return q.kind == "money" or (q.kind == "number" and q.scaled)  # "racheter Twitter 45 milliards"
    if (
        concept.dimension == "count"
    ):  # a whole count: "half" alone counts nobody, "6.8" or "7.0" nobody either
        whole = q.lower if q.qualifier == "range" and q.lower is not None else q.value
        if q.kind != "number" or q.value is None or abs(q.value) < 1:
            return False
        return q.scaled or (whole % 1 == 0 and not (abs(q.value) < 1000 and _DECIMALS.search(q.text)))
    if concept.dimension == "scale":  # a reading on a scale: "magnitude 7.8", "7,8 درجات", in digits
        digits = any(ch.isdigit() for ch in q.text)  # "quattro scosse di magnitudo": a count of them
        # beyond the scale's top, no reading of it: "un séisme de magnitude 7 au moins d'ici à 2030"
        inside = concept.most is None or q.value is None or q.value <= concept.most
        return (
            digits
            and inside
            and ((q.kind == "number" and not q.scaled) or (q.kind == "measure" and q.unit == "degree"))
        )
    return q.kind == "measure" and q.unit in _MEASURES.get(concept.dimension, ())


def head_noun(reading: Reading, q: Quantity) -> str | None:
    """The first content word after the number ("1.500 addetti" -> "addetti"), for unmapped figures."""
    k = bisect_left(reading.starts, q.end)
    i = reading.content[k] if k < len(reading.content) else None
    return None if i is None else reading.text[reading.toks[i].start : reading.toks[i].end].lower()


def counts_no_noun(q: Quantity, reading: Reading, lex: Lexicon) -> bool:
    """Whether a number names nothing it counts (no noun after it, a function word or a name): "98
    seats for Renaissance, 34 for the MoDem", where the noun of the figure before it is understood."""
    first, last = reading.span(q)
    clause = reading.clause
    k = bisect_right(reading.hits, last, key=lambda h: h.first)  # the first term after it
    if k < len(reading.hits) and clause[reading.hits[k].first] == clause[min(first, len(clause) - 1)]:
        return False  # "89 in the province of Valencia are missing": a word of its own, later in its clause
    return _names_nothing(reading, _head(reading, last, lex), lex)


def _names_nothing(reading: Reading, head: int | None, lex: Lexicon) -> bool:
    """Whether the word a count stands before (``head``) names nothing it counts: none, a function word,
    a noun of people, who says it, a name or a number ("89 one week after": another figure's word)."""
    if head is None:
        return True
    k = bisect_right(reading.spans, (head, len(reading.toks)))
    if k and reading.spans[k - 1][0] <= head <= reading.spans[k - 1][1]:
        return True
    word = reading.text[reading.toks[head].start : reading.toks[head].end]
    folded = fold(word)
    return (
        folded in lex.stopwords
        or folded in _people(lex)  # "275 000 personnes selon X (et 107 000 personnes selon Y)"
        or folded in _attribution_openers(lex)  # "بقوة 7 درجات (6,8 وفق …)": who says it, not what
        or word[:1].isupper()
        or word.isdigit()
    )


def counts_people(q: Quantity, reading: Reading, lex: Lexicon) -> bool:
    """Whether a count is of people: its noun is one of the language's nouns of people ("Due milioni di
    persone"), or it counts no noun and is a crowd's size ("Trecentomila a Roma, centomila a Milano"),
    written otherwise than a year ("JO Paris 2024": a name, no crowd)."""
    if q.kind != "number":
        return False
    head = _head(reading, reading.span(q)[1], lex)
    word = reading.text[reading.toks[head].start : reading.toks[head].end] if head is not None else ""
    year = q.text.isdigit() and len(q.text) == 4 and YEARS[0] <= (q.value or 0) <= YEARS[1]
    return fold(word) in _people(lex) or (
        (q.value or 0) >= CROWD and not year and counts_no_noun(q, reading, lex)
    )


CROWD = 1000  # a count with no noun this large, at a gathering, is its crowd
YEARS = (1800, 2100)  # four plain digits between these, with no noun, are a year, not a crowd


@cache
def _attribution_openers(lex: Lexicon) -> frozenset[str]:
    """The first words of the phrases that name who says a figure ("according", "selon", "وفق")."""
    said = lex.data.attribution
    return frozenset(fold(w.split()[0]) for w in (*said.before, *said.after_figure) if w.split())


def carried_metric(q: Quantity, previous: list[TermHit], kb: Knowledge, *, changing: bool) -> str | None:
    """For a percent or amount in a sentence naming no concept ("si elle en a 5%"), the last fitting
    concept of the previous sentence, which the pronoun refers back to."""
    if q.kind not in ("percent", "money"):
        return None
    for h in reversed(previous):
        c = kb.concepts[h.concept]
        if fits(c, q) and (changing or not c.needs_change_word):
            return c.id
    return None


def _bounds(starts: list[int], ends: list[int], q: Quantity) -> tuple[int, int]:
    """The first and last token of ``q``, from the tokens' ``starts`` and ``ends`` (tokens are in
    order and never overlap: found by bisection)."""
    first = bisect_right(ends, q.start)
    last = bisect_left(starts, q.end) - 1
    return first, last if last >= 0 else first


@dataclass(frozen=True)
class Reading:
    """One sentence read once: its tokens, the concept terms in it and the token span of each of its
    quantities, shared by every figure of the sentence (so a sentence of n numbers costs O(n log n))."""

    text: str
    toks: list[Token]
    hits: list[TermHit]  # in text order; several at one place when a phrase names several concepts
    longest: int  # tokens in the longest term found
    starts: list[int]  # per token: its start offset (bisected)
    ends: list[int]  # per token: its end offset
    spans: list[tuple[int, int]]  # per quantity, in text order: its first and last token
    quantities: list[Quantity]  # in text order
    at: dict[int, int]  # a quantity's start offset -> its place in ``spans``
    content: list[int | None]  # per token: the first content word at or after it (a head noun)
    clause: list[
        int
    ]  # per token: the number of the clause it is in (punctuation and "and", "while" start one)
    weight: list[int]  # per token: how many content words come before it
    # the language's verbs and adverbs between a figure and its word
    auxiliaries: frozenset[str] = frozenset()
    places: frozenset[int] = frozenset()  # the starts of the counts of places ("five states"): no metric
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # what figures of it share

    def span(self, q: Quantity) -> tuple[int, int]:
        """The first and last token of ``q`` (one of the sentence's quantities, or any span in it)."""
        k = self.at.get(q.start)
        return self.spans[k] if k is not None else _bounds(self.starts, self.ends, q)

    def clause_around(self, q: Quantity) -> tuple[int, int]:
        """The start and end (offsets in the sentence) of the clause ``q`` opens in; the sentence's
        when it has no token."""
        if not self.toks:
            return 0, len(self.text)
        a, z = self.clause_tokens(self.clause[min(self.span(q)[0], len(self.clause) - 1)])
        return self.toks[a].start, self.toks[z].end

    def clause_tokens(self, n: int) -> tuple[int, int]:
        """The first and last token of clause ``n`` (clause numbers rise along the sentence, so
        its tokens are one run: found by bisection); (0, -1) when it has none."""
        first = bisect_left(self.clause, n)
        return first, bisect_right(self.clause, n, first) - 1


def read_sentence(text: str, quantities: list[Quantity], kb: Knowledge, lex: Lexicon) -> Reading:
    """Tokens, concept hits and quantity spans of a sentence (offsets relative to ``text``)."""
    toks = tokens(text, lex)
    hits = term_hits(toks, kb, lex, text)
    phrase = _subgroup_phrases(lex)
    if phrase is not None and hits:  # "في حالة حرجة", "in serious condition": a subgroup, no concept's term
        inside = [(m.start(), m.end()) for m in phrase.finditer(text)]
        hits = [h for h in hits if not any(a <= toks[h.first].start < b for a, b in inside)]
    if hits:  # "the New Popular Front", "the National Rally": a word of a name, no concept's term
        named = in_names(text, toks, lex)
        hits = [h for h in hits if not named[h.first]]
    content: list[int | None] = [None] * len(toks)
    after = None
    solid = bytearray(len(toks))
    for i in range(len(toks) - 1, -1, -1):  # from the end, so that each token is looked at once
        word = text[toks[i].start : toks[i].end]
        # a function word's stem is marked (_stem): its folded form is in lex.stopwords
        if toks[i].stem[:1] != "\0" and not word.isdigit() and len(word) > 1:
            after = i
            solid[i] = 1
        content[i] = after
    weight = [0, *accumulate(solid)]
    starts, ends = [t.start for t in toks], [t.end for t in toks]
    spans = [_bounds(starts, ends, q) for q in quantities]
    inside = bytearray(len(toks))  # tokens of a quantity after its first: "5,300" is one
    for first, last in spans:
        for i in range(first + 1, min(last, len(toks) - 1) + 1):
            inside[i] = 1
    broken = bytearray(len(toks) + 1)  # per token: a clause break (never in a word) before it, after the last
    for m in _CLAUSE_BREAK.finditer(text):
        broken[bisect_right(starts, m.start())] = 1
    clause, n, words = [], 0, _clause_words(lex)
    for i, t in enumerate(toks):
        if (i and broken[i] and not inside[i]) or fold(text[t.start : t.end]) in words:
            n += 1
        clause.append(n)
    memo: dict = {}  # what the sentence's figures share: a count's head noun, found here once
    return Reading(
        text,
        toks,
        hits,
        max((h.last - h.first + 1 for h in hits), default=1),
        starts,
        ends,
        spans,
        quantities,
        {q.start: k for k, q in enumerate(quantities)},
        content,
        clause,
        weight,
        _auxiliaries(lex),
        _places_counted(text, toks, quantities, spans, lex, memo),
        memo,
    )


def _places_counted(
    text: str,
    toks: list[Token],
    quantities: list[Quantity],
    spans: list[tuple[int, int]],
    lex: Lexicon,
    memo: dict,
) -> frozenset[int]:
    """The starts of the counts of places of a sentence: their head noun, or the word after a name's,
    counts places ("cinque Stati", "five US states"; not "3 sono stati"). Each count's head noun is kept
    in ``memo``, the sentence's, where its figures look for it."""
    counted = _counted_places(lex)
    if not counted:
        return frozenset()
    places = set()
    for q, (_, last) in zip(quantities, spans, strict=True):
        if q.kind != "number":
            continue
        head = memo[("head", last, lex.code)] = _head_index(toks, last, text, lex)
        if head is not None and any(
            fold(text[t.start : t.end]) in counted
            for t in toks[head : head + 1 + text[toks[head].start].isupper()]
        ):
            places.add(q.start)
    return frozenset(places)


def in_names(text: str, toks: list[Token], lex: Lexicon) -> bytearray:
    """Per token, 1 where it is a word of a name of several capitalised words ("the New Popular Front",
    "la National Rally"): not the sentence's first word, nor a function word; none in a sentence in
    title case ("Death Toll Rises to 2,000"), where capitals mark no name."""
    words = [text[t.start : t.end] for t in toks]
    capital = [n > 0 and w[:1].isupper() and fold(w) not in lex.stopwords for n, w in enumerate(words)]
    long = [c for w, c in zip(words, capital, strict=True) if len(w) > 3 and not w.isdigit()]
    named = bytearray(len(toks))
    if long and sum(long) >= TITLE_CASE * len(long):
        return named
    for i in range(len(toks) - 1):
        if capital[i] and capital[i + 1] and not text[toks[i].end : toks[i + 1].start].strip():
            named[i] = named[i + 1] = 1
    return named


TITLE_CASE = 0.7  # a sentence whose longer words are capitalised this often is in title case
_CLAUSE_BREAK = re.compile(r"[,;:.!?()،؛]")
# "(£56bn)", "(44 milliards d'euros)"; not a change in brackets ("5,5 miliardi (-70%)")
RESTATED = re.compile(r"\s*\((?!\s*[-+−]?\s*[\d.,]+\s*%\s*\))[^()]{1,30}\d[^()]{0,30}\)")


@cache
def _clause_words(lex: Lexicon) -> frozenset[str]:
    """Words that start a new clause ("and", "while"): a term past one is another figure's."""
    return frozenset(fold(w) for w in lex.data.clause_words)


@cache
def auxiliary_words(lex: Lexicon) -> frozenset[str]:
    """The language's auxiliaries (language data ``auxiliaries``: "were", "sont"), folded."""
    return frozenset(fold(w) for w in lex.data.auxiliaries)


@cache
def _auxiliaries(lex: Lexicon) -> frozenset[str]:
    """Verbs and adverbs that may stand between a number and the word saying what happened to it
    ("were", "sont", "seriously"): language data ``auxiliaries``, and the subgroup words."""
    subgroups = lex.data.scope.subgroups
    return auxiliary_words(lex) | frozenset(fold(w) for w in subgroups if " " not in w)


@cache
def _people(lex: Lexicon) -> frozenset[str]:
    """Nouns that count people without naming what is measured (language data: ``people``)."""
    return frozenset(fold(w) for w in lex.data.people)


@cache
def _counted_places(lex: Lexicon) -> frozenset[str]:
    """Nouns that count places, never people (language data: ``counted_places``)."""
    return frozenset(fold(w) for w in lex.data.counted_places)


@cache
def _connectors(lex: Lexicon) -> frozenset[str]:
    subgroups = lex.data.scope.subgroups
    return frozenset(fold(w).strip("'") for w in lex.data.numbers.connectors) | frozenset(
        fold(w) for w in subgroups if " " not in w and "-" not in w
    )


@cache
def _subgroup_phrases(lex: Lexicon) -> re.Pattern[str] | None:
    """The subgroups of several words ("in serious condition", "في حالة حرجة"), skipped when looking
    for the noun a number counts."""
    return alternation([w for w in lex.data.scope.subgroups if " " in w])


def _head(reading: Reading, last: int, lex: Lexicon) -> int | None:
    """:func:`_head_index` after token ``last`` of the sentence ``reading`` read: found once per figure,
    though its metric, its noun and whether it counts people each ask for it."""
    key = ("head", last, lex.code)
    if key not in reading.memo:
        reading.memo[key] = _head_index(reading.toks, last, reading.text, lex)
    return reading.memo[key]


def _head_index(toks: list[Token], last: int, text: str, lex: Lexicon) -> int | None:
    """The noun a number counts: the first word after it but connectors and words that narrow it
    to a subgroup ("5 million paying subscribers": subscribers)."""
    connectors, inverted = _connectors(lex), _inverted_articles(lex)
    start = last + 1
    m = RESTATED.match(text, toks[last].end) if 0 <= last < len(toks) - 1 else None
    if m:  # "$69bn (£56bn) takeover": past the same amount restated in brackets
        start = bisect_left(toks, m.end(), key=lambda t: t.start)
    modifiers = _compound_modifiers(lex)
    for i in range(start, len(toks)):
        if (i > start or not m) and last >= 0 and _CLAUSE_BREAK.search(text, toks[i - 1].end, toks[i].start):
            return None  # "from 7,500 to 2,000, a drop of…", "1,404 critically, officials said": it ended
        word = fold(text[toks[i].start : toks[i].end])
        if i == start and word in _joins(lex):
            return None  # "è salito a 499 e quello dei dispersi a 427": the next item, no noun of its own
        if word in _clause_words(lex):
            return None  # "بـ30 ألفا بينما قال المنظمون", "30,000 while organisers said": its clause ended
        if (
            i == start
            and word in _auxiliaries(lex)
            and i + 2 < len(toks)
            and fold(text[toks[i + 1].start : toks[i + 1].end]) in inverted
        ):
            start += 1  # "Dodici sono le persone ancora disperse": past the verb to the article
            continue
        if word in inverted and i == start and i + 1 < len(toks):
            continue  # "Sono 2000 le persone rimaste sepolte": the noun after the article
        if i == start and (past := _past_adverbs(toks, i, text, lex)) is not None:
            return past + 1  # "sono 95 al momento i morti": the noun after the words of time and the article
        if word in modifiers and i > start and text[toks[i - 1].end : toks[i].start] == "-":
            continue  # "50 heat-related deaths": past the modifier
        if word not in connectors and not (
            i + 1 < len(toks)
            and text[toks[i].end : toks[i + 1].start] == "-"
            and fold(text[toks[i + 1].start : toks[i + 1].end]) in modifiers
        ):
            return i
    return None


ADVERB_WORDS = 3  # words of time or extent that may stand between a number put first and its article


def _past_adverbs(toks: list[Token], at: int, text: str, lex: Lexicon) -> int | None:
    """Where the article after a few words of time or extent (language data ``inverted_adverbs``) stands,
    from token ``at`` right after a number put first ("sono 95 al momento i morti"), if one does before
    the noun it opens."""
    adverbs, inverted = _inverted_adverbs(lex), _inverted_articles(lex)
    end = min(len(toks) - 1, at + ADVERB_WORDS + 1)
    for k in range(at, end):
        word = fold(text[toks[k].start : toks[k].end])
        if word in inverted:
            return k if k > at else None
        if word not in adverbs:
            return None
    return None


@cache
def _inverted_adverbs(lex: Lexicon) -> frozenset[str]:
    """Words of time or extent between a number put first and its article (``inverted_adverbs``)."""
    return frozenset(fold(w) for w in lex.data.inverted_adverbs)


@cache
def _joins(lex: Lexicon) -> frozenset[str]:
    """Words that join two items (language data ``attribution.conjunctions``: "and", "e", "et", "و")."""
    return frozenset(fold(w) for w in lex.data.attribution.conjunctions)


@cache
def _compound_modifiers(lex: Lexicon) -> frozenset[str]:
    """Last words of a hyphenated modifier before a noun (language data ``numbers.compound_modifiers``)."""
    return frozenset(fold(w) for w in lex.data.numbers.compound_modifiers)


@cache
def _inverted_articles(lex: Lexicon) -> frozenset[str]:
    """Articles between a number put first and its noun (language data ``inverted_articles``)."""
    return frozenset(fold(w) for w in lex.data.inverted_articles)


def _gap(h: TermHit, a: int, b: int) -> int:
    return h.first - b if h.first > b else a - h.last if h.last < a else 0


_HYPHENED = re.compile(r"-[^\W\d_]")  # a number joined to the word after it: "three-train", "7-magnitude"


def _claimed(
    reading: Reading, h: TermHit, concept: Concept, mine: tuple[int, int], exclude: frozenset[int]
) -> bool:
    """Whether term ``h`` (of ``concept``) belongs to another quantity of the sentence than the one
    spanning ``mine`` (none that starts at an offset of ``exclude``, none it does not fit): one
    nearer to it in its clause, or any in its clause when the number is in another ("5,300 were
    killed and 10,000 are missing")."""
    spans, quantities, clause = reading.spans, reading.quantities, reading.clause
    k = bisect_left(spans, (h.first, -1))
    reach = len(exclude) + 1
    own = _gap(h, *mine)
    same = clause[min(mine[0], len(clause) - 1)] == clause[h.first] if clause else True
    for n in range(max(0, k - reach), min(len(spans), k + reach)):
        o = quantities[n]
        if (
            o.start in exclude
            or o.start in reading.places  # "morts dans cinq départements": the five count their own noun
            or not (fits(concept, o) or (concept.dimension == "count" and o.kind in ("number", "percent")))
            # "in the three-train crash": a modifier holds no term but the word it is joined to ("7-magnitude")
            or (_HYPHENED.match(reading.text, o.end) and h.first != spans[n][1] + 1)
        ):  # a count's word may be a share's ("half of its staff were laid off"); an amount's is no percent's
            continue
        gap = _gap(h, *spans[n])
        in_clause = clause and clause[min(spans[n][0], len(clause) - 1)] == clause[h.first]
        if ((gap < own and (in_clause or not same)) or (in_clause and not same)) and not (
            h.last < spans[n][0]
            and (
                (
                    mine[1] < h.first
                    and (_worded(reading, spans[n][1]) or _worded_before(reading, h, spans[n][0]))
                )
                or (spans[n][1] < mine[0] and concept.dimension == "money" and _worded(reading, spans[n][1]))
            )
        ):  # "190 people were killed with 584 injured", "لقي 50 شخصا حتفهم وأصيب 200": between them, and
            # the 584, the 200 has its own word; "acquired for $95 per share, for a total of $68.7 billion":
            # an amount's term before both, and the nearer has its own word (a list of counts, "19 vittime,
            # la Georgia 15", shares the first's word)
            return True
    return False


def _worded(reading: Reading, last: int) -> bool:
    """Whether the number ending at token ``last`` has a term of its own right after it, verbs and
    adverbs between allowed: a term before it is not its ("at least 190 people were killed with 584
    injured", "100 persone sono morte e altre 150 sono rimaste ferite": "killed", "morte" are not the
    584's, the 150's)."""
    k = bisect_left(reading.hits, last + 1, key=lambda x: x.first)
    if k == len(reading.hits):
        return False
    text, toks = reading.text, reading.toks
    return all(
        fold(text[t.start : t.end]) in reading.auxiliaries for t in toks[last + 1 : reading.hits[k].first]
    )


def _worded_before(reading: Reading, h: TermHit, first: int) -> bool:
    """Whether the number starting at token ``first`` has a term of its own right before it, after term
    ``h`` ("حتفهم وأصيب 200": "وأصيب", injured, is the 200's; "حتفهم", dead, is not)."""
    k = bisect_left(reading.hits, first, key=lambda x: x.first)
    return k > 0 and reading.hits[k - 1].last == first - 1 and reading.hits[k - 1].first > h.last


def choose_metric(
    q: Quantity,
    reading: Reading,
    kb: Knowledge,
    lex: Lexicon,
    *,
    changing: bool,
    kinds: tuple[str, ...] | None = None,
    besides: tuple[Quantity, ...] = (),
) -> str | None:
    """The concept for ``q`` (offsets relative to the sentence ``reading`` read), or None. A count is about
    its head noun ("1.000 firmatari" counts signatories), else a term before it; other figures take the
    nearest fitting term (a change of anything: :func:`_named_change`). Either way a flow that decreases
    the chosen stock, or a part of it, wins when the sentence names it ("7500 salariés seront licenciés":
    layoffs; "2 808 548 électeurs ont voté": voted), not before words of a whole ("laid off out of 300,000
    employees"). A term belongs to the number nearest it: others but ``q`` and ``besides`` may hold it."""
    if not reading.hits:  # a sentence that names no concept (a row of a table): no term to choose from
        return None
    first, last = reading.span(q)
    head = _head(reading, last, lex) if q.kind == "number" else None
    usable = _usable_terms(q, reading, kb, head, changing=changing, kinds=kinds, besides=besides)
    near = _nearest(usable, reading, first, last, further=q.kind in _FURTHER)
    terms = partial(_unheld_terms, q, reading, kb, changing=changing, kinds=kinds, besides=besides)
    label = _scale_named(usable, reading, kb, first) if q.kind == "number" else None
    if label is not None:  # "magnitude 6.9 occurred", "a magnitude of 7.6": a reading after its scale's name
        return _of_thing_named(label, q, reading, kb, lex)
    if q.kind == "number":
        best = _counted_concept(reading, kb, lex, usable, near, head, first, last)
        if best is None and head is None:  # the count ends its clause: what the clause is about
            best = _clause_subject(q, reading, terms, lex)
    elif near and not near[0][2] and at_level(q, reading, lex, changing=changing):
        # "turnout, which stood at 46.1 percent in the September 7 ballot": what reached the level
        best = _level_subject(q, reading, kb, terms) or near[0][1]
    elif near:
        best = near[0][1] if not near[0][2] else _head_of_phrase(near[0][1], usable, first, reading, lex)
        best = _named_change(best, usable, reading, kb, first)
    else:
        best = _only_amount_term(q, reading, kb, changing=changing, kinds=kinds, besides=besides)
    if (
        best is None
        and (head is None or _names_nothing(reading, head, lex))
        and at_level(q, reading, lex, changing=changing)
    ):  # "the toll had reached 72 people", "grew to 126 Saturday"; not "stock to 304 thousand units"
        best = _level_subject(q, reading, kb, terms)
    if best is None:
        return None
    home = reading.clause[min(first, len(reading.clause) - 1)] if reading.clause else 0
    own = {h.concept for h in usable if not reading.clause or reading.clause[h.first] == home}
    whole = phrase_before(_whole_words(lex), reading.text, q.start)
    for d, cid, is_before in near:
        c = kb.concepts[cid]
        if best in (c.decreases, c.increases) and cid in own and not (is_before and whole):
            # "7500 salariés seront licenciés": layoffs; "5,000 migrants arrived": arrivals; not "It had
            # 125,000 employees and plans cuts", nor "how many will be laid off out of 300,000 employees"
            return cid
        if best == c.subset_of and (
            d < 1 or _said_of(cid, usable, reading, last if head is None else head, lex)
        ):
            return cid  # "2 808 548 électeurs ont voté", not "9.7 million voters were invited to cast..."
    return _of_thing_named(best, q, reading, kb, lex)


def _named_change(best: str, usable: list[TermHit], reading: Reading, kb: Knowledge, first: int) -> str:
    """A change of anything (a ``generic`` concept's term: "in crescita del 30,3%", "بنمو 30.3%") is the
    change of what the figure's clause names, or its sentence before it ("ricavi pari a 989,92 miliardi,
    in crescita del 30,3%": the revenue's); else ``best``."""
    if not kb.concepts[best].generic or not reading.clause:
        return best
    home = reading.clause[min(first, len(reading.clause) - 1)]
    kind = kb.concepts[best].kind
    return next(
        (
            h.concept
            for h in usable
            if (reading.clause[h.first] == home or h.last < first)
            and kb.concepts[h.concept].kind == kind
            and not kb.concepts[h.concept].generic
        ),
        best,
    )


def befell(
    q: Quantity, whole: Quantity, reading: Reading, kb: Knowledge, *, changing: bool, other_than: str | None
) -> str | None:
    """What the words after a count of a count say befell its people ("179 of the 181 people on board
    were killed", "cinq des six membres d'équipage sont morts"): the nearest term after ``whole``, held by
    no figure but ``whole``, of a concept whose verbs say what was done to people, other than
    ``other_than`` (the whole's); None when none is said."""
    last = reading.span(whole)[1]
    reach = WINDOW + last - reading.span(q)[1]  # as far after the whole as a term may stand after a figure
    terms = _unheld_terms(q, reading, kb, changing=changing, kinds=None, besides=(whole,), reach=reach)
    said = [
        h
        for h in terms
        if h.first > last and kb.concepts[h.concept].befalls_people and h.concept != other_than
    ]
    return min(said, key=lambda h: h.first).concept if said else None


def _unheld_terms(
    q: Quantity,
    reading: Reading,
    kb: Knowledge,
    *,
    changing: bool,
    kinds: tuple[str, ...] | None,
    besides: tuple[Quantity, ...],
    reach: int,
) -> list[TermHit]:
    """The terms of ``q``'s sentence within ``reach`` tokens that no nearer figure holds, the name of a
    scale a reading follows ("magnitude 7.7") holding no other."""
    return _usable_terms(
        q,
        reading,
        kb,
        None,
        changing=changing,
        kinds=kinds,
        besides=(*besides, *_labelled(reading, kb)),
        reach=reach,
    )


def _clause_subject(
    q: Quantity, reading: Reading, terms: Callable[..., list[TermHit]], lex: Lexicon
) -> str | None:
    """For a count that ends its clause with no term near it, the first term of the clause, however
    far before it, that no nearer figure holds: what the clause is about ("The death toll from the
    magnitude 7.7 earthquake in Southeast Asia has reached 1,644, the government said"; a reading
    right after its scale's name, "magnitude 7.7", holds no other term; nor does the title of a name,
    :func:`_titling`)."""
    first, _ = reading.span(q)
    clause = reading.clause
    home = clause[min(first, len(clause) - 1)] if clause else 0
    start = reading.clause_tokens(home)[0]  # its clause's terms only: linear in the sentence's figures
    usable = terms(reach=first - start)
    before = [
        h for h in usable if start <= h.first and h.last < first and not _titling(h, reading, first, lex)
    ]
    return before[0].concept if before else None


def _level_subject(
    q: Quantity, reading: Reading, kb: Knowledge, terms: Callable[..., list[TermHit]]
) -> str | None:
    """For a figure that is the level something reached (:func:`at_level`), what reached it: the first
    term of its clause before it, however far, else of the nearest clause before it that has one ("The
    death toll in the earthquakes that hit the Noto Peninsula and other areas [...] had reached 72
    people"), else the first term after it in its clause ("È salito a 22 il numero delle persone
    morte"); none that a nearer figure holds, none generic ("il terremoto che ha colpito il Marocco i
    morti hanno superato le mille unità": the dead, not those affected)."""
    first, last = reading.span(q)
    clause = reading.clause
    home = clause[min(first, len(clause) - 1)] if clause else 0
    usable = terms(reach=len(reading.toks))
    before = [h for h in usable if h.last < first and not kb.concepts[h.concept].generic]
    if before:
        return next(h.concept for h in before if clause[h.first] == clause[before[-1].first])
    after = [h for h in usable if h.first > last and clause[h.first] == home]
    return after[0].concept if after else None


@cache
def _level_words(lex: Lexicon) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns of the language's level words, and of its "to" words, ending right before a figure
    (an article between them allowed): language data ``levels``."""
    levels = lex.data.levels
    articles = alternation(levels.articles)
    tail = rf"(?:\s+(?:{articles.pattern}))?\s*$" if articles is not None else r"\s*$"

    def pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
        listed = alternation(words)
        return re.compile(rf"(?:{listed.pattern}){tail}", re.IGNORECASE) if listed is not None else None

    return pattern(levels.words), pattern(levels.to)


def at_level(q: Quantity, reading: Reading, lex: Lexicon, *, changing: bool) -> bool:
    """Whether a level word stands right before ``q`` ("had reached 72", "s'est élevé à plus de 50%",
    "hanno superato le mille unità"), or a "to" word in a sentence of change ("grew to 126", "ارتفعت
    [...] إلى 227"): the figure is the level its clause's subject reached, whatever noun follows it."""
    words, to = _level_words(lex)
    before = reading.text[max(0, q.start - LEVEL_REACH) : q.start]
    return any(p is not None and p.search(before) for p in (words, to if changing else None))


LEVEL_REACH = 40  # characters before a figure where its level word is looked for


def _labelled(reading: Reading, kb: Knowledge) -> tuple[Quantity, ...]:
    """The quantities of a sentence read right after the name of their scale ("magnitude 7.7") or right
    before it ("the 7-magnitude earthquake"), found once per sentence."""
    if "labelled" not in reading.memo:
        scales = [h for h in reading.hits if kb.concepts[h.concept].dimension == "scale"]
        starts = {h.first for h in scales}
        after = {f for h in scales for f in range(h.last + 1, h.last + 4) if _names_scale(reading, h, f)}
        reading.memo["labelled"] = tuple(
            o
            for o, (f, last) in zip(reading.quantities, reading.spans, strict=True)
            if last + 1 in starts or f in after
        )
    return reading.memo["labelled"]


def _scale_named(usable: list[TermHit], reading: Reading, kb: Knowledge, first: int) -> str | None:
    """The scale whose name stands right before the number whose first token is ``first``
    (:func:`_names_scale`), if one does."""
    return next(
        (
            h.concept
            for h in usable
            if kb.concepts[h.concept].dimension == "scale" and _names_scale(reading, h, first)
        ),
        None,
    )


def _of_thing_named(best: str, q: Quantity, reading: Reading, kb: Knowledge, lex: Lexicon) -> str:
    """A reading on a scale (``best``, by its scale's name) takes the concept of a reading of a part of
    what it measures (``subset_of`` it) whose term, the thing measured, stands before it in its sentence
    with no event named between, nor after it: "five aftershocks with magnitudes of 5.5, 4.7", "هزات
    ارتدادية بقوة 5.5" are aftershocks' (not "the aftershocks of the magnitude 6.2 quake", "51 scosse di
    assestamento [...] il primo terremoto di magnitudo 6.2")."""
    if kb.concepts[best].dimension != "scale":
        return best
    first, last = reading.span(q)
    thing = max(
        (
            h
            for h in reading.hits
            if h.last < first and kb.concepts[h.concept].subset_of == best and fits(kb.concepts[h.concept], q)
        ),
        key=lambda h: h.last,
        default=None,
    )
    if thing is None:
        return best
    toks, text = reading.toks, reading.text
    named = (
        is_event_word(text[t.start : t.end], lex)
        for t in toks[thing.last + 1 : first] + toks[last + 1 : last + 2]
    )
    return best if any(named) else thing.concept


def _names_scale(reading: Reading, h: TermHit, first: int) -> bool:
    """Whether the name of a scale ``h`` stands right before the reading whose first token is ``first``,
    only function words between: "magnitude 7.6", "a magnitude of 7.6", "d'une magnitude de 7,5"."""
    return h.last < first <= h.last + 3 and reading.weight[first] == reading.weight[h.last + 1]


def _only_amount_term(
    q: Quantity,
    reading: Reading,
    kb: Knowledge,
    *,
    changing: bool,
    kinds: tuple[str, ...] | None,
    besides: tuple[Quantity, ...],
) -> str | None:
    """For an amount of money with no term near it, the one money concept its sentence names farther
    away, no nearer amount holding it ("Microsoft acquired Activision [...] for the sum of $68.7
    billion"); None when the sentence names none, or several."""
    if q.kind != "money" or not any(kb.concepts[c].dimension == "money" for c in concepts_of(reading)):
        return None  # none named: no look through the sentence's terms (linear in its figures)
    usable = _usable_terms(
        q, reading, kb, None, changing=changing, kinds=kinds, besides=besides, reach=len(reading.toks)
    )
    concepts = {h.concept for h in usable}
    return concepts.pop() if len(concepts) == 1 else None


def concepts_of(reading: Reading) -> tuple[str, ...]:
    """The concepts a sentence names, each once (found once for all its figures)."""
    if "concepts" not in reading.memo:
        reading.memo["concepts"] = tuple(dict.fromkeys(h.concept for h in reading.hits))
    return reading.memo["concepts"]


def _usable_terms(
    q: Quantity,
    reading: Reading,
    kb: Knowledge,
    head: int | None,
    *,
    changing: bool,
    kinds: tuple[str, ...] | None,
    besides: tuple[Quantity, ...],
    reach: int = WINDOW,
) -> list[TermHit]:
    """The terms ``q`` may be a figure of: within the window around it or at its head noun, fitting it,
    of the ``kinds`` asked, with a change word when they need one, and held by no nearer number."""
    text = reading.text
    first, last = reading.span(q)
    exclude = frozenset(o.start for o in (q, *besides))
    restated = RESTATED.match(text, q.end)
    if restated:  # "$69bn (£56bn) takeover": the amount in brackets claims no word of the one it restates
        exclude |= {o.start for o in reading.quantities if restated.start() <= o.start < restated.end()}
    hits = reading.hits  # only those within the window, or at the head noun, can be chosen
    lo = bisect_left(hits, first - max(reach, BEFORE_REACH) - reading.longest, key=lambda h: h.first)
    hi = bisect_right(hits, last + reach + 1, key=lambda h: h.first)
    around = hits[lo:hi]
    if head is not None and head > last + reach + 1:
        k = bisect_left(hits, head, key=lambda h: h.first)
        around = around + hits[k : bisect_right(hits, head, k, key=lambda h: h.first)]
    return [
        h
        for h in around
        if fits(kb.concepts[h.concept], q)
        and (not kinds or kb.concepts[h.concept].kind in kinds)
        and (changing or not kb.concepts[h.concept].needs_change_word)
        and (h.first > last or h.last < first)
        # a term belongs to the number nearest to it in its clause
        and not _claimed(reading, h, kb.concepts[h.concept], (first, last), exclude)
    ]


def _distance(h: TermHit, first: int, last: int) -> float:
    return h.first - last - 1 if h.first > last else first - h.last - 1 + 0.5


def _near_before(h: TermHit, reading: Reading, first: int) -> bool:
    """Whether term ``h``, before a number whose first token is ``first``, is further than the window
    but with at most ``WORDS_BEFORE`` content words between ("L'affluenza alle elezioni federali del 23
    febbraio 2025 ha raggiunto l'82,5%": articles, prepositions and a date's digits are not counted)."""
    return h.last < first and reading.weight[first] - reading.weight[h.last + 1] <= WORDS_BEFORE


def _nearest(
    usable: list[TermHit], reading: Reading, first: int, last: int, *, further: bool
) -> list[tuple[float, str, bool]]:
    """(distance, concept, whether before the number) of the usable terms within the window: those of
    the number's own clause first, nearest first."""
    clause = reading.clause
    home = clause[min(first, len(clause) - 1)] if clause else 0
    return [
        (_distance(h, first, last), h.concept, h.last < first)
        for _, h in sorted(
            ((clause[h.first] != home, _distance(h, first, last), h.concept), h)
            for h in usable
            if _distance(h, first, last) <= WINDOW or (further and _near_before(h, reading, first))
        )
    ]


def _counted_concept(
    reading: Reading,
    kb: Knowledge,
    lex: Lexicon,
    usable: list[TermHit],
    near: list[tuple[float, str, bool]],
    head: int | None,
    first: int,
    last: int,
) -> str | None:
    """What a count counts: its head noun's concept ("1.000 firmatari"); for people, what the words
    around them say happened ("50 people were killed"), or the people that make up the events they
    name ("100,000 people at the demonstration": protesters); with no head noun, a term before it."""
    toks, text = reading.toks, reading.text
    head_word = fold(text[toks[head].start : toks[head].end]) if head is not None else None
    if head_word is not None and head_word in _people(lex):
        # "50 people were killed", "killing 50 people": what the words around them say happened
        around_head = [
            c for _, c, _ in near if not any(h.first <= head <= h.last and h.concept == c for h in usable)
        ]
        at_head = [h.concept for h in usable if h.first <= head <= h.last]
        best = (around_head or at_head)[0] if around_head or at_head else None
        return kb.concepts[best].people or best if best else None
    if head_word is not None and head_word not in lex.stopwords:
        at_head = [h.concept for h in usable if h.first <= head <= h.last] or _compound(
            reading, [h for h in usable if not kb.concepts[h.concept].generic], head
        )
        done = _done_to_them(reading, kb, lex, usable, first, last, at_head)
        if done or at_head:
            return done or _befell_them(at_head[0], reading, kb, lex, usable, head)
        among = _among_them(reading, kb, lex, usable, first, head)
        if among:
            return among
        # "13 climbers killed", "escursionisti sono morti": what is said to have happened to them
        said = [
            c
            for _, c, is_before in near
            if not is_before
            and kb.concepts[c].dimension == "count"
            and not kb.concepts[c].generic
            and _said_of(c, usable, reading, head, lex)
        ]
        return said[0] if said else None  # none: the number counts something no concept names
    # "the toll rose to 5,000"; or a term one word after it: "10,000 are missing"
    clause = reading.clause
    home = clause[min(first, len(clause) - 1)] if clause else 0
    own_clause = {h.concept for h in usable if clause and clause[h.first] == home}
    before = [
        c
        for d, c, is_before in near
        if (is_before and not _titles_a_name(c, usable, reading, first, lex))
        or ((d <= 1 or _said_of(c, usable, reading, last, lex)) and c in own_clause)
    ]
    return _head_of_phrase(before[0], usable, first, reading, lex) if before else None


def _titles_a_name(cid: str, usable: list[TermHit], reading: Reading, first: int, lex: Lexicon) -> bool:
    """Whether the last term of ``cid`` before a count (its first token ``first``) is a title
    (:func:`_titling`)."""
    h = max((h for h in usable if h.concept == cid and h.last < first), key=lambda h: h.last, default=None)
    return h is not None and _titling(h, reading, first, lex)


def _titling(h: TermHit, reading: Reading, first: int, lex: Lexicon) -> bool:
    """Whether term ``h`` is the title of a name written right after it, before a count (its first token
    ``first``): "the top security body Saeed Jalili received 9.4 million", "lawmaker Masoud Pezeshkian
    got 10.4 million": a word of who, not of what is counted."""
    if h.last + 2 >= first:
        return False
    key = ("names", lex.code)
    if key not in reading.memo:
        reading.memo[key] = in_names(reading.text, reading.toks, lex)
    return bool(reading.memo[key][h.last + 1])


# words after a count's first noun that may still be of its noun phrase ("Florida utility customers")
COMPOUND = 2


def _compound(reading: Reading, usable: list[TermHit], head: int) -> list[str]:
    """The concepts of terms among the ``COMPOUND`` content words right after a count's first noun, no
    other word between, in its clause: the noun the first one modifies ("2.1 million Florida utility
    customers", "47 hotel employees"); ``usable`` holds no generic concept ("devices affected")."""
    toks, clause = reading.toks, reading.clause
    last = head
    while (
        last + 1 < len(toks)
        and last - head < COMPOUND
        and toks[last + 1].stem[:1] != "\0"  # a content word (a function word's stem is marked)
        and clause[last + 1] == clause[head]
        and not reading.text[toks[last].end : toks[last + 1].start].strip()
    ):
        last += 1
    return [h.concept for h in usable if head < h.first <= last and h.last <= last]


def _done_to_them(
    reading: Reading,
    kb: Knowledge,
    lex: Lexicon,
    usable: list[TermHit],
    first: int,
    last: int,
    at_head: list[str],
) -> str | None:
    """What a term right before a count (its tokens ``first``-``last``) says was done to the people it
    counts, when that says more than its head noun (``at_head``: the concepts it names): "a tué 13
    randonneurs", "killing 11 climbers", "arrested 45 protesters" (over who they are, a stock); not
    another count's noun ("50 قتيلا ونحو 300 مصاب": the 300 are injured)."""
    done = [
        h
        for h in usable
        if h.last < first
        and _distance(h, first, last) < 1
        and kb.concepts[h.concept].befalls_people
        and not _among(reading, h, lex)
    ]
    if not done:
        return None
    if not at_head or (kb.concepts[at_head[0]].kind == "stock" and not _after_count(reading, done[0].first)):
        return done[0].concept
    return None


def _befell_them(
    counted: str, reading: Reading, kb: Knowledge, lex: Lexicon, usable: list[TermHit], head: int
) -> str:
    """What the words right after a count's noun say befell the people it counts, when its noun is a
    stock of them ("179 passengers were killed", "150 passeggeri sono rimasti feriti", "263 police officers
    were injured"): those it befell, not all the passengers; else the noun's own concept (``counted``)."""
    c = kb.concepts[counted]
    if c.dimension != "count" or c.befalls_people:
        return counted
    # the noun's last word: "263 police officers were injured"
    noun = max((h.last for h in usable if h.first <= head <= h.last and h.concept == counted), default=head)
    befell = [
        h.concept
        for h in usable
        if h.first > noun
        and kb.concepts[h.concept].befalls_people
        and _said_of(h.concept, usable, reading, noun, lex)
    ]
    return befell[0] if befell else counted


# content words at most between a count and the term of those it is some of ("Among the dead were 98")
AMONG_REACH = 2


def _among_them(
    reading: Reading, kb: Knowledge, lex: Lexicon, usable: list[TermHit], first: int, head: int
) -> str | None:
    """What befell the people of one country a count is some of (its first token ``first``, its noun
    ``head``): a term after words of ``scope.among``, right after its noun ("660 Egyptians among the
    dead") or right before the count ("Among the dead were 98 Indians", "Tra le vittime, 98 indiani"),
    when its noun names a nationality, its scope (resolve/scope.py). A count of another noun ("من بين
    الضحايا حوالي 10 تلاميذ", pupils) is some of them too, but not a whole of its own: left unmapped."""
    toks, text = reading.toks, reading.text
    if not any(nationality(text[t.start : t.end], lex) for t in toks[head : head + 2]):
        return None
    for h in usable:
        c = kb.concepts[h.concept]
        if not (c.befalls_people and c.dimension == "count" and _among(reading, h, lex)):
            continue
        words = reading.weight[first] - reading.weight[h.last + 1] if h.last < first else h.first - head - 1
        if words <= AMONG_REACH:
            return h.concept
    return None


def _after_count(reading: Reading, token: int) -> bool:
    """Whether a number of the sentence ends right before token ``token``: a word there is its noun."""
    return any(end == token - 1 for _, end in reading.spans)


def _among(reading: Reading, h: TermHit, lex: Lexicon) -> bool:
    """Whether words of ``scope.among`` come right before term ``h`` ("من بين الضحايا حوالي 10 تلاميذ",
    "among the dead, 10 pupils"): the count after it is some of them, not all that was done."""
    return phrase_before(_among_words(lex), reading.text, reading.toks[h.first].start)


@cache
def _whole_words(lex: Lexicon) -> re.Pattern[str] | None:
    """Words right before a figure that make it a whole with no part before it (``scope.whole_before``)."""
    return phrase_ending(lex.data.scope.whole_before)


@cache
def _among_words(lex: Lexicon) -> re.Pattern[str] | None:
    return phrase_ending(lex.data.scope.among)


def _said_of(cid: str, usable: list[TermHit], reading: Reading, last: int, lex: Lexicon) -> bool:
    """ "1404 were seriously injured": only verbs and adverbs between the number (or its head noun,
    ending at token ``last``) and the term, or the nationality of those counted ("323 حاجا مصريا فارقوا
    الحياة", "173 passagers coréens sont morts")."""
    toks, text = reading.toks, reading.text
    h = next(h for h in usable if h.concept == cid)
    auxiliaries = _auxiliaries(lex)
    return h.first > last and all(
        fold(text[t.start : t.end]) in auxiliaries or nationality(text[t.start : t.end], lex)
        for t in toks[last + 1 : h.first]
    )


def _head_of_phrase(cid: str, usable: list[TermHit], first: int, reading: Reading, lex: Lexicon) -> str:
    """The term a phrase before a number is about: in "the death toll from the wildfires is 89" or
    "il bilancio dei morti dell'alluvione", the first term, of which the later ones are complements."""
    toks, text = reading.toks, reading.text
    words = _complement_words(lex)
    hit = max((h for h in usable if h.concept == cid and h.last < first), key=lambda h: h.last, default=None)
    if hit is None or not words:
        return cid
    for h in sorted(
        (h for h in usable if h.last < hit.first and hit.first - h.last <= 5), key=lambda h: h.first
    ):
        between = [fold(text[t.start : t.end]) for t in toks[h.last + 1 : hit.first]]
        if between and between[0] in words and reading.clause[h.first] == reading.clause[hit.first]:
            return h.concept
    return cid


@cache
def _complement_words(lex: Lexicon) -> frozenset[str]:
    """Words that open the complement of a noun ("toll from the floods"): language data."""
    return frozenset(fold(w).strip("'") for w in lex.data.complement_words)


def family_collisions(kb: Knowledge, lexicons: Iterable[Lexicon]) -> list[str]:
    """Where a term of one concept of a ``distinct`` family, in each of its forms, is read by the
    matching the resolver does in that language (folding, stemming, joined prefixes, longest term
    first) as another concept of that family: "concept: 'term' (lang) is read as other"."""
    found = []
    for lex in lexicons:
        for family in kb.distinct:
            for cid in family:
                for term in kb.concepts[cid].terms.get(lex.code, ()):
                    for form in prefixed(term, lex):
                        landed = {h.concept for h in term_hits(tokens(form, lex), kb, lex, form)}
                        found += [
                            f"{cid}: {form!r} ({lex.code}) is read as {other}"
                            for other in sorted(landed & set(family) - {cid})
                        ]
    return found
