"""A figure restated in another unit ("$3.24 billion (€3.02 billion)") is compared with other articles'
figures in that unit alone, never with the figure it restates nor with another restated figure."""

from __future__ import annotations

from factcheck.engine.cases import case_frame
from factcheck.group import pairs


def test_a_restated_figure_pairs_with_other_articles_figures_in_its_unit_alone():
    table = case_frame(
        [
            {"id": "dollars", "value": 3.24e9, "unit": "USD", "doc_id": "one", "link_id": "euros"},
            {
                "id": "euros",
                "value": 3.02e9,
                "unit": "EUR",
                "doc_id": "one",
                "role": "restated",
                "link_id": "dollars",
            },
            {"id": "other", "value": 3.0e9, "unit": "EUR", "doc_id": "two"},
            {"id": "other_dollars", "value": 3.3e9, "unit": "USD", "doc_id": "three"},
            {"id": "francs", "value": 3.0e9, "unit": "CHF", "doc_id": "four", "link_id": "euros_too"},
            {
                "id": "euros_too",
                "value": 3.05e9,
                "unit": "EUR",
                "doc_id": "four",
                "role": "restated",
                "link_id": "francs",
            },
        ],
        apart=True,
    )
    table["metric"], table["metric_dimension"], table["metric_kind"] = "acquisition_price", "money", "price"
    p = pairs(table)
    ids = p.rows["assertion_id"].to_numpy()[p.perm]
    paired = {frozenset((ids[i], ids[j])) for i, j in zip(p.i, p.j, strict=True)}
    assert frozenset(("euros", "other")) in paired  # the euros of two articles
    assert frozenset(("dollars", "other_dollars")) in paired
    assert frozenset(("dollars", "euros")) not in paired  # a figure and its restatement
    assert frozenset(("euros", "other_dollars")) not in paired  # a conversion is compared in its unit alone
    assert frozenset(("euros", "euros_too")) not in paired  # two conversions
