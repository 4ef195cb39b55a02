"""The development corpus of real news is well-formed, and grouping and conflicts on it never fall below their floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import HELDOUTS, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import grouping
finally:
    sys.path.remove(str(ROOT / "benchmarks"))

FLOORS = yaml.safe_load((Path(__file__).parent / "devcorpus_floors.yaml").read_text(encoding="utf-8"))
GOLD = grouping.load_gold()
STORIES = sorted(p.name for p in grouping.DEVCORPUS.iterdir() if (p / "manifest.csv").exists())
# The corpora of real news, the development one and the held-out ones (tests/test_heldout.py), are
# checked alike: (folder, gold, whether it is the development corpus).
CORPORA = {"devcorpus": (grouping.DEVCORPUS, GOLD, True)} | {
    folder.name: (folder, grouping.load_gold(folder / "gold.yaml"), False) for folder in HELDOUTS
}
STORIES_OF = [
    (name, p.name)
    for name, (folder, _, _) in CORPORA.items()
    for p in sorted(folder.iterdir())
    if (p / "manifest.csv").exists()
]


@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_is_well_formed(corpus):
    """Every manifest file exists and has an address, every story has three languages, every annotated
    quote is in its file, every conflict and look-alike names annotated figures."""
    folder, gold, _ = CORPORA[corpus]
    assert grouping.corpus_problems(folder, gold=gold) == []


def test_at_least_six_stories_all_annotated():
    assert len(STORIES) >= 6
    assert sorted(GOLD) == STORIES


@pytest.mark.parametrize("corpus, story", STORIES_OF)
def test_story_has_three_languages_and_annotations(corpus, story):
    folder, gold, development = CORPORA[corpus]
    langs = {row["lang"] for row in grouping.read_manifest(folder / story)}
    assert len(langs) >= 3, langs
    gold = gold[story]
    assert len({f.doc.split("_")[1] for f in gold.figures}) >= 3
    if development:
        assert len(gold.figures) >= 20
    pairs = [(a, b) for a in gold.figures for b in gold.figures if a.key == b.key and a.doc < b.doc]
    assert pairs, "no figure is measured by two articles"


@pytest.mark.parametrize("corpus", CORPORA)
def test_conflict_sides_disagree(corpus):
    """A gold conflict's sides hold different values of one key, from at least two articles."""
    for story in CORPORA[corpus][1].values():
        for c in story.conflicts:
            values = [{story.figures[n].value for n in side} for side in c.sides]
            docs = {story.figures[n].doc for side in c.sides for n in side}
            assert len(c.sides) >= 2 and all(values), c.id
            assert len(docs) >= 2, c.id
            assert all(not (x & y) for i, x in enumerate(values) for y in values[i + 1 :]), c.id


@pytest.fixture(scope="module")
def runs():
    """One factcheck run per story, shared by the tests below."""
    return grouping.check_stories(STORIES)


def test_scorer_credits_an_oracle(runs):
    """The scorer itself: a run whose assertions carry the gold's own keys as metrics, all on one day,
    groups every pair of read figures and nothing else (so a grouping score of 0 is the code's, not the
    benchmark's)."""
    story = GOLD["lampedusa-arrivals-2023"]
    result = runs[story.name]
    a = result.assertions.copy()
    matched = grouping.match_figures(story.figures, a)
    key_of = {aid: story.figures[n].key for n, aid in enumerate(matched) if aid}
    a["entity"] = a["assertion_id"].map(lambda i: "story" if i in key_of else None)
    a["metric"] = a["assertion_id"].map(lambda i: key_of.get(i, "unmapped"))
    a["period_start"] = a["period_end"] = pd.Timestamp("2023-09-13")
    a["metric_kind"], a["window_days"], a["unit"] = "stock", 1, None
    a["is_repeat"], a["role"], a["link_id"] = False, None, None
    a["scope"], a["cumulative"] = None, False
    oracle = type("Run", (), {"assertions": a, "conflicts": result.conflicts.iloc[0:0]})()
    counts = grouping.score_story(story, oracle)
    read_pairs = sum(
        1
        for m, x in enumerate(story.figures)
        for n, y in enumerate(story.figures)
        if m < n
        and x.key == y.key
        and x.doc != y.doc
        and matched[m]
        and matched[n]
        and matched[m] != matched[n]
    )
    assert counts["pairs_grouped"] == read_pairs > 0
    assert counts["grouped_right"] == counts["grouped_annotated"] > 0


@pytest.fixture(scope="module")
def scores(runs):
    return grouping.run(STORIES, results=runs)


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_floor(scores, measure):
    """A score below its floor in tests/devcorpus_floors.yaml fails; raise a floor when a change lifts it."""
    floor, value = FLOORS[measure], scores["total"][measure]
    if floor is None:
        return
    assert value is not None and value >= floor, f"{measure}: {value} < floor {floor}"
