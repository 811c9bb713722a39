"""Stories: the same text syndicated or copied (near-duplicates) and the same event told by several outlets.

Two signals, both from MinHash (datasketch) signatures computed when an article is stored:

- near-duplicates: Jaccard similarity of word 3-gram shingles, found with MinHash LSH at ``dup_threshold``;
- same event: similar vocabulary (Jaccard of content-word sets, LSH at ``event_threshold``) *and* at least
  ``min_shared`` named entities in common (an outlet's own name does not count) *and*, when both articles are dated, publication within
  ``window_days`` of each other.

Linked articles are grouped by connected components; each group of two or more is a story. Stories are
rebuilt from the stored signatures (cheap: no text is re-read), in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from hashlib import sha1
from typing import TYPE_CHECKING, Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from .names import normalise_name

if TYPE_CHECKING:
    from .db import Store

NUM_PERM = 64
SHINGLE = 3
WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    """a an the and or but if of in on at to for from by with as is are was were be been being it its this that
    these those he she they we you i his her their our your my him them us me who whom which what when where why
    how not no nor so than too very can will would should could may might must shall do does did has have had
    said says say also more most other some such only own same into over after before about against between
    through during under again further then once here there all any both each few""".split()
)
NAMED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")

SCHEME = "affine32"
_seed_hash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
_PERMUTATIONS = _seed_hash.permutations


def _minhash(tokens: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=_PERMUTATIONS, scheme=SCHEME)
    if tokens:
        m.update_batch([t.encode("utf-8") for t in tokens])
    return m


def signatures(text: str) -> tuple[bytes, bytes]:
    """(shingle signature, content-word signature) of a text, as bytes for the ``signatures`` table."""
    words = [w for w in WORD.findall(text.casefold())]
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}
    content = {w for w in words if len(w) > 2 and w not in STOPWORDS and not w.isdigit()}
    return (
        _minhash(shingles).hashvalues.astype(np.uint64).tobytes(),
        _minhash(content).hashvalues.astype(np.uint64).tobytes(),
    )


def _from_bytes(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=np.frombuffer(blob, dtype=np.uint64).copy(),
                   permutations=_PERMUTATIONS, scheme=SCHEME)


def _day(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@dataclass
class StoryOptions:
    dup_threshold: float = 0.7
    event_threshold: float = 0.2
    min_shared: int = 2
    window_days: int = 3


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_links(store: Store, options: StoryOptions | None = None) -> list[tuple[str, str, str, float]]:
    """(article a, article b, "duplicate"|"event", similarity) for every linked pair, a < b."""
    opt = options or StoryOptions()
    rows = store.query(
        "SELECT s.article_id, s.shingles, s.words, a.published FROM signatures s JOIN articles a ON a.id = s.article_id"
    )
    if len(rows) < 2:
        return []
    marks = ",".join("?" * len(NAMED_LABELS))
    # an outlet's own name (its masthead line) is shared by all its articles: it says nothing of the event
    outlets = {normalise_name(r[0]) for r in store.query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")}
    ents: dict[str, set[str]] = {}
    for r in store.query(
        f"SELECT article_id, entity_id, name FROM article_entities WHERE label IN ({marks})", NAMED_LABELS
    ):
        if normalise_name(r[2]) not in outlets:
            ents.setdefault(r[0], set()).add(r[1])
    shingles = {r[0]: _from_bytes(r[1]) for r in rows}
    words = {r[0]: _from_bytes(r[2]) for r in rows}
    days = {r[0]: _day(r[3]) for r in rows}
    dup_lsh = MinHashLSH(threshold=opt.dup_threshold, num_perm=NUM_PERM)
    ev_lsh = MinHashLSH(threshold=opt.event_threshold, num_perm=NUM_PERM)
    for aid in shingles:
        dup_lsh.insert(aid, shingles[aid])
        ev_lsh.insert(aid, words[aid])
    links: dict[tuple[str, str], tuple[str, float]] = {}
    for aid in shingles:
        for other in dup_lsh.query(shingles[aid]):
            if other <= aid:
                continue
            sim = shingles[aid].jaccard(shingles[other])
            if sim >= opt.dup_threshold:
                links[(aid, other)] = ("duplicate", sim)
        for other in ev_lsh.query(words[aid]):
            if other <= aid or (aid, other) in links:
                continue
            sim = words[aid].jaccard(words[other])
            if sim < opt.event_threshold:
                continue
            if len(ents.get(aid, set()) & ents.get(other, set())) < opt.min_shared:
                continue
            da, db = days[aid], days[other]
            if da and db and abs((da - db).days) > opt.window_days:
                continue
            links[(aid, other)] = ("event", sim)
    return [(a, b, kind, sim) for (a, b), (kind, sim) in sorted(links.items())]


def build_stories(store: Store, options: StoryOptions | None = None) -> dict[str, int]:
    """Recompute every story from the stored signatures; return counts."""
    links = find_links(store, options)
    uf = _UnionFind()
    kinds: dict[str, set[str]] = {}
    for a, b, _kind, _ in links:
        uf.union(a, b)
    groups: dict[str, list[str]] = {}
    for a, b, kind, _ in links:
        for x in (a, b):
            root = uf.find(x)
            if x not in groups.setdefault(root, []):
                groups[root].append(x)
        kinds.setdefault(uf.find(a), set()).add(kind)
    meta = {
        r["id"]: r
        for r in store.query("SELECT id, title, outlet, published FROM articles WHERE id IN (SELECT article_id FROM signatures)")
    }
    stories: list[tuple[Any, ...]] = []
    members: list[tuple[str, str]] = []
    for root, ids in groups.items():
        ids.sort()
        sid = "s" + sha1("|".join(ids).encode("utf-8")).hexdigest()[:12]
        rows = [meta[i] for i in ids if i in meta]
        dated = sorted(r["published"] for r in rows if r["published"])
        first = min(rows, key=lambda r: (r["published"] is None, r["published"] or "", r["id"]))
        outlets = {r["outlet"] or "" for r in rows}
        kind = "duplicate" if kinds.get(root) == {"duplicate"} else "event"
        stories.append(
            (sid, kind, first["title"], len(ids), len(outlets), dated[0] if dated else None, dated[-1] if dated else None)
        )
        members.extend((sid, i) for i in ids)
    with store.transaction() as conn:
        conn.execute("DELETE FROM story_articles")
        conn.execute("DELETE FROM stories")
        conn.executemany(
            "INSERT INTO stories (id, kind, title, size, n_outlets, first_published, last_published) VALUES (?,?,?,?,?,?,?)",
            stories,
        )
        conn.executemany("INSERT INTO story_articles (story_id, article_id) VALUES (?,?)", members)
    return {
        "stories": len(stories),
        "duplicate_links": sum(1 for link in links if link[2] == "duplicate"),
        "event_links": sum(1 for link in links if link[2] == "event"),
    }


def list_stories(store: Store, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT id, kind, title, size, n_outlets, first_published, last_published FROM stories "
        "ORDER BY n_outlets DESC, size DESC, first_published DESC, id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [dict(r) for r in rows]


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story with its articles (oldest first)."""
    rows = store.query(
        "SELECT id, kind, title, size, n_outlets, first_published, last_published FROM stories WHERE id = ?", (story_id,)
    )
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
