"""Places inside places: a place named inside a larger one ("the Sheikh Jarrah neighborhood of the city",
after "Jerusalem"; "Ramallah, West Bank") gets ``part_of``, the larger place's entity id, on its entity in
``doc._.pl_entities``."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ..common import PLACE_LABELS, EntityIndex, entity_index
from .namewords import NameWords, name_words


def _place_before(doc: Doc, index: EntityIndex, before: int, window: int = 400) -> dict[str, Any] | None:
    """The last GPE entity mentioned in the ``window`` characters before offset ``before``."""
    best: tuple[int, dict[str, Any]] | None = None
    for ent in index.entities:
        if ent.get("label") != "GPE":
            continue
        for m in ent.get("mentions", []):
            if before - window <= m["start"] < before and (best is None or m["start"] > best[0]):
                best = (m["start"], ent)
    return best[1] if best else None


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def part_of_links(doc: Doc, words: NameWords | None = None) -> dict[str, str]:
    """Place entity id -> id of the larger place it lies in, from "<X> <part noun> of <Y>" and "<X>, <Y>"
    (the part and city nouns are ``data/entity_words.json``'s)."""
    w = words or name_words()
    index = entity_index(doc)
    entities = index.entities
    links: dict[str, str] = {}
    for ent in entities:
        if ent.get("label") not in PLACE_LABELS and ent.get("label") != "PERSON":
            continue
        for m in ent.get("mentions", []):
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            # "the Sheikh Jarrah neighborhood of the city": the mention is a compound of a part noun
            part = head.head if head.dep_ == "compound" and head.head.lemma_.lower() in w.part_nouns else None
            if part is None and head.lemma_.lower() in w.part_nouns:
                part = head
            if part is not None:
                obj = _of_object(part)
                if obj is not None:
                    outer = index.token(obj)
                    if outer is None and obj.lemma_.lower() in w.city_nouns:
                        outer = _place_before(doc, index, m["start"])
                    if outer is not None and outer["id"] != ent["id"] and outer.get("label") in PLACE_LABELS:
                        links[ent["id"]] = outer["id"]
                        continue
            # "Ramallah, West Bank": a place followed by a comma and a larger place in apposition
            nxt = span.end
            if nxt + 1 < len(doc) and doc[nxt].text == "," and ent.get("label") in PLACE_LABELS:
                outer = index.token(doc[nxt + 1])
                if (
                    outer is not None
                    and outer["id"] != ent["id"]
                    and outer.get("label") == "GPE"
                    and doc[nxt + 1].head.i in range(span.start, span.end)
                ):
                    links[ent["id"]] = outer["id"]
    return links


def link_part_of(doc: Doc, words: NameWords | None = None) -> None:
    """Add ``part_of`` (the larger place's entity id) to entities of doc._.pl_entities that lie in another place."""
    entities = doc._.pl_entities or []
    for eid, outer in part_of_links(doc, words).items():
        for ent in entities:
            if ent["id"] == eid:
                ent["part_of"] = outer
