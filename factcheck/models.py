"""The frozen values that cross pipeline stages: Document, Article, Sentence, Quantity, DateMention, Claim, ClaimRun."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from operator import attrgetter
from typing import Any

KINDS = ("number", "percent", "money", "measure")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range")
BOUNDS = ("more_than", "at_least", "at_most", "less_than")  # the wordings of a figure's one end
SEVERITIES = ("high", "medium", "low")  # strongest first


@dataclass(frozen=True, slots=True)
class Document:
    """One input file as read: its text and what the manifest says about it."""

    doc_id: str
    path: str
    text: str
    lang: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None  # the web address of a page or record, when the input gives one
    published_from: date | None = (
        None  # set when only the month or year is known: published lies in [this, published]
    )


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: offsets into the article text, and whether an earlier copy exists."""

    start: int
    end: int
    is_repeat: bool = False
    lang: str | None = None  # set when its paragraph is in another language than the article


@dataclass(frozen=True, slots=True)
class Article:
    """One article cut out of a document: a span of the document text with its own language and date."""

    article_id: str
    doc_id: str
    start: int
    end: int
    text: str
    lang: str
    published: date | None
    sentences: tuple[Sentence, ...] = ()
    is_repeat: bool = False
    source: str | None = None
    published_from: date | None = (
        None  # set when the date is only known to lie in [published_from, published]
    )
    date_basis: str = "published"  # published (the manifest's) | own (found in its text) | archive (between its neighbours) | run (--published)
    dates: tuple[DateMention, ...] = ()  # the dates written in it (its language), read against its date

    @property
    def languages(self) -> list[str]:
        """The languages it is read in: its own, then those of its paragraphs in another (in order)."""
        return list(dict.fromkeys([self.lang, *(s.lang for s in self.sentences if s.lang)]))


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number in a text, normalised (see DESIGN.md, 'Quantity').

    ``role`` is ``"from"`` / ``"to"`` for the two ends of a transition (``da 8.000 a 1.500``);
    ``ambiguous`` is set when the digits could be read two ways and nothing settled it.
    """

    text: str
    start: int
    end: int
    value: float | None
    lower: float | None
    upper: float | None
    unit: str | None
    qualifier: str
    kind: str
    role: str | None = None
    scaled: bool = False
    ambiguous: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown quantity kind {self.kind!r}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def shifted(self, by: int) -> Quantity:
        """The same quantity ``by`` characters further on (into or out of its sentence): a plain
        construction, as ``dataclasses.replace`` costs several times more per figure."""
        return Quantity(
            self.text,
            self.start + by,
            self.end + by,
            self.value,
            self.lower,
            self.upper,
            self.unit,
            self.qualifier,
            self.kind,
            self.role,
            self.scaled,
            self.ambiguous,
        )


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or period written in a text, resolved to the days it covers."""

    start: int
    end: int
    first: date
    last: date
    precision: str  # day, month, quarter, half, year, period, or relative ("a week ago": approximate)
    relative: bool = False  # counted from the article's date ("last month", "hier"), not written out


UNMAPPED = "unmapped"  # the metric of a figure no concept names
# what a figure's concept says of it, one assertion column each (the concept's kind, dimension, window...)
CONCEPT_COLUMNS = ("metric_kind", "metric_dimension", "window_days", "cumulative", "decreases", "change_of")
WHOLE = "whole"  # the role of the whole the figure before is a part of ("412 seats out of 650")
PART = "part"  # the scope of a part whose name the text does not give ("1,293 in one province, 452 in...")
# opens the scope of a distance, the place it is measured from: "from pylos" ("80 km from Pylos")
FROM = "from "
# the scope of an undated figure given for comparison with the one before it ("46.1%, down on the preliminary
# rate of 48.3%"): of another time or count that the text does not date, compared with nothing
REFERENCE = "reference"
# the scope of the share of a contestant the text does not name ("44,2% pour son rival"): compared with nothing,
# and no part of the list of the sentence's subject (its share before it stays its own)
RIVAL = "rival"
# the stage of a count in progress ("con il 70 per cento dei voti scrutinati"): its figures move as the count
# goes on, so they are compared with none, not even another's of a count in progress
IN_PROGRESS = "results partial"
# the stage of a figure its article calls an earlier one ("un précédent bilan faisait état de 35 morts"): another
# count than the article's own, compared only with figures said to be earlier too
EARLIER = "earlier"
# the family of stages an article is about as a whole (language data scope.stages: "round 1", "round 2"): a
# report of a runoff gives that round's figures; the count's stages ("results partial", "results final")
# follow one another within an article
ARTICLE_STAGES = "round"
# metric kinds of one value whenever reported: one deal's price, one event's property ("magnitude 7.7")
TIMELESS = ("price", "property")


@dataclass(frozen=True, slots=True)
class Claim:
    """A quantity with what it is about: the resolve stage's output, one future assertion row."""

    article: Article
    sentence: Sentence
    quantity: Quantity
    entity: str | None
    metric: str
    head: str | None
    value: float | None
    lower: float | None
    upper: float | None
    period_start: date | None
    period_end: date | None
    time_basis: str  # explicit | event | published | archive | unknown
    time_precision: str | None  # day | month | quarter | half | year | period (for explicit dates)
    attribution: str | None
    attribution_unsure: tuple[str, ...] = ()  # no claimant said for sure: the ones the sentence names
    derived: bool = False
    # from | to (a transition), restated (the same figure again in another unit), whole (of the figure before)
    role: str | None = None
    link: tuple[int, int] | None = field(default=None)  # (start, end) of the quantity this one is tied to
    scope: str | None = None  # the part of the whole it covers: a place, a subgroup, "sample", "part"
    stage: str | None = None  # the stages of its event it is of: "round 2", "results final, round 1"
    counted: tuple[str, str] | None = None  # unmapped: the noun phrase it counts, as written and lemmatised
    subject_kind: str | None = None  # entity | place | event
    subject_source: str | None = None  # catalogue (rules/entities.yaml) | discovered (found in the text)
    subject_text: str | None = None  # a discovered subject as the article writes it


@dataclass(frozen=True, eq=False)
class ClaimRun:
    """The claims of a sentence of bare figures (a line of numbers), as columns: each unmapped, and all
    alike but for the figure (resolve's reading of such a sentence, made rows by assertions.table)."""

    claim: Claim  # the first figure's claim: what every figure's shares but its quantity and value
    figures: Any  # a quantities.bare.Figures (no stage's module imported here): every figure of the
    # sentence, in order (offsets in the article)

    def __len__(self) -> int:
        return len(self.figures)

    def claims(self) -> list[Claim]:
        """One Claim per figure."""
        return [
            replace(self.claim, quantity=q, value=q.value, lower=q.lower, upper=q.upper)
            for q in self.figures.quantities(self.claim.article.text)
        ]


def within(items: list, start: int, end: int) -> list:
    """The items (sorted by start, each with start and end) that lie between offsets ``start`` and
    ``end``, in order: by bisection, so a long article is not scanned once per sentence."""
    lo = bisect_left(items, start, key=lambda x: x.start)
    hi = bisect_left(items, end, lo, key=lambda x: x.start)
    return [x for x in items[lo:hi] if x.end <= end]


def stage_family(stage: str) -> str:
    """The family of a stage of an event: its key's first word ("round 2" -> "round", "results final" ->
    "results"); a figure is of at most one stage of each family."""
    return stage.split(" ", 1)[0]


def evolve(value: Any, /, **changes: Any) -> Any:
    """``dataclasses.replace(value, **changes)`` in a third less time, for the values made by the thousand
    (a quantity read, a claim): the class called with its fields in order, those changed replaced. A
    class whose fields are not all plain init fields goes through ``dataclasses.replace``."""
    plan = _plan(type(value))
    if plan is None or not changes.keys() <= plan[1].keys():
        return replace(value, **changes)
    values = list(plan[0](value))
    for name, new in changes.items():
        values[plan[1][name]] = new
    return type(value)(*values)


@cache
def _plan(cls: type) -> tuple[Callable[[Any], tuple], dict[str, int]] | None:
    """How :func:`evolve` rebuilds a dataclass: a getter of its fields in order and each field's place,
    when each is an init field that is not keyword-only (no ClassVar, InitVar or field(init=False))."""
    fields = dataclasses.fields(cls)
    if (
        len(fields) < 2
        or not cls.__dataclass_params__.init  # an __init__ of its own: called as replace calls it
        or len(fields) != len(cls.__dataclass_fields__)
        or any(not f.init or f.kw_only for f in fields)
    ):
        return None
    names = [f.name for f in fields]
    return attrgetter(*names), {n: k for k, n in enumerate(names)}
