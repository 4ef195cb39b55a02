"""Stage 4, resolve: each quantity of an article -> a Claim with entity, metric, time and attribution."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import replace

from factcheck.models import Article, Claim, DateMention, Quantity, Sentence
from factcheck.quantities import find_quantities
from factcheck.quantities.lexicon import Lexicon, fold
from factcheck.quantities.spans import Spans
from factcheck.resolve.attribution import Said, claimants
from factcheck.resolve.dates import find_dates
from factcheck.resolve.discover import counted
from factcheck.resolve.entity import ArticleSubjects, last_named, main_subject, nearest_entity
from factcheck.resolve.knowledge import Event, Hit, Knowledge, load_knowledge
from factcheck.resolve.metric import (
    carried_metric,
    choose_metric,
    counts_no_noun,
    fits,
    head_noun,
    read_sentence,
)
from factcheck.resolve.scope import figure_scope, is_partitive, setting

__all__ = ["Knowledge", "load_knowledge", "resolve_article"]

UNMAPPED = "unmapped"


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


def _restated(s_text: str, prev: Claim, q: Quantity, offset: int) -> bool:
    """The same amount given again in brackets, in another unit: "44 milliards de dollars (44 milliards d'euros)"."""
    between = s_text[prev.quantity.end - offset : q.start]
    return (
        prev.quantity.kind == q.kind
        and q.kind in ("money", "measure")
        and between.strip() in ("(", "[", "(soit", "(≈", "(~")
    )


def _is_share_joint(between: str, lex: Lexicon) -> bool:
    words = fold(between).replace("'", "' ").split()
    share_words = {fold(w) for w in lex.raw["share_of"]}
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
    mentions = (
        list(article.dates) if lex.code == article.lang else find_dates(article.text, lex, article.published)
    )
    dated = Spans((m.start, m.end) for m in mentions)
    quantities = [q for q in find_quantities(article.text, lex) if not dated.overlaps(q.start, q.end)]
    return lex, mentions, sorted(kb.entity_hits(article.text, lex.code), key=lambda h: h.start), quantities


def resolve_article(article: Article, lexicons: Mapping[str, Lexicon], kb: Knowledge) -> list[Claim]:
    """All claims of one (dated) article, in text order; a paragraph in another language than the
    article's is read in its own."""
    text = article.text
    readings = {
        code: _read(article, lexicons[code], kb)
        for code in {article.lang} | {s.lang for s in article.sentences if s.lang}
    }
    subject = main_subject(readings[article.lang][2])
    lead = article.sentences[0].end if len(article.sentences) > 1 else 0  # a title or first sentence
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
                or last_named(all_entities, sentence.start)
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
            if prev is not None and _restated(s_text, prev, q, sentence.start):
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
            part = None
            if (
                metric is None
                and prev is not None
                and prev.metric != UNMAPPED
                and is_partitive(
                    s_text[prev.quantity.end - sentence.start : q.start], s_text[q.end : q.end + 20], lex
                )
                and fits(kb.concepts[prev.metric], q)
            ):  # "2,012 dead, including 1,293 in Al Haouz": a part of the figure before it
                metric, part = prev.metric, "part"
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
            claims.append(claim(q, metric, scope=part))
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
    return claims
