"""Stage 4, resolve: each quantity of an article -> a Claim with entity, metric, time and attribution."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import cache

from factcheck.models import PART, Article, Claim, DateMention, Quantity, Sentence
from factcheck.quantities import find_quantities
from factcheck.quantities.lexicon import Lexicon, alternation, fold
from factcheck.quantities.spans import Spans
from factcheck.resolve.attribution import Said, claimants
from factcheck.resolve.dates import find_dates
from factcheck.resolve.discover import counted
from factcheck.resolve.entity import ArticleSubjects, carried, last_named, main_subject, nearest_entity
from factcheck.resolve.knowledge import Event, Hit, Knowledge, load_knowledge
from factcheck.resolve.metric import (
    carried_metric,
    choose_metric,
    counts_no_noun,
    fits,
    head_noun,
    read_sentence,
)
from factcheck.resolve.scope import enumerated, figure_scope, is_partitive, setting, shared_out

__all__ = ["Knowledge", "date_articles", "load_knowledge", "resolve_article"]

UNMAPPED = "unmapped"
DATELINE_WINDOW = 400  # a dateline sits in the first characters of an article
TITLE_CHARS = 200  # a first line this short, with text after it, is a title


@cache
def _datelines(lex: Lexicon) -> re.Pattern[str] | None:
    return alternation(lex.data.dates.dateline)


def date_articles(articles: list[Article], lexicons: dict[str, Lexicon]) -> list[Article]:
    """Each article's date. A one-article file keeps its manifest date, else takes its dateline. In a
    file of several (a blog's archive page), each article takes its dateline or else the latest day
    written in it; one with no date of its own lies between the dated articles around it when those
    run newest first, as archive pages list them, and after the dated events it reports ("début
    juillet": after early July; relative dates, which hang on the unknown date, do not count)."""
    several = len(articles) > 1
    own = [_own_date(a, lexicons[a.lang], one_of_several=several) for a in articles]
    known = [(i, d) for i, d in enumerate(own) if d is not None]
    newest_first = all(a >= b for (_, a), (_, b) in itertools.pairwise(known))
    out = []
    for i, article in enumerate(articles):
        if own[i] is not None and _within_manifest(own[i], article):
            out.append(replace(article, published=own[i], published_from=None, date_basis="own"))
        elif several and known and newest_first:
            newer = [d for j, d in known if j < i]
            upper = newer[-1] if newer else article.published
            older = [d for j, d in known if j > i]
            reported = [
                m.first
                for m in find_dates(article.text, lexicons[article.lang], upper)
                if not m.relative and (upper is None or m.first <= upper)
            ]
            lower = max(
                older[:1] + reported, default=None
            )  # after the post below it, and after what it reports
            out.append(replace(article, published=upper, published_from=lower, date_basis="archive"))
        else:
            out.append(article)
    return out


def _within_manifest(day: date, article: Article) -> bool:
    """Whether an article's own date agrees with the month or year its manifest gives (a day given by the
    manifest is never replaced: see _own_date)."""
    return article.published_from is None or article.published_from <= day <= article.published


def _own_date(article: Article, lex: Lexicon, *, one_of_several: bool) -> date | None:
    """The date an article gives itself: its dateline ("Pubblicato il 12 Apr 2023", "Bologna, 20 maggio
    2024.", "PARIS (AFP) — 12 mars", "القاهرة - 3 يونيو": a day opening a line, after a dateline word
    or a place), else a day in its title; or (one of several) the latest day written in it. A
    dateline without a year takes the latest year written in the article. A day from the manifest
    stands; a month or a year from it may be narrowed by the article's own day."""
    if article.published and article.published_from is None and not one_of_several:
        return None
    text = (
        article.text if one_of_several else article.text[: DATELINE_WINDOW + 200]
    )  # a dateline is near the top
    mentions = find_dates(text, lex, article.published)
    found = _dateline(article.text, mentions, lex)
    if found is None and article.published is None and not one_of_several:
        years = [m.last.year for m in find_dates(article.text, lex, None)]
        if years:  # "12 mars": the latest year the article writes
            found = _dateline(article.text, find_dates(text, lex, date(max(years), 12, 31)), lex)
    if found is not None:
        return found
    if one_of_several:
        cap = article.published or date.max
        days = [m.first for m in mentions if m.precision == "day" and m.first <= cap]
        if days:
            return max(days)
        return None
    title_end = article.text.find("\n")
    if 0 < title_end <= TITLE_CHARS and article.published is None:  # a day in the title
        return next((m.first for m in mentions if m.end <= title_end and m.precision == "day"), None)
    return None


_PLACE = re.compile(
    r"\s*[^\W\d_][^\d\n,–—|·-]{0,40}?(?:\([^()\n\d]{1,30}\))?\s*[,–—|·-]\s*"
)  # "Bologna, ", "PARIS (AFP) — ", "القاهرة - ", "By Jane Doe | ": a place or a byline before the day of a dateline


def _dateline(text: str, mentions: list[DateMention], lex: Lexicon) -> date | None:
    """The day of the article's dateline, if one of ``mentions`` is one."""
    datelines = _datelines(lex)
    head = text[:DATELINE_WINDOW]
    for m in mentions:
        if m.start >= DATELINE_WINDOW or m.precision != "day":
            continue
        line_start = head.rfind("\n", 0, m.start) + 1
        before = head[line_start : m.start]
        if not before.strip() or (datelines and datelines.search(before)) or _PLACE.fullmatch(before):
            return m.first
    return None


def _time(
    q: Quantity,
    role: str | None,
    sentence: Sentence,
    mentions: list[DateMention],
    events: list[Hit],
    kb: Knowledge,
    article: Article,
    about: Event | None = None,
):
    """(period_start, period_end, time_basis, precision) for a quantity (offsets relative to the article);
    ``about``: the event the quantity's metric is a figure of (a purchase price: the purchase)."""
    event = kb.events[events[0].id] if events else about
    period = next(
        (
            m
            for m in mentions
            if sentence.start <= m.start and m.end <= sentence.end and m.precision == "period"
        ),
        None,
    )
    if (
        role in ("from", "to") and period is not None
    ):  # "de 2 à 5 millions entre janvier et mars": its two ends
        day = period.first if role == "from" else period.last
        return day, day, "explicit", "day"
    if role == "from":
        return (event.date, event.date, "event", "day") if event else (None, None, "unknown", None)
    if role != "to":
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        if inside:
            m = min(inside, key=lambda m: min(abs(m.start - q.end), abs(q.start - m.end)))
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


def _alike(a: Quantity, b: Quantity) -> bool:
    """Whether two figures are of one order of size (98 and 34 seats; not a magnitude 7 and 1,037)."""
    x, y = abs(a.value or 0), abs(b.value or 0)
    return min(x, y) > 0 and max(x, y) / min(x, y) <= 20


def _signed(q: Quantity, negative: bool) -> tuple[float | None, float | None, float | None]:
    if not negative or q.value is None or q.value <= 0:
        return q.value, q.lower, q.upper
    return -q.value, None if q.upper is None else -q.upper, None if q.lower is None else -q.lower


def _within(items: list, sentence: Sentence) -> list:
    """The items (sorted by start, each with start and end) that lie inside ``sentence``: by bisection,
    so a long article is not scanned once per sentence."""
    lo = bisect_left(items, sentence.start, key=lambda x: x.start)
    hi = bisect_left(items, sentence.end, lo, key=lambda x: x.start)
    return [x for x in items[lo:hi] if x.end <= sentence.end]


def _read(
    article: Article, lex: Lexicon, kb: Knowledge
) -> tuple[Lexicon, list[DateMention], list[Hit], list[Quantity]]:
    """One language's reading of a whole article: its dates, entity names and quantities. Read once over
    the whole article, so that "1,500" is settled by the article's other numbers; a number inside a
    date phrase ("un anno fa", "il y a une semaine") dates a claim, it is not one."""
    mentions = find_dates(article.text, lex, article.published)
    dated = Spans((m.start, m.end) for m in mentions)
    quantities = [q for q in find_quantities(article.text, lex.code) if not dated.overlaps(q.start, q.end)]
    return lex, mentions, sorted(kb.entity_hits(article.text, lex.code), key=lambda h: h.start), quantities


def resolve_article(article: Article, lexicons: Mapping[str, Lexicon], kb: Knowledge) -> list[Claim]:
    """All claims of one (dated) article, in text order; a paragraph in another language than the
    article's is read in its own."""
    text = article.text
    readings = {
        code: _read(article, lexicons[code], kb)
        for code in {article.lang} | {s.lang for s in article.sentences if s.lang}
    }
    lead = article.sentences[0].end if len(article.sentences) > 1 else 0  # a title or first sentence
    subject = main_subject(carried(readings[article.lang][2], lead))
    where = {code: setting(text, lexicons[code], lead) for code in readings}  # the story's place: no scope
    found: dict[str, ArticleSubjects] = {}  # subjects found in the text, per language read: on first need
    claims: list[Claim] = []
    previous_hits: list = []
    for sentence in article.sentences:
        lex, all_mentions, all_entities, everything = readings[sentence.lang or article.lang]
        mentions = _within(all_mentions, sentence)
        s_text = text[sentence.start : sentence.end]
        quantities = [
            replace(q, start=q.start - sentence.start, end=q.end - sentence.start)
            for q in _within(everything, sentence)
        ]
        reading = read_sentence(s_text, quantities, kb, lex)
        hits = reading.hits
        if not quantities:
            previous_hits = hits
            continue
        decreasing = bool(lex.re_decrease and lex.re_decrease.search(s_text))
        changing = decreasing or bool(lex.re_increase and lex.re_increase.search(s_text))
        ent_hits = [
            Hit(h.start - sentence.start, h.end - sentence.start, h.id)
            for h in _within(all_entities, sentence)
        ]
        events = kb.event_hits(s_text, lex.code)
        said_at = dict(
            zip(
                (q.start for q in quantities),
                claimants(s_text, [(q.start, q.end) for q in quantities], lex),
                strict=True,
            )
        )
        names = tuple((h.start, h.end) for h in ent_hits)  # an entity's name is no place of scope

        def claim(
            q: Quantity,
            metric: str | None,
            *,
            derived: bool = False,
            link: Quantity | None = None,
            value=None,
            scope: str | None = None,
        ) -> Claim:
            entity = (
                nearest_entity(s_text, q.start, q.end, ent_hits)
                or last_named(carried(all_entities, lead), sentence.start)
                or subject
            )
            kind, origin, written = ("entity", "catalogue", None) if entity else (None, None, None)
            if entity is None:  # none in the catalogue: a name, place or event found in the text
                if lex.code not in found:
                    found[lex.code] = ArticleSubjects.of(text, lex)
                got = found[lex.code].subject(
                    q.start + sentence.start,
                    q.end + sentence.start,
                    (sentence.start, sentence.end),
                    said_at.get(q.start, Said()).claimant,  # who says it is not what it is about
                    contestant=metric is not None and kb.concepts[metric].partitioned,
                )
                if got is not None:
                    entity, kind, written = got
                    origin = "discovered"
            negative = decreasing and metric is not None and kb.concepts[metric].kind == "change"
            v, lo, hi = value if value is not None else _signed(q, negative)
            absolute = replace(q, start=q.start + sentence.start, end=q.end + sentence.start)
            about = kb.event_of(entity, kb.concepts[metric].event) if metric else None
            start, end, basis, precision = _time(
                absolute, q.role, sentence, mentions, events, kb, article, about
            )
            said = said_at.get(q.start, Said())
            return Claim(
                article=article,
                sentence=sentence,
                quantity=absolute,
                entity=entity,
                metric=metric or UNMAPPED,
                head=head_noun(reading, q),
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
                scope=figure_scope(
                    reading, q, lex, setting=where[lex.code], names=names, subgroups=metric is not None
                )
                or scope,
                counted=counted(q, s_text, lex) if metric is None else None,
                subject_kind=kind,
                subject_source=origin,
                subject_text=written,
            )

        skip: set[int] = set()
        for i, q in enumerate(quantities):
            if i in skip:
                continue
            nxt = quantities[i + 1] if i + 1 < len(quantities) else None
            if (
                q.kind == "percent"
                and nxt is not None
                and nxt.kind == "number"
                and _is_share_joint(s_text[q.end : nxt.start], lex)
            ):
                skip.add(i + 1)  # "la moitié de ses 7.500 employés": a base, and a part derived from it
                base_metric = choose_metric(nxt, reading, kb, lex, changing=False, kinds=("stock",))
                claims.append(claim(nxt, base_metric))
                part = next(
                    (
                        c.id
                        for c in kb.concepts.values()
                        if base_metric and c.decreases == base_metric and any(h.concept == c.id for h in hits)
                    ),
                    None,
                )
                if part and q.value is not None and nxt.value is not None:
                    share = q.value / 100
                    span = replace(
                        q,
                        end=nxt.end,
                        text=s_text[q.start : nxt.end],
                        kind="number",
                        unit=None,
                        qualifier="approx" if "approx" in (q.qualifier, nxt.qualifier) else q.qualifier,
                    )
                    lo = None if nxt.lower is None or q.lower is None else nxt.lower * q.lower / 100
                    hi = None if nxt.upper is None or q.upper is None else nxt.upper * q.upper / 100
                    claims.append(
                        claim(span, part, derived=True, link=nxt, value=(share * nxt.value, lo, hi))
                    )
                continue
            if q.role == "from" and nxt is not None and nxt.role == "to":
                metric = choose_metric(  # the "from" end shares the words of the "to"
                    nxt, reading, kb, lex, changing=changing, kinds=("stock",), besides=(q,)
                )
                claims.append(claim(q, metric, link=nxt))
                claims.append(claim(nxt, metric, link=q))
                skip.add(i + 1)
                continue
            prev = claims[-1] if claims and claims[-1].sentence is sentence else None
            if prev is not None and _restated(s_text, prev, q, sentence.start, lex):
                # "44 milliards de dollars (44 milliards d'euros)": the same figure, tied to the one it restates
                said = replace(
                    prev.quantity,
                    start=prev.quantity.start - sentence.start,
                    end=prev.quantity.end - sentence.start,
                )
                claims.append(
                    replace(
                        claim(q, None if prev.metric == UNMAPPED else prev.metric, link=said), role="restated"
                    )
                )
                continue
            metric = choose_metric(q, reading, kb, lex, changing=changing)
            part = whole = None
            if (
                metric is None
                and prev is not None
                and prev.metric != UNMAPPED
                and is_partitive(
                    s_text[prev.quantity.end - sentence.start : q.start], s_text[q.end : q.end + 20], lex
                )
                and fits(kb.concepts[prev.metric], q)
            ):  # "2,012 dead, including 1,293 in Al Haouz": a part of the figure before it
                metric, part = prev.metric, PART
                whole = replace(
                    prev.quantity,
                    start=prev.quantity.start - sentence.start,
                    end=prev.quantity.end - sentence.start,
                )
            elif (
                metric is None
                and prev is not None
                and prev.metric != UNMAPPED
                and prev.quantity.kind == q.kind
                and fits(kb.concepts[prev.metric], q)
                and counts_no_noun(q, reading, lex)
                and _alike(prev.quantity, q)
            ):  # "98 seats for Renaissance, 34 for the MoDem": the noun of the figure before is understood
                metric = prev.metric
            if metric is None and not any(
                fits(c, q) and (changing or not c.needs_change_word)
                for c in (kb.concepts[h.concept] for h in hits)
            ):
                metric = carried_metric(q, previous_hits, kb, changing=changing)
            claims.append(claim(q, metric, scope=part, link=whole))
        moved = next(
            (c.metric for c in claims if c.sentence is sentence and c.role == "to" and c.metric != UNMAPPED),
            None,
        )
        if (
            moved and changing
        ):  # "de 7.500 à 2.000 salariés, une baisse de 50 %": the percent is the transition's change
            change = next((c for c in kb.concepts.values() if c.change_of == moved), None)
            for n, c in enumerate(claims):
                if (
                    change
                    and c.sentence is sentence
                    and c.metric == UNMAPPED
                    and c.role is None
                    and fits(change, c.quantity)
                ):
                    local = replace(
                        c.quantity,
                        start=c.quantity.start - sentence.start,
                        end=c.quantity.end - sentence.start,
                    )
                    claims[n] = claim(local, change.id)
        previous_hits = hits
    return enumerated(shared_out(claims, kb))
