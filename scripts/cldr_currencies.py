"""Writes factcheck/data/cldr_currencies.yaml: CLDR's names and symbols of every current currency, per language.

Run at development time (Babel is a test dependency, never needed at run time):

    python scripts/cldr_currencies.py

For each language of factcheck/data/lang/ and every ISO 4217 currency legal tender somewhere today,
it gathers, over all of the language's CLDR locales ("fr", "fr_CA", "fr_SN", ...), the currency's
display names in every plural form ("dollaro delle Figi", "dollari delle Figi") and its symbols
("USh", "F CFA", "₦"). Kept: names lower-cased (matched in any case) and symbols as written (matched
with their case), each standing for one currency only in the language. Left out: symbols of one
letter ("R", "K", "P": "K2", "P5", "R&D" in news), symbols and names that two currencies share in the
language ("Rs", "kr", "$", "£"), a symbol that is the code itself (every code is read already), and
symbols that are words of the language (the French article "Le" is the Sierra Leonean leone's
symbol). It also writes the codes into factcheck/data/units.txt (each currency its own dimension)
and lists the codes that are words in capitals ("TOP 10", "ALL 3"), which are read only through
their names and symbols. Entries of the language files (factcheck/data/lang/<lang>.yaml) win over
these. The data is CLDR's, under the Unicode License v3 (factcheck/data/LICENSE.unicode.txt).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "factcheck" / "data"
OUT = DATA / "cldr_currencies.yaml"
UNITS = DATA / "units.txt"
LANGS = ("ar", "en", "fr", "it")
# ISO codes that are words written in capitals ("TOP 10", "ALL 3 DEAD", "SOS", "AMD" the chip maker):
# a currency only through its names and symbols.
NOT_SIGNS = ("ALL", "AMD", "BAM", "BOB", "CUP", "CVE", "MOP", "MUR", "SOS", "TOP")
# Symbols that are words or abbreviations in news of any of the languages, beyond their stopwords
# ("Le" is the French article and the Sierra Leonean leone's symbol), and names that are also
# adjectives of people ("20 boliviani" are twenty Bolivians, "أفغاني" an Afghan).
NOT_SYMBOLS = ("Le", "Br", "Nu.", "Db", "Bs", "Ft", "Sh")
NOT_NAMES = ("boliviani", "boliviano", "أفغاني")
_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
START_UNITS = "# --- every current ISO 4217 currency (scripts/cldr_currencies.py writes this block) ---"
END_UNITS = "# --- end of the block scripts/cldr_currencies.py writes ---"


def current_codes() -> list[str]:
    """The ISO 4217 codes legal tender in some territory today (by CLDR)."""
    from babel.core import get_global

    codes = {
        code
        for currencies in get_global("territory_currencies").values()
        for code, _start, end, tender in currencies
        if tender and end is None
    }
    return sorted(codes)


def locales(lang: str) -> list[str]:
    from babel import localedata

    return [name for name in localedata.locale_identifiers() if name.split("_")[0] == lang]


def gathered(lang: str, codes: list[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(name -> codes, symbol -> codes) over every locale of ``lang``."""
    from babel import Locale

    names: dict[str, set[str]] = defaultdict(set)
    symbols: dict[str, set[str]] = defaultdict(set)
    for name in locales(lang):
        loc = Locale.parse(name)
        plural = loc._data["currency_names_plural"]
        for code in codes:
            for written in [loc.currencies.get(code), *dict(plural.get(code, {})).values()]:
                if written and written.upper() != code:
                    names[_clean(written).lower()].add(code)
            symbol = loc.currency_symbols.get(code)
            if symbol:
                symbols[_clean(symbol)].add(code)
    return names, symbols


def _clean(phrase: str) -> str:
    """A name or symbol without direction marks, its spaces (no-break ones too) single plain spaces."""
    return " ".join(_MARKS.sub("", phrase).split())


def words_of(lang: str) -> set[str]:
    """The language file's stopwords, scale, unit and percent words, folded: no symbol may be one."""
    data = yaml.safe_load((DATA / "lang" / f"{lang}.yaml").read_text(encoding="utf-8"))
    words = [*data["stopwords"], *data["scales"], *data["units"], *data["percent"]]
    return {str(w).lower() for w in words}


def entries(lang: str, codes: list[str], shared: set[str]) -> dict[str, str]:
    """Phrase -> code for ``lang``: unambiguous names and symbols (see the module's docstring);
    ``shared``: the symbols that stand for two currencies in some locale of any of the languages."""
    names, symbols = gathered(lang, codes)
    words = words_of(lang)
    out = {name: next(iter(c)) for name, c in sorted(names.items()) if len(c) == 1 and name not in NOT_NAMES}
    for symbol, c in sorted(symbols.items()):
        code = next(iter(c))
        if (
            symbol in shared
            or symbol == code
            or (len(symbol) == 1 and symbol.isalpha())
            or symbol.lower() in words
            or symbol in NOT_SYMBOLS
            or symbol.lower() in out
        ):
            continue
        out[symbol] = code
    return out


def shared_symbols(codes: list[str]) -> set[str]:
    """The symbols standing for two or more currencies in the locales of the languages, taken together."""
    seen: dict[str, set[str]] = defaultdict(set)
    for lang in LANGS:
        for symbol, c in gathered(lang, codes)[1].items():
            seen[symbol] |= c
    return {symbol for symbol, c in seen.items() if len(c) > 1}


def units_block(codes: list[str]) -> str:
    """The units.txt lines of the codes it does not define yet."""
    text = UNITS.read_text(encoding="utf-8")
    text = re.sub(rf"{re.escape(START_UNITS)}.*?{re.escape(END_UNITS)}\n\n", "", text, flags=re.S)
    known = set(re.findall(r"^([A-Z]{3}) = \[currency_\1\]", text, flags=re.M))
    lines = [f"{c} = [currency_{c}]" for c in codes if c not in known]
    return text, "\n".join([START_UNITS, *lines, END_UNITS]) + "\n"


def main() -> None:
    import babel

    codes = current_codes()
    shared = shared_symbols(codes)
    languages = {lang: entries(lang, codes, shared) for lang in LANGS}
    signs = {k: v for e in languages.values() for k, v in e.items() if not any(ch.isalpha() for ch in k)}
    for e in languages.values():  # a sign with no letter ("₦", "₾") is of no one language
        e.update({k: v for k, v in sorted(signs.items()) if k not in e})
    body = {"not_signs": list(NOT_SIGNS), "languages": languages}
    head = (
        "# Currency names and symbols of Unicode CLDR, per language: phrase -> ISO 4217 code.\n"
        f"# Generated by scripts/cldr_currencies.py (Babel {babel.__version__}); do not edit: the currencies of\n"
        "# factcheck/data/lang/<lang>.yaml win over these. Names are lower-case (matched in any case), symbols\n"
        "# keep their case (matched with it). not_signs: ISO codes that are words in capitals, read only\n"
        "# through their names and symbols.\n"
        "# Data from the Unicode CLDR, Copyright © 2004-2025 Unicode, Inc., under the Unicode License v3\n"
        "# (LICENSE.unicode.txt beside this file).\n"
    )
    dumped = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=200)
    OUT.write_text(head + dumped, encoding="utf-8")
    text, block = units_block(codes)
    anchor = "\n# A percentage point"
    UNITS.write_text(text.replace(anchor, "\n" + block.rstrip("\n") + "\n" + anchor, 1), encoding="utf-8")
    print(
        f"{OUT}: {sum(map(len, body['languages'].values()))} entries; {UNITS}: {block.count(chr(10)) - 2} codes"
    )


if __name__ == "__main__":
    sys.exit(main())
