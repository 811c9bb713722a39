"""The registered presslens components: thin wrappers, one per extractor, over the pure functions of
``extract/`` (and ``structure.blocks``). Each has a typed default config whose data are named by versioned
registered functions (``registry``), says what it requires and assigns (checked by ``nlp.analyze_pipes``),
and stores its result on the Doc.

A component reads ``doc._.pl_article`` (the structured article ``make_doc`` puts on the Doc) when it is there
and falls back to the Doc's own text when it is not, so the article is not among what they require.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.entities.entities import entities_or_fallback
from ..extract.entities.gazetteer import Gazetteer
from ..extract.entities.namewords import NameWords
from ..extract.entities.partof import link_part_of
from ..extract.facts.claims import find_claims
from ..extract.facts.claimvalues import ClaimWords
from ..extract.facts.dates import find_dates
from ..extract.facts.datewords import DateWords
from ..extract.facts.events import find_events
from ..extract.facts.places import ActorWords
from ..extract.facts.triggers import Triggers
from ..extract.framing.framing import find_framing, framing_summary
from ..extract.framing.lexicon import FramingRules, pattern_makers
from ..extract.framing.model import load_framing_model
from ..extract.quotes import learned  # noqa: F401  (registers presslens_attribution, the learned stage)
from ..extract.quotes.cues import Cues
from ..extract.quotes.merge import MERGE_REPLACE, MERGE_THRESHOLD, merge_quotes
from ..extract.quotes.quotes import find_quotes
from ..structure.blocks import mark_block_sentences
from . import registry  # noqa: F401  (registers the presslens.*.v1 functions the configs name)

Component = Callable[[Doc], Doc]


def storing(attr: str, find: Callable[..., Any], *data: Any) -> Component:
    """A component that stores ``find(doc, *data)`` in ``doc._.<attr>``."""

    def component(doc: Doc) -> Doc:
        setattr(doc._, attr, find(doc, *data))
        return doc

    return component


@Language.factory("presslens_blocks", assigns=["token.is_sent_start"], requires=[], default_config={})
def make_blocks(nlp: Language, name: str) -> Component:
    """Sentence starts at block starts (before the parser): a title or a caption never runs into the body."""
    return mark_block_sentences


@Language.factory(
    "presslens_entities",
    assigns=["doc._.pl_entities"],
    requires=["doc.ents", "token.dep"],
    default_config={"words": {"@misc": "presslens.entity_words.v1"}, "gazetteer": {"@misc": "presslens.gazetteer.v1"}},
)
def make_entities(nlp: Language, name: str, words: NameWords, gazetteer: Gazetteer) -> Component:
    """Entities with canonical names, titles and countries; places inside places (``part_of``)."""

    def component(doc: Doc) -> Doc:
        doc._.pl_entities = entities_or_fallback(doc, words, gazetteer)
        link_part_of(doc, words)
        return doc

    return component


@Language.factory(
    "presslens_quotes",
    assigns=["doc._.pl_quotes"],
    requires=["doc._.pl_entities", "token.dep"],
    default_config={"cues": {"@misc": "presslens.cues.v1"}},
)
def make_quotes(nlp: Language, name: str, cues: Cues) -> Component:
    """Who said what: direct, mixed and indirect quotes with resolved speakers. Where the merge with the
    learned attributions runs after it, the rules' context is kept for the merge (``quotes.KEPT``)."""

    def component(doc: Doc) -> Doc:
        doc._.pl_quotes = find_quotes(doc, cues, keep="presslens_quote_merge" in nlp.pipe_names)
        return doc

    return component


@Language.factory(
    "presslens_quote_merge",
    assigns=["doc._.pl_quotes"],
    requires=["doc._.pl_quotes", "doc._.pl_attributions", "token.dep"],
    default_config={"cues": {"@misc": "presslens.cues.v1"}, "threshold": MERGE_THRESHOLD, "confirm": None,
                    "replace": MERGE_REPLACE},
)
def make_quote_merge(nlp: Language, name: str, cues: Cues, threshold: float | None, confirm: float | None,
                     replace: float | None) -> Component:
    """The quotes the record reads: the learned attributions (``presslens_attribution``, after the rules)
    merged with the rules' quotes. Cue probabilities: ``threshold`` (None: the model's own), ``confirm`` (a
    rule quote confirms an attribution down to it), ``replace`` (an attribution overlapping rule quotes it
    does not match replaces them from it up); the defaults are selected on PolNeAR dev."""
    return storing("pl_quotes", merge_quotes, cues, threshold, confirm, replace)


@Language.factory(
    "presslens_dates",
    assigns=["doc._.pl_dates"],
    requires=["doc.ents", "token.dep"],
    default_config={"words": {"@misc": "presslens.date_words.v1"}},
)
def make_dates(nlp: Language, name: str, words: DateWords) -> Component:
    """Temporal expressions of the body, resolved against the publication date."""
    return storing("pl_dates", find_dates, words)


@Language.factory(
    "presslens_claims",
    assigns=["doc._.pl_claims"],
    requires=["doc._.pl_entities", "doc._.pl_quotes", "doc._.pl_dates", "token.dep"],
    default_config={"words": {"@misc": "presslens.claim_words.v1"}},
)
def make_claims(nlp: Language, name: str, words: ClaimWords) -> Component:
    """Numeric claims: how many of what, qualified how, on whose authority."""
    return storing("pl_claims", find_claims, words)


@Language.factory(
    "presslens_events",
    assigns=["doc._.pl_events"],
    requires=["doc._.pl_entities", "doc._.pl_quotes", "doc._.pl_dates", "token.dep"],
    default_config={"triggers": {"@misc": "presslens.event_triggers.v1"}, "actors": {"@misc": "presslens.event_actors.v1"}},
)
def make_events(nlp: Language, name: str, triggers: Triggers, actors: ActorWords) -> Component:
    """PLOVER events: who did what to whom, when and where."""
    return storing("pl_events", find_events, triggers, actors)


@Language.factory(
    "presslens_framing",
    assigns=["doc._.pl_framing", "doc._.pl_framing_summary"],
    requires=["doc._.pl_quotes", "doc._.pl_entities"],
    default_config={
        "lexicon": {"@misc": "presslens.loaded_terms.v1"},
        "general": {"@misc": "presslens.general_loaded.v1"},
        "techniques": {"@misc": "presslens.techniques.v1"},
        "model_path": None,
    },
)
def make_framing(
    nlp: Language, name: str, lexicon: dict[str, Any], general: dict[str, Any], techniques: dict[str, Any],
    model_path: str | None,
) -> Component:
    """Loaded wording, referents and persuasion techniques, by voice; ``model_path``: a span categoriser
    trained with ``presslens train framing``, used beside the rules (PL090 when it is not one)."""
    make_docs, lemma_docs = pattern_makers(nlp)
    rules = FramingRules(nlp.vocab, make_docs, lemma_docs, lexicon, general, techniques)
    if model_path:
        rules.model = load_framing_model(model_path)

    def component(doc: Doc) -> Doc:
        doc._.pl_framing = find_framing(doc, rules)
        doc._.pl_framing_summary = framing_summary(doc, doc._.pl_framing)
        return doc

    component.rules = rules  # type: ignore[attr-defined]  # for find_framing(doc, rules) outside the pipe
    return component
