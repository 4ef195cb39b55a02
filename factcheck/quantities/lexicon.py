"""Language files -> Lexicon: validated, with every phrase list compiled to a regex once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from factcheck.errors import LanguageDataError
from factcheck.quantities.langfile import TEMPLATE, Language, read_language, script_letters

LANG_DIR = Path(__file__).resolve().parent.parent / "data" / "lang"
UNITS_FILE = LANG_DIR.parent / "units.txt"


@lru_cache(maxsize=1)
def iso_currencies() -> tuple[str, ...]:
    """The ISO 4217 codes defined in data/units.txt: read as currency signs in every language."""
    text = UNITS_FILE.read_text(encoding="utf-8")
    return tuple(re.findall(r"^([A-Z]{3}) = \[currency_\1\]", text, flags=re.MULTILINE))


def money_entry(value: Any) -> tuple[str, float]:
    """A currency entry: "USD", or "0.01 USD" for a word worth a fraction or multiple of it ("cents")."""
    parts = str(value).split()
    return (parts[-1], float(parts[0])) if len(parts) == 2 else (parts[0], 1.0)


def _counted(value: Any) -> tuple[str, float]:
    """A unit entry: "liter", or "2 liter" for a word that holds its own count (an Arabic dual)."""
    head, _, rest = str(value).partition(" ")
    try:
        return rest, float(head)
    except ValueError:
        return str(value), 1.0


def available_languages() -> tuple[str, ...]:
    """The supported languages: the language files present (TEMPLATE excluded)."""
    return tuple(sorted(p.stem for p in LANG_DIR.glob("*.yaml") if p.stem != "TEMPLATE"))


@dataclass(frozen=True)
class _Script:
    """The letters news text writes interchangeably and the marks it may leave out, from every language
    file's ``letters`` (Arabic: the hamza seats of alef, final yaa, taa marbuta; short vowels, tatweel)."""

    variants: dict[str, str]  # letter -> a regex class of the letters it stands for ("ا" -> "[اأإآ]")
    folded: dict[int, str]  # letter -> the first of its group, for str.translate
    marks: str  # a regex of the marks a letter may carry, any number of them ("" when none)
    blocks: frozenset[int]  # the Unicode blocks (code point // 256) of the scripts with marks


@cache
def _script() -> _Script:
    variants: dict[str, str] = {}
    folded: dict[int, str] = {}
    marks: list[str] = []
    for letters in script_letters([LANG_DIR / f"{code}.yaml" for code in available_languages()]):
        for group in letters.same:
            variants |= {ch: f"[{group}]" for ch in group}
            folded |= {ord(ch): group[0] for ch in group[1:]}
        marks += [m for m in letters.marks if m not in marks]
    return _Script(
        variants,
        folded,
        f"[{''.join(marks)}]*" if marks else "",
        frozenset(ord(m) >> 8 for m in marks),
    )


def fold_key() -> str:
    """What :func:`fold` depends on (its code and the letters of every language file), as a hash: part
    of the key of anything kept on disk in folded form (factcheck/cache.py)."""
    from factcheck.cache import code_hash

    return hashlib.sha256(repr((code_hash(__name__), _script())).encode()).hexdigest()


def variants() -> dict[str, str]:
    """Letters written interchangeably: letter -> the regex class of its group (for looking ahead)."""
    return _script().variants


def _is_arabic(ch: str) -> bool:
    """A letter of a script whose marks text may leave out (Arabic), where one-letter words are glued on."""
    return ord(ch) >> 8 in _script().blocks


def _pieces(phrase: str, *, reverse: bool = False) -> list[str]:
    """The regex piece of each character of ``phrase``: any run of spaces for a space, optional Arabic marks."""
    out: list[str] = []
    for ch in phrase.strip()[::-1] if reverse else phrase.strip():
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            marks = _script().marks if _is_arabic(ch) else ""
            char = _script().variants.get(ch, re.escape(ch))
            out.append(marks + char if reverse else char + marks)
    return out


def phrase_pattern(phrase: str, *, reverse: bool = False) -> str:
    """A regex source matching ``phrase``: any run of spaces for a space, optional Arabic marks.

    With ``reverse``, the pattern matches the phrase in reversed text (for looking back from a number).
    """
    return "".join(_pieces(phrase, reverse=reverse))


_END = ""  # the key that ends a phrase in a trie; its value is what must follow the phrase


def _trie(entries: list[tuple[list[str], str]]) -> str:
    """One regex for many phrases (their pieces, and what must follow each), as a trie: "mille",
    "milles", "million" become ``mill(?:e(?:s…|…)|ion…)``, so the engine tries a few first letters
    instead of every phrase at every position. Longer phrases are tried first, as in a plain
    alternation sorted longest first."""
    root: dict = {}
    for pieces, after in entries:
        node = root
        for piece in pieces:
            node = node.setdefault(piece, {})
        node.setdefault(_END, after)

    def render(node: dict) -> str:
        branches = [key + render(child) for key, child in node.items() if key != _END]
        if _END in node:
            branches.append(node[_END])
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return render(root)


def _keys(phrase: str, exact: bool, *, reverse: bool = False) -> list[str]:
    """The trie keys of a phrase: its pieces, each matched with its case when the phrase is exact."""
    if not exact:
        return _pieces(phrase.lower(), reverse=reverse)
    return [f"(?-i:{p})" for p in _pieces(phrase, reverse=reverse)]


def reversed_alternation(phrases: Any, glued: Any = ()) -> re.Pattern[str] | None:
    """Like :func:`alternation`, for matching at the start of reversed text: ``rev(text[:pos])``.

    The phrase's left word boundary becomes a check after the match; no right boundary is needed. A
    prefix of ``glued`` may stand between the phrase and that boundary ("بنحو": ب + نحو), outside the match.
    """
    items = sorted({str(p) for p in phrases if str(p).strip()}, key=lambda p: (-len(_exact(p)[0]), p))
    if not items:
        return None
    prefixes = sorted({str(g)[::-1] for g in glued if str(g)}, key=lambda g: (-len(g), g))
    glued_src = f"(?:{'|'.join(re.escape(g) for g in prefixes)})?" if prefixes else ""
    boundary = rf"(?={glued_src}(?![^\W\d_]))" if prefixes else r"(?![^\W\d_])"
    entries = []
    for raw in items:
        p, exact = _exact(raw)
        entries.append((_keys(p, exact, reverse=True), boundary if p[0].isalnum() else ""))
    return re.compile(_trie(entries), re.IGNORECASE)


def _exact(phrase: str) -> tuple[str, bool]:
    """(phrase, matched with its case?): written with a capital (``M``, ``Md``), or marked ``=g``."""
    if phrase.startswith("=") and len(phrase) > 1:
        return phrase[1:], True
    return phrase, phrase.lower() != phrase


def alternation(phrases: Any, *, bounded: bool = True, units: bool = False) -> re.Pattern[str] | None:
    """One compiled pattern for a list of phrases, longest first, on word boundaries.

    A phrase written with a capital letter (``M``, ``Md``) is matched with its case, as is one marked
    with a leading ``=`` (``=g``: grams, not the "G" of "5G"); others ignore case. A phrase of one letter
    is never matched before an apostrophe ("30 mila l'anno" is no litre, "l'" is the elided article) nor
    before a dot and a letter ("1 k.g." is a kilogram, "k." the start of an abbreviation); with ``units``,
    nor before a hyphen and a digit ("3 F-35s" are aircraft, no degrees Fahrenheit; "5k-20k" keeps its k).
    """
    items = sorted({str(p).strip() for p in phrases if str(p).strip()}, key=lambda p: (-len(_exact(p)[0]), p))
    if not items:
        return None
    words: list[
        tuple[list[str], str]
    ] = []  # phrases starting with a letter or digit get the word boundary once, up front
    signs: list[tuple[list[str], str]] = []
    firsts: set[str] = set()
    for raw in items:
        p, exact = _exact(raw)
        after = ""
        if bounded:
            proclitic = _is_arabic(p[-1]) and len(p.split()[-1]) == 1  # "وفقا ل": the next word is glued on
            after = r"(?!\w)" if p[-1].isalnum() and not proclitic else ""
            # one letter: not before an elided article's apostrophe ("l'anno"), an abbreviation ("k.g."), a model ("F-35")
            if len(p) == 1 and p.isalpha():
                after = r"(?![\w'’]|\.[^\W\d_]|-\d)" if units else r"(?![\w'’]|\.[^\W\d_])"
        if bounded and p[0].isalnum():
            words.append((_keys(p, exact), after))
            first = p[0]
            firsts |= {first, first.lower(), first.upper()} | set(
                _script().variants.get(first, "").strip("[]")
            )
        else:
            signs.append((_keys(p, exact), after))
    pieces = []
    if words:  # not inside a word ("3bn" is fine); a quick look at the first letter before the trie
        firsts_class = "".join(re.escape(c) for c in sorted(firsts))
        pieces.append(rf"(?<![^\W\d_])(?=[{firsts_class}])(?:{_trie(words)})")
    if signs:
        pieces.append(_trie(signs))
    return re.compile("(?:" + "|".join(pieces) + ")", re.IGNORECASE)


def caseless(word: str) -> bool:
    """Whether a word is written in a script without capitals (Arabic): no name is found by its case."""
    return word[:1].isalpha() and not (word[:1].isupper() or word[:1].islower())


def marks() -> str:
    """The regex class of the marks a letter may carry ("[...]"; "" when no script has any)."""
    return _script().marks.removesuffix("*")


@cache
def _marks() -> re.Pattern[str] | None:
    """The marks :func:`fold` drops, a run at a time (``[...]+``: not the empty match at every character
    that ``[...]*`` makes)."""
    return re.compile(marks() + "+") if marks() else None


@lru_cache(maxsize=65536)  # the same few words are folded again and again
def fold(text: str) -> str:
    """The form used to look a matched phrase up in a lexicon table: no Arabic marks, one space, lower case."""
    script, dropped = _script(), _marks()
    text = text.replace("’", "'")
    text = (dropped.sub("", text) if dropped else text).translate(script.folded)
    return " ".join(text.split()).lower()


def table(mapping: dict[str, Any]) -> dict[str, Any]:
    """A phrase table keyed by its folded phrases (case kept where it matters: ``M`` vs ``m``)."""
    out: dict[str, Any] = {}
    for key, value in mapping.items():
        key, exact = _exact(str(key))
        out[" ".join(key.split()) if exact else fold(key)] = value
    return out


def lookup(tab: dict[str, Any], matched: str) -> Any:
    """Find a matched phrase in a table built by :func:`table`."""
    marks = _script().marks
    exact = matched.replace("’", "'")
    exact = " ".join((re.sub(marks, "", exact) if marks else exact).split())
    return tab[exact] if exact in tab else tab.get(fold(matched))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per language per process
class Lexicon:
    """Everything the pipeline knows about one language, ready to use."""

    code: str
    name: str
    stemmer: str
    data: Language  # the language file, as typed sections
    decimal: tuple[str, ...]
    group: tuple[str, ...]
    scales: dict[str, float]
    fractions: dict[str, float]
    currencies: dict[str, tuple[str, float]]  # word -> (ISO code, what one of it is worth in that currency)
    currencies_raw: tuple[str, ...]
    units: dict[str, tuple[str, float]]  # word -> (pint unit, the count the word itself holds: 2 for a dual)
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    months: dict[str, int]
    weekdays: dict[str, int]
    stopwords: frozenset[str]
    re_scale: re.Pattern[str] | None
    re_fraction: re.Pattern[str] | None
    re_percent: re.Pattern[str] | None
    re_currency: re.Pattern[str] | None
    re_unit: re.Pattern[str] | None
    re_connector: re.Pattern[str] | None
    re_qual_after: re.Pattern[str] | None
    re_decrease: re.Pattern[str] | None
    re_increase: re.Pattern[str] | None
    re_move: re.Pattern[str] | None  # words saying a value moved, either way ("passer de X à Y")
    re_month: re.Pattern[str] | None
    re_weekday: re.Pattern[str] | None
    re_year_prefix: re.Pattern[str] | None
    ranges: tuple[tuple[str, str, bool], ...]  # (opening word, joining word, may be a from/to transition)


@cache
def load_lexicon(lang: str) -> Lexicon:
    """Load and compile one language file: read once per process, and kept in the user's cache
    (factcheck/cache.py) until the file, the template, data/units.txt, the letters of any language
    or the code that reads them changes."""
    from factcheck import cache as disk

    path = LANG_DIR / f"{lang}.yaml"
    if lang == "TEMPLATE" or not path.is_file():
        raise LanguageDataError(
            f"no language file for {lang!r}",
            hint=f"supported languages: {', '.join(available_languages())}; add factcheck/data/lang/{lang}.yaml to support it",
        )
    return disk.memo(f"lexicon-{lang}", lambda: _read_lexicon(path), *lexicon_key(lang))


def lexicon_key(lang: str) -> tuple[str, ...]:
    """What the lexicon of ``lang`` is built from, as hashes (its file, the template, data/units.txt,
    the folding of words and the code that reads them): the key of what is kept on disk for it."""
    from factcheck import cache as disk

    files = tuple(disk.file_hash(p) for p in (LANG_DIR / f"{lang}.yaml", TEMPLATE, UNITS_FILE))
    return (*files, fold_key(), disk.code_hash("factcheck.quantities.langfile"))


def from_file(lex: Lexicon) -> bool:
    """Whether ``lex`` is the lexicon of its language's file (not one a caller built or changed)."""
    try:
        return load_lexicon(lex.code) is lex
    except LanguageDataError:
        return False


def _read_lexicon(path: Path) -> Lexicon:
    data = read_language(path)
    nums, quals, dates, change = data.numbers, data.qualifiers, data.dates, data.change
    return Lexicon(
        code=data.code,
        name=data.name,
        stemmer=data.stemmer,
        data=data,
        decimal=nums.decimal,
        group=nums.group,
        scales={k: float(v) for k, v in table(data.scales).items()},
        fractions={k: float(v) for k, v in table(data.fractions).items()},
        currencies=table(
            {
                **{c: money_entry(c) for c in iso_currencies()},
                **{k: money_entry(v) for k, v in data.currencies.items()},
            }
        ),
        currencies_raw=tuple(data.currencies) + iso_currencies(),
        units=table({k: _counted(v) for k, v in data.units.items()}),
        qualifiers_before=table(quals.before),
        qualifiers_after=table(quals.after),
        months=table(dates.months),
        weekdays=table(dates.weekdays),
        stopwords=frozenset(fold(w) for w in data.stopwords),
        re_scale=alternation(data.scales),
        re_fraction=alternation(data.fractions),
        re_percent=alternation(data.percent),
        re_currency=alternation(list(data.currencies) + list(iso_currencies())),
        re_unit=alternation(data.units, units=True),
        re_connector=alternation(nums.connectors),
        re_qual_after=alternation(quals.after),
        re_decrease=alternation(change.decrease),
        re_increase=alternation(change.increase),
        re_move=alternation(change.move),
        re_month=alternation(dates.months),
        re_weekday=alternation(dates.weekdays),
        re_year_prefix=alternation(dates.year_prefixes),
        ranges=tuple((a, b, False) for a, b in data.ranges)
        + tuple((a, b, True) for a, b in data.transitions),
    )
