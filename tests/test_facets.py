"""store/facets.py on a real SQLite corpus of invented articles (tests/workspace_corpus.py): every facet
counts the matching articles only, follows the filters, keeps its top N, and places get coordinates."""

from __future__ import annotations

import pytest

from presslens.errors import PresslensError
from presslens.store.db import Store
from presslens.store.facets import centroid, facets
from presslens.store.search import Filters, QueryLimits, search
from workspace_corpus import HOSTILE_OUTLET, build


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = build(tmp_path_factory.mktemp("facets") / "corpus.db")
    with Store.open(db, readonly=True) as s:
        yield s


def values(items):
    return [(i["value"], i["n"]) for i in items]


def test_facets_count_the_matching_articles_only(store):
    f = facets(store, "ceasefire")
    assert f["total"] == 4  # the budget article (a5) does not match
    assert values(f["outlets"]) == [("North Star", 2), ("South Wire", 2)]
    assert [(s["value"], s["n"], s["quotes"]) for s in f["speakers"]] == [("Amina Sow", 2, 2), ("Bo Lind", 1, 1)]
    assert values(f["entities"]) == [("Amina Sow", 2), ("Bo Lind", 1), ("Harbour Union", 1)]
    assert values(f["events"]) == [("AGREE", 2), ("REJECT", 1)]
    assert f["terms"] == {
        "narrator": [{"value": "regime", "n": 2, "articles": 2}],
        "quoted": [{"value": "martyrs", "n": 1, "articles": 1}],
    }


def test_places_carry_the_records_coordinates_or_their_countrys_centroid(store):
    places = {p["value"]: p for p in facets(store, "ceasefire")["places"]}
    assert places["Cairo"]["n"] == 3 and places["Paris"]["n"] == 1
    assert places["Cairo"]["coordinates"] == [30.0626, 31.2497]  # as the analysis resolved it
    lat, lon = places["France"]["coordinates"]  # a country: its centroid from data/world.json
    assert 44 < lat < 49 and 0 < lon < 5
    assert places["Atlantis"]["coordinates"] is None
    assert centroid("EG") is not None and centroid(None) is None and centroid("XX") is None


def test_date_histogram_is_by_day_for_a_short_span_and_by_month_for_a_long_one(store):
    long = facets(store, "ceasefire")["dates"]
    assert long["unit"] == "month"
    assert values(long["bins"]) == [("2024-01", 2), ("2024-03", 1), ("2024-09", 1)]
    short = facets(store, "ceasefire", Filters(date_to="2024-03-31"))["dates"]
    assert short["unit"] == "day"
    assert values(short["bins"]) == [("2024-01-05", 1), ("2024-01-06", 1), ("2024-03-20", 1)]
    everything = facets(store, "")
    assert everything["total"] == 5 and everything["dates"]["undated"] == 1


def test_timeline_has_the_bins_of_each_outlet(store):
    rows = {r["outlet"]: values(r["bins"]) for r in facets(store, "ceasefire")["timeline"]}
    assert rows == {"North Star": [("2024-01", 2)], "South Wire": [("2024-03", 1), ("2024-09", 1)]}


def test_facets_follow_the_filters(store):
    f = facets(store, "ceasefire", Filters(speaker="Bo Lind"))
    assert f["total"] == 1 and values(f["outlets"]) == [("South Wire", 1)]
    assert [p["value"] for p in f["places"]] == ["Atlantis", "Paris"]
    f = facets(store, "", Filters(outlet="north star", event_type="REJECT"))
    assert f["total"] == 1 and values(f["events"]) == [("REJECT", 1)]
    f = facets(store, "ceasefire -regime")
    assert f["total"] == 2 and f["terms"] == {}


def test_top_n_bounds_each_facet(store):
    f = facets(store, "ceasefire", top=1)
    assert len(f["outlets"]) == 1 and len(f["speakers"]) == 1 and len(f["events"]) == 1
    assert all(len(v) <= 1 for v in f["terms"].values())


def test_hostile_values_are_data_and_bad_queries_are_coded(store):
    f = facets(store, "budget")
    assert values(f["outlets"]) == [(HOSTILE_OUTLET, 1)]
    assert facets(store, "", Filters(outlet="x' OR 1=1 --"))["total"] == 0
    with pytest.raises(PresslensError) as err:
        facets(store, "war " * 40, limits=QueryLimits(max_terms=8))
    assert err.value.code == "PL050"


def test_row_facets_count_the_best_matches_only_and_say_so(store):
    whole = facets(store, "ceasefire")
    assert whole["sample"] == whole["total"] == 4
    best = facets(store, "ceasefire", sample=1)
    assert best["total"] == 4 and best["sample"] == 1
    assert values(best["outlets"]) == [("North Star", 2), ("South Wire", 2)]  # every match
    assert [s["value"] for s in best["speakers"]] == ["Amina Sow"]  # the best match's (a1 or a2) only
    # a1 and a2 both have the word in their title (folded: cease-fire is ceasefire); either is the best match,
    # and only its one event is counted
    top = search(store, "ceasefire", limit=1)[0][0].id
    assert values(best["events"]) == [({"a1": "AGREE", "a2": "REJECT"}[top], 1)]
    newest = facets(store, "", sample=1)  # without a query: the newest match
    assert [p["value"] for p in newest["places"]] == ["Cairo"] and newest["entities"] == []
