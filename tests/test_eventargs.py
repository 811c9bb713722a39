"""extract/facts/eventargs.py: noun-phrase spans and the resolution of actors and targets to entities (issue 4)."""

from __future__ import annotations

from handdocs import hand_doc
from presslens.extract.common import argument_span
from presslens.extract.facts.eventargs import Resolver

# "The occupying regime announced a truce after Israel struck Gaza ." (Israel is the subject before it)
ROWS = [
    ("Israel", "PROPN", "NNP", "nsubj", 1, "Israel", "GPE"),
    ("struck", "VERB", "VBD", "ROOT", 0, "strike", ""),
    ("Gaza", "PROPN", "NNP", "dobj", -1, "Gaza", "GPE"),
    (".", "PUNCT", ".", "punct", -2, ".", ""),
    ("The", "DET", "DT", "det", 2, "the", ""),
    ("occupying", "VERB", "VBG", "amod", 1, "occupy", ""),
    ("regime", "NOUN", "NN", "nsubj", 1, "regime", ""),
    ("announced", "VERB", "VBD", "ROOT", 0, "announce", ""),
    ("a", "DET", "DT", "det", 1, "a", ""),
    ("truce", "NOUN", "NN", "dobj", -2, "truce", ""),
    (".", "PUNCT", ".", "punct", -3, ".", ""),
    ("Israeli", "ADJ", "JJ", "amod", 1, "israeli", "NORP"),
    ("forces", "NOUN", "NNS", "nsubj", 1, "force", ""),
    ("left", "VERB", "VBD", "ROOT", 0, "leave", ""),
    (".", "PUNCT", ".", "punct", -1, ".", ""),
    ("They", "PRON", "PRP", "nsubj", 1, "they", ""),
    ("returned", "VERB", "VBD", "ROOT", 0, "return", ""),
    (".", "PUNCT", ".", "punct", -1, ".", ""),
]


def test_argument_span_keeps_modifiers_and_drops_punctuation() -> None:
    doc = hand_doc(ROWS)
    s, e = argument_span(doc[6])
    assert doc.text[s:e] == "The occupying regime"


def test_definite_state_noun_resolves_to_the_last_country_subject() -> None:
    doc = hand_doc(ROWS)
    res = Resolver(doc)
    assert res.arg(doc[6]) == {"entity": "E1", "text": "Israel", "resolved": "description"}


def test_nationality_modifier_and_pronoun() -> None:
    doc = hand_doc(ROWS)
    res = Resolver(doc)
    forces = res.arg(doc[12])
    assert forces["entity"] == "E1" and forces["resolved"] == "nationality"
    they = res.arg(doc[15])
    assert they["resolved"] == "pronoun" and they["entity"] == "E1"
    assert res.actor_like(doc[12]) and res.actor_like(doc[15]) and not res.actor_like(doc[9])
