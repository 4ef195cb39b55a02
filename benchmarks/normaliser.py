"""Score find_quantities on the test corpora of Recognizers-Text and Duckling, and time it.

Run: python benchmarks/normaliser.py [--failures LANG:KIND] [--misses [SUITE/LANG/KIND]] [--repeat N] [--cldr N]

Scored, as the peers themselves check them: Recognizers-Text cases run on at least one platform
(non-empty ``supported_by``) whose resolution is checked (no ``ignore_resolution``), and every
Duckling case of kind number, currency and dimension; temperature is left out (and so are the temperatures
we read in a dimension case: the peers read them in a model of their own). A case is right when
every expected match is found with the same value (relative 1e-9), the same unit (peer ``$`` is any
dollar, and so is the region's dollar of Duckling's regional corpora; a Duckling amount or quantity
whose value is given with no unit is matched by a plain number, a share said in words (read as a
percent, "نصف الناس" 50 %) matches the peer's fraction (0.5), and Duckling's counts of amounts include unit-less ones,
as its "Unnamed" currency does; ``%`` is percent; measures are compared after conversion) and the
same bounds; a case that expects nothing must yield nothing of that kind (for the peer's range model,
no range or bound). Cases listed in benchmarks/peer_exclusions.yaml are
not scored and are printed with their reason. Data: benchmarks/data/peer-vectors/ (see its README).
The last line is ``RESULT {json}``.

Beside the peers' scores it prints the CLDR conformance score per locale: Babel writes seeded random
numbers, percents and amounts in each it/fr/ar/en locale a news reader meets (standard, currency, compact
and long forms, in the locale's own digits), each in a plain sentence, and find_quantities must read each
back (see ``cldr_cases``; tests/test_cldr.py runs the same cases, fewer of them); and, when num2words is
installed, figures spelled out in words (``spelled_cases``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "peer-vectors"
KIND = {"number": "number", "percent": "percent", "currency": "money", "dimension": "measure"}
TEMPERATURES = ("degree_Celsius", "degree_Fahrenheit", "kelvin")  # units of what the peers leave out
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
    if kind == "dimension":  # the peers read temperatures in a model of their own, left out here
        ours = [q for q in ours if q.unit not in TEMPERATURES]
    if (
        kind == "number"
    ):  # a share said in words ("نصف الناس") is read as its percent share; the peers write 0.5
        ours += [
            _share_as_fraction(q) for q in qs if q.kind == "percent" and not any(c.isdigit() for c in q.text)
        ]
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


def _share_as_fraction(q):
    """A percent share said in words as the fraction the peers expect: 50 % as 0.5."""
    import dataclasses

    def scaled(v):
        return None if v is None else v / 100

    return dataclasses.replace(
        q, value=scaled(q.value), lower=scaled(q.lower), upper=scaled(q.upper), kind="number", unit=None
    )


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


# --- CLDR conformance: numbers, percents and amounts as each locale writes them (Babel formats them) ---

CLDR_LOCALES = (
    "it_IT",
    "it_CH",
    "fr_FR",
    "fr_BE",
    "fr_CH",
    "fr_CA",
    "ar_EG",
    "ar_SA",
    "ar_MA",
    "ar_LB",
    "ar_AE",
    "en_US",
    "en_GB",
    "en_IN",
)
CLDR_FORMS = ("standard", "percent", "currency", "compact", "long")
CLDR_SENTENCES = {  # plain sentences: one figure in each, and no other number
    "it": ("Secondo il rapporto, il totale è {} quest'anno.", "Il dato ufficiale indica {} in tutto."),
    "fr": ("Selon le rapport, le total atteint {} cette année.", "Le chiffre officiel est {} au total."),
    "en": ("According to the report, the total was {} this year.", "The official figure is {} in all."),
    "ar": ("وبحسب التقرير، بلغ الإجمالي {} هذا العام.", "وأعلنت الوزارة أن الرقم الرسمي {} في المجموع."),
}
NUMBERING_DIGITS = {"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}
CLDR_OTHER_CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY")


def _cldr_text(formatted: str, locale) -> str:
    """Babel's output as CLDR writes it in the locale's own numbering system: its digits, and its
    percent and minus signs (Babel leaves the Latin ones of the patterns)."""
    symbols = locale.number_symbols[locale.default_numbering_system]
    out = formatted.replace("%", symbols["percentSign"]).replace("-", symbols["minusSign"], 1)
    digits = NUMBERING_DIGITS.get(locale.default_numbering_system, NUMBERING_DIGITS["latn"])
    return out.translate(str.maketrans("0123456789", digits))


def _currencies_allowed(code: str, symbol: str) -> set[str]:
    """A bare "$" names no country's dollar: any dollar reads it right (as for the peers' "$")."""
    return DOLLARS | {code} if symbol == "$" else {code}


def _percent_pattern(locale, places: int) -> str:
    """The locale's percent pattern, showing ``places`` decimals."""
    pattern = locale.percent_formats[None].pattern
    if places:
        k = pattern.rfind("0")
        pattern = pattern[: k + 1] + "." + "0" * places + pattern[k + 1 :]
    return pattern


def cldr_cases(locale_name: str, n: int, seed: int = 0) -> list[dict]:
    """``n`` sentences, each with one figure Babel writes in ``locale_name`` (the standard, percent,
    currency, compact and long forms in turn), and what must be read back: the value, the kind and the
    currencies allowed. Seeded: the same cases on every run."""
    import random

    from babel import Locale
    from babel import numbers as bn

    rng = random.Random(f"{locale_name}:{seed}")
    loc = Locale.parse(locale_name)
    own = bn.get_territory_currencies(loc.territory)[0]
    fmt = {"locale": locale_name, "numbering_system": "default"}
    cases = []
    for i in range(n):
        form = CLDR_FORMS[i % len(CLDR_FORMS)]
        currency = own if rng.random() < 0.6 else rng.choice(CLDR_OTHER_CURRENCIES)
        symbol = bn.get_currency_symbol(currency, locale_name)
        kind, units = "number", {None}
        if form == "standard":
            places = rng.choices((0, 1, 2, 3), weights=(10, 5, 4, 1))[0]  # news rarely writes three decimals
            value = round(rng.uniform(1, 10 ** rng.randint(1, 10)), places) * rng.choice((1,) * 9 + (-1,))
            written = bn.format_decimal(value, **fmt)
        elif form == "percent":
            places = rng.choice((0, 0, 1, 2))
            value = round(rng.uniform(0, 100), places)
            written = bn.format_percent(value / 100, format=_percent_pattern(loc, places), **fmt)
            kind, units = "percent", {"percent"}
        elif form == "currency":
            places = bn.get_currency_precision(currency)
            value = round(rng.uniform(1, 10 ** rng.randint(1, 9)), places)
            written = bn.format_currency(value, currency, **fmt)
            kind, units = "money", _currencies_allowed(currency, symbol)
        else:  # compact and long: three significant digits at most, so the compact form is exact
            value = rng.randint(1, 999) * 10 ** rng.randint(1, 9)
            long = form == "long"
            if rng.random() < 0.5:
                written = bn.format_compact_decimal(
                    value, format_type="long" if long else "short", fraction_digits=2, **fmt
                )
            elif long:
                written = bn.format_currency(value, currency, format_type="name", **fmt)
                kind, units = "money", {currency}
            else:
                written = bn.format_compact_currency(value, currency, fraction_digits=2, **fmt)
                kind, units = "money", _currencies_allowed(currency, symbol)
        written = _cldr_text(written, loc)
        cases.append(
            {
                "locale": locale_name,
                "lang": loc.language,
                "form": form,
                "written": written,
                "text": rng.choice(CLDR_SENTENCES[loc.language]).format(written),
                "value": float(value),
                "kind": kind,
                "units": units,
            }
        )
    return cases


SPELLED_LANGS = ("it", "fr", "en", "ar")
SPELLED_MONEY = {"it": ("EUR", "USD"), "fr": ("EUR", "USD"), "en": ("USD", "GBP"), "ar": ("EGP", "SAR")}
SPELLED_PERCENT = {"it": "{} per cento", "fr": "{} pour cent", "en": "{} percent", "ar": "{} بالمئة"}


def spelled_cases(lang: str, n: int, seed: int = 0) -> list[dict]:
    """``n`` sentences with a number, a percent or an amount spelled out in words by num2words (a test
    dependency), and what must be read back, as :func:`cldr_cases`. Seeded."""
    import random

    from num2words import num2words

    rng = random.Random(f"spelled:{lang}:{seed}")
    cases = []
    for i in range(n):
        form = ("number", "percent", "money")[i % 3]
        kind, units = "number", {None}
        if form == "number":
            value = rng.choice(
                (
                    rng.randint(2, 100),
                    rng.randint(100, 10_000),
                    rng.randint(10_000, 10**7),
                    rng.randint(1, 999) * 10 ** rng.randint(3, 9),
                )
            )
            written = num2words(value, lang=lang)
        elif form == "percent":
            value = rng.randint(2, 100)
            written = SPELLED_PERCENT[lang].format(num2words(value, lang=lang))
            kind, units = "percent", {"percent"}
        else:
            currency = rng.choice(SPELLED_MONEY[lang])
            value = rng.randint(1, 10 ** rng.randint(1, 6)) + rng.randint(1, 99) / 100
            written = num2words(value, lang=lang, to="currency", currency=currency)
            kind, units = "money", {currency}
        cases.append(
            {
                "locale": lang,
                "lang": lang,
                "form": f"spelled {form}",
                "written": written,
                "text": rng.choice(CLDR_SENTENCES[lang]).format(written),
                "value": float(value),
                "kind": kind,
                "units": units,
            }
        )
    return cases


def cldr_read(case: dict, find) -> str | None:
    """How the sentence's one figure is read back: "read" (one quantity, with the value, kind and unit
    written), "flagged" (the digits can be read two ways in the language, "7.241" is 7,241 in Morocco and
    7.241 in the Emirates, and the quantity is flagged ambiguous with one of the two values), else None."""
    qs = find(case["text"], case["lang"])
    if len(qs) != 1 or qs[0].value is None or qs[0].kind != case["kind"] or qs[0].unit not in case["units"]:
        return None
    got, want = qs[0].value, case["value"]
    if math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9):
        return "read"
    other = math.isclose(got * 1000, want, rel_tol=1e-9) or math.isclose(got, want * 1000, rel_tol=1e-9)
    return "flagged" if qs[0].ambiguous and other else None


def wide_locales() -> list[str]:
    """Every CLDR locale of it/fr/ar/en with a territory ("en_SE", "fr_SN", "ar_SS", about 200): the
    formats, currencies and symbols a reader meets beyond the 14 of ``CLDR_LOCALES``."""
    from babel import localedata

    return sorted(
        name for name in localedata.locale_identifiers() if re.fullmatch(r"(?:it|fr|ar|en)_[A-Z]{2}", name)
    )


def wide_score(find, n: int = 200, seed: int = 5) -> tuple[float, int]:
    """The share of the CLDR cases of every locale of :func:`wide_locales` read back, and how many cases."""
    cases = [c for name in wide_locales() for c in cldr_cases(name, n, seed)]
    return sum(cldr_read(c, find) is not None for c in cases) / len(cases), len(cases)


def cldr_score(find, n: int = 300, seed: int = 0, on_failure=None) -> dict[str, tuple[float, int]]:
    """Per locale: the share of CLDR cases read back (or flagged ambiguous), and how many were flagged."""
    out = {}
    for name in CLDR_LOCALES:
        cases = cldr_cases(name, n, seed)
        results = [cldr_read(case, find) for case in cases]
        for case, result in zip(cases, results, strict=True):
            if result is None and on_failure is not None:
                on_failure(case, find(case["text"], case["lang"]))
        out[name] = (sum(r is not None for r in results) / len(cases), results.count("flagged"))
    return out


class Misses:
    """The failed cases of the suites whose name ("duckling/en/number") starts with ``prefix`` (all
    with "", none with None), kept per suite and printed after the scores (--misses)."""

    def __init__(self, prefix: str | None) -> None:
        self.prefix = prefix
        self.by_suite: dict[str, list[str]] = defaultdict(list)

    def add(self, case: dict, qs: list) -> None:
        suite = f"{case['suite']}/{case['lang']}/{case['kind']}"
        if self.prefix is None or not suite.startswith(self.prefix):
            return
        exp = [
            (e.get("text"), e.get("value"), e.get("unit"), e.get("lower"), e.get("upper"))
            for e in case.get("expected") or []
        ]
        if case["test_type"] == "n_matches":
            exp = [f"{case['expected_count']} matches"]
        got = [(q.text, q.kind, q.value, q.unit, q.lower, q.upper) for q in qs]
        self.by_suite[suite].append(
            f"MISS {case['_id']} [{case['test_type']}] {case['input']!r}\n   expected {exp}\n   got      {got}"
        )

    def print(self) -> None:
        for suite in sorted(self.by_suite):
            print(f"== {suite}: {len(self.by_suite[suite])} missed")
            print("\n".join(self.by_suite[suite]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", help="print the failed cases of LANG:KIND (e.g. fr:number)")
    parser.add_argument(
        "--misses",
        nargs="?",
        const="",
        metavar="SUITE/LANG/KIND",
        help="print every failed case, per suite (all suites, or those whose name starts with the prefix)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--cldr", type=int, default=1000, help="CLDR cases per locale (needs babel; 0 to skip)"
    )
    args = parser.parse_args()

    from factcheck.quantities import find_quantities

    excluded = load_exclusions()
    cases = load_cases()
    shown = []
    misses = Misses(args.misses)

    def show(case, qs):
        misses.add(case, qs)
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
    misses.print()
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
    cldr = {}
    if args.cldr:
        cldr = cldr_score(find_quantities, args.cldr)
        print(f"\nCLDR conformance ({args.cldr} cases per locale, Babel's formats; tests/test_cldr.py):")
        for name, (share, flagged) in cldr.items():
            peer = per_lang.get(name.split("_")[0], {}).get("numbers_money_percent", float("nan"))
            print(
                f"  {name:<7}{share:>8.1%}  ({flagged} flagged ambiguous)   peers' numbers+money+percent {peer:.1%}"
            )
        share, count = wide_score(find_quantities)
        cldr["wide"] = (share, 0)
        print(
            f"  {'every xx_YY':<15}{share:>8.1%}  ({len(wide_locales())} locales of it/fr/ar/en, {count} cases, seed 5)"
        )
        try:
            import num2words  # noqa: F401
        except ImportError:
            print("  (spelled-out figures: num2words is not installed)")
        else:
            for lang in SPELLED_LANGS:
                spelled = spelled_cases(lang, args.cldr)
                share = sum(cldr_read(c, find_quantities) is not None for c in spelled) / len(spelled)
                cldr[f"spelled_{lang}"] = (share, 0)
                print(f"  {'spelled ' + lang:<15}{share:>8.1%}  (num2words' words, {args.cldr} cases)")
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
                "cldr": {name: round(share, 4) for name, (share, _) in cldr.items()},
                "seeds_chars_per_s": round(seed_chars / best),
                "peer_chars_per_s": round(peer_chars / best_peer),
            }
        )
    )


if __name__ == "__main__":
    main()
