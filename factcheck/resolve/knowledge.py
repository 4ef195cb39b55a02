"""rules/entities.yaml and rules/concepts (.yaml, or a folder of them) -> Knowledge: entities, events and metrics, validated."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from factcheck.errors import Problem, RuleFileError
from factcheck.quantities.lexicon import alternation, fold
from factcheck.yamlfile import YamlProblem, line_of, load_yaml, suggest

CONCEPT_KINDS = ("stock", "flow", "change", "price", "property", "share")
DIMENSIONS = ("count", "money", "percent", "length", "area", "speed", "duration", "temperature", "scale")
_CONCEPT_KEYS = (
    "label",
    "kind",
    "dimension",
    "window_days",
    "decreases",
    "needs_change_word",
    "terms",
    "event",
    "change_of",
    "cumulative",
    "partitioned",
    "measured_from",
    "people_at",
    "shares_at",
    "people",
    "increases",
    "at_events",
    "subset_of",
    "generic",
    "befalls_people",
    "by_unit",
    "most",
    "one_per_sentence",
    "instead_of",
)
_ENTITY_KEYS = ("label", "names", "exact_case", "events")
_EVENT_KEYS = ("label", "date", "since", "at")


@dataclass(frozen=True)
class Event:
    id: str
    entity: str
    label: str
    date: date
    since: dict[str, tuple[str, ...]]
    at: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    names: dict[str, tuple[str, ...]]
    exact_case: tuple[str, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str
    dimension: str
    window_days: int | None
    decreases: str | None
    needs_change_word: bool
    terms: dict[str, tuple[str, ...]]
    event: str | None = (
        None  # the entity's event this figure is about ("takeover" for a purchase price): its date
    )
    change_of: str | None = (
        None  # (changes) the stock whose percent change this is: "headcount_change" of headcount
    )
    label: str | None = None  # what the report calls it ("deaths"); none: the id's words
    cumulative: bool = False  # a running total, updated as news comes in (a toll): see group.pairs
    partitioned: bool = False  # shared out among contestants (seats, votes): see resolve.scope.shared_out
    people: str | None = None  # the concept of the people it is made of: a demonstration's are protesters
    increases: str | None = None  # (flows) the stock it adds to: "5,000 migrants arrived" is arrivals
    at_events: dict[str, str] = field(default_factory=dict)  # event kind -> the concept it counts there
    measured_from: bool = False  # a distance: measured from a place ("80 km from Pylos"), its scope
    people_at: tuple[str, ...] = ()  # event kinds where a count of people, nothing else said, is of this
    subset_of: str | None = None  # (stocks) the one it is a part of: "2 millions d'électeurs ont voté" voted
    generic: bool = False  # its terms say something of anything ("affected"): no noun of another takes it
    shares_at: tuple[str, ...] = ()  # event kinds where a percent a name won, nothing else said, is of this
    befalls_people: bool = False  # what its verbs say is done to people: the count right after one is its
    by_unit: bool = False  # a measure in its units that no term names is of it ("51.8 degrees Celsius")
    most: float | None = None  # (scales) the top of the scale: a larger number is no reading of it
    one_per_sentence: bool = False  # one value a sentence: no later figure takes its noun as understood
    # concept a term right after a figure names -> a concept its sentence names too: then the figure is
    # this one ("39 cents per share" beside net income: earnings per share, not a share's price)
    instead_of: dict[str, str] = field(default_factory=dict)

    @property
    def words(self) -> str:
        """What the report calls the metric: its label, or its id in words ("ad revenue change")."""
        return self.label or self.id.replace("_", " ")


@dataclass(frozen=True)
class Hit:
    """A name or phrase found in a text: where, and what it stands for."""

    start: int
    end: int
    id: str
    mode: str = ""  # for events: "since" or "at"


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Entities and concepts of one rules folder, with per-language matchers built on first use."""

    entities: dict[str, Entity]
    concepts: dict[str, Concept]
    distinct: tuple[tuple[str, ...], ...] = ()  # families of concepts that must never merge
    _cache: dict[tuple[str, Any], Any] = field(default_factory=dict, repr=False)

    def memo(self, key: tuple[str, Any], build: Callable[[], Any]) -> Any:
        """A matcher built once per language (a code, or a Lexicon when it is built from one) and kept
        with this Knowledge (private to it, never global)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def event_of(self, entity: str | None, name: str | None) -> Event | None:
        """The event called ``name`` of an entity ("takeover" of twitter), if it has one."""
        ent = self.entities.get(entity or "")
        return next((ev for ev in ent.events if ev.id == name), None) if ent and name else None

    def at_events_of(self, key: str, event: str) -> str | None:
        """The concept whose ``key`` (``people_at``: a count of people; ``shares_at``: a percent a name
        won) lists the event kind ``event``, the first in the catalogue; None if none does."""
        return self._at_events.get((key, event))

    @cached_property
    def _at_events(self) -> dict[tuple[str, str], str]:
        """(key, event kind) -> the first concept whose ``people_at`` or ``shares_at`` lists it: read
        once, not per figure."""
        found: dict[tuple[str, str], str] = {}
        for c in self.concepts.values():
            for key in ("people_at", "shares_at"):
                for kind in getattr(c, key):
                    found.setdefault((key, kind), c.id)
        return found

    @cached_property
    def flows(self) -> dict[tuple[str, bool], tuple[str, ...]]:
        """(stock, whether a fall) -> the flows that move it so (``decreases``, ``increases``: the layoffs
        that lower the headcount, the hires that raise it), read once."""
        found: dict[tuple[str, bool], list[str]] = {}
        for c in self.concepts.values():
            for stock, fall in ((c.decreases, True), (c.increases, False)):
                if stock:
                    found.setdefault((stock, fall), []).append(c.id)
        return {key: tuple(ids) for key, ids in found.items()}

    @cached_property
    def moves(self) -> dict[str, bool]:
        """Flow -> whether it lowers the stock it moves (True: layoffs) or raises it (False: hires)."""
        return {cid: fall for (_, fall), ids in self.flows.items() for cid in ids}

    @cached_property
    def instead(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Concept read -> ((concept its sentence names, concept the figure is), ...): the concepts'
        ``instead_of``, read once."""
        found: dict[str, list[tuple[str, str]]] = {}
        for c in self.concepts.values():
            for read, beside in c.instead_of.items():
                found.setdefault(read, []).append((beside, c.id))
        return {read: tuple(pairs) for read, pairs in found.items()}

    @cached_property
    def events(self) -> dict[str, Event]:
        return {ev.id: ev for ent in self.entities.values() for ev in ent.events}

    def _names(self, lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
        return self.memo(("names", lang), lambda: self._build_names(lang))

    def _build_names(
        self, lang: str
    ) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
        lookup: dict[str, str] = {}
        loose, exact = [], []
        for ent in self.entities.values():
            for name in ent.names.get("any", ()) + ent.names.get(lang, ()):
                loose.append(name)
                lookup[fold(name)] = ent.id
            for name in ent.exact_case:
                exact.append(name)
                lookup[name] = ent.id
        exact_re = alternation(exact)
        if exact_re is not None:  # exact-case names: the pattern without IGNORECASE
            exact_re = re.compile(exact_re.pattern)
        return alternation(loose), exact_re, lookup

    def entity_hits(self, text: str, lang: str) -> list[Hit]:
        """Every entity name in ``text`` (longest names win where two overlap)."""
        loose, exact, lookup = self._names(lang)
        hits: list[Hit] = []
        for pattern, key in ((loose, fold), (exact, lambda s: s)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                ent = lookup.get(key(m.group(0)))
                after = text[m.end() : m.end() + 2]
                if (
                    ent
                    and not (
                        (after[:1] == "." and after[1:].isalpha())  # "x.com", "X.Y.": part of a dotted word
                        or (len(m.group(0)) == 1 and after[:1] == "-")  # "X-ray", "X-Men": a word of its own
                    )
                ):
                    hits.append(Hit(m.start(), m.end(), ent))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        for h in hits:
            if not out or h.start >= out[-1].end:
                out.append(h)
        return out

    def event_hits(self, text: str, lang: str) -> list[Hit]:
        """Every phrase naming a known event ("depuis son rachat") in ``text``."""

        def build() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
            table = {
                fold(p): (ev.id, mode)
                for ev in self.events.values()
                for mode in ("since", "at")
                for p in getattr(ev, mode).get(lang, ())
            }
            return alternation(table), table

        pattern, table = self.memo(("events", lang), build)
        if pattern is None:
            return []
        return [
            Hit(m.start(), m.end(), *table[fold(m.group(0))])
            for m in pattern.finditer(text)
            if fold(m.group(0)) in table
        ]


def _problem(
    problems: list[Problem], path: Path, node: Any, key: str | None, field_: str, msg: str, choices=()
) -> None:
    problems.append(
        Problem(
            str(path), line_of(node, key), field_, msg, suggest(key, choices) if key and choices else None
        )
    )


def _phrases(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        return {}
    return {str(lang): tuple(str(p) for p in (items or [])) for lang, items in value.items()}


def _load_entities(path: Path, problems: list[Problem]) -> dict[str, Entity]:
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("entities"), dict):
        _problem(problems, path, data, None, "entities", "expected a top-level mapping 'entities:'")
        return {}
    out = {}
    for eid, spec in data["entities"].items():
        if not isinstance(spec, dict):
            _problem(problems, path, data["entities"], eid, f"entities.{eid}", "expected a mapping")
            continue
        for key in spec:
            if key not in _ENTITY_KEYS:
                _problem(problems, path, spec, key, f"entities.{eid}.{key}", "unknown key", _ENTITY_KEYS)
        events = []
        for evid, ev in (spec.get("events") or {}).items():
            where = f"entities.{eid}.events.{evid}"
            for key in ev:
                if key not in _EVENT_KEYS:
                    _problem(problems, path, ev, key, f"{where}.{key}", "unknown key", _EVENT_KEYS)
            day = ev.get("date")
            if not isinstance(day, date):
                _problem(problems, path, ev, "date", f"{where}.date", "needs a date written YYYY-MM-DD")
                continue
            events.append(
                Event(
                    str(evid),
                    str(eid),
                    str(ev.get("label", evid)),
                    day,
                    _phrases(ev.get("since")),
                    _phrases(ev.get("at")),
                )
            )
        out[str(eid)] = Entity(
            id=str(eid),
            label=str(spec.get("label", eid)),
            names=_phrases(spec.get("names")),
            exact_case=tuple(str(n) for n in spec.get("exact_case") or ()),
            events=tuple(events),
        )
    return out


def _concept_files(rules_dir: Path) -> list[Path]:
    """concepts.yaml and every .yaml of a concepts/ folder (by name), whichever the folder has."""
    single = rules_dir / "concepts.yaml"
    folder = rules_dir / "concepts"
    return ([single] if single.is_file() else []) + (sorted(folder.glob("*.yaml")) if folder.is_dir() else [])


def _load_concept_file(
    path: Path, problems: list[Problem], out: dict[str, Concept], distinct: list[tuple[Path, Any, int]]
) -> None:
    """The concepts of one file into ``out`` (an id defined twice is a problem), its families into ``distinct``."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict):
        _problem(problems, path, data, None, "concepts", "expected a top-level mapping 'concepts:'")
        return
    for key in data:
        if key not in ("concepts", "distinct"):
            _problem(problems, path, data, key, str(key), "unknown key", ("concepts", "distinct"))
    families = data.get("distinct") or []
    if not isinstance(families, list) or not all(isinstance(f, list) for f in families):
        _problem(problems, path, data, "distinct", "distinct", "expected a list of lists of concept ids")
    else:
        distinct += [(path, families, n) for n in range(len(families))]
    for cid, spec in data["concepts"].items():
        if str(cid) in out:
            _problem(
                problems,
                path,
                data["concepts"],
                cid,
                f"concepts.{cid}",
                "defined twice (ids are shared by all concept files)",
            )
            continue
        if not isinstance(spec, dict):
            _problem(problems, path, data["concepts"], cid, f"concepts.{cid}", "expected a mapping")
            continue
        out[str(cid)] = _concept(path, problems, str(cid), spec)


def _concept(path: Path, problems: list[Problem], cid: str, spec: dict) -> Concept:
    """One concept of a file, its keys checked (what is wrong is added to ``problems``)."""
    where = f"concepts.{cid}"
    for key in spec:
        if key not in _CONCEPT_KEYS:
            _problem(problems, path, spec, key, f"{where}.{key}", "unknown key", _CONCEPT_KEYS)
    kind, dim = spec.get("kind"), spec.get("dimension")
    for key, value, allowed in (("kind", kind, CONCEPT_KINDS), ("dimension", dim, DIMENSIONS)):
        if value not in allowed:
            problem = f"{value!r} is not one of {', '.join(allowed)}"
            _problem(problems, path, spec, key, f"{where}.{key}", problem)
    stable = spec.get("window_days")
    if stable is not None and (not isinstance(stable, int) or stable < 0):
        _problem(
            problems, path, spec, "window_days", f"{where}.window_days", "must be a whole number of days"
        )
    most = spec.get("most")
    if most is not None and (isinstance(most, bool) or not isinstance(most, int | float)):
        _problem(problems, path, spec, "most", f"{where}.most", "must be a number (the top of the scale)")
        most = None
    event = spec.get("event")
    if event is not None and not isinstance(event, str):
        _problem(
            problems,
            path,
            spec,
            "event",
            f"{where}.event",
            "must be the name of an event in entities.yaml",
        )
    return Concept(
        cid,
        str(kind),
        str(dim),
        stable,
        spec.get("decreases"),
        bool(spec.get("needs_change_word")),
        _phrases(spec.get("terms")),
        event if isinstance(event, str) else None,
        spec.get("change_of"),
        str(spec["label"]).strip() if spec.get("label") else None,
        bool(spec.get("cumulative")),
        bool(spec.get("partitioned")),
        spec.get("people"),
        spec.get("increases"),
        _at_events(path, problems, spec, where),
        bool(spec.get("measured_from")),
        tuple(str(k) for k in spec.get("people_at") or ()),
        spec.get("subset_of"),
        bool(spec.get("generic")),
        tuple(str(k) for k in spec.get("shares_at") or ()),
        bool(spec.get("befalls_people")),
        bool(spec.get("by_unit")),
        float(most) if most is not None else None,
        bool(spec.get("one_per_sentence")),
        _mapping(path, problems, spec, where, "instead_of", "must map concepts to concepts"),
    )


def _at_events(path: Path, problems: list[Problem], spec: dict, where: str) -> dict[str, str]:
    """A concept's ``at_events``: event kind -> the concept its figures count at such an event."""
    return _mapping(path, problems, spec, where, "at_events", "must map event kinds to concepts")


def _mapping(
    path: Path, problems: list[Problem], spec: dict, where: str, key: str, what: str
) -> dict[str, str]:
    """A concept's field ``key`` that maps names to concept ids (``at_events``, ``instead_of``)."""
    value = spec.get(key) or {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        _problem(problems, path, spec, key, f"{where}.{key}", what)
        return {}
    return {str(k): v for k, v in value.items()}


def _load_concepts(
    rules_dir: Path, problems: list[Problem]
) -> tuple[dict[str, Concept], tuple[tuple[str, ...], ...]]:
    """Every concept of the folder's concept files, and the families that must never merge."""
    files = _concept_files(rules_dir)
    if not files:
        problems.append(
            Problem(
                str(rules_dir / "concepts.yaml"),
                None,
                "file",
                "missing (or a concepts/ folder of .yaml files)",
                None,
            )
        )
    out: dict[str, Concept] = {}
    declared: list[tuple[Path, Any, int]] = []
    for path in files:
        try:
            _load_concept_file(path, problems, out, declared)
        except YamlProblem as exc:
            problems.append(exc.problem)
    for c in out.values():
        for key, other in (
            ("decreases", c.decreases),
            ("change_of", c.change_of),
            ("people", c.people),
            ("increases", c.increases),
            ("subset_of", c.subset_of),
            *((f"at_events.{kind}", other) for kind, other in c.at_events.items()),
            *((f"instead_of.{read}", other) for read, other in c.instead_of.items()),
            *((f"instead_of.{read}", read) for read in c.instead_of),
        ):
            if other and other not in out:
                problems.append(
                    Problem(
                        "concepts",
                        None,
                        f"concepts.{c.id}.{key}",
                        f"unknown concept {other!r}",
                        suggest(other, list(out)),
                    )
                )
    families = []
    for path, node, n in declared:
        family = tuple(str(x) for x in node[n])
        for cid in family:
            if cid not in out:
                _problem(problems, path, node, n, f"distinct[{n}]", f"unknown concept {cid!r}")
        families.append(family)
    return out, tuple(families)


def load_knowledge(rules_dir: Path) -> Knowledge:
    """Read and check entities.yaml and the concepts (concepts.yaml and/or concepts/*.yaml); every
    problem found is reported at once. Files as they were in an earlier run of the process give that
    run's Knowledge again, with the matchers it built."""
    rules_dir = Path(rules_dir)
    files = [rules_dir / "entities.yaml", *_concept_files(rules_dir)]
    return _read_knowledge(rules_dir, tuple((str(p), _digest(p)) for p in files))


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


KNOWLEDGE_KEPT = 8  # rules folders (as their files were) whose Knowledge the process keeps


@lru_cache(maxsize=KNOWLEDGE_KEPT)
def _read_knowledge(rules_dir: Path, files: tuple[tuple[str, str | None], ...]) -> Knowledge:
    """The Knowledge of ``rules_dir`` whose ``files`` (path, hash of the content) are as given."""
    problems: list[Problem] = []
    entities: dict[str, Entity] = {}
    path = rules_dir / "entities.yaml"
    if not path.is_file():
        problems.append(Problem(str(path), None, "file", "missing", None))
    else:
        try:
            entities = _load_entities(path, problems)
        except YamlProblem as exc:
            problems.append(exc.problem)
    concepts, distinct = _load_concepts(rules_dir, problems)
    if problems:
        raise RuleFileError(problems)
    return Knowledge(entities=entities, concepts=concepts, distinct=distinct)
