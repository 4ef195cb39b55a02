"""Discoveries of a run -> the YAML that would adopt them into rules/ (concepts and entities), for a desk to review."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import yaml

_DIMENSION = {"number": "count", "percent": "percent"}
_ARTICLE = r"^(?:[lLdD]['’]|[Tt]he |[Ll][aeo]s? |[Ii]l |ال)"  # an article written before a name


def _id(text: str) -> str:
    from factcheck.resolve.entity import name_key

    return "_".join(filter(None, (name_key(w) for w in re.split(r"[\s@:_~]+", text)))) or "item"


def _by_lang(rows: pd.DataFrame, column: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang, group in rows.groupby("lang", sort=True):
        words = sorted({str(w) for w in group[column].dropna()}, key=lambda w: (w.casefold(), w))
        if words:
            out[str(lang)] = words
    return out


def suggestions(assertions: pd.DataFrame) -> dict[str, Any]:
    """``{"concepts": {...}, "entities": {...}}`` in the format of rules/concepts.yaml and
    rules/entities.yaml: one concept per discovered metric (its words in each language, as the
    articles wrote them), one entity per subject found in the text that figures of two articles
    or more are about (the names the articles gave it)."""
    a = assertions[~assertions["is_repeat"].astype(bool)]
    concepts: dict[str, Any] = {}
    found = a[a["metric_source"] == "discovered"]
    for metric, rows in found.groupby("metric", sort=True):
        kind = rows["kind"].mode().iloc[0]
        concepts[_id(str(metric))] = {
            "kind": "stock",
            "dimension": _DIMENSION.get(kind, "count"),
            "window_days": int(rows["window_days"].dropna().iloc[0])
            if rows["window_days"].notna().any()
            else 0,
            "terms": _by_lang(rows, "metric_phrase"),
        }
    entities: dict[str, Any] = {}
    subjects = a[(a["subject_source"] == "discovered") & a["entity"].notna()]
    for entity, rows in subjects.groupby("entity", sort=True):
        if rows["article_id"].nunique() < 2:
            continue
        written = rows["subject_text"].dropna().astype(str)
        split = written.str.extract(r"^(?P<short>[^(]+?)(?: \((?P<long>.+)\))?$")  # "OMS (Organisation ...)"
        names = pd.concat(
            [
                pd.DataFrame({"lang": rows.loc[written.index, "lang"], "name": split["short"]}),
                pd.DataFrame({"lang": rows.loc[written.index, "lang"], "name": split["long"]}).dropna(),
            ]
        )
        names["name"] = names["name"].str.replace(_ARTICLE, "", regex=True)
        kind = rows["subject_kind"].iloc[0]
        if kind == "event":
            what, _, where = str(entity).partition("@")
            label = f"{what} ({where})" if where else what
        else:
            label = names["name"].mode().iloc[0]
        entities[_id(str(entity))] = {"label": label, "names": _by_lang(names, "name")}
    return {"concepts": concepts, "entities": entities}


def suggest_yaml(assertions: pd.DataFrame) -> str:
    """The suggestions as YAML, with a header saying where each part goes and what to review."""
    s = suggestions(assertions)
    head = (
        "# What this run discovered, in the format of rules/ (factcheck suggest). Review before adopting:\n"
        "# a concept's kind, dimension and window_days are guesses (stock, counted, same day); its terms are\n"
        "# the words the articles used. Paste `concepts` entries into rules/concepts.yaml (or a file of\n"
        "# rules/concepts/) and `entities` entries into rules/entities.yaml, then run `factcheck rules check`.\n"
    )
    if not s["concepts"] and not s["entities"]:
        return head + "# nothing was discovered: every figure was mapped by the catalogue or left unmapped\n"
    body = yaml.safe_dump(s, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
    return head + body
