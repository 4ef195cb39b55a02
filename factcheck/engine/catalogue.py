"""rules/checks/*.yaml -> Rules: loaded with a safe YAML loader and validated (the sentence's template
against the fields of its kind included); never executed."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from factcheck.engine.explain import template_fields
from factcheck.engine.registry import KINDS
from factcheck.engine.rule import Explanation, Level, Rule
from factcheck.errors import Problem, RuleFileError, UsageError
from factcheck.models import SEVERITIES
from factcheck.yamlfile import YamlProblem, line_of, load_yaml, suggest

TOP_KEYS = (
    "code",
    "name",
    "kind",
    "summary",
    "why",
    "example",
    "parameters",
    "severity",
    "explanation",
    "cases",
)
LEVEL_KEYS = ("relative_gap", "points_gap")
SEVERITY_KEYS = ("high", "medium", "hedged_lowers", "exact_raises")
CODE = re.compile(r"^FC\d{3}$")
Bad = Callable[..., None]  # bad(node, key, field, message, choices=(), word=None): one problem of the file


def _parse(path: Path, data: Any, problems: list[Problem]) -> Rule | None:
    """The rule of one file, or None with its problems added to ``problems``."""
    start = len(problems)

    def bad(
        node: Any, key: str | None, fld: str, msg: str, choices: tuple[str, ...] = (), word: str | None = None
    ) -> None:
        """One problem, at the line of ``key`` in ``node``; "did you mean" the choice closest to ``word``
        (default: the key)."""
        word = word or key
        problems.append(
            Problem(
                str(path), line_of(node, key), fld, msg, suggest(word, choices) if word and choices else None
            )
        )

    if not isinstance(data, dict):
        bad(data, None, "file", "expected a mapping with code, name, kind, ...")
        return None
    _check_top(data, bad)
    kind = data.get("kind")
    params = _parameters(data, kind, bad)
    levels, switches = _severity(data, bad)
    explanation = _explanation(data, kind, bad)
    cases = _cases(data, bad)
    if len(problems) > start:
        return None
    return Rule(
        str(data["code"]),
        data["name"],
        kind,
        data["summary"].strip(),
        str(data.get("why", "")).strip(),
        params,
        levels,
        switches["hedged_lowers"],
        str(path),
        cases,
        switches["exact_raises"],
        explanation,
    )


def _check_top(data: dict[str, Any], bad: Bad) -> None:
    """The top-level keys: known ones only, the required ones as text, a code of the form FC123, a known kind."""
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
        bad(
            data, "kind", "kind", f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}", tuple(KINDS), word=kind
        )


def _parameters(data: dict[str, Any], kind: Any, bad: Bad) -> dict[str, float]:
    """The kind's parameters: its defaults, with the file's values (known names, numbers >= 0)."""
    known = isinstance(kind, str) and kind in KINDS
    params = dict(KINDS[kind].parameters) if known else {}
    given = data.get("parameters") or {}
    if not isinstance(given, dict):
        bad(data, "parameters", "parameters", "expected a mapping of name: number")
        given = {}
    if not known:  # an unknown kind is said once: its parameters cannot be checked
        return params
    for key, value in given.items():
        if key not in params:
            bad(given, key, f"parameters.{key}", f"not a parameter of a {kind} rule", tuple(params))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            bad(given, key, f"parameters.{key}", f"must be a number >= 0, not {value!r}")
        elif key == "rounding_digits" and (value < 1 or value != int(value)):
            bad(given, key, f"parameters.{key}", f"must be a whole number of digits >= 1, not {value!r}")
        else:
            params[key] = float(value)
    return params


def _severity(data: dict[str, Any], bad: Bad) -> tuple[tuple[Level, ...], dict[str, bool]]:
    """The severity levels (high, then medium) and the switches hedged_lowers and exact_raises."""
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
            level = _level(sev, key, value, bad)
            if level is not None:
                levels.append(level)
        else:
            bad(sev, key, f"severity.{key}", "unknown key", SEVERITY_KEYS)
    levels.sort(key=lambda lv: SEVERITIES.index(lv.name))
    return tuple(levels), switches


def _level(sev: dict[str, Any], key: str, value: Any, bad: Bad) -> Level | None:
    if not isinstance(value, dict):
        bad(sev, key, f"severity.{key}", "expected relative_gap and points_gap")
        return None
    for k, v in value.items():
        if k not in LEVEL_KEYS:
            bad(value, k, f"severity.{key}.{k}", "unknown key", LEVEL_KEYS)
        elif isinstance(v, bool) or not isinstance(v, (int, float)):
            bad(value, k, f"severity.{key}.{k}", f"must be a number, not {v!r}")
    return Level(key, float(value.get("relative_gap", 0)), float(value.get("points_gap", 0)))


def _explanation(data: dict[str, Any], kind: Any, bad: Bad) -> Explanation:
    """The rule's sentence: a template (``text``, with its ``clauses``, or the template alone), each
    naming only the fields of its kind (kinds.py computes, explain.py gives the fields)."""
    given = data.get("explanation") if "explanation" in data else _bundled_explanation(data, kind)
    if isinstance(given, str):
        given, node, key = {"text": given}, data, "explanation"
    elif isinstance(given, dict) and isinstance(given.get("text"), str):
        node, key = given, "text"
    else:
        bad(data, "explanation" if "explanation" in data else None, "explanation", _EXPLANATION_FORM)
        return Explanation("")
    words = KINDS[kind].words if isinstance(kind, str) and kind in KINDS else None
    clauses = {name: text for name, text in given.items() if name != "text"}
    for name, text in clauses.items():
        if words is not None and name not in words.clauses:
            choices = words.clauses
            bad(
                given,
                name,
                f"explanation.{name}",
                f"not a clause of a {kind} rule; clauses: {', '.join(choices) or 'none'}",
                choices,
            )
        elif not isinstance(text, str):
            bad(given, name, f"explanation.{name}", "expected a template, as text")
        elif words is not None:
            _check_template(text, words.fields, (given, name, f"explanation.{name}"), kind, bad)
    if words is not None:
        _check_template(given["text"], words.fields + words.clauses, (node, key, "explanation"), kind, bad)
    return Explanation(given["text"], {k: v for k, v in clauses.items() if isinstance(v, str)})


def _bundled_explanation(data: dict[str, Any], kind: Any) -> Any:
    """For a rule file written before rules carried their sentence (copied by an older ``factcheck
    init``): the sentence of the bundled rule of the same code, else of the same kind; None if none."""
    found = _bundled_explanations()
    return found.get(f"code:{data.get('code')}", found.get(f"kind:{kind}"))


@cache
def _bundled_explanations() -> dict[str, Any]:
    """The bundled rules' sentences by "code:FC101" and by "kind:disagreement", read once."""
    from factcheck.settings import default_rules_dir

    found: dict[str, Any] = {}
    for path in sorted((default_rules_dir() / "checks").glob("*.yaml")):
        try:
            rule = load_yaml(path)
        except YamlProblem:
            continue
        if isinstance(rule, dict) and "explanation" in rule:
            found.setdefault(f"code:{rule.get('code')}", rule["explanation"])
            found.setdefault(f"kind:{rule.get('kind')}", rule["explanation"])
    return found


_EXPLANATION_FORM = (
    "required: the rule's sentence, a template of named fields ({entity}, {value_a}, ...), "
    "or a mapping of text: the template and its clauses (rules/README.md)"
)


def _check_template(
    text: str, allowed: tuple[str, ...], where: tuple[Any, str, str], kind: str, bad: Bad
) -> None:
    """Every field of the template ``text`` is one the kind gives (``allowed``)."""
    node, key, fld = where
    try:
        names = template_fields(text)
    except ValueError as exc:
        bad(node, key, fld, f"not a template: {exc} (write a brace itself as {{{{ or }}}})")
        return
    for name in dict.fromkeys(names):
        if name not in allowed:
            message = f"unknown field {{{name}}}; fields of a {kind} rule: {', '.join(allowed)}"
            bad(node, key, fld, message, allowed, word=name)


def _cases(data: dict[str, Any], bad: Bad) -> tuple[Any, ...]:
    """The rule's named cases: each with a name, assertions (a list) and expect (a list)."""
    cases = data.get("cases") or []
    if not isinstance(cases, list):
        bad(data, "cases", "cases", "expected a list of named cases")
        return ()
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
    return tuple(cases)


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
