"""rules/checks/*.yaml -> Rules: loaded with a safe YAML loader and validated; never executed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.errors import Problem, RuleFileError, UsageError
from factcheck.models import SEVERITIES
from factcheck.yamlfile import YamlProblem, line_of, load_yaml, suggest

# Each kind of rule, and the parameters it takes with their defaults.
KINDS: dict[str, dict[str, float]] = {
    "disagreement": {
        "relative_tolerance": 0.0,
        "points_tolerance": 0.0,
        "rounding_digits": 2,
        "possible_rounding": 0.25,
    },
    "dispute": {
        "relative_tolerance": 0.0,
        "points_tolerance": 0.0,
        "rounding_digits": 2,
        "possible_rounding": 0.25,
    },
    "identity": {"relative_tolerance": 0.0},
    "bound": {"relative_tolerance": 0.0},
    "stated_change": {"points_tolerance": 0.0},
    "trend": {"min_relative_change": 0.0, "min_points_change": 0.0},
}
TOP_KEYS = ("code", "name", "kind", "summary", "why", "example", "parameters", "severity", "cases")
LEVEL_KEYS = ("relative_gap", "points_gap")
CODE = re.compile(r"^FC\d{3}$")


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

    def severities(self, relative_gap: Any, points_gap: Any, percent: Any, hedged: Any) -> np.ndarray:
        """Per finding, its severity (as :meth:`grade` decides it). On arrays."""
        return self.grade(relative_gap, points_gap, percent, hedged)[0]

    def grade(
        self, relative_gap: Any, points_gap: Any, percent: Any, hedged: Any, rounded: Any = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per finding, its severity and the reasoning behind it, in words: the level its gap reaches
        (in points for percents, else relative), one lower when either side is hedged (approximate,
        a bound, derived, of unknown currency), one higher when both are exact, where the rule says
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


def _parse(path: Path, data: Any, problems: list[Problem]) -> Rule | None:
    start = len(problems)

    def bad(node: Any, key: str | None, fld: str, msg: str, choices: tuple[str, ...] = ()) -> None:
        problems.append(
            Problem(
                str(path), line_of(node, key), fld, msg, suggest(key, choices) if key and choices else None
            )
        )

    if not isinstance(data, dict):
        bad(data, None, "file", "expected a mapping with code, name, kind, ...")
        return None
    for key in data:
        if key not in TOP_KEYS:
            bad(data, key, str(key), "unknown key", TOP_KEYS)
    for key in ("code", "name", "kind", "summary"):
        if not isinstance(data.get(key), str) or not data.get(key).strip():
            bad(data, key if key in data else None, key, "required, as text")
    code = str(data.get("code", ""))
    if "code" in data and not CODE.match(code):
        bad(data, "code", "code", f"{code!r} is not of the form FC123")
    kind = data.get("kind")
    if isinstance(kind, str) and kind not in KINDS:
        bad(data, "kind", "kind", f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}", tuple(KINDS))
    params = dict(KINDS.get(kind, {})) if isinstance(kind, str) else {}
    given = data.get("parameters") or {}
    if not isinstance(given, dict):
        bad(data, "parameters", "parameters", "expected a mapping of name: number")
        given = {}
    for key, value in given.items():
        if key not in params:
            bad(given, key, f"parameters.{key}", f"not a parameter of a {kind} rule", tuple(params))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            bad(given, key, f"parameters.{key}", f"must be a number >= 0, not {value!r}")
        elif key == "rounding_digits" and (value < 1 or value != int(value)):
            bad(given, key, f"parameters.{key}", f"must be a whole number of digits >= 1, not {value!r}")
        else:
            params[key] = float(value)
    sev = data.get("severity") or {}
    levels: list[Level] = []
    switches = {"hedged_lowers": True, "exact_raises": False}
    if not isinstance(sev, dict):
        bad(data, "severity", "severity", "expected a mapping: high, medium, hedged_lowers, exact_raises")
        sev = {}
    for key, value in sev.items():
        if key in ("hedged_lowers", "exact_raises"):
            if not isinstance(value, bool):
                bad(sev, key, f"severity.{key}", "must be true or false")
            switches[key] = bool(value)
        elif key in ("high", "medium"):
            if not isinstance(value, dict):
                bad(sev, key, f"severity.{key}", "expected relative_gap and points_gap")
                continue
            for k, v in value.items():
                if k not in LEVEL_KEYS:
                    bad(value, k, f"severity.{key}.{k}", "unknown key", LEVEL_KEYS)
                elif isinstance(v, bool) or not isinstance(v, (int, float)):
                    bad(value, k, f"severity.{key}.{k}", f"must be a number, not {v!r}")
            levels.append(Level(key, float(value.get("relative_gap", 0)), float(value.get("points_gap", 0))))
        else:
            bad(
                sev,
                key,
                f"severity.{key}",
                "unknown key",
                ("high", "medium", "hedged_lowers", "exact_raises"),
            )
    levels.sort(key=lambda lv: SEVERITIES.index(lv.name))
    cases = data.get("cases") or []
    if not isinstance(cases, list):
        bad(data, "cases", "cases", "expected a list of named cases")
        cases = []
    for i, case in enumerate(cases):
        if (
            not isinstance(case, dict)
            or not isinstance(case.get("name"), str)
            or not isinstance(case.get("assertions"), list)
            or not isinstance(case.get("expect"), list)
        ):
            bad(
                case if isinstance(case, dict) else data,
                None,
                f"cases[{i}]",
                "each case needs name, assertions (a list) and expect (a list)",
            )
    if len(problems) > start:
        return None
    return Rule(
        code,
        data["name"],
        kind,
        data["summary"].strip(),
        str(data.get("why", "")).strip(),
        params,
        tuple(levels),
        switches["hedged_lowers"],
        str(path),
        tuple(cases),
        switches["exact_raises"],
    )


def closest_codes(code: str, known: list[str], n: int = 3) -> list[str]:
    """The ``n`` known rule codes closest to ``code``: by spelling, then by number (FC999 -> FC401)."""
    number = int(code[2:]) if CODE.match(code) else None

    def distance(k: str) -> tuple[float, int]:
        spelling = difflib.SequenceMatcher(None, code, k).ratio()
        return (-round(spelling, 1), abs(int(k[2:]) - number) if number is not None else 0)

    return sorted(known, key=distance)[:n]


def load_rules(rules_dir: Path, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Rule]:
    """Every rule in ``rules_dir/checks``, checked; raises RuleFileError listing all problems."""
    folder = Path(rules_dir) / "checks"
    problems: list[Problem] = []
    if not folder.is_dir():
        raise RuleFileError(
            [
                Problem(
                    str(folder),
                    None,
                    "folder",
                    "missing: a rules folder needs a checks/ folder of rule files",
                )
            ]
        )
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.y*ml")):
        try:
            data = load_yaml(path)
        except YamlProblem as exc:
            problems.append(exc.problem)
            continue
        rule = _parse(path, data, problems)
        if rule is None:
            continue
        if rule.code in seen:
            problems.append(
                Problem(
                    str(path),
                    line_of(data, "code"),
                    "code",
                    f"{rule.code} is already used by {seen[rule.code]}",
                )
            )
            continue
        seen[rule.code] = path.name
        rules.append(rule)
    if problems:
        raise RuleFileError(problems)
    for option, codes in (("--select", select), ("--ignore", ignore)):
        for code in codes:
            if code not in seen:
                raise UsageError(
                    f"unknown rule {code} in {option} (closest: {', '.join(closest_codes(code, sorted(seen)))})",
                    hint=f"factcheck rules list --rules {folder.parent} lists every rule",
                )
    return [r for r in rules if (not select or r.code in select) and r.code not in ignore]
