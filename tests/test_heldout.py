"""The held-out corpus of real news (benchmarks/data/heldout/): its stories apart from the development
corpus, and grouping.py --corpus on it; it has no floors. Its well-formedness is checked with the
development corpus's, by tests/test_devcorpus.py."""

from __future__ import annotations

import shutil
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import grouping
finally:
    sys.path.remove(str(ROOT / "benchmarks"))

HELDOUT = ROOT / "benchmarks" / "data" / "heldout"
GOLD = grouping.load_gold(HELDOUT / "gold.yaml")
STORIES = sorted(p.name for p in HELDOUT.iterdir() if (p / "manifest.csv").exists())


def test_stories_all_annotated_and_apart_from_the_devcorpus():
    assert STORIES and sorted(GOLD) == STORIES
    assert not set(STORIES) & {p.name for p in grouping.DEVCORPUS.iterdir()}


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


def test_second_heldout_stories_all_annotated_and_apart_from_the_other_corpora():
    heldout2 = ROOT / "benchmarks" / "data" / "heldout2"
    stories = sorted(p.name for p in heldout2.iterdir() if (p / "manifest.csv").exists())
    assert stories and sorted(grouping.load_gold(heldout2 / "gold.yaml")) == stories
    assert not set(stories) & ({p.name for p in grouping.DEVCORPUS.iterdir()} | set(STORIES))


def test_third_heldout_stories_all_annotated_and_apart_from_the_other_corpora():
    heldout2 = ROOT / "benchmarks" / "data" / "heldout2"
    heldout3 = ROOT / "benchmarks" / "data" / "heldout3"
    stories = sorted(p.name for p in heldout3.iterdir() if (p / "manifest.csv").exists())
    assert stories and sorted(grouping.load_gold(heldout3 / "gold.yaml")) == stories
    others = (
        {p.name for p in grouping.DEVCORPUS.iterdir()} | set(STORIES) | {p.name for p in heldout2.iterdir()}
    )
    assert not set(stories) & others
