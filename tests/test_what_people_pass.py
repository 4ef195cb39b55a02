"""The library and the command line take what people pass: a path as a str or Path or a list of
them, standard input as one text, a named manifest that must exist, rule codes that must be known."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import check
from factcheck.cli import main
from factcheck.errors import UsageError

# One article in two paragraphs: the cut (second paragraph) is checked against the transition (first).
ARTICLE = (
    "Twitter went from 8,000 to 1,500 employees since Musk took over the company, the report says in "
    "its long summary of the year, which the board read on Monday morning.\n\n"
    "Twitter laid off 7,500 workers.\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text("Twitter has 7,000 employees, the company said today.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("form", ["str", "str with a slash", "Path", "list of str", "list of Path"])
def test_check_takes_a_path_as_a_str_a_path_or_a_list(corpus, form):
    given = {
        "str": str(corpus),
        "str with a slash": str(corpus) + "/",
        "Path": corpus,
        "list of str": [str(corpus)],
        "list of Path": [corpus],
    }[form]
    result = check(given, settings=_english())
    assert sorted(set(result.assertions["doc_id"])) == ["a", "b"]
    assert result.inputs == (str(corpus / "a.txt"), str(corpus / "b.txt"))


def test_a_str_is_one_path_never_its_letters(corpus):
    one = check(str(corpus / "a.txt"), settings=_english())
    assert one.inputs == (str(corpus / "a.txt"),) and not one.skipped


@pytest.mark.parametrize("bad", ["", [""], [3]])
def test_an_empty_or_non_path_argument_is_a_usage_error(bad):
    with pytest.raises(UsageError):
        check(bad)


def test_standard_input_is_one_article_so_checks_within_it_still_run():
    result = CliRunner().invoke(main, ["run", "-", "--lang", "en", "--format", "json"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    import json

    doc = json.loads(result.stdout)
    assert {a["doc_id"] for a in doc["assertions"]} == {"stdin"}
    assert len({a["article_id"] for a in doc["assertions"]}) == 1
    assert [c["rule_id"] for c in doc["conflicts"]] == [
        "FC201"
    ]  # before - cut = after, across its paragraphs


def test_standard_input_with_an_end_of_article_marker_is_two_articles():
    text = ARTICLE + "\nLeave a Reply\n\n" + ARTICLE.replace("Twitter", "Tesla")
    result = CliRunner().invoke(main, ["extract", "-", "--lang", "en"], input=text)
    assert result.exit_code == 0, result.output
    assert {line.split(",")[2] for line in result.stdout.splitlines()[1:]} == {"stdin#1", "stdin#2"}


def test_a_named_manifest_that_does_not_exist_is_a_usage_error(tmp_path, corpus):
    missing = tmp_path / "nosuch.csv"
    result = CliRunner().invoke(main, ["run", str(corpus), "--manifest", str(missing)])
    assert result.exit_code == 2
    assert f"manifest {missing}: no such file" in result.stderr


@pytest.mark.parametrize(
    "option, code, closest",
    [
        ("--select", "FC999", "FC401, FC301, FC203"),
        ("--ignore", "FC11", "FC101"),
        ("--select", "fc1O1", "FC101"),
    ],
)
def test_an_unknown_rule_code_is_a_usage_error_naming_the_closest(option, code, closest):
    result = CliRunner().invoke(main, ["run", option, f"FC101,{code}"])
    assert result.exit_code == 2
    assert f"unknown rule {code.upper()} in {option} (closest: {closest}" in result.stderr
    assert "invalid rules" not in result.stderr and "checks" not in result.stderr  # not the folder's fault


def _english():
    from factcheck.settings import Settings

    return Settings(lang="en")
