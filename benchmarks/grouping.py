"""Grouping and conflicts on the development corpus of real news (benchmarks/data/devcorpus/), against its gold.yaml.

Runs ``factcheck.check`` on each story folder (one story a run, as a desk would) and prints, per story
and overall:

- figures read: the annotated figures that some assertion reads (same article, the quote within the
  assertion's sentence, the assertion's number within the quote, the value equal or within its interval);
- grouping precision and recall over PAIRS of figures in different articles: a pair is grouped when
  the library pairs the two assertions as the same thing at the same moment (``factcheck.group.pairs``:
  same entity and metric, comparable units, ``same`` time) and its rules compare them as such (not two
  values an article gives together as two things: ``factcheck.engine.compared``); a gold pair is two
  figures of one key;
  precision counts only grouped pairs whose two assertions read annotated figures;
- conflicts reported: recall (a gold conflict is found when one reported conflict holds figures of two
  of its sides) and precision (a reported conflict counts only when both its sides read annotated
  figures; the others are counted as unannotated), and the look-alike pairs wrongly reported.

Usage: python benchmarks/grouping.py [--corpus FOLDER] [--story NAME ...] (the corpus defaults to
the development corpus; ``--corpus benchmarks/data/heldout`` measures the held-out one, in the same
format). The last line is ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

DEVCORPUS = Path(__file__).resolve().parent / "data" / "devcorpus"
GOLD = DEVCORPUS / "gold.yaml"
LANGS = ("it", "fr", "ar", "en")


def norm(text: object) -> str:
    """Text compared case-, space- and apostrophe-blind (as tests/test_gold.py compares quotes)."""
    return " ".join(str(text).replace("’", "'").replace("\u00a0", " ").split()).casefold()


@dataclass(frozen=True)
class Figure:
    story: str
    doc: str
    key: str
    value: float
    quote: str
    qualifier: str | None = None
    attribution: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Conflict:
    id: str
    key: str
    sides: tuple[tuple[int, ...], ...]  # figure indexes per side
    kind: str = "disagreement"


@dataclass(frozen=True)
class Story:
    name: str
    things: dict
    figures: tuple[Figure, ...]
    conflicts: tuple[Conflict, ...]
    lookalikes: tuple[tuple[str, tuple[tuple[int, ...], ...]], ...]  # id, figure indexes per reference
    problems: tuple[str, ...] = field(default=())


def _refs(story: str, figures: list[Figure], ref: str, by: str) -> tuple[int, ...]:
    """The figures a reference names: "file:value" (by value, within a conflict's key) or "file:key"
    ("*:key" for all the figures of a key)."""
    doc, _, what = ref.partition(":")
    if by == "key":  # "*:key": every figure of the key
        return tuple(n for n, f in enumerate(figures) if doc in ("*", f.doc) and f.key == what)
    try:
        number = float(what)
    except ValueError:
        return ()
    return tuple(
        n for n, f in enumerate(figures) if f.doc == doc and math.isclose(f.value, number, rel_tol=1e-9)
    )


def load_gold(path: Path = GOLD) -> dict[str, Story]:
    """The stories of gold.yaml, with what is wrong in them (unknown keys, references to no figure)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    stories = {}
    for name, entry in (data.get("stories") or {}).items():
        problems: list[str] = []
        things = entry.get("things") or {}
        figures = []
        for doc, items in (entry.get("figures") or {}).items():
            for item in items or []:
                if item.get("key") not in things:
                    problems.append(f"{name}/{doc}: key {item.get('key')!r} is not under things")
                figures.append(
                    Figure(
                        name,
                        str(doc),
                        str(item.get("key")),
                        float(item["value"]),
                        str(item["quote"]),
                        item.get("qualifier"),
                        item.get("attribution"),
                        item.get("unit"),
                    )
                )
        conflicts = []
        for c in entry.get("conflicts") or []:
            sides = []
            for side in c["sides"]:
                found = []
                for ref in side:
                    hits = [n for n in _refs(name, figures, ref, "value") if figures[n].key == c["key"]]
                    if not hits:
                        problems.append(f"{name}: conflict {c['id']}: {ref} is no figure of key {c['key']}")
                    found.extend(hits)
                sides.append(tuple(found))
            conflicts.append(Conflict(c["id"], c["key"], tuple(sides), c.get("kind", "disagreement")))
        lookalikes = []
        for look in entry.get("lookalikes") or []:
            refs = []
            for ref in look["figures"]:
                hits = _refs(name, figures, ref, "key")
                if not hits:
                    problems.append(f"{name}: look-alike {look['id']}: {ref} names no figure")
                refs.append(hits)
            lookalikes.append((look["id"], tuple(refs)))
        stories[name] = Story(
            name, things, tuple(figures), tuple(conflicts), tuple(lookalikes), tuple(problems)
        )
    return stories


def read_manifest(folder: Path) -> list[dict]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def corpus_problems(corpus: Path = DEVCORPUS, gold: dict[str, Story] | None = None) -> list[str]:
    """What makes the corpus ill-formed: a manifest file missing, a story in fewer than three languages,
    a gold story with no folder, an annotated quote not in its file, a gold reference to nothing."""
    gold = load_gold(corpus / "gold.yaml") if gold is None else gold
    problems = []
    folders = sorted(p for p in corpus.iterdir() if (p / "manifest.csv").exists())
    for folder in folders:
        rows = read_manifest(folder)
        langs = set()
        for row in rows:
            if not (folder / row["file"]).exists():
                problems.append(f"{folder.name}: {row['file']} is in the manifest but not in the folder")
            if row["lang"] not in LANGS:
                problems.append(f"{folder.name}: {row['file']} has language {row['lang']!r}")
            if not row.get("url", "").startswith("http"):
                problems.append(f"{folder.name}: {row['file']} has no address (url)")
            langs.add(row["lang"])
        listed = {row["file"] for row in rows}
        problems += [
            f"{folder.name}: {p.name} is not in the manifest"
            for p in folder.glob("*.txt")
            if p.name not in listed
        ]
        if len(langs) < 3:
            problems.append(f"{folder.name}: only {len(langs)} languages ({', '.join(sorted(langs))})")
    for name, story in gold.items():
        problems += list(story.problems)
        folder = corpus / name
        if not folder.is_dir():
            problems.append(f"gold story {name} has no folder")
            continue
        texts = {p.stem: norm(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt")}
        for f in story.figures:
            if f.doc not in texts:
                problems.append(f"{name}: figure in {f.doc}, which is no file of the story")
            elif norm(f.quote) not in texts[f.doc]:
                problems.append(f"{name}/{f.doc}: quote {f.quote!r} is not in the file")
    return problems


def gold_value(f: Figure) -> float:
    """The figure's value in the unit factcheck reads its kind in (hours, km, km²), where the gold gives
    another one pint knows ("5 minutes", "625 ft", "7 ha"); percents and currencies as written."""
    if not f.unit or f.unit.isupper() or f.unit in ("%", "percent", "percentage points", "basis points"):
        return f.value
    from factcheck.quantities.units import canonical

    try:
        return f.value * canonical(re.sub(r"(?<=[a-z])([23])$", r"**\1", f.unit))[1]
    except Exception:  # a unit pint does not know: as written
        return f.value


def match_figures(figures: tuple[Figure, ...], assertions: pd.DataFrame) -> list[str | None]:
    """Per figure, the assertion that reads it (or None): same article, the quote within its sentence,
    its number written within the quote, its value equal to the figure's or an interval holding it."""
    by_doc = {doc: rows for doc, rows in assertions.groupby("doc_id", sort=False)}
    out: list[str | None] = []
    for f in figures:
        rows = by_doc.get(f.doc)
        best = None
        target = gold_value(f)
        if rows is not None:
            quote = norm(f.quote)
            for r in rows.itertuples(index=False):
                if r.value is None or (isinstance(r.value, float) and math.isnan(r.value)):
                    continue
                if quote not in norm(r.sentence) or norm(r.number_text) not in quote:
                    continue
                lower = -math.inf if pd.isna(r.lower) else r.lower
                upper = math.inf if pd.isna(r.upper) else r.upper
                if target > 0 > r.value and r.kind == "percent":  # a fall the gold writes positive
                    lower, upper = -upper, -lower
                value = abs(r.value) if r.kind == "percent" and target > 0 else r.value
                exact = math.isclose(value, target, rel_tol=1e-6)
                if not (exact or lower <= target <= upper):
                    continue
                gap = abs(value - target)
                if best is None or gap < best[0]:
                    best = (gap, r.assertion_id)
        out.append(best[1] if best else None)
    return out


@cache
def _default_rules() -> list:
    """The bundled rules, read once per process (every story's pairs are compared by them)."""
    from factcheck.engine import load_rules
    from factcheck.settings import default_rules_dir

    return load_rules(default_rules_dir())


def grouped_pairs(assertions: pd.DataFrame) -> set[frozenset]:
    """The pairs of assertions the library compares as the same thing at the same moment
    (``factcheck.group.pairs`` with ``same`` set, that the default rules compare: ``factcheck.engine.compared``).
    The pair generator skips two figures that say
    exactly the same (they cannot disagree); so that it lists those too, a second pass gives each
    value a distinct placeholder (each near 1, so that no two look too far apart to be one thing's),
    after fixing what depends on the values (the time an undated
    figure is placed at, from the real values; no running-total updates, which only differing values
    make), and adds the pairs of that pass whose real values are the same."""
    from factcheck.engine import compared
    from factcheck.group import comparison_basis, pairs

    if assertions.empty:
        return set()

    def same_pairs(table: pd.DataFrame, rules: list | None = None) -> set[frozenset]:
        p = pairs(table)
        ids = p.rows["assertion_id"].to_numpy()[p.perm]
        same = p.same if rules is None else compared(p, rules)
        return {frozenset((ids[i], ids[j])) for i, j in zip(p.i[same], p.j[same], strict=True)}

    found = same_pairs(assertions, _default_rules())  # one value each: none given together
    ok, start, end = comparison_basis(assertions)
    a = assertions.copy()
    a["period_start"], a["period_end"] = start.where(ok), end.where(ok)
    a["cumulative"] = False
    has = a["value"].notna()
    # distinct, and all within a tenth of one another: never too far apart to be one thing's
    placeholder = 1.0 + np.arange(len(a), dtype=float) / (10 * max(len(a), 1))
    for column in ("value", "lower", "upper"):
        a[column] = np.where(has, placeholder, np.nan)
    said = dict(
        zip(
            assertions["assertion_id"],
            zip(assertions["value"], assertions["lower"], assertions["upper"], strict=True),
            strict=True,
        )
    )

    def alike(x: str, y: str) -> bool:
        return all(u == v or (pd.isna(u) and pd.isna(v)) for u, v in zip(said[x], said[y], strict=True))

    return found | {pair for pair in same_pairs(a) if alike(*tuple(pair))}


def ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 4) if total else None


def score_story(story: Story, result) -> dict:
    """The counts of one story's run against its gold."""
    figures = story.figures
    matched = match_figures(figures, result.assertions)
    fig_of: dict[str, list[int]] = {}
    for n, aid in enumerate(matched):
        if aid is not None:
            fig_of.setdefault(aid, []).append(n)
    doc_of = dict(zip(result.assertions["assertion_id"], result.assertions["doc_id"], strict=True))
    grouped = grouped_pairs(result.assertions)

    gold_pairs = [
        (m, n)
        for m, n in combinations(range(len(figures)), 2)
        if figures[m].key == figures[n].key and figures[m].doc != figures[n].doc
    ]
    found = sum(
        1
        for m, n in gold_pairs
        if matched[m]
        and matched[n]
        and matched[m] != matched[n]
        and frozenset((matched[m], matched[n])) in grouped
    )
    annotated_grouped = right_grouped = unannotated_grouped = 0
    for pair in grouped:
        x, y = tuple(pair)
        if doc_of.get(x) == doc_of.get(y):
            continue
        if x in fig_of and y in fig_of:
            annotated_grouped += 1
            keys_x = {figures[n].key for n in fig_of[x]}
            right_grouped += bool(keys_x & {figures[n].key for n in fig_of[y]})
        else:
            unannotated_grouped += 1

    side_of: dict[int, set[tuple[int, int]]] = {}
    for c_n, c in enumerate(story.conflicts):
        for s_n, side in enumerate(c.sides):
            for n in side:
                side_of.setdefault(n, set()).add((c_n, s_n))
    look_pairs = set()
    for _, refs in story.lookalikes:
        for r1, r2 in combinations(refs, 2):
            look_pairs |= {frozenset((m, n)) for m in r1 for n in r2 if m != n}

    look_grouped = sum(
        1
        for pair in look_pairs
        if all(matched[n] for n in pair) and frozenset(matched[n] for n in pair) in grouped
    )
    conflicts_found: set[int] = set()
    right = wrong = unannotated = lookalike_reported = 0
    for row in result.conflicts.itertuples(index=False):
        ids = [row.a_assertion_id, row.b_assertion_id, *str(row.other_assertion_ids or "").split()]
        sides = [{(c, s) for n in fig_of.get(i, []) for (c, s) in side_of.get(n, set())} for i in ids]
        for x, y in combinations(range(len(ids)), 2):
            for c, s in sides[x]:
                if any(c2 == c and s2 != s for c2, s2 in sides[y]):
                    conflicts_found.add(c)
        a_figs, b_figs = fig_of.get(row.a_assertion_id), fig_of.get(row.b_assertion_id)
        if not a_figs or not b_figs:
            unannotated += 1
            continue
        if any(c2 == c and s2 != s for c, s in sides[0] for c2, s2 in sides[1]):
            right += 1
        else:
            wrong += 1
        lookalike_reported += any(frozenset((m, n)) in look_pairs for m in a_figs for n in b_figs)
    return {
        "articles": len({f.doc for f in figures}),
        "figures": len(figures),
        "figures_read": sum(m is not None for m in matched),
        "pairs": len(gold_pairs),
        "pairs_grouped": found,
        "grouped_annotated": annotated_grouped,
        "grouped_right": right_grouped,
        "grouped_unannotated": unannotated_grouped,
        "conflicts": len(story.conflicts),
        "conflicts_found": len(conflicts_found),
        "reported": len(result.conflicts),
        "reported_right": right,
        "reported_wrong": wrong,
        "reported_unannotated": unannotated,
        "lookalikes": len(story.lookalikes),
        "lookalikes_reported": lookalike_reported,
        "lookalike_pairs": len(look_pairs),
        "lookalike_pairs_grouped": look_grouped,
    }


def rates(c: dict) -> dict:
    """The ratios of a story's (or the total's) counts."""
    return {
        "figures_read": ratio(c["figures_read"], c["figures"]),
        "grouping_precision": ratio(c["grouped_right"], c["grouped_annotated"]),
        "grouping_recall": ratio(c["pairs_grouped"], c["pairs"]),
        "conflict_recall": ratio(c["conflicts_found"], c["conflicts"]),
        "conflict_precision": ratio(c["reported_right"], c["reported_right"] + c["reported_wrong"]),
    }


def check_stories(names: list[str], corpus: Path = DEVCORPUS) -> dict:
    """One factcheck run per story folder, by story name."""
    import factcheck

    return {name: factcheck.check([corpus / name]) for name in names}


def run(stories: list[str] | None = None, corpus: Path = DEVCORPUS, results: dict | None = None) -> dict:
    """Check each story with factcheck (or take its run from ``results``) and score it; the counts
    and ratios per story and in total."""
    gold = load_gold(corpus / "gold.yaml")
    names = stories or list(gold)
    results = results if results is not None else check_stories(names, corpus)
    per_story = {name: score_story(gold[name], results[name]) for name in names}
    total = Counter()
    for counts in per_story.values():
        total.update(counts)
    return {
        "stories": {n: {**c, **rates(c)} for n, c in per_story.items()},
        "total": {**dict(total), **rates(total)},
    }


def _show(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", action="append", help="only this story (repeatable)")
    parser.add_argument(
        "--corpus", type=Path, default=DEVCORPUS, help="corpus folder with gold.yaml (default: devcorpus)"
    )
    args = parser.parse_args(argv)
    problems = corpus_problems(args.corpus)
    if problems:
        print("the corpus is ill-formed:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    out = run(args.story, args.corpus)
    header = f"{'story':28} {'figs':>5} {'read':>5} {'pairs':>5} {'g.prec':>6} {'g.rec':>6} {'confl':>5} {'c.rec':>6} {'c.prec':>6} {'unann':>5} {'looks':>5} {'l.grp':>5}"
    print(header)
    for name, s in [*out["stories"].items(), ("TOTAL", out["total"])]:
        print(
            f"{name:28} {s['figures']:5d} {_show(s['figures_read'])} {s['pairs']:5d} "
            f"{_show(s['grouping_precision']):>6} {_show(s['grouping_recall']):>6} {s['conflicts']:5d} "
            f"{_show(s['conflict_recall']):>6} {_show(s['conflict_precision']):>6} "
            f"{s['reported_unannotated']:5d} {s['lookalikes_reported']:5d} {s['lookalike_pairs_grouped']:5d}"
        )
    print(
        "figs: annotated figures; read: share some assertion reads; pairs: same-thing pairs across articles; "
        "g.prec/g.rec: grouping precision/recall over pairs; confl: annotated conflicts; c.rec/c.prec: conflicts "
        "reported, recall/precision; unann: reported conflicts with a side not annotated; looks: reported "
        "conflicts that pair look-alikes; l.grp: look-alike pairs grouped as one thing"
    )
    print(
        "RESULT "
        + json.dumps({k: out["total"][k] for k in (*rates(out["total"]), "figures", "pairs", "conflicts")})
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
