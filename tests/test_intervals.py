"""The overlap look-up the merge and the quote rules use instead of comparing all pairs (issue 13):
``extract/common.py``'s ``Intervals`` finds exactly what a comparison with every range finds."""

from __future__ import annotations

import random

from presslens.extract.common import Intervals


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def brute(ranges: list[tuple[int, int]], r: tuple[int, int]) -> list[int]:
    return [i for i, x in enumerate(ranges) if overlap(x, r) > 0]


def test_the_look_up_finds_what_all_pairs_find_in_the_order_of_adding() -> None:
    rng = random.Random(13)
    for _ in range(50):
        ranges = []
        index = Intervals()
        for _ in range(rng.randint(0, 40)):
            s = rng.randint(0, 300)
            r = (s, s + rng.choice([0, 1, 3, 10, 40, 200]))  # empty, short, long ranges, added out of order
            ranges.append(r)
            assert index.add(r) == len(ranges) - 1
        assert len(index) == len(ranges)
        for _ in range(30):
            s = rng.randint(-5, 320)
            q = (s, s + rng.choice([0, 1, 5, 50]))
            assert index.overlapping(q) == brute(ranges, q)
            assert index.any_overlap(q) == bool(brute(ranges, q))


def test_offsets_held_and_ranges_started_after_adding() -> None:
    index = Intervals([(10, 20)])
    index.add((0, 30))
    index.add((15, 16))
    assert index.holding(15) == [0, 1, 2] and index.holding(25) == [1] and index.starting_in(10, 16) == [0, 2]


def test_touching_ranges_share_nothing() -> None:
    index = Intervals([(0, 5), (5, 9), (2, 2)])
    assert index.overlapping((5, 6)) == [1]
    assert index.overlapping((4, 5)) == [0]
    assert index.overlapping((2, 3)) == [0]
    assert not index.any_overlap((9, 12))
