"""extract/quotes/turns.py: the turns of a transcript printed without quotation marks, and the capitalised
lead-ins that are no speaker (datelines, rubrics, "Q:"), on invented articles through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import analyze_text
from presslens.record import check_offsets

pytestmark = pytest.mark.model

INTERVIEW = (
    "Harbour Notes\n\n"
    "Senator Jane Holloway appeared on Sunday Review with the host Tom Brennan to discuss the harbour tax.\n\n"
    "BRENNAN: Senator, will the harbour tax pass before the winter recess?\n\n"
    "HOLLOWAY: I think it will pass, because the fishing towns cannot wait another year for the new quays.\n\n"
    "(END VIDEO CLIP)\n\n"
    "BRENNAN: And what do you say to the shipping firms that oppose it?\n\n"
    "HOLLOWAY: They have had three years to make their case, and they have not made it.\n"
)


def turns(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for q in record["quotes"] if q.get("rule") == "transcript"]


def entity_name(record: dict[str, Any], quote: dict[str, Any]) -> str | None:
    eid = (quote.get("speaker") or {}).get("entity")
    return next((e["name"] for e in record["entities"] if e["id"] == eid), None)


def test_each_labelled_turn_is_a_direct_quote_of_its_speaker(nlp: Any) -> None:
    record = analyze_text(nlp, INTERVIEW)
    got = turns(record)
    assert [q["speaker"]["text"] for q in got] == ["BRENNAN", "HOLLOWAY", "BRENNAN", "HOLLOWAY"]
    assert all(q["kind"] == "direct" for q in got)
    assert got[1]["content"]["text"] == (
        "I think it will pass, because the fishing towns cannot wait another year for the new quays.")
    assert got[3]["content"]["text"].startswith("They have had three years")
    # the labels name the article's people: the surname alone links to the full name
    assert entity_name(record, got[1]) == "Jane Holloway"
    assert entity_name(record, got[0]) == "Tom Brennan"
    # nothing inside a turn is quoted a second time ("I think ..." is the turn's, not a nested quote)
    starts = sorted(q["content"]["start"] for q in record["quotes"])
    assert len(starts) == len(set(starts))
    assert check_offsets(record) == []


def test_a_single_label_counts_when_it_names_a_person_of_the_article(nlp: Any) -> None:
    record = analyze_text(nlp, "Harbour Notes\n\nMayor Ruth Okafor spoke to the council on Monday.\n\n"
                               "OKAFOR: We will open the new quays in May, whatever the weather does.\n")
    got = turns(record)
    assert len(got) == 1 and entity_name(record, got[0]) == "Ruth Okafor"


@pytest.mark.parametrize("text", [
    # a dateline before a colon is a place, not a speaker
    "Harbour Notes\n\nNEW DELHI: The government said on Monday that the new quays would open in May.\n\n"
    "MUMBAI: Shipping firms have asked the port authority to delay the harbour tax until next year.\n",
    # rubrics are no speakers, however many there are
    "Harbour Notes\n\nUPDATE: The council voted on Monday to open the new quays in May next year.\n\n"
    "EDITOR'S NOTE: An earlier version of this story gave the wrong date for the council vote.\n\n"
    "READ MORE: How the harbour tax became the issue of the season in the fishing towns.\n",
    # "Q:" and "A:" name no one
    "Harbour Notes\n\nQ: Will the new quays open in May, as the council has promised?\n\n"
    "A: They will open in May if the weather holds and the contractors finish on time.\n",
    # one capitalised lead-in that names no one of the article
    "Harbour Notes\n\nBOTTOM LINE: The new quays will open in May if the weather holds this spring.\n",
])
def test_lead_ins_that_are_no_speakers(nlp: Any, text: str) -> None:
    record = analyze_text(nlp, text)
    assert turns(record) == []
    assert check_offsets(record) == []


def test_a_paragraph_a_short_one_announces_is_its_announcers_block_quote(nlp: Any) -> None:
    """"Limbaugh added:" on a paragraph of its own, then his words without quotation marks: PolNeAR annotates
    the paragraph as his (dev 2 of 2). Not after a verb with an object or a topic ("He listed the qualities:",
    "She spoke out against the tax:"), and a quoted paragraph stays the direct rules'."""
    text = ("Harbour Notes\n\nSenator Jane Holloway spoke about the harbour tax on her radio show on Monday.\n\n"
            "Holloway added:\n\n"
            "And from a supposed front-runner, this reeks of the greatest fear I have ever seen in a campaign.\n\n"
            "He listed the qualities:\n\n"
            "The candidate must be honest, brave and ready to defend the harbour towns.\n\n"
            "Mayor Ruth Okafor also spoke out against the tax:\n\n"
            "The harbour towns had more than 6,000 crimes in 2014, including 80 murders.\n\n"
            "Okafor continued:\n\n"
            "“We will not pay for a quay we do not need.”\n")
    record = analyze_text(nlp, text)
    assert check_offsets(record) == []
    got = [q for q in record["quotes"] if q.get("rule") == "announced"]
    assert [(q["speaker"]["text"], q["cue"]["text"], q["kind"]) for q in got] == [("Holloway", "added", "direct")]
    assert got[0]["content"]["text"].startswith("And from a supposed front-runner") and entity_name(record, got[0]) == "Jane Holloway"
    assert not [q for q in record["quotes"] if q["content"]["text"].startswith(("The candidate must", "The harbour towns had"))]
    (pay,) = [q for q in record["quotes"] if q["content"]["text"].startswith("We will not pay")]
    assert pay["rule"] != "announced" and pay["speaker"]["text"] == "Okafor"
