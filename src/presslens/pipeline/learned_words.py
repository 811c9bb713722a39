"""Frequent words kept across memory zones, so that the tokenizer's cache works for them (issues 11 and 13).

Each batch is analysed inside ``nlp.memory_zone()`` (bounded memory): what spaCy adds there is freed when the
batch ends, and inside a zone the tokenizer caches nothing, so every batch splits and builds the lexemes of
"the", "said," and "government" again (about 4% of spaCy's time on news text). After each batch, outside the
zone, ``learn_words`` tokenises the batch's frequent chunks (white-space separated, seen ``MIN_COUNT`` times or
more, at most ``LONGEST`` characters) once, which makes their lexemes permanent and caches their split; at most
``MOST`` chunks per pipeline in all (a few MiB), so memory stays bounded. Tokenisation is the same with or
without the cache; only its cost changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

MOST = 20_000
MIN_COUNT = 3
LONGEST = 24
_LEARNED: dict[int, set[str]] = {}  # id(vocab) -> the chunks learned for it


def learn_words(nlp: Any, texts: Iterable[str | None]) -> int:
    """Tokenise the texts' frequent chunks not yet learned, outside any memory zone; return how many."""
    if nlp.vocab.in_memory_zone:
        return 0
    learned = _LEARNED.setdefault(id(nlp.vocab), set())
    room = MOST - len(learned)
    if room <= 0:
        return 0
    counts = Counter(w for text in texts if text for w in text.split() if len(w) <= LONGEST)
    new = [w for w, n in counts.most_common() if n >= MIN_COUNT and w not in learned][:room]
    if new:
        nlp.tokenizer(" ".join(new))
        learned.update(new)
    return len(new)
