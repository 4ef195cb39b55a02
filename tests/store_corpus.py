"""A made-up corpus for the store's tests: short news items in en/fr/it about the companies of
rules/entities.yaml, each outlet right about a figure with its own probability (made-up sentences,
no real news; the figures are drawn at random from a seed)."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

ENTITIES = ["Tesla", "Microsoft", "Google", "Disney", "SpaceX", "OpenAI", "Meta", "Instagram"]
# (metric, true value per entity index, templates per language)
FACTS = {
    "headcount": (
        lambda k: 20_000 + 7_000 * k,
        {
            "en": "{e} had {n} employees at the time, the company said.",
            "fr": "{e} comptait {n} employés à ce moment-là, a indiqué l'entreprise.",
            "it": "{e} aveva {n} dipendenti in quel momento, ha fatto sapere l'azienda.",
        },
    ),
    "users": (
        lambda k: 5_000_000 * (k + 2),
        {
            "en": "The service of {e} counts {n} users, according to the firm.",
            "fr": "Le service de {e} compte {n} utilisateurs, selon la société.",
            "it": "Il servizio di {e} conta {n} utenti, secondo la società.",
        },
    ),
}
# Sentences without figures, put together from parts so that no two articles read alike (a news
# item of about 500 words, as a desk gets them).
PARTS = {
    "en": (
        [
            "Analysts",
            "Several investors",
            "Union representatives",
            "Former managers",
            "Rival firms",
            "Regulators in Brussels",
            "Local officials",
            "Industry consultants",
        ],
        [
            "remain divided about",
            "have asked questions about",
            "are watching closely",
            "have long doubted",
            "publicly welcomed",
            "quietly criticised",
            "want more detail on",
            "say little about",
        ],
        [
            "the plan for the coming months",
            "the new strategy",
            "the pace of the changes",
            "the board's latest decision",
            "the figures released this week",
            "the way the company reports its results",
            "the cost of the reorganisation",
            "the timing of the announcement",
        ],
    ),
    "fr": (
        [
            "Les analystes",
            "Plusieurs investisseurs",
            "Les représentants syndicaux",
            "D'anciens cadres",
            "Les concurrents",
            "Les régulateurs à Bruxelles",
            "Les élus locaux",
            "Des consultants du secteur",
        ],
        [
            "restent partagés sur",
            "s'interrogent sur",
            "suivent de près",
            "doutent depuis longtemps de",
            "ont salué publiquement",
            "ont critiqué discrètement",
            "veulent plus de détails sur",
            "disent peu de chose sur",
        ],
        [
            "le plan pour les prochains mois",
            "la nouvelle stratégie",
            "le rythme des changements",
            "la dernière décision du conseil",
            "les chiffres publiés cette semaine",
            "la façon dont l'entreprise présente ses résultats",
            "le coût de la réorganisation",
            "le calendrier de l'annonce",
        ],
    ),
    "it": (
        [
            "Gli analisti",
            "Diversi investitori",
            "I rappresentanti sindacali",
            "Alcuni ex dirigenti",
            "Le aziende rivali",
            "I regolatori a Bruxelles",
            "Gli amministratori locali",
            "I consulenti del settore",
        ],
        [
            "restano divisi su",
            "si interrogano su",
            "seguono da vicino",
            "dubitano da tempo de",
            "hanno accolto con favore",
            "hanno criticato con discrezione",
            "chiedono più dettagli su",
            "dicono poco su",
        ],
        [
            "il piano per i prossimi mesi",
            "la nuova strategia",
            "il ritmo dei cambiamenti",
            "l'ultima decisione del consiglio",
            "i numeri diffusi questa settimana",
            "il modo in cui l'azienda presenta i conti",
            "il costo della riorganizzazione",
            "i tempi dell'annuncio",
        ],
    ),
}


def _filler(rng: random.Random, lang: str, count: int) -> list[str]:
    """``count`` sentences without figures."""
    who, verb, what = PARTS[lang]
    return [f"{rng.choice(who)} {rng.choice(verb)} {rng.choice(what)}." for _ in range(count)]


REPORTERS = [
    "Ada Rinaldi",
    "Bruno Keller",
    "Chloé Martin",
    "Dario Conti",
    "Elena Weiss",
    "Farid Haddad",
    "Grace Moreau",
]
BYLINE = {
    "en": "Reporting by {r}; editing by {s}.",
    "fr": "Avec {r} ; édition {s}.",
    "it": "Di {r}, a cura di {s}.",
}
TITLE = {"en": "{e}: the latest figures", "fr": "{e} : les derniers chiffres", "it": "{e}: gli ultimi numeri"}
OUTLETS = [  # name, language, how often its figures are right
    ("Daily Ledger", "en", 0.95),
    ("Morning Wire", "en", 0.85),
    ("Le Quotidien", "fr", 0.9),
    ("La Gazette", "fr", 0.6),
    ("Il Corriere Tech", "it", 0.8),
    ("Rumour Mill", "en", 0.35),
]
DAY = dt.date(2023, 5, 2)


def _number(n: int, lang: str) -> str:
    text = f"{n:,}"
    return text.replace(",", " ") if lang == "fr" else text.replace(",", ".") if lang == "it" else text


def write_articles(folder: Path, count: int, seed: int = 7, start: int = 0) -> list[Path]:
    """``count`` articles (files ``g{start:03d}.txt``...) and a manifest beside them (extended when it
    is there): each about one entity, with two figures, each right with its outlet's probability,
    else off by 10 to 40 %."""
    rng = random.Random(seed * 1000 + start)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.csv"
    rows = list(csv.reader(manifest.open(encoding="utf-8")))[1:] if manifest.exists() else []
    written = []
    for n in range(start, start + count):
        outlet, lang, p_right = OUTLETS[rng.randrange(len(OUTLETS))]
        k = rng.randrange(len(ENTITIES))
        entity = ENTITIES[k]
        lines = [TITLE[lang].format(e=entity), ""]
        for _, (truth, templates) in FACTS.items():
            value = truth(k)
            if rng.random() > p_right:
                value = int(round(value * rng.choice([0.6, 0.7, 0.8, 1.2, 1.3, 1.4]), -2))
            lines.append(templates[lang].format(e=entity, n=_number(value, lang)))
        figures, body = lines[2:], _filler(rng, lang, 48)
        paragraphs = [
            " ".join(body[:8]),
            " ".join([figures[0], *body[8:16]]),
            " ".join(body[16:24]),
            " ".join(body[24:32]),
            " ".join([figures[1], *body[32:40]]),
            " ".join(body[40:]),
        ]
        byline = BYLINE[lang].format(r=rng.choice(REPORTERS), s=rng.choice(REPORTERS))
        lines = [*lines[:2], "\n\n".join(paragraphs), "", byline]
        path = folder / f"g{n:03d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        day = DAY + dt.timedelta(days=rng.randrange(10))
        rows.append([path.name, lang, day.isoformat(), outlet])
        written.append(path)
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "lang", "published", "source"])
        w.writerows(rows)
    return written


if __name__ == "__main__":  # python tests/store_corpus.py FOLDER [COUNT]: the corpus of the README's figures
    import sys

    write_articles(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 60)
