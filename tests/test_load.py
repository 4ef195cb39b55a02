"""Reading inputs: encodings, web pages, records, standard input, globs and manifests; large files in parts, nothing lost."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.api import check
from factcheck.cli import main
from factcheck.errors import InputError
from factcheck.load.decode import decode, stream
from factcheck.settings import Settings

FR = "Le réseau a perdu la moitié de ses 7.500 employés, selon un mémo interne publié à l'été."
AR = "أعلنت تويتر أنها استغنت عن نحو 3700 موظف، أي ما يقارب نصف عدد العاملين في الشركة."
EN = "Acme had 7,300 employees at the end of March 2023, the company said."


@pytest.mark.parametrize(
    "text, encoding",
    [
        (FR, "utf-8"),
        (FR, "utf-8-sig"),
        (FR, "utf-16"),
        (FR, "utf-16-le"),
        (FR, "utf-16-be"),
        (FR, "cp1252"),
        (AR, "utf-8"),
        (AR, "utf-16"),
        (AR, "cp1256"),
        (AR, "iso8859_6"),
    ],
)
def test_every_encoding_of_news_sites_reads_back_the_same_text(text, encoding):
    assert decode(text.encode(encoding), "x.txt") == text


def test_utf8_cut_inside_a_character_at_the_end_of_a_block_is_still_utf8():
    data = ("é" * 10).encode("utf-8")
    assert decode(data, "x") == "é" * 10
    assert "".join(stream(io.BytesIO(data), "x", block=7)) == "é" * 10


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab é\n\r\t٣ش"), max_size=300), st.integers(min_value=4, max_value=40)
)
@example("aa\r\n", 4)  # a "\r\n" cut by the end of a block
def test_a_streamed_file_loses_nothing(text, block):
    data = ("x" + text).encode("utf-8")  # a first letter, so the sniffer sees text
    parts = list(stream(io.BytesIO(data), "x", block=block))
    assert "".join(parts) == ("x" + text).replace("\r\n", "\n").replace("\r", "\n")


def test_a_large_file_is_cut_after_a_paragraph():
    text = ("word " * 30 + "\n\n") * 40
    parts = list(stream(io.BytesIO(text.encode()), "x", block=500))
    assert len(parts) > 1 and all(p.endswith("\n") for p in parts[:-1])


def test_binary_is_refused_with_what_it_is():
    with pytest.raises(InputError, match="a PDF document"):
        decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "report.txt")


def _assertions(result):
    a = result.assertions
    return {(r.doc_id, r.value): r for r in a.itertuples()}


def test_a_web_page_gives_its_main_text_date_and_site(tmp_path):
    (tmp_path / "page.html").write_text(
        '<html><head><title>Initech cuts</title><meta property="article:published_time" content="2023-04-12">'
        '<link rel="canonical" href="https://www.example.org/news/initech"></head><body><nav>Home | World | Tech</nav>'
        f"<article><h1>Initech cuts</h1><p>{EN.replace('Acme', 'Initech')}</p></article>"
        "<footer>Cookies help us. 2023 Example Media</footer></body></html>",
        encoding="utf-8",
    )
    result = check([tmp_path], settings=Settings(lang="en"))
    row = _assertions(result)[("page", 7300.0)]
    assert (str(row.published)[:10], row.source, row.url) == (
        "2023-04-12",
        "example.org",
        "https://www.example.org/news/initech",
    )


def test_records_of_jsonl_and_csv_with_fields_found_by_name(tmp_path):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(
            {
                "headline": "Cuts",
                "body": EN,
                "published_at": "2023-04-12T08:00:00Z",
                "link": "https://news.example.com/a",
                "language": "en",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    with (tmp_path / "sheet.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Title", "Content", "Date", "Site"])
        w.writerow(
            [
                "Globex",
                "Globex had 4,100 employees in May 2023, the company said.",
                "12 May 2023",
                "The Example Post",
            ]
        )
    result = check([tmp_path])
    found = _assertions(result)
    jsonl, row = found[("feed:1", 7300.0)], found[("sheet:2", 4100.0)]
    assert (str(jsonl.published)[:10], jsonl.source, jsonl.lang, jsonl.url) == (
        "2023-04-12",
        "news.example.com",
        "en",
        "https://news.example.com/a",
    )
    assert (str(row.published)[:10], row.source) == ("2023-05-12", "The Example Post")


def test_a_field_named_by_the_user_wins(tmp_path):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": "no figure here at all", "full": EN}) + "\n", encoding="utf-8"
    )
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(tmp_path), "--lang", "en", "--field", "text=full"])
    assert result.exit_code == 0, result.output
    assert "7300.0" in result.stdout
    bad = runner.invoke(main, ["extract", str(tmp_path), "--field", "body"])
    assert bad.exit_code == 2 and "NAME=COLUMN" in bad.stderr


def test_standard_input(tmp_path):
    result = CliRunner().invoke(main, ["extract", "-", "--lang", "en"], input=EN.encode("utf-16"))
    assert result.exit_code == 0, result.output
    assert "stdin" in result.stdout and "7300.0" in result.stdout


def test_include_and_exclude_globs_choose_the_files_of_folders(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.md").write_text(EN.replace("7,300", "7,400"), encoding="utf-8")
    (tmp_path / "drafts" / "c.txt").write_text(EN.replace("7,300", "7,500"), encoding="utf-8")
    result = check(
        [tmp_path], settings=Settings(lang="en", inputs=_options(include=("*.txt",), exclude=("drafts/*",)))
    )
    assert set(result.assertions["doc_id"]) == {"a"}


def _options(**kw):
    from factcheck.load import LoadOptions

    return LoadOptions(**kw)


def test_a_manifest_named_with_an_option_describes_files_anywhere(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "meta.csv").write_text(
        "file,lang,published,source\nin/note.txt,en,2023-04-02,Example Wire\n", encoding="utf-8"
    )
    result = check([tmp_path / "in"], settings=Settings(inputs=_options(manifest=tmp_path / "meta.csv")))
    row = _assertions(result)[("note", 7300.0)]
    assert (row.lang, str(row.published)[:10], row.source) == ("en", "2023-04-02", "Example Wire")


def test_an_unexpected_error_skips_its_document_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    import factcheck.api

    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN.replace("Acme", "Globex"), encoding="utf-8")
    real = factcheck.api.resolve_article

    def broken(article, *args, **kwargs):
        if article.doc_id == "a":
            raise ZeroDivisionError("a bug")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(factcheck.api, "resolve_article", broken)
    runner = CliRunner()
    result = runner.invoke(main, ["run", str(tmp_path), "--lang", "en", "--format", "plain"])
    assert result.exit_code == 0, result.output
    assert "document a could not be checked (internal error: ZeroDivisionError: a bug)" in result.stderr
    assert "Traceback" not in result.output and "1 documents" in result.stdout  # b was still checked
    debug = runner.invoke(main, ["--debug", "run", str(tmp_path), "--lang", "en"])
    assert isinstance(debug.exception, ZeroDivisionError)


def test_an_internal_error_outside_documents_is_one_line_and_exit_2(tmp_path, monkeypatch):
    import factcheck.api

    monkeypatch.setattr(factcheck.api, "run_rules", lambda *a, **k: 1 / 0)
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: internal error (ZeroDivisionError") and "--debug" in result.stderr
    assert "Traceback" not in result.output


def test_an_interrupted_export_leaves_the_old_file_whole_and_no_temporary_file(tmp_path, monkeypatch):
    import pandas as pd

    from factcheck.report.export import write_assertions

    target = tmp_path / "assertions.csv"
    target.write_text("the previous export\n", encoding="utf-8")
    table = pd.DataFrame({"assertion_id": ["a1", "a2"], "value": [1.0, 2.0]})

    def interrupted(self, fh, *args, **kwargs):
        fh.write("assertion_id,value\r\na1,1.0\r\n")  # half the rows, then Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_csv", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_assertions(table, target)
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["assertions.csv"]


def test_a_record_date_that_cannot_be_read_is_said_and_the_record_kept(tmp_path):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": EN, "date": "sometime soonish"}) + "\n", encoding="utf-8"
    )
    result = check([tmp_path], settings=Settings(lang="en"))
    assert [(s.level, s.reason) for s in result.skipped] == [
        ("note", "1 date not understood (line 1); those articles are dated from their own text")
    ]
    assert result.summary["skipped"] == 0
    assert "feed:1" in set(result.assertions["doc_id"])


def test_a_csv_with_semicolons_as_french_and_italian_spreadsheets_write_it(tmp_path):
    (tmp_path / "export.csv").write_bytes(
        "titre;texte;date\nCoupes;Le groupe compte 2.000 salariés, selon la direction.;2023-05-04\n".encode(
            "cp1252"
        )
    )
    result = check([tmp_path], settings=Settings(lang="fr"))
    row = _assertions(result)[("export:2", 2000.0)]
    assert str(row.published)[:10] == "2023-05-04"


MONTHS = "Acme had 7,300 employees, the company said."


def test_a_manifest_with_months_years_and_bad_rows_applies_every_good_row(tmp_path):
    for name in ("day", "month", "year", "badlang", "baddate"):
        (tmp_path / f"{name}.txt").write_text(MONTHS.replace("Acme", name.title()), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,lang,published,source,url\n"
        "day.txt,en,2023-04-12,Day Wire,https://example.org/day\n"
        "month.txt,en,2023-04,Month Wire\n"
        "year.txt,en,2023,Year Wire\n"
        "badlang.txt,xx,2023-05-02,Lang Wire\n"
        "baddate.txt,en,sometime in spring,Date Wire\n"
        "gone.txt,en,2023-04-12,Gone Wire\n",
        encoding="utf-8",
    )
    result = check([tmp_path])
    rows = {r.doc_id: r for r in result.assertions.itertuples()}
    when = {d: (r.source, str(r.period_start)[:10], str(r.period_end)[:10]) for d, r in rows.items()}
    assert when["day"] == ("Day Wire", "2023-04-12", "2023-04-12")
    assert rows["day"].url == "https://example.org/day" and pd.isna(rows["month"].url)
    assert when["month"] == ("Month Wire", "2023-04-01", "2023-04-30")
    assert when["year"] == ("Year Wire", "2023-01-01", "2023-12-31")
    assert when["badlang"] == ("Lang Wire", "2023-05-02", "2023-05-02")  # kept; its language detected
    assert rows["badlang"].lang == "en"
    assert when["baddate"][0] == "Date Wire"  # kept; its date from its text (none here)
    said = {(s.path.rsplit("/", 1)[-1], s.level): s.reason for s in result.skipped}
    assert "unknown language 'xx'" in said[("manifest.csv:5", "note")]
    assert "'sometime in spring' is not a date" in said[("manifest.csv:6", "note")]
    assert "gone.txt" in said[("manifest.csv", "skipped")]


@pytest.mark.parametrize(
    "written, dayfirst, first, last",
    [
        ("2023-04-12", None, "2023-04-12", "2023-04-12"),
        ("2023-04-12T23:30:00+02:00", None, "2023-04-12", "2023-04-12"),
        ("2023-04-12T10:30:00Z", None, "2023-04-12", "2023-04-12"),
        ("2024-02", None, "2024-02-01", "2024-02-29"),
        ("2023", None, "2023-01-01", "2023-12-31"),
        ("2023/04/12", None, "2023-04-12", "2023-04-12"),
        ("13/04/2023", None, "2023-04-13", "2023-04-13"),
        ("04/13/2023", True, "2023-04-13", "2023-04-13"),  # impossible day first: the month is first
        ("12/04/2023", True, "2023-04-12", "2023-04-12"),
        ("12.04.2023", True, "2023-04-12", "2023-04-12"),
        ("12/04/2023", False, "2023-12-04", "2023-12-04"),
    ],
)
def test_a_manifest_date_keeps_its_precision(written, dayfirst, first, last):
    from factcheck.load.manifest import read_period

    assert tuple(str(d) for d in read_period(written, dayfirst)) == (first, last)


@pytest.mark.parametrize(
    "written, why",
    [
        ("12/04/2023", "day first or month first"),  # not guessed
        ("12/04/23", "two-digit year"),
        ("2023-13", "is not a date"),
        ("31/02/2023", "is not a date"),
        ("avril 2023", "is not a date"),
    ],
)
def test_a_manifest_date_that_cannot_be_read_says_what_to_write(written, why):
    from factcheck.load.manifest import read_period

    with pytest.raises(ValueError, match=why):
        read_period(written)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_any_day_written_day_first_or_month_first_reads_back(day, dayfirst):
    from factcheck.load.manifest import read_period

    written = day.strftime("%d/%m/%Y" if dayfirst else "%m/%d/%Y")
    assert read_period(written, dayfirst) == (day, day)
    assert read_period(day.isoformat()) == (day, day)
    first, last = read_period(day.strftime("%Y-%m"))
    assert first.day == 1 and first <= day <= last and (last + timedelta(days=1)).day == 1
