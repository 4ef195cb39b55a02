"""What a run over a store must redo: which documents changed (content hashes, the pipeline's
fingerprint), which articles and sentences are repeats, which entity x metric groups are touched,
and the triage status of each conflict."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from factcheck.models import Document
from factcheck.segment import RepeatTracker
from factcheck.store.db import evidence

PACKAGE = Path(__file__).resolve().parent.parent
_SUFFIX = re.compile(r"~\d+$")


def content_hash(doc: Document) -> str:
    """A document's text and everything read with it (language, date, source, address, file)."""
    parts = [doc.path, doc.text, doc.lang or "", str(doc.published or ""), doc.source or "", doc.url or ""]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(rules_dir: Path, lang: str | None, select: Iterable[str], ignore: Iterable[str]) -> str:
    """What a run's findings depend on besides the documents: factcheck's code and data, the rules
    folder, the default language and the rules chosen. When it changes, everything is redone."""
    h = hashlib.sha256()
    for root in (PACKAGE, Path(rules_dir)):
        for path in sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".yml", ".txt")
        ):
            if "__pycache__" in path.parts:
                continue
            h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes() + b"\x00")
    h.update(f"{lang}|{','.join(select)}|{','.join(ignore)}".encode())
    return h.hexdigest()


def place(doc: Document, stored: dict[str, tuple[str, str, int]], taken: set[str]) -> str:
    """The id ``doc`` has in the store: the id of the same document (same file and record) if it is
    stored, else its own id, numbered ``~2``, ``~3``... when another file already holds it (as a run
    over every stored input would number it)."""
    base = _SUFFIX.sub("", doc.doc_id)
    for doc_id, (path, _, _) in stored.items():
        if path == doc.path and _SUFFIX.sub("", doc_id) == base and doc_id not in taken:
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


def with_status(conflicts: pd.DataFrame, decisions: dict[str, tuple[str, str | None, str]]) -> pd.DataFrame:
    """The conflicts with their triage ``status`` (open, confirmed, dismissed; reopened: dismissed,
    but an assertion has joined or left it since) and the decision's ``note``."""
    status, note = [], []
    for cid, a, b, o in zip(
        conflicts["conflict_id"],
        conflicts["a_assertion_id"],
        conflicts["b_assertion_id"],
        conflicts["other_assertion_ids"],
        strict=True,
    ):
        decision = decisions.get(cid)
        if decision is None:
            status.append("open")
            note.append(None)
            continue
        s, n, ev = decision
        status.append("reopened" if s == "dismissed" and ev != evidence(a, b, o) else s)
        note.append(n)
    out = conflicts.copy()
    out["status"] = np.asarray(status, dtype=object)
    out["note"] = np.asarray(note, dtype=object)
    return out
