"""Search (store/search.py): the query translation and FTS5 with filters, on a real corpus file."""

from __future__ import annotations

import re

import pytest

from corpus_articles import shared_corpus
from presslens.errors import PresslensError
from presslens.store.db import Store
from presslens.store.search import Filters, entity_search, fts_query, search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("floods Braga", '("floods" OR "floodsBraga") AND ("Braga" OR "floodsBraga")'),
        ('"heavy rain" Braga', '("heavy rain" OR "heavyrain") AND "Braga"'),
        ("rate*", '"rate"*'),
        ("floods -Braga", '"floods" NOT "Braga"'),
        ("Braga OR Aveiro", '("Braga" OR "Aveiro")'),
        ('foo" OR (', '"foo"'),
        ("NEAR( ) AND", '("NEAR" OR "NEARAND") AND ("AND" OR "NEARAND")'),
        ("'; DROP TABLE", '("DROP" OR "DROPTABLE") AND ("TABLE" OR "DROPTABLE")'),
        ("title:floods", 'title : "floods"'),
        ('quotes:"every village"', 'quotes : ("every village" OR "everyvillage")'),
        ("", ""),
        ("-only", ""),
    ],
)
def test_query_translation_quotes_every_term(query, expected):
    assert fts_query(query) == expected


def test_every_word_reaches_fts5_quoted():
    """Whatever the query, FTS5 sees only quoted strings, the operators we write, and column names."""
    for q in ["'; DROP TABLE articles; --", 'a" OR "b', "NEAR(x y)", "x AND y NOT z", "{title}: x", "x^2 + y"]:
        bare = re.sub(r'"(?:[^"]|"")*"', "", fts_query(q))
        assert set(re.findall(r"[A-Za-z]+", bare)) <= {"AND", "OR", "NOT", "title", "text", "quotes"}, (q, bare)


@pytest.fixture(scope="module")
def store():
    s = Store.open(shared_corpus(), readonly=True)
    yield s
    s.close()


def titles(hits):
    return {h.title for h in hits}


@pytest.mark.model
def test_search_finds_titles_text_and_quotes(store):
    hits, total = search(store, "floods")
    assert total >= 3 and "Floods kill at least 12 in northern Portugal" in titles(hits)
    hits, _ = search(store, "Volta Motors")
    assert titles(hits) == {"Carmaker to open factory in Aveiro with 300 jobs"}
    hits, _ = search(store, '"every village"')  # words of a quote
    assert titles(hits) == {"Minister defends flood response in Braga"}
    assert {"id", "title", "outlet", "published", "snippet", "marks"} <= hits[0].as_dict().keys()
    snippet, marks = hits[0].snippet, hits[0].marks
    assert "[" not in snippet and [snippet[a:b] for a, b in marks] == ["every village"]


@pytest.mark.model
def test_stemming_phrase_prefix_and_exclusion(store):
    assert "Police arrest 40 at Lisbon housing protest" in titles(search(store, "arrested")[0])
    assert titles(search(store, '"heavy rain"')[0]) == {"Floods kill at least 12 in northern Portugal"}
    assert "Wolves return to the Peneda-Geres park" in titles(search(store, "wol*")[0])
    assert "Portugal floods leave at least 12 dead" not in titles(search(store, "floods -torrential")[0])


@pytest.mark.model
def test_filters(store):
    _, n = search(store, "", Filters(outlet="daily ledger"))
    assert n == 4
    hits, n = search(store, "", Filters(date_from="2024-03-01", date_to="2024-03-05"))
    assert n >= 4 and all("2024-03-01" <= (h.published or "") <= "2024-03-05~" for h in hits)
    hits, _ = search(store, "", Filters(entity="Maria Costa"))
    assert titles(hits) >= {"Central bank raises interest rates to 4.5 percent"}
    hits, _ = search(store, "", Filters(speaker="Ana Ribeiro"))
    assert "Minister defends flood response in Braga" in titles(hits)
    hits, _ = search(store, "", Filters(event_type="REQUEST"))
    assert "Minister defends flood response in Braga" in titles(hits)
    hits, n = search(store, "floods", Filters(outlet="The Morning Post"))
    assert n == 1


@pytest.mark.model
def test_hostile_queries_get_a_code_or_results_and_never_write(store):
    before = store.count_articles()
    for q in ["'; DROP TABLE articles; --", 'a" OR "b', "NEAR(", "\x00floods", "title:foo", "{title}: x"]:
        search(store, q)
    for q, code in [("*", "PL130"), ("(((((", "PL130"), ("\x00", "PL130"), ("-floods", "PL131"), ("author:x", "PL132")]:
        with pytest.raises(PresslensError) as err:
            search(store, q)
        assert err.value.code == code, q
    assert store.count_articles() == before


@pytest.mark.model
def test_entity_search_by_prefix(store):
    found = entity_search(store, "Ana Rib")
    assert found and found[0]["name"] == "Ana Ribeiro" and found[0]["n_articles"] >= 3
    assert entity_search(store, "%") == []
