"""Loaded wording by voice, referents and persuasion techniques."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def find_framing(doc: Doc) -> list[dict[str, Any]]:
    """Placeholder until the extractor lands: finds nothing."""
    return []


@Language.factory("presslens_framing", assigns=["doc._.pl_framing"], requires=["doc._.pl_article"], default_config={})
def make_framing(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_framing = find_framing(doc)
        return doc

    return component
