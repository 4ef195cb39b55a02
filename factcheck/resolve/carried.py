"""What a value carries across a run's articles: its metric, stage, reading, contestant and whole.

An election's figures come in stages (rounds, preliminary and final results), and most articles say
the stage of a figure once, or never: "a preliminary turnout of 27.7%" in one article, "turnout was
27.7%" in five others. The value is the mark of its stage: the figures of one subject and metric that
give a value another article says with a stage, and no other stage of that family, are of that stage
(grouping never compares two stages of one family: group._stages_apart). A forecast (an exit poll's,
a projection's figure: the scope ``forecast``) comes before any count, and so does a reading at an
hour ("26.3% at 5 p.m."): "89.2% according to the exit poll" in one article makes the 89.2% another
gives alone the poll's, unless a count's stage is said of that value somewhere. A value near one
stage's values and far from the others' is of that stage, and a sentence gives one tally: its one stage
of results is its contested figures'. And a precise share or count of votes that one article gives the
election ("il a remporté le scrutin avec 55,95%") is the contestant's that another article names with it.
A place said beside a precise value that another article gives with no place is where the subject is,
not a part of it. And a value no small or round figure tells what it is of: a figure whose noun no
concept names measures what the other articles that give its value measure ("About 75 climbers", where
others count "75 escursionisti"); a value most articles give one subject, or one metric where words alone
linked the figure's, is of that subject and metric; a figure read as an unnamed part whose value other
articles give as a whole is that whole. Not in a table (more than TABLE_FIGURES figures of one subject
and metric), whose values repeat by chance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property

import numpy as np
import pandas as pd

from factcheck.models import CONCEPT_COLUMNS, EARLIER, IN_PROGRESS, PART, UNMAPPED, stage_family
from factcheck.resolve.scope import AT_HOUR, FORECAST, THRESHOLD

RESULTS = stage_family(IN_PROGRESS)  # the family of a count's stages: partial, provisional, final


def staged_by_value(assertions: pd.DataFrame, contested: frozenset[str] = frozenset()) -> pd.DataFrame:
    """``assertions`` with the stage a value is said with elsewhere given to the figures of the same
    subject, metric and scope that give that value, or a rounding of it ("almost 95%" of the
    provisional 94.65%), and say no stage of its family; then the readings (a forecast, an hour's) given
    likewise; then the stage of results a sentence's figures have given to its figures of a ``contested``
    metric that have none (:func:`_stage_by_sentence`), and their values carried again (a copy where
    any changes). Only figures of a metric counted in stages in the run are looked at (a vote's): a run
    with no stage said costs nothing per figure."""
    a = _carried_stages(assertions)
    told = _stage_by_sentence(a, contested)
    return a if told is a else _carried_stages(told)


def _carried_stages(a: pd.DataFrame) -> pd.DataFrame:
    """``a`` with the stages and readings its values carry (see :func:`staged_by_value`)."""
    if a.empty or "stage" not in a.columns or not a["stage"].notna().any():
        return a
    metric = a["metric"].to_numpy(dtype=object)
    staged = np.isin(metric, pd.unique(metric[a["stage"].notna().to_numpy()]))
    rows = np.flatnonzero(staged & a["entity"].notna().to_numpy() & a["value"].notna().to_numpy())
    scope = a["scope"] if "scope" in a.columns else pd.Series(None, index=a.index, dtype=object)
    entity, where = a["entity"].to_numpy(dtype=object), scope.to_numpy(dtype=object)
    keys = {n: (entity[n], metric[n], None if pd.isna(where[n]) else where[n]) for n in rows.tolist()}
    values = a["value"].to_numpy(dtype=float)
    return _readings_by_value(_stage_by_value(a, keys, values), keys, values)


def _stage_by_sentence(a: pd.DataFrame, contested: frozenset[str]) -> pd.DataFrame:
    """``a`` with the one stage of results a sentence's figures have (said, or carried by their values)
    given to its figures of a ``contested`` metric that have none: a sentence gives one tally ("5.329.253
    voti, pari al 94,65%", the provisional share: the provisional votes), unless it gives two."""
    if not contested or "stage" not in a.columns or not {"sentence", "doc_id"} <= set(a.columns):
        return a
    said = a["stage"].to_numpy(dtype=object)
    results = [n for n in np.flatnonzero(pd.notna(said)).tolist() if _of_results(said[n])]
    if not results:
        return a
    doc, text = a["doc_id"].to_numpy(dtype=object), a["sentence"].to_numpy(dtype=object)
    tallies: dict[tuple, set[str]] = {}
    for n in results:
        tallies.setdefault((doc[n], text[n]), set()).update(
            x for x in _stages(said[n]) if stage_family(x) == RESULTS and x != IN_PROGRESS
        )
    mine = np.isin(a["metric"].to_numpy(dtype=object), list(contested)) & a["entity"].notna().to_numpy()
    given, changed = said.copy(), False
    for n in np.flatnonzero(mine).tolist():
        tally = tallies.get((doc[n], text[n]), set())
        if len(tally) == 1 and not _of_results(said[n]):
            given[n], changed = ", ".join(sorted([*_stages(said[n]), *tally])), True
    return a.assign(stage=given) if changed else a


def _stage_by_value(a: pd.DataFrame, keys: dict[int, tuple], values: np.ndarray) -> pd.DataFrame:
    """``a`` with the stages given by value (see :func:`staged_by_value`); ``keys``: the rows looked at,
    each with its subject, metric and scope."""
    said = a["stage"].to_numpy(dtype=object)
    known: dict[tuple, list[tuple[float, str]]] = {}  # key -> (value, stage) said of it
    for n, key in keys.items():
        for stage in _stages(said[n]):
            # "with 70% of the votes counted": said of final results too; "un précédent bilan faisait état
            # de 35 morts": the toll another article gave as its own
            if stage not in (IN_PROGRESS, EARLIER):
                known.setdefault(key, []).append((values[n], stage))
    index = {key: _Values(pairs) for key, pairs in known.items()}
    given, changed = said.copy(), False
    for n, key in keys.items():
        if key not in index:
            continue
        families: dict[str, set[str]] = {}
        for stage in index[key].matching(values[n]):
            families.setdefault(stage_family(stage), set()).add(stage)
        own = _stages(said[n])
        mine = {stage_family(s) for s in own}
        for family, stage in index[key].nearest(values[n]).items():
            families.setdefault(family, {stage})
        added = [next(iter(s)) for f, s in sorted(families.items()) if f not in mine and len(s) == 1]
        if added:
            given[n], changed = ", ".join(sorted(own + added)), True
    return a.assign(stage=given) if changed else a


NEAR = 0.15  # a value this close to one stage's values (a share of it) and twice as far from any other's is of it
FARTHER = 2


class _Values:
    """The values said of one subject and metric, each with a label (a stage, a reading, or None), looked
    up by value in a few dictionary reads rather than a pass over them all (runs of many articles)."""

    def __init__(self, pairs: list[tuple[float, str | None]]) -> None:
        self.exact: dict[int, dict[float, set]] = {}  # decimals -> value -> labels
        self.pairs = pairs
        self.rounded: dict[int, dict[float, set]] = {}  # decimals -> value so rounded -> labels (lazily)
        for value, label in pairs:
            self.exact.setdefault(_decimals(value), {}).setdefault(value, set()).add(label)

    @cached_property
    def by_label(self) -> dict[str | None, np.ndarray]:
        """Per label, the values said with it, in order."""
        return {
            label: np.sort(np.array([v for v, x in self.pairs if x == label], dtype=float))
            for label in {label for _, label in self.pairs}
        }

    def matching(self, value: float) -> set:
        """The labels of the values that are ``value``, or one the other rounded to its own decimals (95 and
        94.65)."""
        found: set = set()
        for places, table in self.exact.items():  # a value said that ``value`` rounds to
            found |= table.get(round(value, places), set())
        places = _decimals(value)
        if places not in self.rounded:  # the values said that round to ``value``
            table = self.rounded[places] = {}
            for v, label in self.pairs:
                table.setdefault(round(v, places), set()).add(label)
        return found | self.rounded[places].get(value, set())

    def nearest(self, value: float) -> dict[str, str]:
        """Per family of which two stages or more are said, the stage whose values ``value`` is near and
        the others' twice as far ("55%" of a contestant whose shares are 42.4% in the first round and 53.7%
        in the second: the second's)."""
        near: dict[str, dict[str, float]] = {}
        for stage, said in self.by_label.items():
            at = int(np.searchsorted(said, value))
            gap = min(_gap(said[k], value) for k in (at - 1, at) if 0 <= k < len(said))
            near.setdefault(stage_family(stage), {})[stage] = gap
        found = {}
        for family, gaps in near.items():
            if len(gaps) >= 2:
                (first, best), (_, second) = sorted(gaps.items(), key=lambda kv: kv[1])[:2]
                if best <= NEAR and second >= FARTHER * best:
                    found[family] = first
        return found


def _gap(x: float, y: float) -> float:
    """How far apart two values are, as a share of the larger."""
    return min(abs(x - y) / max(abs(x), abs(y), 1e-12), 1.0)


def _readings_by_value(a: pd.DataFrame, keys: dict[int, tuple], values: np.ndarray) -> pd.DataFrame:
    """``a`` with the scope of a reading, a forecast or one at an hour ("26.3% at 5 p.m."), given to the
    figures of no scope and no stage of results that give a value (or a rounding of it) another figure of
    their subject and metric is said as that reading of, when no other reading nor a stage of results is
    said of that value (see the module's text). Only for a metric counted in stages in the run (a
    vote's): elsewhere, what "should" cost 100 million is often what others say it costs."""
    if "scope" not in a.columns:
        return a
    scope, stage = a["scope"].to_numpy(dtype=object), a["stage"].to_numpy(dtype=object)
    said: dict[tuple, list[tuple[float, str | None]]] = {}  # (subject, metric) -> (value, reading or None)
    for n, key in keys.items():
        if scope[n] == FORECAST or (isinstance(scope[n], str) and AT_HOUR.fullmatch(scope[n])):
            said.setdefault(key[:2], []).append((values[n], scope[n]))
        elif _of_results(stage[n]):
            said.setdefault(key[:2], []).append((values[n], None))  # a count's: no reading
    index = {key: _Values(pairs) for key, pairs in said.items()}
    given, changed = scope.copy(), False
    for n, key in keys.items():
        if key[:2] not in index or not pd.isna(scope[n]) or _of_results(stage[n]):
            continue
        readings = index[key[:2]].matching(values[n])
        if len(readings) == 1 and None not in readings:
            given[n], changed = readings.pop(), True
    return a.assign(scope=given) if changed else a


def _stages(said: object) -> list[str]:
    """A figure's stages (its ``stage``: "results final, round 1"), none where it says none."""
    return said.split(", ") if isinstance(said, str) else []


def _of_results(said: object) -> bool:
    """Whether a figure's stages hold one of the results family."""
    return RESULTS in map(stage_family, _stages(said))


def contestant_by_value(a: pd.DataFrame, contested: frozenset[str]) -> pd.DataFrame:
    """Figures of a metric shared out among contestants (``contested``: seats, votes) whose subject is
    the event ("Il a remporté le scrutin avec 55,95%": the election's), or none, take the contestant
    another article gives that value, when one alone is given it and the value is precise (three
    significant digits or more, not a round figure: 55.95%, 16,384,403 votes; never 50% or 180 seats),
    or two articles give it that name and it has two significant digits (:func:`distinctive`: 33 seats);
    a threshold ("289 seats for an absolute majority") takes its event from another article's. An unnamed
    contestant's figure (the scope ``part``: "حصلت كونولي على 63.4%", the name unread) that takes its
    contestant so is no longer a part of nothing, and is compared."""
    if a.empty or not contested or "subject_kind" not in a.columns:
        return a
    entity, metric = a["entity"].to_numpy(dtype=object), a["metric"].to_numpy(dtype=object)
    kind, values = a["subject_kind"].to_numpy(dtype=object), a["value"].to_numpy(dtype=float)
    mine = np.flatnonzero(np.isin(metric, list(contested)) & ~np.isnan(values))
    sharp = [n for n in mine.tolist() if distinctive(values[n])]
    # a threshold is its event's: "the 289 seats of an absolute majority" gives its event to another's 289
    threshold = (
        a["scope"].to_numpy(dtype=object) == THRESHOLD if "scope" in a.columns else np.zeros(len(a), bool)
    )
    named = [n for n in sharp if pd.notna(entity[n]) and (kind[n] != "event" or threshold[n])]
    tally = _Tally(a, np.array(named, dtype=int), "metric", "entity")
    loose = sorted(set(sharp) - set(named))
    # not the words: this figure's text does not write the name
    out = _sole(
        a, tally, loose, ["entity", "subject_kind"], lambda n, others: precise(values[n]) or others >= 2
    )
    if out is a or "scope" not in a.columns:
        return out
    named_now = (out["entity"].fillna("") != a["entity"].fillna("")) & (out["scope"] == PART)
    return out.assign(scope=out["scope"].mask(named_now, None)) if named_now.any() else out


# what a figure's metric brings with it, carried whole to a figure that takes it (:func:`metric_by_value`)
_METRIC_COLUMNS = ("metric", *CONCEPT_COLUMNS, "metric_label", "metric_source", "metric_links")


# a subject's metric given more figures than this in one run is a table's (results, statistics), not a
# story's: its values repeat by chance, and tell nothing of what another figure of that value is
TABLE_FIGURES = 300


def _in_tables(a: pd.DataFrame) -> np.ndarray:
    """Per row: whether its subject and metric have more than :data:`TABLE_FIGURES` figures in the run."""
    sizes = a.groupby(["entity", "metric"], dropna=False)["value"].transform("size")
    return (sizes > TABLE_FIGURES).to_numpy()


def metric_by_value(a: pd.DataFrame) -> pd.DataFrame:
    """Figures of no metric (their noun in no concept, and linked to no other article's) that give the
    value, in the unit, that other articles give one subject with one metric, take that metric: "About
    75 climbers" and "Authorities say 75 people were in the area", where four articles give "75
    escursionisti" or "75 randonneurs" a metric. Only a value that tells (:func:`_telling`), of the
    figure's own subject, given so by two other articles, or one if precise; never a figure given with
    another (an end of a change)."""
    if a.empty or "metric_source" not in a.columns:
        return a
    metric, values = a["metric"].to_numpy(dtype=object), a["value"].to_numpy(dtype=float)
    story = ~_in_tables(a)
    loose = _telling(a, (metric == UNMAPPED) & a["entity"].notna().to_numpy() & story)
    if "role" in a.columns:
        loose &= a["role"].isna().to_numpy()
    if not loose.any():
        return a
    said = (metric != UNMAPPED) & pd.notna(metric) & ~np.isnan(values) & story
    tally = _Tally(a, np.flatnonzero(said), "entity", "metric")
    columns = [c for c in _METRIC_COLUMNS if c in a.columns]
    out = _sole(a, tally, np.flatnonzero(loose), columns, lambda n, others: _told_enough(values[n], others))
    return _scope_by_value(out, tally, np.flatnonzero(loose)) if "scope" in a.columns else out


def _scope_by_value(a: pd.DataFrame, tally: _Tally, rows: np.ndarray) -> pd.DataFrame:
    """``a`` with each of ``rows`` that has no scope of its own taking the one scope every other figure of
    its value and (new) metric has, where they all have the same named one (not ``part``, a reading of
    a list): "173 كوريًا" of a run where "173 passagers coréens" and "173 were Korean" are the Koreans
    aboard, not all the passengers."""
    scope, metric = a["scope"].to_numpy(dtype=object).copy(), a["metric"].to_numpy(dtype=object)
    wanted, loose = {(*tally.key(n), metric[n]) for n in rows}, set(rows.tolist())
    given: dict[tuple, set] = {}
    # only the figures of a value one of ``rows`` has are looked at (a run's table has many)
    for n in np.flatnonzero(np.isin(np.round(tally.values, 6), [k[2] for k in wanted])):
        k = (*tally.key(n), metric[n])
        if k in wanted and n not in loose:
            given.setdefault(k, set()).add(scope[n] if isinstance(scope[n], str) else None)
    changed = False
    for n in rows:
        found = given.get((*tally.key(n), metric[n]), set())
        if not isinstance(scope[n], str) and len(found) == 1 and not found & {None, PART}:
            (scope[n],) = found
            changed = True
    return a.assign(scope=scope) if changed else a


def _sole(
    a: pd.DataFrame,
    tally: _Tally,
    rows: Iterable[int],
    columns: list[str],
    enough: Callable[[int, int], bool],
) -> pd.DataFrame:
    """``a`` with each of ``rows`` whose value, in its unit and of the same ``tally`` group, other rows
    give one thing alone (a metric, a subject) taking that thing's ``columns``, where ``enough(row, other
    articles giving it)`` (a copy where any changes)."""
    given = {c: a[c].to_numpy().copy() for c in columns}  # each column keeps its type
    changed = False
    for n in rows:
        key = tally.key(n)
        if len(tally.said.get(key, ())) == 1:
            (only,) = tally.said[key]
            if enough(n, tally.others(key, only, n)):
                for c in columns:
                    given[c][n] = given[c][tally.donor[(*key, only)]]
                changed = True
    return a.assign(**given) if changed else a


def metric_by_majority(a: pd.DataFrame) -> pd.DataFrame:
    """Figures of a discovered metric (words alone linked them: ``metric_source`` "discovered") whose
    value most of the articles giving it give one other metric take that metric (:func:`_by_majority`):
    "75 alpinisti" and "75 grimpeurs", linked by their words, count what six articles in eight giving 75
    count. A catalogue metric stands: a value two concepts share may be a coincidence the words tell
    apart."""
    if a.empty or "metric_source" not in a.columns or not (a["metric_source"] == "discovered").any():
        return a
    rows = np.flatnonzero(
        _telling(a, (a["metric"] != UNMAPPED).to_numpy() & a["entity"].notna().to_numpy() & ~_in_tables(a))
    )
    movable = (a["metric_source"] == "discovered").to_numpy()
    return _by_majority(a, rows, "entity", [c for c in _METRIC_COLUMNS if c in a.columns], movable)


def _telling(a: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """Per row of ``rows`` (a mask): whether its value tells what it is of, another article giving it: a
    count or an amount no small or round figure (:func:`distinctive`), a share only if precise
    (:func:`precise`: "29%" is many things' share); never a measure, whose value is in its base unit (240
    seconds for "4 minutes"). ``rows`` with the rows whose value does not tell cleared."""
    rows = rows & a["kind"].isin(["number", "money", "percent"]).to_numpy() & a["value"].notna().to_numpy()
    values, percent = a["value"].to_numpy(dtype=float), (a["unit"] == "percent").to_numpy()
    for n in np.flatnonzero(rows):
        rows[n] = precise(values[n]) or (not percent[n] and distinctive(values[n]))
    return rows


class _Tally:
    """What the ``rows`` of a run's table say of each value: per (``within``, unit, value), each ``what``
    said (a metric, a subject) and the articles that say it, and a row that says it; counted once."""

    def __init__(self, a: pd.DataFrame, rows: np.ndarray, within: str, what: str) -> None:
        given = a.columns
        self.unit = a["unit"].fillna("").to_numpy(dtype=object) if "unit" in given else np.full(len(a), "")
        self.inside = a[within].to_numpy(dtype=object)
        self.what = a[what].to_numpy(dtype=object)
        self.values = a["value"].to_numpy(dtype=float)
        self.article = a["article_id"].to_numpy(dtype=object) if "article_id" in given else np.arange(len(a))
        self.said: dict[tuple, dict[object, set]] = {}  # (within, unit, value) -> what is said -> articles
        self.donor: dict[tuple, int] = {}
        for n in rows:
            key = self.key(n)
            self.said.setdefault(key, {}).setdefault(self.what[n], set()).add(self.article[n])
            self.donor.setdefault((*key, self.what[n]), n)

    def key(self, n: int) -> tuple:
        return self.inside[n], self.unit[n], round(self.values[n], 6)

    def others(self, key: tuple, what: object, n: int) -> int:
        """How many articles but row ``n``'s say ``what`` of ``key``'s value (none: 0)."""
        articles = self.said.get(key, {}).get(what, ())
        return len(articles) - (self.article[n] in articles)

    @cached_property
    def majority(self) -> dict[tuple, object]:
        """Per value: what two in three of the articles that give it say, where three articles at least
        give it."""
        out = {}
        for key, options in self.said.items():
            top = max(options, key=lambda w: len(options[w]))
            total = len(set().union(*options.values()))
            if total >= 3 and 3 * len(options[top]) >= 2 * total:
                out[key] = top
        return out


def _by_majority(
    a: pd.DataFrame, rows: np.ndarray, within: str, columns: list[str], movable: np.ndarray | None = None
) -> pd.DataFrame:
    """``a`` with the rows among ``rows`` (positions; ``movable`` ones only, if given) whose value, in its
    unit and of the same ``within`` (a subject, a metric), most articles giving it give with other
    ``columns`` (:attr:`_Tally.majority`): the columns copied from a row that gives the majority's (a copy
    where any changes)."""
    tally = _Tally(a, rows, within, columns[0])
    given = {c: a[c].to_numpy().copy() for c in columns}  # each column keeps its type
    changed = False
    for n in rows:
        key = tally.key(n)
        top = tally.majority.get(key)
        if top is not None and top != tally.what[n] and (movable is None or movable[n]):
            for c in columns:
                given[c][n] = given[c][tally.donor[(*key, top)]]
            changed = True
    return a.assign(**given) if changed else a


def whole_by_value(a: pd.DataFrame, contested: frozenset[str]) -> pd.DataFrame:
    """Figures read as a part the text does not name (the scope ``part``: one of a list of figures, a
    figure before a bigger one) whose value other articles give the same subject and metric with no
    scope are that whole: a precise value (:func:`precise`) one other article gives so, one of two
    significant digits (:func:`distinctive`) two. For a metric shared out among contestants
    (``contested``), where an unnamed part is most often an unnamed contestant's, a precise value two."""
    if a.empty or "scope" not in a.columns or not (a["scope"] == PART).any():
        return a
    scope, values = a["scope"].to_numpy(dtype=object), a["value"].to_numpy(dtype=float)
    story = ~_in_tables(a)
    whole = np.flatnonzero(pd.isna(scope) & a["entity"].notna().to_numpy() & ~np.isnan(values) & story)
    tally = _Tally(a, whole, "entity", "metric")  # the articles that give each value as a whole
    metric = tally.what
    cleared = scope.copy()
    shared = a["metric"].isin(list(contested)).to_numpy()
    for n in np.flatnonzero((scope == PART) & story):
        others = tally.others(tally.key(n), metric[n], n)
        if (precise(values[n]) and others >= 2) if shared[n] else _told_enough(values[n], others):
            cleared[n] = None
    return a if (cleared == scope).all() else a.assign(scope=cleared)


def subject_by_value(a: pd.DataFrame, contested: frozenset[str]) -> pd.DataFrame:
    """Figures of one metric and one value (no small or round one: :func:`distinctive`) that most of the
    articles giving that value give one subject take that subject: "8,5 milioni di dispositivi Windows"
    is the subject's that two articles in three name, whichever name its own sentence gives. For a
    metric shared out among contestants (``contested``), whose small values two parties may share, a
    precise value only (:func:`precise`: "136 seggi" of the "Partito popolare" is the PP's that two
    articles in three name)."""
    if a.empty or "subject_kind" not in a.columns:
        return a
    metric, entity = a["metric"].to_numpy(dtype=object), a["entity"].to_numpy(dtype=object)
    values = a["value"].to_numpy(dtype=float)
    mine = np.array(
        [
            n
            for n in np.flatnonzero(
                pd.notna(entity) & ~np.isnan(values) & (metric != UNMAPPED) & ~_in_tables(a)
            )
            if (precise(values[n]) if metric[n] in contested else distinctive(values[n]))
        ],
        dtype=int,
    )
    # not the words: the figure's text does not write the name
    return _by_majority(
        a, mine, "metric", [c for c in ("entity", "subject_kind", "entity_label") if c in a.columns]
    )


def _told_enough(value: float, others: int) -> bool:
    """Whether ``others`` other articles giving ``value`` so tell what it is: one, if the value is
    precise (:func:`precise`), two, if it has two significant digits (:func:`distinctive`)."""
    return (others >= 1 and precise(value)) or (others >= 2 and distinctive(value))


def distinctive(value: float) -> bool:
    """Whether a value is no small or round figure, one two articles are unlikely to give two things
    of a story: 20 or more, with two significant digits or more (75, 670, 2,891; not 12, 40, 2,000)."""
    mantissa = f"{abs(value):.9e}".partition("e")[0]
    return abs(value) >= 20 and len(mantissa.replace(".", "").rstrip("0")) >= 2


def precise(value: float) -> bool:
    """Whether a value has three significant digits or more and is no round figure (55.95, 16384403;
    not 50, 180 or 30,000,000)."""
    mantissa = f"{abs(value):.9e}".partition("e")[0]  # "3.000000000" for 30,000,000
    return len(mantissa.replace(".", "").rstrip("0")) >= 3


def _decimals(x: float) -> int:
    """How many decimals a value has (94.65: 2; 95.0: 0)."""
    whole, _, fraction = repr(float(x)).partition(".")
    return len(fraction.rstrip("0")) if "e" not in whole + fraction else 0


def unscoped_by_value(a: pd.DataFrame) -> pd.DataFrame:
    """Figures scoped by a place whose value another article gives the same subject and metric with no
    scope, if precise (:func:`precise`), or two articles, if of two significant digits
    (:func:`distinctive`), are of the whole: the place is where the subject is, said beside
    its figure ("Evergrande [...] liabilities of $333 billion [...] in China", "(San Francisco) Intel a
    annoncé [...] 10 milliards de dollars"), not a part of it. Not where an article gives that subject
    and metric another value in that place (a part it tells apart)."""
    if a.empty or "scope" not in a.columns or not a["scope"].notna().any():
        return a
    from factcheck.resolve.entity import place_label

    said = pd.DataFrame(
        {
            "entity": a["entity"].to_numpy(dtype=object),
            "metric": a["metric"].to_numpy(dtype=object),
            "value": a["value"].to_numpy(dtype=float).round(6),
            "scope": a["scope"].to_numpy(dtype=object),
            "article": a["article_id"].to_numpy(dtype=object),
        }
    ).dropna(subset=["entity", "value"])
    scoped = said[said["scope"].notna()]
    labels = {p: place_label(str(p)) for p in pd.unique(scoped["scope"])}
    placed = scoped[scoped["scope"].map(labels).notna() & scoped["value"].map(distinctive)]
    if placed.empty:
        return a
    there = scoped.groupby(["entity", "metric", "scope"])["value"].nunique().rename("values")
    placed = placed.join(there, on=["entity", "metric", "scope"])  # one value said in that place alone
    whole = said[said["scope"].isna()].drop(columns="scope")
    met = placed[placed["values"] == 1].reset_index().merge(whole, on=["entity", "metric", "value"])
    met = met[met["article_x"] != met["article_y"]]  # given unscoped by another article: two, unless precise
    others = met.groupby("index")["article_y"].nunique()
    at = [n for n, k in others.items() if _told_enough(said["value"].at[n], k)]
    if not len(at):
        return a
    cleared = a["scope"].to_numpy(dtype=object).copy()
    cleared[at] = None  # positions: ``said`` was made from arrays
    return a.assign(scope=cleared)
