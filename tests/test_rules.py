"""The rule catalogue: every rule's named cases, and broken rule files (tests/rules_bad/, named after the fault)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.engine import load_rules, run_rules
from factcheck.engine.cases import case_frame, check_case
from factcheck.errors import RuleFileError, UsageError
from factcheck.resolve import load_knowledge

BAD = sorted((Path(__file__).parent / "rules_bad").glob("*.yaml"))


def _cases():
    for rule in load_rules(ROOT / "rules"):
        for case in rule.cases:
            yield pytest.param(rule, case, id=f"{rule.code}: {case['name']}")


def test_every_rule_has_cases():
    rules = load_rules(ROOT / "rules")
    assert rules and all(rule.cases for rule in rules), [r.code for r in rules if not r.cases]


@pytest.mark.parametrize("rule, case", list(_cases()))
def test_rule_case(rule, case):
    assert check_case(rule, case) == []


def test_bundled_knowledge_loads():
    kb = load_knowledge(ROOT / "rules")
    assert "twitter" in kb.entities and "headcount" in kb.concepts


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_broken_rule_file_names_file_line_and_field(bad, tmp_path):
    """The first line of each bad file says what the error must name: ``# expect: line N, word, word``."""
    expected = [
        w.strip()
        for w in bad.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect:").split(",")
    ]
    line = int(re.fullmatch(r"line (\d+)", expected[0]).group(1))
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copy(bad, rules / "checks" / bad.name)
    with pytest.raises(RuleFileError) as info:
        load_rules(rules)
    message = str(info.value)
    assert f"{bad.name}:{line}:" in message, message
    for word in expected[1:]:
        assert word in message, message
    assert len(info.value.problems) == 1, message


def test_a_rule_file_written_before_rules_carried_their_sentence_takes_the_bundled_one(tmp_path):
    """A desk's copy made by an older ``factcheck init`` has no ``explanation:``: the rule still loads,
    with the sentence of the bundled rule of its code."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "checks" / "FC101-value-disagreement.yaml"
    text = path.read_text(encoding="utf-8")
    old = re.sub(r"^explanation:.*?(?=^[a-z_]+:)", "", text, flags=re.MULTILINE | re.DOTALL)
    assert "explanation:" not in old
    path.write_text(old, encoding="utf-8")
    bundled = {r.code: r.explanation for r in load_rules(ROOT / "rules")}
    assert {r.code: r.explanation for r in load_rules(rules)}["FC101"] == bundled["FC101"]


def test_unknown_select_code_is_a_usage_error_naming_the_closest_codes():
    with pytest.raises(UsageError, match=r"unknown rule FC10 in --select \(closest: FC101, "):
        load_rules(ROOT / "rules", select=("FC10",))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 2), st.sampled_from([1.0, -np.inf]), st.integers(0, 1)),
        max_size=30,
    ),
    st.booleans(),
)
def test_pairs_are_every_two_assertions_of_a_group_once_but_not_two_saying_the_same(rows, compare_statements):
    from factcheck.group import within_groups

    codes = np.array([r[0] for r in rows], dtype=np.int64)
    said = tuple(np.array([r[k] for r in rows]) for k in (1, 2, 3)) if compare_statements else ()
    i, j = within_groups(codes, said)
    n = len(rows)

    def same(a, b):
        return bool(said) and all(x[a] == x[b] for x in said)

    def uniform(a):  # a run: the rows of a group with the same first statement array
        return all(same(a, k) for k in range(n) if codes[k] == codes[a] and said[0][k] == said[0][a])

    want = [
        (a, b)
        for a in range(n)
        for b in range(a + 1, n)
        if codes[a] == codes[b] and not (same(a, b) and uniform(a))
    ]
    got = list(zip(i.tolist(), j.tolist(), strict=False))
    assert sorted(got) == want and all(a < b for a, b in got)  # each pair once, the earlier row first


def test_every_rule_file_carries_its_sentence():
    files = sorted((ROOT / "rules" / "checks").glob("*.yaml"))
    assert files and all(
        re.search(r"^explanation:", f.read_text(encoding="utf-8"), re.MULTILINE) for f in files
    ), [f.name for f in files if "\nexplanation:" not in f.read_text(encoding="utf-8")]


def test_rules_check_names_an_unknown_field_of_a_sentence_with_the_fields_allowed(tmp_path):
    from click.testing import CliRunner

    from factcheck.cli import main

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    rule = rules / "checks" / "FC202-part-of-whole.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("{whole}", "{hole}"), encoding="utf-8")
    line = next(
        n for n, text in enumerate(rule.read_text().splitlines(), 1) if text.startswith("explanation:")
    )
    result = CliRunner().invoke(main, ["rules", "check", str(rules)])
    assert result.exit_code == 2, result.output
    assert f"FC202-part-of-whole.yaml:{line}: explanation: unknown field {{hole}}" in result.output
    assert (
        "fields of a bound rule: who_a, who_b, value_a" in result.output
        and "did you mean whole?" in result.output
    )


def test_a_desk_rewords_a_sentence_in_its_rule_file(tmp_path, seed_result):
    from factcheck import check

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    rule = rules / "checks" / "FC101-value-disagreement.yaml"
    text = rule.read_text(encoding="utf-8")
    assert "but {who_b} gives {value_b}" in text
    rule.write_text(
        text.replace("but {who_b} gives {value_b}", "whereas {who_b} reports {value_b}").replace(
            '", more than the wording of either allows"', '", beyond what either wording allows"'
        ),
        encoding="utf-8",
    )
    before = seed_result.conflicts[seed_result.conflicts["rule_id"] == "FC101"]
    after = check(rules=rules).conflicts
    after = after[after["rule_id"] == "FC101"]
    assert len(before) == len(after) > 0
    reworded = [
        re.sub(r", but (.*?) gives ", r", whereas \1 reports ", e, count=1).replace(
            "more than the wording of either allows", "beyond what either wording allows"
        )
        for e in before["explanation"]
    ]
    assert after["explanation"].tolist() == reworded != before["explanation"].tolist()


def test_dates_stay_dates_until_the_report_writes_them(seed_result):
    import json

    from factcheck.report import to_json

    trends = seed_result.trends
    assert len(trends) and all(
        pd.api.types.is_datetime64_any_dtype(trends[c]) for c in ("from_date", "to_date")
    )
    written = json.loads(to_json(seed_result))["trends"]
    assert [t["from_date"] for t in written] == trends["from_date"].dt.strftime("%Y-%m-%d").tolist()
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", t["to_date"]) for t in written)
    assert all(f"({t['from_date']}, " in t["explanation"] for t in written)


@pytest.mark.parametrize("missing", [("article_id",), ("article_id", "doc_id")])
def test_a_table_that_names_no_article_still_compares_its_rows(missing):
    """Assertions from another tool may name no article (nor document): each row is then its own
    document's, never one article's that gives two values together."""
    rules = [r for r in load_rules(ROOT / "rules") if r.code == "FC101"]
    records = [{"id": n, "value": v} for n, v in (("a", 7500), ("b", 4000), ("c", 7500), ("d", 4000))]
    table = case_frame(records, apart=True)
    for col in missing:
        table[col] = None
    assert len(run_rules(rules, table).conflicts) == 1
