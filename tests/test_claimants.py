"""Claimants per figure through the whole run: two figures of two claimants in one sentence, in every
language (made-up sentences about a made-up march, with a metric and a place added to a copy of the
rules), give FC301 disputes that name each side's own claimant, never the other's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import factcheck

ROOT = Path(__file__).resolve().parent.parent
# One article per language; in each, the police count 12,000 and the organisers 40,000 (the noun is said
# twice: a figure standing alone, "40 000 selon les organisateurs", is not given the metric yet).
ARTICLES = {
    "it": "A Bologna il corteo ha riunito 12.000 manifestanti secondo la questura, 40.000 manifestanti secondo gli organizzatori.",
    "fr": "À Bologne, le cortège a réuni 12 000 manifestants selon la police, 40 000 manifestants selon les organisateurs.",
    "en": "In Bologna the march drew 12,000 protesters according to the police, 40,000 protesters according to the organisers.",
    "ar": "في بولونيا شارك في المسيرة 12 ألف متظاهر حسب الشرطة و40 ألف متظاهر حسب المنظمين.",
}
POLICE = {"questura", "police", "الشرطة"}
ORGANISERS = {"organizzatori", "organisateurs", "organisers", "المنظمين"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("march")
    rules = tmp / "rules"
    shutil.copytree(ROOT / "rules", rules)
    concepts = yaml.safe_load((rules / "concepts.yaml").read_text(encoding="utf-8"))
    concepts["concepts"]["demonstrators"] = {
        "kind": "stock",
        "dimension": "count",
        "window_days": 1,
        "terms": {
            "it": ["manifestanti"],
            "fr": ["manifestants"],
            "en": ["protesters"],
            "ar": ["متظاهر"],
        },
    }
    (rules / "concepts.yaml").write_text(yaml.safe_dump(concepts, allow_unicode=True), encoding="utf-8")
    entities = yaml.safe_load((rules / "entities.yaml").read_text(encoding="utf-8"))
    entities["entities"]["bologna"] = {
        "label": "Bologna",
        "names": {"any": ["Bologna", "Bologne"], "ar": ["بولونيا"]},
    }
    (rules / "entities.yaml").write_text(yaml.safe_dump(entities, allow_unicode=True), encoding="utf-8")
    docs = tmp / "docs"
    docs.mkdir()
    lines = ["file,lang,published,source"]
    for lang, text in ARTICLES.items():
        (docs / f"{lang}.txt").write_text(text + "\n", encoding="utf-8")
        lines.append(f"{lang}.txt,{lang},2024-05-20,{lang} outlet")
    (docs / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return factcheck.check([docs], rules=rules)


def test_each_figure_has_its_own_claimant(corpus):
    a = corpus.assertions
    mine = a[a["metric"] == "demonstrators"]
    assert sorted(mine["lang"].unique()) == sorted(ARTICLES)
    for row in mine.itertuples():
        expected = POLICE if row.value == 12000 else ORGANISERS
        assert row.attribution in expected, (row.lang, row.number_text, row.attribution)


def _ids(conflicts) -> set[str]:
    """Every assertion a set of findings stands for (the same two values said again elsewhere are other ids)."""
    out: set[str] = set()
    for row in conflicts.itertuples():
        out |= {row.a_assertion_id, row.b_assertion_id, *str(row.other_assertion_ids or "").split()}
    return out


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_two_claimants_of_one_sentence_are_a_dispute_naming_each_side(corpus, lang):
    a, c = corpus.assertions, corpus.conflicts
    figures = set(a.loc[(a["metric"] == "demonstrators") & (a["lang"] == lang), "assertion_id"])
    assert len(figures) == 2
    disputes = c[c["rule_id"] == "FC301"]
    assert figures <= _ids(disputes), disputes[["a_value", "b_value", "a_attribution", "b_attribution"]]
    assert not figures & _ids(c[c["rule_id"] != "FC301"])  # not a self-contradiction of one source
    for row in disputes.itertuples():  # no dispute names a wrong claimant
        for value, who in ((row.a_value, row.a_attribution), (row.b_value, row.b_attribution)):
            assert who in (POLICE if value == 12000 else ORGANISERS), (value, who, row.explanation)
