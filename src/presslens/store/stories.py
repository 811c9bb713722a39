"""Stories in the corpus: loading what grouping needs, rebuilding the stories, and reading them back.

The grouping itself (``presslens.stories``) is pure; this module holds its SQL. ``build_stories`` reads the
stored signatures (no text is re-read), the named entities and the dates of every signed article, groups them
outside any transaction, and hands the stories to ``Store.replace_stories``, which writes them in one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..readers.timefmt import iso_day
from ..stories.grouping import NAMED_LABELS, Link, Signed, StoryOptions, group_stories
from ..stories.grouping import find_links as link_articles
from ..stories.signatures import from_bytes
from .names import normalise_name

if TYPE_CHECKING:
    from .db import Store

STORY_COLUMNS = "id, kind, title, size, n_outlets, first_published, last_published"


def signed_articles(store: Store) -> list[Signed]:
    """Every signed article with its signatures, day and named entities (an outlet's own name left out: its
    masthead line is shared by all its articles and says nothing of the event)."""
    rows = store.query(
        "SELECT s.article_id, s.shingles, s.words, a.published FROM signatures s JOIN articles a ON a.id = s.article_id"
    )
    if len(rows) < 2:
        return []
    marks = ",".join("?" * len(NAMED_LABELS))
    outlets = {normalise_name(r[0]) for r in store.query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")}
    ents: dict[str, set[str]] = {}
    for r in store.query(
        f"SELECT article_id, entity_id, name FROM article_entities WHERE label IN ({marks})", NAMED_LABELS
    ):
        if normalise_name(r[2]) not in outlets:
            ents.setdefault(r[0], set()).add(r[1])
    return [
        Signed(r[0], from_bytes(r[1]), from_bytes(r[2]), iso_day(r[3]), frozenset(ents.get(r[0], ()))) for r in rows
    ]


def find_links(store: Store, options: StoryOptions | None = None) -> list[Link]:
    """(article a, article b, "duplicate"|"event", similarity) for every linked pair of the corpus, a < b."""
    return link_articles(signed_articles(store), options)


def build_stories(store: Store, options: StoryOptions | None = None) -> dict[str, int]:
    """Recompute every story from the stored signatures; return counts."""
    links = find_links(store, options)
    meta = {
        r["id"]: dict(r)
        for r in store.query("SELECT id, title, outlet, published FROM articles WHERE id IN (SELECT article_id FROM signatures)")
    }
    stories = group_stories(links, meta)
    store.replace_stories(
        [(s.id, s.kind, s.title, s.size, s.n_outlets, s.first_published, s.last_published) for s in stories],
        [(s.id, i) for s in stories for i in s.articles],
    )
    return {
        "stories": len(stories),
        "duplicate_links": sum(1 for link in links if link[2] == "duplicate"),
        "event_links": sum(1 for link in links if link[2] == "event"),
    }


def list_stories(store: Store, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    rows = store.query(
        f"SELECT {STORY_COLUMNS} FROM stories "
        "ORDER BY n_outlets DESC, size DESC, first_published DESC, id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [dict(r) for r in rows]


def story_listing(store: Store) -> list[dict[str, Any]]:
    """Every story as ``presslens stories`` lists it: id, title, first, last, outlets (names), articles (count),
    the stories with most outlets first."""
    outlets: dict[str, list[str]] = {}
    for r in store.query(
        "SELECT DISTINCT sa.story_id, coalesce(a.outlet, '') FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "ORDER BY 1, 2"
    ):
        outlets.setdefault(r[0], []).append(r[1] or "(unknown outlet)")
    return [
        {"id": s["id"], "title": s["title"], "first": s["first_published"], "last": s["last_published"],
         "outlets": outlets.get(s["id"], []), "articles": s["size"], "kind": s["kind"]}
        for s in list_stories(store, limit=-1)
    ]


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story with its articles (oldest first)."""
    rows = store.query(f"SELECT {STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,))
    if not rows:
        return None
    story = dict(rows[0])
    story["articles"] = [
        dict(r)
        for r in store.query(
            "SELECT a.id, a.title, a.outlet, a.published, a.n_words FROM story_articles sa JOIN articles a "
            "ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, a.outlet, a.id",
            (story_id,),
        )
    ]
    return story


def stories_of(store: Store, article_id: str) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT s.id, s.kind, s.title, s.size, s.n_outlets FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
            "WHERE sa.article_id = ?",
            (article_id,),
        )
    ]
