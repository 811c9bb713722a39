"""`presslens stories` (text and JSON), stories rebuilt from the store after an ingest that stopped before its
stories were built (by a rerun of the ingest, or `stories --rebuild`), and grouping of same-event articles of
different lengths and wording (pure grouping on signatures)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_articles import ARTICLES, shared_corpus, write_corpus
from presslens.cli import cli
from presslens.store.db import Store
from presslens.stories.grouping import Signed, find_links, group_stories
from presslens.stories.signatures import from_bytes, signatures

FLOOD_TITLES = {"Floods kill at least 12 in northern Portugal", "Portugal floods leave at least 12 dead",
                "Death toll rises as Braga counts the cost of the floods"}


def listing(db: Path, *extra: str) -> list[dict]:
    res = CliRunner().invoke(cli, ["stories", "--db", str(db), "--format", "json", *extra])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)  # type: ignore[no-any-return]


@pytest.mark.model
def test_stories_lists_json_and_text(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    shutil.copy(shared_corpus(), db)
    stories = listing(db)
    assert stories and all({"id", "title", "first", "last", "outlets", "articles"} <= s.keys() for s in stories)
    flood = next(s for s in stories if s["title"] in FLOOD_TITLES)
    assert flood["articles"] >= 3 and {"Daily Ledger", "Coastal Wire", "The Morning Post"} <= set(flood["outlets"])
    assert flood["first"] <= flood["last"]
    res = CliRunner().invoke(cli, ["stories", "--db", str(db)])
    assert res.exit_code == 0 and flood["id"] in res.stdout and "Coastal Wire" in res.stdout
    cmp = CliRunner().invoke(cli, ["compare", "--story", flood["id"], "--db", str(db), "--format", "json"])
    assert cmp.exit_code == 0, cmp.output
    assert json.loads(cmp.stdout)["n_articles"] == flood["articles"]


@pytest.mark.model
def test_interrupted_ingest_is_made_whole_by_a_rerun_and_by_rebuild(tmp_path: Path) -> None:
    from presslens.ingest import ingest

    folder = tmp_path / "articles"
    write_corpus(folder, ARTICLES)
    db = tmp_path / "c.db"
    # an ingest killed after its last batch was stored, before the stories were built
    ingest([str(folder)], db, progress=False, build_story_groups=False)
    assert listing(db) == []
    rebuilt = listing(db, "--rebuild")
    assert any(s["title"] in FLOOD_TITLES for s in rebuilt)
    with Store.open(db) as store:
        store.replace_stories([], [])
    summary = ingest([str(folder)], db, progress=False)
    assert summary.stored == 0 and summary.present == len(ARTICLES)
    assert [s["id"] for s in listing(db)] == [s["id"] for s in rebuilt]


def _signed(aid: str, text: str, day: date, entities: set[str]) -> Signed:
    shingles, words = signatures(text)
    return Signed(aid, from_bytes(shingles), from_bytes(words), day, frozenset(entities))


def test_same_event_of_different_lengths_days_apart_is_one_story() -> None:
    base = ("rescuers pulled survivors from collapsed buildings after the earthquake struck the border provinces "
            "overnight while aftershocks rattled shelters and hospitals filled with injured families")
    long_text = base + " " + " ".join(f"detail{i} district{i} convoy{i}" for i in range(60))
    other = ("the central bank raised interest rates again citing stubborn inflation and weak currency markets "
             "while exporters warned of slower orders")
    arts = [
        _signed("a1", base, date(2023, 2, 6), {"Turkey", "Syria", "AFAD", "Gaziantep"}),
        _signed("a2", long_text, date(2023, 2, 9), {"Turkey", "Syria", "AFAD", "Hatay"}),
        _signed("a3", other + " Turkey Syria", date(2023, 2, 7), {"Turkey", "Syria", "Central Bank"}),
    ]
    assert arts[0].words.jaccard(arts[1].words) < 0.2  # plain vocabulary similarity would not link them
    links = find_links(arts)
    stories = group_stories(links, {a.id: {"id": a.id, "title": a.id, "outlet": a.id, "published": str(a.day)}
                                    for a in arts})
    assert [s.articles for s in stories] == [["a1", "a2"]]
