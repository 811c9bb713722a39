"""Whose clause a cue belongs to (``extract/quotes/clauses.subject_of``, ``agents.can_speak``): passives, the
objects of verbs like "prompt" and "urge", and clauses as subjects. Invented sentences modelled on BBC and
PolNeAR text, through the whole pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import analyze_text
from presslens.record import check_offsets

pytestmark = pytest.mark.model

TITLE = "Report from the day\n\n"


def speakers(nlp: Any, body: str) -> dict[str, str | None]:
    """Each quote's cue text -> its speaker's text (None: no speaker)."""
    rec = analyze_text(nlp, TITLE + body)
    assert check_offsets(rec) == [], check_offsets(rec)
    return {q["cue"]["text"]: (q.get("speaker") or {}).get("text") for q in rec["quotes"] if q.get("cue")}


def test_a_passive_cue_takes_no_speaker_from_the_clause_before_it(nlp: Any) -> None:
    got = speakers(nlp, "Testers could not find them at the village and the duo were later admitted to hospital.")
    assert got.get("admitted") is None


def test_a_participle_on_a_passive_clause_speaks_for_its_subject(nlp: Any) -> None:
    got = speakers(nlp, "He has been investigated by Congress for promoting the weight loss pills.")
    assert got.get("promoting") == "He"


@pytest.mark.parametrize(("body", "cue", "speaker"), [
    ("Worries about crime have prompted many employers to consider monitoring employees.", "consider", "many employers"),
    ("Such agreements include language forcing the recipients to answer other investigative entities.", "answer", "the recipients"),
])
def test_the_object_of_a_control_verb_speaks_for_its_infinitive(nlp: Any, body: str, cue: str, speaker: str) -> None:
    assert speakers(nlp, body).get(cue) == speaker


def test_a_clause_is_no_speaker(nlp: Any) -> None:
    body = ("But from Tuesday all non-EU nationals, apart from citizens of Switzerland, Liechtenstein, Iceland or Norway, "
            "intending to wed in the UK must either obtain a visa allowing them to get married before they enter the country.")
    got = speakers(nlp, body)
    assert "intending" not in got.values()


@pytest.mark.parametrize(("body", "speaker"), [
    ("But nearly half those surveyed said the minister should return to the cabinet.", "nearly half those surveyed"),
    ("Most of those surveyed said the plan would fail.", "Most of those surveyed"),
    ("Those polled said the plan would fail.", "Those polled"),
])
def test_a_participle_that_says_who_is_meant_stays_in_the_speaker(nlp: Any, body: str, speaker: str) -> None:
    """"those surveyed" names a group (no pronoun to resolve); a quantifier's "of" phrase keeps it too."""
    assert speakers(nlp, body).get("said") == speaker


def test_a_signed_paragraph_is_its_signers_whatever_the_marks_inside(nlp: Any) -> None:
    """Readers' words in a list, each line signed after a dash; a line whose marks pair badly (opened with a
    single mark, closed with a double) is still its signer's, not the line before's."""
    body = ("“He is someone that no sane voter would want in the White House.” ― Maria Olmedo\n\n"
            "“Nobody I know wants him. He said ‘Some people are so poor all they have is money.” "
            "And that is all he has “the root of all evil’.” ― Christina Lastra.\n")
    rec = analyze_text(nlp, TITLE + body)
    assert check_offsets(rec) == []
    nobody = next(q for q in rec["quotes"] if q["content"]["text"].startswith("Nobody I know"))
    assert nobody["speaker"]["text"] == "Christina Lastra"


def test_a_trailing_cue_after_a_name_and_its_long_title(nlp: Any) -> None:
    body = ('"Absolutely hate this framing of the strike that places all the blame on the dockers," Vann R. Newkirk II, '
            'a writer for The Harbour Times, said on Twitter. "The dockers have done their part."')
    rec = analyze_text(nlp, TITLE + body)
    first, second = rec["quotes"][:2]
    assert first["cue"]["text"] == "said" and first["speaker"]["text"] == "Vann R. Newkirk II"
    assert second["speaker"]["text"] == "Vann R. Newkirk II"


@pytest.mark.parametrize(("body", "speaker"), [
    ('"We are just going to have to come to terms with it," Tom Lott, who was harbour master under Mayor Haddad, said.', "Tom Lott"),
    ('"If the board had listened, I would not be here," Mr. Daniel, now 81 and retired in Penzance, Cornwall, said.', "Mr. Daniel"),
    ('"The board does not have a plan for the port," Jeb Walsh, the former harbour master and a candidate for mayor, '
     'said on Sunday.', "Jeb Walsh"),
])
def test_a_trailing_cue_after_what_is_set_off_after_the_name(nlp: Any, body: str, speaker: str) -> None:
    (q,) = analyze_text(nlp, TITLE + body)["quotes"]
    assert q["cue"] is not None and q["cue"]["text"] == "said" and q["speaker"]["text"] == speaker


def test_a_sentence_after_a_closed_quotation_is_no_trailer(nlp: Any) -> None:
    body = ('Most hunts kept to the law. "However, we have received reports of what we believe is clearly illegal activity '
            'by a number of hunts." BBC correspondent Ann Lee at Postbridge on Dartmoor in the West Country said 2,000 '
            'people had turned out to welcome the hunt.')
    rec = analyze_text(nlp, TITLE + body)
    said = [q for q in rec["quotes"] if q["cue"] and q["cue"]["text"] == "said"]
    assert [q["content"]["text"] for q in said] == ["2,000 people had turned out to welcome the hunt"]


def test_a_signature_dash_glued_to_the_closing_mark_signs_its_line(nlp: Any) -> None:
    """``...”― Name`` with no space: the tokenizer keeps ``”―`` as one token; each line is still its signer's,
    not the line before's."""
    body = ("“The harbour board has never listened to the people who work on the quays.” ― Maria Olmedo\n\n"
            "“They make blanket statements about workers they know nothing about.”― Ana Ferreira\n\n"
            "“The board must stop treating us as a cost when most of us keep this port running.”― Luis Ortega.\n")
    rec = analyze_text(nlp, TITLE + body)
    assert check_offsets(rec) == []
    signed = {q["content"]["text"][:10]: q["speaker"]["text"] for q in rec["quotes"] if q["speaker"]}
    assert signed == {"The harbou": "Maria Olmedo", "They make ": "Ana Ferreira", "The board ": "Luis Ortega"}



def test_the_writers_first_person_is_a_speaker(nlp: Any) -> None:
    body = "I know that most of the harbour board's assets are held in trusts. We believe the ferry will sail again."
    got = speakers(nlp, body)
    assert got.get("know") == "I" and got.get("believe") == "We"
