"""Story grouping (stories/ and store/stories.py): MinHash near-duplicates and same-event groups across outlets."""

from __future__ import annotations

import pytest

from corpus_articles import shared_corpus
from presslens.store.db import Store
from presslens.store.stories import build_stories, find_links, get_story, list_stories
from presslens.stories.signatures import from_bytes, signatures


def test_signatures_estimate_jaccard():
    a = "The council approved the new budget for roads and schools on Monday after a long debate. " * 3
    b = a.replace("Monday", "Tuesday")
    c = "Wolves have returned to the national park for the first time in decades, biologists said."
    sa, sb, sc = (signatures(t) for t in (a, b, c))
    assert from_bytes(sa[0]).jaccard(from_bytes(sb[0])) > 0.6
    assert from_bytes(sa[0]).jaccard(from_bytes(sc[0])) < 0.2


@pytest.fixture(scope="module")
def store():
    s = Store.open(shared_corpus(), readonly=True)
    yield s
    s.close()


def story_titles(store):
    out = {}
    for s in list_stories(store):
        out[s["id"]] = {a["title"] for a in get_story(store, s["id"])["articles"]}
    return out


@pytest.mark.model
def test_syndicated_copy_is_a_near_duplicate(store):
    by_title = {r["title"]: r["id"] for r in store.query("SELECT id, title FROM articles")}
    a = by_title["Floods kill at least 12 in northern Portugal"]
    b = by_title["Portugal floods leave at least 12 dead"]
    links = {(x, y): kind for x, y, kind, _ in find_links(store)}
    assert links.get((min(a, b), max(a, b))) == "duplicate"


@pytest.mark.model
def test_same_event_across_outlets_is_one_story(store):
    groups = list(story_titles(store).values())
    floods = next(g for g in groups if "Floods kill at least 12 in northern Portugal" in g)
    assert {"Portugal floods leave at least 12 dead", "Death toll rises as Braga counts the cost of the floods"} <= floods
    assert "Porto beat Benfica in the Lisbon derby" not in floods
    in_any = set().union(*groups)
    assert "Wolves return to the Peneda-Geres park" not in in_any
    flood_story = next(s for s in list_stories(store) if s["title"] in floods)
    assert flood_story["n_outlets"] == 3 and flood_story["kind"] == "event"


@pytest.mark.model
def test_rebuild_is_stable(tmp_path):
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(shared_corpus(), db)
    with Store.open(db) as s:
        before = story_titles(s)
        counts = build_stories(s)
        assert counts["stories"] == len(before)
        assert story_titles(s) == before
