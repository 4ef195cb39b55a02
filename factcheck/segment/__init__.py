"""Stage 2, segment: a Document -> its Articles (boilerplate dropped, repeats marked, language, sentences,
date)."""

from __future__ import annotations

from datetime import date

from factcheck.models import Article, Document, Sentence
from factcheck.quantities.lexicon import Lexicon
from factcheck.segment.articles import split_articles
from factcheck.segment.dating import date_articles
from factcheck.segment.language import detect_language, paragraph_languages
from factcheck.segment.repeats import RepeatTracker
from factcheck.segment.sentences import split_sentences

__all__ = ["RepeatTracker", "segment"]


def segment(
    doc: Document,
    lexicons: dict[str, Lexicon],
    repeats: RepeatTracker,
    default_lang: str | None,
    run_date: date | None = None,
    years_from: date | None = None,
) -> list[Article]:
    """Cut a document into articles, each with its language, its sentences (repeats marked), its date
    and the dates written in it (``run_date``: the date of articles that give none; ``years_from``: the
    day a month written with no year in an undated article is read near; see dating.py)."""
    articles = []
    for n, (start, end, text) in enumerate(split_articles(doc.text, lexicons.values())):
        lang = detect_language(text, tuple(lexicons), fallback=doc.lang or default_lang)
        lex = lexicons[lang]
        is_repeat = repeats.article_seen(text)
        other = paragraph_languages(text, lang, tuple(lexicons))
        sentences = tuple(  # built whole: dataclasses.replace costs several times more per sentence
            Sentence(
                s.start,
                s.end,
                is_repeat=repeats.sentence_seen(text[s.start : s.end]),
                lang=next((lg for a, b, lg in other if a <= s.start < b), None) if other else None,
            )
            for s in split_sentences(text, lex)
        )
        articles.append(
            Article(
                article_id=f"{doc.doc_id}#{n + 1}",
                doc_id=doc.doc_id,
                start=start,
                end=end,
                text=text,
                lang=lang,
                published=doc.published,
                published_from=doc.published_from,
                sentences=sentences,
                is_repeat=is_repeat,
                source=doc.source,
            )
        )
    return date_articles(articles, lexicons, run_date, years_from)
