"""Stage 4, resolve: each quantity of an article -> a Claim with entity, metric, time and attribution."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, partial

import numpy as np

from factcheck.models import (
    FROM,
    PART,
    REFERENCE,
    RIVAL,
    UNMAPPED,
    WHOLE,
    Article,
    Claim,
    ClaimRun,
    DateMention,
    Quantity,
    Sentence,
    evolve,
    within,
)
from factcheck.quantities import Found, bare
from factcheck.quantities.bare import Figures, overlapping
from factcheck.quantities.lexicon import Lexicon, alternation, caseless, fold, phrase_before, phrase_ending
from factcheck.quantities.spans import Spans
from factcheck.resolve.attribution import Said, claimants
from factcheck.resolve.currency import in_full
from factcheck.resolve.dates import find_dates
from factcheck.resolve.discover import counted
from factcheck.resolve.entity import (
    ArticleSubjects,
    about_event,
    carried,
    dates_event,
    last_named,
    main_subject,
    nearest_entity,
    not_media,
)
from factcheck.resolve.knowledge import Concept, Event, Hit, Knowledge, load_knowledge
from factcheck.resolve.metric import (
    Reading,
    at_level,
    befell,
    carried_metric,
    choose_metric,
    concepts_of,
    counts_no_noun,
    counts_people,
    fits,
    head_noun,
    read_sentence,
    term_hits,
    tokens,
)
from factcheck.resolve.scope import (
    CHANGE,
    FORECAST,
    MAJORITY,
    SAMPLE,
    THRESHOLD,
    article_stage,
    changed_by,
    compared_between,
    counted_as_change,
    describes_whole,
    enumerated,
    expected_before,
    figure_scope,
    figure_stage,
    for_rival,
    given_for_comparison,
    is_made_of,
    is_partitive,
    is_whole_after,
    is_whole_first,
    measured_from,
    place_between,
    rate_scope,
    said_as_change,
    said_as_difference,
    said_as_increment,
    setting,
    shared_out,
    span_scope,
)

__all__ = ["Knowledge", "load_knowledge", "resolve_article"]

_NEAR = 80  # how many characters after a distance may name the place it is measured from
_WORD_REACH = 40  # characters before a figure looked at for the word right before it


def _time(
    q: Quantity,
    role: str | None,
    sentence: Sentence,
    mentions: list[DateMention],
    events: list[Hit],
    kb: Knowledge,
    article: Article,
    about: Event | None = None,
    written: tuple[DateMention | None, bool] = (None, False),
):
    """(period_start, period_end, time_basis, precision) for a quantity (offsets relative to the article);
    ``about``: the event the quantity's metric is a figure of (a purchase price: the purchase);
    ``written``: the date written nearest to it and whether that date opens a period running to the
    article's day (:func:`_written_date`)."""
    event = kb.events[events[0].id] if events else about
    period = (  # looked for only for the ends of a transition, which alone take it
        next(
            (
                m
                for m in mentions
                if sentence.start <= m.start and m.end <= sentence.end and m.precision == "period"
            ),
            None,
        )
        if role in ("from", "to")
        else None
    )
    if period is not None:  # "de 2 à 5 millions entre janvier et mars": its two ends
        day = period.first if role == "from" else period.last
        return day, day, "explicit", "day"
    if role == "from":
        return (event.date, event.date, "event", "day") if event else (None, None, "unknown", None)
    if role != "to":
        m, opens = written
        if m is not None and opens:
            if article.published:
                return m.first, article.published, "explicit", "period"  # "since January": to its day
            m = None  # "the biggest toll since 1918" in an undated article: of its own time, unknown
        if m is not None:
            return m.first, m.last, "explicit", m.precision
        if event and events and events[0].mode == "since":
            return event.date, article.published, "event", "period"
        if event:
            return event.date, event.date, "event", "day"
    if (
        article.date_basis == "archive"
    ):  # no date of its own: between the posts around it (no start: "no later than")
        return article.published_from, article.published, "archive", "period"
    published = article.published
    if published and article.published_from:  # the manifest gives a month or a year
        return article.published_from, published, "published", "period"
    return published, published, ("published" if published else "unknown"), ("day" if published else None)


@cache
def _since(lex: Lexicon) -> re.Pattern[str] | None:
    """The words that make the date after them the start of a period (``dates.since``)."""
    words = alternation(lex.data.dates.since)
    return re.compile(rf"(?<!\w)(?:{words.pattern})\s*", re.IGNORECASE) if words is not None else None


def _written_date(
    q: Quantity, role: str | None, mentions: list[DateMention], s: _Sentence, concept: Concept | None
) -> tuple[DateMention | None, bool]:
    """The date written nearest to figure ``q`` in its sentence ``s`` (:func:`_nearest_date`; none for
    the "to" end of a transition) and whether it opens a period ("since January", :func:`_opens_period`):
    read once per figure, for its time and for its scope. A running total (its ``concept`` cumulative)
    takes no date its event is said with ("1,100 injured in the June 2 crash": counted since that day,
    :func:`entity.dates_event`)."""
    text, lex = s.ctx.article.text, s.lex
    change = concept is not None and concept.kind == "change"  # "down 17% compared to 2023": its base
    m = _nearest_date(q, s.sentence, mentions, text, lex, base=change) if role != "to" else None
    opens = m is not None and _opens_period(text, m, _since(lex)) and not _then(text, m, q, lex)
    toll = concept is not None and concept.cumulative
    if toll and m is not None and not opens and dates_event(text, m.start, m.end, lex):
        return None, False
    return m, opens


def _nearest_date(
    q: Quantity,
    sentence: Sentence,
    mentions: list[DateMention],
    text: str,
    lex: Lexicon,
    *,
    base: bool = False,
) -> DateMention | None:
    """The date written nearest to ``q`` in its sentence (offsets in the article), if any; not a year
    nor a day counted back written after it in another clause ("27.7 per cent, compared to 45 per cent
    in 2019": 2019 is the 45's; "500,000 demonstrators, twice as many as last week's": the protests'),
    nor a date written after a phrase of comparison that follows it ("74,3 miliardi, in calo del 13%
    rispetto allo stesso periodo del 2024": the time it is compared with), unless ``base``: a change's
    base is the time it is of ("down 17% compared to 2023")."""
    inside = [
        m
        for m in mentions
        if sentence.start <= m.start
        and m.end <= sentence.end
        and not (
            (m.precision == "year" or m.relative)
            and m.start >= q.end
            and _DATE_BREAK.search(text, q.end, m.start)
        )
        and (base or m.start < q.end or not compared_between(text, q.end, m.start, lex))
    ]

    def words_between(m: DateMention) -> int:  # "7146 cas en 2022 à 14957 en 2023": one word each side
        return len(_WORD.findall(text, *((q.end, m.start) if m.start >= q.end else (m.end, q.start))))

    return min(  # equally near: the one after it ("5 bn in the first half of 2024 and 1 bn in the fourth quarter")
        inside,
        key=lambda m: (words_between(m), m.start < q.start, min(abs(m.start - q.end), abs(q.start - m.end))),
        default=None,
    )


_DATE_BREAK = re.compile(r"[,;:()–—،]")  # a year past one of these after a figure is another's


def _last_break(text: str, start: int, end: int) -> int:
    """Where the last :data:`_DATE_BREAK` of ``text[start:end]`` is (``start`` when there is none)."""
    return max((m.start() for m in _DATE_BREAK.finditer(text, start, end)), default=start)


def _next_break(text: str, start: int) -> int:
    """Where the first :data:`_DATE_BREAK` from ``start`` on is (the end of ``text`` when there is none)."""
    m = _DATE_BREAK.search(text, start)
    return m.start() if m else len(text)


_WORD = re.compile(r"[^\W_]+")


@cache
def _when(lex: Lexicon) -> re.Pattern[str] | None:
    """A comma (or none) and a word that opens a clause of what happened at the date before it
    (``dates.when``: "since 2023, when", "dal 2023, quando")."""
    words = alternation(lex.data.dates.when)
    return re.compile(rf"\s*[,،]?\s*(?:{words.pattern})(?!\w)", re.IGNORECASE) if words is not None else None


def _then(text: str, m: DateMention, q: Quantity, lex: Lexicon) -> bool:
    """Whether figure ``q`` is said in a clause of what happened at the date ``m`` before it ("the largest
    cut since 2023, when it laid off 10,000": 10,000 in 2023, not since then)."""
    when = _when(lex)
    return when is not None and m.end <= q.start and when.match(text, m.end, q.start) is not None


def _opens_period(text: str, m: DateMention, since: re.Pattern[str] | None) -> bool:
    """Whether "since" (or the like) comes right before the date ``m``, or opens it ("depuis janvier")."""
    if since is None:
        return False
    before = [x for x in since.finditer(text, max(0, m.start - 40), m.start) if x.end() == m.start]
    return bool(before) or bool(since.match(text, m.start, m.end))


@cache
def _restating(lex: Lexicon) -> frozenset[str]:
    """What opens a bracket that gives the same amount again: "(", "(≈", or a word ("(soit")."""
    return frozenset({"(", "[", "(≈", "(~"} | {f"({w}" for w in lex.data.restated})


def _restated(s_text: str, prev: Claim, q: Quantity, offset: int, lex: Lexicon) -> bool:
    """The same amount given again in brackets, in another unit: "44 milliards de dollars (44 milliards d'euros)"."""
    between = s_text[prev.quantity.end - offset : q.start]
    return (
        prev.quantity.kind == q.kind and q.kind in ("money", "measure") and between.strip() in _restating(lex)
    )


def _is_share_joint(between: str, lex: Lexicon) -> bool:
    words = fold(between).replace("'", "' ").split()
    share_words = {fold(w) for w in lex.data.share_of}
    return bool(words) and all(w in share_words for w in words)


ALIKE = 20  # two figures at most this many times apart are of one order of size
ALIKE_ON_SCALE = 3  # two readings on a scale, at most this many times apart (magnitudes 7.7 and 6.4; not 62)


def _alike(a: Quantity, b: Quantity, most: float = ALIKE) -> bool:
    """Whether two figures are of one order of size (98 and 34 seats; not a magnitude 7 and 1,037)."""
    x, y = abs(a.value or 0), abs(b.value or 0)
    return min(x, y) > 0 and max(x, y) / min(x, y) <= most


def _falls(s: _Sentence, q: Quantity) -> bool:
    """Whether the change ``q`` is a fall: its sentence says one, and, when it says a rise too, the move
    word nearest it in its clause (or, with none there, in the sentence) says a fall ("revenue rose 10%,
    while profit fell 5%": a rise of 10%, a fall of 5%). One before it is nearer than one as far after it.
    A rate a fall reached is no fall ("inflation fell to 2.4%": 2.4%)."""
    lex, text = s.lex, s.text
    if not s.decreasing or at_level(q, s.reading, lex, changing=True):  # "fell to 2.4%": a level
        return False
    rises = list(lex.re_increase.finditer(text)) if lex.re_increase is not None else []
    if not rises:
        return True
    moves = [(m, False) for m in rises] + [(m, True) for m in lex.re_decrease.finditer(text)]
    lo, hi = s.reading.clause_around(q)
    moves = [(m, fall) for m, fall in moves if lo <= m.start() < hi] or moves
    return min(
        moves,
        key=lambda mf: q.start - mf[0].end() if mf[0].end() <= q.start else 1.5 * (mf[0].start() - q.end),
    )[1]


def _signed(q: Quantity, negative: bool) -> tuple[float | None, float | None, float | None]:
    if not negative or q.value is None or q.value <= 0:
        return q.value, q.lower, q.upper
    return -q.value, None if q.upper is None else -q.upper, None if q.lower is None else -q.lower


def _within(items: list, sentence: Sentence) -> list:
    """The items (sorted by start, each with start and end) that lie inside ``sentence``."""
    return within(items, sentence.start, sentence.end)


@dataclass(frozen=True, eq=False)
class _Language:
    """One language's reading of a whole article: its dates, entity names and quantities (stage 3's,
    those inside a date phrase left out: "un anno fa", "il y a une semaine" dates a claim, it is not
    one) and the places of its story."""

    lex: Lexicon
    dates: list[DateMention]
    names: list[Hit]  # catalogue entities named, by start
    carried_names: list[Hit]  # those that may be the subject beyond their sentence (entity.carried)
    quantities: list[Quantity]
    figures: Figures  # the inner figures of runs of bare figures (quantities/bare.py), as columns
    setting: set[str]  # the places of the story (resolve/scope.py): no figure's scope

    @classmethod
    def of(cls, article: Article, found: Found, lex: Lexicon, kb: Knowledge, lead: int) -> _Language:
        mentions = (
            list(article.dates)
            if lex.code == article.lang
            else find_dates(article.text, lex, article.published)
        )
        amounts = {q.start for q in found.quantities if q.kind != "number"}
        # "salito a 2000 euro": an amount, not the year 2000 after a prefix
        mentions = [m for m in mentions if m.precision != "year" or m.relative or m.start not in amounts]
        spans = [(m.start, m.end) for m in mentions]
        dated = Spans(spans)
        named = _designated(lex)  # "Boeing 737", "Flight 171": a name, no figure
        quantities = [
            q
            for q in in_full(article.text, found.quantities, lex)  # "0,76 franc" beside "francs suisses"
            if not dated.overlaps(q.start, q.end) and not _names(named, article.text, q)
        ]
        figures = found.figures.take(~overlapping(spans, found.figures.start, found.figures.end))
        names = not_media(
            article.text, sorted(kb.entity_hits(article.text, lex.code), key=lambda h: h.start), lex
        )
        return cls(
            lex,
            mentions,
            names,
            carried(names, lead, [s.start for s in article.sentences]),
            quantities,
            figures,
            setting(article.text, lex, lead),
        )

    def figures_in(self, sentence: Sentence) -> Figures:
        """The inner figures that lie inside ``sentence`` (as :func:`_within`)."""
        if not len(self.figures):  # most articles have no run of bare figures: no array work per sentence
            return self.figures
        lo, hi = np.searchsorted(self.figures.start, (sentence.start, sentence.end))
        got = self.figures.take(slice(lo, hi))
        return got if not len(got) or got.end[-1] <= sentence.end else got.take(got.end <= sentence.end)


@cache
def _designated(lex: Lexicon) -> re.Pattern[str] | None:
    """A word that makes the number right after it a name ("Boeing 737", "Flight 171", "الرحلة 171"; its
    carrier's name and code between: "flight JAL 516", "volo della Air India AI 171"), ending where the
    number starts: language data ``numbers.designators``, the carrier's name read with the small words of
    names (``attribution.name_particles``)."""
    particles = "|".join(re.escape(w) for w in lex.data.attribution.name_particles)
    small = rf"|[ \u00a0]+(?:{particles})" if particles else ""
    carrier = rf"(?:[ \u00a0]+(?-i:[A-Z][\w'’.-]*){small})*[ \u00a0]+(?-i:[A-Z]{{2,3}})[ \u00a0]?"
    return phrase_ending(lex.data.numbers.designators, rf"(?:{carrier}|[ \u00a0\-]?)")


_GLUED = re.compile(r"\d[-\u2011](?=\d)")  # "787-8": a variant glued to the number before it
_CODE = re.compile(r"\d{1,4}[A-Z](?![^\W\d_])")  # "seat 11A", "5G", "1Q": digits and one capital letter


def _names(named: re.Pattern[str] | None, text: str, q: Quantity) -> bool:
    """Whether ``q`` is a plain number that names something rather than counts: digits glued to one
    capital letter ("seat 11A", "5G", "3D"; not "40enne", "the 60s", nor "45C", whose unit is read with
    it), written right after a designator word (:func:`_designated`), or a variant glued to such a
    number ("Boeing 787-8")."""
    if q.kind != "number" or not text[q.start : q.start + 1].isdigit():
        return False
    code = _CODE.match(text, q.start)
    if code is not None and code.end() == q.end + 1:
        return True
    if named is None:
        return False
    at = q.start
    if _GLUED.match(text, at - 2):  # back to the first number of "787-8"
        at -= 2
        while at > 0 and text[at - 1].isdigit():
            at -= 1
    return text[at - 2 : at - 1].isalpha() and phrase_before(named, text, at)  # a word right before it


@dataclass(frozen=True, eq=False)
class _Context:
    """What every sentence of an article shares: the article, the knowledge, each language's reading
    of it, its main subject, and the subjects found in its text (per language, on first need)."""

    article: Article
    kb: Knowledge
    languages: dict[str, _Language]
    subject: str | None
    found: dict[str, ArticleSubjects]  # filled on first need: most articles name a catalogue entity

    def subjects(self, lex: Lexicon) -> ArticleSubjects:
        if lex.code not in self.found:
            self.found[lex.code] = ArticleSubjects.of(self.article.text, lex)
        return self.found[lex.code]


_UNSAID = Said()  # a figure no claimant is read for (a frozen value: one for all)


@dataclass(frozen=True, eq=False)
class _Sentence:
    """One sentence with figures, read: its text, quantities and dates (offsets relative to the
    sentence unless said), its concept terms, named entities, events, who says each figure, and
    whether it speaks of a change."""

    ctx: _Context
    sentence: Sentence
    lex: Lexicon
    text: str
    quantities: list[Quantity]
    placed: list[Quantity]  # the same, as the article's (offsets in the article)
    reading: Reading
    dates: list[DateMention]  # offsets in the article
    names: list[Hit]
    events: list[Hit]
    said_at: dict[int, Said]  # a quantity's start -> who says it
    decreasing: bool
    changing: bool
    previous_hits: Callable[[], list]  # the concept terms of the sentence before (a metric carried over)

    def said(self, q: Quantity) -> Said:
        return self.said_at.get(q.start, _UNSAID)

    @cached_property
    def name_spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each catalogue name the sentence writes, which is no place of scope: made
        once for all its figures."""
        return tuple((h.start, h.end) for h in self.names)

    @cached_property
    def carried(self) -> str | None:
        """The entity named before the sentence and carried into it (entity.carried), else the
        article's subject: what a figure naming no entity of its own is of, in an article about no
        event; found once for all its figures."""
        language = self.ctx.languages[self.lex.code]
        return last_named(language.carried_names, self.sentence.start) or self.ctx.subject

    def absolute(self, q: Quantity) -> Quantity:
        """``q`` with offsets in the article: the article's own quantity when ``q`` is one of the
        sentence's (no new one made per figure), else ``q`` shifted."""
        k = self.reading.at.get(q.start)
        return self.placed[k] if k is not None and self.quantities[k] is q else q.shifted(self.sentence.start)

    def local(self, q: Quantity) -> Quantity:
        """``q`` with offsets in the sentence (the inverse of :meth:`absolute`)."""
        k = self.reading.at.get(q.start - self.sentence.start)
        return (
            self.quantities[k] if k is not None and self.placed[k] is q else q.shifted(-self.sentence.start)
        )

    def dates_for(self, q: Quantity) -> list[DateMention]:
        """The dates figure ``q`` (offsets in the article) may take: not one written before it, past a
        break, in the clause of a figure before that date, whose it is ("près de 125 000 employés fin 2023,
        ce sont donc quelque 18 000 personnes qui devraient perdre leur travail": 2023 is the 125 000's)."""
        held = self.reading.memo.get("held dates")
        if held is None:  # once per sentence: the dates a figure before them holds in its clause (not a
            # day, which is the report's: "91 morts dimanche 29 septembre, avec 30 décès"), each with the
            # span of figure starts that may take it: from the last break before its holder (the figures of
            # clauses before are not of it: "10 000 emplois, [...], qui comptaient 221 000 salariés fin
            # juin") to the first break after it (past it, the date is no longer the next figure's), or
            # after the clause it opens ("since 2023, when it laid off 10,000": that clause is of 2023)
            text, at, when = self.ctx.article.text, self.sentence.start, _when(self.lex)
            # (end, start) of each figure in the article (no quantity made)
            spans = sorted((o.end + at, o.start + at) for o in self.quantities)
            ends = [end for end, _ in spans]
            held = self.reading.memo["held dates"] = {
                m.start: (
                    _last_break(text, at, spans[k - 1][1]),
                    _next_break(text, w.end() if when and (w := when.match(text, m.end)) else m.end),
                )
                for m in self.dates
                if m.precision != "day"
                and (k := bisect_right(ends, m.start))
                and not _DATE_BREAK.search(text, ends[k - 1], m.start)
            }
        if not held:
            return self.dates
        # a date no figure holds is any figure's
        return [m for m in self.dates if (span := held.get(m.start)) is None or span[0] <= q.start < span[1]]


def resolve_article(
    article: Article, quantities: Mapping[str, Found], lexicons: Mapping[str, Lexicon], kb: Knowledge
) -> list[Claim | ClaimRun]:
    """All claims of one (dated) article, in text order, from what stage 3 found in each language it
    is read in (quantities.article_quantities); a paragraph in another language than the article's
    is read in its own. A sentence of bare figures gives one ClaimRun."""
    ctx = _context(article, quantities, lexicons, kb)
    claims: list[Claim | ClaimRun] = []
    previous_hits: Callable[[], list] = list
    revised: set[int] = set()  # sentences that say a value moved ("revised to 275"): versions, no list
    stages: dict[str, str] = {}  # metric -> the stage the sentence before gives its figures of it
    for sentence in article.sentences:
        language = ctx.languages[sentence.lang or article.lang]
        s_text = article.text[sentence.start : sentence.end]
        placed = _within(language.quantities, sentence)
        figures = language.figures_in(sentence)
        if (placed or len(figures)) and _bare(ctx, sentence, language, s_text, placed):
            claims.append(_bare_run(ctx, sentence, language, s_text, placed, figures))
            previous_hits, stages = list, {}  # no word: no concept term, no stage
            continue
        if len(figures):
            placed = sorted(placed + figures.quantities(article.text), key=lambda q: q.start)
        quantities = [q.shifted(-sentence.start) for q in placed]
        if quantities:
            reading = read_sentence(s_text, quantities, kb, language.lex)
            s = _sentence(ctx, sentence, language, (quantities, placed), reading, previous_hits)
            read = _versus(
                s,
                _respectively(
                    s, _made_of(s, _out_of(s, _shared_noun(s, _as_change(s, _sentence_claims(s)))))
                ),
            )
            read = _stage_of_the_later(s, read)
            read = read if reading.memo.get("stages") else _staged(read, stages, kb)
            stages = {c.metric: c.stage for c in read if c.stage and c.metric in kb.concepts}
            claims += read
            if language.lex.re_move is not None and language.lex.re_move.search(s_text):
                revised.add(sentence.start)
            previous_hits = cache(partial(_last_of_each, reading.hits))
        else:  # a sentence with no figure is read only if the next one's figure needs its terms
            previous_hits = cache(partial(_terms, s_text, kb, language.lex))
            stages = {}
    stage = article_stage(article.text, ctx.languages[article.lang].lex)
    return _scoped(_article_staged(claims, stage, kb), ctx, revised)


def _stage_of_the_later(s: _Sentence, claims: list[Claim]) -> list[Claim]:
    """Two values of one metric and subject in a sentence, a stage of their event named only after the
    later one: the stage is the later one's, which the earlier is compared with ("Turnout was 72.8%,
    higher than the 67.3% reported in the first round", "72,8%, contro il 67,31% del primo turno").
    Not two contestants' shares ("Trzaskowski 31% and Nawrocki 30% in the first round")."""
    said = s.reading.memo.get("stages")
    if not said:
        return claims
    out, later = list(claims), {}  # (metric, entity) -> the next claim of them, from the sentence's end
    for n in reversed(range(len(claims))):
        c = claims[n]
        d, later[c.metric, c.entity] = later.get((c.metric, c.entity)), c
        if c.stage is None or c.metric == UNMAPPED or d is None or d.stage != c.stage or d.value == c.value:
            continue
        after = d.quantity.end - s.sentence.start
        own = [x for x in c.stage.split(", ") if any(name == x and start < after for start, _, name in said)]
        if len(own) < len(c.stage.split(", ")):
            out[n] = evolve(c, stage=", ".join(own) or None)
    return out


def _staged(
    claims: list, stages: Mapping[str, str], kb: Knowledge, skip: frozenset[str | None] = frozenset()
) -> list:
    """Figures of a metric shared out among contestants, in a sentence that names no stage of their
    event, take the stage the sentence before gives its figures of that metric ("the RN led the first
    round, taking 37 seats. Following the RN, the New Popular Front won 32 seats": of the first round
    too; not "Pezeshkian got 42%, so he meets Jalili in a runoff"); not figures of a scope of ``skip``."""
    return [
        evolve(c, stage=stages[c.metric])
        if isinstance(c, Claim)
        and c.stage is None
        and c.scope not in skip
        and c.metric in stages
        and kb.concepts[c.metric].partitioned
        else c
        for c in claims
    ]


# figures of these scopes are of no stage of their event: "289 seats for an absolute majority" in either round
_STAGELESS: frozenset[str | None] = frozenset({THRESHOLD, MAJORITY, REFERENCE, FORECAST, SAMPLE})


def _article_staged(
    claims: list[Claim | ClaimRun], stage: str | None, kb: Knowledge
) -> list[Claim | ClaimRun]:
    """Figures of a metric shared out among contestants that name no stage of their event take the one
    their article names (:func:`article_stage`): "the second round" in its lead is the round of "32.05% of
    the votes" below; not figures of a threshold, a margin, a forecast or a sample (:data:`_STAGELESS`)."""
    if stage is None:
        return claims
    metrics = {c.metric for c in claims if isinstance(c, Claim) and c.metric in kb.concepts}
    return _staged(claims, dict.fromkeys(metrics, stage), kb, skip=_STAGELESS)


def _scoped(claims: list[Claim | ClaimRun], ctx: _Context, revised: set[int]) -> list[Claim | ClaimRun]:
    """The scopes that lists and shares give (resolve/scope.py), over the claims one by one (a ClaimRun
    is unmapped: no list or share holds it); ``revised``: the starts of sentences that say a figure was
    revised, whose figures are its versions, no list."""

    def place(c: Claim, start: int, end: int) -> str | None:
        language = ctx.languages[c.sentence.lang or c.article.lang]
        return place_between(c.article.text, start, end, language.lex, language.setting)

    shared = shared_out([c for c in claims if isinstance(c, Claim)], ctx.kb)
    read = iter(enumerated(shared, ctx.kb, revised, place))
    return [next(read) if isinstance(c, Claim) else c for c in claims]


def _last_of_each(hits: list) -> list:
    """A sentence's concept terms, the last of each concept only, in text order: what a figure of the
    next sentence may carry over, looked through once per concept, not per term."""
    seen: set[str] = set()
    last = [h for h in reversed(hits) if not (h.concept in seen or seen.add(h.concept))]
    return last[::-1]


def _terms(text: str, kb: Knowledge, lex: Lexicon) -> list:
    """The concept terms of a sentence (as :func:`read_sentence` finds them), the last of each concept."""
    return _last_of_each(term_hits(tokens(text, lex), kb, lex, text))


def _context(
    article: Article, quantities: Mapping[str, list[Quantity]], lexicons: Mapping[str, Lexicon], kb: Knowledge
) -> _Context:
    lead = article.sentences[0].end if len(article.sentences) > 1 else 0  # a title or first sentence
    languages = {
        code: _Language.of(article, quantities[code], lexicons[code], kb, lead) for code in article.languages
    }
    return _Context(article, kb, languages, main_subject(languages[article.lang].carried_names), {})


def _sentence(
    ctx: _Context,
    sentence: Sentence,
    language: _Language,
    figures: tuple[list[Quantity], list[Quantity]],
    reading: Reading,
    previous_hits: Callable[[], list],
) -> _Sentence:
    """The reading of a sentence with figures (``figures``: its quantities with offsets in the sentence,
    and the same with offsets in the article)."""
    (quantities, placed), lex, s_text = figures, language.lex, reading.text
    # a word of a flow that moves a stock says its change too: "licenziando il 3% dei dipendenti"
    moves = {ctx.kb.moves.get(h.concept) for h in reading.hits}
    decreasing = bool(lex.re_decrease and lex.re_decrease.search(s_text)) or True in moves
    changing = decreasing or bool(lex.re_increase and lex.re_increase.search(s_text)) or False in moves
    names = [
        Hit(h.start - sentence.start, h.end - sentence.start, h.id) for h in _within(language.names, sentence)
    ]
    said = claimants(s_text, [(q.start, q.end) for q in quantities], lex)
    return _Sentence(
        ctx,
        sentence,
        lex,
        s_text,
        quantities,
        placed,
        reading,
        _within(language.dates, sentence),
        names,
        ctx.kb.event_hits(s_text, lex.code),
        dict(zip((q.start for q in quantities), said, strict=True)),
        decreasing,
        changing,
        previous_hits,
    )


def _sentence_claims(s: _Sentence) -> list[Claim]:
    """The claims of a sentence's figures, in order: a share and its base, the two ends of a transition,
    a figure restated in another unit, or a figure on its own."""
    claims: list[Claim] = []
    last: dict[str, Claim] = {}  # the last claim of each kind of quantity ("percent"), no change of another
    changes: set[int] = set()  # where the changes of the figure before them start ("+10,4%")
    quantities, i = s.quantities, 0
    while i < len(quantities):
        q = quantities[i]
        nxt = quantities[i + 1] if i + 1 < len(quantities) else None
        prev = claims[-1] if claims else None
        last.update(
            (c.quantity.kind, c)
            for c in claims[-2:]
            if c.quantity.start not in changes and c.metric != UNMAPPED
        )
        if nxt is not None and _is_share(s, q, nxt):
            claims += _share(s, q, nxt)
            i += 2
        elif nxt is not None and _is_count_of(s, q, nxt) and (counted := _befell(s, q, nxt)):
            claims += counted
            i += 2
        elif nxt is not None and q.role == "from" and nxt.role == "to":
            claims += _transition(s, q, nxt)
            i += 2
        elif prev is not None and _restated(s.text, prev, q, s.sentence.start, s.lex):
            claims.append(_restatement(s, q, prev))
            i += 1
        elif prev is not None and _signed_after(s, q, prev):
            claims.append(_change_after(s, q, prev))
            changes.add(claims[-1].quantity.start)
            i += 1
        else:
            # its noun may be understood: that of the last mapped figure of its kind
            metric, part = _metric(s, q, prev, last.get(q.kind))
            metric = _cut_counted(s, q, prev, metric) or _past_aside(s, q)
            whole = _whole(s, q, prev, claims) if part == PART and prev is not None else None
            claims.append(_named_part(s.ctx.kb, _claim(s, q, metric, scope=part, link=whole), prev))
            i += 1
    return claims


def _named_part(kb: Knowledge, c: Claim, whole: Claim | None) -> Claim:
    """A part of a figure of a metric shared out among contestants that names its own contestant is that
    contestant's whole ("9,32 %, dont 7,35 % pour Ayachi Zammel": Zammel's share), still tied to the figure it
    is part of."""
    if (
        c.scope != PART
        or whole is None
        or c.subject_kind != "entity"
        or c.entity in (None, whole.entity)
        or not (c.metric in kb.concepts and kb.concepts[c.metric].partitioned)
    ):
        return c
    return evolve(c, scope=None)


_BARE = re.compile(r"[\d\s.,]*")  # digits, spaces and the separators of numbers: no word


def _bare(
    ctx: _Context, sentence: Sentence, language: _Language, s_text: str, placed: list[Quantity]
) -> bool:
    """Whether a sentence is figures only (digits, spaces, "." and ","; a table of bare numbers, a
    line of them), none of them dated or an end of a range, each plain. No word can then give a figure
    a metric, a subject of its own, a scope, a claimant or what it counts (every list of words these
    are read from holds words: tests/test_linear.py checks the language files), so each figure is an
    unmapped one, read by :func:`_bare_run` without the reading of each figure."""
    return (
        bare.BULK
        and _BARE.fullmatch(s_text) is not None
        and all(
            q.kind == "number" and q.role is None and q.qualifier == "exact" and q.unit is None
            for q in placed
        )
        and not _within(language.names, sentence)
        and not _within(language.dates, sentence)
        and not ctx.kb.event_hits(s_text, language.lex.code)
    )


def _bare_run(
    ctx: _Context,
    sentence: Sentence,
    language: _Language,
    s_text: str,
    placed: list[Quantity],
    figures: Figures,
) -> ClaimRun:
    """The claims of a bare sentence's figures (:func:`_bare`), as :func:`_claim` makes them: each
    unmapped, with the subject and time it would find for any of them (none depends on where the
    figure is when no word, date or name is near it), found once for the sentence."""
    kb, article, lex = ctx.kb, ctx.article, language.lex
    every = figures.joined(placed)
    first = every.take(slice(0, 1)).quantities(article.text)[0]
    local = first.shifted(-sentence.start)
    reading = read_sentence("", [], kb, lex)
    s = _Sentence(ctx, sentence, lex, s_text, [local], [first], reading, [], [], [], {}, False, False, list)
    entity, kind, origin, written = _entity(s, local, None)
    start, end, basis, precision = _time(first, None, sentence, [], [], kb, article)
    claim = Claim(
        article,
        sentence,
        first,
        entity,
        UNMAPPED,
        None,  # a head noun: no word
        first.value,
        first.lower,
        first.upper,
        start,
        end,
        basis,
        precision,
        None,
        subject_kind=kind,
        subject_source=origin,
        subject_text=written,
    )
    return ClaimRun(claim, every)


def _is_share(s: _Sentence, q: Quantity, nxt: Quantity) -> bool:
    """ "la moitié de ses 7.500 employés": a share of the number after it."""
    return q.kind == "percent" and nxt.kind == "number" and _is_share_joint(s.text[q.end : nxt.start], s.lex)


def _share(s: _Sentence, q: Quantity, nxt: Quantity) -> list[Claim]:
    """A base, and the part derived from it when a concept in the sentence is a part of the base's, else
    the percent itself."""
    kb = s.ctx.kb
    base_metric = choose_metric(nxt, s.reading, kb, s.lex, changing=False, kinds=("stock",))
    claims = [_claim(s, nxt, base_metric)]
    part = next(
        (
            c.id
            for c in kb.concepts.values()
            if base_metric and c.decreases == base_metric and any(h.concept == c.id for h in s.reading.hits)
        ),
        None,
    )
    if part and q.value is not None and nxt.value is not None:
        span = evolve(
            q,
            end=nxt.end,
            text=s.text[q.start : nxt.end],
            kind="number",
            unit=None,
            qualifier="approx" if "approx" in (q.qualifier, nxt.qualifier) else q.qualifier,
        )
        lo = None if nxt.lower is None or q.lower is None else nxt.lower * q.lower / 100
        hi = None if nxt.upper is None or q.upper is None else nxt.upper * q.upper / 100
        value = (q.value / 100 * nxt.value, lo, hi)
        claims.append(_claim(s, span, part, derived=True, link=nxt, value=value))
    else:  # "pari al 49,8% dei 61.452.321 aventi diritto": the percent is a figure too, tied to its base
        claims.append(_claim(s, q, choose_metric(q, s.reading, kb, s.lex, changing=s.changing), link=nxt))
    return claims


def _is_count_of(s: _Sentence, q: Quantity, nxt: Quantity) -> bool:
    """ "179 of the 181 people on board", "cinque dei sei membri": a count of some of the count after it."""
    return (
        q.kind == nxt.kind == "number"
        and q.value is not None
        and nxt.value is not None
        and 0 < q.value < nxt.value
        and float(nxt.value).is_integer()  # "altre quattro di 5.5": a reading, no count
        and _is_share_joint(s.text[q.end : nxt.start], s.lex)
    )


def _befell(s: _Sentence, q: Quantity, nxt: Quantity) -> list[Claim]:
    """The count of some of a count, of what the words after them say befell them ("179 of the 181
    people on board were killed": 179 dead), and the count after, of its own noun; none when nothing is
    said to befall them ("won 51 of the 113 seats": a contestant's seats, read as any figure)."""
    kb = s.ctx.kb
    whole = choose_metric(nxt, s.reading, kb, s.lex, changing=s.changing)
    said = befell(q, nxt, s.reading, kb, changing=s.changing, other_than=whole)
    return [_claim(s, q, said), _claim(s, nxt, whole)] if said else []


def _transition(s: _Sentence, q: Quantity, nxt: Quantity) -> list[Claim]:
    """ "da 8.000 a 1.500 addetti": both ends take the metric of the "to" end, and link each other: a stock,
    else a flow over a period that moves no stock ("profit fell from 18.6 billion euros to 5.5 billion",
    not "layoffs"), else a rate ("the unemployment rate fell from 8.1% to 7.4%", "l'inflazione è scesa dal
    3% al 2,5%")."""
    kb = s.ctx.kb
    metric = None
    for kinds in (("stock",), ("flow",), ("share", "change")):  # the "from" end shares the words of the "to"
        metric = metric or choose_metric(
            nxt, s.reading, kb, s.lex, changing=s.changing, kinds=kinds, besides=(q,)
        )
    if metric is not None and _moved(kb, metric):
        metric = None
    return [_claim(s, q, metric, link=nxt), _claim(s, nxt, metric, link=q)]


def _restatement(s: _Sentence, q: Quantity, prev: Claim) -> Claim:
    """ "44 milliards de dollars (44 milliards d'euros)": the same figure, tied to the one it restates, of
    its scope ("47 milles marins (87 km) de Pylos": both from Pylos)."""
    said = s.local(prev.quantity)
    claim = _claim(s, q, None if prev.metric == UNMAPPED else prev.metric, link=said)
    return evolve(claim, role="restated", scope=prev.scope)


def _metric(
    s: _Sentence, q: Quantity, prev: Claim | None, like: Claim | None = None
) -> tuple[str | None, str | None]:
    """A figure's metric (None: unmapped) and its scope when it is a part of the figure before it: its
    own words, else the figure before's (a part of it), or that of the last figure of its kind before
    it, when mapped (its noun understood: ``like``), else the sentence before's."""
    kb, lex, reading = s.ctx.kb, s.lex, s.reading
    if q.start in reading.places:  # "in cinque Stati": a count of places, of no metric, of no list
        return None, None
    metric = choose_metric(q, reading, kb, lex, changing=s.changing)
    fall = changed_by(reading, q, lex) if metric in kb.concepts else None
    if fall is not None:  # "reduce its workforce by 20,000 people": the layoffs that change the headcount
        metric = next(iter(kb.flows.get((metric, fall), ())), metric)
    metric = _instead(s, q, metric)
    follows = (
        prev is not None
        and prev.metric != UNMAPPED
        and metric in (None, prev.metric, _moved(kb, prev.metric))
    )
    if follows and (_is_part_of(s, q, prev) or _next_part(s, q, prev)):
        # "2,012 dead, including 1,293 in Al Haouz", "265 morts, incluant 24 personnes tuées au sol"; "48 ألف
        # وظيفة، توزعت بين 34 ألف وظيفة تشغيلية": some of the jobs cut, though their noun is the stock's
        return prev.metric, PART
    if metric is None and prev is not None and prev.metric == UNMAPPED and _partitive_after(s, q, prev):
        return None, None  # "491.2 ملم في ثمان ساعات، منها 160": a part of a figure of no known metric
    if (
        metric is None
        and like is not None
        and fits(kb.concepts[like.metric], q)
        and not kb.concepts[like.metric].one_per_sentence  # "with 99% counted, Jara leads with 26.8%"
        and (q.kind == "percent" or counts_no_noun(q, reading, lex))
        and _alike(
            like.quantity, q, ALIKE_ON_SCALE if kb.concepts[like.metric].dimension == "scale" else ALIKE
        )
    ):  # "98 seats for Renaissance, 34 for the MoDem", "89.2% of the votes, against 6.9% for Zammel":
        metric = like.metric  # the noun of the figure of its kind before is understood
    if metric is None and not any(
        fits(c, q) and (s.changing or not c.needs_change_word)
        for c in map(kb.concepts.get, concepts_of(reading))
    ):
        metric = carried_metric(q, s.previous_hits(), kb, changing=s.changing)
    if metric is None and q.kind == "measure" and measured_from(s.text[q.end : q.end + _NEAR], lex):
        metric = next((c.id for c in kb.concepts.values() if c.measured_from and fits(c, q)), None)
    if metric is None and q.kind == "measure":  # "soared to 51.8 degrees Celsius": what only a temperature is
        fitting = [c.id for c in kb.concepts.values() if c.by_unit and fits(c, q)]
        metric = fitting[0] if len(fitting) == 1 else None
    return metric, None


def _instead(s: _Sentence, q: Quantity, metric: str | None) -> str | None:
    """The concept whose ``instead_of`` maps ``metric``, read by a term right after the figure, to a
    concept its sentence names too ("39 cents per share" beside net income: earnings per share); else
    ``metric``. A term before the figure is not enough ("shares closed at $228 as profit fell")."""
    pairs = s.ctx.kb.instead.get(metric or "")
    if not pairs:
        return metric
    last, hits = s.reading.span(q)[1], s.reading.hits
    if not any(h.concept == metric and last < h.first <= last + 2 for h in hits):
        return metric
    named = {h.concept for h in hits}
    return next((other for beside, other in pairs if beside in named), metric)


_SIGNS = "+-−"
_SIGNED_AFTER = re.compile(  # what may stand between a figure and a signed percent after it: its noun
    r"(?:\s*[^\W\d]+['’]?){0,4}\s*[(,]?\s*\Z"
)
_AFTER_COMMA = re.compile(r"\s*[,،(]\s*(?:[^\W\d]+['’]?\s*){1,4}\Z")  # ", up ", ", in crescita dell'"


def _signed_after(s: _Sentence, q: Quantity, prev: Claim | None) -> bool:
    """Whether ``q`` is a percent written with its sign, or after a word of change, right after a
    mapped figure and its noun, in brackets or after a comma: "ricavi netti pari a 156,9 miliardi
    (-17%)", "il 20,8% delle preferenze, +10,4% rispetto al 2021", "revenue of $5.2 billion, up 8%", "a
    5,2 miliardi, in crescita dell'8%": the change of that figure, never a second value of it."""
    if q.kind != "percent" or prev is None or prev.metric == UNMAPPED:
        return False
    at, after = q.start, prev.quantity.end - s.sentence.start  # offsets in the sentence
    sign = at if s.text[at : at + 1] in _SIGNS else at - 1
    if sign >= 0 and s.text[sign : sign + 1] in _SIGNS:
        return _SIGNED_AFTER.match(s.text, after, sign) is not None
    gap = s.text[after:at]
    moved = (s.lex.re_increase, s.lex.re_decrease)
    return (
        prev.quantity.kind != "percent"  # "56% of the vote, up 3%": another matter (points or percent)
        and _AFTER_COMMA.match(gap) is not None
        and any(p is not None and p.search(gap) for p in moved)
    )


def _change_after(s: _Sentence, q: Quantity, prev: Claim) -> Claim:
    """A signed percent right after a figure (:func:`_signed_after`): that figure's change, of its
    subject, tied to it; unmapped when no concept is the change of its metric."""
    change = _change_of(s.ctx.kb, prev.metric)
    claim = _claim(s, q, change, link=s.local(prev.quantity))
    return evolve(
        claim,
        entity=prev.entity,
        subject_kind=prev.subject_kind,
        subject_source=prev.subject_source,
        subject_text=prev.subject_text,
    )


# "of its workforce, some ", "de son personnel d'ici la fin de l'année, ce qui représente "
_APPOSED = re.compile(r"^(?:\W*\w+){0,12}\s*[,،]\s*(?:[^\W\d]+\s+){0,3}$")  # a year may be said


@cache
def _apposing(lex: Lexicon) -> frozenset[str]:
    """The words that may set a count beside a share as the same thing: small words and qualifiers
    ("some", "soit environ", "أي حوالي", "ce qui représente")."""
    said = (*lex.qualifiers_before, *lex.data.restated)
    return frozenset(lex.stopwords | {w for phrase in said for w in fold(phrase).split()})


@cache
def _restating_words(lex: Lexicon) -> re.Pattern[str] | None:
    """The language's words that restate a figure (``restated``: "soit", "pari a", "أي")."""
    return alternation(lex.data.restated)


def _small_words(text: str, lex: Lexicon) -> bool:
    """Whether every word of ``text`` is one of :func:`_apposing` (no verb: "qui comptaient")."""
    return all(fold(w) in _apposing(lex) for w in re.findall(r"[^\W\d_]+", text))


def _cut_counted(s: _Sentence, q: Quantity, prev: Claim | None, metric: str | None) -> str | None:
    """A count set beside a cut of a stock's share ("cut more than 15% of its workforce, some 17,500
    people", "تسريح 15% من قوتها العاملة، أي حوالي 15,000 موظف"): the same cut counted, the flow that
    decreases that stock (layoffs), not the stock; else ``metric``."""
    kb = s.ctx.kb
    concept = kb.concepts.get(prev.metric) if prev is not None else None
    if q.kind != "number" or concept is None or concept.change_of is None or not (prev.value or 0) < 0:
        return metric
    if metric not in (None, concept.change_of):
        return metric
    gap = s.text[prev.quantity.end - s.sentence.start : q.start]
    said = _restating_words(s.lex)
    restating = [m.end() for m in said.finditer(gap)] if said is not None else []
    # after a comma, or after words that restate ("من قوتها العاملة بواقع 15 ألف وظيفة"), only small words
    tail = gap[restating[-1] :] if restating else _COMMA.split(gap)[-1]
    if not (_APPOSED.match(gap) or restating) or not _small_words(tail, s.lex):
        return metric  # "de ses effectifs, qui comptaient 221 000 salariés": the stock, no cut
    cut = (c for c in kb.flows.get((concept.change_of, True), ()) if fits(kb.concepts[c], q))
    return next(cut, metric)


def _moved(kb: Knowledge, flow: str) -> str | None:
    """The stock flow ``flow`` moves (layoffs: the headcount), if any."""
    concept = kb.concepts[flow]
    return concept.decreases or concept.increases


def _change_of(kb: Knowledge, metric: str) -> str | None:
    """The concept that is the change of ``metric`` (whose ``change_of`` it is), if there is one."""
    return next((c.id for c in kb.concepts.values() if c.change_of == metric), None)


# characters after a figure where a partitive word may start ("of whom", "parmi lesquels")
_PARTITIVE_REACH = 20


def _is_part_of(s: _Sentence, q: Quantity, prev: Claim) -> bool:
    return _partitive_after(s, q, prev) and fits(s.ctx.kb.concepts[prev.metric], q)


LIST_REACH = 4  # words at most between a part and the next part of its whole: its noun and a conjunction
_JOINER = cache(lambda lex: phrase_ending(lex.data.attribution.conjunctions))
_WORDS_ONLY = re.compile(r"[^\d.;:()]*")


def _next_part(s: _Sentence, q: Quantity, prev: Claim) -> bool:
    """ "48 ألف وظيفة، توزعت بين 34 ألف وظيفة تشغيلية و14 ألف وظيفة إدارية", "including 34,000 operational
    jobs and 14,000 management jobs": a figure right after a part of a whole (``prev``), its noun and a
    conjunction between them, is another part of that whole."""
    between = s.text[prev.quantity.end - s.sentence.start : q.start]
    return (
        prev.scope == PART
        and prev.link is not None
        and len(between.split()) <= LIST_REACH
        and _WORDS_ONLY.fullmatch(between) is not None
        and phrase_before(_JOINER(s.lex), between, len(between))
        and fits(s.ctx.kb.concepts[prev.metric], q)
    )


def _whole(s: _Sentence, q: Quantity, prev: Claim, claims: list[Claim]) -> Quantity:
    """The figure a part ``q`` is tied to: the figure before it, or that figure's whole when both are
    parts of it (:func:`_next_part`), one of the sentence's ``claims`` (a derived one too: "half of its
    7,500 employees")."""
    if prev.link is None or not _next_part(s, q, prev):
        return s.local(prev.quantity)
    whole = next(
        (c.quantity for c in claims if (c.quantity.start, c.quantity.end) == prev.link), prev.quantity
    )
    return s.local(whole)


def _partitive_after(s: _Sentence, q: Quantity, prev: Claim) -> bool:
    """Whether ``q`` is said as a part of the figure before it ("2,012 dead, including 1,293")."""
    between = s.text[prev.quantity.end - s.sentence.start : q.start]
    return is_partitive(between, s.text[q.end : q.end + _PARTITIVE_REACH], s.lex)


ASIDE_REACH = 3  # words at most between the end of an aside and the verb it leaves for the count before it
_ASIDE_OPENS = re.compile(r"[^,،;:.()]{0,40}?[,،]\s*")  # the count's noun, then the comma opening the aside
_COMMA = re.compile(r"[,،]")  # a comma, Latin or Arabic: the end of an aside, a whole before its part


def _past_aside(s: _Sentence, q: Quantity) -> str | None:
    """ "At least 265 people, including 241 of the 242 on board, were killed": what the words right after
    a partitive aside that interrupts the clause of count ``q`` say befell it (a concept whose verbs say
    what was done to people), as they say of its parts; None when no such aside or verb follows it."""
    opens = _ASIDE_OPENS.match(s.text, q.end) if q.kind == "number" else None
    if opens is None or not is_partitive("", s.text[opens.end() : opens.end() + _PARTITIVE_REACH], s.lex):
        return None
    closes = _COMMA.search(s.text, opens.end())
    if closes is None:
        return None
    toks, kb = s.reading.toks, s.ctx.kb
    after = bisect_left(toks, closes.end(), key=lambda t: t.start)  # the first word after the aside
    verb = next((h for h in s.reading.hits if after <= h.first <= after + ASIDE_REACH), None)
    concept = kb.concepts[verb.concept] if verb is not None else None
    return verb.concept if concept is not None and concept.befalls_people and fits(concept, q) else None


def _shared_noun(s: _Sentence, claims: list[Claim]) -> list[Claim]:
    """ "7,35 % et 1,97 % des suffrages", "7.35% … and 1.97% of the votes": a figure with no term takes
    the metric of the next figure of its kind, of one order of size, when no term stands between them
    (the words after the second are both's), nor a partitive word ("242 persone, tra cui 230 passeggeri")."""
    out = list(claims)
    for n in range(len(out) - 2, -1, -1):
        c, nxt = out[n], out[n + 1]
        if (
            c.metric == UNMAPPED
            and c.role is None
            and not c.derived
            and nxt.metric in s.ctx.kb.concepts
            and nxt.quantity.kind == c.quantity.kind
            and fits(s.ctx.kb.concepts[nxt.metric], c.quantity)
            and _alike(c.quantity, nxt.quantity)
            and not _term_between(s, c.quantity, nxt.quantity)
            and not _opens_whole(s, c)  # "Of the 75 climbers, 49 were evacuated": the whole, its own noun
            # "242 persone, tra cui 230 passeggeri": the part's noun is not the whole's
            and not is_partitive(
                s.text[c.quantity.end - s.sentence.start : nxt.quantity.start - s.sentence.start], "", s.lex
            )
        ):
            out[n] = _claim(s, s.local(c.quantity), nxt.metric)
    return out


_ASIDES = re.compile(r"\s*(?:\([^()]*\)|[–—][^–—]*[–—])\s*")  # "(39%)", "– أي بأغلبية 63% –"


def _out_of(s: _Sentence, claims: list[Claim]) -> list[Claim]:
    """ "412 seats out of 650", "410 من أصل 650 مقعداً", "16 384 403 voix sur les 30 530 157": a count
    followed by the larger count it is a part of (words of ``scope.whole_after`` between), or one that
    opens its sentence as that whole before a comma ("Su 577 seggi, 182 al NFP": :func:`_opens_whole`,
    both of one metric). The whole is
    the event's or its subject's, no contestant's (role "whole"; the noun of either is both's); the part
    is tied to it, a contestant's when it names one, else the scope "part". An aside in brackets or
    dashes between them is passed over ("9.473.298 voti (39%) su un totale di 24.535.185", "412 مقعدًا –
    أي بأغلبية 63% – من إجمالي 650")."""
    out = list(claims)
    for n in range(len(out) - 1):
        m = next((m for m in range(n + 1, len(out)) if out[m].quantity.kind == "number"), None)
        if m is None:
            continue
        between = _ASIDES.sub(
            " ", s.text[out[n].quantity.end - s.sentence.start : out[m].quantity.start - s.sentence.start]
        )
        if is_whole_after(between, s.lex):
            p, w = n, m
        elif _opens_whole(s, out[n]) and _COMMA.search(between) and out[n].metric == out[m].metric:
            # "Su 577 seggi, 182 al Nuovo Fronte Popolare": the whole first (not "Of the 75 climbers, 49
            # were evacuated": the whole of another noun)
            p, w = m, n
        else:
            continue
        part, whole = out[p], out[w]
        if not (
            part.role is None
            and whole.role is None
            and not (part.derived or whole.derived)
            and part.quantity.kind == whole.quantity.kind == "number"
            and part.quantity.unit == whole.quantity.unit
            and part.value is not None
            and whole.value is not None
            and 0 < part.value < whole.value
        ):
            continue
        metrics = {c.metric for c in (whole, part)} - {UNMAPPED}
        metric = next(iter(metrics), None)
        if len(metrics) != 1 or s.ctx.kb.concepts[metric].dimension != "count":
            continue  # "five aftershocks with magnitudes of 5.5": no part of it
        at_part, at_whole = s.local(part.quantity), s.local(whole.quantity)
        out[w] = evolve(_claim(s, at_whole, metric, link=at_part, whole=True), role=WHOLE)
        named = _claim(s, at_part, metric, link=at_whole)
        own = named.subject_kind == "entity" and named.entity not in (None, out[w].entity)
        out[p] = named if own or named.scope is not None else evolve(named, scope=PART)
    return out


def _made_of(s: _Sentence, claims: list[Claim]) -> list[Claim]:
    """A count of a metric shared out among contestants right after words that say a whole is made of it
    ("il Parlamento, composto da 210 seggi", "l'Assemblée, composée de 577 sièges"): that whole, the
    event's, no contestant's and not the body's the sentence names (role "whole")."""
    kb = s.ctx.kb
    return [
        evolve(_claim(s, s.local(c.quantity), c.metric, whole=True), role=WHOLE)
        if c.role is None
        and c.quantity.kind == "number"
        and c.metric in kb.concepts
        and kb.concepts[c.metric].partitioned
        and is_made_of(s.text, c.quantity.start - s.sentence.start, s.lex)
        else c
        for c in claims
    ]


def _opens_whole(s: _Sentence, c: Claim) -> bool:
    """Whether a figure opens its sentence as a whole its next figure is a part of ("Of the 75 climbers,
    49 were evacuated")."""
    return c.quantity.kind == "number" and is_whole_first(
        s.text[: c.quantity.start - s.sentence.start], s.lex
    )


def _respectively(s: _Sentence, claims: list[Claim]) -> list[Claim]:
    """ "Zammel et Maghzaoui ont obtenu, respectivement, 197.551 voix (7,35 %) et 52.903 (1,97 %)": in a
    sentence with a word of ``respectively`` (language data), the figures of each contestant's metric
    (seats, votes: shared out) go in order to as many names listed before the first of them."""
    words = _respectively_words(s.lex)
    if words is None or not words.search(s.text):
        return claims
    listed: dict[str, list[int]] = {}
    for n, c in enumerate(claims):
        concept = s.ctx.kb.concepts.get(c.metric or "")
        if concept is not None and concept.partitioned and c.subject_source != "catalogue" and c.role is None:
            listed.setdefault(c.metric, []).append(n)
    out = list(claims)
    for members in listed.values():
        if len(members) > 1:
            _named_in_order(s, out, members)
    return out


def _versus(s: _Sentence, claims: list[Claim]) -> list[Claim]:
    """ "M. Noboa devance Mme Gonzalez, avec 56% des voix contre 44%": two figures of one contestant's
    metric (seats, votes: shared out) read as one subject's, with a word of ``versus`` (language data)
    between them, go in order to the last two names before the first: the first name's against the
    second's. Not a figure against an earlier one of the same subject ("49%, contre 39,83% en 2019"),
    which no second name precedes."""
    out = list(claims)
    for n, m in itertools.pairwise(range(len(claims))):
        a, b = claims[n], claims[m]
        concept = s.ctx.kb.concepts.get(a.metric or "")
        if (
            concept is not None
            and concept.partitioned
            and b.metric == a.metric
            and a.entity == b.entity
            and a.subject_source != "catalogue"
            and a.role is None
            and b.role is None
            and a.scope is None
            and b.scope is None
            and _is_versus(
                s.text[a.quantity.end - s.sentence.start : b.quantity.start - s.sentence.start], s.lex
            )
        ):
            _named_in_order(s, out, [n, m])
    return out


def _named_in_order(s: _Sentence, out: list[Claim], members: list[int]) -> None:
    """Give the figures ``members`` of ``out``, in order, to as many names listed before the first of
    them, when there are that many."""
    subjects = s.ctx.subjects(s.lex)
    names = subjects.listed(s.sentence.start, out[members[0]].quantity.start, len(members))
    if len(names) < len(members):
        return
    for n, name in zip(members, names, strict=True):
        out[n] = evolve(
            out[n],
            entity=name.id,
            subject_kind="entity",
            subject_source="discovered",
            subject_text=subjects.spelled(name),
        )


def _is_versus(between: str, lex: Lexicon) -> bool:
    """Whether the words ``between`` two figures set the first against the second: a few words (its
    noun), then one of ``versus`` ("56% des voix contre 44%", "56% of the votes against 44%")."""
    pattern = _versus_words(lex)
    return pattern is not None and pattern.fullmatch(between) is not None


@cache
def _versus_words(lex: Lexicon) -> re.Pattern[str] | None:
    words = alternation(lex.data.versus)
    return (
        None
        if words is None
        else re.compile(rf"\s*(?:[^\s\d.;:!?()]+\s+){{0,4}}?(?:{words.pattern})\s*", words.flags)
    )


@cache
def _respectively_words(lex: Lexicon) -> re.Pattern[str] | None:
    return alternation(lex.data.respectively)


def _term_between(s: _Sentence, a: Quantity, b: Quantity) -> bool:
    """Whether a concept term stands between figures ``a`` and ``b`` (offsets in the article)."""
    first, last = s.reading.span(s.local(a))[1], s.reading.span(s.local(b))[0]
    hits = s.reading.hits  # in text order: only those starting between the two are looked at
    k = bisect_right(hits, first, key=lambda h: h.first)
    return any(h.last < last for h in hits[k : bisect_left(hits, last, k, key=lambda h: h.first)])


def _as_change(s: _Sentence, claims: list[Claim]) -> list[Claim]:
    """ "de 7.500 à 2.000 salariés, une baisse de 50 %": in a sentence of change, an unmapped figure that
    fits the change of a transition's metric is that change."""
    moved = next((c.metric for c in claims if c.role == "to" and c.metric != UNMAPPED), None)
    if not (moved and s.changing):
        return claims
    change = _change_of(s.ctx.kb, moved)
    if change is None:
        return claims
    return [
        _claim(s, s.local(c.quantity), change)
        if c.metric == UNMAPPED and c.role is None and fits(s.ctx.kb.concepts[change], c.quantity)
        else c
        for c in claims
    ]


def _entity(
    s: _Sentence, q: Quantity, metric: str | None, whole: bool = False
) -> tuple[str | None, str | None, str | None, str | None]:
    """(entity, subject kind, subject source, subject text) of a figure: the catalogue entity its
    sentence names nearest it; in an article not about an event (entity.about_event), the one named
    before it (not in passing: entity.carried) or the article's; else a name, place or event found in
    the text (for a contestant's figure, seats or votes, the nearest name first). A ``whole`` of
    contestants' figures ("650 seats") is its event's, or no one's."""
    ctx, sentence = s.ctx, s.sentence
    partitioned = metric is not None and ctx.kb.concepts[metric].partitioned
    if whole and partitioned:
        subjects = ctx.subjects(s.lex)
        event = subjects.event_id
        return (event, "event", "discovered", subjects.event_text) if event else (None, None, None, None)
    event_article = about_event(ctx.article.text, s.lex)
    toll = metric is not None and ctx.kb.concepts[metric].cumulative
    # a toll in an article about an event is the event's, not a catalogue entity's its sentence names
    # ("أعلن جهاز الطوارئ عبر منصة إكس (تويتر سابقاً) أن العدد الحالي للقتلى بلغ 51")
    named = None if toll and event_article else nearest_entity(s.text, q.start, q.end, s.names)
    entity = named[1] if named else None
    # in an article about an event, its figures are the event's, not an entity's named elsewhere
    # ("residents posted videos on Facebook")
    if entity is None and not event_article:
        entity = s.carried
    place = (q.start + sentence.start, q.end + sentence.start, (sentence.start, sentence.end))
    claimant = s.said(q).claimant  # who says it is not what it is about
    if entity is not None:
        if named is None:  # carried: not over a name of the sentence that the article gives more often
            rival = _rival(s, place, claimant, entity)  # ("il titolo Nvidia" in an article about Nvidia)
            if rival is not None:
                return rival
        return entity, "entity", "catalogue", None
    got = ctx.subjects(s.lex).subject(*place, claimant, contestant=partitioned)
    if got is None:
        return None, None, None, None
    entity, kind, written = got
    return entity, kind, "discovered", written


def _rival(
    s: _Sentence, place: tuple[int, int, tuple[int, int]], claimant: str | None, carried: str
) -> tuple[str, str, str, str] | None:
    """(entity, kind, source, text) of the name a sentence that names no catalogue entity gives
    nearest before a figure, when its article names it more often than the catalogue entity carried
    into the sentence, named in passing (``IN_PASSING`` times at most: "Nvidia ... dopo Microsoft. Il
    titolo Nvidia ha registrato un balzo del 5%": Nvidia's); None when there is none. An article that
    names a catalogue entity more often is about it, and its names are not looked for."""
    catalogued = sum(h.id == carried for h in s.ctx.languages[s.lex.code].names)
    if catalogued > IN_PASSING:
        return None
    subjects = s.ctx.subjects(s.lex)
    near = subjects.name_before(*place, claimant)
    if near is None:
        return None
    found, kind, written = near
    return (found, kind, "discovered", written) if subjects.times_named(found) > catalogued else None


IN_PASSING = 3  # times an article may name a catalogue entity and still be about another name


def _acted_on(s: _Sentence, q: Quantity) -> bool:
    """Whether a concept's word of a count stands right before the count ``q`` ("a tué 13 randonneurs",
    "مقتل 11 متسلقًا"): what it counts was done something to, so it is no plain count of its noun (the
    hikers killed are not the hikers on the mountain), and no discovered metric is made of that noun."""
    first, hits = s.reading.span(q)[0], s.reading.hits  # hits in text order: only those ending right before
    lo = bisect_left(hits, first - s.reading.longest, key=lambda h: h.first)
    return any(
        h.last == first - 1 and s.ctx.kb.concepts[h.concept].dimension == "count"
        for h in hits[lo : bisect_left(hits, first, lo, key=lambda h: h.first)]
    )


def _at_event(s: _Sentence, q: Quantity, metric: str | None, subject: tuple) -> tuple[str | None, tuple]:
    """(metric, subject as :func:`_entity` gives it) of a figure whose subject is an event: with no metric,
    a count of people is the event's crowd (``people_at``: "2 million people" at a strike), a percent a
    name written before it won is its share (``shares_at``: "remporte la présidentielle avec 54,28%"); a
    metric the event counts otherwise takes that one (``at_events``: the attendance at a protest counts
    protesters)."""
    kb, (entity, kind) = s.ctx.kb, subject[:2]
    if kind != "event":
        return metric, subject
    event = entity.partition("@")[0]
    if metric is None and counts_people(q, s.reading, s.lex):
        metric = kb.at_events_of("people_at", event)
    if metric is None and q.kind == "percent":
        share = kb.at_events_of("shares_at", event)
        named = _entity(s, q, share) if share else None
        if named is not None and named[1] == "entity" and named[3] and named[3] in s.text[: q.start]:
            return share, named  # a contestant's: a name before it
        words = s.text[max(0, q.start - _WORD_REACH) : q.start].split()  # the word right before it
        if share and words and caseless(words[-1]):
            return share, subject  # an unnamed part: a name the run's other articles give may be before it
    if metric:
        metric = kb.concepts[metric].at_events.get(event, metric)
    return metric, subject


def _claim(
    s: _Sentence,
    q: Quantity,
    metric: str | None,
    *,
    derived: bool = False,
    link: Quantity | None = None,
    value: tuple[float | None, float | None, float | None] | None = None,
    scope: str | None = None,
    whole: bool = False,
) -> Claim:
    """The claim of figure ``q`` (offsets relative to the sentence) under ``metric``: its entity, time,
    attribution and scope decided, its value signed for a fall (or ``value``, when derived); a ``whole``
    of parts is no contestant's."""
    kb, sentence = s.ctx.kb, s.sentence
    whole = whole or describes_whole(s.text, q)  # "the 465-seat chamber": the whole's size
    metric, (entity, kind, origin, written) = _at_event(s, q, metric, _entity(s, q, metric, whole))
    negative = (  # the ends of a move are levels ("l'inflazione è scesa dal 3% al 2,5%": 3%, then 2.5%)
        metric is not None
        and kb.concepts[metric].kind == "change"
        and q.role not in ("from", "to")
        and _falls(s, q)
    )
    v, lo, hi = value if value is not None else _signed(q, negative)
    absolute = s.absolute(q)
    if metric and kb.concepts[metric].dimension == "scale" and q.unit is not None:
        absolute = evolve(absolute, kind="number", unit=None)  # "7 درجات", "7 degrees": a reading, 7
    about = kb.event_of(entity, kb.concepts[metric].event) if metric else None
    dates = s.dates_for(absolute)
    date = _written_date(absolute, q.role, dates, s, kb.concepts.get(metric))
    start, end, basis, precision = _time(
        absolute, q.role, sentence, dates, s.events, kb, s.ctx.article, about, date
    )
    said = s.said(q)
    scope = _scope(s, q, metric, basis == "explicit", scope == PART) or _since_scope(s, date) or scope
    if scope == THRESHOLD and not whole:
        entity, kind, origin, written = _threshold_subject(s, q, metric, (entity, kind, origin, written))
    return Claim(
        article=s.ctx.article,
        sentence=sentence,
        quantity=absolute,
        entity=entity,
        metric=metric or UNMAPPED,
        head=head_noun(s.reading, q),
        value=v,
        lower=lo,
        upper=hi,
        period_start=start,
        period_end=end,
        time_basis=basis,
        time_precision=precision,
        attribution=said.claimant,
        attribution_unsure=said.unsure,
        derived=derived,
        role=q.role,
        link=None if link is None else (link.start + sentence.start, link.end + sentence.start),
        scope=scope,
        stage=figure_stage(s.reading, q, s.lex),
        counted=counted(q, s.text, s.lex) if metric is None and not _acted_on(s, q) else None,
        subject_kind=kind,
        subject_source=origin,
        subject_text=written,
    )


def _threshold_subject(
    s: _Sentence, q: Quantity, metric: str | None, subject: tuple[str | None, ...]
) -> tuple[str | None, ...]:
    """The subject of a threshold ("the 233 seats needed for a majority"): its event's, no party's; the
    one found (``subject``) when its article names no event."""
    of_event = _entity(s, q, metric, whole=True)
    return of_event if of_event[0] else subject


def _since_scope(s: _Sentence, written: tuple[DateMention | None, bool]) -> str | None:
    """ "since 2024-01-01" for a figure counted since a date ("118 500 depuis janvier"): a total over a
    period of its own, compared only with totals since that day (``written``: its date, read by
    :func:`_written_date`)."""
    m, opens = written
    if m is None or not s.ctx.article.published or not opens:
        return None
    return f"since {m.first.isoformat()}"


def _scope(
    s: _Sentence, q: Quantity, metric: str | None, dated: bool = False, part: bool = False
) -> str | None:
    """The scope a figure's own words give it (``dated``: a date is written with it; ``part``: a part of
    the figure before, whose place names it even when it is the article's setting: "500.000 manifestanti,
    di cui 55.000 a Parigi" in an article about Paris)."""
    if not dated and given_for_comparison(s.reading, q, s.lex):
        return REFERENCE  # of another time or count: "en baisse par rapport au taux préliminaire de 48,3 %"
    if expected_before(s.text, q, s.lex):
        return FORECAST  # "exceeding analysts' expectations of $26.37 billion": not the figure reported
    concept = s.ctx.kb.concepts.get(metric or "")
    if concept is not None and concept.measured_from:  # "80 km from Pylos"
        place = measured_from(s.text[q.end : q.end + _NEAR], s.lex)
        return f"{FROM}{place}" if place else PART  # from where is unknown: compared with nothing
    if concept is not None and concept.kind == "share" and said_as_change(s.reading, q, s.lex):
        return CHANGE  # "raised interest rates by 6%": the change of the rate, not the rate
    if concept is not None and concept.partitioned and counted_as_change(s.reading, q, s.lex):
        return CHANGE  # "Vox lost 19 seats": the seats it lost, not those it holds
    if concept is not None and said_as_difference(s.text, q, s.lex):
        return CHANGE  # "136 seats, 47 more than in 2019": what it gained
    if (
        concept is not None
        and concept.kind == "stock"
        and q.kind == "number"
        and said_as_increment(s.text, q, s.lex)
    ):
        return CHANGE  # "60 nouvelles victimes": what was added to the toll
    if (
        concept is not None
        and concept.partitioned
        and for_rival(s.text, s.quantities, q, s.lex, s.name_spans)
    ):
        return RIVAL  # "44,2% pour son rival": the share of a contestant the text does not name
    if concept is not None and concept.partitioned and q.qualifier == "range":
        return FORECAST  # "le NFP arrive en tête avec 180 à 215 députés": a count gives one number
    scope = figure_scope(
        s.reading,
        q,
        s.lex,
        setting=frozenset() if part else s.ctx.languages[s.lex.code].setting,
        names=s.name_spans,  # an entity's name is no place of scope
        subgroups=metric is not None,
        clock=concept is None or concept.kind != "property",  # "7.4 at 7 a.m.": the quake's hour
    )
    if scope is None:
        scope = rate_scope(s.text, s.quantities, q, s.lex)  # "2,000 migrants a day": a rate, no total
    flow = scope is None and concept is not None and concept.kind == "flow"
    return span_scope(s.text, s.quantities, q, s.lex) if flow else scope
