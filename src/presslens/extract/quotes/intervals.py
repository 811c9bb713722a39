"""Character ranges looked up by overlap in about log time (issue 13): the merge compares each learned
attribution with the rule quotes and the attributions kept before it, and a content with the quoted
stretches around it, without comparing all pairs."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters two (start, end) ranges share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


class Intervals:
    """(start, end) ranges, each known by the order it was added in, sorted by start with the running
    largest end, so that the ones overlapping a range are found by a bisection and a walk back that stops
    where no earlier range reaches the range's start."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._rows: list[tuple[int, int, int]] = []  # (start, end, number), sorted
        self._starts: list[int] = []
        self._reach: list[int] = []  # the largest end of the rows up to here
        self._n = 0
        for r in ranges:
            self.add(r)

    def __len__(self) -> int:
        return self._n

    def add(self, r: tuple[int, int]) -> int:
        """Keep a range; returns its number (0, 1, ... in the order of adding)."""
        row = (r[0], r[1], self._n)
        self._n += 1
        if not self._rows or row >= self._rows[-1]:
            self._rows.append(row)
            self._starts.append(row[0])
            self._reach.append(max(row[1], self._reach[-1] if self._reach else row[1]))
            return row[2]
        k = bisect.bisect_left(self._rows, row)
        self._rows.insert(k, row)
        self._starts.insert(k, row[0])
        self._reach[k:] = []
        for s_e_n in self._rows[k:]:
            self._reach.append(max(s_e_n[1], self._reach[-1] if self._reach else s_e_n[1]))
        return row[2]

    def overlapping(self, r: tuple[int, int]) -> list[int]:
        """The numbers of the ranges that share at least one character with ``r``, in the order of adding."""
        start, end = r
        j = bisect.bisect_left(self._starts, end)
        out = []
        while j > 0:
            j -= 1
            if self._reach[j] <= start:
                break
            s, e, n = self._rows[j]
            if overlap((s, e), r) > 0:
                out.append(n)
        out.sort()
        return out

    def any_overlap(self, r: tuple[int, int]) -> bool:
        return bool(self.overlapping(r))
