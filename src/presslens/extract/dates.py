"""Temporal expressions resolved against the publication date."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def find_dates(doc: Doc) -> list[dict[str, Any]]:
    """Placeholder until the extractor lands: finds nothing."""
    return []


@Language.factory("presslens_dates", assigns=["doc._.pl_dates"], requires=["doc._.pl_article"], default_config={})
def make_dates(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_dates = find_dates(doc)
        return doc

    return component
