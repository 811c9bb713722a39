"""The words of numeric claims (``data/claim_nouns.json``), loaded once: ``claim_words()``.

The tables (``about`` in the file says what each is for) are read by ``claimvalues`` (numbers, qualifiers,
what is not a claim), ``claimcats`` (categories from nouns, verbs and frames) and ``claimsource`` (reporting
verbs, words that cannot be a source).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...data import load


@dataclass(frozen=True)
class ClaimWords:
    """The claim tables of ``data/claim_nouns.json`` as loaded (read-only)."""

    tables: dict[str, Any]


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    """The package's claim words (``data/claim_nouns.json``), loaded on first use."""
    return ClaimWords(load("claim_nouns.json"))
