"""What a value carries across a run's articles: a value one article says with its stage, as a reading
(a forecast, an hour's) or of a contestant carries it to the articles that give the same value of the
same subject and metric without saying it."""

from __future__ import annotations

import pandas as pd
from conftest import articles_folder

import factcheck
from factcheck.resolve.carried import (
    TABLE_FIGURES,
    contestant_by_value,
    metric_by_majority,
    metric_by_value,
    staged_by_value,
    subject_by_value,
    unscoped_by_value,
    whole_by_value,
)

# Made-up reports of one election's turnout: the preliminary figure and the final one are each said with
# their stage once, and once more without it, in another language.
ARTICLES = {
    "en_a": "Tunisia's election authority said the preliminary turnout in the presidential election reached 27.7 percent.",
    "en_b": "In Tunisia's presidential election the final turnout was 28.8 percent.",
    "fr_c": "En Tunisie, le taux de participation à l'élection présidentielle a été de 27,7 %.",
    "it_d": "In Tunisia l'affluenza alle elezioni presidenziali è stata del 28,8%.",
}


def test_figures_that_do_not_say_their_stage_take_the_one_their_value_is_said_with(tmp_path):
    result = factcheck.check([articles_folder(tmp_path / "docs", ARTICLES, "2024-10-08")])
    turnout = result.assertions[result.assertions["metric"] == "turnout"].set_index("doc_id")
    assert turnout.loc["fr_c", "stage"] == "results provisional"
    assert turnout.loc["it_d", "stage"] == "results final"
    assert not (result.conflicts["metric"] == "turnout").any()  # the preliminary and the final figure


def _table(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["entity", "metric", "value", "stage"])


def test_a_value_said_with_two_stages_of_one_family_gives_neither():
    table = _table(
        ("election@TN", "turnout", 28.8, "results provisional"),
        ("election@TN", "turnout", 28.8, "results final"),
        ("election@TN", "turnout", 28.8, None),
    )
    assert pd.isna(staged_by_value(table)["stage"].iloc[2])


def test_a_stage_of_another_family_is_added_to_the_one_said():
    table = _table(
        ("election@IR", "vote_share", 42.4, "round 1"),
        ("election@IR", "vote_share", 42.4, "results final"),
        ("election@IR", "vote_share", 53.7, None),  # another value: no stage of the others
    )
    given = staged_by_value(table)["stage"].tolist()
    assert given[:2] == ["results final, round 1", "results final, round 1"]
    assert pd.isna(given[2])


def test_a_count_in_progress_is_no_stage_to_give():
    # "with 70% of the votes counted" is said of the final figures too
    table = _table(
        ("election@IR", "votes", 10415991.0, "results partial"), ("election@IR", "votes", 10415991.0, None)
    )
    assert pd.isna(staged_by_value(table)["stage"].iloc[1])


def test_another_subject_or_metric_takes_nothing():
    table = _table(
        ("election@TN", "turnout", 27.7, "results provisional"),
        ("election@DZ", "turnout", 27.7, None),
        ("election@TN", "vote_share", 27.7, None),
    )
    assert staged_by_value(table)["stage"].iloc[1:].isna().all()


def test_a_rounding_of_a_staged_value_takes_its_stage_and_so_does_the_exact_value_of_a_rounded_one():
    table = _table(
        ("election@DZ", "vote_share", 95.0, "results provisional"),  # "almost 95%" of the provisional count
        ("election@DZ", "vote_share", 94.65, None),
        ("election@DZ", "vote_share", 84.3, "results final"),
        ("election@DZ", "vote_share", 84.0, None),  # "84%": the final 84.3% rounded
        ("election@DZ", "vote_share", 90.0, None),  # a rounding of neither
    )
    given = staged_by_value(table)["stage"].tolist()
    assert given[1] == "results provisional" and given[3] == "results final"
    assert pd.isna(given[4])


def _scoped(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["entity", "metric", "value", "stage", "scope"])


def test_a_value_an_exit_poll_gives_is_the_polls_where_another_article_gives_it_alone():
    table = _scoped(
        ("kaissaied", "vote_share", 89.2, None, "forecast"),  # "89.2% according to the exit poll"
        ("kaissaied", "vote_share", 89.2, None, None),  # "re-elected with 89.2%"
        ("kaissaied", "vote_share", 90.69, "round 1", None),  # the count
        ("kaissaied", "vote_share", 90.7, None, None),
    )
    scopes = staged_by_value(table)["scope"].tolist()
    assert scopes[1] == "forecast"
    assert pd.isna(scopes[2]) and pd.isna(scopes[3])


def test_a_forecast_value_a_count_gives_too_stays_the_counts():
    table = _scoped(
        ("candidate", "vote_share", 52.0, None, "forecast"),
        ("candidate", "vote_share", 52.0, "results final", None),
        ("candidate", "vote_share", 52.0, None, None),
    )
    assert staged_by_value(table)["scope"].iloc[1:].isna().all()


def test_a_forecast_of_a_metric_never_counted_in_stages_gives_nothing():
    # "Al Hilal should pay 100 million" and "Al Hilal pays 100 million": no vote, no stage
    table = _scoped(
        ("neymar", "transfer_fee", 100e6, None, "forecast"),
        ("neymar", "transfer_fee", 100e6, None, None),
        ("election@TN", "turnout", 27.7, "results provisional", None),
    )
    assert pd.isna(staged_by_value(table)["scope"].iloc[1])


def test_a_value_read_at_an_hour_is_that_hours_reading_where_another_article_gives_it_alone():
    table = _scoped(
        ("election@FR", "turnout", 59.39, None, "at 17:00"),  # "59.39% at 5 p.m."
        ("election@FR", "turnout", 59.4, None, None),
        ("election@FR", "turnout", 66.63, "results final", None),
        ("election@FR", "turnout", 66.6, None, None),
    )
    scopes = staged_by_value(table)["scope"].tolist()
    assert scopes[1] == "at 17:00" and pd.isna(scopes[3])


def test_a_precise_share_given_the_election_is_the_contestants_another_article_names_with_it():
    table = pd.DataFrame(
        [
            ("javiermilei", "person", "vote_share", 55.95),
            ("election@AR", "event", "vote_share", 55.95),  # "il a remporté le scrutin avec 55,95%"
            ("election@AR", "event", "vote_share", 50.0),  # "50% of the vote" to win: no one's, round
            ("saidjalili", "person", "vote_share", 50.0),
            ("election@AR", "event", "turnout", 76.32),  # not shared out among contestants
            ("javiermilei", "person", "turnout", 76.32),
        ],
        columns=["entity", "subject_kind", "metric", "value"],
    )
    given = contestant_by_value(table, frozenset({"vote_share", "votes", "seats"}))["entity"].tolist()
    assert given[1] == "javiermilei"
    assert given[2] == "election@AR" and given[4] == "election@AR"


def test_an_unnamed_part_that_takes_its_contestant_by_value_is_no_longer_a_part():
    table = pd.DataFrame(
        [
            ("catherineconnolly", "person", "vote_share", 63.4, None),
            ("election@IE", "event", "vote_share", 63.4, "part"),  # "حصلت كونولي على 63.4%": no name read
            ("election@IE", "event", "vote_share", 63.4, "in galway"),  # a place it names stays
        ],
        columns=["entity", "subject_kind", "metric", "value", "scope"],
    )
    given = contestant_by_value(table, frozenset({"vote_share"}))
    assert given["entity"].tolist()[1:] == ["catherineconnolly"] * 2
    assert pd.isna(given["scope"].iloc[1]) and given["scope"].iloc[2] == "in galway"


def test_a_value_two_contestants_are_given_names_neither():
    table = pd.DataFrame(
        [
            ("a", "person", "votes", 122146.0),
            ("b", "person", "votes", 122146.0),
            ("e@X", "event", "votes", 122146.0),
        ],
        columns=["entity", "subject_kind", "metric", "value"],
    )
    assert contestant_by_value(table, frozenset({"votes"}))["entity"].iloc[2] == "e@X"


def test_a_precise_share_with_no_subject_is_the_contestants_another_article_names_with_it():
    table = pd.DataFrame(
        [("kaissaied", "person", "vote_share", 90.69), (None, None, "vote_share", 90.69)],
        columns=["entity", "subject_kind", "metric", "value"],
    )
    given = contestant_by_value(table, frozenset({"vote_share"}))
    assert given["entity"].iloc[1] == "kaissaied" and given["subject_kind"].iloc[1] == "person"


def test_a_sentences_one_tally_gives_its_stage_to_the_votes_beside_a_staged_share():
    said = "Tebboune a obtenu 5 329 253 voix, soit 94,65%."
    table = pd.DataFrame(
        [
            ("tebboune", "vote_share", 95.0, "results provisional", "a", "presque 95%."),
            ("tebboune", "vote_share", 94.65, None, "b", said),
            ("tebboune", "votes", 5329253.0, None, "b", said),
            ("tebboune", "votes", 5329253.0, None, "c", "Il a recueilli 5 329 253 voix."),
            ("tebboune", "votes", 7976291.0, None, "d", "Il a recueilli 7 976 291 voix."),
        ],
        columns=["entity", "metric", "value", "stage", "doc_id", "sentence"],
    )
    given = staged_by_value(table, frozenset({"vote_share", "votes"}))["stage"].tolist()
    assert given[1:4] == ["results provisional"] * 3  # by value, by its sentence, then by value again
    assert pd.isna(given[4])


def test_a_value_near_one_stages_values_and_far_from_the_others_is_of_that_stage():
    table = _table(
        ("pezeshkian", "vote_share", 42.4, "round 1"),
        ("pezeshkian", "vote_share", 53.7, "round 2"),
        ("pezeshkian", "vote_share", 55.0, None),  # "about 55%": near the runoff's, far from the first
        ("pezeshkian", "vote_share", 48.0, None),  # as near to either: no stage
    )
    given = staged_by_value(table)["stage"].tolist()
    assert given[2] == "round 2" and pd.isna(given[3])


def _placed(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article_id", "entity", "metric", "value", "scope"])


def test_a_place_said_beside_a_value_another_article_gives_with_no_place_is_where_the_subject_is():
    table = _placed(
        ("a", "evergrande", "liabilities", 333e9, "china"),  # "$333 billion [...] in China"
        ("b", "evergrande", "liabilities", 333e9, None),
        ("c", "intel", "layoffs", 15000.0, "san francisco"),  # a round value: a part may share it by chance
        ("d", "intel", "layoffs", 15000.0, None),
        ("e", "earthquake@MA", "dead", 1293.0, "al haouz"),  # one of two values said in Al Haouz: a part
        ("f", "earthquake@MA", "dead", 1293.0, None),
        ("g", "earthquake@MA", "dead", 1351.0, "al haouz"),
        ("b", "evergrande", "revenue", 333e9, "china"),  # the only unscoped value is its own article's
        ("b", "evergrande", "revenue", 333e9, None),
        ("a", "storm@US", "dead", 95.0, "north carolina"),  # two significant digits: two articles say it
        ("b", "storm@US", "dead", 95.0, None),
        ("c", "storm@US", "dead", 95.0, None),
        ("a", "storm@US", "injured", 64.0, "north carolina"),  # but one
        ("b", "storm@US", "injured", 64.0, None),
    )
    assert [None if pd.isna(s) else s for s in unscoped_by_value(table)["scope"]] == [
        None,
        None,
        "san francisco",
        None,
        "al haouz",
        None,
        "al haouz",
        "china",
        None,
        None,
        None,
        None,
        "north carolina",
        None,
    ]


def test_a_threshold_with_no_subject_takes_the_event_another_article_gives_it():
    table = pd.DataFrame(
        [
            ("election@FR", "event", "seats", 289.0, "threshold"),  # "the absolute majority of 289 seats"
            (None, None, "seats", 289.0, "threshold"),  # "La maggioranza assoluta è fissata a 289 seggi"
            ("election@FR", "event", "seats", 577.0, None),  # a whole, no threshold: gives nothing
            (None, None, "seats", 577.0, None),
        ],
        columns=["entity", "subject_kind", "metric", "value", "scope"],
    )
    given = contestant_by_value(table, frozenset({"seats"}))["entity"].tolist()
    assert given[1] == "election@FR" and pd.isna(given[3])


# Made-up reports of one eruption: the hikers on the mountain, counted in three languages, two of which
# name them with words linked across articles; the English one with a word of its own.
CLIMBERS = {
    "it_a": "Sul vulcano Marapi, in Indonesia, c'erano 75 escursionisti al momento dell'eruzione.",
    "fr_b": "Lors de l'éruption du volcan Marapi, 75 randonneurs se trouvaient sur la montagne.",
    "en_c": "About 75 climbers were on the Marapi volcano when it erupted, and 12 ambulances were sent.",
    "en_d": "The Marapi volcano erupted; rescuers said 12 hikers had been found.",
}


def test_a_figure_of_no_metric_takes_the_one_other_articles_give_its_value(tmp_path):
    result = factcheck.check([articles_folder(tmp_path / "docs", CLIMBERS, "2023-12-04")])
    a = result.assertions.set_index(["doc_id", "value"])
    assert a.loc[("en_c", 75.0), "metric"] == a.loc[("it_a", 75.0), "metric"] != "unmapped"
    assert a.loc[("en_c", 12.0), "metric"] == "unmapped"  # a small figure tells nothing of what it counts


def _metrics(*rows: tuple) -> pd.DataFrame:
    columns = [
        "entity",
        "metric",
        "value",
        "unit",
        "kind",
        "article_id",
        "role",
        "metric_source",
        "window_days",
    ]
    return pd.DataFrame(rows, columns=columns)


def test_a_value_given_two_metrics_or_a_small_round_or_unprecise_one_gives_none():
    table = _metrics(
        ("eruption@ID", "~hikers", 75.0, None, "number", "a", None, "discovered", 0.0),
        ("eruption@ID", "evacuated", 75.0, None, "number", "b", None, "catalogue", 1.0),
        ("eruption@ID", "unmapped", 75.0, None, "number", "c", None, None, None),  # two metrics: neither
        ("eruption@ID", "dead", 40.0, None, "number", "a", None, "catalogue", 0.0),
        ("eruption@ID", "dead", 40.0, None, "number", "b", None, "catalogue", 0.0),
        ("eruption@ID", "unmapped", 40.0, None, "number", "c", None, None, None),  # round
        ("eruption@ID", "turnout", 29.0, "percent", "percent", "a", None, "catalogue", 30.0),
        ("eruption@ID", "turnout", 29.0, "percent", "percent", "b", None, "catalogue", 30.0),
        ("eruption@ID", "unmapped", 29.0, "percent", "percent", "c", None, None, None),  # a share not precise
        ("eruption@ID", "dead", 670.0, None, "number", "a", None, "catalogue", 0.0),
        ("eruption@ID", "unmapped", 670.0, None, "number", "c", None, None, None),  # one other article only
        ("eruption@ID", "dead", 1301.0, None, "number", "a", None, "catalogue", 0.0),
        ("eruption@ID", "unmapped", 1301.0, None, "number", "c", None, None, None),  # precise: one is enough
        ("eruption@ID", "injured", 12.0, None, "number", "a", None, "catalogue", 1.0),
        ("eruption@ID", "injured", 12.0, None, "number", "b", None, "catalogue", 1.0),
        ("eruption@ID", "unmapped", 12.0, None, "number", "c", None, None, None),  # small
    )
    given = metric_by_value(table)
    assert given["metric"].tolist()[2::3][:3] == ["unmapped"] * 3
    assert given["metric"].iloc[10] == "unmapped"
    assert given["metric"].iloc[12] == "dead" and given["window_days"].iloc[12] == 0.0
    assert given["metric"].iloc[15] == "unmapped"


def test_a_figure_given_a_metric_by_its_value_takes_the_one_named_scope_the_others_give_it():
    rows = [
        ("crash@KR", "passengers", 173.0, None, "number", "a", None, "catalogue", 0.0),
        ("crash@KR", "passengers", 173.0, None, "number", "b", None, "catalogue", 0.0),
        ("crash@KR", "unmapped", 173.0, None, "number", "c", None, None, None),  # "173 كوريًا"
        ("crash@KR", "dead", 179.0, None, "number", "a", None, "catalogue", 0.0),
        ("crash@KR", "dead", 179.0, None, "number", "b", None, "catalogue", 0.0),
        ("crash@KR", "unmapped", 179.0, None, "number", "c", None, None, None),
        ("crash@KR", "seats", 121.0, None, "number", "a", None, "catalogue", 0.0),
        ("crash@KR", "seats", 121.0, None, "number", "b", None, "catalogue", 0.0),
        ("crash@KR", "unmapped", 121.0, None, "number", "c", None, None, None),
    ]
    scopes = (
        ["nationals of south korea"] * 2 + [None] + ["nationals of south korea", None, None] + ["part"] * 2
    )
    table = _metrics(*rows).assign(scope=[*scopes, None])
    given = metric_by_value(table)
    assert given["metric"].tolist()[2::3] == ["passengers", "dead", "seats"]
    # the Koreans aboard; not where the others differ; never a part of a list, which is a reading
    assert given["scope"].iloc[2] == "nationals of south korea"
    assert given["scope"].iloc[5:9:3].isna().all()


def _subjects(*rows: tuple) -> pd.DataFrame:
    columns = ["entity", "subject_kind", "metric", "value", "unit", "article_id"]
    return pd.DataFrame(rows, columns=columns)


def test_a_value_most_articles_give_one_subject_is_that_subject_s():
    table = _subjects(
        ("microsoft", "entity", "devices", 8.5e6, None, "a"),
        ("microsoft", "entity", "devices", 8.5e6, None, "b"),
        ("crowdstrike", "entity", "devices", 8.5e6, None, "c"),  # two articles in three: Microsoft's
        ("crowdstrike", "entity", "dead", 8.5e6, None, "d"),  # another metric
        ("crowdstrike", "entity", "devices", 12.0, None, "e"),  # small
        ("microsoft", "entity", "devices", 12.0, None, "f"),
        ("microsoft", "entity", "devices", 12.0, None, "g"),
        ("labour", "entity", "seats", 412.0, None, "a"),  # a contestant's precise value
        ("labour", "entity", "seats", 412.0, None, "b"),
        ("popular", "entity", "seats", 412.0, None, "c"),
        ("reform", "entity", "seats", 41.0, None, "a"),  # a contestant's value of two digits only
        ("reform", "entity", "seats", 41.0, None, "b"),
        ("green", "entity", "seats", 41.0, None, "c"),
    )
    given = subject_by_value(table, frozenset({"seats"}))["entity"].tolist()
    assert given[:5] == ["microsoft", "microsoft", "microsoft", "crowdstrike", "crowdstrike"]
    assert given[-4:] == ["labour", "reform", "reform", "green"]


def test_a_value_two_subjects_give_alike_keeps_both():
    table = _subjects(
        ("flood@PL", "event", "dead", 47.0, None, "a"),
        ("flood@PL", "event", "dead", 47.0, None, "b"),
        ("flood@CZ", "event", "dead", 47.0, None, "c"),
        ("flood@CZ", "event", "dead", 47.0, None, "d"),
    )
    assert subject_by_value(table, frozenset())["entity"].tolist() == ["flood@PL"] * 2 + ["flood@CZ"] * 2


def _parts(*rows: tuple) -> pd.DataFrame:
    columns = ["entity", "metric", "value", "unit", "scope", "article_id"]
    return pd.DataFrame(rows, columns=columns)


def test_a_part_whose_value_other_articles_give_as_the_whole_is_the_whole():
    table = _parts(
        ("earthquake@MA", "dead", 2012.0, None, None, "a"),
        ("earthquake@MA", "dead", 2012.0, None, "part", "b"),  # precise: one other article is enough
        ("earthquake@MA", "dead", 820.0, None, None, "a"),
        ("earthquake@MA", "dead", 820.0, None, "part", "b"),  # two significant digits: two are needed
        ("earthquake@MA", "injured", 820.0, None, None, "c"),  # another metric's
        ("labour", "seats", 412.0, None, None, "a"),
        ("labour", "seats", 412.0, None, "part", "b"),  # a contestant's: two other articles are needed
        ("labour", "votes", 9708716.0, None, None, "a"),
        ("labour", "votes", 9708716.0, None, None, "c"),
        ("labour", "votes", 9708716.0, None, "part", "b"),
    )
    given = whole_by_value(table, frozenset({"seats", "votes"}))["scope"].tolist()
    assert [pd.isna(s) for s in given] == [True, True, True, False, True, True, False, True, True, True]


def test_a_discovered_metric_gives_way_to_the_one_most_articles_give_its_value():
    columns = ["entity", "metric", "metric_source", "value", "unit", "kind", "article_id"]
    table = pd.DataFrame(
        [
            ("eruption@ID", "climbers", "catalogue", 75.0, None, "number", "a"),
            ("eruption@ID", "climbers", "catalogue", 75.0, None, "number", "b"),
            ("eruption@ID", "~alpinisti", "discovered", 75.0, None, "number", "c"),  # the few's words
            ("eruption@ID", "evacuated", "catalogue", 49.0, None, "number", "a"),
            ("eruption@ID", "evacuated", "catalogue", 49.0, None, "number", "b"),
            ("eruption@ID", "rescued", "catalogue", 49.0, None, "number", "c"),  # a concept stands
        ],
        columns=columns,
    )
    given = metric_by_majority(table)["metric"].tolist()
    assert given == ["climbers"] * 3 + ["evacuated"] * 2 + ["rescued"]


def test_a_value_of_two_digits_is_the_contestants_two_other_articles_name_with_it():
    table = pd.DataFrame(
        [
            ("vox", "entity", "seats", 33.0, "a"),
            ("vox", "entity", "seats", 33.0, "b"),
            ("election@ES", "event", "seats", 33.0, "c"),  # two articles name Vox with 33 seats
            ("sumar", "entity", "seats", 31.0, "a"),
            ("election@ES", "event", "seats", 31.0, "c"),  # one only
        ],
        columns=["entity", "subject_kind", "metric", "value", "article_id"],
    )
    given = contestant_by_value(table, frozenset({"seats"}))["entity"].tolist()
    assert given[2] == "vox" and given[4] == "election@ES"


def test_a_table_s_values_carry_nothing():
    # a subject and metric given more figures than a story gives (a table of results): values repeat by
    # chance, so a part of a value the table gives whole stays a part
    whole = [("league", "goals", float(20 + n % 40), None, None, f"t{n}") for n in range(TABLE_FIGURES)]
    table = _parts(*whole, ("league", "goals", 25.0, None, "part", "x"))
    assert whole_by_value(table, frozenset())["scope"].iloc[-1] == "part"
    assert pd.isna(whole_by_value(table.iloc[-3 * 40 :], frozenset())["scope"].iloc[-1])


def test_a_value_said_as_an_earlier_count_gives_no_stage_to_that_value_elsewhere():
    table = _table(("quake@MA", "dead", 35.0, "earlier"), ("quake@MA", "dead", 35.0, None))
    assert staged_by_value(table)["stage"].isna().tolist() == [False, True]
