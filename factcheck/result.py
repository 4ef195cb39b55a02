"""What a run found (Result: the assertions, conflicts and trends tables, what was skipped, a summary)
and the columns of its findings tables. Depends on no writer: report/ reads a Result and writes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from factcheck.group import consensus

if TYPE_CHECKING:
    from factcheck.engine.rule import Rule
    from factcheck.load import Skipped

# The findings tables' columns, in order: those of DESIGN.md, then ours (documented in the README).
CONFLICT_COLUMNS = [
    "conflict_id",
    "rule_id",
    "rule",
    "severity",
    "entity",
    "metric",
    "a_assertion_id",
    "a_doc",
    "a_lang",
    "a_value",
    "a_unit",
    "a_quote",
    "b_assertion_id",
    "b_doc",
    "b_lang",
    "b_value",
    "b_unit",
    "b_quote",
    "other_assertion_ids",
    "gap",
    "relative_gap",
    "explanation",
    "kind",
    "a_number_text",
    "b_number_text",
    "a_source",
    "b_source",
    "a_date",
    "b_date",
    "a_attribution",
    "b_attribution",
    "a_qualifier",
    "b_qualifier",
    "severity_reason",
]
TREND_COLUMNS = [
    "trend_id",
    "rule_id",
    "entity",
    "metric",
    "unit",
    "from_assertion_id",
    "from_doc",
    "from_date",
    "from_value",
    "from_quote",
    "to_assertion_id",
    "to_doc",
    "to_date",
    "to_value",
    "to_quote",
    "change",
    "relative_change",
    "other_assertion_ids",
    "explanation",
]


@dataclass(frozen=True)
class Result:
    """What a run found. Tables are pandas DataFrames (columns in README.md)."""

    assertions: pd.DataFrame
    conflicts: pd.DataFrame
    trends: pd.DataFrame
    skipped: tuple[Skipped, ...]
    summary: dict[str, int | str]
    rules: tuple[Rule, ...] = field(default=(), repr=False)
    inputs: tuple[str, ...] = ()  # the files that were read
    weighted: bool = False  # a run over a store: the consensus also weighs sources by their reliability

    @cached_property
    def consensus(self) -> pd.DataFrame:
        """Per entity and metric, each value with the number of independent sources behind it, and
        the value most of them back (columns in README.md); when ``weighted``, also the value the
        most reliable sources back (factcheck.sources)."""
        if self.weighted:
            from factcheck.sources import weighted_consensus

            return weighted_consensus(self.assertions)
        return consensus(self.assertions)

    @property
    def unmapped(self) -> pd.DataFrame:
        """The most frequent words that unmapped numbers count: candidates for rules/concepts/."""
        a = self.assertions
        u = a[(a["metric"] == "unmapped") & a["head"].notna() & ~a["is_repeat"]]
        if u.empty:
            return pd.DataFrame(columns=["head", "lang", "count", "example"])
        g = (
            u.groupby(["head", "lang"], sort=False)
            .agg(count=("assertion_id", "size"), example=("number_text", "first"))
            .reset_index()
        )
        return g.sort_values(["count", "head"], ascending=[False, True]).reset_index(drop=True)
