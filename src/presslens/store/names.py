"""Corpus-level entity keys: the same label and normalised canonical name, in any article, same entity."""

from __future__ import annotations

import re
import unicodedata
from hashlib import sha1


def normalise_name(name: str) -> str:
    """The key form of a name: NFKC, case-folded, no leading 'the', no possessive, words joined by one space."""
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    s = re.sub(r"[’']s$", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"[^\w]+", " ", s)
    return " ".join(s.split())


def corpus_entity_id(label: str, name: str) -> str:
    """The corpus-level id of an entity ("e" + 12 hex digits), stable across databases."""
    key = f"{label}|{normalise_name(name) or name}"
    return "e" + sha1(key.encode("utf-8")).hexdigest()[:12]
