"""The look-ups that replace walks (issue 13) give what the walks gave: Intervals.within against a scan of
the ranges, and the misspelling look-up of person clusters against ``is_typo_of`` over every surname."""

from __future__ import annotations

import random

from presslens.extract.entities.clusters import Cluster, FullNames
from presslens.extract.entities.mentions import Ment
from presslens.extract.entities.names import is_typo_of
from presslens.extract.lookups import Intervals


def test_within_is_the_scan_of_the_ranges() -> None:
    rng = random.Random(13)
    for _ in range(50):
        ranges = [(s, s + rng.randint(0, 40)) for s in (rng.randint(0, 300) for _ in range(rng.randint(0, 12)))]
        index = Intervals(ranges)
        for _ in range(100):
            start = rng.randint(-5, 350)
            end = start + rng.randint(0, 30)
            assert index.within(start, end) == any(s <= start and end <= e for s, e in ranges), (ranges, start, end)


def _person(surname: str) -> Cluster:
    m = Ment(0, 1, 0, 1, "PERSON", f"Ann {surname}", name_words=["Ann", surname])
    return Cluster([m], "PERSON", surname)


def test_misspellings_are_the_surnames_within_the_edits() -> None:
    rng = random.Random(7)
    letters = "aeiklmnorst"
    surnames = ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(300)]
    people = [_person(s) for s in surnames]
    fulls = FullNames(people)
    words = [*surnames[:100], *("".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(200))]
    found = 0
    for word in words:  # a word, and the same word with a letter left out, changed or added
        for probe in (word, word[:2] + word[3:], word[:1] + "x" + word[2:], word + "s"):
            want = {id(c) for c in people if is_typo_of(probe, c.surname)}
            assert {id(c) for c in fulls.typos_of(probe)} == want, probe
            found += bool(want)
    assert found > 50  # the probes do find misspellings
