import datetime as dt

from django.db import connection
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from pydantic import Field

from innocluster.core import calendar
from innocluster.core.api_schemas import Schema, answers
from innocluster.core.errors import InvalidInput

router = Router(tags=["platform"])


class Health(Schema):
    status: str


@router.get("/health", response=answers({200: Health}), auth=None)
def health(request):
    """`ok` when the platform and its database answer; 503 while the database is away."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok"}


class DeadlineQuery(Schema):
    start: dt.date = Field(description="YYYY-MM-DD, within 1992-2100")
    working_days: int = Field(ge=0, le=2000)


class DeadlineOut(Schema):
    start: dt.date
    working_days: int
    deadline: dt.date


@router.get("/calendar/deadline", response=answers({200: DeadlineOut}), auth=None)
def deadline(request, query: Query[DeadlineQuery]):
    """The Nth working day after `start` (the start day itself does not count)."""
    try:
        result = calendar.add_working_days(query.start, query.working_days)
    except ValueError as exc:
        raise InvalidInput(_("The calendar covers the years 1992 to 2100."), field="start") from exc
    return {"start": query.start, "working_days": query.working_days, "deadline": result}


class YearOut(Schema):
    year: int
    working_days: int
    non_working_days: list[dt.date]
    working_weekends: list[dt.date]


class YearPath(Schema):
    year: int = Field(ge=calendar.FIRST_YEAR, le=calendar.LAST_YEAR)


@router.get("/calendar/year/{year}", response=answers({200: YearOut}), auth=None)
def calendar_year(request, path: Path[YearPath]):
    year = path.year
    if not calendar.FIRST_YEAR <= year <= calendar.LAST_YEAR:
        raise InvalidInput(_("The calendar covers the years 1992 to 2100."), field="year")
    summary = calendar.year_summary(year)
    return {
        "year": summary.year,
        "working_days": summary.working_days,
        "non_working_days": summary.non_working_days,
        "working_weekends": summary.working_weekends,
    }
