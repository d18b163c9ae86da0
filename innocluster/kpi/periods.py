"""A reporting period of the KPI (SPEC C9): a year (`2026`) or a quarter (`2026-Q3`), with its
days and the due date of its report — the 15th working day after a quarter ends, the 30th after a
year ends (`core.calendar`, overrides included)."""

import datetime as dt
import re
from dataclasses import dataclass

from innocluster.core import calendar

QUARTER_REPORT_WORKING_DAYS = 15
YEAR_REPORT_WORKING_DAYS = 30
FIRST_YEAR, LAST_YEAR = 2000, 2100
PATTERN = re.compile(r"^(?P<year>[0-9]{4})(?:-[Qq](?P<quarter>[1-4]))?$")  # ASCII digits only


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None  # None: the whole year

    def __lt__(self, other: "Period") -> bool:
        """By year; a year before its own quarters."""
        return (self.year, self.quarter or 0) < (other.year, other.quarter or 0)

    @classmethod
    def parse(cls, text) -> "Period":
        """`2026` or `2026-Q3` (`q` too); anything else is a ValueError saying what is expected."""
        match = PATTERN.match(str(text or "").strip())
        if match is None:
            raise ValueError("A period is a year (2026) or a quarter (2026-Q3).")
        year = int(match["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"A period's year is between {FIRST_YEAR} and {LAST_YEAR}.")
        return cls(year, int(match["quarter"]) if match["quarter"] else None)

    @property
    def kind(self) -> str:
        return "year" if self.quarter is None else "quarter"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> dt.date:
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.quarter + 1, 1) - dt.timedelta(days=1)

    @property
    def due(self) -> dt.date:
        """The last day a report on time may be submitted."""
        days = YEAR_REPORT_WORKING_DAYS if self.quarter is None else QUARTER_REPORT_WORKING_DAYS
        return calendar.add_working_days(self.last_day, days)

    def quarters(self) -> list["Period"]:
        return [self] if self.quarter else [Period(self.year, q) for q in range(1, 5)]

    def __str__(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}-Q{self.quarter}"
