"""Every claim quoted in tests/gold/seeds.yaml that names an entity and a metric has an assertion, in
the CSV that `factcheck run --assertions a.csv` writes for the seeds, with that entity, metric, value
(with its sign), unit and a period consistent with its `when` (tests/gold/when.yaml turns the human
wording into dates)."""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from conftest import listed, norm

from factcheck.cli import main

HERE = Path(__file__).parent
GOLD = yaml.safe_load((HERE / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
WHEN = yaml.safe_load((HERE / "gold" / "when.yaml").read_text(encoding="utf-8"))
TOLERANCE = timedelta(days=WHEN["tolerance_days"])


def _claims():
    for entry in GOLD["conflicts"] + GOLD["not_conflicts"]:
        if "entity" not in entry or "metric" not in entry:
            continue
        for claim in entry["claims"]:
            quotes = listed(claim["quote"])
            window = next(
                (WHEN["claims"][q] for q in quotes if q in WHEN["claims"]), WHEN["entries"].get(entry["id"])
            )
            yield pytest.param(entry, claim, window, id=f"{entry['id']}: {quotes[0]}")


@pytest.fixture(scope="module")
def cli_assertions(tmp_path_factory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("run") / "a.csv"
    result = CliRunner().invoke(main, ["run", "--assertions", str(path), "--format", "plain"])
    assert result.exit_code == 0, result.output
    return pd.read_csv(
        path, parse_dates=["period_start", "period_end"], keep_default_na=False, na_values=[""]
    )


def _meets(row, window: dict | None) -> bool:
    if window is None:
        return True
    start, end = (
        row["period_start"],
        row["period_end"] if pd.notna(row["period_end"]) else row["period_start"],
    )
    if pd.isna(end):
        return False
    lo, hi = window["from"] - TOLERANCE, window["to"] + TOLERANCE
    return (pd.isna(start) or start.date() <= hi) and end.date() >= lo  # no start: "no later than" its end


@pytest.mark.parametrize("entry, claim, window", list(_claims()))
def test_gold_claim_has_its_assertion(cli_assertions, entry, claim, window):
    a = cli_assertions
    metrics = [m.strip() for m in entry["metric"].split("/")]
    rows = a[
        a["doc_id"].isin([str(d) for d in listed(claim["doc"])])
        & a["sentence"].map(lambda s: any(norm(q) in norm(s) for q in listed(claim["quote"])))
    ]
    assert len(rows), f"no assertion in the sentence of {claim['quote']!r}"
    described = [
        (r.entity, r.metric, r.value, r.unit, str(r.period_start)[:10], str(r.period_end)[:10])
        for r in rows.itertuples()
    ]
    hits = rows[
        (rows["entity"] == entry["entity"])
        & rows["metric"].isin(metrics)
        & rows["value"].map(
            lambda v: v is not None and not pd.isna(v) and math.isclose(v, claim["value"], rel_tol=1e-6)
        )
        & (rows["unit"].fillna("") == claim["unit"] if "unit" in claim else True)
    ]
    assert len(hits), (
        f"{claim['quote']!r}: no assertion with {entry['entity']}, {metrics}, {claim['value']} {claim.get('unit', '')}; found {described}"
    )
    assert any(_meets(r, window) for _, r in hits.iterrows()), (
        f"{claim['quote']!r}: no period consistent with {window} (±{TOLERANCE.days} days); found {described}"
    )
