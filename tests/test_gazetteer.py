"""extract/entities/gazetteer.py and its data files: places.json, demonyms.json (every entry loaded and checked)."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import pytest

from presslens.extract.entities.gazetteer import countries, country_names, gazetteer, place_key

GAZ = gazetteer()

CODE = re.compile(r"^[A-Z]{2}$")
KINDS = {"country", "territory", "region", "city", "district", "facility"}


def data(name: str) -> dict[str, Any]:
    return dict(json.loads(resources.files("presslens").joinpath(f"data/{name}").read_text(encoding="utf-8")))


def test_every_curated_place_is_well_formed() -> None:
    places = data("places.json")["places"]
    assert len(places) >= 20
    seen: dict[str, str] = {}
    for p in places:
        assert p["name"] and p["kind"] in KINDS, p
        assert CODE.match(p["country"]), p
        countries = p.get("countries") or [p["country"]]
        assert countries[0] == p["country"] and all(CODE.match(c) for c in countries), p
        lat, lon = p["coordinates"]
        assert -90 <= lat <= 90 and -180 <= lon <= 180, p
        for alias in [p["name"], *p.get("aliases", [])]:
            key = place_key(alias)
            assert seen.get(key, p["name"]) == p["name"], f"{alias!r} names both {seen[key]} and {p['name']}"
            seen[key] = p["name"]
            assert GAZ.lookup_place(alias) is not None and GAZ.lookup_place(alias)["name"] == p["name"], alias  # type: ignore[index]


def test_every_demonym_has_a_country_code() -> None:
    table = data("demonyms.json")["demonyms"]
    assert len(table) >= 150
    for word, code in table.items():
        assert CODE.match(code), word
        assert GAZ.demonym_country(word) == code


def test_demonym_plural_and_unknown() -> None:
    assert GAZ.demonym_country("Israelis") == "IL"
    assert GAZ.demonym_country("Palestinians") == "PS"
    assert GAZ.demonym_country("Zionist") is None
    assert GAZ.demonym_country("Muslims") is None


def test_likeliest_countries_are_for_events_only() -> None:
    assert GAZ.demonym_country("Korean") is None and GAZ.likeliest_country("Korean") == "KR"
    assert GAZ.demonym_country("Soviet") is None and GAZ.likeliest_country("soviet") == "RU"
    assert GAZ.likeliest_country("Israeli") == "IL"
    for word, code in data("demonyms.json")["likeliest"].items():
        assert code in countries(), word


def test_the_one_countries_loader() -> None:
    assert countries()["NL"]["name"] == country_names()["NL"] == "The Netherlands"
    assert len(country_names()) > 200


def test_curated_wins_over_geonames_and_keeps_claimants() -> None:
    gaza = GAZ.lookup_place("Gaza")
    assert gaza is not None and gaza["name"] == "Gaza Strip" and gaza["country"] == "PS"
    quds = GAZ.lookup_place("al-Quds")
    assert quds is not None and quds["name"] == "Jerusalem"
    assert quds["country"] == "IL" and quds["countries"] == ["IL", "PS"]
    assert GAZ.lookup_place("the West Bank") is not None
    assert GAZ.lookup_place("US") is not None and GAZ.lookup_place("U.S.")["country"] == "US"  # type: ignore[index]


def test_geonames_countries_and_cities() -> None:
    france = GAZ.lookup_place("France")
    assert france is not None and france["kind"] == "country" and france["country"] == "FR"
    tehran = GAZ.lookup_place("Tehran")
    assert tehran is not None and tehran["country"] == "IR" and tehran["coordinates"] is not None
    lat, lon = tehran["coordinates"]
    assert 35 < lat < 36 and 51 < lon < 52
    assert GAZ.lookup_place("Bombay") is not None and GAZ.lookup_place("Bombay")["name"] == "Mumbai"  # type: ignore[index]
    assert GAZ.lookup_place("São Paulo") == GAZ.lookup_place("Sao Paulo")


def test_unknown_names_are_none() -> None:
    assert GAZ.lookup_place("Intifada") is None
    assert GAZ.lookup_place("") is None
    assert GAZ.lookup_places("Nowhereville Upon Nothing") == []


def test_context_picks_the_namesake_in_a_named_country() -> None:
    countries = {p["country"] for p in GAZ.lookup_places("Westminster")}
    assert {"GB", "US"} <= countries
    gb = GAZ.resolve_place("Westminster", {"GB"})
    assert gb is not None and gb["country"] == "GB"
    us = GAZ.resolve_place("Westminster", {"US"})
    assert us is not None and us["country"] == "US"
    # a country is never overridden by context
    georgia = GAZ.resolve_place("Georgia", {"US"})
    assert georgia is not None and georgia["country"] == "GE"


@pytest.mark.parametrize("text", ["homes in Sheikh Jarrah were", "the Gaza Strip.", "in the West Bank,"])
def test_curated_pattern_finds_multiword_places(text: str) -> None:
    assert GAZ.curated_pattern.search(text) is not None


def test_curated_pattern_respects_word_edges() -> None:
    assert GAZ.curated_pattern.search("Sheikh Jarrahville") is None
    assert all(" " in a or "-" in a or a for a in GAZ.curated_aliases)


def test_place_key_folds() -> None:
    assert place_key("The  Gaza\u00a0Strip") == "gaza strip"
    assert place_key("Côte d’Ivoire") == "cote d'ivoire"
