"""The resolvers, per language: each sentence of tests/cases/resolve/<lang>.yaml (not from the seeds),
read by the whole pipeline up to claims, gives the expected entity, metric, signed value,
attribution, period and time basis for each number named in the case."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from factcheck.models import Document
from factcheck.quantities import article_quantities
from factcheck.quantities.lexicon import available_languages
from factcheck.resolve import load_knowledge, resolve_article
from factcheck.segment import RepeatTracker, segment

CASES = Path(__file__).parent / "cases" / "resolve"
FIELDS = (
    "entity",
    "metric",
    "value",
    "attribution",
    "period_start",
    "period_end",
    "time_basis",
    "derived",
    "role",
    "claimant",
    "unsure",
    "scope",
    "stage",
    "counted",  # the noun phrase an unmapped figure counts: null where none is a plain count of it
    "subject_kind",
    "unit",  # the quantity's unit (an amount's currency)
)


_ATTRIBUTES = {"claimant": "attribution", "unsure": "attribution"}  # fields read from another attribute


def _cases():
    for lang in available_languages():
        for case in yaml.safe_load((CASES / f"{lang}.yaml").read_text(encoding="utf-8"))["cases"]:
            yield pytest.param(lang, case, id=f"{lang}: {case['name']}")


@pytest.fixture(scope="module")
def read(lexicons):
    kb = load_knowledge(ROOT / "rules")

    def claims(text: str, lang: str, published: date | None):
        doc = Document(doc_id="case", path="case", text=text, lang=lang, published=published)
        return [
            c
            for a in segment(doc, lexicons, RepeatTracker(), lang)
            for c in resolve_article(a, article_quantities(a, lexicons), lexicons, kb)
        ]

    return claims


def test_every_language_has_resolver_cases():
    assert {p.stem for p in CASES.glob("*.yaml")} >= set(available_languages())


@pytest.mark.parametrize("lang, case", list(_cases()))
def test_resolver_case(read, lang, case):
    claims = read(case["text"], lang, case.get("published"))
    for want in case["expect"]:
        found = [c for c in claims if want["number"] in c.quantity.text]
        assert found, (
            f"{case['text']!r}: no claim for {want['number']!r} in {[c.quantity.text for c in claims]}"
        )
        c = found[0]
        unknown = set(want) - {"number", *FIELDS}
        assert not unknown, f"{want['number']}: no such field to check: {sorted(unknown)}"
        for key in FIELDS:
            if key not in want:
                continue
            actual = c.quantity.unit if key == "unit" else getattr(c, _ATTRIBUTES.get(key, key))
            expected = want[key]
            if key == "claimant":  # exactly this claimant, said for sure
                assert (actual, c.attribution_unsure) == (expected, ()), (
                    f"{want['number']}: claimant {actual!r} (unsure: {c.attribution_unsure}), expected {expected!r}"
                )
            elif key == "unsure":  # no claimant said, and these named as the possible ones
                assert (actual, set(c.attribution_unsure)) == (None, set(expected)), (
                    f"{want['number']}: claimant {actual!r} (unsure: {c.attribution_unsure}), expected unsure {expected}"
                )
            elif key == "attribution":
                assert (expected is None and actual is None) or (
                    expected is not None and actual and expected in actual
                ), f"{want['number']}: attribution {actual!r}, expected {expected!r}"
            elif isinstance(expected, float | int) and not isinstance(expected, bool) and actual is not None:
                assert math.isclose(actual, expected, rel_tol=1e-9), (
                    f"{want['number']}: {key} {actual} != {expected}"
                )
            else:
                assert actual == expected, f"{want['number']}: {key} {actual!r} != {expected!r}"
    for absent in case.get("no_claim", []):
        assert not [c for c in claims if absent in c.quantity.text], (
            f"{case['text']!r}: {absent!r} should give no claim"
        )


_ARCHIVE = """Premier billet : les annonceurs fuient

Premier billet : les annonceurs fuient

Publié le mardi 28 novembre, ce billet parle de 40 annonceurs.

Deuxième billet sans date

Deuxième billet sans date

Un billet qui ne dit pas quand il a été écrit, sur 300 salariés, après les annonces de début juillet.

Troisième billet : le rachat

Troisième billet : le rachat

Le mercredi 29 juin, 12 ingénieurs sont partis.
"""


def test_articles_of_an_archive_take_their_own_or_their_neighbours_dates(lexicons):
    doc = Document(doc_id="archive", path="archive", text=_ARCHIVE, lang="fr", published=date(2023, 12, 1))
    first, second, third = segment(doc, lexicons, RepeatTracker(), "fr")
    assert (first.published, first.date_basis) == (
        date(2023, 11, 28),
        "own",
    )  # the weekday fixes the year: 2023
    assert (third.published, third.date_basis) == (date(2022, 6, 29), "own")  # a Wednesday 29 June: 2022
    assert second.date_basis == "archive"
    assert (second.published_from, second.published) == (
        date(2023, 7, 1),
        date(2023, 11, 28),
    )  # after early July, before the post above


def test_a_dateline_dates_a_one_article_file_without_a_manifest_date(lexicons):
    doc = Document(
        doc_id="one",
        path="one",
        text="Pubblicato il 12 Apr 2023\n\nL'azienda ha 300 dipendenti.",
        lang="it",
        published=None,
    )
    (article,) = segment(doc, lexicons, RepeatTracker(), "it")
    assert (article.published, article.date_basis) == (date(2023, 4, 12), "own")


@pytest.mark.parametrize(
    "lang, text, day",
    [
        (
            "it",
            "Bologna, 20 maggio 2024.\n\nIl Comune stima danni per 2 miliardi di euro.",
            date(2024, 5, 20),
        ),
        (
            "fr",
            "PARIS (AFP) — 12 mars — Le budget voté le 3 janvier 2024 atteint 2 milliards.\n\nSuite.",
            date(2024, 3, 12),
        ),
        ("ar", "القاهرة - 3 يونيو 2024 - قال الوزير إن 30 شخصا لقوا حتفهم.", date(2024, 6, 3)),
        (
            "en",
            "Floods in Emilia: the toll on 20 May 2024\n\nThirty people died, officials said.",
            date(2024, 5, 20),
        ),
        (
            "en",
            "Floods: the toll rises\n\nBy Jane Doe | 21 May 2024\n\nThirty people died.",
            date(2024, 5, 21),
        ),
        ("it", "Il bilancio dell'alluvione\n\nIl 20 maggio 2024 sono morte 14 persone.", None),
        (
            "fr",
            "Dimanche 29 décembre, un avion s'est écrasé à Muan, causant la mort de 120 personnes. "
            "En mai 2023, un incident avait eu lieu.",
            date(2024, 12, 29),
        ),
    ],
    ids=[
        "place and day",
        "place, agency and a day without its year",
        "Arabic place and day",
        "a day in the title",
        "a byline",
        "a day in the body is not the article's",
        "a weekday and a day without a year: the year nearest the latest the article writes that fits",
    ],
)
def test_datelines_bylines_and_titles_date_an_article_without_a_manifest_date(lang, text, day, lexicons):
    doc = Document(doc_id="one", path="one", text=text, lang=lang, published=None)
    (article,) = segment(doc, lexicons, RepeatTracker(), lang)
    assert article.published == day
