"""The held-out corpora of real news (benchmarks/data/heldout*/): each one's stories all annotated and apart
from every other corpus's, and grouping.py --corpus on the first; they have no floors. Their well-formedness
is checked with the development corpus's, by tests/test_devcorpus.py."""

from __future__ import annotations

import shutil
import sys

import pytest
from conftest import HELDOUTS, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import grouping
finally:
    sys.path.remove(str(ROOT / "benchmarks"))

HELDOUT = HELDOUTS[0]
STORIES = sorted(p.name for p in HELDOUT.iterdir() if (p / "manifest.csv").exists())


def stories_of(corpus):
    return {p.name for p in corpus.iterdir() if (p / "manifest.csv").exists()}


def test_every_heldout_corpus_is_checked():
    """A held-out corpus added under benchmarks/data/ is listed in conftest.HELDOUTS, so the tests here and
    in tests/test_devcorpus.py check it."""
    found = {p.name for p in (ROOT / "benchmarks" / "data").glob("heldout*") if (p / "gold.yaml").exists()}
    assert found == {corpus.name for corpus in HELDOUTS}


@pytest.mark.parametrize("corpus", HELDOUTS, ids=lambda corpus: corpus.name)
def test_stories_all_annotated_and_apart_from_the_other_corpora(corpus):
    stories = stories_of(corpus)
    assert stories and set(grouping.load_gold(corpus / "gold.yaml")) == stories
    others = stories_of(grouping.DEVCORPUS).union(*(stories_of(c) for c in HELDOUTS if c != corpus))
    assert not stories & others


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
