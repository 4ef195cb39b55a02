"""Every number quoted in tests/gold/seeds.yaml is read right by the normaliser (value, unit, qualifier).

Each quote is read inside its own sentence of the seed (as the pipeline reads it: "Da 8.000 a 1.500
addetti" is a transition because the sentence goes on "ha ridotto il personale"), in the language of
the document it comes from. The sign of a change is the resolver's work (``fondu de 54%`` is read as
54, then made -54), so values are compared without it; a claim whose value is derived (half of 7,500)
must be the product of a share and a count read in its quote.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, listed

from factcheck.quantities import find_quantities

GOLD = yaml.safe_load((Path(__file__).parent / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
LANG = {doc: meta["lang"] for doc, meta in GOLD["documents"].items()}
TEXT = {doc: (ROOT / "seeds" / f"{doc}.txt").read_text(encoding="utf-8") for doc in LANG}


def _in_context(quote: str, docs: list) -> tuple[str, int, str]:
    """(sentence holding the quote, offset of the quote in it, language) from the first document that has it."""
    for doc in map(str, docs):
        at = TEXT[doc].find(quote)
        if at >= 0:
            text = TEXT[doc]
            starts = [m.end() for m in re.finditer(r"[.!?]\s+|\n", text[:at])]
            start = starts[-1] if starts else 0
            end = min(
                (m.start() + 1 for m in re.finditer(r"[.!?](?:\s|$)|\n", text[at + len(quote) :])),
                default=len(text) - at - len(quote),
            )
            return text[start : at + len(quote) + end], at - start, LANG[doc]
    raise AssertionError(f"quote {quote!r} is in none of {docs}")


def _claims():
    for entry in GOLD["conflicts"] + GOLD["not_conflicts"]:
        for claim in entry.get("claims", []):
            for quote in listed(claim["quote"]):
                yield pytest.param(claim, quote, id=f"{entry['id']}: {quote}")


@pytest.mark.parametrize("claim, quote", list(_claims()))
def test_quoted_number_is_read_right(claim, quote):
    sentence, at, lang = _in_context(quote, listed(claim["doc"]))
    found = [q for q in find_quantities(sentence, lang) if q.start < at + len(quote) and at < q.end]
    want = abs(claim["value"])
    direct = [q for q in found if q.value is not None and math.isclose(abs(q.value), want, rel_tol=1e-9)]
    if direct:
        q = direct[0]
        if "unit" in claim:
            assert q.unit == claim["unit"], f"{quote!r}: unit {q.unit} != {claim['unit']}"
        if "qualifier" in claim:
            assert q.qualifier == claim["qualifier"], (
                f"{quote!r}: qualifier {q.qualifier} != {claim['qualifier']}"
            )
        return
    shares = [(a, b) for a, b in itertools.pairwise(found) if a.kind == "percent" and b.kind == "number"]
    assert any(math.isclose(a.value / 100 * b.value, want, rel_tol=1e-9) for a, b in shares), (
        f"{quote!r}: no quantity of value {want} (read {[(q.text, q.value) for q in found]})"
    )
