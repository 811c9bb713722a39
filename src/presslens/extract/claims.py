"""Numeric claims with what they count, qualifier and source."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def find_claims(doc: Doc) -> list[dict[str, Any]]:
    """Placeholder until the extractor lands: finds nothing."""
    return []


@Language.factory("presslens_claims", assigns=["doc._.pl_claims"], requires=["doc._.pl_article"], default_config={})
def make_claims(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_claims = find_claims(doc)
        return doc

    return component
