"""extract/facts/events.py, triggers.py, eventslots.py: PLOVER events: the trigger lexicon, passives, negation, modality, metonyms, purpose clauses, the seed (issue 4)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import analyze_text
from handdocs import hand_doc
from presslens.data import load as load_data
from presslens.extract.facts.dates import find_dates
from presslens.extract.facts.events import find_events
from presslens.extract.facts.triggers import Entry, event_triggers, parse_entry

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


# --- the lexicon ------------------------------------------------------------------------------------------


def test_trigger_lexicon_covers_all_sixteen_types() -> None:
    data = load_data("triggers.json")
    assert set(data["types"]) == PLOVER and set(data["triggers"]) == PLOVER
    for etype, lists in data["triggers"].items():
        assert lists["verbs"] or lists["nouns"], etype
        for text in lists["verbs"] + lists["nouns"]:
            entry = parse_entry(etype, text)
            assert entry.lemma and entry.lemma == entry.lemma.lower() and " " not in entry.lemma, text
    assert set(data["target_preps"]) - {"*"} <= PLOVER
    verbs, nouns = event_triggers().verbs, event_triggers().nouns
    assert {e.type for e in verbs["assassinate"]} == {"ASSAULT"}
    assert nouns["strike"][0].conditional and nouns["strike"][-1] == Entry("PROTEST", "strike")


def test_parse_entry_conditions() -> None:
    assert parse_entry("ASSAULT", "fire:rocket,missile") == Entry("ASSAULT", "fire", None, frozenset({"rocket", "missile"}))
    assert parse_entry("REQUEST", "call+for") == Entry("REQUEST", "call", "for")
    assert parse_entry("ASSAULT", "air strike") == Entry("ASSAULT", "strike", None, frozenset({"air"}))
    assert parse_entry("CONSULT", "call:phone@with").preps == frozenset({"with"})


# --- logic on hand-built parses (no model) --------------------------------------------------------------


def test_passive_with_an_attack_noun_makes_its_modifier_the_actor() -> None:
    # "Soleimani was assassinated in a US drone strike near Baghdad last year."
    doc = hand_doc(
        [
            ("Soleimani", "PROPN", "NNP", "nsubjpass", 2, "Soleimani", "PERSON"),
            ("was", "AUX", "VBD", "auxpass", 1, "be", ""),
            ("assassinated", "VERB", "VBN", "ROOT", 0, "assassinate", ""),
            ("in", "ADP", "IN", "prep", -1, "in", ""),
            ("a", "DET", "DT", "det", 3, "a", ""),
            ("US", "PROPN", "NNP", "compound", 2, "US", "GPE"),
            ("drone", "NOUN", "NN", "compound", 1, "drone", ""),
            ("strike", "NOUN", "NN", "pobj", -4, "strike", ""),
            ("near", "ADP", "IN", "prep", -1, "near", ""),
            ("Baghdad", "PROPN", "NNP", "pobj", -1, "Baghdad", "GPE"),
            ("last", "ADJ", "JJ", "amod", 1, "last", "DATE"),
            ("year", "NOUN", "NN", "npadvmod", -9, "year", "DATE"),
            (".", "PUNCT", ".", "punct", -10, ".", ""),
        ],
        published="2021-05-22",
    )
    doc._.pl_dates = find_dates(doc)
    [event] = find_events(doc)  # the drone strike is the same event, not a second one
    assert event["type"] == "ASSAULT" and event["passive"] is True
    assert event["actor"]["text"] == "US" and event["actor"]["entity"] == "E2"
    assert event["target"] == {"entity": "E1", "text": "Soleimani"}
    assert event["place"] == {"entity": "E3", "text": "Baghdad"}
    assert (event["date"], event["date_source"]) == ("2020", "clause")


def test_negation_and_the_publication_date_fallback() -> None:
    # "Israel did not attack Gaza."
    doc = hand_doc(
        [
            ("Israel", "PROPN", "NNP", "nsubj", 3, "Israel", "GPE"),
            ("did", "AUX", "VBD", "aux", 2, "do", ""),
            ("not", "PART", "RB", "neg", 1, "not", ""),
            ("attack", "VERB", "VB", "ROOT", 0, "attack", ""),
            ("Gaza", "PROPN", "NNP", "dobj", -1, "Gaza", "GPE"),
            (".", "PUNCT", ".", "punct", -2, ".", ""),
        ],
        published="2021-05-22T08:13",
    )
    [event] = find_events(doc)
    assert event["negated"] is True and event["modality"] == "asserted"
    assert event["actor"]["entity"] == "E1" and event["target"]["entity"] == "E2"
    assert (event["date"], event["date_source"]) == ("2021-05-22", "publication")


# --- the real pipeline ----------------------------------------------------------------------------------


def events_of(nlp: Any, body: str, published: str = "2021-05-22") -> list[dict[str, Any]]:
    rec = analyze_text(nlp, "A story\n\n" + body, published=published)
    text = rec["article"]["text"]
    for ev in rec["events"]:
        t = ev["trigger"]
        assert text[t["start"] : t["end"]] == t["text"]
    return list(rec["events"])


def one(events: list[dict[str, Any]], etype: str) -> dict[str, Any]:
    found = [e for e in events if e["type"] == etype]
    assert len(found) == 1, events
    return found[0]


@pytest.mark.model
def test_modality_intended_and_possible(nlp: Any) -> None:
    events = events_of(nlp, "Iran is ready to provide aid to Lebanon. Russia may impose sanctions on Turkey.")
    aid = one(events, "AID")
    assert aid["modality"] == "intended" and aid["actor"]["text"] == "Iran" and aid["target"]["text"] == "Lebanon"
    sanction = one(events, "SANCTION")
    assert sanction["modality"] == "possible" and sanction["actor"]["text"] == "Russia"
    assert sanction["target"]["text"] == "Turkey"


@pytest.mark.model
def test_metonym_resolves_to_the_country_entity(nlp: Any) -> None:
    events = events_of(nlp, "Israel struck Gaza for a week. Tel Aviv announced a ceasefire on Friday.")
    agree = one(events, "AGREE")
    assert agree["actor"]["text"] == "Israel" and agree["actor"]["entity"] is not None
    assert agree["actor"]["resolved"] == "metonym" and agree["date"] == "2021-05-21"
    without = one(events_of(nlp, "Tel Aviv announced a ceasefire on Friday."), "AGREE")
    assert without["actor"]["text"] == "Israel"


@pytest.mark.model
def test_rally_to_condemn_targets_the_country_behind_the_airstrikes(nlp: Any) -> None:
    events = events_of(nlp, "Thousands joined a rally to condemn Israeli airstrikes in London on Wednesday.")
    protest = one(events, "PROTEST")
    assert protest["target"]["text"] == "Israel" and protest["target"]["resolved"] == "nationality"
    assert protest["place"]["text"] == "London" and protest["date"] == "2021-05-19"
    assert not [e for e in events if e["type"] == "ACCUSE"]  # "condemn" belongs to the rally


@pytest.mark.model
def test_coordinated_targets_give_one_event_each(nlp: Any) -> None:
    events = events_of(nlp, "The minister held talks with Ahmed Karimi and Sara Lund in Oslo on Monday.")
    consult = [e for e in events if e["type"] == "CONSULT"]
    assert sorted(e["target"]["text"] for e in consult) == ["Ahmed Karimi", "Sara Lund"]
    assert all(e["actor"]["text"] == "The minister" and e["date"] == "2021-05-17" for e in consult)
    assert all(e["place"]["text"] == "Oslo" for e in consult)


# --- the seed -------------------------------------------------------------------------------------------


def _matches_name(arg: dict[str, Any] | None, gold: str | None, entities: dict[str, dict[str, Any]]) -> bool:
    if gold is None:
        return arg is None
    if arg is None:
        return False
    key = {"Hossein Salami": "Salami", "Ismail Haniyeh": "Haniyeh", "Ziyad al-Nakhalah": "Nakhalah",
           "Gaza Strip": "Gaza", "Qassem Soleimani": "Soleimani"}.get(gold, gold)
    names = [arg.get("text", ""), entities.get(arg.get("entity") or "", {}).get("name", "")]
    if gold == "United States":
        return any(n in ("United States", "US", "U.S.") for n in names)
    return any(key in n for n in names)


@pytest.mark.model
def test_seed_events(seed_record: dict[str, Any], seed_gold: dict[str, Any]) -> None:
    """Issue 4 acceptance: at least five of the six required events with type, actor, target and date right."""
    entities = {e["id"]: e for e in seed_record["entities"]}
    events = seed_record["events"]
    right = []
    for gold in seed_gold["events"]["required"]:
        hit = [
            e for e in events
            if e["type"] == gold["type"]
            and e["date"] == gold["date"]
            and _matches_name(e["actor"], gold["actor"], entities)
            and _matches_name(e["target"], gold["target"], entities)
        ]
        if hit:
            right.append(gold)
            if "place" in gold:
                assert any(_matches_name(e["place"], gold["place"], entities) for e in hit), (gold, hit)
    assert len(right) >= 5, [g for g in seed_gold["events"]["required"] if g not in right]
