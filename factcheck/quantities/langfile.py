"""A language file -> typed sections (frozen dataclasses), checked against the contract TEMPLATE.yaml
documents: the only reader of raw language data.

Each section of a language file is a dataclass below, its fields named as the file's keys and typed
as its values: ``Words`` (a list of words or phrases), ``Pairs`` (a list of [opening, joining] words),
``dict[str, X]`` (an open table: any word -> X), a nested section, or a ``str``, ``bool`` or ``float``.
A field with a default may be left out of a file; TEMPLATE.yaml marks it "(optional)". Reading a file
checks every key at every depth: an unknown or misspelt key, a missing one, or a value of the wrong
kind is a :class:`~factcheck.errors.Problem` naming the file, the line and the key path, with a "did you
mean" where a known key is close; all of a file's problems are raised at once.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Union

from factcheck.errors import LanguageDataError, Problem
from factcheck.yamlfile import YamlProblem, line_of, load_yaml, suggest

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "lang" / "TEMPLATE.yaml"

Words = tuple[str, ...]
Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Numbers:
    decimal: Words
    group: Words
    connectors: Words
    group_only: Words = ()
    lakh_grouping: bool = False
    dimensions: Words = ()
    leading_digit_ranges: bool = False
    compound_modifiers: Words = ()
    designators: Words = ()
    reversed_decimal: Words = ()


@dataclass(frozen=True)
class ScaleOrUnit:
    scale: float
    unit: str
    unit_when: Words = ()


@dataclass(frozen=True)
class CurrencyOrUnit:
    unit: str
    unit_when: Words = ()


@dataclass(frozen=True)
class CountedShape:
    before_prefixes: Words = ()
    before: Words = ()
    after: Words = ()


@dataclass(frozen=True)
class NumberWords:
    values: dict[str, float]
    hundreds: dict[str, float]
    denominators: dict[str, float]
    denominators_are_ordinals: bool
    articles: Words
    joiners: Words
    glued_joiners: Words
    compounds: bool
    units_before_tens: bool
    vague: Words
    negative: Words
    point: Words
    over: Words
    dual_scales: dict[str, float] = field(default_factory=dict)
    compound_denominators: dict[str, float] = field(default_factory=dict)
    plural_endings: Words = ()
    spaced_ordinals: bool = False
    joined_ordinals: bool = False
    lone_article_is_one: bool = False
    comma_after_scale: bool = False
    prefixes: Words = ()
    glued_prepositions: Words = ()
    hyphened_before: Words = ()
    glued_before_phrases: Words = ()
    glued_only: Words = ()
    pronoun_after: Words = ()
    pronoun_before: Words = ()
    counted_units: bool = False
    counted_units_shape: CountedShape = CountedShape()
    needs_numerator: Words = ()
    phrases: dict[str, str | float] = field(default_factory=dict)
    part_of: Words = ()
    ordinal_before: Words = ()
    teens_after: Words = ()
    not_alone: Words = ()
    ordinal_units: Words = ()


@dataclass(frozen=True)
class Coins:
    names: dict[str, str] = field(default_factory=dict)
    not_after: Words = ()
    not_before: Words = ()


@dataclass(frozen=True)
class Negated:
    words: Words = ()
    changes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Qualifiers:
    before: dict[str, str]
    after: dict[str, str]
    bound_joiners: Words
    negated: Negated = Negated()
    not_after: dict[str, Words] = field(default_factory=dict)
    articles: Words = ()


@dataclass(frozen=True)
class Change:
    decrease: Words
    increase: Words
    move: Words = ()


@dataclass(frozen=True)
class Attribution:
    before: Words
    after: Words
    name_particles: Words
    skip: Words
    after_figure: Words = ()
    institutions: Words = ()
    conjunctions: Words = ()
    ellipsis: Words = ()
    elisions: Words = ()
    sources: Words = ()
    not_claimants: Words = ()
    relatives: Words = ()
    participles: Words = ()


@dataclass(frozen=True)
class Dates:
    months: dict[str, float]
    weekdays: dict[str, float]
    early: Words
    mid: Words
    late: Words
    between: Pairs
    year_prefixes: Words
    dateline: Words
    relative: dict[str, str]
    day_suffixes: Words = ()
    month_day_suffixes: Words = ()
    day_joins: Words = ()  # between two days of one month: "du 29 au 30 octobre", "March 15 to 17"
    since: Words = ()
    when: Words = ()  # after a date, open a clause of what happened at it: "since 2023, when"
    months_capitalised: bool = False
    year_prefixes_closing: Words = ()
    time_after: Words = ()
    minutes_after: Words = ()  # the words of time_after the minutes may follow: "21 h 30"
    time_before: Words = ()
    year_parts: dict[str, str] = field(default_factory=dict)
    numeric_order: str = "dmy"  # a date in figures: day first (dmy), month first (mdy), or either


@dataclass(frozen=True)
class Boilerplate:
    line_starts: Words
    line_contains: Words
    end_markers: Words


@dataclass(frozen=True)
class Sentences:
    abbreviations: Words
    whole_words: Words = ()  # words the segmenter may take for abbreviations: "on 18 May. Voting"


@dataclass(frozen=True)
class Scope:
    places: Words = ()
    loosely: Words = ()  # right before a place word: most, not all, is there ("mostly in Germany")
    subgroups: Words = ()
    subgroup_names: dict[str, Words] = field(default_factory=dict)
    stages: dict[str, Words] = field(default_factory=dict)
    samples: Words = ()
    margins: Words = ()
    changes_by: Words = ()
    differences: Words = ()  # a difference, not a level: "47 more than in 2019"
    increments: Words = ()  # a count added to a total, not the total: "60 new victims"
    partitive: Words = ()
    rivals: Words = ()  # an unnamed contestant's share: "44,2% pour son rival"
    abroad: Words = ()  # outside the country: a figure of its diaspora ("all'estero", "abroad")
    whole_after: Words = ()
    whole_before: Words = ()  # a whole with no part before it: "laid off out of 300,000 employees"
    made_of: Words = ()
    among: Words = ()
    place_nouns: Words = ()
    place_articles: Words = ()
    forecasts: Words = ()
    thresholds: Words = ()
    compared: Words = ()
    expected: Words = ()
    times_of_day: Words = ()
    same_hour: Words = ()
    hour_words: dict[str, float] = field(default_factory=dict)
    afternoon: Words = ()
    morning: Words = ()
    distances: Words = ()
    spans: Words = ()
    one_day: Words = ()
    rates: dict[str, Words] = field(default_factory=dict)
    not_rates: Words = ()
    nationality_endings: Words = ()
    country_endings: Words = ()
    nationalities: dict[str, Words] = field(default_factory=dict)
    not_nationalities: Words = ()


@dataclass(frozen=True)
class Levels:
    words: Words = ()
    to: Words = ()
    articles: Words = ()


@dataclass(frozen=True)
class Discover:
    generic: Words = ()
    endings: Words = ()
    plural_heads: Words = ()
    auxiliaries: Words = ()
    name_particles: Words = ()
    name_suffixes: Words = ()
    honorifics: Words = ()  # before a surname, no part of the name: "Mme Connolly" is Connolly
    name_adjectives: Words = ()
    name_adjective_openings: Words = ()  # (ar: the article ال) what such an adjective opens with
    not_names: Words = ()
    events: dict[str, Words] = field(default_factory=dict)
    anaphors: Words = ()
    pronouns: Words = ()
    media_before: Words = ()
    romanised: dict[str, str] = field(default_factory=dict)
    name_articles: Words = ()
    led_by: Words = ()
    party_words: Words = ()
    member_articles: Words = ()
    organisation_words: Words = ()
    seat_words: Words = ()  # right before a place: an organisation named by its seat ("il gruppo di Cupertino")
    glosses: dict[str, Words] = field(default_factory=dict)


@dataclass(frozen=True)
class Letters:
    same: Words = ()
    marks: Words = ()


@dataclass(frozen=True)
class Language:
    """One language file, every key typed and checked."""

    code: str
    name: str
    stemmer: str
    numbers: Numbers
    scales: dict[str, float]
    number_words: NumberWords
    fractions: dict[str, float]
    percent: Words
    currencies: dict[str, str]
    units: dict[str, str]
    qualifiers: Qualifiers
    ranges: Pairs
    transitions: Pairs
    change: Change
    share_of: Words
    share_of_prefixes: Words
    attribution: Attribution
    dates: Dates
    boilerplate: Boilerplate
    sentences: Sentences
    stopwords: Words
    not_terms: Words = ()
    scale_or_unit: dict[str, ScaleOrUnit] = field(default_factory=dict)
    currency_or_unit: dict[str, CurrencyOrUnit] = field(default_factory=dict)
    compound_units: dict[str, str] = field(default_factory=dict)
    percent_before: Words = ()
    unit_or_unit: dict[str, CurrencyOrUnit] = field(default_factory=dict)
    number_or_fraction: dict[str, float] = field(default_factory=dict)
    money_scales: dict[str, float] = field(default_factory=dict)
    currencies_only_after: Words = ()
    share_of_suffixes: Words = ()
    restated: Words = ()
    coins: Coins = Coins()
    attached_prefixes: Words = ()
    people: Words = ()
    counted_places: Words = ()
    inverted_articles: Words = ()
    inverted_adverbs: Words = ()
    respectively: Words = ()
    versus: Words = ()  # a figure set against the next: "56% contre 44%"
    auxiliaries: Words = ()
    complement_words: Words = ()
    clause_words: Words = ()
    levels: Levels = Levels()
    scope: Scope = Scope()
    discover: Discover = Discover()
    letters: Letters = Letters()


@cache
def _fields(cls: type) -> dict[str, tuple[Any, bool]]:
    """A section's keys: name -> (type, required?)."""
    hints = typing.get_type_hints(cls)
    return {
        f.name: (hints[f.name], f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)
    }


def _not_a_word(value: Any) -> str:
    return f'is {value!r}, not a word: quote words YAML reads otherwise ("on", "no", "yes", "null")'


_KINDS = {str: "a word", bool: "true or false", float: "a number", list: "a list", dict: "a mapping"}


class _Reader:
    """Reads one parsed file into its sections, collecting every problem on the way."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def bad(self, line: int | None, where: str, message: str, suggestion: str | None = None) -> None:
        self.problems.append(Problem(str(self.path), line, where, message, suggestion))

    def read(self, node: Any, kind: Any, where: str, line: int | None) -> Any:
        """``node`` as ``kind`` (see the module's docstring); None after a problem."""
        if dataclasses.is_dataclass(kind):
            return self.section(node, kind, where, line)
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin in (Union, types.UnionType):
            if node is None and type(None) in args:
                return None
            options = [a for a in args if a is not type(None)]
            kinds = [a for a in options if self._scalar_fits(node, a)]
            return self.read(node, (kinds or options)[0], where, line)
        if origin is tuple:
            return self.sequence(node, args, where, line)
        if origin is dict:
            return self.table(node, args[1], where, line)
        return self.scalar(node, kind, where, line)

    @staticmethod
    def _scalar_fits(node: Any, kind: Any) -> bool:
        if kind is float:
            return isinstance(node, (int, float)) and not isinstance(node, bool)
        return isinstance(node, kind) if isinstance(kind, type) else False

    def scalar(self, node: Any, kind: type, where: str, line: int | None) -> Any:
        if kind is str and isinstance(node, (int, float)) and not isinstance(node, bool):
            return str(node)  # a word written as a number
        if self._scalar_fits(node, kind):
            return node
        if kind is str and (node is None or isinstance(node, bool)):
            self.bad(
                line,
                where,
                _not_a_word(node),
            )
        else:
            self.bad(line, where, f"must be {_KINDS[kind]}, not {_described(node)}")
        return None

    def sequence(self, node: Any, args: tuple[Any, ...], where: str, line: int | None) -> Any:
        if not isinstance(node, list):
            self.bad(line, where, f"must be a list, not {_described(node)}")
            return None
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(self.read(item, args[0], f"{where}[{i}]", line) for i, item in enumerate(node))
        if len(node) != len(args):
            self.bad(line, where, f"must be a list of {len(args)}, not of {len(node)}")
            return None
        return tuple(
            self.read(item, a, f"{where}[{i}]", line)
            for i, (item, a) in enumerate(zip(node, args, strict=True))
        )

    def table(self, node: Any, kind: Any, where: str, line: int | None) -> Any:
        if not isinstance(node, dict):
            self.bad(line, where, f"must be a mapping, not {_described(node)}")
            return None
        out = {}
        for key, value in node.items():
            at, key_line = f"{where}.{key}", line_of(node, str(key)) or line
            if key is None or isinstance(key, bool):
                self.bad(
                    key_line,
                    at,
                    _not_a_word(key),
                )
                continue
            out[str(key)] = self.read(value, kind, at, key_line)
        return out

    def section(self, node: Any, cls: type, where: str, line: int | None) -> Any:
        if not isinstance(node, dict):
            self.bad(line, where or "file", f"must be a mapping of keys, not {_described(node)}")
            return None
        known = _fields(cls)
        values = {}
        for key, value in node.items():
            at, key_line = f"{where}.{key}" if where else str(key), line_of(node, str(key)) or line
            if key not in known:
                self.bad(key_line, at, "unknown key", suggest(str(key), tuple(known)))
                continue
            values[key] = self.read(value, known[key][0], at, key_line)
        for key, (_, required) in known.items():
            if required and key not in node:
                self.bad(line_of(node) or line, f"{where}.{key}" if where else key, "missing key")
        return cls(**values) if not self.problems else None


def _described(node: Any) -> str:
    if isinstance(node, bool) or node is None:
        return repr(node)
    kind = next((name for t, name in _KINDS.items() if t is not str and isinstance(node, t)), None)
    if isinstance(node, int) and not isinstance(node, bool):
        kind = "a number"
    return kind or f"the word {node!r}"


def _parse(path: Path) -> Any:
    try:
        return load_yaml(path)
    except YamlProblem as exc:
        raise _error([exc.problem]) from None


def _error(problems: list[Problem]) -> LanguageDataError:
    return LanguageDataError.listing(
        problems, hint="compare with factcheck/data/lang/TEMPLATE.yaml, which explains every key"
    )


def read_language(path: Path) -> Language:
    """The language file at ``path``, checked against the contract (the template first)."""
    check_template()
    reader = _Reader(path)
    data = _parse(path)
    language = reader.section(data, Language, "", line_of(data))
    if isinstance(data, dict) and data.get("code") != path.stem:
        reader.bad(
            line_of(data, "code"), "code", f"is {data.get('code')!r} but the file is named {path.name}"
        )
    if reader.problems:
        raise _error(reader.problems)
    return language


def script_letters(paths: list[Path]) -> list[Letters]:
    """The ``letters`` section of each language file: what matching and folding need of every script
    before any one language is loaded (a file broken elsewhere is reported when it is loaded)."""
    found = []
    for path in paths:
        data = _parse(path)
        if isinstance(data, dict) and "letters" in data:
            reader = _Reader(path)
            letters = reader.section(data["letters"], Letters, "letters", line_of(data, "letters"))
            if reader.problems:
                raise _error(reader.problems)
            found.append(letters)
    return found


@cache
def check_template() -> None:
    """TEMPLATE.yaml follows the contract and documents every key of it, at every depth."""
    data = _parse(TEMPLATE)
    reader = _Reader(TEMPLATE)
    reader.section(data, Language, "", line_of(data))
    _undocumented(reader, data, Language, "")
    if reader.problems:
        raise _error(reader.problems)


def _undocumented(reader: _Reader, node: Any, cls: type, where: str) -> None:
    if not isinstance(node, dict):
        return
    for key, (kind, _) in _fields(cls).items():
        at = f"{where}.{key}" if where else key
        if key not in node:
            reader.bad(line_of(node), at, "a key of the language files that TEMPLATE.yaml does not explain")
            continue
        if dataclasses.is_dataclass(kind):
            _undocumented(reader, node[key], kind, at)
        elif typing.get_origin(kind) is dict and dataclasses.is_dataclass(entry := typing.get_args(kind)[1]):
            for name, value in (node[key] or {}).items():
                _undocumented(reader, value, entry, f"{at}.{name}")
        elif typing.get_origin(kind) in (Union, types.UnionType):
            for a in typing.get_args(kind):
                if dataclasses.is_dataclass(a):
                    _undocumented(reader, node[key], a, at)


def sections() -> dict[str, type]:
    """Every part of a language file that has keys of its own, by its key path: "numbers",
    "number_words.counted_units_shape", and "scale_or_unit.*" for each entry of a table of them."""
    out: dict[str, type] = {}

    def walk(cls: type, where: str) -> None:
        for key, (kind, _) in _fields(cls).items():
            at = f"{where}.{key}" if where else key
            if typing.get_origin(kind) is dict:
                kind, at = typing.get_args(kind)[1], f"{at}.*"
            if dataclasses.is_dataclass(kind):
                out[at] = kind
                walk(kind, at)

    walk(Language, "")
    return out
