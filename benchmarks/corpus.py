"""Generated corpora for the speed benchmarks and the cluster test: prose drawn from the seeds, the
development corpus (benchmarks/data/devcorpus) and the test cases (names and figures varied, so articles are not repeats of each other), number-dense pages
(tables, lists of results), plain numbers and one long line. Deterministic for a given seed.

Each article is a title and sentences drawn at random from every sentence of its language (the seeds'
and the development corpus's articles; the normaliser cases of all four languages), with entity and
person names swapped for made-up ones in most articles and every figure redrawn with the same number
of digits (years kept). Two articles share few word triples, so none is dropped as a near repeat.
"""

from __future__ import annotations

import csv
import random
import re
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("it", "fr", "ar", "en")
_SPLIT = re.compile(r"(?<=[.!?؟])\s+|\n+")
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")
# names in the sources, and made-up ones to put in their place
_NAMES = {
    "Twitter": "company",
    "Tesla": "company",
    "OpenAI": "company",
    "Musk": "person",
    "Elon": "first",
    "تويتر": "company_ar",
    "ماسك": "person_ar",
    "إيلون": "first_ar",
}
_SYLLABLES = [
    "bra",
    "vel",
    "to",
    "ran",
    "mi",
    "co",
    "lu",
    "der",
    "sa",
    "no",
    "vik",
    "ter",
    "pel",
    "quo",
    "ma",
]
_AR_SYLLABLES = ["سا", "مي", "رو", "تا", "نو", "كا", "لي", "فا", "زو", "دي"]


def _made_up(rng: random.Random, kind: str) -> str:
    if kind.endswith("_ar"):
        return "".join(rng.choice(_AR_SYLLABLES) for _ in range(rng.randint(2, 3)))
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return word.capitalize() + ("x" if kind == "company" else "")


def _sentences() -> dict[str, list[str]]:
    """Every sentence of each language: the seeds (by their manifest language) and the normaliser cases."""
    pool: dict[str, list[str]] = {lang: [] for lang in LANGS}
    manifests = [
        ROOT / "seeds" / "manifest.csv",
        *sorted((ROOT / "benchmarks" / "data" / "devcorpus").glob("*/manifest.csv")),
    ]
    for manifest in manifests:
        with manifest.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("lang") not in pool or not (manifest.parent / row["file"]).is_file():
                    continue
                text = (manifest.parent / row["file"]).read_text(encoding="utf-8")
                pool[row["lang"]] += [s.strip() for s in _SPLIT.split(text) if len(s.strip()) > 25]
    for lang in LANGS:
        cases = yaml.safe_load((ROOT / "tests" / "cases" / f"{lang}.yaml").read_text(encoding="utf-8"))
        pool[lang] += [
            str(c["text"]).strip() for c in cases.get("cases", []) if len(str(c.get("text", ""))) > 15
        ]
    return {lang: list(dict.fromkeys(s)) for lang, s in pool.items()}


def _vary(text: str, rng: random.Random, names: dict[str, str]) -> str:
    def figure(m: re.Match[str]) -> str:
        d = m.group(0)
        if len(d) == 4 and _YEAR.fullmatch(d):
            return d
        first = str(rng.randint(1, 9)) if d[0] != "0" else "0"
        return first + "".join(str(rng.randint(0, 9)) for _ in d[1:])

    text = _DIGITS.sub(figure, text)
    for old, new in names.items():
        text = text.replace(old, new)
    return text


def prose(target_chars: int, seed: int = 0, sentences: tuple[int, int] = (12, 30)) -> list[dict]:
    """Articles of about ``target_chars`` characters in all, in the four languages in turn."""
    rng = random.Random(seed)
    pool = _sentences()
    docs, total, n = [], 0, 0
    while total < target_chars:
        lang = LANGS[n % len(LANGS)]
        keep = rng.random() < 0.4  # some articles keep the real names: they then compare with each other
        names = {} if keep else {old: _made_up(rng, kind) for old, kind in _NAMES.items()}
        # at most a quarter of the language's sentences: two articles then share few of them
        picked = rng.sample(pool[lang], min(len(pool[lang]) // 4, rng.randint(*sentences)))
        body = [_vary(s, rng, names) for s in picked]
        title = " ".join(body[0].split()[:8])
        paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        docs.append(_doc(n, lang, text, rng))
        total += len(text)
        n += 1
    return docs


_TABLE_HEAD = {
    "it": ("Regione", "Dipendenti", "Ricavi (milioni di euro)", "Variazione"),
    "fr": ("Région", "Salariés", "Chiffre d'affaires (millions d'euros)", "Variation"),
    "ar": ("المنطقة", "الموظفون", "الإيرادات (مليون دولار)", "التغير"),
    "en": ("Region", "Staff", "Revenue ($ million)", "Change"),
}
_RESULT = {
    "it": "{a}. {team} ha chiuso con {p} punti, {w} vittorie e {g} gol segnati.",
    "fr": "{a}. {team} termine avec {p} points, {w} victoires et {g} buts marqués.",
    "ar": "{a}. أنهى فريق {team} الموسم برصيد {p} نقطة و{w} انتصارا و{g} هدفا.",
    "en": "{a}. {team} finished on {p} points, with {w} wins and {g} goals scored.",
}


def _local(value: float, lang: str, decimals: int = 0) -> str:
    """A figure as that language's press writes it (thousands and decimal separators)."""
    text = f"{value:,.{decimals}f}"
    if lang in ("it",):
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    if lang == "fr":
        return text.replace(",", " ").replace(".", ",")
    return text


def number_dense(target_chars: int, seed: int = 1) -> list[dict]:
    """Pages that are mostly figures: tables of results by region, and league tables."""
    rng = random.Random(seed)
    docs, total, n = [], 0, 0
    while total < target_chars:
        lang = LANGS[n % len(LANGS)]
        company = _made_up(rng, "company_ar" if lang == "ar" else "company")
        head = _TABLE_HEAD[lang]
        lines = [f"{company} {rng.randint(2019, 2024)}", "", " | ".join(head)]
        for _ in range(rng.randint(15, 40)):
            region = _made_up(rng, "person_ar" if lang == "ar" else "first")
            staff = rng.randint(100, 90000)
            revenue = rng.uniform(1, 9000)
            change = rng.uniform(-40, 60)
            lines.append(
                f"{region} | {_local(staff, lang)} | {_local(revenue, lang, 1)} | {_local(change, lang, 1)}%."
            )
        lines.append("")
        for a in range(1, rng.randint(10, 25)):
            team = _made_up(rng, "person_ar" if lang == "ar" else "company")
            lines.append(
                _RESULT[lang].format(
                    a=a, team=team, p=rng.randint(10, 99), w=rng.randint(1, 30), g=rng.randint(10, 120)
                )
            )
        text = "\n".join(lines) + "\n"
        docs.append(_doc(n, lang, text, rng))
        total += len(text)
        n += 1
    return docs


def _doc(n: int, lang: str, text: str, rng: random.Random) -> dict:
    day = date(2022, 1, 1) + timedelta(days=rng.randint(0, 900))
    return {"name": f"{n:06d}_{lang}.txt", "lang": lang, "published": day.isoformat(), "text": text}


def write(folder: Path, docs: list[dict]) -> Path:
    """The documents as .txt files with a manifest.csv (language, date, a made-up source per file)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["file", "lang", "published", "source"])
        for i, d in enumerate(docs):
            (folder / d["name"]).write_text(d["text"], encoding="utf-8")
            out.writerow([d["name"], d["lang"], d["published"], f"outlet {i % 23}"])
    return folder


def plain_numbers(count: int, seed: int = 2) -> str:
    """``count`` numbers and nothing else, a hundred to a line (long lines: not taken for a menu)."""
    rng = random.Random(seed)
    nums = [str(rng.randint(1, 99999)) for _ in range(count)]
    return "\n".join(" ".join(nums[i : i + 100]) for i in range(0, count, 100)) + "\n"


def long_line(chars: int) -> str:
    """One line of ``chars`` characters: "1.500 1.500 ..." with no full stop or newline."""
    unit = "1.500 "
    return (unit * (chars // len(unit) + 1))[:chars]
