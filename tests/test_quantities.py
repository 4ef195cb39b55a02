"""The normaliser: named cases per language (tests/cases/<lang>.yaml) and hypothesis properties."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.quantities import available_languages, find_quantities
from factcheck.quantities.lexicon import load_lexicon, lookup

CASES_DIR = Path(__file__).parent / "cases"
FIELDS = ("text", "value", "lower", "upper", "unit", "qualifier", "kind", "role")


def _cases():
    for lang in available_languages():
        path = CASES_DIR / f"{lang}.yaml"
        if path.is_file():
            for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
                yield pytest.param(lang, case, id=f"{lang}: {case['name']}")


def test_every_language_has_a_case_file():
    missing = [lang for lang in available_languages() if not (CASES_DIR / f"{lang}.yaml").is_file()]
    assert not missing, f"languages without tests/cases/<lang>.yaml: {missing}"


@pytest.mark.parametrize("lang, case", list(_cases()))
def test_case(lang, case):
    got = find_quantities(case["text"], lang)
    want = case["expect"]
    assert len(got) == len(want), (
        f"{case['text']!r}: expected {len(want)} quantities, got {[q.text for q in got]}"
    )
    for q, w in zip(got, want, strict=False):
        for key in FIELDS:
            if key not in w:
                continue
            actual, expected = getattr(q, key), w[key]
            if isinstance(expected, (int, float)) and not isinstance(expected, bool) and actual is not None:
                assert math.isclose(actual, expected, rel_tol=1e-9), (
                    f"{case['text']!r} {q.text!r}: {key} {actual} != {expected}"
                )
            else:
                assert actual == expected, f"{case['text']!r} {q.text!r}: {key} {actual!r} != {expected!r}"


def test_ambiguous_shapes_are_flagged_not_guessed():
    assert find_quantities("Il a versé 1,500 à chacun.", "fr")[0].ambiguous
    assert find_quantities("He paid 1.500 each.", "en")[0].ambiguous
    assert not find_quantities("Il a versé 1.500 à chacun.", "fr")[0].ambiguous


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("Il a versé 1,500 à chacun, soit 4,8 % du total.", "fr", 1.5),  # "4,8": the comma is decimal here
        (
            "Le groupe a 62.000 employés et 1,500 de marge.",
            "fr",
            1.5,
        ),  # the dot groups, so the comma is decimal
        ("He paid 1.500 each, of 2,300,000 in all.", "en", 1.5),  # the comma groups, so the dot is decimal
        ("He paid 1.500 each; the rate was 4.25.", "en", 1.5),
        ("Ha speso 1,500 milioni.", "it", 1.5e6),  # before a scale word: a decimal
    ],
)
def test_ambiguous_shapes_are_settled_by_the_text(text, lang, value):
    q = next(q for q in find_quantities(text, lang) if "1,500" in q.text or "1.500" in q.text)
    assert math.isclose(q.value, value) and not q.ambiguous


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), lang=st.sampled_from(available_languages()))
def test_never_raises_and_spans_index_the_text(text, lang):
    for q in find_quantities(text, lang):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.lower is None or q.upper is None or q.lower <= q.upper


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# How newspapers write thousands in each language: (group separators, decimal mark, digits)
STYLES = {
    "it": ([".", "\u00a0"], ",", None),
    "fr": ([" ", "\u00a0", "\u202f", "."], ",", None),
    "en": ([","], ".", None),
    "ar": (["٬"], "٫", ARABIC_INDIC),
}
SENTENCE = {
    "it": "Il valore era {} ieri.",
    "fr": "La valeur était {} hier.",
    "en": "The value was {} yesterday.",
    "ar": "كانت القيمة {} أمس.",
}


def _grouped(n: int, sep: str) -> str:
    s = str(n)
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    return sep.join([s, *groups])


@settings(max_examples=200, deadline=None)
@given(
    lang=st.sampled_from(sorted(STYLES)), n=st.integers(min_value=10_000, max_value=10**12), data=st.data()
)
def test_grouped_integers_round_trip(lang, n, data):
    seps, _, digits = STYLES[lang]
    written = _grouped(n, data.draw(st.sampled_from(seps)))
    if digits:
        written = written.translate(digits)
    got = find_quantities(SENTENCE[lang].format(written), lang)
    assert [q.value for q in got] == [n]


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(sorted(STYLES)), whole=st.integers(0, 999), frac=st.integers(1, 99))
def test_decimals_round_trip(lang, whole, frac):
    _, mark, digits = STYLES[lang]
    written = f"{whole}{mark}{frac:02d}"
    if digits:
        written = written.translate(digits)
    got = find_quantities(SENTENCE[lang].format(written), lang)
    assert len(got) == 1 and math.isclose(got[0].value, whole + frac / 100)


MONEY = {
    "it": ("{} miliardi di dollari", 1e9, "USD"),
    "fr": ("{} millions d'euros", 1e6, "EUR"),
    "en": ("${} billion", 1e9, "USD"),
    "ar": ("{} مليون دولار", 1e6, "USD"),
}
PERCENT = {"it": "{}%", "fr": "{} %", "en": "{} percent", "ar": "{}٪"}


@settings(max_examples=150, deadline=None)
@given(lang=st.sampled_from(sorted(STYLES)), whole=st.integers(1, 999), frac=st.integers(0, 9))
def test_money_and_percent_round_trip(lang, whole, frac):
    _, mark, digits = STYLES[lang]
    written = f"{whole}{mark}{frac}" if frac else str(whole)
    if digits:
        written = written.translate(digits)
    number = whole + frac / 10
    template, factor, code = MONEY[lang]
    money = find_quantities(SENTENCE[lang].format(template.format(written)), lang)
    assert [(q.kind, q.unit) for q in money] == [("money", code)] and math.isclose(
        money[0].value, number * factor
    )
    percent = find_quantities(SENTENCE[lang].format(PERCENT[lang].format(written)), lang)
    assert [(q.kind, q.unit) for q in percent] == [("percent", "percent")] and math.isclose(
        percent[0].value, number
    )


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(1, 999),
    scale=st.sampled_from(
        [("milioni", 1e6, "it"), ("milliards", 1e9, "fr"), ("billion", 1e9, "en"), ("مليون", 1e6, "ar")]
    ),
)
def test_scale_words_multiply(n, scale):
    word, factor, lang = scale
    got = find_quantities(SENTENCE[lang].format(f"{n} {word}"), lang)
    assert len(got) == 1 and math.isclose(got[0].value, n * factor)


@pytest.mark.parametrize("text", ["1e999999999", "9^99999", "0^-1", "12,5e-4000"])
def test_numbers_too_large_to_hold_are_left_unread(text):
    """A huge exponent must neither hang (no giant integer is built) nor give inf or nan."""
    assert [q for q in find_quantities(text, "en") if q.text in text] == []


@pytest.mark.parametrize(
    "text, lang",
    [
        ("cento" * 3000, "it"),  # one "word" of 3,000 number words: no recursion limit, no infinite value
        ("1,11" * 50000, "en"),  # a 200,000-character grouped number
        ("first " * 5000, "en"),  # ordinals that are only ever parts of compounds
        ("ventunesimi " * 2000, "it"),  # plural ordinals with nothing to divide
        ("tre venticinquesimi e due ventunesimi " * 500, "it"),
    ],
)
def test_pathological_runs_are_read_without_error_or_infinite_values(text, lang):
    for q in find_quantities(text, lang):
        assert q.value is None or math.isfinite(q.value)
        assert 0 <= q.start < q.end <= len(text)


# --- issue 16: one property per family of forms ---


@settings(max_examples=150, deadline=None)
@given(
    lang=st.sampled_from(["it", "fr"]),
    n=st.integers(1000, 10**10),
    mark=st.sampled_from(["'", "’"]),
    cents=st.one_of(st.none(), st.integers(0, 99)),
    decimal=st.sampled_from([".", ","]),
    chf=st.sampled_from(["", "CHF {}", "{} CHF"]),
)
def test_swiss_apostrophe_grouping_reads_back(lang, n, mark, cents, decimal, chf):
    written = _grouped(n, mark) + ("" if cents is None else f"{decimal}{cents:02d}")
    got = find_quantities(SENTENCE[lang].format(chf.format(written) if chf else written), lang)
    want = n + (cents or 0) / 100
    assert len(got) == 1 and math.isclose(got[0].value, want), (written, got)
    assert got[0].unit == ("CHF" if chf else None)


def _indian(n: int) -> str:
    s = str(n)
    head, tail = s[:-3], s[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([p for p in [head, *pairs] if p] + [tail])


@settings(max_examples=150, deadline=None)
@given(n=st.integers(100_000, 10**12), sign=st.sampled_from(["", "₹", "Rs ", "Rs."]))
def test_lakh_and_crore_grouping_reads_back(n, sign):
    got = find_quantities(SENTENCE["en"].format(sign + _indian(n)), "en")
    assert [q.value for q in got] == [n], (_indian(n), got)
    assert got[0].unit == ("INR" if sign else None)


AR_SIGNS = [
    ("ر.س.", "SAR"),
    ("د.إ.", "AED"),
    ("د.أ.", "JOD"),
    ("ج.م.", "EGP"),
    ("د.م.", "MAD"),
    ("ل.ل.", "LBP"),
    ("د.ك.", "KWD"),
    ("US$", "USD"),
    ("جنيهاً", "EGP"),
    ("ريالاً", "SAR"),
    ("ديناراً", "KWD"),
    ("دولاراً", "USD"),
]


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 10**8),
    cents=st.integers(0, 99),
    sign=st.sampled_from(AR_SIGNS),
    indic=st.booleans(),
    prefix=st.sampled_from(["", "بـ", "ب"]),
)
def test_arabic_money_as_cldr_writes_it_reads_back(n, cents, sign, indic, prefix):
    """Amounts with CLDR's signs between direction marks, currency words with tanween, بـ glued on."""
    written = f"{_grouped(n, '٬')}٫{cents:02d}"
    if indic:
        written = written.translate(ARABIC_INDIC)
    text = f"بلغ المبلغ {prefix}\u200f{written}\u00a0{sign[0]}\u200f هذا العام."
    got = find_quantities(text, "ar")
    assert len(got) == 1 and math.isclose(got[0].value, n + cents / 100), (text, got)
    assert (got[0].kind, got[0].unit) == ("money", sign[1])


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(1, 999),
    sign=st.sampled_from(
        [("$US", "USD"), ("US$", "USD"), ("A$", "AUD"), ("C$", "CAD"), ("HK$", "HKD"), ("NZ$", "NZD")]
    ),
    scale=st.sampled_from([("", 1), ("m", 1e6), (" million", 1e6), (" billion", 1e9), ("bn", 1e9)]),
)
def test_dollars_with_a_country_prefix_read_back(n, sign, scale):
    got = find_quantities(SENTENCE["en"].format(f"{sign[0]}{n}{scale[0]}"), "en")
    assert [(q.value, q.unit) for q in got] == [(n * scale[1], sign[1])], got


@settings(max_examples=100, deadline=None)
@given(a=st.integers(1, 998), step=st.integers(1, 500), word=st.sampled_from(["ألفا", "ألفاً", "ألف", "آلاف"]))
def test_arabic_ranges_and_bounds_share_one_scale_word(a, step, word):
    b = min(999, a + step)
    got = find_quantities(f"شارك ما بين {a} و{b} {word} في المظاهرة.", "ar")
    assert [(q.lower, q.upper, q.qualifier) for q in got] == [(a * 1000, b * 1000, "range")], got
    got = find_quantities(f"شارك أكثر من {a} {word} في المظاهرة.", "ar")
    assert [(q.value, q.qualifier) for q in got] == [(a * 1000, "more_than")], got


SHARE_NOUNS = {"it": "dipendenti", "fr": "salariés", "en": "staff", "ar": "السكان"}


def _share_phrases(lang: str) -> list[tuple[str, float]]:
    data = load_lexicon(lang).data
    joins = [*data.share_of, *data.share_of_prefixes]
    return [(f"{f} {j}", float(v)) for f, v in data.fractions.items() for j in joins]


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(sorted(SHARE_NOUNS)), data=st.data())
def test_fractions_of_a_group_are_percent_shares(lang, data):
    """Every fraction of the language file before every word (or prefix) naming a group is its share."""
    phrase, share = data.draw(st.sampled_from(_share_phrases(lang)))
    noun = SHARE_NOUNS[lang]
    glue = "" if phrase.endswith(load_lexicon(lang).data.share_of_prefixes) else " "
    if glue == "" and noun.startswith("ال"):
        noun = noun[2:]
    text = f"{phrase}{glue}{noun}"
    got = [q for q in find_quantities(text, lang) if q.kind == "percent"]
    assert [q.value for q in got][:1] == [pytest.approx(share * 100)], (text, got)


def _time_units(lang: str) -> list[tuple[str, float]]:
    from factcheck.quantities.units import canonical

    lex = load_lexicon(lang)
    out = []
    for word in (str(w).removeprefix("=") for w in lex.data.units):
        unit, count = lookup(lex.units, word)
        target, factor = canonical(unit)
        if target == "hour":
            out.append((word, factor * count))
    return out


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(sorted(SENTENCE)), n=st.integers(2, 99), data=st.data())
def test_durations_are_measures_of_time_never_counts(lang, n, data):
    word, hours = data.draw(st.sampled_from(_time_units(lang)))
    got = find_quantities(SENTENCE[lang].format(f"{n} {word}"), lang)
    assert [(q.kind, q.unit) for q in got] == [("measure", "hour")], (word, got)
    assert math.isclose(got[0].value, n * hours)


AR_VERB_PARTICLES = ["قد", "لقد", "الذي"]


@pytest.mark.parametrize(
    "unit", [str(u) for u in load_lexicon("ar").data.units if " " not in str(u) and len(str(u)) > 2]
)
def test_arabic_unit_nouns_alone_need_the_shape_of_a_quantity(unit):
    """A unit noun alone after a verb's particle, or before a definite word, is a verb or a construct."""
    for text in (f"وقال إنه {p} {unit} التقرير أمس." for p in AR_VERB_PARTICLES):
        assert [q for q in find_quantities(text, "ar") if q.kind == "measure"] == [], text
    assert [q.kind for q in find_quantities(f"{unit} الوزير استقالته.", "ar")] == []


@settings(max_examples=100, deadline=None)
@given(feet=st.integers(1, 9), inches=st.integers(0, 11), glued=st.booleans(), km=st.integers(1, 99))
def test_inches_after_feet_are_one_height_and_in_alone_a_word(feet, inches, glued, km):
    """ "5 ft 10 in": one height; "in" of compound_units is inches only after a larger unit close to it."""
    sp = "" if glued else " "
    got = find_quantities(f"He is {feet}{sp}ft {inches}{sp}in tall.", "en")
    assert [(q.kind, q.unit) for q in got] == [("measure", "kilometer")], got
    assert math.isclose(got[0].value, (feet * 12 + inches) * 0.0254 / 1000)
    got = find_quantities(f"A {km} km run ended {inches} in total; {inches} in {feet} voted.", "en")
    assert [(q.kind, q.value) for q in got][:2] == [("measure", km), ("number", inches)], got


@pytest.mark.parametrize("word", [str(w) for w in load_lexicon("ar").data.number_or_fraction])
def test_arabic_number_or_fraction_is_a_share_only_before_a_definite_noun(word):
    """ "خمس السكان": a fifth of the population; "خمس دول", "خمس من الدول": five; "خمسة عشر": a number."""
    lex = load_lexicon("ar")
    share = lookup(lex.fractions, word) or lex.data.number_or_fraction[word]
    got = find_quantities(f"قال التقرير إن {word} السكان يعيشون في المدن.", "ar")
    assert [(q.kind, q.value) for q in got] == [("percent", pytest.approx(share * 100))], got
    count = lookup({str(k): v for k, v in lex.data.number_words.values.items()}, word)
    for text in (f"وشاركت {word} دول في القمة.", f"وشاركت {word} من الدول في القمة."):
        assert [(q.kind, q.value) for q in find_quantities(text, "ar")] == [("number", count)], text


ORDINAL_PHRASES = {
    "en": ["a third", "a fourth", "a fifth"],
    "fr": ["un cinquième", "un sixième"],
    "it": ["un quarto", "un terzo", "un quinto"],
}


@settings(max_examples=150, deadline=None)
@given(lang=st.sampled_from(sorted(ORDINAL_PHRASES)), data=st.data())
def test_an_article_and_a_denominator_before_a_turn_are_an_ordinal(lang, data):
    """ "for a third day", "un quarto mandato": a rank in a series, no fraction of a day or of a term."""
    phrase = data.draw(st.sampled_from(ORDINAL_PHRASES[lang]))
    noun = data.draw(st.sampled_from([str(w) for w in load_lexicon(lang).data.number_words.ordinal_before]))
    text = SENTENCE[lang].format(f"{phrase} {noun}")
    assert [q for q in find_quantities(text, lang) if q.value is not None and 0 < q.value < 1] == [], text


FRACTION_OF_UNIT = {
    "en": ("a quarter", "{} {}", 0.25),
    "fr": ("un quart", "{} de {}", 0.25),
    "it": ("un quarto", "{} di {}", 0.25),
}


@settings(max_examples=150, deadline=None)
@given(lang=st.sampled_from(sorted(FRACTION_OF_UNIT)), data=st.data())
def test_a_fraction_of_a_unit_is_a_measure(lang, data):
    """ "a quarter mile", "un quart de litre", "un quarto di litro": the fraction of one unit, a measure."""
    from factcheck.quantities.units import canonical

    lex = load_lexicon(lang)
    units = [
        str(u)
        for u in lex.data.units
        if str(u).isalpha() and len(str(u)) > 3 and str(u)[0].lower() not in "aeiouh"
    ]
    word = data.draw(st.sampled_from(units))
    unit, count = lookup(lex.units, word)
    if canonical(unit)[0] == "hour" and lang == "en":
        return  # "for a third day" counts days (test_an_article_and_a_denominator_before_a_turn_are_an_ordinal)
    phrase, shape, share = FRACTION_OF_UNIT[lang]
    got = find_quantities(shape.format(phrase, word), lang)
    target, factor = canonical(unit)
    assert [(q.kind, q.unit) for q in got] == [("measure", target)], (word, got)
    assert math.isclose(got[0].value, share * count * factor), (word, got)


HEAT = {
    "fr": ("La température a atteint {} à Nîmes.", "Le parti a fait un virage à {}."),
    "it": ("Il termometro segna {} a Roma.", "Il partito ha fatto una svolta a {}."),
    "ar": ("سجلت درجات الحرارة {} في بغداد.", "انعطف الطريق {} نحو الشمال."),
}


@settings(max_examples=100, deadline=None)
@given(lang=st.sampled_from(sorted(HEAT)), n=st.integers(1, 360), data=st.data())
def test_degrees_alone_are_celsius_only_where_the_sentence_speaks_of_heat(lang, n, data):
    """unit_or_unit: "40 gradi" in a heat wave is 40 °C; "180 gradi" of a U-turn stays an angle."""
    word = data.draw(st.sampled_from([str(w) for w in load_lexicon(lang).data.unit_or_unit]))
    hot, turn = HEAT[lang]
    assert [q.unit for q in find_quantities(hot.format(f"{n} {word}"), lang)] == ["degree_Celsius"]
    assert [q.unit for q in find_quantities(turn.format(f"{n} {word}"), lang)] == ["degree"]


CLOCK = {
    "en": ("At {h}:{m:02d}pm, {n} people had gathered.", "At {h}am, {n} people had gathered."),
    "fr": ("À {h} h {m:02d}, {n} personnes étaient là.", "À {h}h, {n} personnes étaient là."),
    "it": ("Alle {h}.{m:02d} erano {n} persone.", "Ore {h},{m:02d}: erano {n} persone."),
}


@settings(max_examples=150, deadline=None)
@given(lang=st.sampled_from(sorted(CLOCK)), h=st.integers(1, 12), m=st.integers(0, 59), n=st.integers(13, 99))
def test_a_time_of_day_is_no_quantity(lang, h, m, n):
    """dates.time_after / time_before: the hour and minutes of "6.30pm", "21 h 30", "alle 18.30" are no
    quantities; the count beside them is read."""
    for shape in CLOCK[lang]:
        text = shape.format(h=h, m=m, n=n)
        assert [q.value for q in find_quantities(text, lang)] == [n], text


@settings(max_examples=150, deadline=None)
@given(low=st.integers(10, 98), step=st.integers(1, 50), data=st.data())
def test_a_range_may_share_the_thousands_of_its_high_end(low, step, data):
    """ "10-15,000 troops": 10,000 to 15,000; a change ("rose from 10 to 15,000") keeps its ends as written."""
    high = min(low + step, 99)
    sep = data.draw(st.sampled_from(["-", " to ", "–"]))
    got = find_quantities(f"Officials said {low}{sep}{high},000 troops were deployed.", "en")
    assert [(q.lower, q.upper) for q in got] == [(low * 1000, high * 1000)], got
    got = find_quantities(f"Cases rose from {low} to {high},000 in a month.", "en")
    assert [q.value for q in got] == [low, high * 1000], got


@settings(max_examples=100, deadline=None)
@given(n=st.integers(1, 99), sign=st.sampled_from(["%", "٪"]), space=st.booleans(), indic=st.booleans())
def test_an_arabic_percent_sign_before_the_figure_makes_a_percent(n, sign, space, indic):
    """percent_before: "بنسبة %10" is 10 %, as right-to-left text often writes it."""
    figure = str(n).translate(ARABIC_INDIC) if indic else str(n)
    got = find_quantities(f"ارتفعت الأسعار بنسبة {sign}{' ' if space else ''}{figure} هذا العام.", "ar")
    assert [(q.value, q.unit) for q in got] == [(n, "percent")], got


@settings(max_examples=100, deadline=None)
@given(
    whole=st.integers(0, 999),
    fraction=st.integers(1, 99),
    after=st.sampled_from(
        [("مليون شخص", 1e6, None), ("مليار دولار", 1e9, "USD"), ("بالمئة", 1.0, "percent")]
    ),
)
def test_an_arabic_decimal_written_fraction_first_reads_back(whole, fraction, after):
    """reversed_decimal: agency copy's "5ر1 مليون" is 1.5 million, its fraction's digits before the mark."""
    words, factor, unit = after
    digits = f"{fraction:02d}" if fraction < 10 and whole % 2 else str(fraction)  # "05ر1": 1.05
    got = find_quantities(f"بلغ العدد {digits}ر{whole} {words} هذا العام.", "ar")
    assert len(got) == 1 and got[0].unit == unit, got
    assert math.isclose(got[0].value, float(f"{whole}.{digits}") * factor)
