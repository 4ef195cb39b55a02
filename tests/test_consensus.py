"""The consensus table: each value of an entity and metric, with the independent sources behind it."""

from __future__ import annotations

from factcheck.engine.cases import case_frame
from factcheck.group import consensus


def test_repeats_and_a_source_saying_it_again_count_once():
    table = consensus(
        case_frame(
            [
                {"id": "a", "value": 8000, "source": "paper A"},
                {"id": "b", "value": 8000, "source": "paper A"},  # the same source again
                {
                    "id": "c",
                    "value": 8000,
                    "source": "paper B",
                    "is_repeat": True,
                },  # a repeat: not independent
                {"id": "d", "value": 8000, "source": "paper C"},
                {"id": "e", "value": 7500, "source": "paper D"},
            ]
        )
    )
    rows = {r.value: r for r in table.itertuples()}
    assert rows[8000].sources == 2 and rows[8000].source_names == "paper A; paper C" and rows[8000].consensus
    assert rows[7500].sources == 1 and not rows[7500].consensus


def test_a_tie_has_no_consensus():
    table = consensus(
        case_frame([{"id": "a", "value": 8000, "source": "A"}, {"id": "b", "value": 7500, "source": "B"}])
    )
    assert not table["consensus"].any()


def test_on_the_seeds_the_purchase_price_is_backed_by_three_sources(seed_result):
    c = seed_result.consensus
    price = c[(c["entity"] == "twitter") & (c["metric"] == "acquisition_price") & c["consensus"]]
    assert list(zip(price["value"], price["unit"], price["sources"], strict=False)) == [(44e9, "USD", 3)]
