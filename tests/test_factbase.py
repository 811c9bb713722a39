"""factbase.py: body sentences, entity look-up by offset, tense of a clause (shared by dates, claims, events)."""

from __future__ import annotations

from handdocs import hand_doc
from presslens.extract.common import EntityIndex, body_sents, governing_verb, is_future, is_past


def test_entity_index_finds_the_longest_overlap() -> None:
    index = EntityIndex(
        [
            {"id": "E1", "name": "Gaza Strip", "label": "GPE", "mentions": [{"start": 10, "end": 20, "text": "Gaza Strip"}]},
            {"id": "E2", "name": "Gaza", "label": "GPE", "mentions": [{"start": 10, "end": 14, "text": "Gaza"}]},
        ]
    )
    assert index.at(10, 20)["id"] == "E1"  # type: ignore[index]
    assert index.at(15, 16)["id"] == "E1"  # type: ignore[index]
    assert index.at(0, 10) is None and index.at(20, 30) is None


ROWS = [
    ("Officials", "NOUN", "NNS", "nsubj", 1, "official", ""),
    ("will", "AUX", "MD", "aux", 1, "will", ""),
    ("meet", "VERB", "VB", "ROOT", 0, "meet", ""),
    ("on", "ADP", "IN", "prep", -1, "on", ""),
    ("Friday", "PROPN", "NNP", "pobj", -1, "Friday", "DATE"),
    (".", "PUNCT", ".", "punct", -3, ".", ""),
]


def test_tense_of_the_governing_verb() -> None:
    doc = hand_doc(ROWS)
    verb = governing_verb(doc[4])
    assert verb.text == "meet" and is_future(verb) and not is_past(verb)
    past = hand_doc([("They", "PRON", "PRP", "nsubj", 1, "they", ""), ("met", "VERB", "VBD", "ROOT", 0, "meet", ""),
                     (".", "PUNCT", ".", "punct", -1, ".", "")])
    assert is_past(past[1]) and not is_future(past[1])


def test_body_sents_skip_non_body_blocks() -> None:
    doc = hand_doc(ROWS)
    assert [s.text for s in body_sents(doc)] == ["Officials will meet on Friday."]
    doc._.pl_article = {**doc._.pl_article, "blocks": [{"kind": "title", "start": 0, "end": len(doc.text)}]}
    assert body_sents(doc) == []
