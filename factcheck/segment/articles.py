"""Articles in a file: cut at repeated title lines and end-of-article markers; drop navigation and banners.

Dropped lines are blanked (replaced by spaces), so offsets into an article's text are offsets into the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from factcheck.quantities.lexicon import Lexicon, alternation, fold
from factcheck.segment.repeats import alnum_key

MIN_ARTICLE_CHARS = 150  # fewer letters than this is a fragment (a page title, a widget), not an article
NAV_MIN_LINES = 6  # a block of at least this many lines ...
NAV_SHORT = 160  # ... most of them shorter than this ...
NAV_SHARE = 0.7  # ... and this share not ending like a sentence, is site navigation
TITLE_MAX = 200
_SENTENCE_END = tuple(".!?…:;")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, eq=False)
class Boilerplate:
    """The boilerplate phrases of every language at once: site junk is often in another language."""

    starts: re.Pattern[str] | None
    contains: re.Pattern[str] | None
    end_markers: frozenset[str]


@lru_cache(maxsize=8)
def _boilerplate(lexicons: tuple[Lexicon, ...]) -> Boilerplate:
    starts, contains, ends = [], [], set()
    for lex in lexicons:
        bp = lex.data.boilerplate
        starts += bp.line_starts
        contains += bp.line_contains
        ends |= {fold(m) for m in bp.end_markers}
    s = alternation(starts)
    return Boilerplate(
        starts=re.compile(rf"^\s*(?:{s.pattern})", re.IGNORECASE) if s else None,
        contains=alternation(contains),  # on word boundaries: "Toll House cookies" says no "use cookies"
        end_markers=frozenset(ends),
    )


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _navigation(lines: list[_Line]) -> set[int]:
    """Indexes of the short lines of blocks that look like site navigation (menus, lists of headlines); a
    paragraph of prose among them is kept."""
    dropped: set[int] = set()
    i = 0
    while i < len(lines):
        if lines[i].blank:
            i += 1
            continue
        j = i
        while j < len(lines) and not lines[j].blank:
            j += 1
        block = lines[i:j]
        if len(block) >= NAV_MIN_LINES:
            short = sum(len(ln.text.strip()) < NAV_SHORT for ln in block)
            open_ended = sum(not ln.text.rstrip().endswith(_SENTENCE_END) for ln in block)
            if (
                short >= NAV_SHARE * len(block)
                and open_ended >= NAV_SHARE * len(block)
                and not _wrapped(block)
                and not _tabulated(block)
            ):
                joined = _run_on(block)
                dropped.update(k for k in range(i, j) if _menu_item(lines[k].text) and k - i not in joined)
        i = j
    return dropped


_ENDS_WITH_FIGURE = re.compile(
    r"\d[\d.,\u00a0 ]*\s*%?\s*\)?\s*$"
)  # "Labour: 410", "Turnout: 59.7%", "9 sièges (+1)"
_TABLE_ROW = re.compile(r"^\s*\|.*\d.*\|\s*$")  # "| Revenue | $25.1B | $25.4B |": a row of a table in text
_SENTENCE = re.compile(r"(?:\S+\s+){4,}\S*[.!?…][\"'”»)]?\s*$")  # five words or more ending like a sentence


def _menu_item(line: str) -> bool:
    """Whether a line of a block that looks like navigation is one of its items: short, and no row of
    figures nor a sentence (a paragraph of prose, a table's row or a sentence among menus is kept)."""
    return len(line.strip()) < NAV_SHORT and not (
        _ENDS_WITH_FIGURE.search(line) or _TABLE_ROW.match(line) or _SENTENCE.search(line)
    )


_GOES_ON = tuple(",.;:)»”")  # ", ora attese", ". La società"


def _run_on(block: list[_Line]) -> set[int]:
    """Positions in ``block`` of the lines of a sentence broken by hard line breaks (a page's links
    copied onto lines of their own: "i ricavi / sono saliti del 26%", "da 15,93 miliardi / . La
    società"): a line that does not end like a sentence and the next, which goes on in lower case or
    after a comma or a stop. A menu's items each start anew."""
    joined: set[int] = set()
    for n, (a, b) in enumerate(pairwise(block)):
        if _runs_on(a, b, _GOES_ON):
            joined.update((n, n + 1))
    return joined


def _runs_on(a: _Line, b: _Line, marks: tuple[str, ...] = ()) -> bool:
    """Whether line ``a`` runs on into line ``b``: it does not end like a sentence, and ``b`` goes on in
    lower case (or after one of ``marks``)."""
    goes_on = b.text.lstrip()[:1]
    return not a.text.rstrip().endswith(_SENTENCE_END) and (goes_on.islower() or goes_on in marks)


def _tabulated(block: list[_Line]) -> bool:
    """Whether a block of short lines is no menu: most of its lines are no menu items (rows of figures of
    an election's results, "Labour: 410", rows between bars; sentences)."""
    return sum(not _menu_item(ln.text) for ln in block) >= NAV_SHARE * len(block)


def _wrapped(block: list[_Line]) -> bool:
    """Whether a block of short lines is prose with hard line breaks (wire copy, a mail): most lines
    run on into a next line that starts in lower case ("la$ / banca centrale"), where a menu's items
    each start anew."""
    runs_on = sum(_runs_on(a, b) for a, b in pairwise(block))
    return runs_on >= (len(block) - 1) / 2


_ENOUGH_ALNUM = re.compile(
    rf"(?:[\W_]*[^\W_]){{{MIN_ARTICLE_CHARS}}}"
)  # a text of that many letters and digits


def _same_title(a: str, b: str) -> bool:
    if len(a.strip()) > TITLE_MAX or len(b.strip()) > TITLE_MAX:  # the cheap test first
        return False
    ka, kb = alnum_key(a), alnum_key(b)
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return short == long_ or (short in long_ and len(short) >= 0.6 * len(long_))


def split_articles(text: str, lexicons: Iterable[Lexicon]) -> list[tuple[int, int, str]]:
    """(start, end, article text) for each article in ``text``; boilerplate lines blanked out."""
    bp = _boilerplate(tuple(lexicons))
    lines = _lines(text)
    drop = _navigation(lines)
    content = [i for i, ln in enumerate(lines) if not ln.blank and i not in drop]
    starts: set[int] = set()
    ends: set[int] = set()
    for n, i in enumerate(content):
        line = lines[i].text
        if fold(line) in bp.end_markers:
            drop.add(i)
            ends.add(i)
        elif (bp.starts and bp.starts.search(line)) or (bp.contains and bp.contains.search(line)):
            drop.add(i)
        elif n + 1 < len(content) and _same_title(line, lines[content[n + 1]].text):
            starts.add(i)
    pieces: list[list[int]] = [[]]
    for i in range(len(lines)):
        if i in starts or (i in ends and pieces[-1]):
            pieces.append([])
        if i not in ends:
            pieces[-1].append(i)
    bodies = []
    for piece in pieces:
        keep = [i for i in piece if i not in drop and not lines[i].blank]
        if not keep:
            continue
        first, last = lines[keep[0]], lines[keep[-1]]
        body, at = [], first.start  # the text from the first line kept to the last, dropped lines blanked
        for i in piece:
            if i in drop and first.start <= lines[i].start <= last.end:
                body += [text[at : lines[i].start], " " * (lines[i].end - lines[i].start)]
                at = lines[i].end
        bodies.append((first.start, last.end, "".join(body) + text[at : last.end]))
    # fragments (a page title, a widget) are dropped, unless the file holds nothing longer
    long_enough = [b for b in bodies if _ENOUGH_ALNUM.match(b[2])]
    return long_enough or bodies
