"""check(paths) -> Result: the one place that knows the order of the pipeline stages."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from factcheck.assertions import frame, rows, table
from factcheck.cache import session
from factcheck.engine import Findings, Rule, load_rules, run_rules
from factcheck.errors import InputError, UsageError
from factcheck.group import Basis, comparison_basis, undated, why_nothing_found
from factcheck.load import SUPPORTED, Inputs, Skipped, find_inputs, read_documents
from factcheck.models import SEVERITIES, Article, Claim, ClaimRun, Document
from factcheck.quantities import article_quantities
from factcheck.quantities.lexicon import Lexicon, available_languages, load_lexicon
from factcheck.resolve import load_knowledge, resolve_article
from factcheck.resolve.discover import cap_conflicts, discover
from factcheck.resolve.knowledge import Knowledge
from factcheck.result import Result
from factcheck.segment import RepeatTracker, segment
from factcheck.settings import Settings, default_corpus
from factcheck.store import StoreRun

if TYPE_CHECKING:
    from factcheck.store.db import Store


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
    (part,) = link(run, [part])
    basis = comparison_basis(part.assertions)  # what the rules and the summary both need
    findings = run_rules([] if assertions_only else list(run.rules), part.assertions, basis)
    return finish(run, [part], findings, basis)


@dataclass(frozen=True)
class Run:
    """What a run is given, checked: its settings, rules, inputs and what was skipped finding them."""

    settings: Settings
    rules: tuple[Rule, ...]
    inputs: Inputs
    skipped: tuple[Skipped, ...]
    min_severity: str | None
    contested: frozenset[str] = frozenset()  # metrics shared out among contestants (discover.one_story)


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
    settings, rule_list = _prepare(rules, settings, min_severity)
    kb = load_knowledge(settings.rules_dir)  # a broken rules folder stops the run before any input is read
    skipped: list[Skipped] = []
    inputs = find_inputs(input_paths(paths), settings.inputs, skipped)
    settings = _years_from(settings, inputs)
    return Run(settings, tuple(rule_list), inputs, tuple(skipped), min_severity, _contested(kb))


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
    kb, lexicons = _knowledge(settings)
    skipped: list[Skipped] = []
    seen = set() if seen is None else set(seen)
    before = set(seen)
    claims, n_articles, n_repeats, rows_at = [], 0, 0, []
    paths_by_doc: dict[str, str] = {}
    urls_by_doc: dict[str, str | None] = {}
    for doc in _reported(read_documents(inputs, settings.inputs, skipped, seen), len(inputs.files), progress):
        read = _read_document(doc, lexicons, kb, repeats, settings, skipped)
        if read is None:
            continue
        articles, found = read
        ordinals = {
            a.article_id: (n, {(s.start, s.end): i for i, s in enumerate(a.sentences)})
            for n, a in enumerate(articles, start=n_articles)
        }
        for c in found:  # (article, sentence) of each claim, for repeats decided later
            one = c.claim if isinstance(c, ClaimRun) else c
            n, sentence = ordinals[one.article.article_id]
            at = (n, sentence.get((one.sentence.start, one.sentence.end), -1))
            rows_at += [at] * len(c) if isinstance(c, ClaimRun) else [at]
        paths_by_doc[doc.doc_id], urls_by_doc[doc.doc_id] = doc.path, doc.url
        n_articles += len(articles)
        n_repeats += sum(a.is_repeat for a in articles)
        claims.extend(found)
    assertions = table(claims, kb)
    assertions["path"] = _mapped(assertions["doc_id"], paths_by_doc)
    assertions["url"] = _mapped(assertions["doc_id"], urls_by_doc)
    doc_ids = sorted(seen - before)
    return Part(assertions, skipped, paths_by_doc, urls_by_doc, doc_ids, n_articles, n_repeats, rows_at)


def _mapped(column: pd.Series, mapping: dict[str, str | None]) -> pd.Series:
    """``column.map(mapping)``, each distinct value looked up once (a million rows of a few documents)."""
    codes, distinct = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=False)
    return pd.Series(distinct, dtype=object).map(mapping).take(codes).set_axis(column.index)


def link(run: Run, parts: list[Part]) -> list[Part]:
    """The run-level step between the assertions and grouping, which needs every article of the run:
    subjects and discovered metrics linked across articles and languages (resolve/discover.py)."""
    sizes = [len(p.assertions) for p in parts]
    every = (
        parts[0].assertions
        if len(parts) == 1
        else pd.concat([p.assertions for p in parts], ignore_index=True)
    )
    linked = discover(every, link_languages=run.settings.discover, contested=run.contested)
    assert len(linked) == sum(sizes), "linking keeps every assertion, in order"
    ends = np.cumsum(sizes)
    return [
        replace(p, assertions=linked.iloc[end - n : end].reset_index(drop=True))
        for p, n, end in zip(parts, sizes, ends, strict=True)
    ]


def something_read(run: Run, parts: list[Part]) -> None:
    """Raise InputError, saying why, when no document of any part could be read."""
    if not any(p.paths_by_doc for p in parts):
        raise _nothing_read(list(run.skipped) + [s for p in parts for s in p.skipped])


def finish(run: Run, parts: list[Part], findings: Findings, basis: Basis | None = None) -> Result:
    """The Result of a run from its parts (in input order) and the findings of the rules over them;
    ``basis``: the comparison_basis of the parts' assertions (all of them, in order), when known."""
    something_read(run, parts)
    skipped = list(run.skipped) + [s for p in parts for s in p.skipped]
    paths_by_doc = {k: v for p in parts for k, v in p.paths_by_doc.items()}
    assertions = (
        parts[0].assertions
        if len(parts) == 1
        else pd.concat([p.assertions for p in parts], ignore_index=True)
    )
    capped = cap_conflicts(findings.conflicts, assertions)  # a discovered metric: at most medium
    counts = (len(paths_by_doc), sum(p.n_articles for p in parts), sum(p.n_repeats for p in parts))
    inputs = tuple(dict.fromkeys(paths_by_doc.values()))
    return _result(
        assertions, capped, findings.trends, skipped, counts, run.rules, run.min_severity, inputs, basis=basis
    )


def _result(
    assertions: pd.DataFrame,
    found: pd.DataFrame,
    trends: pd.DataFrame,
    skipped: list[Skipped],
    counts: tuple[int, int, int],
    rules: tuple[Rule, ...],
    min_severity: str | None,
    inputs: tuple[str, ...],
    *,
    weighted: bool = False,
    basis: Basis | None = None,
) -> Result:
    """The Result of a run (over inputs or a store) from its assertions, the conflicts ``found`` (the
    rules', before ``min_severity``), its trends, what was skipped and its (documents, articles,
    repeated articles) counts; ``basis``: the assertions' comparison_basis, when already known."""
    basis = basis or comparison_basis(assertions)
    conflicts = _at_least(found, min_severity)
    why_empty = _why_empty(assertions, found, min_severity, basis)
    summary = _summary(assertions, conflicts, trends, skipped, *counts, why_empty, basis)
    return Result(assertions, conflicts, trends, tuple(skipped), summary, rules, inputs, weighted=weighted)


def _reported(
    docs: Iterable[Document], files: int, progress: Callable[[int, int], None] | None
) -> Iterator[Document]:
    """``docs``, ``progress(files done, files)`` called as the documents of each next file begin."""
    done, last = 0, None
    for doc in docs:
        if doc.path != last:
            done, last = done + 1, doc.path
            if progress is not None:
                progress(done, files)
        yield doc


def _prepare(
    rules: str | Path | None, settings: Settings | None, min_severity: str | None
) -> tuple[Settings, list[Rule]]:
    """The run's settings and rules, once the options are checked."""
    settings = settings or Settings()
    if rules is not None:
        settings = replace(settings, rules_dir=Path(rules))
    if min_severity is not None and min_severity not in SEVERITIES:
        raise UsageError(f"unknown severity {min_severity!r}", hint=f"one of {', '.join(SEVERITIES)}")
    languages = available_languages()
    if settings.lang is not None and settings.lang not in languages:
        raise UsageError(f"unsupported language {settings.lang!r}", hint=f"supported: {', '.join(languages)}")
    return settings, load_rules(settings.rules_dir, settings.select, settings.ignore)


def _years_from(settings: Settings, inputs: Inputs) -> Settings:
    """``settings`` with the day a year-less date of an undated article is read against: the middle
    day the run's manifests give (unless the caller set one)."""
    days = sorted(e.published for e in inputs.manifest.values() if e.published)
    if settings.years_from is not None or not days:
        return settings
    return replace(settings, years_from=days[len(days) // 2])


def _contested(kb: Knowledge) -> frozenset[str]:
    """The metrics shared out among contestants (seats, votes), whose figures keep their own subject."""
    return frozenset(c.id for c in kb.concepts.values() if c.partitioned)


def _knowledge(settings: Settings) -> tuple[Knowledge, dict[str, Lexicon]]:
    """What reading documents needs: the knowledge of the rules folder and every language file."""
    return load_knowledge(settings.rules_dir), {code: load_lexicon(code) for code in available_languages()}


def _read_document(
    doc: Document,
    lexicons: dict[str, Lexicon],
    kb: Knowledge,
    repeats: RepeatTracker,
    settings: Settings,
    skipped: list[Skipped],
) -> tuple[list[Article], list[Claim | ClaimRun]] | None:
    """Stages 2 to 4 for one document, each once and in order (segment and date, quantities, resolve):
    its articles and their claims (None, said in ``skipped``, when it cannot be checked)."""
    if doc.lang is not None and doc.lang not in lexicons:
        skipped.append(
            Skipped(
                doc.path,
                f"language {doc.lang!r} is not supported ({', '.join(lexicons)}); document {doc.doc_id} not read",
            )
        )
        return None
    try:
        articles = segment(doc, lexicons, repeats, settings.lang, settings.published, settings.years_from)
        claims = [
            claim
            for article in articles
            for claim in resolve_article(article, article_quantities(article, lexicons), lexicons, kb)
        ]
        return articles, claims
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
        return None


def _nothing_read(skipped: list[Skipped]) -> InputError:
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5]) or "no files given"
    return InputError(
        "inputs", f"nothing could be read ({reasons})", hint=f"supported files: {', '.join(SUPPORTED)}"
    )


def _at_least(conflicts: pd.DataFrame, min_severity: str | None) -> pd.DataFrame:
    """The conflicts at or above ``min_severity``."""
    if min_severity is None or conflicts.empty:
        return conflicts
    return conflicts[
        conflicts["severity"].map(SEVERITIES.index) <= SEVERITIES.index(min_severity)
    ].reset_index(drop=True)


def _summary(
    assertions: pd.DataFrame,
    conflicts: pd.DataFrame,
    trends: pd.DataFrame,
    skipped: list[Skipped],
    documents: int,
    articles: int,
    repeats: int,
    why_empty: str,
    basis: Basis,
) -> dict[str, int | str]:
    return {
        "documents": documents,
        "articles": articles,
        "repeated_articles": repeats,
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
        "trends": len(trends),
        "skipped": sum(s.level == "skipped" for s in skipped),
        "undated": undated(assertions, basis),  # figures that could be compared but for a date
        "empty_because": "" if len(conflicts) else why_empty,  # why no conflict is reported
    }


def _why_empty(assertions: pd.DataFrame, found: pd.DataFrame, min_severity: str | None, basis: Basis) -> str:
    """Why a run would report no conflict, given the conflicts ``found`` before ``min_severity``."""
    if len(found):
        return f"{len(found)} conflicts are below the minimum severity ({min_severity})"
    return why_nothing_found(assertions, basis)


def check_store(
    db: str | Path,
    paths: Iterable[str | Path] | None = None,
    rules: str | Path | None = None,
    settings: Settings | None = None,
    *,
    min_severity: str | None = None,
    every: bool = False,
    progress: Callable[[int, int], None] | None = None,
    wait: float = 0.0,
) -> tuple[Result, StoreRun]:
    """Add ``paths`` to the store ``db`` and report over everything in it, as :func:`check` would over
    every document the store holds (in the order they were first added).

    Only new or changed documents go through stages 2 to 5, and the rules run only on the entity x
    metric groups their assertions touch; the findings of the other groups are the stored ones. When
    factcheck, the rules folder, the default language or the rules chosen change, everything is
    redone. The run is one transaction: stopped anywhere, the store is as it was. Conflicts carry
    their triage ``status`` and ``note``; dismissed ones are left out unless ``every``. Without
    ``paths``, the store alone is reported. A store in use by another run is waited for ``wait``
    seconds (then StoreBusyError).
    """
    from factcheck.store import open_store
    from factcheck.store.changes import closure, group_keys
    from factcheck.store.replay import fingerprint

    settings, rule_list = _prepare(rules, settings, min_severity)
    skipped: list[Skipped] = []
    paths = [Path(p) for p in paths or []]
    settings = _years_from(settings, find_inputs(paths, settings.inputs, []))  # [] for the skipped: below
    with open_store(db, create=bool(paths), wait=wait) as store, store.transaction():
        run_id = store.new_run([str(p) for p in paths])
        print_ = fingerprint(settings.rules_dir, settings.lang, settings.select, settings.ignore)
        stored = store.documents()
        full = store.meta("fingerprint") != print_ and bool(stored)
        todo, unchanged, given = _store_todo(store, stored, paths, settings, skipped, full, progress)
        if paths and not todo and not unchanged:
            raise _nothing_read(skipped)
        before = store.groups_of(list(todo)) if todo else set()
        dropped = _store_read(store, todo, settings, skipped, run_id)
        assertions, flipped, article_repeat = _store_repeats(store, bool(todo))
        # linked over the whole store, as check() links a run
        kb = load_knowledge(settings.rules_dir)
        assertions = discover(assertions, link_languages=settings.discover, contested=_contested(kb))
        keys = group_keys(assertions)
        touched = closure(assertions, before | set(keys[_read_now(assertions, todo) | flipped]))
        assertions = assertions.drop(columns="sentence_start")
        findings = _store_findings(store, rule_list, assertions, keys, touched)
        evidence, first_run = _store_record(store, run_id, findings, assertions, bool(touched) or full)
        store.set_meta("fingerprint", print_)  # also on a new store: from now on, changes are noticed
        documents = store.documents()
        groups = _groups(keys, assertions, touched)
        stats = StoreRun(
            run_id, len(documents), len(todo), unchanged, *groups, len(first_run), full, given, dropped
        )
        store.finish_run(run_id, _run_figures(stats, findings))
        conflicts = _with_status(store, findings.conflicts, assertions, evidence, every)
        inputs = _stored_paths(store, assertions, documents)
    counts = (len(documents), len(article_repeat), sum(article_repeat.values()))
    given_on = (findings.trends, skipped, counts, tuple(rule_list), min_severity, inputs)
    return _result(assertions, conflicts, *given_on, weighted=True), stats


def _stored_paths(store, assertions: pd.DataFrame, documents: dict) -> tuple[str, ...]:
    """The path and address of each assertion's document, set as check() sets them; the inputs, in order."""
    paths_of = {doc_id: path for doc_id, (path, _, _) in documents.items()}
    assertions["path"] = assertions["doc_id"].map(paths_of)
    assertions["url"] = assertions["doc_id"].map(store.urls())
    return tuple(dict.fromkeys(paths_of.values()))


def _groups(keys: pd.Series, assertions: pd.DataFrame, touched: set[str]) -> tuple[int, int]:
    """(entity x metric groups of mapped figures, how many of them were recomputed)."""
    mapped = set(keys[(assertions["metric"] != "unmapped").to_numpy()])
    return len(mapped), len(mapped & touched)


def _run_figures(stats: StoreRun, findings: Findings) -> dict[str, int | bool]:
    """What the store records of a run."""
    left_out = ("run_id", "documents_given", "documents_dropped")
    return {k: v for k, v in stats.__dict__.items() if k not in left_out} | {
        "conflicts": len(findings.conflicts)
    }


def _store_todo(
    store: Store,
    stored: dict[str, tuple[str, str, int]],
    paths: list[Path],
    settings: Settings,
    skipped: list[Skipped],
    full: bool,
    progress: Callable[[int, int], None] | None,
) -> tuple[dict[str, tuple[Document, str, int]], int, int]:
    """The documents a store run reads (id -> (document, content hash, position in the store)): those
    of ``paths`` that are new or changed, and when ``full`` every stored one; how many were left as
    they were, and how many ``paths`` hold."""
    from factcheck.store.changes import by_file, content_hash, place

    todo: dict[str, tuple[Document, str, int]] = {}
    taken: set[str] = set()
    files = by_file(stored)
    unchanged, position = 0, max((p for _, _, p in stored.values()), default=-1) + 1
    inputs = find_inputs(paths, settings.inputs, skipped) if paths else None
    docs = read_documents(inputs, settings.inputs, skipped) if inputs is not None else ()
    for doc in _reported(docs, len(inputs.files) if inputs is not None else 0, progress):
        doc = replace(doc, doc_id=place(doc, stored, files, taken))
        taken.add(doc.doc_id)
        digest = content_hash(doc)
        if doc.doc_id in stored and stored[doc.doc_id][1] == digest and not full:
            unchanged += 1
            continue
        if doc.doc_id in stored:
            todo[doc.doc_id] = (doc, digest, stored[doc.doc_id][2])
        else:
            todo[doc.doc_id], position = (doc, digest, position), position + 1
    given = len(taken)
    if full:  # everything again, from the stored text of what this run did not read
        for doc in store.stored_documents(set(stored) - set(todo)):
            todo[doc.doc_id] = (doc, stored[doc.doc_id][1], stored[doc.doc_id][2])
    return todo, unchanged, given


def _store_read(
    store: Store,
    todo: dict[str, tuple[Document, str, int]],
    settings: Settings,
    skipped: list[Skipped],
    run_id: int,
) -> int:
    """Stages 2 to 5 over the documents ``todo``, their articles and assertions put in the store (a
    document that cannot be checked is taken out of it); how many were taken out."""
    kb, lexicons = _knowledge(settings) if todo else (None, {})
    read_docs, records, dropped = [], [], 0
    for doc, digest, at in todo.values():
        read = _read_document(doc, lexicons, kb, RepeatTracker(), settings, skipped)  # repeats: below
        if read is None:
            store.delete_document(doc.doc_id)
            dropped += 1
            continue
        articles, found = read
        claims = [c for f in found for c in (f.claims() if isinstance(f, ClaimRun) else [f])]
        read_docs.append((doc, digest, at, articles))
        records += [
            r | {"sentence_start": c.sentence.start, "ordinal": n, "path": doc.path, "url": doc.url}
            for n, (r, c) in enumerate(zip(rows(claims, kb), claims, strict=True))
        ]
    if read_docs:
        store.put_documents(read_docs, frame(records), run_id)
    return dropped


def _store_repeats(store: Store, anything_read: bool) -> tuple[pd.DataFrame, np.ndarray, dict[str, bool]]:
    """The store's assertions with their repeats decided again when ``anything_read`` (reading every
    article in the store's order), which of them changed, and which articles are repeats."""
    from factcheck.store.changes import repeats

    assertions = store.assertions()
    flipped = np.zeros(len(assertions), dtype=bool)
    if not anything_read:  # as the store has them
        return assertions, flipped, store.article_repeats()
    article_repeat, sentence_repeat = repeats(store.articles())
    flags = np.fromiter(
        (
            article_repeat.get(a, False) or (a, s) in sentence_repeat
            for a, s in zip(assertions["article_id"], assertions["sentence_start"], strict=True)
        ),
        dtype=bool,
        count=len(assertions),
    )
    flipped = flags != assertions["is_repeat"].to_numpy(dtype=bool)
    store.set_repeats(
        article_repeat, dict(zip(assertions["assertion_id"][flipped], flags[flipped], strict=True))
    )
    assertions["is_repeat"] = flags
    return assertions, flipped, article_repeat


def _store_findings(
    store: Store, rule_list: list[Rule], assertions: pd.DataFrame, keys: pd.Series, touched: set[str]
) -> Findings:
    """The rules run over the ``touched`` groups only; the stored findings of the other groups kept."""
    from factcheck.engine import sorted_findings
    from factcheck.store.changes import group_keys

    found = run_rules(rule_list, assertions[keys.isin(touched).to_numpy()].reset_index(drop=True))
    kept = {t: store.findings(t) for t in ("conflicts", "trends")}
    for name, new in (("conflicts", found.conflicts), ("trends", found.trends)):
        old = kept[name]
        stays = ~group_keys(pd.DataFrame({"entity": old["entity"], "metric": old["metric"]})).isin(touched)
        fresh = group_keys(new).isin(touched).to_numpy() if len(new) else np.zeros(0, dtype=bool)
        kept[name] = {c: np.concatenate([old[c][stays.to_numpy()], new[c].to_numpy()[fresh]]) for c in old}
    return sorted_findings(kept["conflicts"], kept["trends"])


def _store_record(
    store: Store, run_id: int, findings: Findings, assertions: pd.DataFrame, changed: bool
) -> tuple[list[str], dict[str, int]]:
    """What the run did to each conflict, recorded (and the findings written when ``changed``): the
    evidence of each conflict, and the run each new conflict was first found in."""
    from factcheck.store.changes import evidence_of, what_happened

    evidence = evidence_of(findings.conflicts, assertions)
    events, first_run = what_happened(findings.conflicts, evidence, store.stored_evidence(), run_id)
    if changed:
        store.write_findings(findings.conflicts, findings.trends, store.first_runs() | first_run, evidence)
    store.add_events(run_id, events)
    return evidence, first_run


def _with_status(
    store: Store, conflicts: pd.DataFrame, assertions: pd.DataFrame, evidence: list[str], every: bool
) -> pd.DataFrame:
    """The conflicts (a discovered metric's at most medium) with their triage status and note; the
    dismissed ones left out unless ``every``."""
    from factcheck.store.changes import with_status

    conflicts = with_status(cap_conflicts(conflicts, assertions), evidence, store.latest_decisions())
    if not every:
        conflicts = conflicts[conflicts["status"] != "dismissed"].reset_index(drop=True)
    return conflicts


def _read_now(assertions: pd.DataFrame, todo: dict[str, tuple[Document, str, int]]) -> np.ndarray:
    """Which assertions come from the documents this run read."""
    return assertions["doc_id"].isin(list(todo)).to_numpy()
