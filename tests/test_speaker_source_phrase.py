"""Issue 11 (the speaker's whole phrase): a quote's speaker keeps the name the entity links (``text``) and gives
the whole phrase that names them as written (``phrase``: appositions, relative clauses, conjuncts), what PolNeAR
and PARC mark as the Source. The phrase never reaches the quote's cue or content, nor over a quotation mark, and
leaves out the setting of the act ("Trump, speaking to veterans, said"). Invented texts through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import analyze_text
from presslens.record import check_offsets


def quote_of(record: dict[str, Any], cue: str) -> dict[str, Any]:
    return next(q for q in record["quotes"] if q["cue"] and q["cue"]["text"] == cue)


@pytest.mark.parametrize(("text", "cue", "name", "phrase"), [
    ("Douglas Holtz-Eakin, an economist who served as director of the Congressional Budget Office, said the plan "
     "would fail.", "said", "Douglas Holtz-Eakin",
     "Douglas Holtz-Eakin, an economist who served as director of the Congressional Budget Office"),
    ("John Dickey, the chief executive of Ora Media, said the show would continue.", "said", "John Dickey",
     "John Dickey, the chief executive of Ora Media"),
    ("The plan will fail, said Peter Morgan, a lawyer for the Sierra Club.", "said", "Peter Morgan",
     "Peter Morgan, a lawyer for the Sierra Club"),
])
def test_the_phrase_holds_what_the_sentence_says_of_the_speaker(nlp: Any, text: str, cue: str, name: str, phrase: str) -> None:
    record = analyze_text(nlp, text)
    q = quote_of(record, cue)
    assert q["speaker"]["text"] == name
    assert q["speaker"]["phrase"]["text"] == phrase
    assert check_offsets(record) == []


def test_the_phrase_stops_before_the_cue_and_the_content(nlp: Any) -> None:
    text = "Obama, who said the deal was fair, left early. Senator Ann Ray said that Ray's plan would pass."
    record = analyze_text(nlp, text)
    for q in record["quotes"]:
        ph = q["speaker"]["phrase"]
        for part in (q["content"], q["cue"]):
            assert ph["end"] <= part["start"] or ph["start"] >= part["end"], (ph, part)
        assert ph["start"] <= q["speaker"]["start"] and q["speaker"]["end"] <= ph["end"]


def test_the_setting_of_the_act_and_quoted_words_stay_out(nlp: Any) -> None:
    record = analyze_text(nlp, "Trump, speaking to a veterans group in Virginia, said the military was weak.")
    assert quote_of(record, "said")["speaker"]["phrase"]["text"] == "Trump"
    record = analyze_text(nlp, "“We will win,” Mayor Ann Ray, a Democrat, said on Sunday.")
    assert quote_of(record, "said")["speaker"]["phrase"]["text"] == "Mayor Ann Ray, a Democrat"
