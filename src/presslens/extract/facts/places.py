"""Countries behind words, for event arguments.

- ``country_name``: the country a nationality word ("Israeli"), an alias ("US") or a government metonym
  ("Tel Aviv", "the Kremlin") stands for, from ``data/demonyms.json``, ``data/event_actors.json`` and GeoNames' country list.
- ``country_ref``: that country as an event argument: the article's entity for it when there is one,
  else its name as text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...data import load
from ..common import EntityIndex
from ..entities.gazetteer import country_names, likeliest_country


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


def country_code(name: str | None) -> str | None:
    """The ISO code of a country name (GeoNames spelling or an alias), or None."""
    if not name:
        return None
    low = name.lower()
    aliases = load("event_actors.json")["country_aliases"]
    low = str(aliases.get(low, low)).lower()
    return _codes().get(low)


def country_name(text: str, metonyms: bool = False) -> str | None:
    """The country a word or phrase stands for: a nationality (``data/demonyms.json``), an alias, a country
    name, or (``metonyms``) a seat of government."""
    data = load("event_actors.json")
    low = text.lower().strip()
    if low.startswith("the ") and low not in data["metonyms"] and low not in data["country_aliases"]:
        low = low[4:]
    code = likeliest_country(low)
    name = (data["nationality_names"].get(low) or country_names().get(code)) if code else None
    if name:
        return str(name)
    if low in data["country_aliases"]:
        return data["country_aliases"][low]  # type: ignore[no-any-return]
    if metonyms and low in data["metonyms"]:
        return data["metonyms"][low]  # type: ignore[no-any-return]
    return _proper_names().get(low)


def _same_country(ent: dict[str, Any], name: str) -> bool:
    low = name.lower()
    data = load("event_actors.json")
    names = {str(ent.get("name", "")).lower()} | {m["text"].lower() for m in ent.get("mentions", [])}
    names |= {str(data["country_aliases"].get(n, n)).lower() for n in list(names)}
    names |= {n[4:] for n in names if n.startswith("the ")}
    return low in names


def country_ref(index: EntityIndex, name: str) -> dict[str, Any]:
    """An event argument for a country: {entity: the article's GPE entity for it | None, text}."""
    for ent in index.entities:
        if ent.get("label") == "GPE" and _same_country(ent, name):
            return {"entity": ent["id"], "text": ent["name"]}
    code = country_code(name)
    if code:
        for ent in index.entities:
            if ent.get("label") == "GPE" and ent.get("country") == code and ent.get("kind") == "country":
                return {"entity": ent["id"], "text": ent["name"]}
    display = "Palestine" if name == "Palestinian Territory" else name
    return {"entity": None, "text": display}
