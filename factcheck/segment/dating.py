"""The date of each article of a document: its manifest's, its own (a dateline, a title), or, on an
archive page, between its neighbours; and the dates written in it, read once against that date."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from factcheck.models import Article, DateMention
from factcheck.quantities.lexicon import Lexicon, alternation
from factcheck.resolve.dates import WrittenDates, find_dates

__all__ = ["date_articles"]

DATELINE_WINDOW = 400  # a dateline sits in the first characters of an article
TITLE_CHARS = 200  # a first line this short, with text after it, is a title


@cache
def _datelines(lex: Lexicon) -> re.Pattern[str] | None:
    return alternation(lex.data.dates.dateline)


def date_articles(
    articles: list[Article],
    lexicons: dict[str, Lexicon],
    run_date: date | None = None,
    years_from: date | None = None,
) -> list[Article]:
    """Each article with its date and the dates written in it (``Article.dates``, in its language,
    read against that date). A one-article file keeps its manifest date, else takes its dateline. In
    a file of several (a blog's archive page), each article takes its dateline or else the latest day
    written in it; one with no date of its own lies between the dated articles around it when those
    run newest first, as archive pages list them, and after the dated events it reports ("début
    juillet": after early July; relative dates, which hang on the unknown date, do not count).
    ``run_date`` (--published) dates the articles that get no date otherwise; in one that has none still,
    the days written with their year are read, and the months written without (``years_from``: the run's
    middle day, :func:`_year_base`), not the days counted from its unknown date ("yesterday")."""
    written = [WrittenDates(a.text, lexicons[a.lang]) for a in articles]  # each article searched once
    several = len(articles) > 1
    own = [
        _own_date(a, w, one_of_several=several, years_from=years_from)
        for a, w in zip(articles, written, strict=True)
    ]
    known = [(i, d) for i, d in enumerate(own) if d is not None]
    newest_first = all(a >= b for (_, a), (_, b) in itertools.pairwise(known))
    out = []
    for i, article in enumerate(articles):
        if own[i] is not None and _within_manifest(own[i], article):
            article = replace(article, published=own[i], published_from=None, date_basis="own")
        elif several and known and newest_first:
            article = _between(
                article, written[i], [d for j, d in known if j < i], [d for j, d in known if j > i]
            )
        if article.published is None and run_date is not None:  # the run's date for articles that give none
            article = replace(article, published=run_date, date_basis="run")
        if article.published is None:  # no day to count from: only the days written, their year inferred
            with_year = written[i].at(None)
            # a month, the one nearest the run's middle day; a quarter or half of a year, the latest
            # begun by that day ("il primo semestre" of a run of July 2025: 2025's, not 2026's)
            base = _year_base(with_year, years_from)
            read = written[i].at(base, relative=False)
            if years_from is not None and written[i].yearless_parts:  # read once more only where needed
                parts = written[i].at(years_from, relative=False)
                read = [m for m in read if m.precision == "month"] + [
                    m for m in parts if m.precision != "month"
                ]
            dates = with_year + [m for m in read if m.precision != "day" and m not in with_year]
            dates.sort(key=lambda m: m.start)
        else:
            dates = written[i].at(article.published)
        out.append(replace(article, dates=tuple(dates)))
    return out


HALF_YEAR = timedelta(days=182)


def _year_base(with_year: list[DateMention], years_from: date | None) -> date | None:
    """What a month written with no year in an undated article is read against (the latest such month
    up to it): half a year after the run's middle day (``years_from``), so that it is the month nearest
    that day ("juin" of a run of March 2025 is June 2025, "janvier" of a run of May 2023 January 2023);
    else the end of the latest year the article writes (``with_year``: its dates written with one); else
    nothing."""
    if years_from is not None:
        return years_from + HALF_YEAR
    return date(max(m.last.year for m in with_year), 12, 31) if with_year else None


def _between(article: Article, written: WrittenDates, newer: list[date], older: list[date]) -> Article:
    """An archive post with no date of its own: no later than the post above it (newer), after the
    post below it and after the dated events it reports."""
    upper = newer[-1] if newer else article.published
    reported = [m.first for m in written.at(upper) if not m.relative and (upper is None or m.first <= upper)]
    lower = max(older[:1] + reported, default=None)
    return replace(article, published=upper, published_from=lower, date_basis="archive")


def _within_manifest(day: date, article: Article) -> bool:
    """Whether an article's own date agrees with the month or year its manifest gives (a day given by the
    manifest is never replaced: see _own_date)."""
    return article.published_from is None or article.published_from <= day <= article.published


HISTORY_YEARS = 2  # an article's latest year this far from its run's middle day's is history it recalls


def _own_date(
    article: Article, written: WrittenDates, *, one_of_several: bool, years_from: date | None = None
) -> date | None:
    """The date an article gives itself: its dateline ("Pubblicato il 12 Apr 2023", "Bologna, 20 maggio
    2024.", "PARIS (AFP) — 12 mars", "القاهرة - 3 يونيو": a day opening a line, after a dateline word
    or a place), else a day in its title; or (one of several) the latest day written in it. A
    dateline without a year takes the latest year written in the article, or the year of the run's
    middle day (``years_from``) where that is more than :data:`HISTORY_YEARS` from it ("ROMA,
    20 OTT" of a run of October 2025 is 2025's, not that of "in carica dal 2001 al 2002"); with a
    weekday, the year nearest it that fits. A day from the manifest stands; a month or a year from it
    may be narrowed by the article's own day."""
    if article.published and article.published_from is None and not one_of_several:
        return None
    lex = written.lex
    if one_of_several:
        mentions = written.at(article.published)
    else:  # a dateline is near the top
        mentions = find_dates(article.text[: DATELINE_WINDOW + 200], lex, article.published)
    found = _dateline(article.text, mentions, lex)
    if found is None and article.published is None and not one_of_several:
        years = [m.last.year for m in written.at(None)]
        if years and years_from is not None and abs(max(years) - years_from.year) > HISTORY_YEARS:
            years = [years_from.year]  # "in carica dal 2001 al 2002": history, not the article's year
        if years:  # "12 mars": the latest year the article writes; "Dimanche 29 décembre": the year
            # nearest it whose 29 December is a Sunday (2024 for an article whose latest year is 2023)
            head, latest = article.text[: DATELINE_WINDOW + 200], max(years)
            days = [
                _dateline(article.text, find_dates(head, lex, date(y, 12, 31)), lex)
                for y in (latest, latest + 1)
            ]
            found = min((d for d in days if d is not None), key=lambda d: abs(d.year - latest), default=None)
    if found is not None:
        return found
    if one_of_several:
        cap = article.published or date.max
        days = [m.first for m in mentions if m.precision == "day" and m.first <= cap]
        return max(days) if days else None
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
