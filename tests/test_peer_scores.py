"""The normaliser's scores on the Recognizers-Text and Duckling corpora never fall below their floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

FLOORS = yaml.safe_load((Path(__file__).parent / "peer_floors.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def per_lang():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import normaliser
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from factcheck.quantities import find_quantities

    return normaliser.score(find_quantities)[2]


@pytest.mark.parametrize("lang, measure", [(lang, m) for lang, floors in FLOORS.items() for m in floors])
def test_score_floor(per_lang, lang, measure):
    assert per_lang[lang][measure] >= FLOORS[lang][measure], (
        f"{lang} {measure}: {per_lang[lang][measure]:.3f} < floor {FLOORS[lang][measure]}"
    )
