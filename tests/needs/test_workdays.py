"""Norwegian working days: weekends and public holidays, Easter by the anonymous Gregorian algorithm."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.needs.workdays import (
    add_working_days,
    easter_sunday,
    is_working_day,
    public_holidays,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1961, D(1961, 4, 2)),
        (2000, D(2000, 4, 23)),
        (2008, D(2008, 3, 23)),
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2038, D(2038, 4, 25)),
        (2285, D(2285, 3, 22)),
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_public_holidays_2026():
    assert sorted(public_holidays(2026)) == [
        D(2026, 1, 1),
        D(2026, 4, 2),  # skjærtorsdag
        D(2026, 4, 3),  # langfredag
        D(2026, 4, 5),
        D(2026, 4, 6),  # andre påskedag
        D(2026, 5, 1),
        D(2026, 5, 14),  # Kristi himmelfart
        D(2026, 5, 17),
        D(2026, 5, 24),
        D(2026, 5, 25),  # andre pinsedag
        D(2026, 12, 25),
        D(2026, 12, 26),
    ]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 3, 31), True),  # tuesday in holy week
        (D(2026, 4, 2), False),
        (D(2026, 4, 6), False),
        (D(2026, 5, 18), True),  # the monday after 17 May (a sunday in 2026)
        (D(2026, 12, 24), True),  # christmas eve is not a public holiday
        (D(2026, 11, 28), False),  # saturday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_add_working_days_skips_easter_and_weekends():
    # Wednesday 1 April 2026 + 1 working day: Thursday, Friday (holidays), the weekend and Easter Monday
    # are skipped, so the next working day is Tuesday 7 April.
    assert add_working_days(D(2026, 4, 1), 1) == D(2026, 4, 7)
    assert add_working_days(D(2026, 11, 23), 10) == D(2026, 12, 7)


def test_working_days_between_counts_end_not_start():
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 23)) == 0
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 23)) == 1  # friday → monday
    assert working_days_between(D(2026, 12, 21), D(2027, 1, 4)) == 8  # christmas and new year off
