"""Who makes each claim, figure by figure, when the sentence says so: "selon X", "X ha detto", "قال X",
"A selon X, B selon Y", "X parle de A, Y de B", "A (police)"; unsure rather than a guess."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from factcheck.quantities.lexicon import Lexicon, alternation, caseless, fold

_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w.&'’-]*")
_ENDS_NAME = re.compile(
    r"[,.;:!?()،؛؟]"
)  # a claimant's name never runs past these (quotes around it: «Le Monde»)
_CLAUSE = re.compile(r"[;:()«»\"“”،؛]|,(?!\d)")  # what ends a clause inside a sentence (not "12,000")
_WORD = re.compile(r"[^\s,.;:!?()«»\"“”،؛؟]+")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z&]{1,7})\)")
ACRONYM_WORDS = 7  # a description in lower case this long, then its acronym in brackets, names a claimant
AFTER_FIGURE_WORDS = (
    3  # a marker that names a claimant only right after a figure: at most this many words after it
)


@dataclass(frozen=True)
class Said:
    """Who makes the claim of one figure: ``claimant`` when the sentence settles it; when it names
    several claimants and does not say which figure is whose, ``claimant`` is None and ``unsure``
    lists the ones it may be."""

    claimant: str | None = None
    unsure: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class _Patterns:
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    after_figure: re.Pattern[str] | None  # "per": a claimant only right after a figure ("A per X")
    institutions: re.Pattern[str] | None  # claimants of several lower-case words: "la Protezione civile"
    ellipsis: re.Pattern[str] | None  # "X parle de A, Y de B": "de" stands for the verb said before
    conjunctions: frozenset[str]  # "la police et les organisateurs"
    glued: tuple[str, ...]  # conjunctions written on the next word (Arabic و)
    particles: frozenset[str]  # small words inside names ("de" in "Banque de France")
    skip: frozenset[str]  # words before a name that are not part of it ("le site", "the newspaper")
    calendar: frozenset[str]  # month and weekday names, and the not_claimants: capitalised, never a claimant
    elided: re.Pattern[str]  # "d'Elon", "l'Agence": the name after an elided article
    # words that open no claimant after a verb of saying ("قدّر العدد": the number was estimated)
    not_claimants: frozenset[str]
    participles: re.Pattern[str] | None  # "with 80% of the votes counted": after a noun, no verb of saying


@cache
def _patterns(lex: Lexicon) -> _Patterns:
    a = lex.data.attribution
    return _Patterns(
        alternation(a.before),
        alternation(a.after),
        alternation(a.after_figure),
        alternation(a.institutions),
        alternation(a.ellipsis),
        frozenset(fold(w) for w in a.conjunctions),
        lex.data.number_words.glued_joiners,
        frozenset(fold(w) for w in a.name_particles),
        frozenset(fold(w) for w in a.skip) | lex.stopwords,
        frozenset(lex.months) | frozenset(lex.weekdays) | frozenset(fold(w) for w in a.not_claimants),
        _elided(lex.data.attribution.elisions),
        frozenset(fold(w) for w in a.not_claimants),
        alternation(a.participles),
    )


def _elided(elisions: tuple[str, ...]) -> re.Pattern[str]:
    """An elided article at the start of a word ("d'", "l'"), either apostrophe, any case."""
    words = "|".join(re.escape(e.rstrip("'’")) for e in elisions)
    return re.compile(rf"^(?:{words})['’]" if words else r"(?!)", re.IGNORECASE)


def _institution(text: str, pos: int, end: int, pats: _Patterns) -> re.Match[str] | None:
    """An institution of the language's list starting at ``pos`` (a glued conjunction before it aside)."""
    if pats.institutions is None:
        return None
    m = pats.institutions.match(text, pos, end)
    if m is None and text[pos : pos + 1] in pats.glued:  # "والمنظمون": the word after the glued "و"
        m = pats.institutions.match(text[:pos] + " " + text[pos + 1 :], pos + 1, end)
    return m


def _institution_with_name(
    text: str, inst: re.Match, after: list[re.Match], pats: _Patterns
) -> tuple[str, int]:
    """An institution, with the proper name right after it: "il sindacato Cgil"."""
    stop = inst.end()
    for w in after:
        if w.start() < stop:
            continue
        if _NAME_WORD.fullmatch(w.group()) and fold(w.group()) not in pats.skip:
            stop = w.end()
        else:
            break
    return text[inst.start() : stop], stop


def _caseless_name(text: str, words: list[re.Match], pats: _Patterns) -> tuple[str, int]:
    """A name in a script without case: "قال مارك زوكربيرغ إن …", up to a function word or a number."""
    name: list[re.Match] = []
    for m in words:
        if name and (fold(m.group()) in pats.skip | pats.conjunctions or any(c.isdigit() for c in m.group())):
            break
        name.append(m)
    return text[name[0].start() : name[-1].end()], name[-1].end()


def _one_at(text: str, pos: int, end: int, lex: Lexicon) -> tuple[str, int] | None:
    """The claimant that starts at ``pos`` (determiners and skip words first), and where it ends: an
    institution ("the interior ministry", with a name after it: "sindacato Cgil"), a capitalised name,
    or, in a script without case, up to three words up to a function word."""
    pats = _patterns(lex)
    stop = _ENDS_NAME.search(text, pos, end)
    end = stop.start() if stop else end
    acronym = _ACRONYM_AFTER.match(text, end)
    if acronym and len(text[pos:end].split()) <= ACRONYM_WORDS and not _NAME_WORD.search(text, pos, end):
        return acronym.group(1), acronym.end()  # "l'agence météorologique japonaise (JMA)": the JMA
    words = list(_WORD.finditer(text, pos, end))
    k = 0
    while k < len(words):
        w = words[k].group()
        if _institution(text, words[k].start(), end, pats):
            break
        if (fold(w).rstrip("'") in pats.skip and not w[:1].isupper()) or fold(w) in pats.calendar:
            k += 1
            continue
        break
    if k == len(words):
        return None
    first = words[k]
    inst = _institution(text, first.start(), end, pats)
    if inst is not None:
        return _institution_with_name(text, inst, words[k + 1 :], pats)
    w = first.group()
    if any(ch.isdigit() for ch in w):
        return None
    if caseless(w):
        # "لم يتحدث في قاعة …": no name follows a function word in a script without case
        return None if k or fold(w) in pats.not_claimants else _caseless_name(text, words[k : k + 3], pats)
    start = first.start() + (
        e.end() if (e := pats.elided.match(w)) and _NAME_WORD.fullmatch(w[e.end() :]) else 0
    )
    name = []
    for m in words[k:]:
        g = m.group() if m is not first else text[start : m.end()]
        if _NAME_WORD.fullmatch(g) or (name and fold(g) in pats.particles):
            name.append(m)
        else:
            break
    while name and fold(name[-1].group()) in pats.particles:
        name.pop()
    if not name:
        return None
    return text[start : name[-1].end()], name[-1].end()


def _names_at(text: str, pos: int, end: int, lex: Lexicon) -> tuple[tuple[str, ...], int] | None:
    """The claimant(s) that start at ``pos``: one, or several joined ("la police et les organisateurs")."""
    first = _one_at(text, pos, end, lex)
    if first is None:
        return None
    names, stop = [first[0]], first[1]
    pats = _patterns(lex)
    while True:
        m = _WORD.search(text, stop, end)
        if m is None or text[stop : m.start()].strip():
            break
        if fold(m.group()) in pats.conjunctions:
            nxt = _one_at(text, m.end(), end, lex)
        elif m.group()[:1] in pats.glued and _institution(text, m.start(), end, pats):  # "الشرطة والنقابة"
            nxt = _one_at(text, m.start(), end, lex)
        else:
            break
        if nxt is None:
            break
        names.append(nxt[0])
        stop = nxt[1]
    return tuple(names), stop


def _names_before(text: str, pos: int, lex: Lexicon, *, within_clause: bool = False) -> tuple[str, ...]:
    """The speaker(s) named in the clause before a verb of saying: an institution or a full name
    ("Elon Musk") before a single word ("Le modèle économique d'Elon Musk pour Twitter partait du
    principe que": Elon Musk); among equals, the one nearest the verb; two joined by "and", both."""
    pats = _patterns(lex)
    lo = max(0, pos - 120)
    cut = max((m.end() for m in re.finditer(r"[.;:!?()«»\"“”؛؟]", text[lo:pos])), default=0)
    lo += cut
    if within_clause:  # its clause: from a mark, or a word that opens one ("while", "بينما"; not "and")
        opener = _clause_opener(lex)
        lo = max(
            lo,
            _clause_start(text, pos),
            *(m.end() for m in opener.finditer(text, lo, pos)) if opener else [0],
        )
    found: list[tuple[int, int, str, bool]] = []  # start, end, name, strong (an institution or a full name)
    if pats.institutions is not None:
        for m in pats.institutions.finditer(text, lo, pos):
            prev = re.search(r"(\S+)\s+$", text[lo : m.start()])
            if prev and _NAME_WORD.fullmatch(prev.group(1)) and fold(prev.group(1)) not in pats.skip:
                continue  # part of a name: "the European Union"
            found.append((m.start(), m.end(), m.group(), True))
    group: list[re.Match[str]] = []
    for m in [*_WORD.finditer(text, lo, pos), None]:
        raw = m.group() if m else ""
        word = pats.elided.sub("", raw)
        inside = any(s <= (m.start() if m else -1) < e for s, e, _, _ in found)
        if m and not inside and _NAME_WORD.fullmatch(word) and fold(word) not in pats.skip | pats.calendar:
            if group and text[group[-1].end() : m.start()].strip():  # a comma between: two names
                found.append(_group(text, group, pats.elided))
                group = []
            group.append(m)
            continue
        if group:
            found.append(_group(text, group, pats.elided))
            group = []
    if not found:
        return ()
    found.sort()
    strong = [f for f in found if f[3]]
    last = (strong or found)[-1]
    names = [last[2]]
    i = found.index(last)
    while i > 0:  # "la police et les organisateurs parlent de …"
        prev = found[i - 1]
        between = [fold(w) for w in _WORD.findall(text[prev[1] : found[i][0]])]
        if not between or between[0] not in pats.conjunctions or not all(w in pats.skip for w in between[1:]):
            break
        names.insert(0, prev[2])
        i -= 1
    return tuple(names)


@cache
def _clause_opener(lex: Lexicon) -> re.Pattern[str] | None:
    """The words that open a clause of their own (``clause_words``), but for the conjunctions that join
    two speakers ("la police et les organisateurs parlent de")."""
    joins = {fold(w) for w in lex.data.attribution.conjunctions}
    return alternation([w for w in lex.data.clause_words if fold(w) not in joins])


def _institution_named(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the claimant read between ``start`` and ``end`` is an institution of the language's list."""
    pats = _patterns(lex)
    for w in _WORD.finditer(text, start, end):
        if _institution(text, w.start(), end, pats):
            return True
        if fold(w.group()) not in pats.skip:
            return False
    return False


def _strip_names(text: str, start: int, end: int, names: tuple[str, ...]) -> str:
    """The text between ``start`` and ``end`` without the names in it: what else the clause says."""
    part = text[start:end]
    for name in names:
        part = part.replace(name, " ")
    return part


def _group(text: str, words: list[re.Match[str]], elided: re.Pattern[str]) -> tuple[int, int, str, bool]:
    start = words[0].start() + (e.end() if (e := elided.match(words[0].group())) else 0)
    return start, words[-1].end(), text[start : words[-1].end()], len(words) > 1


@dataclass(frozen=True)
class _Anchor:
    start: int  # where the attribution begins: it claims figures before it (back) ...
    end: int  # ... or after it (forward)
    names: tuple[str, ...]
    direction: str  # back | forward | place (a "selon X": back or forward by where it stands)


def _clause_start(text: str, pos: int) -> int:
    return max((m.end() for m in _CLAUSE.finditer(text, 0, pos)), default=0)


def _anchors(s: str, figures: list[tuple[int, int]], lex: Lexicon) -> list[_Anchor]:
    """The phrases that say who claims figures ("selon X", "X said", "(police)", "X parle de A, Y de
    B"), one per stretch of text, in order."""
    pats = _patterns(lex)
    out: list[_Anchor] = []
    _phrase_anchors(s, figures, lex, pats, out)
    if pats.after is not None:
        _verb_anchors(s, figures, lex, pats, out)
    _bracket_anchors(s, figures, lex, out)
    if pats.ellipsis is not None and any(a.direction == "forward" for a in out):
        _ellipsis_anchors(s, figures, lex, pats, out)
    out.sort(key=lambda x: x.start)
    kept: list[_Anchor] = []
    for x in out:  # one anchor per stretch of text
        if not kept or x.start >= kept[-1].end:
            kept.append(x)
    return kept


def _limit(figures: list[tuple[int, int]], s: str, pos: int) -> int:
    """Where a claimant named at ``pos`` must stop: it never runs into the next figure (figures in
    text order: found by bisection)."""
    k = bisect_left(figures, pos, key=lambda f: f[0])
    return figures[k][0] if k < len(figures) else len(s)


def _phrase_anchors(
    s: str, figures: list[tuple[int, int]], lex: Lexicon, pats: _Patterns, out: list[_Anchor]
) -> None:
    """ "selon X" (before or after the figures it claims), "A per X" after a figure; added to ``out``."""
    for pattern, restricted in ((pats.before, False), (pats.after_figure, True)):
        if pattern is None:
            continue
        for m in pattern.finditer(s):
            got = _names_at(s, m.end(), _limit(figures, s, m.end()), lex)
            if restricted:  # "A per X": a figure right before it, in its clause; or "Per la polizia, …"
                near = [
                    e
                    for _, e in figures
                    if e <= m.start()
                    and not _CLAUSE.search(s, e, m.start())
                    and len(_WORD.findall(s[e : m.start()])) <= AFTER_FIGURE_WORDS
                ]
                opens = not s[_clause_start(s, m.start()) : m.start()].strip()
                if got and not near and opens and _institution_named(s, m.end(), got[1], lex):
                    out.append(_Anchor(m.start(), got[1], got[0], "forward"))
                elif got and near:
                    out.append(_Anchor(m.start(), got[1], got[0], "back"))
                continue
            if got:
                out.append(_Anchor(m.start(), got[1], got[0], "place"))
            elif pats.after is None or not pats.after.fullmatch(m.group()):
                # "selon la direction": someone we cannot name claims some figures ("a annoncé", also a
                # verb of saying, is read as one below)
                out.append(_Anchor(m.start(), m.end(), (), "place"))


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s+$")


def _participle(s: str, m: re.Match[str], pats: _Patterns) -> bool:
    """Whether the verb of saying ``m`` is a participle after a word written small, no institution's
    ("with 80% of the votes counted", "the estimated results"): it says what was done, not who says."""
    if pats.participles is None or not pats.participles.fullmatch(m.group()):
        return False
    word = _WORD_BEFORE.search(s, max(0, m.start() - 40), m.start())
    if word is None or not word.group(1)[:1].islower():
        return False
    return pats.institutions is None or _institution(s, word.start(1), m.start(), pats) is None


def _verb_anchors(
    s: str, figures: list[tuple[int, int]], lex: Lexicon, pats: _Patterns, out: list[_Anchor]
) -> None:
    """A verb of saying ("a déclaré", "said") with its speaker before or after it; added to ``out``."""
    for m in pats.after.finditer(s):
        if any(a.start <= m.start() < a.end for a in out) or _participle(s, m, pats):
            continue
        inverted = s[: m.start()].rstrip().endswith((",", "،"))  # "…, ha detto Mark Zuckerberg"
        if inverted:
            got = _names_at(s, m.end(), _limit(figures, s, m.end()), lex)
            if got:
                out.append(_Anchor(m.start(), got[1], got[0], "back"))
                continue
        before = _names_before(s, m.start(), lex, within_clause=True)
        if before:
            aside = (
                not s[m.end() :].strip()
                or _CLAUSE.match(s[m.end() :].lstrip())
                or s[m.end() :].lstrip()[:1] in ".!?"
            )
            alone = all(
                fold(w) in pats.skip
                for w in _WORD.findall(_strip_names(s, _clause_start(s, m.start()), m.start(), before))
            )
            # "…, police said, while …": an aside about the figures before it
            out.append(_Anchor(m.start(), m.end(), before, "back" if aside and alone else "forward"))
            continue
        # "قالت الشرطة إن …": the speaker follows
        got = _names_at(s, m.end(), _limit(figures, s, m.end()), lex)
        if got:
            out.append(_Anchor(m.start(), got[1], got[0], "forward"))
            continue
        before = _names_before(s, m.start(), lex)  # "Elon Musk, the CEO, said"
        if before and not _figure_between(s, before[0], m.start(), figures):
            out.append(_Anchor(m.start(), m.end(), before, "forward"))


def _figure_between(s: str, name: str, verb: int, figures: list[tuple[int, int]]) -> bool:
    """Whether figures stand between the last ``name`` before offset ``verb`` and the verb, and none after
    it: the name is then in their clause, and the verb's speaker, unnamed, is said after them ("Floods in
    Mokwa have killed 120 people, the agency said"; but "La Stampa, one of Italy's largest dailies,
    estimated the protesters at one million": La Stampa's)."""
    at = s.rfind(name, 0, verb)
    return (
        at >= 0
        and any(at < begin < verb for begin, _ in figures)
        and all(begin < verb for begin, _ in figures)
    )


def _bracket_anchors(s: str, figures: list[tuple[int, int]], lex: Lexicon, out: list[_Anchor]) -> None:
    """ "12 000 (police)": a claimant alone in brackets right after a figure (at most AFTER_FIGURE_WORDS
    words between: not the acronym of "6.2% of gross domestic product (GDP)"); added to ``out``."""
    for m in re.finditer(r"\(([^()]*)\)", s):
        inner = m.group(1)
        if any(ch.isdigit() for ch in inner) or any(a.start >= m.start() and a.end <= m.end() for a in out):
            continue
        ends = [e for _, e in figures if e <= m.start()]
        if not ends or len(_WORD.findall(s, max(ends), m.start())) > AFTER_FIGURE_WORDS:
            continue
        if any(
            m.start() < a < m.end() for a, _ in figures
        ):  # "(ملياري دولار)": an amount restated, no claimant
            continue
        got = _names_at(s, m.start(1), m.end(1), lex)
        if got and not s[got[1] : m.end(1)].strip():
            out.append(_Anchor(m.start(), m.end(), got[0], "back"))


def _ellipsis_anchors(
    s: str, figures: list[tuple[int, int]], lex: Lexicon, pats: _Patterns, out: list[_Anchor]
) -> None:
    """ "X parle de A, Y de B": a claimant after a comma, its verb understood; added to ``out``."""
    for (_, e), (a, _) in itertools.pairwise(figures):  # "X parle de A, Y de B"
        gap = s[e:a]
        comma = max(gap.rfind(","), gap.rfind("،"), gap.rfind(";"))
        if comma < 0:
            continue
        at = e + comma + 1
        m = next(
            (x for x in pats.ellipsis.finditer(s, at, a) if not s[x.end() : a].strip()), None
        )  # the word right before the figure
        stop = m.start() if m is not None else a
        pos = at
        first = _WORD.search(s, at, stop)
        if first and fold(first.group()) in pats.conjunctions:
            pos = first.end()
        got = _names_at(s, pos, stop, lex)
        if (
            got
            and not s[got[1] : stop].strip()
            and (m is not None or _institution_named(s, pos, got[1], lex))
        ):  # "…, les organisateurs de 40 000"; with no word between, an institution only: "…, gli organizzatori 40.000"
            out.append(_Anchor(at, m.end() if m is not None else got[1], got[0], "forward"))


def _between(
    figures: list[tuple[int, int]], starts: list[int], ends: list[int] | None, lo: int, hi: int
) -> list[int]:
    """The figures (in text order) that lie between offsets ``lo`` and ``hi``: by bisection when
    their ``ends`` are in order too (None when one holds another), so a sentence of many figures and
    claimants is not scanned once per claimant."""
    if ends is not None:
        return list(range(bisect_left(starts, lo), bisect_right(ends, hi)))
    return [k for k, (a, e) in enumerate(figures) if lo <= a and e <= hi]


_NOBODY = Said()  # the claimant of every figure of a sentence that names none (a frozen value: one for all)


def claimants(sentence: str, figures: list[tuple[int, int]], lex: Lexicon) -> list[Said]:
    """Who makes the claim of each figure (its (start, end) in ``sentence``, in text order):
    a "selon X" after a figure in its clause, a bracket after it, or a "…, a déclaré X" after the
    figures claims those before it; a verb of saying after its speaker ("X parle de A, Y de B"), or
    a "selon X" opening a clause, claims the figures after it. A figure no phrase claims takes the
    sentence's one claimant; with several, or a claim by two joined claimants, it is unsure."""
    anchors = _anchors(sentence, figures, lex)
    if not any(x.names for x in anchors):
        return [_NOBODY] * len(figures)
    owner: list[_Anchor | None] = [None] * len(figures)
    previous_end = 0
    starts, ends = [a for a, _ in figures], [e for _, e in figures]
    ordered = ends if all(a <= b for a, b in itertools.pairwise(ends)) else None
    for n, anchor in enumerate(anchors):
        nxt = anchors[n + 1].start if n + 1 < len(anchors) else len(sentence)
        clause = _clause_start(sentence, anchor.start)
        before = _between(figures, starts, ordered, previous_end, anchor.start)
        in_clause = [k for k in before if figures[k][0] >= clause]
        direction = anchor.direction
        if direction == "place":
            aside = not sentence[clause : anchor.start].strip() and _CLAUSE.match(
                sentence[anchor.end :].lstrip() or "."
            )
            unclaimed = [k for k in before if owner[k] is None]
            direction = "back" if in_clause or (aside and unclaimed and clause > 0) else "forward"
        if direction == "back":
            claimed = [k for k in (in_clause or before) if owner[k] is None]
            if in_clause and owner[in_clause[-1]] is not None:  # the figure right before it is its own
                claimed.append(in_clause[-1])
            for k in claimed:
                owner[k] = anchor
        else:
            for k in range(bisect_left(starts, anchor.end), bisect_left(starts, nxt)):  # starting in between
                if owner[k] is None:
                    owner[k] = anchor
        previous_end = anchor.end
    everyone = tuple(dict.fromkeys(name for x in anchors for name in x.names))
    out = []
    for k in range(len(figures)):
        x = owner[k]
        if x is not None and len(x.names) == 1:
            out.append(Said(x.names[0]))
        elif x is not None:
            out.append(Said(None, x.names if len(x.names) > 1 else ()))
        elif len(everyone) == 1 and all(len(a.names) == 1 for a in anchors):
            out.append(Said(everyone[0]))
        else:
            out.append(Said(None, everyone if len(everyone) > 1 else ()))
    return out
