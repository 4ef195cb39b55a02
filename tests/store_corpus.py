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
FILLER = {  # sentences without figures, a few drawn for each article so that articles differ
    "en": [
        "Analysts were divided about what this means for the months ahead.",
        "The board met in the afternoon and did not comment further.",
        "Shares moved little in early trading after the announcement.",
        "Unions asked for a meeting with the management before the summer.",
        "Competitors have taken a different road, betting on smaller teams.",
        "Investors want to see a clearer plan before the next quarter.",
    ],
    "fr": [
        "Les analystes restent partagés sur ce que cela annonce pour les mois à venir.",
        "Le conseil s'est réuni dans l'après-midi sans autre commentaire.",
        "L'action a peu bougé en début de séance après l'annonce.",
        "Les syndicats réclament une rencontre avec la direction avant l'été.",
        "Les concurrents ont choisi une autre voie, avec des équipes plus petites.",
        "Les investisseurs attendent un plan plus clair avant le prochain trimestre.",
    ],
    "it": [
        "Gli analisti restano divisi su cosa significhi per i prossimi mesi.",
        "Il consiglio si è riunito nel pomeriggio senza altri commenti.",
        "Il titolo si è mosso poco in apertura dopo l'annuncio.",
        "I sindacati chiedono un incontro con la direzione prima dell'estate.",
        "I concorrenti hanno scelto un'altra strada, con squadre più piccole.",
        "Gli investitori vogliono un piano più chiaro prima del prossimo trimestre.",
    ],
}
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
        lines[3:3] = rng.sample(FILLER[lang], 2)
        lines += [
            *rng.sample(FILLER[lang], 2),
            BYLINE[lang].format(r=rng.choice(REPORTERS), s=rng.choice(REPORTERS)),
        ]
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
