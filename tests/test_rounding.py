"""Round figures through the whole run (made-up Italian sentences about the catalogue's budget, with a city added
to a copy of the rules): "2 miliardi" vs "2,5 miliardi" of one budget on one day is a low finding that
says which may be a rounding of which; a desk that takes every rounding for honest precision
(rounding_digits: 1) sees nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import rules_with_entity

import factcheck

ARTICLES = {
    "a": "Il bilancio del Comune di Bologna per quest'anno vale 2 miliardi di euro.",
    "b": "Il bilancio del Comune di Bologna per quest'anno vale 2,5 miliardi di euro, secondo la giunta.",
}


def _setup(tmp: Path, rounding_digits: int | None = None) -> tuple[Path, Path]:
    rules = rules_with_entity(tmp, "bologna", {"label": "Bologna", "names": {"any": ["Bologna"]}})
    if rounding_digits is not None:
        rule = rules / "checks" / "FC101-value-disagreement.yaml"
        rule.write_text(
            rule.read_text(encoding="utf-8").replace(
                "rounding_digits: 2", f"rounding_digits: {rounding_digits}"
            ),
            encoding="utf-8",
        )
    docs = tmp / "docs"
    docs.mkdir()
    lines = ["file,lang,published,source"]
    for name, text in ARTICLES.items():
        (docs / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        lines.append(f"{name}.txt,it,2024-05-20,outlet {name}")
    (docs / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return docs, rules


def test_two_and_two_and_a_half_billion_agree_only_through_rounding_low(tmp_path):
    docs, rules = _setup(tmp_path)
    c = factcheck.check([docs], rules=rules).conflicts
    mine = c[c["metric"] == "budget"]
    assert len(mine) == 1, c[["rule_id", "metric", "a_value", "b_value"]]
    row = mine.iloc[0]
    assert (row["rule_id"], row["severity"]) == ("FC101", "low")
    assert "they agree only if 2 billion EUR is a rounding of 2.5 billion EUR" in row["explanation"]


def test_a_desk_that_takes_every_rounding_for_precision_sees_nothing(tmp_path):
    docs, rules = _setup(tmp_path, rounding_digits=1)
    c = factcheck.check([docs], rules=rules).conflicts
    assert not (c["metric"] == "budget").any()
