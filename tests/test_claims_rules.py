"""Claims rule by rule (issue 12), on invented sentences: categories from noun, verb and frame, values in
words and Indian grouping, what is no claim, and sources that are attributions, never places or crowds."""

from __future__ import annotations

from typing import Any

import pytest

from test_claims import by_text, claims_of

pytestmark = pytest.mark.model


def cats(nlp: Any, body: str) -> list[tuple[float, str]]:
    return [(c["value"], c["category"]) for c in claims_of(nlp, body)]


# --- categories from the frame --------------------------------------------------------------------------


def test_toll_frames_take_the_category_the_toll_counts(nlp: Any) -> None:
    got = cats(nlp, "The death toll in the port town rose to 418 on Friday, the ministry said.")
    assert got == [(418, "killed")]
    got = cats(nlp, "The flooding has killed 57 people, taking the death toll to 391, with more than 1,200 wounded.")
    assert (391, "killed") in got and (1200, "injured") in got and (57, "killed") in got
    assert cats(nlp, "The number of civilians injured in the clashes has reached 2,640.") == [(2640, "injured")]


def test_including_is_part_of_the_count_just_before_it(nlp: Any) -> None:
    body = "The strikes went on. The raids killed 31 people, taking the death toll to 388, including 71 children."
    got = {c["value"]: c for c in claims_of(nlp, body)}
    assert got[71]["category"] == "killed" and got[71]["part_of"] == got[388]["id"]


def test_a_demonym_as_the_counted_noun(nlp: Any) -> None:
    assert cats(nlp, "The clashes continued. At least 388 Palestinian have died since Monday.") == [(388, "killed")]


def test_verbs_nouns_and_words_after_the_number(nlp: Any) -> None:
    got = dict(cats(nlp, "At least 73 villagers have died. Medics counted 19 bodies. There were 31 dead and 12 missing."))
    assert got == {73: "killed", 19: "killed", 31: "killed", 12: "missing"}
    got = cats(nlp, "The raid left 14 wounded, and gunmen seized 27 farmers, who are still held hostage.")
    assert (14, "injured") in got and (27, "hostages") in got


def test_coordination_and_dashes_carry_the_category(nlp: Any) -> None:
    claims = claims_of(nlp, "The storm has seen 212 islanders \u2013 including 48 children \u2013 and nine tourists killed.")
    got = {c["value"]: c for c in claims}
    assert got[212]["category"] == "killed" and got[9]["category"] == "killed"
    assert got[48]["category"] == "killed" and got[48]["part_of"] == got[212]["id"]


def test_votes_cases_casualties_percent_and_money(nlp: Any) -> None:
    got = dict(cats(nlp, "Ms Okafor polled 3,412,870 votes, and turnout was 61.5 per cent."))
    assert got == {3412870: "votes", 61.5: "percent"}
    got = dict(cats(nlp, "The region reported 8,311 new infections and 740 cases of measles."))
    assert got == {8311: "cases", 740: "cases"}
    assert cats(nlp, "The monitors recorded 604 civilian casualties in the province.") == [(604, "casualties")]
    assert cats(nlp, "Some 90 percent of rockets were intercepted.") == [(90, "percent")]
    got = dict(cats(nlp, "The council approved a budget of N14.2 trillion and a fund of 3.5 crore rupees."))
    assert got == {14_200_000_000_000: "money", 35_000_000: "money"}


def test_police_arrests_and_kidnappings_released(nlp: Any) -> None:
    got = dict(cats(nlp, "Police detained 212 demonstrators in the capital, the monitor said."))
    assert got == {212: "arrested"}
    got = dict(cats(nlp, "Bandits abducted 61 pupils last week. The governor received 40 pupils after they were released."))
    assert got == {61: "hostages", 40: "hostages"}


def test_ranges_give_both_ends(nlp: Any) -> None:
    got = cats(nlp, "Officials said between 1,400 and 1,650 fighters had been killed.")
    assert (1400, "killed") in got and (1650, "killed") in got


# --- values ----------------------------------------------------------------------------------------------


def test_indian_grouping_lakh_crore_and_words(nlp: Any) -> None:
    got = dict(cats(nlp, "The state recorded 3,41,207 new cases, taking its tally to 2.6 crore. Over 4 lakh infections were logged."))
    assert got[341207] == "cases" and got[26_000_000] == "cases" and got[400_000] == "cases"
    claims = by_text(claims_of(nlp, "The mine collapsed. Eleven miners died and twenty-three were injured."))
    assert claims["Eleven miners"]["value"] == 11 and claims["twenty-three"]["value"] == 23


def test_a_thousands_group_split_by_a_stray_space(nlp: Any) -> None:
    assert (4312507, "votes") in cats(nlp, "The incumbent won 4, 312,507 votes in the run-off.")


# --- no claims -------------------------------------------------------------------------------------------


def test_family_sizes_ages_times_labels_and_places_are_no_claims(nlp: Any) -> None:
    body = ("A mother of 11 children and a father of five were among those hurt. A 34-year-old man was held. "
            "The magnitude 6.1 quake struck at around 04.30 in 14 provinces and two districts. "
            "Both sides met in 2023.")
    assert cats(nlp, body) == []


def test_vague_quantities_and_measures_are_no_claims(nlp: Any) -> None:
    assert cats(nlp, "Thousands fled as dozens of homes burned and 80 mm of rain fell over 40 miles.") == []


def test_an_exchange_rate_footnote_is_no_claim(nlp: Any) -> None:
    got = cats(nlp, "The plan will cost around 120 million euros. ($1 = 0.9301 euros)")
    assert got == [(120_000_000, "money")]


# --- sources ---------------------------------------------------------------------------------------------


def test_a_place_a_dateline_or_a_crowd_is_no_source(nlp: Any) -> None:
    claims = claims_of(nlp, "The province has recorded 1,204 cases of cholera since June.")
    assert claims and claims[0]["source"] is None


def test_according_to_with_an_acronym_and_a_hyphenated_name(nlp: Any) -> None:
    [c] = claims_of(nlp, "At least 530 people were killed, according to the National Relief Agency (NRA).")
    assert c["source"]["text"] == "the National Relief Agency (NRA)"
    [c] = claims_of(nlp, "Police detained 77 people at the rally, the RIGHTS-Watch monitor said.")
    assert "RIGHTS-Watch" in c["source"]["text"]


def test_a_reference_back_takes_the_earlier_source(nlp: Any) -> None:
    body = ("Harlow Motors said it would cut 2,300 jobs. The company said the plan would cost about $410 million.")
    claims = claims_of(nlp, body)
    assert [c["source"]["text"] for c in claims] == ["Harlow Motors", "Harlow Motors"]


def test_a_named_source_inside_a_quote_is_nearer_than_the_speaker(nlp: Any) -> None:
    body = ('"The Refugee Council (TRC) recorded 9,400 arrivals in May," the minister said.')
    [c] = claims_of(nlp, body)
    assert "TRC" in c["source"]["text"]


def test_the_quote_speaker_is_the_source(nlp: Any) -> None:
    [c] = claims_of(nlp, '"We have counted 86 bodies so far," said Dr Amina Farouk, the hospital director.')
    assert c["category"] == "killed" and "Farouk" in c["source"]["text"]


def test_quoted_as_saying_gives_the_one_quoted(nlp: Any) -> None:
    body = "The union said 950 civilians had died. The channel quoted the union's statement as saying that 958 had been killed."
    got = {c["value"]: c for c in claims_of(nlp, body)}
    assert got[958]["source"]["text"].lower() == "the union" and got[958]["category"] == "killed"


def test_an_attribution_the_sentence_splitter_cut_off(nlp: Any) -> None:
    body = "Cases rose. The tally reached 5,104 with 2,871 deaths as of 6:05 a.m. CET on Tuesday (0505 GMT), the institute said."
    got = {c["value"]: c for c in claims_of(nlp, body)}
    assert got[2871]["category"] == "killed" and got[2871]["source"]["text"] == "the institute"
