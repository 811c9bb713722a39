"""extract/framing/techniques.py: SemEval-2020 Task 11 techniques by explainable rules (issue 5)."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from presslens.extract.framing.framing import find_framing
from presslens.extract.framing.techniques import (
    TECHNIQUES,
    load_techniques,
    repetitions,
    scare_quotes,
    shouting,
)
from presslens.pipeline.extensions import register_extensions


def test_data_names_only_semeval_techniques_and_each_has_a_rule() -> None:
    data = load_techniques()["techniques"]
    assert set(data) == set(TECHNIQUES) and len(TECHNIQUES) == 14
    nlp = spacy.blank("en")
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    for spec in data.values():
        for phrase in spec["phrases"]:
            assert phrase == phrase.strip() and phrase, phrase
        for pattern in spec["patterns"]:
            matcher.add("x", [pattern])  # raises on an invalid pattern


def test_scare_quotes_but_not_attributed_quotes_or_apostrophes() -> None:
    text = "Israelis mourn 'embarrassing' ceasefire. The Palestinians’ rights. He said “we won” today."
    quoted = [(text.index("we won"), text.index("we won") + 6)]
    hits = scare_quotes(text, [(0, len(text))], quoted)
    assert [text[h["start"]:h["end"]] for h in hits] == ["embarrassing"]
    assert hits[0]["technique"] == "Doubt"


def test_shouting_capitals_and_short_exclamations() -> None:
    doc = spacy.blank("en")("The crowd chanted DEATH TO TYRANTS in the square. Never again! The BBC said so.")
    hits = shouting(doc, [(0, len(doc.text))])
    texts = sorted(doc.text[h["start"]:h["end"]] for h in hits)
    assert texts == ["DEATH TO TYRANTS", "Never again!"] or texts == ["DEATH TO TYRANTS"]
    assert all(h["technique"] == "Slogans" for h in hits)


def test_repetition_marks_each_use_after_the_first() -> None:
    spans = [{"start": 0, "end": 3, "k": "a"}, {"start": 10, "end": 13, "k": "a"}, {"start": 5, "end": 6, "k": "b"},
             {"start": 20, "end": 23, "k": "a"}]
    hits = repetitions(spans, key=lambda s: str(s["k"]))
    assert [h["start"] for h in hits] == [10, 20]


def _techniques(doc: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in find_framing(doc):
        if f.get("technique"):
            out.setdefault(f["technique"], []).append(f["text"])
    return out


def test_cue_phrases_on_a_plain_doc() -> None:
    register_extensions()
    text = ("Experts say the so-called reform is an existential threat. You are either with us or against us. "
            "It is what it is. What about their double standards? Everyone knows they are like the Nazis. "
            "The brave Varnian people will prevail. The sole reason is greed.")
    doc = spacy.blank("en")(text)
    found = _techniques(doc)
    for technique in ("Appeal_to_Authority", "Doubt", "Appeal_to_fear-prejudice", "Black-and-White_Fallacy",
                      "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
                      "Bandwagon,Reductio_ad_hitlerum", "Causal_Oversimplification", "Flag-Waving"):
        assert technique in found, (technique, found)


def test_plain_report_has_no_techniques() -> None:
    register_extensions()
    doc = spacy.blank("en")("The council approved the budget on Monday. Traffic rose by four percent, the report said.")
    assert _techniques(doc) == {}


@pytest.mark.model
def test_techniques_in_the_pipeline_carry_voice_and_rule(nlp: Any) -> None:
    from conftest import analyze_text

    rec = analyze_text(nlp, 'The senator said: "Everyone knows this so-called plan will fail." Critics disagreed.')
    techs = [f for f in rec["framing"] if f["category"] == "technique"]
    assert {"Bandwagon,Reductio_ad_hitlerum", "Doubt"} <= {f["technique"] for f in techs}, techs
    for f in techs:
        assert f["rule"].startswith("techniques:") and rec["article"]["text"][f["start"]:f["end"]] == f["text"]
