"""The concept catalogue (rules/concepts/): story-independent coverage in every language, families
that never merge under the resolver's own matching, and the folder layouts a rules copy may use."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from factcheck.cli import main
from factcheck.errors import RuleFileError
from factcheck.quantities.lexicon import available_languages, load_lexicon
from factcheck.resolve import load_knowledge
from factcheck.resolve.metric import family_collisions

RULES = ROOT / "rules"
# What a desk meets on any morning: each must be a concept of the bundled catalogue.
COVERED = {
    "disasters and conflict": [
        "dead", "injured", "missing", "displaced", "evacuated", "rescued", "arrested", "homeless",
        "buildings_destroyed", "buildings_damaged", "area_flooded", "area_burned", "magnitude",
        "rainfall", "wind_speed", "temperature", "storm_category",
    ],
    "protests and labour": ["protesters", "strikers", "police_deployed", "strike_turnout"],
    "elections and politics": ["votes", "vote_share", "turnout", "seats", "approval"],
    "economy and public money": [
        "gdp", "gdp_growth", "inflation", "unemployment_rate", "budget", "deficit", "debt",
        "aid_pledged", "price", "wage", "exports", "fine",
    ],
    "companies": [
        "headcount", "layoffs", "revenue", "profit", "users", "subscribers", "market_value",
        "acquisition_price", "share_price",
    ],
    "health": ["cases", "dead", "hospitalised", "vaccinated"],
    "migration": ["migrants", "refugees", "asylum_requests", "arrivals"],
    "attendance and audience": ["attendance", "viewers"],
}  # fmt: skip
NEVER_MERGED = [
    ("dead", "injured", "missing", "displaced"),
    ("votes", "voters", "voted"),
    ("revenue", "profit"),
]


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(RULES)


@pytest.fixture(scope="module")
def lexicons():
    return [load_lexicon(code) for code in available_languages()]


def test_at_least_eighty_concepts_each_named_in_every_language(kb):
    assert len(kb.concepts) >= 80
    for c in kb.concepts.values():
        assert set(c.terms) >= set(available_languages()), (
            f"{c.id} lacks {set(available_languages()) - set(c.terms)}"
        )


@pytest.mark.parametrize("domain", list(COVERED))
def test_each_domain_is_covered(kb, domain):
    assert not [c for c in COVERED[domain] if c not in kb.concepts]


@pytest.mark.parametrize("family", NEVER_MERGED)
def test_families_that_must_never_merge_are_declared(kb, family):
    assert any(set(family) <= set(declared) for declared in kb.distinct)


def test_no_term_of_a_family_is_read_as_another_of_it(kb, lexicons):
    assert family_collisions(kb, lexicons) == []


def test_a_term_read_as_its_neighbour_is_found(tmp_path, lexicons):
    mine = tmp_path / "rules"
    shutil.copytree(RULES, mine)
    path = mine / "concepts" / "disasters.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["concepts"]["injured"]["terms"]["fr"].append("tués")  # "killed" given to the injured
    data["concepts"]["missing"]["terms"]["ar"].append("القتلى")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = family_collisions(load_knowledge(mine), lexicons)
    assert any("injured: 'tués' (fr)" in f and "dead" in f for f in found)
    assert any("'والقتلى' (ar)" in f for f in found)  # the joined "and" is matched too
    result = CliRunner().invoke(main, ["rules", "check", str(mine)])
    assert result.exit_code == 2 and "tués" in result.output


def test_one_concepts_file_still_reads(tmp_path, kb):
    mine = tmp_path / "rules"
    mine.mkdir()
    shutil.copy(RULES / "entities.yaml", mine)
    merged: dict = {"concepts": {}, "distinct": []}
    for path in sorted((RULES / "concepts").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        merged["concepts"].update(data["concepts"])
        merged["distinct"] += data.get("distinct") or []
    (mine / "concepts.yaml").write_text(yaml.safe_dump(merged, allow_unicode=True), encoding="utf-8")
    single = load_knowledge(mine)
    assert single.concepts == kb.concepts and single.distinct == kb.distinct


def test_a_concept_defined_in_two_files_is_an_error(tmp_path):
    mine = tmp_path / "rules"
    shutil.copytree(RULES, mine)
    (mine / "concepts" / "extra.yaml").write_text(
        "concepts:\n  dead: {kind: stock, dimension: count, terms: {en: [slain]}}\n"
        "distinct:\n  - [dead, undead]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as err:
        load_knowledge(mine)
    text = str(err.value)
    assert "extra.yaml" in text and "defined twice" in text and "undead" in text


def test_the_top_of_a_scale_must_be_a_number(tmp_path):
    mine = tmp_path / "rules"
    shutil.copytree(RULES, mine)
    (mine / "concepts" / "extra.yaml").write_text(
        "concepts:\n  loudness: {kind: property, dimension: scale, most: ten, terms: {en: [decibels]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as err:
        load_knowledge(mine)
    assert "concepts.loudness.most" in str(err.value) and "must be a number" in str(err.value)


@pytest.mark.parametrize(
    ("instead_of", "said"),
    [
        ("{share_price: profits}", "concepts.payout.instead_of.share_price"),
        ("[share_price]", "must map concepts"),
    ],
)
def test_what_a_concept_is_read_instead_of_must_name_concepts(tmp_path, instead_of, said):
    mine = tmp_path / "rules"
    shutil.copytree(RULES, mine)
    (mine / "concepts" / "extra.yaml").write_text(
        "concepts:\n  payout: {kind: flow, dimension: money, instead_of: "
        + instead_of
        + ", terms: {en: [payout]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as err:
        load_knowledge(mine)
    assert said in str(err.value)


def test_death_tolls_of_two_days_are_two_moments(tmp_path):
    """A toll is revised many times a day: 81 dead one day and 78 the next (revised down) are two
    moments of it, not a disagreement."""
    from factcheck import check

    (tmp_path / "a_en.txt").write_text("The shipwreck off Pylos killed 81 people.\n")
    (tmp_path / "b_en.txt").write_text("The shipwreck off Pylos killed 78 people.\n")
    (tmp_path / "manifest.csv").write_text(
        "file,lang,published,source\na_en.txt,en,2023-06-14,one\nb_en.txt,en,2023-06-15,two\n"
    )
    result = check([tmp_path])
    assert len(result.conflicts) == 0


def test_missing_counts_of_one_day_are_successive_counts(tmp_path):
    """The missing are counted again and again as people are found or reported: "41 missing" and "48
    missing" on one day are two counts of it, not a disagreement (a count of the dead beside each would
    make them one report: rules/checks/FC101)."""
    from factcheck import check

    (tmp_path / "a_en.txt").write_text("After the floods in Mexico, 41 people are missing, officials said.\n")
    (tmp_path / "b_en.txt").write_text("After the floods in Mexico, 48 people are missing, officials said.\n")
    (tmp_path / "manifest.csv").write_text(
        "file,lang,published,source\na_en.txt,en,2025-10-13,one\nb_en.txt,en,2025-10-13,two\n"
    )
    result = check([tmp_path])
    assert set(result.assertions["metric"]) == {"missing"}
    assert len(result.conflicts) == 0
