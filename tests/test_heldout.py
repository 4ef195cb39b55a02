"""The held-out corpus of real news (benchmarks/data/heldout/) is well-formed; it has no floors."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import grouping
finally:
    sys.path.remove(str(ROOT / "benchmarks"))

HELDOUT = ROOT / "benchmarks" / "data" / "heldout"
GOLD = grouping.load_gold(HELDOUT / "gold.yaml")
STORIES = sorted(p.name for p in HELDOUT.iterdir() if (p / "manifest.csv").exists())


def test_corpus_is_well_formed():
    """Every manifest file exists and has an address, every story has three languages, every annotated
    quote is in its file, every conflict and look-alike names annotated figures."""
    assert grouping.corpus_problems(HELDOUT, gold=GOLD) == []


def test_stories_all_annotated_and_apart_from_the_devcorpus():
    assert STORIES and sorted(GOLD) == STORIES
    assert not set(STORIES) & {p.name for p in grouping.DEVCORPUS.iterdir()}


@pytest.mark.parametrize("story", STORIES)
def test_story_has_three_languages_and_annotations(story):
    langs = {row["lang"] for row in grouping.read_manifest(HELDOUT / story)}
    assert len(langs) >= 3, langs
    gold = GOLD[story]
    assert len({f.doc.split("_")[1] for f in gold.figures}) >= 3
    pairs = [(a, b) for a in gold.figures for b in gold.figures if a.key == b.key and a.doc < b.doc]
    assert pairs, "no figure is measured by two articles"


def test_conflict_sides_disagree():
    """A gold conflict's sides hold different values of one key, from at least two articles."""
    for story in GOLD.values():
        for c in story.conflicts:
            values = [{story.figures[n].value for n in side} for side in c.sides]
            docs = {story.figures[n].doc for side in c.sides for n in side}
            assert len(c.sides) >= 2 and all(values), c.id
            assert len(docs) >= 2, c.id
            assert all(not (x & y) for i, x in enumerate(values) for y in values[i + 1 :]), c.id


def test_corpus_option_checks_the_named_corpus(tmp_path, capsys):
    """``grouping.py --corpus`` checks the named corpus, not the development one: a copy of the
    held-out corpus with a file missing is refused before any run."""
    story = STORIES[0]
    shutil.copy(HELDOUT / "gold.yaml", tmp_path / "gold.yaml")
    shutil.copytree(HELDOUT / story, tmp_path / story)
    missing = grouping.read_manifest(tmp_path / story)[0]["file"]
    (tmp_path / story / missing).unlink()
    assert grouping.main(["--corpus", str(tmp_path)]) == 1
    assert f"{story}: {missing} is in the manifest but not in the folder" in capsys.readouterr().err
