"""MinHash signatures of an article, as bytes for the store's ``signatures`` table.

Two signatures per article, both of ``NUM_PERM`` 64-bit values (datasketch, ``affine32`` scheme, seed 1):
word 3-gram shingles (near-duplicates: Jaccard of shingle sets) and content words (same event: Jaccard of
vocabularies; words of more than two letters, not all digits, not in ``data/story_stopwords.json``). The
text signed is the article's body (paragraphs and captions), or its whole text when it has no body block.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from datasketch import MinHash

from ..record.types import BODY_KINDS

NUM_PERM = 64
SHINGLE = 3
SCHEME = "affine32"
WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The words of ``data/story_stopwords.json``, loaded once."""
    text = resources.files("presslens").joinpath("data/story_stopwords.json").read_text(encoding="utf-8")
    return frozenset(json.loads(text)["words"])


@lru_cache(maxsize=1)
def _permutations() -> Any:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _minhash(tokens: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=_permutations(), scheme=SCHEME)
    if tokens:
        m.update_batch([t.encode("utf-8") for t in tokens])
    return m


def signatures(text: str) -> tuple[bytes, bytes]:
    """(shingle signature, content-word signature) of a text."""
    words = [w for w in WORD.findall(text.casefold())]
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}
    stop = stopwords()
    content = {w for w in words if len(w) > 2 and w not in stop and not w.isdigit()}
    return (
        _minhash(shingles).hashvalues.astype(np.uint64).tobytes(),
        _minhash(content).hashvalues.astype(np.uint64).tobytes(),
    )


def article_signatures(article: Mapping[str, Any]) -> tuple[bytes, bytes]:
    """The signatures of a record's ``article``: of its body blocks, else of its whole text."""
    text = str(article["text"])
    body = "\n\n".join(text[b["start"] : b["end"]] for b in article.get("blocks") or [] if b["kind"] in BODY_KINDS)
    return signatures(body or text)


def from_bytes(blob: bytes) -> MinHash:
    """A signature read back from the store."""
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=np.frombuffer(blob, dtype=np.uint64).copy(),
                   permutations=_permutations(), scheme=SCHEME)
