"""readers.timefmt: publication times as ISO 8601."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest

from presslens.readers.timefmt import format_datetime, iso_published


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2023-03-14T09:30:00+01:00", "2023-03-14T09:30+01:00"),
        ("2021-05-22T08:13:00Z", "2021-05-22T08:13+00:00"),
        ("2021-05-22T08:13:07", "2021-05-22T08:13:07"),
        ("2021-05-22 08:13", "2021-05-22T08:13"),
        ("2021-05-22", "2021-05-22"),
        ("20210522", "2021-05-22"),
        ("Tue, 14 Mar 2023 08:30:00 GMT", "2023-03-14T08:30+00:00"),
        ("Tue, 14 Mar 2023 08:30:15 +0530", "2023-03-14T08:30:15+05:30"),
        (time.struct_time((2024, 4, 9, 5, 45, 0, 1, 100, 0)), "2024-04-09T05:45"),
        (date(2020, 1, 2), "2020-01-02"),
        (datetime(2020, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=-5))), "2020-01-02T03:04-05:00"),
    ],
)
def test_iso_published(value: object, iso: str) -> None:
    assert iso_published(value) == iso


@pytest.mark.parametrize("value", [None, "", "yesterday", "2023-02-30", "99999999999999999", "x" * 100])
def test_not_a_date(value: object) -> None:
    assert iso_published(value) is None


def test_seconds_only_when_not_zero() -> None:
    assert format_datetime(datetime(2021, 5, 22, 8, 13)) == "2021-05-22T08:13"
    assert format_datetime(datetime(2021, 5, 22, 8, 13, 9)) == "2021-05-22T08:13:09"
