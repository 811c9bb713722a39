"""PLOVER events: actor, target, date, place."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def find_events(doc: Doc) -> list[dict[str, Any]]:
    """Placeholder until the extractor lands: finds nothing."""
    return []


@Language.factory("presslens_events", assigns=["doc._.pl_events"], requires=["doc._.pl_article"], default_config={})
def make_events(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_events = find_events(doc)
        return doc

    return component
