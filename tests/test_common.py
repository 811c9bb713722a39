"""extract/common.py: block ranges, body sentences, the one entity index of a Doc, noun phrases, tense of a clause."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

from handdocs import hand_doc
from presslens.extract.common import (
    EntityIndex,
    argument_span,
    block_ranges,
    body_sents,
    entity_index,
    governing_verb,
    is_future,
    is_past,
    noun_phrase,
)
from presslens.pipeline.extensions import register_extensions

VOCAB = spacy.blank("en").vocab


def mention_entity(eid: str, name: str, label: str, *spans: tuple[int, int]) -> dict[str, Any]:
    return {"id": eid, "name": name, "label": label, "titles": [], "country": None,
            "mentions": [{"start": s, "end": e, "text": "x" * (e - s)} for s, e in spans]}


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


def test_the_two_offset_lookups_break_ties_their_own_way() -> None:
    # E1 "Islamic Jihad leader" covers E2 "Jihad": a query over E2's characters overlaps both by 5
    index = EntityIndex([mention_entity("E1", "Islamic Jihad leader", "PERSON", (0, 20)),
                         mention_entity("E2", "Jihad", "ORG", (8, 13))])
    assert index.at(8, 13)["id"] == "E1"  # type: ignore[index]  # the earliest mention: a fact's argument
    assert index.canonical_at(8, 13)["id"] == "E2"  # type: ignore[index]  # the narrowest: who is named
    assert index.at(30, 40) is None and index.canonical_at(30, 40) is None


def test_a_lone_surname_and_its_misspelling_stand_for_the_full_name() -> None:
    index = EntityIndex([mention_entity("E1", "Hossein Salami", "PERSON", (0, 14)),
                         mention_entity("E2", "Salmai", "PERSON", (20, 26)),
                         mention_entity("E3", "Sala", "PERSON", (30, 34))])
    assert index.canonical("E2") == "E1" and index.canonical_at(20, 26)["id"] == "E1"  # type: ignore[index]
    assert index.canonical("E3") == "E3"  # too short to be taken for a misspelling
    assert index.at(20, 26)["id"] == "E2"  # type: ignore[index]  # facts keep the mention's own entity


def test_names_fold_case_apostrophes_and_the_and_prefer_places() -> None:
    index = EntityIndex([mention_entity("E1", "Ministry of Health", "ORG", (0, 5)),
                         {**mention_entity("E2", "Gaza", "GPE", (10, 14)), "aliases": ["The Gaza Strip’s"]}])
    assert index.names["gaza strip's"] == "E2" and index.names["ministry of health"] == "E1"


def test_the_index_is_built_once_per_doc_and_again_when_the_entities_change() -> None:
    register_extensions()
    doc = hand_doc(ROWS)
    first = entity_index(doc)
    assert entity_index(doc) is first
    doc._.pl_entities = [mention_entity("E9", "Friday", "DATE", (21, 27))]
    assert entity_index(doc) is not first and entity_index(doc).at(21, 27)["id"] == "E9"  # type: ignore[index]


def test_block_ranges_of_a_doc_without_blocks() -> None:
    register_extensions()
    doc = Doc(VOCAB, words=["One", ".", "\n\n", "Two", "."], spaces=[False, False, False, False, False])
    assert block_ranges(doc, {"paragraph"}) == [(0, len(doc.text), "paragraph")]
    assert block_ranges(doc, {"paragraph"}, without_blocks="paragraphs") == [(0, 4, "paragraph"), (6, 10, "paragraph")]
    assert block_ranges(doc, {"title"}, without_blocks="nothing") == []


def test_noun_phrase_keeps_name_parts_and_drops_a_dateline() -> None:
    doc = Doc(VOCAB, words=["ORLANDO", "—", "President", "Obama", "said", "so"], heads=[3, 0, 3, 4, 4, 4],
              deps=["nsubj", "punct", "compound", "nsubj", "ROOT", "advmod"], pos=["PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "ADV"])
    assert noun_phrase(doc[3]).text == "President Obama"


def test_argument_span_keeps_modifiers_and_an_of_phrase() -> None:
    doc = hand_doc([("The", "DET", "DT", "det", 1, "the", ""), ("leader", "NOUN", "NN", "nsubj", 3, "leader", ""),
                    ("of", "ADP", "IN", "prep", -1, "of", ""), ("Hamas", "PROPN", "NNP", "pobj", -1, "Hamas", "ORG"),
                    ("spoke", "VERB", "VBD", "ROOT", 0, "speak", ""), (".", "PUNCT", ".", "punct", -1, ".", "")])
    s, e = argument_span(doc[1])
    assert doc.text[s:e] == "The leader of Hamas"
