"""Where a place entity is, as GDELT writes locations (GKG ``V1LOCATIONS``/``V2ENHANCEDLOCATIONS``, the Events'
``*Geo_*`` columns): type, full name, FIPS 10-4 country code, ADM1 code, latitude, longitude, feature id.

Types as the GKG codebook: 1 country, 2 US state, 3 US city or landmark, 4 world city or landmark, 5 world
state or region (Scotland, Wales, Karnataka). The place comes from the gazetteer (extract/entities/gazetteer.py)
under the entity's country; ADM1 is ``FIPS country + state`` for the US, ``FIPS country + GeoNames admin1``
where GeoNames' admin1 code is FIPS-numbered (most countries), the country's FIPS code for a country, else
empty. The feature id is the FIPS code for a country, the state code for a US state, the GeoNames id for a
city (GDELT uses GNS/GNIS ids there), empty for a region. An entity with no country (Europe, Africa) is no
location. A city abroad in an article whose other places are elsewhere gives way to a namesake in the
article's country (Westminster); a small one with none there is no location (Somerset, US; Broadmoor, Canada).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..extract.entities.gazetteer import Place, gazetteer
from .tables import cities, countries, us_states

PLACE_LABELS = {"GPE", "LOC", "FAC"}
SMALL_TOWN = 100_000  # a foreign namesake smaller than this, in an article about elsewhere, is no location


@dataclass(frozen=True)
class Geo:
    type: int
    name: str
    country: str
    adm1: str
    lat: str
    lon: str
    feature: str


def _coord(value: Any) -> str:
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def main_country(record: dict[str, Any], skip: str | None = None) -> str | None:
    """The ISO country most of the record's place entities (but ``skip``) are in."""
    found = Counter(
        str(e["country"]) for e in record.get("entities") or []
        if e.get("label") in PLACE_LABELS and e.get("country") and e.get("id") != skip
    )
    return found.most_common(1)[0][0] if found else None


def _place(ent: dict[str, Any], home: str | None) -> tuple[str, Place | None] | None:
    """(ISO country, gazetteer place) of the entity, or None when it is no reliable location."""
    iso = str(ent.get("country") or "")
    if not iso or iso not in countries():
        return None
    found = gazetteer().lookup_places(str(ent["name"]))
    same = [p for p in found if p["country"] == iso]
    place = same[0] if same else None
    if home and iso != home and (place is None or (place["kind"] in {"city", "district"} and place["source"] != "curated")):
        local = next((p for p in found if p["country"] == home), None)
        if local is not None:
            return home, local
        city = cities().get((str(ent["name"]).casefold(), iso))
        if int((city or {}).get("population") or 0) < SMALL_TOWN:
            return None
    return iso, place


def _kind(name: str, iso: str, place: Place | None) -> str:
    country = countries()[iso]
    if name.casefold() == str(country["name"]).casefold() or (place is not None and place["kind"] == "country"):
        return "country"
    if place is None:
        return "city"
    if place["kind"] == "territory":
        return "country" if place["name"].casefold() == str(country["name"]).casefold() else "region"
    if place["kind"] in {"region", "admin1"}:
        return "region"
    return "city"


def entity_geo(record: dict[str, Any], ent: dict[str, Any]) -> Geo | None:
    """The GDELT location of a place entity of ``record``, or None."""
    if ent.get("label") not in PLACE_LABELS:
        return None
    found = _place(ent, main_country(record, skip=ent.get("id")))
    if found is None:
        return None
    iso, place = found
    country = countries()[iso]
    fips, cname = str(country.get("fips") or ""), str(country["name"])
    name = place["name"] if place is not None else str(ent["name"])
    kind = _kind(name, iso, place)
    coords = ent.get("coordinates") if iso == ent.get("country") else None
    coords = coords or (place["coordinates"] if place else None)
    lat, lon = (_coord(coords[0]), _coord(coords[1])) if coords else ("", "")
    if kind == "country":
        return Geo(1, cname, fips, fips, lat, lon, fips)
    if kind == "region":
        state = us_states().get(name.casefold()) if iso == "US" else None
        if state:
            return Geo(2, f"{name}, {cname}", fips, f"US{state['code']}", lat, lon, str(state["code"]))
        return Geo(5, f"{name}, {cname}", fips, "", lat, lon, "")
    city = cities().get((name.casefold(), iso))
    if city and not coords:
        lat, lon = _coord(city["latitude"]), _coord(city["longitude"])
    admin = str((city or {}).get("admin1code") or "")
    feature = str((city or {}).get("geonameid") or "")
    if iso == "US":
        state = next((s for s in us_states().values() if s["code"] == admin), None)
        full = f"{name}, {state['name']}, {cname}" if state else f"{name}, {cname}"
        return Geo(3, full, fips, f"US{admin}" if state else "", lat, lon, feature)
    adm1 = f"{fips}{admin}" if admin.isdigit() and len(admin) == 2 else ""
    return Geo(4, f"{name}, {cname}", fips, adm1, lat, lon, feature)
