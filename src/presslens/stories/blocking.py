"""Candidate pairs for story grouping, near-linear in the number of articles: no pair is looked at unless the
two articles share a blocking key.

- near-duplicates: MinHash LSH over word 3-gram shingles (band keys of the signature);
- same vocabulary: MinHash LSH over content words;
- same actors: each article's ``top_entities`` rarest named entities (an entity in one article only, or in
  more than ``max_df`` of the corpus, tells nothing), every pair of them a key; within a key's block the
  articles are taken in date order and each is paired with at most ``neighbours`` of the next ones that
  fall within the date window, so a block as large as the corpus costs ``neighbours`` pairs an article.

The caller scores the candidates (``grouping``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import combinations
from typing import TYPE_CHECKING

from datasketch import MinHashLSH

from .signatures import NUM_PERM

if TYPE_CHECKING:
    from .grouping import Signed, StoryOptions

Pair = tuple[str, str]


def lsh_pairs(articles: Sequence[Signed], threshold: float, attr: str) -> Iterator[Pair]:
    """(a, b), a < b, for the articles whose ``attr`` signatures share an LSH band at ``threshold``."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for a in articles:
        lsh.insert(a.id, getattr(a, attr))
    for a in articles:
        for other in lsh.query(getattr(a, attr)):
            if other > a.id:
                yield a.id, other


def document_frequency(articles: Sequence[Signed]) -> dict[str, int]:
    df: dict[str, int] = defaultdict(int)
    for a in articles:
        for e in a.entities:
            df[e] += 1
    return df


def entity_keys(a: Signed, df: dict[str, int], opt: StoryOptions, n: int) -> list[tuple[str, str]]:
    """The blocking keys of an article: pairs of its rarest telling entities."""
    cap = max(2, int(opt.max_df * n))
    telling = sorted((e for e in a.entities if 2 <= df.get(e, 0) <= cap), key=lambda e: (df[e], e))
    top = sorted(telling[: opt.top_entities])
    if len(top) == 1:
        return [(top[0], "")]
    return list(combinations(top, 2))


def _ordinal(d: date | None) -> int | None:
    return d.toordinal() if d else None


def entity_pairs(articles: Sequence[Signed], df: dict[str, int], opt: StoryOptions) -> Iterator[Pair]:
    """(a, b), a < b, for articles that share an entity-pair key and fall within the date window."""
    blocks: dict[tuple[str, str], list[Signed]] = defaultdict(list)
    n = len(articles)
    for a in articles:
        for key in entity_keys(a, df, opt, n):
            blocks[key].append(a)
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda a: (a.day is None, _ordinal(a.day) or 0, a.id))
        for i, a in enumerate(members):
            da = _ordinal(a.day)
            for b in members[i + 1 : i + 1 + opt.neighbours]:
                db = _ordinal(b.day)
                if da is not None and db is not None and db - da > opt.window_days:
                    break
                yield (a.id, b.id) if a.id < b.id else (b.id, a.id)
