"""Dates from the article itself, and a report that says why figures went uncompared.

The corpus test uses the seeds' own text without their manifest, with a dateline (made up: a place and
the manifest's date, in each article's language and in a different style each) inserted after each
file's first paragraph, its title, where a dateline stands: it must report the conflicts the manifest
run reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import SEEDS

import factcheck
from factcheck.cli import main
from factcheck.group import comparison_basis
from factcheck.settings import Settings

DATELINES = {
    "000_88e787e6a7b23e79": "Torino, 12 aprile 2023.",
    "001_36b0a24bd3ea13c0": "PARIS (Bloomberg) — 1 mars 2023",
    "002_c54355be08307aaa": "Paris, 30 novembre 2023.",
    "003_2e98eeee97839e2c": "باريس - 16 يونيو 2023",
    "004_c72dbda44555ecf0": "Roma, 15 aprile 2025.",
}


def _findings(result) -> list[tuple]:
    """The conflicts as what they say (rule, subject, metric, the two values), not as ids (which hang
    on offsets in the files)."""
    c = result.conflicts
    return sorted(
        (rule, entity, metric, *sorted((round(x, 3), round(y, 3))))
        for rule, entity, metric, x, y in zip(
            c.rule_id, c.entity, c.metric, c.a_value, c.b_value, strict=True
        )
    )


def _copy(folder: Path, datelines: bool) -> Path:
    folder.mkdir()
    for stem, line in DATELINES.items():
        text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        (folder / f"{stem}.txt").write_text(
            text.replace("\n\n", f"\n\n{line}\n\n", 1) if datelines else text, encoding="utf-8"
        )
    return folder


def test_seeds_with_datelines_and_no_manifest_report_what_the_manifest_run_reports(tmp_path):
    with_manifest = factcheck.check([SEEDS])
    with_datelines = factcheck.check([_copy(tmp_path / "dated", datelines=True)])
    assert _findings(with_datelines) == _findings(with_manifest)
    assert with_datelines.summary["undated"] == 0
    without = factcheck.check([_copy(tmp_path / "bare", datelines=False)])  # no date at all
    assert without.summary["undated"] > 0
    assert _findings(without) == _findings(with_manifest)  # undated figures placed among the dated ones
    assert without.conflicts["explanation"].str.contains("undated").any()


def test_published_dates_the_articles_that_give_no_date(tmp_path):
    (tmp_path / "a.txt").write_text("Twitter ha 3.000 dipendenti.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Bologna, 20 maggio 2023.\n\nTwitter ha 2.400 dipendenti.\n", encoding="utf-8"
    )
    undated = factcheck.check(
        [tmp_path]
    )  # the undated one is taken to be of the other's day, one level lower
    assert undated.summary["undated"] == 1 and len(undated.conflicts) == 1
    assert "(for undated)" in undated.conflicts["explanation"].iloc[0]
    dated = factcheck.check([tmp_path], settings=Settings(published=date(2023, 5, 20)))
    assert dated.summary["undated"] == 0 and len(dated.conflicts) == 1
    days = dict(zip(dated.assertions["number_text"], dated.assertions["published"].dt.date, strict=True))
    assert days == {
        "3.000": date(2023, 5, 20),
        "2.400": date(2023, 5, 20),
    }  # the dateline's own, and the run's


def test_a_figure_of_long_ago_does_not_keep_undated_ones_from_being_compared(tmp_path):
    """An old toll the article recalls ("the 1960 tsunami, which killed 61") is history: the undated toll
    is still placed at the time of the run's dated one, and so compared with it."""
    (tmp_path / "a.txt").write_text(
        "Bologna, 12 agosto 2023.\n\nL'incendio ha fatto 93 morti.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "L'incendio ha fatto 200 morti. Lo tsunami del 1960 aveva fatto 61 morti.\n", encoding="utf-8"
    )
    a = factcheck.check([tmp_path]).assertions
    ok, start, end = comparison_basis(a)
    undated = (a["number_text"] == "200").to_numpy()
    assert ok[undated].all() and (start[undated] == pd.Timestamp("2023-08-12")).all(), (start, end)


def test_a_month_an_undated_article_writes_without_a_year_is_of_the_run_s_year(tmp_path):
    """ "En janvier" in an article with no date is January of the year of the run's dated articles (its
    middle day), and the fine it gives is another than the one of May; "nel Mar Egeo" is a sea, and
    a month written short with no day nor year is no month."""
    (tmp_path / "manifest.csv").write_text(
        "file,lang,published\na.txt,fr,2023-05-22\nb.txt,fr,\nc.txt,it,2023-06-14\n", encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("Meta a reçu une amende de 1,2 milliard d'euros.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "En janvier, la DPC avait infligé à Meta une amende de 390 millions d'euros.\n", encoding="utf-8"
    )
    (tmp_path / "c.txt").write_text("Il peschereccio è affondato nel Mar Egeo: 78 morti.\n", encoding="utf-8")
    result = factcheck.check([tmp_path])
    a = result.assertions.set_index("number_text")
    assert a.loc["390 millions d'euros", "period_start"] == pd.Timestamp("2023-01-01")
    assert a.loc["390 millions d'euros", "time_basis"] == "explicit"
    assert a.loc["78", "period_start"] == pd.Timestamp("2023-06-14")  # its article's day: no month
    assert result.conflicts.empty  # two fines, four months apart


@pytest.mark.parametrize(
    "day, lang, text, number, period",
    [
        # a run of March 2025: "en juin" is June 2025, the month nearest its middle day, not June 2024
        (
            "2025-03-16",
            "fr",
            "En juin, 140 000 personnes ont manifesté à Belgrade.",
            "140 000",
            ("2025-06-01", "2025-06-30"),
        ),
        # a run of July 2025: a half of a year is the latest begun by its middle day, not 2026's (the month
        # rule's half year later)
        (
            "2025-07-31",
            "it",
            "Renault ha registrato perdite di 11,185 miliardi di euro nel primo semestre.",
            "11,185 miliardi di euro",
            ("2025-01-01", "2025-06-30"),
        ),
        # a dateline with no year in an article whose latest year is history: the run's year, not 2002
        (
            "2025-10-19",
            "it",
            "ROMA, 20 OTT - Paz ha ottenuto il 54,54% dei consensi, mentre l'ex presidente Quiroga (in carica"
            " dal 2001 al 2002) si è fermato al 45,46%.",
            "54,54%",
            ("2025-10-20", "2025-10-20"),
        ),
    ],
)
def test_a_date_written_without_a_year_is_read_near_the_run_s_middle_day(
    tmp_path, day, lang, text, number, period
):
    (tmp_path / "manifest.csv").write_text(
        f"file,lang,published\na.txt,fr,{day}\nb.txt,{lang},\n", encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("Plus de 100 000 personnes ont manifesté à Belgrade.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(text + "\n", encoding="utf-8")
    a = factcheck.check([tmp_path]).assertions.set_index("number_text")
    assert (a.loc[number, "period_start"], a.loc[number, "period_end"]) == tuple(map(pd.Timestamp, period))


def test_the_console_says_how_many_figures_are_undated_and_compares_them_saying_so(tmp_path):
    (tmp_path / "a.txt").write_text("Twitter ha 3.000 dipendenti.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Twitter ha 2.400 dipendenti.\n", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["run", str(tmp_path), "--format", "plain"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert "2 figures are undated, so compared as if of the time of the others" in text
    assert "give --published DATE" in text
    assert "FC101" in text and "(for undated)" in text  # compared all the same, saying so
    out = runner.invoke(main, ["run", str(tmp_path), "--format", "plain", "--published", "2023-05-20"])
    assert "FC101" in out.output and "undated" not in out.output
    bad = runner.invoke(main, ["run", str(tmp_path), "--published", "20/05/2023"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_conflicts_below_the_minimum_severity_are_said():
    result = factcheck.check([SEEDS], settings=Settings(select=("FC101",)), min_severity="high")
    assert result.conflicts.empty
    assert result.summary["empty_because"] == "5 conflicts are below the minimum severity (high)"


@pytest.mark.parametrize(
    "texts, why",
    [
        ({"a.txt": "Il cielo è azzurro."}, "no figures were found"),
        ({"a.txt": "Twitter ha 3.000 gatti."}, "no figure was matched to a metric"),
        ({"a.txt": "L'azienda ha 3.000 dipendenti."}, "no figure with a metric was tied to a subject"),
        (
            {
                "a.txt": "Roma, 3 marzo 2023.\n\nTwitter ha 3.000 dipendenti.",
                "b.txt": "Roma, 3 marzo 2024.\n\nTwitter ha 2.000 dipendenti.",
                "c.txt": "Twitter ha 2.500 dipendenti.",  # undated, among figures that changed: not placed
            },
            "changed over time",
        ),
        ({"a.txt": "Roma, 3 marzo 2023.\n\nTwitter ha 3.000 dipendenti."}, "nothing comparable"),
        (
            {
                "a.txt": "Roma, 3 marzo 2023.\n\nTwitter ha 3.000 dipendenti.",
                "b.txt": "Milano, 3 marzo 2023.\n\nI dipendenti di Twitter sono circa 3.000.",
            },
            "agree",
        ),
    ],
    ids=["no figure", "no metric", "no subject", "undated among changes", "nothing comparable", "they agree"],
)
def test_an_empty_result_says_why(tmp_path, texts, why):
    for name, text in texts.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    result = factcheck.check([tmp_path], settings=Settings(lang="it"))
    assert result.conflicts.empty
    assert why in result.summary["empty_because"], result.summary["empty_because"]


@pytest.mark.parametrize(
    ("alike", "other"),
    [(("150", "150"), "170"), (("109", "110"), "150")],  # one value; two a hair apart
    ids=["one value", "a hair apart"],
)
def test_undated_tolls_two_articles_give_alike_are_compared_with_each_other_and_make_no_trend(
    tmp_path, alike, other
):
    """A toll that changed over the dated articles' days: an undated value is of an unknown moment, but
    two undated articles that give the same value, or values a hair apart (109 and 110 dead), give it of
    one moment, so the two are compared; neither makes a trend with the dated tolls."""
    texts = {
        "a": "Bologna, 12 agosto 2023.\n\nL'incendio ha fatto 93 morti.\n",
        "b": "Bologna, 15 agosto 2023.\n\nL'incendio ha fatto 200 morti.\n",
        "c": f"L'incendio ha fatto {alike[0]} morti.\n",
        "d": f"Sono {alike[1]} i morti dell'incendio.\n",
        "e": f"L'incendio ha fatto {other} morti.\n",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = factcheck.check([tmp_path])
    ok, start, _ = comparison_basis(result.assertions)
    said = result.assertions["number_text"].to_numpy()
    together = np.isin(said, alike)
    assert sorted(said[ok]) == sorted([*alike, "200", "93"]), said[ok]
    assert start[together].nunique() == 1 and not start[together].isin(start[~together]).any(), start
    assert [(t.from_value, t.to_value) for t in result.trends.itertuples()] == [(93, 200)]


def test_an_undated_figure_that_repeats_a_dated_one_is_of_its_day(tmp_path):
    """An amount that changes over the years ("a loan of $3 billion" in 2022, of $8 billion in 2024):
    an undated article's "$8 billion" repeats the figure of March 2024, and is compared on its day."""
    (tmp_path / "manifest.csv").write_text(
        "file,lang,published\na.txt,en,2024-03-06\nb.txt,en,2022-12-16\nc.txt,en,\n", encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("The IMF approved a loan of $8 billion for Egypt.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The IMF approved a loan of $3 billion for Egypt.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Egypt secured a loan of $8 billion from the IMF.\n", encoding="utf-8")
    a = factcheck.check([tmp_path]).assertions
    ok, start, _ = comparison_basis(a)
    undated = (a["doc_id"] == "c").to_numpy()
    assert (a.loc[undated, "metric"] == "loan").all(), a[["doc_id", "metric"]]
    assert ok[undated].all() and (start[undated] == pd.Timestamp("2024-03-06")).all(), (ok, start)


def test_an_undated_figure_of_a_steady_value_is_placed_on_that_value_s_days_not_on_another_s(tmp_path):
    """Three articles give a quarter's revenue of $28.1 billion (one with its quarter, two on the days
    they were published), one the quarter before's $22.5 billion: an undated "$28.1 billion" is of the
    steady value's days, and is not compared with the quarter before's figure."""
    (tmp_path / "manifest.csv").write_text(
        "file,lang,published\na.txt,en,2025-10-23\nb.txt,en,2025-10-23\nc.txt,en,2025-10-24\n"
        "d.txt,en,2025-10-23\ne.txt,en,\n",
        encoding="utf-8",
    )
    texts = {
        "a": "Tesla reported revenue of $28.1 billion in the third quarter of 2025.",
        "b": "Tesla's revenue came to $28.1 billion, the company said.",
        "c": "Revenue reached $28.1 billion at Tesla, above forecasts.",
        "d": "Tesla's revenue was $22.5 billion in Q2 2025.",
        "e": "Tesla's revenue reached $28.1 billion.",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    result = factcheck.check([tmp_path])
    a = result.assertions
    ok, start, end = comparison_basis(a)
    undated = (a["doc_id"] == "e").to_numpy()
    assert (a.loc[undated, "metric"] == "revenue").all(), a[["doc_id", "metric", "period_start"]]
    assert ok[undated].all() and (start[undated] == pd.Timestamp("2025-07-01")).all(), (start, end)
    docs = zip(result.conflicts.a_doc, result.conflicts.b_doc, strict=True)
    assert not any({"d", "e"} == {x, y} for x, y in docs), result.conflicts
