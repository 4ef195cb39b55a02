"""Segmentation: the language of an article, and sentences (texts written for the tests, not the seeds)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.quantities.lexicon import available_languages, load_lexicon
from factcheck.segment.language import detect_language
from factcheck.segment.sentences import split_sentences

LANGS = available_languages()
ARTICLES = {
    "it": "Il consiglio comunale ha approvato ieri sera il bilancio di previsione, dopo una lunga discussione sulle tariffe dei trasporti pubblici e sui fondi destinati alle scuole della città.",
    "fr": "Le conseil municipal a adopté hier soir le budget prévisionnel, après une longue discussion sur les tarifs des transports publics et sur les fonds destinés aux écoles de la ville.",
    "ar": "وافق المجلس البلدي مساء أمس على الميزانية التقديرية بعد نقاش طويل حول أسعار النقل العام والأموال المخصصة لمدارس المدينة وخطط التنمية المقبلة.",
    "en": "The city council approved the provisional budget last night, after a long debate over public transport fares and the money set aside for the city's schools.",
}


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_language_is_detected_without_a_manifest(lang):
    assert detect_language(ARTICLES[lang], LANGS, fallback=None) == lang


def test_the_manifest_language_wins_on_short_or_unclear_text():
    assert detect_language("Budget: 12 millions.", LANGS, fallback="fr") == "fr"
    assert detect_language("OK 2023", LANGS, fallback="it") == "it"


def test_a_long_article_in_another_language_overrides_the_manifest():
    assert detect_language(ARTICLES["it"], LANGS, fallback="fr") == "it"


@pytest.mark.parametrize(
    "text, lang, count",
    [
        ("M. Dupont est arrivé. Il a parlé pendant 20 minutes.", "fr", 2),
        ("Il sig. Rossi è arrivato. Ha parlato a lungo.", "it", 2),
        ("Mr. Smith arrived at 10 a.m. on Monday. He spoke for an hour.", "en", 2),
        ("قال المدير إن الأرباح ارتفعت. وأضاف أن الخطة ستستمر.", "ar", 2),
        ("Titre sans point\nPremière phrase. Deuxième phrase.", "fr", 3),
        (
            "La banca centrale ha deciso un aumento dei\ntassi al 27,25%.\nUn'inflazione prossima al\n30%.",
            "it",
            2,
        ),
        ("Accueil\nMonde\nÉconomie", "fr", 3),
        ("I dispersi sono ancora 4. Il Pil è cresciuto dello 0,5% nel secondo trimestre.", "it", 2),
        ("The toll rose to 9. Stephen L. Carter said so.", "en", 2),
        ("Turnout was 72.8%, against 67.3% on 18 May. Voting started at 7 am. It was cold in May.", "en", 3),
        ("انخفضت المبيعات بنسبة ١٢ في المائة إلى ٣.٠ مليون سيارة. ولكن الأهم من ذلك تراجع الربح.", "ar", 2),
        (
            "رئاسيات الجزائر 2024: نسبة المشاركة بلغت 48.03 بالمائة\nشهدت الانتخابات الرئاسية نسبة مشاركة",
            "ar",
            2,
        ),
    ],
)
def test_sentences(text, lang, count):
    sentences = split_sentences(text, load_lexicon(lang))
    assert len(sentences) == count, [text[s.start : s.end] for s in sentences]
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in sentences)


PIECES = [*list("ab .!?\n«»\"'M"), "Mr.", "a.m.", "M.", "sig.", "؟", "، ", "Il ", "le ", "1.500 ", "٣٠"]


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(PIECES), max_size=40), lang=st.sampled_from(LANGS))
def test_sentences_are_ordered_stripped_spans_of_the_text(parts, lang):
    text = "".join(parts)
    last = 0
    for s in split_sentences(text, load_lexicon(lang)):
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        last = s.end


_POST = (
    "Le conseil municipal a voté mardi un budget de 12 millions d'euros pour la rénovation des écoles. "
    "Les travaux commenceront au printemps et dureront deux ans, selon le maire, qui promet des classes "
    "mieux isolées, des cantines agrandies et une cour végétalisée dans chacun des sept groupes scolaires."
)


def test_an_exact_or_near_repeat_is_marked_and_another_article_is_not():
    from factcheck.segment.repeats import RepeatTracker

    seen = RepeatTracker()
    assert not seen.article_seen(_POST)
    assert seen.article_seen(_POST)  # the same post again
    assert seen.article_seen(
        "Écoles : le budget est voté\n\n" + _POST.replace("mardi", "lundi")
    )  # a heading added, a word changed
    assert not seen.article_seen(
        _POST.replace("écoles", "piscines")
        .replace("cantines", "vestiaires")
        .replace("classes", "bassins")
        .replace("cour", "toiture")
        .replace("groupes scolaires", "quartiers")
        .replace("printemps", "automne")
    )


def test_a_repeated_sentence_is_marked():
    from factcheck.segment.repeats import RepeatTracker

    seen = RepeatTracker()
    assert not seen.sentence_seen("Twitter a licencié la moitié de ses employés.")
    assert seen.sentence_seen("Twitter a licencié la moitié de ses  employés !")
    assert not seen.sentence_seen("Oui.") and not seen.sentence_seen("Oui.")  # too short to tell


WRAPPED = """E' crisi valutaria in Egitto, dove la
banca centrale, a corto di riserve valutarie per sostenere la
moneta nazionale, ha convocato una riunione a sorpresa
annunciando che lascerà la sterlina egiziana a un regime di
cambi fluttuanti.
L'istituto centrale ha deciso un aumento dei tassi d'interesse
chiave di ben sei punti percentuali al 27,25%.
"""


def test_prose_with_hard_line_breaks_is_no_navigation_and_its_sentences_run_on():
    from factcheck.segment.articles import split_articles

    lexicons = [load_lexicon(lang) for lang in LANGS]
    (_, _, body), *_ = split_articles(WRAPPED, lexicons)
    assert "27,25%" in body and "banca centrale" in body
    sentences = [WRAPPED[s.start : s.end] for s in split_sentences(WRAPPED, load_lexicon("it"))]
    assert len(sentences) == 2 and sentences[1].endswith("27,25%.")
    menu = "\n".join(["Home", "Cronaca", "Politica", "Economia", "Sport", "Cultura", "Spettacoli"]) + "\n\n"
    assert (
        split_articles(menu + WRAPPED, lexicons)[0][2].strip().startswith("E' crisi")
    )  # the menu is dropped


RESULTS = """Here's the full poll of the exit poll published at 10pm, seat by seat for each party:

Labour: 410
Conservatives: 131
Liberal Democrats: 61
Reform UK: 13
SNP: 10
Plaid Cymru: 4
Green Party: 2
Other: 19
"""


def test_a_table_of_figures_in_short_lines_is_no_navigation():
    from factcheck.segment.articles import split_articles

    lexicons = [load_lexicon(lang) for lang in LANGS]
    menu = "\n".join(["Home", "News", "Politics", "Business", "Sport", "Culture", "Weather"]) + "\n\n"
    (_, _, body), *_ = split_articles(menu + RESULTS, lexicons)
    assert "Home" not in body and "Plaid Cymru: 4" in body and "Other: 19" in body


def test_prose_and_a_table_of_figures_among_short_lines_are_kept_and_the_menu_items_dropped():
    """A block with no blank line holding two paragraphs of prose, a contents heading and the rows of a
    table between bars looks like navigation by its short lines; its paragraphs and rows are kept."""
    from factcheck.segment.articles import split_articles

    lexicons = [load_lexicon(lang) for lang in LANGS]
    prose = (
        "Tesla reported third-quarter earnings that fell short of forecasts, sending shares tumbling in "
        "after-hours trading, as the company posted adjusted earnings per share of $0.62, missing the "
        "consensus estimate of $0.74, while revenue came in at $25.1 billion, below the $25.4 billion "
        "expected by analysts."
    )
    rows = [
        "| Metric | Q3 2025 | Consensus |",
        "|---|---|---|",
        "| Revenue | $25.1B | $25.4B |",
        "| Adjusted EPS | $0.62 | $0.74 |",
        "| Automotive Revenue | $20.8B | $21.2B |",
        "| Energy Revenue | $2.5B | $2.3B |",
    ]
    headings = ["Table of Contents", "Key Financial Highlights", "Share this article", "Related stories"]
    text = "\n".join([prose, prose, *headings, *rows])
    (_, _, body), *_ = split_articles(text, lexicons)
    assert "$25.1 billion" in body and "| Revenue | $25.1B" in body and "Table of Contents" not in body


def test_a_cookie_banner_is_dropped_and_a_line_with_a_word_ending_like_its_phrase_is_kept():
    from factcheck.segment.articles import split_articles

    lexicons = [load_lexicon(lang) for lang in LANGS]
    text = (
        "This website uses cookies to improve your experience.\n\n"
        "Nestle, whose brands include Toll House cookies, will eliminate 16,000 jobs.\n"
    )
    (_, _, body), *_ = split_articles(text, lexicons)
    assert "website" not in body and "16,000 jobs" in body  # "House cookies" holds no "use cookies"


# A page whose links were copied onto lines of their own (made-up text): its sentences go on over the
# breaks, in lower case or after a comma or a stop, and a sentence alone on a short line is no menu item.
LINKED = """(Borsa) - La società
ha riportato risultati superiori alle attese, ma il titolo è crollato a causa di un onere fiscale
da 15,93 miliardi di dollari
. La società ha spiegato la voce.
Nel terzo trimestre, i ricavi
sono saliti del 26% a 51,24 miliardi di dollari.
L'utile si è attestato a 7,25 dollari, ben sopra i 6,69 dollari previsti.
La società prevede spese
, ora attese tra 116 e 118 miliardi
"""

ROWS = """Les résultats sur 99,5% des bulletins :
AP (travaillistes) 28,17% (+1,9%) 53 sièges (+5)
FrP (Parti du Progrès) 23,87% (+12,3%) 48 sièges (+27)
H (Conservateurs) 14,62% (-5,7%) 24 sièges (-12)
Sp (Centristes) 5,63% (-7,9%) 9 sièges (-19)
SV (Socialistes de gauche) 5,51% (-2,1%) 9 sièges (-4)
"""


def test_a_sentence_broken_by_links_and_rows_ending_in_brackets_are_no_navigation():
    from factcheck.segment.articles import split_articles

    lexicons = [load_lexicon(lang) for lang in LANGS]
    menu = "\n".join(["Accueil", "Monde", "Politique", "Économie", "Sport", "Culture", "Météo"]) + "\n\n"
    (_, _, body), *_ = split_articles(menu + LINKED + "\n" + ROWS, lexicons)
    for said in ("15,93 miliardi", "i ricavi", "7,25 dollari", "116 e 118", "28,17%", "9 sièges (-4)"):
        assert said in body, said
    assert "Météo" not in body
