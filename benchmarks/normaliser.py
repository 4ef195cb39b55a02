"""Score find_quantities on the test corpora of Recognizers-Text and Duckling, and time it.

Run: python benchmarks/normaliser.py [--failures LANG:KIND] [--repeat N]

Scored, as the peers themselves check them: Recognizers-Text cases run on at least one platform
(non-empty ``supported_by``) whose resolution is checked (no ``ignore_resolution``), and every
Duckling case of kind number, currency and dimension; temperature is left out. A case is right when
every expected match is found with the same value (relative 1e-9), the same unit (peer ``$`` is any
dollar, and so is the region's dollar of Duckling's regional corpora; a Duckling amount or quantity
whose value is given with no unit is matched by a plain number, and Duckling's counts of amounts include unit-less ones,
as its "Unnamed" currency does; ``%`` is percent; measures are compared after conversion) and the
same bounds; a case that expects nothing must yield nothing of that kind (for the peer's range model,
no range or bound). Cases listed in benchmarks/peer_exclusions.yaml are
not scored and are printed with their reason. Data: benchmarks/data/peer-vectors/ (see its README).
The last line is ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "peer-vectors"
KIND = {"number": "number", "percent": "percent", "currency": "money", "dimension": "measure"}
DOLLARS = {
    "USD",
    "CAD",
    "AUD",
    "NZD",
    "HKD",
    "SGD",
    "TWD",
    "JMD",
    "BZD",
    "TTD",
    "ZWD",
    "LRD",
    "NAD",
    "BSD",
    "BBD",
    "FJD",
    "XCD",
    "SBD",
    "GYD",
    "BMD",
    "KYD",
    "SRD",
}
PEER_UNITS = {  # the peers' dimension units as pint names
    "km": "kilometer",
    "m": "meter",
    "cm": "centimeter",
    "mm": "millimeter",
    "mi": "mile",
    "ft": "foot",
    "in": "inch",
    "yd": "yard",
    "kg": "kilogram",
    "g": "gram",
    "mg": "milligram",
    "lb": "pound",
    "oz": "ounce",
    "t": "tonne",
    "ton": "ton",
    "L": "liter",
    "mL": "milliliter",
    "cl": "centiliter",
    "gal": "gallon",
    "bbl": "oil_barrel",
    "ft3": "foot**3",
    "m3": "meter**3",
    "m2": "meter**2",
    "km2": "kilometer**2",
    "ft2": "foot**2",
    "mph": "mile/hour",
    "km/h": "kilometer/hour",
    "cup": "cup",
    "qt": "quart",
    "pt": "pint",
    "tbsp": "tablespoon",
    "tsp": "teaspoon",
    "dm": "decimeter",
    "hL": "hectoliter",
    "cL": "centiliter",
    "hm": "hectometer",
    "deg": "degree",
    "rad": "radian",
    "turn": "turn",
    "µg": "microgram",
    "bit": "bit",
    "byte": "byte",
    "MB": "megabyte",
    "Mbit": "megabit",
    "GB": "gigabyte",
    "ha": "hectare",
    "acre": "acre",
    "h": "hour",
    "min": "minute",
    "s": "second",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}


def load_cases() -> list[dict]:
    cases = []
    for name in ("recognizers_text.jsonl", "duckling.jsonl"):
        with (DATA / name).open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                row = json.loads(line)
                row["_id"] = f"{name.split('.')[0]}:{n}"
                if row["kind"] == "temperature":
                    continue
                if row["suite"] == "recognizers-text" and (
                    not row.get("supported_by") or row.get("ignore_resolution")
                ):
                    continue
                cases.append(row)
    return cases


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _peer_measure(value, unit):
    """A peer's measure in our canonical unit, or None when pint does not know its unit."""
    from factcheck.quantities.units import canonical

    name = PEER_UNITS.get(unit)
    if name is None or value is None:
        return None, None
    try:
        target, factor = canonical(name)
    except Exception:
        return None, None
    return value * factor, target


# Duckling's regional corpora (EN_AU, EN_CA, ...) resolve a plain "dollar" or "a grand" to the
# region's currency; with no region to go on, any dollar is right for those (as for the peer's "$").
REGIONAL_DOLLAR = {
    "EN_AU": "AUD",
    "EN_CA": "CAD",
    "EN_BZ": "BZD",
    "EN_JM": "JMD",
    "EN_NZ": "NZD",
    "EN_TT": "TTD",
    "EN_US": "USD",
}


# Peer currency names that stand for a family of ISO codes, and peer sub-units (a value in cents is
# our value in the currency, times 0.01).
FAMILIES = {
    "$": DOLLARS,
    "franc": {"FRF", "CHF", "BEF", "XOF", "XAF"},
    "dinar": {"KWD", "JOD", "BHD", "IQD", "LYD", "TND", "DZD"},
    "riyal": {"SAR", "QAR", "OMR", "YER", "IRR"},
    "rupee": {"INR", "PKR", "LKR", "NPR"},
    "pound": {"GBP", "EGP", "LBP", "SYP"},
    "dirham": {"AED", "MAD"},
    "krone": {"NOK", "DKK", "SEK"},
    "peso": {"MXN", "ARS", "CLP", "COP", "PHP"},
    "rial": {"SAR", "QAR", "OMR", "YER", "IRR"},
    "peseta": {"ESP"},
}
SUBUNITS = {  # name -> (the currencies it divides, what one is worth in them)
    "cent": (DOLLARS | {"EUR"}, 0.01),
    "pence": ({"GBP"}, 0.01),
    "penny": ({"GBP", "USD"}, 0.01),
    "pesewa": ({"GHS"}, 0.01),
    "sen": ({"MYR"}, 0.01),
    "satoshi": ({"BTC"}, 1e-8),
}


def _unit_ok(e: dict, q, kind: str, locale: str | None = None) -> bool:
    unit = e.get("unit")
    if locale in REGIONAL_DOLLAR and unit == REGIONAL_DOLLAR[locale]:
        unit = "$"
    if kind == "number" or (unit is None and kind == "dimension"):
        return q.kind == "number"
    if kind == "percent":
        return q.unit == "percent"
    if kind == "currency":
        if unit is None:
            return True
        if unit in FAMILIES or unit in SUBUNITS:
            return q.unit in FAMILIES.get(unit, set()) | SUBUNITS.get(unit, (set(), 1))[0]
        if unit == "£":  # the pound sign names no country's pound
            return q.unit in FAMILIES["pound"]
        return q.unit == {"€": "EUR"}.get(unit, unit) or q.unit == e.get("iso_currency")
    return q.kind == "measure"


def _found(e: dict, qs: list, kind: str, locale: str | None = None) -> bool:
    for q in qs:
        if (
            e.get("start") is not None
            and e.get("end") is not None
            and not (q.start < e["end"] and e["start"] < q.end)
        ):
            continue
        if not _unit_ok(e, q, kind, locale):
            continue
        value, lower, upper = e.get("value"), e.get("lower"), e.get("upper")
        if kind == "currency" and e.get("unit") in SUBUNITS:
            worth = SUBUNITS[e["unit"]][1]
            value, lower, upper = (None if v is None else v * worth for v in (value, lower, upper))
        if kind == "dimension" and e.get("unit") is not None:  # a quantity with no unit is a plain number
            value, unit = _peer_measure(value, e.get("unit"))
            lower = _peer_measure(lower, e.get("unit"))[0] if lower is not None else None
            upper = _peer_measure(upper, e.get("unit"))[0] if upper is not None else None
            if e.get("value") is not None and (value is None or unit != q.unit):
                continue
        if value is not None and not _close(value, q.value):
            continue
        if (lower is not None or upper is not None) and not (
            _close(lower, q.lower) and _close(upper, q.upper)
        ):
            continue
        return True
    return False


def score_case(case: dict, find) -> tuple[bool, list]:
    kind = case["kind"]
    qs = find(case["input"], case["lang"])
    ours = [q for q in qs if q.kind == KIND[kind]]
    said = [
        e
        for e in case.get("expected") or []
        if any(e.get(k) is not None for k in ("value", "lower", "upper"))
    ]
    if kind in ("currency", "dimension") and any(e.get("unit") is None for e in said):
        ours = qs  # Duckling's amount or quantity with no unit named ("five", "about 5"): our plain number is the same claim
    t = case["test_type"]
    expected = [
        e
        for e in (case.get("expected") or [])
        if not (e.get("value") is None and e.get("lower") is None and e.get("upper") is None)
    ]
    if t == "negative" or (t in ("extract_all", "full_match") and not case.get("expected")):
        if case.get("model") == "NumberRangeModel":  # the peer's range model finds no range or bound here
            return not [q for q in ours if q.qualifier != "exact"], qs
        return not ours, qs
    if t == "n_matches":  # Duckling counts unit-less amounts ("Unnamed" currency) as amounts of money too
        counted = (
            [q for q in qs if q.kind in (KIND[kind], "number")]
            if case["suite"] == "duckling" and kind == "currency"
            else ours
        )
        return len(counted) == case["expected_count"], qs
    if t == "first_match":
        return bool(ours) and _found(expected[0], ours[:1], kind, case.get("locale")), qs
    if t == "first_match_span":
        e = case["expected"][0]
        return bool(ours) and ours[0].start <= e["start"] and ours[0].end >= e["end"], qs
    return all(_found(e, ours, kind, case.get("locale")) for e in expected), qs


def load_exclusions() -> dict[str, str]:
    data = yaml.safe_load((HERE / "peer_exclusions.yaml").read_text(encoding="utf-8")) or {}
    return {str(e["id"]): e["reason"] for e in data.get("excluded") or []}


def score(find, cases: list[dict] | None = None, excluded: dict[str, str] | None = None, on_failure=None):
    """(right, total) per (suite, lang, kind), and per language the two scores the issue sets targets for."""
    cases = load_cases() if cases is None else cases
    excluded = load_exclusions() if excluded is None else excluded
    right: dict[tuple, int] = defaultdict(int)
    total: dict[tuple, int] = defaultdict(int)
    for case in cases:
        if case["_id"] in excluded:
            continue
        key = (case["suite"], case["lang"], case["kind"])
        ok, qs = score_case(case, find)
        total[key] += 1
        right[key] += ok
        if not ok and on_failure is not None:
            on_failure(case, qs)
    per_lang: dict[str, dict[str, float]] = {}
    for lang in sorted({k[1] for k in total}):
        nmp = [k for k in total if k[1] == lang and k[2] in ("number", "currency", "percent")]
        dim = [k for k in total if k[1] == lang and k[2] == "dimension"]
        per_lang[lang] = {
            "numbers_money_percent": sum(right[k] for k in nmp) / max(1, sum(total[k] for k in nmp)),
            "dimensions": sum(right[k] for k in dim) / max(1, sum(total[k] for k in dim)),
        }
    return right, total, per_lang


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", help="print the failed cases of LANG:KIND (e.g. fr:number)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from factcheck.quantities import find_quantities

    excluded = load_exclusions()
    cases = load_cases()
    shown = []

    def show(case, qs):
        if args.failures == f"{case['lang']}:{case['kind']}" and len(shown) < 80:
            shown.append(case)
            exp = [
                (e.get("text"), e.get("value"), e.get("unit"), e.get("lower"), e.get("upper"))
                for e in case.get("expected") or []
            ]
            print(
                f"FAIL {case['_id']} {case['input']!r}\n   expected {exp}\n   got      {[(q.text, q.value, q.unit, q.lower, q.upper) for q in qs]}"
            )

    right, total, per_lang = score(find_quantities, cases, excluded, show)
    print(f"{'suite':<18}{'lang':<6}{'kind':<11}{'right':>7}{'cases':>7}{'score':>8}")
    for key in sorted(total):
        print(
            f"{key[0]:<18}{key[1]:<6}{key[2]:<11}{right[key]:>7}{total[key]:>7}{right[key] / total[key]:>8.1%}"
        )
    print()
    scores = {lang: {k: round(v, 4) for k, v in s.items()} for lang, s in per_lang.items()}
    for lang, s in per_lang.items():
        n_nmp = sum(total[k] for k in total if k[1] == lang and k[2] != "dimension")
        n_dim = sum(total[k] for k in total if k[1] == lang and k[2] == "dimension")
        print(
            f"{lang}: numbers+money+percent {s['numbers_money_percent']:.1%} of {n_nmp}   dimensions {s['dimensions']:.1%} of {n_dim}"
        )
    print(f"\n{len(excluded)} cases excluded (benchmarks/peer_exclusions.yaml):")
    for cid, reason in sorted(excluded.items()):
        print(f"  {cid}: {reason}")

    seeds = [p.read_text(encoding="utf-8") for p in sorted((HERE.parent / "seeds").glob("*.txt"))]
    langs = ["it", "fr", "fr", "ar", "it"]
    seed_chars = sum(map(len, seeds))
    best = math.inf
    for _ in range(args.repeat):
        t = time.perf_counter()
        for text, lang in zip(seeds, langs, strict=False):
            find_quantities(text, lang)
        best = min(best, time.perf_counter() - t)
    peer_chars = sum(len(c["input"]) for c in cases)
    best_peer = math.inf
    for _ in range(args.repeat):
        t = time.perf_counter()
        for c in cases:
            find_quantities(c["input"], c["lang"])
        best_peer = min(best_peer, time.perf_counter() - t)
    print(
        f"\nthroughput (one core, best of {args.repeat}): seeds {seed_chars / best:,.0f} chars/s; peer inputs {peer_chars / best_peer:,.0f} chars/s"
    )
    print(
        "RESULT "
        + json.dumps(
            {
                "scores": scores,
                "by_suite": {f"{k[0]}/{k[1]}/{k[2]}": round(right[k] / total[k], 4) for k in sorted(total)},
                "excluded": len(excluded),
                "seeds_chars_per_s": round(seed_chars / best),
                "peer_chars_per_s": round(peer_chars / best_peer),
            }
        )
    )


if __name__ == "__main__":
    main()
