"""Corpus-level entity keys: the same label and normalised canonical name, in any article, same entity."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from hashlib import sha1

from ..extract.entities.names import strip_possessive, strip_the
from ..extract.entities.namewords import name_words


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


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """The search key of a name: its words as their transliteration keys (issue 11's rules, ``names.
    translit_key`` through ``NameWords.word_key``), without diacritics, possessives, 'the' or spaced particles,
    so that spellings of one name share a key: "Ismail Haniya" = "Ismail Haniyeh", "al-Nakhalah" = "Nakhala"."""
    s = unicodedata.normalize("NFKC", name or "").strip()
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    words = [w.strip(".\"“”()") for w in re.split(r"[\s,]+", strip_possessive(strip_the(s)))]
    particles = name_words().particles
    kept = [w for w in words if w and not (w.casefold() in particles and len(words) > 1)]
    return " ".join(k for k in map(_word_key, kept) if k)


@lru_cache(maxsize=65_536)
def _word_key(word: str) -> str:
    return name_words().word_key(word)
