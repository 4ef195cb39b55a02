"""Contestants named twice, by a party and by the leader who stands for it ("the AfD, led by Alice Weidel",
"l'Spd del cancelliere Olaf Scholz", "Youcef Aouchiche (FFS)"), or by two names the articles of a run give
one precise value ("CDU-CSU 28,6 %", "la CSU, 28,6 %"), made one contestant of the run."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import combinations, pairwise

import numpy as np
import pandas as pd

from factcheck.errors import LanguageDataError
from factcheck.quantities.lexicon import alternation, load_lexicon
from factcheck.resolve.carried import precise
from factcheck.unionfind import root, union

LINK_WORDS = 4  # at most this many words between a party's name and its leader's ("guidata da", "led by")
_WORD = re.compile(r"\w+")


def link_leaders(a: pd.DataFrame, contested: frozenset[str]) -> pd.DataFrame:
    """Figures of a metric shared out among contestants (``contested``: seats, votes) whose subjects
    are two names a sentence of the run joins as one contestant: the name in brackets after the other
    ("Youcef Aouchiche (FFS)"), or linked by the language's words for who leads whom
    (``discover.led_by``: "guidata da", "led by", "du", "بزعامة"), a few words at most and no figure
    between; or two names articles give one precise value, no article naming both
    (:func:`_given_one_value`). They take the name the run gives most of the two. Never two names that
    one article gives figures of the same metric each, nor any they were made one with: they are rivals."""
    if "sentence" not in a.columns or not contested:
        return a
    entity = a["entity"].to_numpy(dtype=object).copy()
    metric, kind = a["metric"].to_numpy(dtype=object), a["subject_kind"].to_numpy(dtype=object)
    rows = np.flatnonzero(np.isin(metric, list(contested)) & (kind == "entity") & pd.notna(entity))
    if len(rows) < 2:
        return a
    texts, sentences = a["subject_text"].to_numpy(dtype=object), a["sentence"].to_numpy(dtype=object)
    langs = a["lang"].to_numpy(dtype=object) if "lang" in a.columns else np.full(len(a), "")
    forms: dict[str, str] = {}  # a name as written -> its subject (the first met where two share one)
    for n in rows.tolist():
        form = str(texts[n] or "").partition(" (")[0].strip()
        if len(form) > 1:
            forms.setdefault(form, entity[n])
    if not forms:
        return a
    named = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)"
    )
    articles = a["article_id"].to_numpy(dtype=object) if "article_id" in a.columns else sentences
    rivals = _rivals(entity[rows], articles[rows], metric[rows])
    parent: dict[str, str] = {}
    for sentence, lang in sorted({(str(sentences[n]), str(langs[n])) for n in rows.tolist()}):
        found = [(m.start(), m.end(), forms[m.group()]) for m in named.finditer(sentence)]
        for (_, end, x), (start, after, y) in pairwise(found):
            if _joined(sentence, end, start, after, lang):
                _join(parent, x, y, rivals)
    values = a["value"].to_numpy(dtype=float) if "value" in a.columns else np.full(len(a), np.nan)
    for x, y in _given_one_value(entity[rows], metric[rows], values[rows], articles[rows], rivals):
        _join(parent, x, y, rivals)
    if not parent:
        return a
    most = Counter(entity[rows])
    members: dict[str, list[str]] = {}
    for e in parent:
        members.setdefault(root(parent, e), []).append(e)
    chosen = {e: max(group, key=lambda m: (most[m], m)) for group in members.values() for e in group}
    for n in rows.tolist():
        entity[n] = chosen.get(entity[n], entity[n])
    a = a.copy(deep=False)
    a["entity"] = entity
    return a


TELLING_COUNT = 1000  # a whole value below this (seats: 577, 289) may be an assembly's, not one contestant's


def _given_one_value(
    entity: np.ndarray,
    metric: np.ndarray,
    values: np.ndarray,
    articles: np.ndarray,
    rivals: dict[str, set[str]],
) -> list[tuple[str, str]]:
    """Pairs of names that are one contestant written two ways by the articles of a run: a precise value
    (three significant digits or more, not round; a whole one from ``TELLING_COUNT``) given to one in
    some articles and to the other in others ("CDU-CSU 28,6 %", "la CSU, 28,6 %", "الاتحاد الديمقراطي
    المسيحي 28.6%"; "Olaf Scholz, 16,4 %" and "the SPD, 16.4%"), no article giving figures of both. Rivals are named side by side: an
    article that names both gives each its own ("Hassani 3,17 %, Aouchiche 2,16 %"), even where another
    slips and gives one the other's; a name that would be two rivals (``rivals``: "the Bundestag" given
    two parties' shares) is neither; and a round value (30%, 180 seats) may be anyone's."""
    said: dict[tuple, set[str]] = {}
    where: dict[str, set] = {}
    for e, m, v, article in zip(entity, metric, values, articles, strict=True):
        where.setdefault(e, set()).add(article)
        if not np.isnan(v) and precise(v) and (v != round(v) or v >= TELLING_COUNT):
            said.setdefault((m, round(float(v), 6)), set()).add(e)
    pairs = {
        (x, y)
        for names in said.values()
        for x, y in combinations(sorted(names), 2)
        if not where[x] & where[y]
    }
    partners: dict[str, set[str]] = {}
    for x, y in pairs:
        partners.setdefault(x, set()).add(y)
        partners.setdefault(y, set()).add(x)
    hubs = {x for x, ys in partners.items() if any(rivals.get(y, set()) & ys for y in ys)}
    return sorted((x, y) for x, y in pairs if x not in hubs and y not in hubs)


def _rivals(entity: np.ndarray, articles: np.ndarray, metric: np.ndarray) -> dict[str, set[str]]:
    """Per subject, those one article gives figures of the same metric beside it: rivals (a party and
    its leader get one figure, or figures of different metrics: "Weidel's AfD, 20.8%, 152 seats")."""
    together: dict[tuple, set[str]] = {}
    for e, article, m in zip(entity, articles, metric, strict=True):
        together.setdefault((article, m), set()).add(e)
    rivals: dict[str, set[str]] = {}
    for subjects in together.values():
        for e in subjects:
            rivals.setdefault(e, set()).update(subjects - {e})
    return rivals


def _joined(sentence: str, end: int, start: int, after: int, lang: str) -> bool:
    """Whether the two names around ``sentence[end:start]`` (the second ending at ``after``) are one
    contestant: the second in brackets right after the first, or a few words between them, no figure,
    the first of them words of ``discover.led_by`` ("guidata da Friedrich Merz", "del cancelliere Olaf
    Scholz"; not "Merz beat Scholz")."""
    between = sentence[end:start]
    if any(c.isdigit() for c in between):
        return False
    if between.strip() == "(" and sentence[after : after + 1] == ")":
        return True
    links = _led_by(lang)
    return (
        links is not None
        and len(_WORD.findall(between)) <= LINK_WORDS
        and links.match(between.lstrip(" ,(")) is not None
    )


@cache
def _led_by(lang: str) -> re.Pattern[str] | None:
    try:
        return alternation(load_lexicon(lang).data.discover.led_by)
    except LanguageDataError:  # a run's language with no file of its own: no words to link by
        return None


def _join(parent: dict[str, str], x: str, y: str, rivals: dict[str, set[str]]) -> None:
    """``x`` and ``y`` made one, with all they were made one with, unless a rival of one is among them
    (``parent`` holds every subject met, each its own until joined)."""
    parent.setdefault(x, x)
    parent.setdefault(y, y)
    ends = {root(parent, x), root(parent, y)}
    one = {e for e in parent if root(parent, e) in ends}
    if not any(rivals.get(e, set()) & one for e in one):
        union(parent, x, y)
