"""check(paths) -> Result: the one place that knows the order of the pipeline stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from factcheck.assertions import frame, rows
from factcheck.engine import Rule, load_rules, run_rules
from factcheck.errors import InputError, UsageError
from factcheck.group import consensus
from factcheck.load import SUPPORTED, Skipped, find_inputs, read_documents
from factcheck.models import SEVERITIES
from factcheck.quantities.lexicon import available_languages, load_lexicon
from factcheck.resolve import date_articles, load_knowledge, resolve_article
from factcheck.resolve.discover import cap_conflicts, discover
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


def check(
    paths: Iterable[str | Path] | None = None,
    rules: str | Path | None = None,
    settings: Settings | None = None,
    *,
    min_severity: str | None = None,
    assertions_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Result:
    """Read ``paths`` (files or folders; default: the bundled seeds), and check every figure in them.

    ``rules`` is a rules folder (default: the bundled rules/); ``min_severity`` drops weaker conflicts;
    ``assertions_only`` stops before the rules (``factcheck extract``); ``progress(done, total)`` is
    called after each document is read (the CLI draws a progress bar with it).
    Raises FactcheckError subclasses for what the user must fix (bad rules, unknown language);
    unreadable inputs are listed in ``Result.skipped`` and never stop the run.
    """
    settings = settings or Settings()
    if rules is not None:
        settings = replace(settings, rules_dir=Path(rules))
    if min_severity is not None and min_severity not in SEVERITIES:
        raise UsageError(f"unknown severity {min_severity!r}", hint=f"one of {', '.join(SEVERITIES)}")
    languages = available_languages()
    if settings.lang is not None and settings.lang not in languages:
        raise UsageError(f"unsupported language {settings.lang!r}", hint=f"supported: {', '.join(languages)}")
    kb = load_knowledge(settings.rules_dir)
    rule_list = load_rules(settings.rules_dir, settings.select, settings.ignore)
    lexicons = {code: load_lexicon(code) for code in languages}
    skipped: list[Skipped] = []
    inputs = find_inputs([Path(p) for p in paths] if paths else [default_corpus()], settings.inputs, skipped)
    repeats = RepeatTracker()
    claims, n_articles, n_repeats = [], 0, 0
    paths_by_doc: dict[str, str] = {}
    urls_by_doc: dict[str, str | None] = {}
    files_done, last_path = 0, None
    for doc in read_documents(inputs, settings.inputs, skipped):
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
            found = [claim for article in articles for claim in resolve_article(article, lexicons, kb)]
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
    if not paths_by_doc:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5]) or "no files given"
        raise InputError(
            "inputs", f"nothing could be read ({reasons})", hint=f"supported files: {', '.join(SUPPORTED)}"
        )
    assertions = frame(rows(claims, kb))
    assertions["path"] = assertions["doc_id"].map(paths_by_doc)
    assertions["url"] = assertions["doc_id"].map(urls_by_doc)
    assertions = discover(assertions, link_languages=settings.discover)  # needs every article of the run
    findings = run_rules([] if assertions_only else rule_list, assertions)
    conflicts = cap_conflicts(findings.conflicts, assertions)
    if min_severity is not None and not conflicts.empty:
        conflicts = conflicts[
            conflicts["severity"].map(SEVERITIES.index) <= SEVERITIES.index(min_severity)
        ].reset_index(drop=True)
    summary = {
        "documents": len(paths_by_doc),
        "articles": n_articles,
        "repeated_articles": n_repeats,
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
        tuple(rule_list),
        tuple(dict.fromkeys(paths_by_doc.values())),
    )
