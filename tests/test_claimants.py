"""Claimants per figure through the whole run: two figures of two claimants in one sentence, in every
language (made-up sentences about a made-up march, with a place added to a copy of the
rules), give FC301 disputes that name each side's own claimant, never the other's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import articles_folder, rules_with_entity
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck

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


def _rules(tmp: Path) -> Path:
    """A copy of the bundled rules with a place for the march (the crowd is the catalogue's protesters)."""
    return rules_with_entity(
        tmp, "bologna", {"label": "Bologna", "names": {"any": ["Bologna", "Bologne"], "ar": ["بولونيا"]}}
    )


def _corpus(tmp: Path, articles: dict[str, str]) -> Path:
    return articles_folder(tmp / "docs", articles, "2024-05-20")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("march")
    return factcheck.check([_corpus(tmp, ARTICLES)], rules=_rules(tmp))


def test_a_figure_whose_claimant_is_unsure_says_so_and_is_no_dispute(tmp_path):
    docs = _corpus(
        tmp_path,
        {
            "fr": "À Bologne, la police et les organisateurs parlent de 15 000 manifestants et de 40 000 manifestants.",
            "it": "A Bologna il corteo ha riunito 12.000 manifestanti secondo la questura.",
        },
    )
    result = factcheck.check([docs], rules=_rules(tmp_path))
    a = result.assertions
    fr = a[(a["lang"] == "fr") & (a["metric"] == "protesters")]
    assert fr["attribution"].isna().all()
    assert set(fr["attribution_unsure"]) == {"police | organisateurs"}
    c = result.conflicts
    assert not (c["rule_id"] == "FC301").any()  # one side has no sure claimant: not a dispute
    assert c["explanation"].str.contains("claimant unsure: police or organisateurs").any(), c[
        "explanation"
    ].tolist()


def test_each_figure_has_its_own_claimant(corpus):
    a = corpus.assertions
    mine = a[a["metric"] == "protesters"]
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
    figures = set(a.loc[(a["metric"] == "protesters") & (a["lang"] == lang), "assertion_id"])
    assert len(figures) == 2
    disputes = c[c["rule_id"] == "FC301"]
    assert figures <= _ids(disputes), disputes[["a_value", "b_value", "a_attribution", "b_attribution"]]
    assert not figures & _ids(c[c["rule_id"] != "FC301"])  # not a self-contradiction of one source
    for row in disputes.itertuples():  # no dispute names a wrong claimant
        for value, who in ((row.a_value, row.a_attribution), (row.b_value, row.b_attribution)):
            assert who in (POLICE if value == 12000 else ORGANISERS), (value, who, row.explanation)


# Words the claimant reader reacts to, mixed with figures and punctuation: whatever the order, each figure
# gets one answer, a claimant is text of the sentence that holds no figure, and sure and unsure never mix.
_PIECES = {
    "fr": [
        "selon",
        "la police",
        "les organisateurs",
        "et",
        "parle de",
        "a déclaré",
        "Musk",
        "(",
        ")",
        ",",
        "de",
        "manifestants",
    ],
    "it": [
        "secondo",
        "per",
        "la questura",
        "gli organizzatori",
        "e",
        "parla di",
        "ha detto",
        "Musk",
        "(",
        ")",
        ",",
        "di",
    ],
    "en": [
        "according to",
        "per",
        "the police",
        "the union",
        "and",
        "speaks of",
        "said",
        "Elon Musk",
        "(",
        ")",
        ",",
        "of",
    ],
    "ar": ["حسب", "الشرطة", "والمنظمون", "و", "تحدثت", "قال", "ماسك", "(", ")", "،", "عن"],
}
_FIGURES = ["12 000", "40.000", "12,000", "30", "2 miliardi", "5%"]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_every_figure_gets_one_answer_and_a_claimant_is_text_of_the_sentence(data):
    from factcheck.quantities.lexicon import load_lexicon
    from factcheck.resolve.attribution import claimants

    lang = data.draw(st.sampled_from(sorted(_PIECES)))
    parts = data.draw(st.lists(st.sampled_from(_PIECES[lang] + _FIGURES), min_size=1, max_size=14))
    sentence, figures = "", []
    for part in parts:
        sentence += part if part in (",", "،", ")") else (" " if sentence else "") + part
        if part in _FIGURES:
            figures.append((len(sentence) - len(part), len(sentence)))
    said = claimants(sentence, figures, load_lexicon(lang))
    assert len(said) == len(figures)
    for s in said:
        assert s.claimant is None or not s.unsure
        for name in ([s.claimant] if s.claimant else []) + list(s.unsure):
            assert name and name in sentence and not any(ch.isdigit() for ch in name), (sentence, s)
