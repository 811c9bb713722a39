"""A query or filter the engine cannot take gets a coded error that says what to do (issue 14), never a silent
empty result: from store/search.py, and as 400 with the code and message from the web API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from presslens.errors import MESSAGES, PresslensError
from presslens.store.db import Store
from presslens.store.search import Filters, check_filters, event_types, search
from presslens.web.app import create_app
from search_articles import search_corpus

pytestmark = pytest.mark.model

BAD_QUERIES = [
    ("*", "PL130", "no word to search for"),
    ("(((", "PL130", "no word to search for"),
    ('"" ** ()', "PL130", "no word to search for"),
    ("-ceasefire", "PL131", "only excludes"),
    ("author:Qadiya", "PL132", "'author'"),
]
BAD_FILTERS = [
    (Filters(date_from="2021-13-45"), "PL133", "'2021-13-45' is not a date"),
    (Filters(date_to="2024-02-30"), "PL133", "'2024-02-30'"),
    (Filters(date_from="yesterday"), "PL133", "YYYY-MM-DD"),
    (Filters(date_from="2024-06-01", date_to="2024-05"), "PL134", "Swap"),
    (Filters(event_type="BOMBING"), "PL135", "ASSAULT"),
    (Filters(sort="newest"), "PL136", "relevance, date"),
]


@pytest.fixture(scope="module")
def store():
    s = Store.open(search_corpus(), readonly=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(search_corpus()), base_url="http://127.0.0.1")


@pytest.mark.parametrize(("query", "code", "says"), BAD_QUERIES)
def test_a_query_without_anything_to_search_is_refused(store, query, code, says):
    with pytest.raises(PresslensError) as err:
        search(store, query)
    assert err.value.code == code and says in err.value.info["message"]
    assert err.value.info["severity"] == "error"
    with pytest.raises(PresslensError):  # with a filter too: the query is not silently dropped
        search(store, query, Filters(outlet="North Ledger"))


@pytest.mark.parametrize(("filters", "code", "says"), BAD_FILTERS)
def test_a_filter_the_engine_cannot_take_is_refused(store, filters, code, says):
    with pytest.raises(PresslensError) as err:
        search(store, "ceasefire", filters)
    assert err.value.code == code and says in err.value.info["message"], err.value.info["message"]


def test_the_unknown_event_type_names_every_plover_type(store):
    with pytest.raises(PresslensError) as err:
        search(store, "", Filters(event_type="BOMBING"))
    assert len(event_types()) == 16 and all(t in err.value.info["message"] for t in event_types())


def test_good_values_pass_and_are_normalised():
    f = check_filters(Filters(date_from="2024", date_to="2024-05-03T09:14", event_type=" agree ", sort="Date"))
    assert (f.date_from, f.date_to, f.event_type, f.sort) == ("2024", "2024-05-03T09:14", "AGREE", "date")
    assert check_filters(Filters(date_from="2024-05-03", date_to="2024-05-03")).date_to == "2024-05-03"


def test_codes_are_in_the_issue_14_range_with_a_remedy():
    for code in (f"PL13{i}" for i in range(8)):
        assert code in MESSAGES and len(MESSAGES[code]) > 60


@pytest.mark.parametrize(("query", "code", "says"), BAD_QUERIES)
def test_api_answers_400_with_the_code_for_a_bad_query(client, query, code, says):
    r = client.get("/api/search", params={"q": query})
    assert r.status_code == 400 and r.json()["code"] == code and says in r.json()["detail"]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"date_from": "2021-13-45"}, "PL133"),
        ({"date_from": "2024-06", "date_to": "2024-05-01"}, "PL134"),
        ({"event_type": "BOMBING"}, "PL135"),
        ({"sort": "newest"}, "PL136"),
    ],
)
def test_api_answers_400_with_the_code_for_a_bad_filter(client, params, code):
    r = client.get("/api/search", params={"q": "ceasefire", **params})
    assert r.status_code == 400 and r.json()["code"] == code, r.json()


def test_api_search_folds_sorts_and_marks(client):
    r = client.get("/api/search", params={"q": "cease-fire", "sort": "date", "speaker": "Youssef Qadiyeh"})
    body = r.json()
    assert r.status_code == 200 and body["total"] == 2 and body["filters"]["sort"] == "date"
    hits = body["hits"]
    assert [h["published"] for h in hits] == ["2024-05-03", "2024-05-02"]
    for h in hits:
        assert h["marks"] and all(h["snippet"][a:b].lower().replace("-", "") == "ceasefire" for a, b in h["marks"])


def test_api_compare_of_a_bad_query_has_its_code(client):
    r = client.get("/api/compare", params={"q": "((("})
    assert r.status_code == 400 and r.json()["code"] == "PL130"
