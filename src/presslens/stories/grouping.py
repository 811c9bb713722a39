"""Story grouping: which articles are linked, and the stories their links make. Pure: no database.

- near-duplicates: Jaccard similarity of word 3-gram shingles, found with MinHash LSH at ``dup_threshold``;
- same event: similar vocabulary (Jaccard of content-word sets, LSH at ``event_threshold``) *and* at least
  ``min_shared`` named entities in common (the caller leaves an outlet's own name out) *and*, when both
  articles are dated, publication within ``window_days`` of each other.

Linked articles are grouped by connected components; each group of two or more is a story, whose id is a
hash of its sorted article ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from hashlib import sha1
from typing import Any

from datasketch import MinHash, MinHashLSH

from .signatures import NUM_PERM

# labels of the entities that count as "named" when two articles are compared
NAMED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")

# (article a, article b, "duplicate" | "event", similarity), a < b
Link = tuple[str, str, str, float]


@dataclass
class StoryOptions:
    dup_threshold: float = 0.7
    event_threshold: float = 0.2
    min_shared: int = 2
    window_days: int = 3


@dataclass
class Signed:
    """One article as grouping sees it: its two signatures, its day and its named entities."""

    id: str
    shingles: MinHash
    words: MinHash
    day: date | None
    entities: frozenset[str]


@dataclass
class Story:
    id: str
    kind: str  # "duplicate" when every link is a near-duplicate, else "event"
    title: str
    size: int
    n_outlets: int
    first_published: str | None
    last_published: str | None
    articles: list[str]


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


def _same_event(a: Signed, b: Signed, opt: StoryOptions) -> float | None:
    """The vocabulary similarity of two articles when they tell the same event, else None."""
    sim = a.words.jaccard(b.words)
    if sim < opt.event_threshold or len(a.entities & b.entities) < opt.min_shared:
        return None
    if a.day and b.day and abs((a.day - b.day).days) > opt.window_days:
        return None
    return float(sim)


def find_links(articles: Sequence[Signed], options: StoryOptions | None = None) -> list[Link]:
    """Every linked pair of ``articles``, sorted."""
    opt = options or StoryOptions()
    if len(articles) < 2:
        return []
    by_id = {a.id: a for a in articles}
    dup_lsh = MinHashLSH(threshold=opt.dup_threshold, num_perm=NUM_PERM)
    ev_lsh = MinHashLSH(threshold=opt.event_threshold, num_perm=NUM_PERM)
    for a in by_id.values():
        dup_lsh.insert(a.id, a.shingles)
        ev_lsh.insert(a.id, a.words)
    links: dict[tuple[str, str], tuple[str, float]] = {}
    for a in by_id.values():
        for other in dup_lsh.query(a.shingles):
            if other <= a.id:
                continue
            sim = a.shingles.jaccard(by_id[other].shingles)
            if sim >= opt.dup_threshold:
                links[(a.id, other)] = ("duplicate", sim)
        for other in ev_lsh.query(a.words):
            if other <= a.id or (a.id, other) in links:
                continue
            found = _same_event(a, by_id[other], opt)
            if found is not None:
                links[(a.id, other)] = ("event", found)
    return [(a, b, kind, sim) for (a, b), (kind, sim) in sorted(links.items())]


def group_stories(links: Iterable[Link], meta: Mapping[str, Mapping[str, Any]]) -> list[Story]:
    """The stories the links make. ``meta`` gives each article's ``id``, ``title``, ``outlet``, ``published``."""
    links = list(links)
    uf = _UnionFind()
    for a, b, _kind, _ in links:
        uf.union(a, b)
    groups: dict[str, list[str]] = {}
    kinds: dict[str, set[str]] = {}
    for a, b, kind, _ in links:
        for x in (a, b):
            root = uf.find(x)
            if x not in groups.setdefault(root, []):
                groups[root].append(x)
        kinds.setdefault(uf.find(a), set()).add(kind)
    stories = []
    for root, ids in groups.items():
        ids.sort()
        rows = [meta[i] for i in ids if i in meta]
        dated = sorted(r["published"] for r in rows if r["published"])
        first = min(rows, key=lambda r: (r["published"] is None, r["published"] or "", r["id"]))
        stories.append(Story(
            id="s" + sha1("|".join(ids).encode("utf-8")).hexdigest()[:12],
            kind="duplicate" if kinds.get(root) == {"duplicate"} else "event",
            title=first["title"],
            size=len(ids),
            n_outlets=len({r["outlet"] or "" for r in rows}),
            first_published=dated[0] if dated else None,
            last_published=dated[-1] if dated else None,
            articles=ids,
        ))
    return stories
