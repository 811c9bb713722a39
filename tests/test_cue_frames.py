"""Cue verbs that cue only in some frames (``data/cues.json``: ``no_object``, ``raising``, ``clause_only``),
cues mined from PolNeAR train (``bench/cue_mining.py``), and an appended participle that belongs to the
content. Invented sentences through the real pipeline up to the rules (``presslens_quotes``)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import analyze_text
from presslens.extract.quotes.cues import check_cues, load_cues
from presslens.record import check_offsets
from test_cues import raw
from test_quote_boundaries import rules_doc

pytestmark = pytest.mark.model


def rule_quotes(nlp: Any, body: str) -> list[dict[str, Any]]:
    """The rules' quotes of an invented article (its record's offsets checked on the way)."""
    text = "Harbour Notes\n\n" + body
    rec = analyze_text(nlp, text)
    assert check_offsets(rec) == [], check_offsets(rec)
    doc = rules_doc(nlp, body)
    return list(doc._.pl_quotes)


def cues_of(quotes: list[dict[str, Any]]) -> list[str]:
    return [q["cue"]["text"] for q in quotes if q["cue"]]


@pytest.mark.parametrize("body", [
    "Inspectors found ways to shorten the queue at the crossing.",
    "The harbour master accepted the award at a dinner in May.",
    "The minister appeared on a morning show to talk to viewers.",
    "The old ferry company still maintains two boats and a small dock.",
])
def test_a_verb_that_cues_only_a_clause_cues_nothing_without_one(nlp: Any, body: str) -> None:
    assert cues_of(rule_quotes(nlp, body)) == []


def test_appearing_to_talk_about_a_topic_cues_the_talk_only(nlp: Any) -> None:
    assert cues_of(rule_quotes(nlp, "The minister appeared on a morning show to talk about the harbour.")) == ["talk"]


@pytest.mark.parametrize(("body", "cue", "content"), [
    ("Inspectors found that the queue at the crossing had doubled since May.", "found",
     "the queue at the crossing had doubled since May"),
    ("The port authority allowed the ferries to sail again on Sunday.", "allowed",
     "the ferries to sail again on Sunday"),
    ("Investigators determined that the fire had started in the kitchen.", "determined", "the fire had started in the kitchen"),
    ("A judge ordered the ministry to release the harbour records.", "ordered", "the ministry to release the harbour records"),
    ("The senator voiced his disapproval of the port ruling.", "voiced", "his disapproval of the port ruling"),
])
def test_a_clause_or_a_mined_frame_still_cues(nlp: Any, body: str, cue: str, content: str) -> None:
    quotes = rule_quotes(nlp, body)
    q = next(q for q in quotes if q["cue"] and q["cue"]["text"] == cue)
    assert q["content"]["text"] == content


def test_a_raising_verb_reports_its_subject_and_names_no_speaker(nlp: Any) -> None:
    (q,) = rule_quotes(nlp, "The old mayor, a veteran of three campaigns, seemed to be losing ground among the fishermen.")
    assert q["cue"]["text"] == "seemed" and q["speaker"] is None
    assert q["content"]["text"].startswith("The old mayor") and q["content"]["text"].endswith("among the fishermen")


def test_a_participle_of_the_content_stays_one_of_the_speaker_goes(nlp: Any) -> None:
    (q,) = [q for q in rule_quotes(nlp, "The company said it raised 21 million dollars in January, bringing its total "
                                         "to 95 million.") if q["cue"]["text"] == "said"]
    assert q["content"]["text"].endswith("bringing its total to 95 million")
    quotes = rule_quotes(nlp, "The mayor said the talks had failed, telling reporters she would try again.")
    said = next(q for q in quotes if q["cue"]["text"] == "said")
    assert said["content"]["text"] == "the talks had failed"


def test_the_frame_lists_name_cue_verbs_and_the_non_speech_list_stays() -> None:
    cues = load_cues()
    assert {"find", "allow", "maintain"} <= cues.no_object and {"seem", "appear"} <= cues.raising
    assert all(cues.kind(v) for v in cues.no_object | cues.raising)
    assert {"echo", "embrace", "cheer"} <= cues.not_cues and "add to" in cues.not_cue_phrases
    assert not {"echo", "embrace", "cheer", "see"} & cues.no_object
    bad = raw()
    bad["no_object"].append("glimpse")
    with pytest.raises(ValueError, match="no_object"):
        check_cues(bad)


@pytest.mark.parametrize(("body", "source", "content"), [
    ("In the new harbour poll released Sunday, the mayor led the challenger by 5 percentage points among likely voters.",
     "the new harbour poll", "the mayor led the challenger by 5 percentage points among likely voters"),
    ("The mayor rose 1 percentage point since the debate while the challenger fell by the same margin, in this poll.",
     "this poll", "The mayor rose 1 percentage point since the debate while the challenger fell by the same margin"),
    ("In one of the first harbour polls to emerge, the mayor did not receive a bump.",
     "one of the first harbour polls", "the mayor did not receive a bump"),
])
def test_a_poll_set_off_by_a_comma_is_the_source_of_its_sentence(nlp: Any, body: str, source: str, content: str) -> None:
    (q,) = rule_quotes(nlp, body)
    assert q["rule"] == "in-a-poll" and q["speaker"]["text"].startswith(source) and q["content"]["text"] == content


@pytest.mark.parametrize("body", [
    "The mayor has been rising in the polls since the spring.",
    "The challenger has led the mayor in several recent harbour polls by double digits.",
])
def test_a_poll_inside_the_clause_is_no_source(nlp: Any, body: str) -> None:
    assert [q for q in rule_quotes(nlp, body) if q["rule"] == "in-a-poll"] == []


@pytest.mark.parametrize("body", [
    "The Harbour Club is reportedly spending 1.5 million on television advertisements ahead of the primary.",
    "The ferry company allegedly hid the losses from its shareholders for two years.",
])
def test_reportedly_makes_its_clause_a_report_of_no_one_named(nlp: Any, body: str) -> None:
    (q,) = rule_quotes(nlp, body)
    assert q["rule"] == "reportedly" and q["speaker"] is None and q["content"]["text"] == body.rstrip(".")


@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        ("The president spoke emotionally of his many flights across the capital.", "The president",
         "his many flights across the capital"),
        ("The senator talked about trade and the economy on Tuesday.", "The senator", "trade and the economy"),
        ("The mayor has spoken about the need for reforms.", "The mayor", "the need for reforms"),
    ],
)
def test_speaking_of_a_topic_is_an_attribution(nlp: Any, body: str, speaker: str, content: str) -> None:
    """``topic_preps``: a direct-only verb (speak, talk, write) cues the object of "about"/"of" when it has no
    clause (PolNeAR train: "speak about" is a cue 23 of 25 times, "talk about" 66 of 92)."""
    qs = [q for q in rule_quotes(nlp, body) if q["cue"] and q["cue"]["text"] in ("spoke", "talked", "spoken")]
    assert [(q["speaker"]["text"] if q["speaker"] else None, q["content"]["text"]) for q in qs] == [(speaker, content)]


@pytest.mark.parametrize("body", [
    "The president spoke with reporters on the plane.",
    "The governor spoke at the convention on Monday.",
    "He spoke in Ohio on Monday.",
])
def test_speaking_to_someone_or_somewhere_is_no_attribution(nlp: Any, body: str) -> None:
    assert [q for q in rule_quotes(nlp, body) if q["cue"] and q["cue"]["text"] == "spoke"] == []
