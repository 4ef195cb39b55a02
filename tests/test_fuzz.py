"""The whole pipeline never raises on arbitrary input: any Unicode text, any bytes in a file of any supported kind."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.api import check
from factcheck.errors import InputError
from factcheck.settings import Settings

# Text that looks like news often enough to reach every stage: digits, separators, scale and unit
# words, qualifiers, dates, quotes and brackets, in the four languages.
NEWSLIKE = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            [
                "1.500",
                "7 500",
                "4,8",
                "٣٬٥",
                "54%",
                "٪",
                "$",
                "€",
                "milliards",
                "mila",
                "مليون",
                "million",
                "circa",
                "plus de",
                "أكثر من",
                "between",
                "da",
                "a",
                "entre",
                "et",
                "from",
                "to",
                "Twitter",
                "X",
                "تويتر",
                "employés",
                "dipendenti",
                "users",
                "\n",
                "\n\n",
                ". ",
                ", ",
                "(",
                ")",
                "«",
                "»",
                "12 Apr 2023",
                "mardi 29 novembre",
                "-",
            ]
        ),
    ),
    max_size=60,
).map(" ".join)


def _run(name: str, data: bytes, lang: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            result = check([path], settings=Settings(lang=lang, debug=True))
        except InputError:  # nothing readable in it: said, exit 2 in the CLI
            return
        for row in result.assertions.itertuples():
            assert row.number_text in row.sentence


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSLIKE, st.sampled_from([None, "it", "fr", "ar", "en"]))
def test_any_text_goes_through_the_whole_pipeline(text, lang):
    _run("article.txt", text.encode("utf-8"), lang)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl", "a.csv"]))
def test_any_bytes_in_any_kind_of_file(data, name):
    _run(name, data)
