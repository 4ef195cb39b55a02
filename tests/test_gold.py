"""The seeds against what a careful fact-checker finds in them (tests/gold/seeds.yaml, a copy of shared/gold)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import GOLD_FOUND, listed, norm

GOLD = yaml.safe_load((Path(__file__).parent / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
# Gold conflicts the pipeline does not reach yet, and why. Strict: one that starts passing fails until removed here.
NOT_YET: dict[str, str] = {}


def _claim_matches(row, claim: dict) -> bool:
    docs = [str(d) for d in listed(claim["doc"])]
    if (
        row["doc_id"] not in docs
        or row["value"] is None
        or not math.isclose(row["value"], claim["value"], rel_tol=1e-6)
    ):
        return False
    if not any(norm(q) in norm(row["sentence"]) for q in listed(claim["quote"])):
        return False
    if "unit" in claim and row["unit"] != claim["unit"]:
        return False
    if "qualifier" in claim and row["qualifier"] != claim["qualifier"]:
        return False
    return not ("attribution" in claim and norm(claim["attribution"]) not in norm(row["attribution"] or ""))


def _conflict_rows(result, conflict) -> list:
    ids = [
        conflict["a_assertion_id"],
        conflict["b_assertion_id"],
        *str(conflict["other_assertion_ids"] or "").split(),
    ]
    a = result.assertions.set_index("assertion_id")
    return [a.loc[i].to_dict() | {"assertion_id": i} for i in ids if i in a.index]


def _covers(rows: list, claims: list[dict]) -> bool:
    """Each claim matched by a different assertion of the conflict."""
    used: set[str] = set()
    for claim in claims:
        hit = next((r for r in rows if r["assertion_id"] not in used and _claim_matches(r, claim)), None)
        if hit is None:
            return False
        used.add(hit["assertion_id"])
    return True


def _pairs_within(rows: list, claims: list[dict]) -> bool:
    """Whether two different claims of the list are both matched by the conflict's assertions."""
    matched = {i for i, claim in enumerate(claims) for r in rows if _claim_matches(r, claim)}
    return len(matched) >= 2 if len(claims) > 1 else bool(matched)


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(
            e,
            id=e["id"],
            marks=[pytest.mark.xfail(reason=NOT_YET[e["id"]], strict=True)] if e["id"] in NOT_YET else [],
        )
        for e in GOLD["conflicts"]
    ],
)
def test_gold_conflict_is_reported(seed_result, entry, request):
    metrics = [m.strip() for m in entry["metric"].split("/")]
    found = any(
        c["entity"] == entry["entity"]
        and c["metric"] in metrics
        and _covers(_conflict_rows(seed_result, c), entry["claims"])
        for _, c in seed_result.conflicts.iterrows()
    )
    request.config.stash[GOLD_FOUND][entry["id"]] = found
    assert found, f"gold conflict {entry['id']} not reported: {entry['why']}"


@pytest.mark.parametrize("entry", [e for e in GOLD["not_conflicts"] if "claims" in e], ids=lambda e: e["id"])
def test_gold_look_alike_is_not_a_conflict(seed_result, entry):
    for _, c in seed_result.conflicts.iterrows():
        rows = _conflict_rows(seed_result, c)
        assert not _pairs_within(rows, entry["claims"]), (
            f"{entry['id']} reported as conflict {c['conflict_id']}: {c['explanation']}"
        )


def test_every_gold_claim_quote_is_in_the_seeds():
    """The gold file and the seeds agree (a quote the tests look for must exist verbatim)."""
    seeds = {
        p.stem: norm(p.read_text(encoding="utf-8"))
        for p in (Path(__file__).parent.parent / "seeds").glob("*.txt")
    }
    for entry in GOLD["conflicts"] + GOLD["not_conflicts"]:
        for claim in entry.get("claims", []):
            for doc in listed(claim["doc"]):
                if any(norm(q) in seeds[str(doc)] for q in listed(claim["quote"])):
                    break
            else:
                pytest.fail(f"{entry['id']}: no quote of {claim} found in its document")


def test_navigation_lines_yield_no_assertion(seed_result):
    nav = next(e for e in GOLD["not_conflicts"] if e["id"] == "navigation-boilerplate")
    for claim in nav["claims"]:
        hits = [r for _, r in seed_result.assertions.iterrows() if _claim_matches(r, claim)]
        assert not hits, f"navigation headline produced assertions: {claim['quote']}"


def test_repeated_posts_never_conflict_with_themselves(seed_result):
    a = seed_result.assertions.set_index("assertion_id")
    assert a["is_repeat"].any(), "the seeds repeat posts; some assertions must be marked as repeats"
    for _, c in seed_result.conflicts.iterrows():
        ids = [c["a_assertion_id"], c["b_assertion_id"]]
        assert not a.loc[ids, "is_repeat"].any(), f"conflict {c['conflict_id']} uses a repeated assertion"
        same_claim = [(norm(a.loc[i, "sentence"]), a.loc[i, "number_text"]) for i in ids]
        assert same_claim[0] != same_claim[1], f"conflict {c['conflict_id']} pairs a claim with its own copy"


def test_cookie_banners_yield_no_assertion(seed_result):
    banner = [s for s in seed_result.assertions["sentence"] if "cookie" in norm(s)]
    assert not banner, f"a cookie banner produced assertions: {banner[:2]}"


def test_each_post_of_the_archive_has_a_date_of_its_own_or_between_its_neighbours(seed_result):
    a = seed_result.assertions
    posts = a[a["doc_id"] == "002_c54355be08307aaa"]
    assert set(posts["time_basis"]) - {"explicit", "event", "published", "archive"} == set()
    manifest_dated = posts[
        (posts["time_basis"] == "published") & (posts["published"] == pd.Timestamp("2023-11-30"))
    ]
    assert manifest_dated.empty, "a post of the archive page took the page's date: " + "; ".join(
        manifest_dated["sentence"].head(2)
    )
