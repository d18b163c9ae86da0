"""The Russian production calendar: `holidays.RU` (federal holidays and the Government's yearly
transfer decrees) corrected by the administrator's `CalendarOverride` rows.

"Within N working days" of a date means the Nth working day after it; the date itself never
counts (SPEC §3)."""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

FIRST_YEAR, LAST_YEAR = 1992, 2100
_MAX_WORKING_DAYS = 2000  # about eight years: more is an input error, not a deadline


@lru_cache(maxsize=1)
def _russian_calendar() -> holidays.HolidayBase:
    # Years are filled in lazily by the library as dates are looked up.
    return holidays.RU()


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    from innocluster.core.models import CalendarOverride

    return dict(CalendarOverride.objects.filter(date__range=(start, end)).values_list("date", "is_working"))


def _check_year(day: dt.date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"the calendar covers {FIRST_YEAR}-{LAST_YEAR}")


def _is_working(day: dt.date, overrides: dict[dt.date, bool]) -> bool:
    if day in overrides:
        return overrides[day]
    return _russian_calendar().is_working_day(day)


def is_working_day(day: dt.date) -> bool:
    _check_year(day)
    return _is_working(day, _overrides(day, day))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The Nth working day after `start` (`start` itself does not count). n = 0 gives `start`
    when it is a working day, else the next working day."""
    if n < 0 or n > _MAX_WORKING_DAYS:
        raise ValueError(f"working days must be between 0 and {_MAX_WORKING_DAYS}")
    _check_year(start)
    horizon = start + dt.timedelta(days=n * 2 + 40)
    overrides = _overrides(start, horizon)
    day = start
    if n == 0:
        while not _is_working(day, overrides):
            day += dt.timedelta(days=1)
        return day
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if day > horizon:  # only with very long runs of overridden days off
            horizon = day + dt.timedelta(days=n * 2 + 40)
            overrides = _overrides(day, horizon)
        if _is_working(day, overrides):
            counted += 1
    _check_year(day)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    overrides = _overrides(start, end)
    return sum(_is_working(start + dt.timedelta(days=i), overrides) for i in range(1, (end - start).days + 1))


def working_days_between_many(spans: list[tuple[dt.date, dt.date]]) -> list[int]:
    """`working_days_between` for each (start, end) pair, with one query for the overrides of all
    of them (a catalogue's statistics over hundreds of answers)."""
    if not spans:
        return []
    overrides = _overrides(min(s for s, _e in spans), max(e for _s, e in spans))
    return [
        sum(_is_working(start + dt.timedelta(days=i), overrides) for i in range(1, (end - start).days + 1))
        if end > start
        else 0
        for start, end in spans
    ]


@dataclass(frozen=True)
class YearSummary:
    year: int
    working_days: int
    non_working_days: list[dt.date]  # Monday-Friday days off
    working_weekends: list[dt.date]  # Saturdays and Sundays that are working days


def year_summary(year: int) -> YearSummary:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    _check_year(first)
    overrides = _overrides(first, last)
    working, days_off, weekends = 0, [], []
    day = first
    while day <= last:
        is_working = _is_working(day, overrides)
        working += is_working
        if day.weekday() < 5 and not is_working:
            days_off.append(day)
        elif day.weekday() >= 5 and is_working:
            weekends.append(day)
        day += dt.timedelta(days=1)
    return YearSummary(year, working, days_off, weekends)
