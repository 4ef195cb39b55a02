"""The rule catalogue: every rule's named cases, and broken rule files (tests/rules_bad/, named after the fault)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.engine import load_rules
from factcheck.engine.cases import check_case
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
    from factcheck.group import _within_groups

    codes = np.array([r[0] for r in rows], dtype=np.int64)
    said = tuple(np.array([r[k] for r in rows]) for k in (1, 2, 3)) if compare_statements else ()
    i, j = _within_groups(codes, said)
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
