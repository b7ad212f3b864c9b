"""Norwegian working days: Monday to Friday, except public holidays (*helligdager*).

Fixed holidays: 1 January, 1 May, 17 May, 25 and 26 December. Easter-dependent ones: Maundy
Thursday, Good Friday, Easter Sunday and Monday, Ascension Day (39 days after Easter), Whit Sunday
and Whit Monday (49 and 50 days after). Easter Sunday is computed with the anonymous Gregorian
algorithm (Meeus/Jones/Butcher), which refines Gauss's method and holds for every Gregorian year.
Christmas Eve and New Year's Eve are not public holidays, so they count as working days.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

FIXED_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Første nyttårsdag"),
    (5, 1, "Arbeidernes dag"),
    (5, 17, "Grunnlovsdag"),
    (12, 25, "Første juledag"),
    (12, 26, "Andre juledag"),
)
# Days relative to Easter Sunday.
EASTER_HOLIDAYS: tuple[tuple[int, str], ...] = (
    (-3, "Skjærtorsdag"),
    (-2, "Langfredag"),
    (0, "Første påskedag"),
    (1, "Andre påskedag"),
    (39, "Kristi himmelfartsdag"),
    (49, "Første pinsedag"),
    (50, "Andre pinsedag"),
)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def public_holidays(year: int) -> dict[dt.date, str]:
    """Norway's public holidays in ``year``, date → name."""
    holidays = {dt.date(year, month, day): name for month, day, name in FIXED_HOLIDAYS}
    easter = easter_sunday(year)
    holidays.update({easter + dt.timedelta(days=offset): name for offset, name in EASTER_HOLIDAYS})
    return holidays


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``)."""
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
