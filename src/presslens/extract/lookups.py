"""Look-ups by bisection instead of walks: the character offsets of a Doc's tokens (``TokenOffsets``) and
character ranges that hold an offset or a span (``Intervals``). Re-exported by ``extract.common``."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc


class TokenOffsets:
    """The character offsets of a Doc's tokens, for look-ups by bisection instead of a walk over the Doc."""

    def __init__(self, doc: Doc) -> None:
        self.count = len(doc)
        offsets = doc.to_array([IDX, LENGTH])  # one array from the Doc's C data: no Token object per token
        self.starts = offsets[:, 0].tolist() if self.count else []
        self.ends = (offsets[:, 0] + offsets[:, 1]).tolist() if self.count else []

    def first_ending_after(self, char: int) -> int:
        """The index of the first token that ends after ``char`` (``len(doc)`` when none does)."""
        return bisect.bisect_right(self.ends, char)

    def last_starting_before(self, char: int) -> int:
        """The index of the last token that starts before ``char`` (-1 when none does)."""
        return bisect.bisect_left(self.starts, char) - 1

    def starting_in(self, start: int, end: int) -> tuple[int, int]:
        """The token range [i, j) of the tokens that start in [start, end)."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)


_OFFSETS: WeakKeyDictionary[Doc, TokenOffsets] = WeakKeyDictionary()


def token_offsets(doc: Doc) -> TokenOffsets:
    """The token offsets of a Doc: built on first use (the tokens of a Doc never change after tokenising)."""
    found = _OFFSETS.get(doc)
    if found is None or found.count != len(doc):
        found = _OFFSETS[doc] = TokenOffsets(doc)
    return found


class Intervals:
    """Character ranges [start, end), for "which of them hold this offset" or "which overlap this range" without
    a walk over all of them: sorted by start, only those starting less than the longest range's length before the
    offset are looked at. Ranges can be added (``add``; cheapest in order of start, as the quote merge adds them)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self.rows = sorted((int(s), int(e), k) for k, (s, e) in enumerate(ranges))
        self.starts = [r[0] for r in self.rows]
        self.longest = max((e - s for s, e, _ in self.rows), default=0)

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, r: tuple[int, int]) -> int:
        """Keep one more range; its position is the number of ranges before it."""
        row = (int(r[0]), int(r[1]), len(self.rows))
        k = len(self.rows) if not self.rows or row >= self.rows[-1] else bisect.bisect_left(self.rows, row)
        self.rows.insert(k, row)
        self.starts.insert(k, row[0])
        self.longest = max(self.longest, row[1] - row[0])
        return row[2]

    def holding(self, offset: int) -> list[int]:
        """The positions (in the order given) of the ranges that hold ``offset``, in increasing order."""
        return self.overlapping((offset, offset + 1))

    def within(self, start: int, end: int) -> bool:
        """Whether one range holds all of [start, end) (``s <= start and end <= e``)."""
        i = bisect.bisect_right(self.starts, start)
        while i > 0:
            i -= 1
            s, e, _ = self.rows[i]
            if s + self.longest < end:
                return False
            if end <= e:
                return True
        return False

    def holds(self, offset: int) -> bool:
        """Whether any range holds ``offset``."""
        return bool(self.holding(offset))

    def overlapping(self, r: tuple[int, int]) -> list[int]:
        """The positions (in the order given) of the ranges that share a character with ``r``, in increasing order."""
        start, end = r
        out = []
        i = bisect.bisect_left(self.starts, end)
        while i > 0:
            i -= 1
            s, e, k = self.rows[i]
            if s + self.longest <= start:
                break
            if min(e, end) - max(s, start) > 0:
                out.append(k)
        return sorted(out)

    def any_overlap(self, r: tuple[int, int]) -> bool:
        return bool(self.overlapping(r))

    def starting_in(self, start: int, end: int) -> list[int]:
        """The positions (in the order given) of the ranges that start in [start, end), in increasing order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return sorted(r[2] for r in self.rows[lo:hi])
