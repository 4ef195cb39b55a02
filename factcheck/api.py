"""check(paths) -> Result: the one place that knows the order of the pipeline stages."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from factcheck.assertions import frame, rows
from factcheck.cache import session
from factcheck.engine import Findings, Rule, load_rules, run_rules
from factcheck.errors import InputError, UsageError
from factcheck.group import consensus
from factcheck.load import SUPPORTED, Inputs, Skipped, find_inputs, read_documents
from factcheck.models import SEVERITIES
from factcheck.quantities.lexicon import available_languages, load_lexicon
from factcheck.resolve import date_articles, load_knowledge, resolve_article
from factcheck.segment import RepeatTracker, segment
from factcheck.settings import Settings, default_corpus


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

    @cached_property
    def consensus(self) -> pd.DataFrame:
        """Per entity and metric, each value with the number of independent sources behind it, and
        the value most of them back (columns in README.md)."""
        return consensus(self.assertions)

    def to_json(self) -> str:
        """The whole run as one JSON document (what ``--json`` writes)."""
        from factcheck.report.export import to_json

        return to_json(self)

    def to_html(self) -> str:
        """The report as one self-contained HTML page (what ``--html`` writes)."""
        from factcheck.report.html import to_html

        return to_html(self)

    def to_xlsx(self, path: str | Path) -> None:
        """The conflicts, trends, consensus and assertions as an Excel workbook (what ``--xlsx`` writes)."""
        from factcheck.report.export import write_xlsx

        write_xlsx(self, Path(path), frozenset(Path(p).resolve() for p in self.inputs))

    def to_csv(self, path: str | Path | None = None) -> str | None:
        """The conflicts as CSV: written to ``path`` (atomically), or returned as text."""
        from factcheck.report.export import conflicts_csv, write_conflicts

        if path is None:
            return conflicts_csv(self.conflicts)
        write_conflicts(self.conflicts, Path(path), frozenset(Path(p).resolve() for p in self.inputs))
        return None

    @property
    def unmapped(self) -> pd.DataFrame:
        """The most frequent words that unmapped numbers count: candidates for rules/concepts.yaml."""
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


def input_paths(paths: str | Path | Iterable[str | Path] | None) -> list[Path]:
    """What ``check`` reads: one path (a str is one path, never a sequence of letters; "corpus/" is
    that folder) or each path of a list; none: the bundled seeds."""
    if paths is None:
        return [default_corpus()]
    listed = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not listed:
        return [default_corpus()]
    for p in listed:
        if not isinstance(p, (str, os.PathLike)):
            raise UsageError(f"cannot read {p!r} as a path", hint="give a path, a string, or a list of them")
        if not str(p):
            raise UsageError("an empty path was given", hint='name a file or folder ("." for this folder)')
    return [Path(p) for p in listed]


def check(
    paths: str | Path | Iterable[str | Path] | None = None,
    rules: str | Path | None = None,
    settings: Settings | None = None,
    *,
    min_severity: str | None = None,
    assertions_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Result:
    """Read ``paths`` (a file or folder, or a list of them, as str or Path; "-" for standard input;
    default: the bundled seeds), and check every figure in them.

    ``rules`` is a rules folder (default: the bundled rules/); ``min_severity`` drops weaker conflicts;
    ``assertions_only`` stops before the rules (``factcheck extract``); ``progress(done, total)`` is
    called after each document is read (the CLI draws a progress bar with it).
    Raises FactcheckError subclasses for what the user must fix (bad rules, unknown language);
    unreadable inputs are listed in ``Result.skipped`` and never stop the run.
    """
    with session():  # patterns compiled, files parsed in an earlier run are not done again
        return _check(paths, rules, settings, min_severity, assertions_only, progress)


def _check(
    paths: str | Path | Iterable[str | Path] | None,
    rules: str | Path | None,
    settings: Settings | None,
    min_severity: str | None,
    assertions_only: bool,
    progress: Callable[[int, int], None] | None,
) -> Result:
    run = prepare(paths, rules, settings, min_severity)
    part = read_part(run.inputs, run.settings, RepeatTracker(), progress=progress)
    something_read(run, [part])
    return finish(run, [part], run_rules([] if assertions_only else list(run.rules), part.assertions))


@dataclass(frozen=True)
class Run:
    """What a run is given, checked: its settings, rules, inputs and what was skipped finding them."""

    settings: Settings
    rules: tuple[Rule, ...]
    inputs: Inputs
    skipped: tuple[Skipped, ...]
    min_severity: str | None


@dataclass
class Part:
    """What stages 1-5 make of some of the inputs (all of them, or one partition of a cluster run)."""

    assertions: pd.DataFrame
    skipped: list[Skipped]
    paths_by_doc: dict[str, str]
    urls_by_doc: dict[str, str | None]
    doc_ids: list[str]  # every document id given out, read or not (ids stay unique across parts)
    n_articles: int
    n_repeats: int
    rows_at: list[tuple[int, int]]  # per assertion: (article, sentence) ordinals, for repeats decided later


def prepare(
    paths: str | Path | Iterable[str | Path] | None,
    rules: str | Path | None,
    settings: Settings | None,
    min_severity: str | None,
) -> Run:
    """Check what a run is given and find its input files (stage 1's first half)."""
    settings = settings or Settings()
    if rules is not None:
        settings = replace(settings, rules_dir=Path(rules))
    if min_severity is not None and min_severity not in SEVERITIES:
        raise UsageError(f"unknown severity {min_severity!r}", hint=f"one of {', '.join(SEVERITIES)}")
    languages = available_languages()
    if settings.lang is not None and settings.lang not in languages:
        raise UsageError(f"unsupported language {settings.lang!r}", hint=f"supported: {', '.join(languages)}")
    load_knowledge(settings.rules_dir)  # a broken rules folder stops the run before any input is read
    rule_list = load_rules(settings.rules_dir, settings.select, settings.ignore)
    skipped: list[Skipped] = []
    inputs = find_inputs(input_paths(paths), settings.inputs, skipped)
    return Run(settings, tuple(rule_list), inputs, tuple(skipped), min_severity)


def read_part(
    inputs: Inputs,
    settings: Settings,
    repeats: RepeatTracker,
    *,
    seen: set[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Part:
    """Stages 1-5 over ``inputs``, one document at a time: load, segment (repeats told by ``repeats``),
    resolve, and the assertions table. ``seen`` holds document ids given out by earlier parts."""
    languages = available_languages()
    kb = load_knowledge(settings.rules_dir)
    lexicons = {code: load_lexicon(code) for code in languages}
    skipped: list[Skipped] = []
    seen = set() if seen is None else set(seen)
    before = set(seen)
    claims, n_articles, n_repeats, rows_at = [], 0, 0, []
    paths_by_doc: dict[str, str] = {}
    urls_by_doc: dict[str, str | None] = {}
    files_done, last_path = 0, None
    for doc in read_documents(inputs, settings.inputs, skipped, seen):
        if doc.path != last_path:
            files_done, last_path = files_done + 1, doc.path
            if progress is not None:
                progress(files_done, len(inputs.files))
        if doc.lang is not None and doc.lang not in lexicons:
            skipped.append(
                Skipped(
                    doc.path,
                    f"language {doc.lang!r} is not supported ({', '.join(languages)}); document {doc.doc_id} not read",
                )
            )
            continue
        try:
            articles = date_articles(segment(doc, lexicons, repeats, settings.lang), lexicons)
            found, at = [], []
            for n, article in enumerate(articles, start=n_articles):
                ordinal = {(s.start, s.end): i for i, s in enumerate(article.sentences)}
                for claim in resolve_article(article, lexicons, kb):
                    found.append(claim)
                    at.append((n, ordinal.get((claim.sentence.start, claim.sentence.end), -1)))
        except Exception as exc:  # a bug must not lose the rest of the run; --debug shows it
            if settings.debug:
                raise
            skipped.append(
                Skipped(
                    doc.path,
                    f"document {doc.doc_id} could not be checked (internal error: {type(exc).__name__}: {exc}); "
                    "please report it, with --debug for the details",
                )
            )
            continue
        paths_by_doc[doc.doc_id], urls_by_doc[doc.doc_id] = doc.path, doc.url
        n_articles += len(articles)
        n_repeats += sum(a.is_repeat for a in articles)
        claims.extend(found)
        rows_at.extend(at)
    assertions = frame(rows(claims, kb))
    assertions["path"] = assertions["doc_id"].map(paths_by_doc)
    assertions["url"] = assertions["doc_id"].map(urls_by_doc)
    doc_ids = sorted(seen - before)
    return Part(assertions, skipped, paths_by_doc, urls_by_doc, doc_ids, n_articles, n_repeats, rows_at)


def something_read(run: Run, parts: list[Part]) -> None:
    """Raise InputError, saying why, when no document of any part could be read."""
    if not any(p.paths_by_doc for p in parts):
        skipped = list(run.skipped) + [s for p in parts for s in p.skipped]
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5]) or "no files given"
        raise InputError(
            "inputs", f"nothing could be read ({reasons})", hint=f"supported files: {', '.join(SUPPORTED)}"
        )


def finish(run: Run, parts: list[Part], findings: Findings) -> Result:
    """The Result of a run from its parts (in input order) and the findings of the rules over them."""
    something_read(run, parts)
    skipped = list(run.skipped) + [s for p in parts for s in p.skipped]
    paths_by_doc = {k: v for p in parts for k, v in p.paths_by_doc.items()}
    assertions = (
        parts[0].assertions
        if len(parts) == 1
        else pd.concat([p.assertions for p in parts], ignore_index=True)
    )
    conflicts = findings.conflicts
    min_severity = run.min_severity
    if min_severity is not None and not conflicts.empty:
        conflicts = conflicts[
            conflicts["severity"].map(SEVERITIES.index) <= SEVERITIES.index(min_severity)
        ].reset_index(drop=True)
    summary = {
        "documents": len(paths_by_doc),
        "articles": sum(p.n_articles for p in parts),
        "repeated_articles": sum(p.n_repeats for p in parts),
        "sources": assertions["source"].nunique() if len(assertions) else 0,
        "languages": ", ".join(sorted(assertions["lang"].dropna().unique())) if len(assertions) else "",
        "assertions": len(assertions),
        "mapped": int((assertions["metric"] != "unmapped").sum()),
        "groups": int(
            assertions.loc[assertions["metric"] != "unmapped"].groupby(["entity", "metric"]).ngroups
        )
        if len(assertions)
        else 0,
        "conflicts": len(conflicts),
        "trends": len(findings.trends),
        "skipped": sum(s.level == "skipped" for s in skipped),
    }
    return Result(
        assertions,
        conflicts,
        findings.trends,
        tuple(skipped),
        summary,
        run.rules,
        tuple(dict.fromkeys(paths_by_doc.values())),
    )
