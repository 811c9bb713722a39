"""The registered presslens components: thin wrappers, one per extractor, over the pure functions of
``extract/`` (and ``structure.blocks``). Each stores its result on the Doc."""

from __future__ import annotations

import os
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.entities.entities import entities_or_fallback
from ..extract.entities.partof import link_part_of
from ..extract.facts.claims import find_claims
from ..extract.facts.dates import find_dates
from ..extract.facts.events import find_events
from ..extract.framing.framing import ENV_MODEL, FramingRules, _pattern_makers, find_framing, framing_summary
from ..extract.quotes.quotes import find_quotes
from ..structure.blocks import mark_block_sentences


@Language.factory("presslens_blocks", assigns=["token.is_sent_start"], requires=["doc._.pl_article"], default_config={})
def make_blocks(nlp: Language, name: str) -> Any:
    return mark_block_sentences


@Language.factory(
    "presslens_entities",
    assigns=["doc._.pl_entities"],
    requires=["doc.ents", "doc._.pl_article"],
    default_config={},
)
def make_entities(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_entities = entities_or_fallback(doc)
        link_part_of(doc)
        return doc

    return component




@Language.factory(
    "presslens_quotes",
    assigns=["doc._.pl_quotes"],
    requires=["doc._.pl_article", "doc._.pl_entities", "token.dep"],
    default_config={},
)
def make_quotes(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_quotes = find_quotes(doc)
        return doc

    return component




@Language.factory(
    "presslens_dates", assigns=["doc._.pl_dates"], requires=["doc._.pl_article", "token.dep"], default_config={}
)
def make_dates(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_dates = find_dates(doc)
        return doc

    return component




@Language.factory(
    "presslens_claims",
    assigns=["doc._.pl_claims"],
    requires=["doc._.pl_article", "doc._.pl_entities", "doc._.pl_quotes", "doc._.pl_dates", "token.dep"],
    default_config={},
)
def make_claims(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_claims = find_claims(doc)
        return doc

    return component




@Language.factory(
    "presslens_events",
    assigns=["doc._.pl_events"],
    requires=["doc._.pl_article", "doc._.pl_entities", "doc._.pl_quotes", "doc._.pl_dates", "token.dep"],
    default_config={},
)
def make_events(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.pl_events = find_events(doc)
        return doc

    return component




@Language.factory(
    "presslens_framing",
    assigns=["doc._.pl_framing", "doc._.pl_framing_summary"],
    requires=["doc._.pl_article", "doc._.pl_quotes", "doc._.pl_entities"],
    default_config={"model_path": None},
)
def make_framing(nlp: Language, name: str, model_path: str | None) -> Any:
    make_docs, lemma_docs = _pattern_makers(nlp)
    rules = FramingRules(nlp.vocab, make_docs, lemma_docs)
    path = model_path or os.environ.get(ENV_MODEL) or None
    if path:
        from ..train.framing import load_framing_model

        rules.model = load_framing_model(path)

    def component(doc: Doc) -> Doc:
        doc._.pl_framing = find_framing(doc, rules)
        doc._.pl_framing_summary = framing_summary(doc, doc._.pl_framing)
        return doc

    component.rules = rules  # type: ignore[attr-defined]  # for find_framing(doc, rules) outside the pipe
    return component


def use_framing_model(nlp: Language, path: str) -> None:
    """Rebuild the framing component of a loaded pipeline with a trained model (``analyze --framing-model``)."""
    from ..train.framing import load_framing_model

    load_framing_model(path)  # fail early (PL090) with a clear message
    if "presslens_framing" in nlp.pipe_names:
        nlp.replace_pipe("presslens_framing", "presslens_framing", config={"model_path": path})
    else:
        nlp.add_pipe("presslens_framing", last=True, config={"model_path": path})
