"""Who makes a claim, when the sentence says so: "selon X", "comme le clame X", "X ha detto", "قال X"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.quantities.lexicon import Lexicon, alternation, fold

_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w.&'’-]*")
_STOP = re.compile(r"[,.;:!?()«»\"“”،؛؟]")


@dataclass(frozen=True, eq=False)
class _Patterns:
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    particles: frozenset[str]  # small words inside names ("de" in "Banque de France")
    skip: frozenset[str]  # words before a name that are not part of it ("le site", "the newspaper")
    calendar: frozenset[
        str
    ]  # month and weekday names: capitalised in English, never a claimant ("said on Tuesday")


@cache
def _patterns(lex: Lexicon) -> _Patterns:
    a = lex.raw["attribution"]
    return _Patterns(
        alternation(a.get("before") or []),
        alternation(a.get("after") or []),
        frozenset(fold(w) for w in a.get("name_particles") or []),
        frozenset(fold(w) for w in a.get("skip") or []) | lex.stopwords,
        frozenset(lex.months) | frozenset(lex.weekdays),
    )


def _name_after(text: str, pos: int, lex: Lexicon) -> str | None:
    """The name that starts at ``pos`` (determiners skipped): capitalised words, or up to 3 words in scripts without case."""
    pats = _patterns(lex)
    chunk = _STOP.split(text[pos : pos + 120], maxsplit=1)[0]
    words = chunk.split()
    while words and (
        (fold(words[0]).rstrip("'") in pats.skip and not words[0][:1].isupper())
        or fold(words[0]) in pats.calendar
    ):
        words.pop(0)
    if not words:
        return None
    if words[0][0].isalpha() and not (
        words[0][0].isupper() or words[0][0].islower()
    ):  # a script without case
        name = []
        for w in words[:3]:  # up to three words, up to a function word ("قال مارك زوكربيرغ إن …")
            if name and fold(w) in pats.skip:
                break
            name.append(w)
        return " ".join(name)
    name = []
    for w in words:
        if _NAME_WORD.fullmatch(w) or (name and fold(w) in pats.particles):
            name.append(w)
        else:
            break
    while name and fold(name[-1]) in pats.particles:
        name.pop()
    return " ".join(name) or None


_ELIDED = re.compile(r"^[dlDL]['’]")  # "d'Elon", "l'Agence": the name after the elided article


def _name_before(text: str, pos: int, lex: Lexicon) -> str | None:
    """The speaker named in the clause before a verb of saying: a full name ("Elon Musk") before a
    single word ("Le modèle économique d'Elon Musk pour Twitter partait du principe que": Elon Musk);
    among equals, the one nearest the verb."""
    clause = re.split(r"[.;:!?()«»\"“”؛؟]", text[max(0, pos - 120) : pos])[-1]
    groups: list[list[str]] = [[]]
    for raw in clause.split():
        word = _ELIDED.sub("", raw.strip(",")).rstrip(",")
        if _NAME_WORD.fullmatch(word) and fold(word) not in _patterns(lex).skip | _patterns(lex).calendar:
            groups[-1].append(word)
        else:
            groups.append([])
        if raw.endswith(","):
            groups.append([])
    names = [g for g in groups if g]
    if not names:
        return None
    full = [g for g in names if len(g) > 1]
    return " ".join((full or names)[-1])


def attribution(sentence: str, lex: Lexicon) -> str | None:
    """The source the sentence attributes its claims to, if it names one."""
    pats = _patterns(lex)
    if pats.before is not None:
        for m in pats.before.finditer(sentence):
            name = _name_after(sentence, m.end(), lex)
            if name:
                return name
    if pats.after is not None:
        for m in pats.after.finditer(sentence):
            inverted = (
                sentence[: m.start()].rstrip().endswith(",")
            )  # "…, ha detto Mark Zuckerberg": the speaker follows
            first, second = (
                (_name_after(sentence, m.end(), lex), _name_before(sentence, m.start(), lex))
                if inverted
                else (_name_before(sentence, m.start(), lex), _name_after(sentence, m.end(), lex))
            )
            name = first or second
            if name:
                return name
    return None
