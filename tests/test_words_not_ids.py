"""The report speaks in words: entity and metric labels from rules/, source names, the reasoning behind
each severity; `explain` takes any unique beginning of an id; the terminal report never cuts an id."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ROOT
from rich.cells import cell_len
from rich.console import Console

from factcheck import check
from factcheck.cli import main
from factcheck.engine import load_rules
from factcheck.report import render, to_html

FLOOD_ENTITY = """
  emilia_romagna:
    label: Emilia-Romagna
    names: {any: [Emilia-Romagna, Emilia Romagna]}
"""
FLOOD_LABEL = "    label: people killed by the flood\n"  # a desk's own words for the catalogue's "dead"


@pytest.fixture(scope="module")
def flood(tmp_path_factory) -> tuple[Path, Path]:
    """A rules folder of one's own (an entity and a metric with labels) and two articles that disagree."""
    root = tmp_path_factory.mktemp("flood")
    rules = root / "rules"
    shutil.copytree(ROOT / "rules", rules)
    entities, concepts = rules / "entities.yaml", rules / "concepts" / "disasters.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("entities:\n", "entities:" + FLOOD_ENTITY, 1),
        encoding="utf-8",
    )
    assert "  dead:\n    kind:" in concepts.read_text(encoding="utf-8")
    concepts.write_text(
        concepts.read_text(encoding="utf-8").replace("  dead:\n", "  dead:\n" + FLOOD_LABEL, 1),
        encoding="utf-8",
    )
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "wire-0412.txt").write_text(
        "The floods in Emilia-Romagna have killed 14 people, the regional authorities said on Sunday.\n",
        encoding="utf-8",
    )
    (corpus / "daily-0413.txt").write_text(
        "In Emilia-Romagna, 9 people died in the floods, according to the civil protection agency.\n",
        encoding="utf-8",
    )
    (corpus / "manifest.csv").write_text(
        "file,lang,published,source\n"
        "wire-0412.txt,en,2024-05-20,Example Wire\n"
        "daily-0413.txt,en,2024-05-20,The Example Daily\n",  # one day: a toll is of one day
        encoding="utf-8",
    )
    return rules, corpus


def test_explanations_use_the_labels_of_rules_and_the_names_of_sources(flood):
    rules, corpus = flood
    result = check(corpus, rules=rules)
    assert len(result.conflicts) == 1, result.conflicts
    c = result.conflicts.iloc[0]
    assert (c["entity"], c["metric"]) == ("emilia_romagna", "dead")  # the tables keep the ids
    text = c["explanation"]
    assert "people killed by the flood of Emilia-Romagna" in text
    assert "Example Wire" in text and "The Example Daily" in text
    for an_id in ("emilia_romagna", "wire-0412", "daily-0413"):
        assert an_id not in text
    out = io.StringIO()
    render(result, Console(file=out, width=120, color_system=None, force_terminal=False))
    title = next(line for line in out.getvalue().splitlines() if c["rule_id"] in line)
    assert "Emilia-Romagna  ·  people killed by the flood" in title
    page = to_html(result)
    assert "Emilia-Romagna · people killed by the flood" in page and "emilia_romagna ·" not in page
    assert f"Severity: {c['severity_reason']}." in page
    provenance = CliRunner().invoke(main, ["explain", c["conflict_id"], str(corpus), "--rules", str(rules)])
    assert provenance.exit_code == 0, provenance.output
    assert "Emilia-Romagna  ·  people killed by the flood" in provenance.output


def test_a_metric_without_a_label_is_its_id_in_words(seed_result):
    text = " ".join(seed_result.conflicts["explanation"])
    assert "the ad revenue change of Twitter" in text and "ad_revenue_change" not in text
    assert "Italian tech news site (it, published 2023-04-12)" in text
    assert not re.search(r"\b00\d_[0-9a-f]{16}\b", text)  # no document ids where sources have names


def test_every_severity_says_why_and_the_reason_is_the_engines_own(seed_result):
    rules = {r.code: r for r in seed_result.rules}
    for _, c in seed_result.conflicts.iterrows():
        reason = c["severity_reason"]
        assert reason.endswith(f": {c['severity']}"), reason
        assert re.match(r"(high|medium|low) for a gap of ", reason), reason
    by_id = seed_result.conflicts.set_index("conflict_id")
    exact = by_id.loc["Cbc25b34afea2"]  # 8,000 vs 7,500, both exact: medium, raised to high, but a rounding
    assert exact["severity"] == "low"
    assert exact["severity_reason"].startswith("medium for a gap of 6.25% (medium from 5%, high from 25%)")
    assert exact["severity_reason"].endswith(
        "one level higher, both figures being exact; but low, as they agree if one is a rounding of the other: low"
    )
    hedged = by_id.loc["C91d9fbeb7e62"]  # about -60% vs -54%: medium, lowered to low
    assert "6 points" in hedged["severity_reason"] and "one level lower" in hedged["severity_reason"]
    assert hedged["severity"] == "low"
    assert set(by_id["rule_id"]) <= set(rules)


def test_the_reasoning_follows_every_switch_of_the_rule():
    rule = next(r for r in load_rules(ROOT / "rules") if r.code == "FC101")
    severity, reason = rule.grade(
        [0.30, 0.30, 0.06, 0.01, 0.01, 0.0],
        [0.0] * 6,
        [False] * 6,
        [False, True, True, False, True, False],
    )
    assert severity.tolist() == ["high", "medium", "low", "medium", "low", "medium"]
    assert reason[0] == (
        "high for a gap of 30% (medium from 5%, high from 25%); one level higher, both figures being exact "
        "(already the highest level): high"
    )
    assert "one level lower" in reason[1] and reason[1].endswith(": medium")
    assert reason[2].startswith("medium for a gap of 6%") and reason[2].endswith(": low")
    assert reason[3].startswith("low for a gap of 1% ") and reason[3].endswith(": medium")
    assert "(already the lowest level): low" in reason[4]
    assert np.array_equal(rule.severities([0.3], [0], [False], [True]), ["medium"])
    points = rule.grade([0.1], [6.0], [True], [False])[1][0]
    assert points.startswith("medium for a gap of 6 points (medium from 3 points, high from 10 points)")


def test_explain_shows_the_severity_reasoning_and_each_sides_precision(seed_result):
    out = CliRunner().invoke(main, ["explain", "C91d9fbeb7e62"])
    assert out.exit_code == 0, out.output
    reason = seed_result.conflicts.set_index("conflict_id").loc["C91d9fbeb7e62", "severity_reason"]
    assert f"severity LOW: {reason}" in out.output
    assert "precision hedged: approximate" in out.output and "precision exact" in out.output


def test_explain_takes_any_unique_beginning_of_an_id(seed_result):
    ids = seed_result.conflicts["conflict_id"].tolist()
    runner = CliRunner()
    for cid in ids:
        shortest = next(
            cid[:n] for n in range(1, len(cid) + 1) if sum(i.startswith(cid[:n]) for i in ids) == 1
        )
        for given in (shortest, shortest.lower(), cid[:-2]):
            out = runner.invoke(main, ["explain", given])
            assert out.exit_code == 0, (given, out.output)
            assert out.output.startswith(cid), (given, out.output[:80])


def test_an_ambiguous_beginning_is_a_usage_error_listing_the_candidates(seed_result):
    ids = seed_result.conflicts["conflict_id"].tolist()
    out = CliRunner().invoke(main, ["explain", "C"])
    assert out.exit_code == 2
    assert f"'C' is the beginning of {len(ids)} conflict ids" in out.stderr
    assert all(cid in out.stderr for cid in ids)


@pytest.mark.parametrize("width", [80, 60])
def test_the_terminal_report_never_cuts_an_id(seed_result, width):
    out = io.StringIO()
    render(seed_result, Console(file=out, width=width, color_system=None, force_terminal=False))
    text = out.getvalue()
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width  # in cells: Arabic marks take none
    words = set(text.replace("(", " ").replace(")", " ").replace(",", " ").split())
    conflicts, trends = seed_result.conflicts, seed_result.trends
    for cid in conflicts["conflict_id"]:
        assert cid in words, cid  # whole, on one line
    for doc in (
        set(conflicts["a_doc"]) | set(conflicts["b_doc"]) | set(trends["from_doc"]) | set(trends["to_doc"])
    ):
        assert doc in words, doc
    days = {d.strftime("%Y-%m-%d") for d in pd.concat([trends["from_date"], trends["to_date"]])}  # dates
    for date in days:
        assert date in words, date
    assert "…" not in text  # nothing cut short with an ellipsis
    titles = [line for line in lines if line.startswith("╭─ ") and "FC" in line]
    assert len(titles) == len(conflicts) and all(line.endswith("╮") for line in titles)
    assert "Twitter  ·  headcount  ·" in text  # the labels, with the id after them
