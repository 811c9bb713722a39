"""Entities with canonical names: spaCy NER, then within-article clustering, label repair, titles, countries."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..types import Entity

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"}


def find_entities(doc: Doc) -> list[Entity]:
    """Placeholder: one entity per distinct NER text, no clustering yet."""
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        key = (ent.text, ent.label_)
        if key not in by_key:
            by_key[key] = {
                "id": f"E{len(by_key) + 1}",
                "name": ent.text,
                "label": ent.label_,
                "mentions": [],
                "titles": [],
                "country": None,
            }
        by_key[key]["mentions"].append({"start": ent.start_char, "end": ent.end_char, "text": ent.text})
    return list(by_key.values())


@Language.factory(
    "presslens_entities", assigns=["doc._.pl_entities"], requires=["doc.ents", "doc._.pl_article"], default_config={}
)
def make_entities(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_entities = find_entities(doc)
        return doc

    return component
