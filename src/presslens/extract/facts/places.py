"""Countries behind words, for event arguments: ``ActorWords`` (``data/event_actors.json``), loaded once by
``event_actors()``.

- ``country_name``: the country a nationality word ("Israeli"), an alias ("US") or a government metonym
  ("Tel Aviv", "the Kremlin") stands for, from ``data/demonyms.json``, ``data/event_actors.json`` and
  GeoNames' country list.
- ``country_ref``: that country as an event argument: the article's entity for it when there is one,
  else its name as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...data import load
from ...record.types import Argument
from ..common import EntityIndex
from ..entities.gazetteer import country_names, gazetteer


@dataclass(frozen=True)
class ActorWords:
    """Who can act in an event, and the countries behind words (``data/event_actors.json``)."""

    country_aliases: dict[str, str | None]
    nationality_names: dict[str, str]
    metonyms: dict[str, str]
    government_nouns: frozenset[str]
    actor_nouns: frozenset[str]
    description_nouns: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ActorWords:
        return cls(
            country_aliases=dict(data["country_aliases"]),
            nationality_names=dict(data["nationality_names"]),
            metonyms=dict(data["metonyms"]),
            government_nouns=frozenset(data["government_nouns"]),
            actor_nouns=frozenset(data["actor_nouns"]),
            description_nouns=frozenset(data["description_nouns"]),
        )

    def country_code(self, name: str | None) -> str | None:
        """The ISO code of a country name (GeoNames spelling or an alias), or None."""
        if not name:
            return None
        low = name.lower()
        low = str(self.country_aliases.get(low, low)).lower()
        return _codes().get(low)

    def country_name(self, text: str, metonyms: bool = False) -> str | None:
        """The country a word or phrase stands for: a nationality (``data/demonyms.json``), an alias, a country
        name, or (``metonyms``) a seat of government."""
        low = text.lower().strip()
        if low.startswith("the ") and low not in self.metonyms and low not in self.country_aliases:
            low = low[4:]
        code = gazetteer().likeliest_country(low)
        name = (self.nationality_names.get(low) or country_names().get(code)) if code else None
        if name:
            return str(name)
        if low in self.country_aliases:
            return self.country_aliases[low]
        if metonyms and low in self.metonyms:
            return self.metonyms[low]
        return _proper_names().get(low)

    def country_ref(self, index: EntityIndex, name: str) -> Argument:
        """An event argument for a country: {entity: the article's GPE entity for it | None, text}."""
        for ent in index.entities:
            if ent.get("label") == "GPE" and self._same_country(ent, name):
                return {"entity": ent["id"], "text": ent["name"]}
        code = self.country_code(name)
        if code:
            for ent in index.entities:
                if ent.get("label") == "GPE" and ent.get("country") == code and ent.get("kind") == "country":
                    return {"entity": ent["id"], "text": ent["name"]}
        display = "Palestine" if name == "Palestinian Territory" else name
        return {"entity": None, "text": display}

    def _same_country(self, ent: dict[str, Any], name: str) -> bool:
        low = name.lower()
        names = {str(ent.get("name", "")).lower()} | {m["text"].lower() for m in ent.get("mentions", [])}
        names |= {str(self.country_aliases.get(n, n)).lower() for n in list(names)}
        names |= {n[4:] for n in names if n.startswith("the ")}
        return low in names


@lru_cache(maxsize=1)
def event_actors() -> ActorWords:
    """The package's actor words (``data/event_actors.json``), loaded on first use."""
    return ActorWords.from_data(load("event_actors.json"))


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Lower-cased English country name (also without a leading 'the') -> ISO 3166 alpha-2."""
    out: dict[str, str] = {}
    for code, name in country_names().items():
        out[name.lower()] = code
        out[name.lower().removeprefix("the ")] = code  # "The Netherlands"
    return out


@lru_cache(maxsize=1)
def _proper_names() -> dict[str, str]:
    """Lower-cased English country name (also without a leading 'the') -> the name as GeoNames spells it."""
    out: dict[str, str] = {}
    for name in country_names().values():
        out[name.lower()] = out[name.lower().removeprefix("the ")] = name
    return out
