"""What a run over a store must redo: which documents changed (content hashes), which articles and
sentences are repeats, which entity x metric groups are touched, and the triage status of each
conflict."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd

from factcheck.group import comparable
from factcheck.models import Document
from factcheck.segment import RepeatTracker

_SUFFIX = re.compile(r"~\d+$")


def content_hash(doc: Document) -> str:
    """A document's text and everything read with it (language, date, source, address, file)."""
    parts = [doc.path, doc.text, doc.lang or "", str(doc.published or ""), doc.source or "", doc.url or ""]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def by_file(stored: dict[str, tuple[str, str, int]]) -> dict[tuple[str, str], list[str]]:
    """The stored document ids by (file, id without its ``~n``): what :func:`place` looks up."""
    index: dict[tuple[str, str], list[str]] = {}
    for doc_id, (path, _, _) in sorted(stored.items(), key=lambda kv: kv[1][2]):
        index.setdefault((path, _SUFFIX.sub("", doc_id)), []).append(doc_id)
    return index


def place(
    doc: Document,
    stored: dict[str, tuple[str, str, int]],
    files: dict[tuple[str, str], list[str]],
    taken: set[str],
) -> str:
    """The id ``doc`` has in the store: the id of the same document (same file and record) if it is
    stored (``files``: :func:`by_file`), else its own id, numbered ``~2``, ``~3``... when another
    file already holds it (as a run over every stored input would number it)."""
    base = _SUFFIX.sub("", doc.doc_id)
    for doc_id in files.get((doc.path, base), ()):
        if doc_id not in taken:
            return doc_id
    doc_id, n = base, 2
    while doc_id in stored or doc_id in taken:
        doc_id, n = f"{base}~{n}", n + 1
    return doc_id


def repeats(
    articles: list[tuple[str, str, list[list[int]], bool]],
) -> tuple[dict[str, bool], set[tuple[str, int]]]:
    """Which articles are repeats, and which sentences (article id, start), reading the articles in the
    order of the store, as one run over every stored input reads them."""
    tracker = RepeatTracker()
    article_repeat: dict[str, bool] = {}
    sentence_repeat: set[tuple[str, int]] = set()
    for article_id, text, sentences, _ in articles:
        article_repeat[article_id] = tracker.article_seen(text)
        for start, end in sentences:
            if tracker.sentence_seen(text[start:end]):
                sentence_repeat.add((article_id, start))
    return article_repeat, sentence_repeat


def group_keys(table: pd.DataFrame, metric: str = "metric") -> pd.Series:
    """The entity x metric group of each row (entity missing: "")."""
    return table["entity"].fillna("").astype(str) + "\x1f" + table[metric].fillna("").astype(str)


def closure(assertions: pd.DataFrame, touched: set[str]) -> set[str]:
    """The touched groups and every group a rule relates to them (a flow and the stock it decreases, a
    change and the stock it changes), until none is added: the findings of these groups depend
    only on their assertions."""
    keys = group_keys(assertions)
    edges: dict[str, set[str]] = {}
    for other in ("decreases", "change_of"):
        has = assertions[other].notna().to_numpy()
        if has.any():
            for a, b in set(zip(keys[has], group_keys(assertions[has], other), strict=True)):
                edges.setdefault(a, set()).add(b)
                edges.setdefault(b, set()).add(a)
    out, todo = set(touched), list(touched)
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in out:
                out.add(nxt)
                todo.append(nxt)
    return out


def evidence_of(conflicts: pd.DataFrame, assertions: pd.DataFrame) -> list[str]:
    """Per conflict, the assertions behind it, as one text of sorted ids: its own (a, b and the others),
    and, for a disagreement or a dispute, every comparable assertion of its entity and metric that
    gives either value (an assertion saying a value again joins that side). When it changes, the
    evidence has."""
    c = comparable(assertions)
    said = (group_keys(c) + "\x1f" + c["value"].round(6).astype(str)).to_numpy()
    behind: dict[str, set[str]] = {}
    for key, aid in zip(said, c["assertion_id"], strict=True):
        behind.setdefault(key, set()).add(aid)
    out = []
    groups = group_keys(conflicts) if len(conflicts) else pd.Series([], dtype=object)
    for g, kind, a, b, o, va, vb in zip(
        groups,
        conflicts["kind"],
        conflicts["a_assertion_id"],
        conflicts["b_assertion_id"],
        conflicts["other_assertion_ids"],
        conflicts["a_value"],
        conflicts["b_value"],
        strict=True,
    ):
        ids = {a, b, *str(o or "").split()} - {None, ""}
        if kind in ("disagreement", "dispute"):
            for v in (va, vb):
                ids |= behind.get(f"{g}\x1f{round(float(v), 6)}", set())
        out.append(" ".join(sorted(ids)))
    return out


def what_happened(
    conflicts: pd.DataFrame, evidence: list[str], before: dict[str, str], run_id: int
) -> tuple[list[tuple[str, str, str, str | None]], dict[str, int]]:
    """What a run did to each conflict, compared with the store ``before`` it (conflict_id ->
    evidence): (conflict_id, found | evidence changed | no longer found, evidence, severity), and
    the conflicts found for the first time (-> ``run_id``)."""
    events: list[tuple[str, str, str, str | None]] = []
    first: dict[str, int] = {}
    for cid, ev, severity in zip(conflicts["conflict_id"], evidence, conflicts["severity"], strict=True):
        if cid not in before:
            events.append((cid, "found", ev, severity))
            first[cid] = run_id
        elif before[cid] != ev:
            events.append((cid, "evidence changed", ev, severity))
    present = set(conflicts["conflict_id"])
    events += [(cid, "no longer found", ev, None) for cid, ev in before.items() if cid not in present]
    return events, first


def with_status(
    conflicts: pd.DataFrame, evidence: list[str], decisions: dict[str, tuple[str, str | None, str, str]]
) -> pd.DataFrame:
    """The conflicts with their triage ``status`` and the decision's ``note``: open (no decision),
    confirmed, dismissed; reopened when dismissed but an assertion has joined it since. A new
    assertion can also make another pair the face of a conflict (a new id): a conflict with no
    decision of its own takes the latest decision on a conflict of its rule that is no longer found
    and whose evidence it holds (confirmed stays confirmed; dismissed is reopened)."""
    present = set(conflicts["conflict_id"])
    gone = [
        (set(ev.split()), rule, s, n) for cid, (s, n, ev, rule) in decisions.items() if cid not in present
    ]
    status, note = [], []
    for cid, rule, now in zip(conflicts["conflict_id"], conflicts["rule_id"], evidence, strict=True):
        decision = decisions.get(cid)
        if decision is None:
            held = set(now.split())
            earlier = [(s, n, " ".join(sorted(ev))) for ev, r, s, n in gone if r == rule and ev <= held]
            decision = (*earlier[-1], rule) if earlier else None
        if decision is None:
            status.append("open")
            note.append(None)
            continue
        s, n, ev, _ = decision
        status.append("reopened" if s == "dismissed" and ev != now else s)
        note.append(n)
    out = conflicts.copy()
    out["status"] = np.asarray(status, dtype=object)
    out["note"] = np.asarray(note, dtype=object)
    return out
