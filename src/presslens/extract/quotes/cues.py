"""The cue lexicon (``data/cues.json``): the words quote attribution reads, loaded once and checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...data import load

LIST_KEYS = ("participial", "unreliable_subjects", "according_to", "nominal", "anonymous", "roles", "turn_markers",
             "prep_content", "direct_only", "adjectives", "abbreviations", "time_prepositions", "title_rubrics",
             "not_cues", "clause_only", "not_cue_phrases", "non_agents", "quantifiers", "occasions", "no_object",
             "raising", "won_objects", "in_sources", "order_nouns", "armed_acts", "armed_subjects", "physical_targets", "media",
             "topic_preps", "turn_rubrics", "consequences", "object_control", "manners", "figure_acts",
             "measures", "agent_acts", "speaker_nouns", "agent_nouns", "authored")
KINDS = frozenset({"speech", "assert", "tell", "write", "report", "ask", "cognition"})


@dataclass(frozen=True)
class Cues:
    """The lexicon: ``verbs`` maps a cue verb's lemma to its kind; every list is a frozenset of lower-case words
    (``data/cues.json``'s ``about`` says what each one is for)."""

    verbs: dict[str, str]
    participial: frozenset[str]
    unreliable_subjects: frozenset[str]
    according_to: frozenset[str]
    nominal: frozenset[str]
    anonymous: frozenset[str]
    roles: frozenset[str]
    turn_markers: frozenset[str]
    prep_content: frozenset[str]
    direct_only: frozenset[str]
    adjectives: frozenset[str]
    abbreviations: frozenset[str]
    time_prepositions: frozenset[str]
    title_rubrics: frozenset[str]
    not_cues: frozenset[str]
    clause_only: frozenset[str]
    not_cue_phrases: frozenset[str]
    non_agents: frozenset[str]
    quantifiers: frozenset[str]
    occasions: frozenset[str]
    no_object: frozenset[str]
    raising: frozenset[str]
    won_objects: frozenset[str]
    in_sources: frozenset[str]
    order_nouns: frozenset[str]
    armed_acts: frozenset[str]
    armed_subjects: frozenset[str]
    physical_targets: frozenset[str]
    media: frozenset[str]
    topic_preps: frozenset[str]
    turn_rubrics: frozenset[str]
    consequences: frozenset[str]
    object_control: frozenset[str]
    manners: frozenset[str]
    figure_acts: frozenset[str]
    measures: frozenset[str]
    agent_acts: frozenset[str]
    speaker_nouns: frozenset[str]
    agent_nouns: frozenset[str]
    authored: frozenset[str]

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> Cues:
        check_cues(raw)
        lists = {key: frozenset(str(x).lower() for x in raw[key]) for key in LIST_KEYS}
        return cls(verbs={str(k).lower(): str(v) for k, v in raw["verbs"].items()}, **lists)

    def kind(self, lemma: str) -> str | None:
        """The kind of a cue verb (speech, assert, tell, ...), or None when the lemma cues nothing."""
        return self.verbs.get(lemma)


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The package's lexicon (``data/cues.json``), loaded on first use."""
    return Cues.from_data(load("cues.json"))


def check_cues(raw: dict[str, Any]) -> None:
    """Raise ValueError when the lexicon is malformed (unknown kind, missing list, empty entry)."""
    if not isinstance(raw.get("verbs"), dict) or not raw["verbs"]:
        raise ValueError("cues.json: 'verbs' must be a non-empty object of lemma -> kind")
    bad = {k: v for k, v in raw["verbs"].items() if v not in KINDS or not str(k).strip()}
    if bad:
        raise ValueError(f"cues.json: unknown verb kinds {bad}; use one of {sorted(KINDS)}")
    for key in LIST_KEYS:
        if not isinstance(raw.get(key), list) or not all(isinstance(x, str) and x.strip() for x in raw[key]):
            raise ValueError(f"cues.json: {key!r} must be a list of non-empty strings")
    both = sorted(set(raw["verbs"]) & set(raw["not_cues"]))
    if both:
        raise ValueError(f"cues.json: {both} are both cue verbs and not_cues; remove them from one of the two")
    for key in ("clause_only", "no_object", "raising", "armed_acts"):
        stray = sorted(set(raw[key]) - set(raw["verbs"]))
        if stray:
            raise ValueError(f"cues.json: {key} {stray} are not cue verbs; add them to 'verbs' or drop them")
    odd = [p for p in raw["not_cue_phrases"] if len(p.split()) != 2]
    if odd:
        raise ValueError(f"cues.json: not_cue_phrases {odd} must each be a verb lemma and a preposition ('add to')")
