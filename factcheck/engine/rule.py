"""A rule of the catalogue as its file says (code, kind, parameters, severity levels, sentence), and how it
grades its findings: severities and the reasoning behind them, on arrays."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from factcheck.models import SEVERITIES


@dataclass(frozen=True)
class Explanation:
    """A rule's sentence: a template of named fields (``{entity}``, ``{value_a}``) and the clauses it
    may include (named sub-templates said only of the findings they fit, "" elsewhere)."""

    text: str
    clauses: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Level:
    name: str
    relative_gap: float
    points_gap: float


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue, as its file says."""

    code: str
    name: str
    kind: str
    summary: str
    why: str
    parameters: dict[str, float]
    levels: tuple[Level, ...]  # high, then medium; anything below is low
    hedged_lowers: bool
    path: str
    cases: tuple[Any, ...] = field(default=(), repr=False)
    exact_raises: bool = False
    explanation: Explanation = field(default=Explanation(""), repr=False)

    def severities(self, relative_gap: Any, points_gap: Any, percent: Any, hedged: Any) -> np.ndarray:
        """Per finding, its severity (as :meth:`grade` decides it). On arrays."""
        return self.grade(relative_gap, points_gap, percent, hedged)[0]

    def grade(
        self, relative_gap: Any, points_gap: Any, percent: Any, hedged: Any, rounded: Any = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per finding, its severity and the reasoning behind it, in words: the level its gap reaches
        (in points for percents, else relative), one lower when either side is hedged (approximate,
        a bound, derived, of unknown currency, undated), one higher when both are exact, where the rule says
        so; low whatever the gap where the two agree if one is a rounding of the other (``rounded``).
        On arrays."""
        rel, pts, pc, hedged = (np.asarray(x) for x in (relative_gap, points_gap, percent, hedged))
        hedged = hedged.astype(bool)
        rounded = np.zeros(len(rel), dtype=bool) if rounded is None else np.asarray(rounded, dtype=bool)
        base = np.full(len(rel), len(self.levels))
        for i, lv in reversed(
            list(enumerate(self.levels))
        ):  # the first level reached wins: high before medium
            base = np.where(np.where(pc, pts >= lv.points_gap, rel >= lv.relative_gap), i, base)
        lowered = hedged & self.hedged_lowers
        raised = ~hedged & self.exact_raises
        level = np.clip(base + lowered - raised, 0, len(SEVERITIES) - 1)
        names = np.array(SEVERITIES, dtype=object)
        reasons = self._reasons(names[base], rel, pts, pc, lowered, raised, names[level])
        level = np.where(rounded, SEVERITIES.index("low"), level)
        reasons[rounded] = [
            f"{r.rsplit(': ', 1)[0]}; but low, as they agree if one is a rounding of the other: low"
            for r in reasons[rounded].tolist()
        ]
        return names[level].astype(str), reasons

    def _reasons(
        self,
        base: np.ndarray,
        rel: np.ndarray,
        pts: np.ndarray,
        percent: np.ndarray,
        lowered: np.ndarray,
        raised: np.ndarray,
        final: np.ndarray,
    ) -> np.ndarray:
        """Each finding's severity in words, on arrays: "medium for a gap of 6.25% (medium from 5%,
        high from 25%); one level higher, both figures being exact: high"."""
        percent = percent.astype(bool)
        gap = np.empty(len(base), dtype=object)
        gap[percent] = [f"{x:g} points" for x in pts[percent].tolist()]
        gap[~percent] = [f"{100 * x:.3g}%" for x in rel[~percent].tolist()]

        def levels(points: bool) -> str:
            said = [
                f"{lv.name} from {f'{lv.points_gap:g} points' if points else f'{100 * lv.relative_gap:.3g}%'}"
                for lv in reversed(self.levels)
            ]
            return f" ({', '.join(said)})" if said else ""

        text = base + " for a gap of " + gap + np.where(percent, levels(True), levels(False)).astype(object)
        text = text + np.where(
            lowered,
            "; one level lower, a figure being hedged (approximate, a bound, derived, of unknown currency, or undated)",
            "",
        ).astype(object)
        text = text + np.where(raised, "; one level higher, both figures being exact", "").astype(object)
        stuck = (lowered | raised) & (final == base)
        text = text + np.where(
            stuck, np.where(lowered, " (already the lowest level)", " (already the highest level)"), ""
        ).astype(object)
        return text + ": " + final
