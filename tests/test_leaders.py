"""A party and the leader who stands for it, named as one contestant in a sentence, are one subject of the
run's election figures; so are two names articles give one precise value, none naming both; names a
sentence merely puts side by side, or that one article gives figures of the same metric each, are not."""

from __future__ import annotations

import pandas as pd
import pytest

import factcheck
from factcheck.resolve.leaders import link_leaders

CONTESTED = frozenset({"vote_share", "seats"})


def test_a_party_named_with_its_leader_is_the_leader_an_article_gives_the_figure_to(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Alle elezioni di domenica il Partito Verde di Anna Rossi ha ottenuto il 12% dei voti.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "In Sunday's election Anna Rossi won 14% of the vote.\n", encoding="utf-8"
    )
    result = factcheck.check([tmp_path])
    assert result.assertions["entity"].nunique() == 1
    assert sorted(result.conflicts[["a_value", "b_value"]].iloc[0]) == [12.0, 14.0]


def _figures(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """(article, subject, name as written, sentence) per figure, all vote shares of named contestants."""
    return pd.DataFrame(
        [
            {"article_id": art, "entity": e, "subject_text": name, "sentence": s, "metric": "vote_share"}
            | {"subject_kind": "entity", "lang": "en"}
            for art, e, name, s in rows
        ]
    )


@pytest.mark.parametrize(
    ("sentence", "one"),
    [
        ("The Green Party, led by Anna Rossi, won 12% of the vote.", True),
        ("Anna Rossi (Green Party) won 12% of the vote.", True),
        ("The Green Party beat Anna Rossi with 12% of the vote.", False),  # side by side, not one
        ("The Green Party, with 12%, led by far Anna Rossi.", False),  # a figure between
        ("The Green Party, whose rival was led by Anna Rossi, won 12%.", False),  # not right after the name
    ],
)
def test_a_party_and_a_leader_are_one_only_when_the_words_between_say_who_leads_whom(sentence, one):
    a = _figures(
        ("x#1", "greenparty", "Green Party", sentence),
        ("y#1", "annarossi", "Anna Rossi", "Anna Rossi won 14% of the vote."),
    )
    assert (link_leaders(a, CONTESTED)["entity"].nunique() == 1) is one


def test_two_names_one_article_gives_figures_of_the_same_metric_are_rivals_never_one():
    a = _figures(
        ("x#1", "greenparty", "Green Party", "The Green Party, led by Anna Rossi, won 12% of the vote."),
        ("y#1", "annarossi", "Anna Rossi", "Anna Rossi won 14% of the vote."),
        ("y#1", "greenparty", "Green Party", "The Green Party won 9% of the vote."),
    )
    assert link_leaders(a, CONTESTED)["entity"].nunique() == 2


def test_names_of_one_letter_link_nothing_and_a_language_without_a_file_links_by_brackets_only():
    a = _figures(
        ("x#1", "x", "X", "X (Y) won 12% of the vote."),
        ("y#1", "y", "Y", "Y won 14% of the vote."),
    )
    assert link_leaders(a, CONTESTED)["entity"].nunique() == 2
    b = _figures(
        ("x#1", "greenparty", "Green Party", "The Green Party, led by Anna Rossi, won 12%."),
        ("y#1", "annarossi", "Anna Rossi", "Anna Rossi (Green Party) won 14%."),
    ).assign(lang="xx")
    assert link_leaders(b, CONTESTED)["entity"].nunique() == 1


def _valued(*rows: tuple[str, str, float]) -> pd.DataFrame:
    """(article, subject, value) per figure: vote shares of named contestants, no sentence linking them."""
    return _figures(*((art, e, e, f"{e} won {v}%.") for art, e, v in rows)).assign(
        value=[v for _, _, v in rows]
    )


def test_two_names_articles_give_one_precise_value_none_naming_both_are_one_contestant():
    a = _valued(("x#1", "cducsu", 28.6), ("y#1", "union", 28.6), ("z#1", "union", 28.6), ("z#1", "afd", 20.8))
    assert link_leaders(a, CONTESTED)["entity"].tolist() == ["union", "union", "union", "afd"]


@pytest.mark.parametrize(
    ("rows", "why"),
    [
        (
            (("x#1", "hassani", 3.17), ("y#1", "aouchiche", 3.17), ("y#1", "hassani", 2.16)),
            "named side by side",
        ),
        ((("x#1", "greens", 30.0), ("y#1", "left", 30.0)), "a round value"),
        ((("x#1", "greens", 11.6), ("y#1", "left", 11.6), ("y#1", "greens", 14.1)), "one article names both"),
        (
            (
                ("x#1", "cdu", 28.6),
                ("y#1", "bundestag", 28.6),
                ("z#1", "bundestag", 20.8),
                ("w#1", "afd", 20.8),
                ("w#1", "cdu", 22.6),
            ),
            "a name given two rivals' values",
        ),
    ],
)
def test_names_one_value_does_not_make_one_contestant(rows, why):
    a = _valued(*rows)
    assert link_leaders(a, CONTESTED)["entity"].tolist() == [e for _, e, _ in rows], why
