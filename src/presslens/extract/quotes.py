"""Who said what: direct, mixed and indirect quotes with resolved speakers."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def find_quotes(doc: Doc) -> list[dict[str, Any]]:
    """Placeholder until the extractor lands: finds nothing."""
    return []


@Language.factory("presslens_quotes", assigns=["doc._.pl_quotes"], requires=["doc._.pl_article"], default_config={})
def make_quotes(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_quotes = find_quotes(doc)
        return doc

    return component
