"""The words of numeric claims (``data/claim_nouns.json``), loaded once: ``claim_words()``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...data import load


@dataclass(frozen=True)
class ClaimWords:
    """What the claims extractor reads (``data/claim_nouns.json``'s ``about`` says what each table is for)."""

    categories: dict[str, dict[str, frozenset[str]]]  # category -> {"nouns", "verbs", "adjectives"}, in order
    qualifiers: dict[str, str]
    vague: list[tuple[str, float]]  # vague plurals and the least they imply, longest first
    vague_first: frozenset[str]
    word_numbers: dict[str, int]
    multipliers: dict[str, float]
    currencies: dict[str, str]
    percent_words: frozenset[str]
    part_of_cues: frozenset[str]
    source_verbs: frozenset[str]
    not_counts: frozenset[str]
    units: frozenset[str]
    number_words: frozenset[str]  # words that can start a number group (a cheap test before reading one)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ClaimWords:
        vague = sorted(((k, float(v)) for k, v in data["vague"].items()), key=lambda kv: -len(kv[0]))
        vague_first = frozenset(k.split()[0] for k, _ in vague)
        return cls(
            categories={str(cat): {f: frozenset(words) for f, words in entry.items()} for cat, entry in data["categories"].items()},
            qualifiers=dict(data["qualifiers"]),
            vague=vague,
            vague_first=vague_first,
            word_numbers=dict(data["word_numbers"]),
            multipliers=dict(data["multipliers"]),
            currencies=dict(data["currencies"]),
            percent_words=frozenset(data["percent_words"]),
            part_of_cues=frozenset(data["part_of_cues"]),
            source_verbs=frozenset(data["source_verbs"]),
            not_counts=frozenset(data["not_counts"]),
            units=frozenset(data["units"]),
            number_words=frozenset(data["word_numbers"]) | vague_first | {"a", "an"},
        )

    def category_of(self, word: str, field: str) -> str | None:
        """The first category whose ``field`` (nouns, verbs, adjectives) holds ``word``."""
        for cat, entry in self.categories.items():
            if word in entry[field]:
                return cat
        return None


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    """The package's claim words (``data/claim_nouns.json``), loaded on first use."""
    return ClaimWords.from_data(load("claim_nouns.json"))
