"""Reads for the review desk, scoped to who asks. Every list is one query plus a count,
whatever the number of rows."""

import datetime as dt
import itertools
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from innocluster.core import audit, calendar
from innocluster.core.models import AuditEvent
from innocluster.reviews.enums import OPEN_STATUSES, REMIND_BEFORE_WORKING_DAYS, ReviewStatus
from innocluster.reviews.models import ReviewCase
from innocluster.reviews.rules import is_supervisor, may_use_desk

BUCKETS = ("overdue", "today", "soon")


def visible_cases(user) -> QuerySet[ReviewCase]:
    """What the desk shows this person: everything to coordinators and administrators; the
    unassigned queue and their own cases to a reviewer, but no draft (rules.handles_case);
    nothing to anyone else."""
    cases = ReviewCase.objects.select_related("organization", "assignee", "applicant")
    if is_supervisor(user):
        return cases
    if may_use_desk(user):
        return cases.filter(Q(assignee__isnull=True) | Q(assignee=user)).exclude(status=ReviewStatus.DRAFT)
    return cases.none()


def bucket_filter(bucket: str, today: dt.date) -> Q:
    if bucket == "overdue":
        return Q(review_due__lt=today)
    if bucket == "today":
        return Q(review_due=today)
    soon = calendar.add_working_days(today, REMIND_BEFORE_WORKING_DAYS)
    return Q(review_due__gt=today, review_due__lte=soon)


def desk_queue(
    user, *, today: dt.date, kind="", status="", assignee="", bucket="", q=""
) -> QuerySet[ReviewCase]:
    cases = visible_cases(user)
    cases = cases.filter(status=status) if status else cases.filter(status__in=OPEN_STATUSES)
    if kind:
        cases = cases.filter(kind=kind)
    if assignee == "me":
        cases = cases.filter(assignee=user)
    elif assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif assignee.isdigit():
        cases = cases.filter(assignee_id=int(assignee))
    if bucket in BUCKETS:
        cases = cases.filter(bucket_filter(bucket, today))
    if q:
        match = Q(title__icontains=q) | Q(organization__inn=q) | Q(organization__short_name__icontains=q)
        if q.isascii() and q.isdigit() and len(q) < 12:
            match |= Q(pk=int(q))
        cases = cases.filter(match)
    return cases.order_by("review_due", "pk")


def overdue_board(user, *, today: dt.date) -> dict:
    """Counts of open cases due today, due within 2 working days, and overdue: one query."""
    soon = calendar.add_working_days(today, REMIND_BEFORE_WORKING_DAYS)
    return (
        visible_cases(user)
        .filter(status__in=OPEN_STATUSES)
        .aggregate(
            overdue=Count("pk", filter=Q(review_due__lt=today)),
            today=Count("pk", filter=Q(review_due=today)),
            soon=Count("pk", filter=Q(review_due__gt=today, review_due__lte=soon)),
            open=Count("pk"),
        )
    )


def case_for(user, pk, *, perm: str = "reviews.view_case") -> ReviewCase | None:
    try:
        case = ReviewCase.objects.select_related("organization", "assignee", "applicant").get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, ReviewCase.DoesNotExist):
        return None
    return case if user.has_perm(perm, case) else None


def history(case: ReviewCase) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(object_type="reviews.reviewcase", object_id=str(case.pk))
        .select_related("actor")
        .order_by("at", "pk")
    )


def assigned_case_reason(user, organization) -> str | None:
    """A staff member's reason to read an organisation's private data: a case of it assigned to them."""
    case = (
        ReviewCase.objects.filter(organization=organization, assignee=user)
        .order_by("-updated_at")
        .only("pk", "kind")
        .first()
    )
    return f"case #{case.pk} ({case.kind}) assigned to them" if case else None


def read_for_staff(user, case: ReviewCase) -> None:
    """Staff opening an application read the applicant's personal data: logged."""
    audit.record_personal_data_access(actor=user, obj=case, reason="review desk")


def cabinet_cases(user, limit: int = 30) -> list[dict]:
    """The person's applications: their own and their organisations', newest first."""
    from innocluster.reviews.kinds import get_kind

    cases = (
        ReviewCase.objects.filter(Q(applicant=user) | Q(organization__people__person=user))
        .select_related("organization")
        .distinct()
        .order_by("-updated_at", "-pk")[:limit]
    )
    return [{"case": case, "url": get_kind(case.kind).applicant_url(case)} for case in cases]


def application_for(model, user, pk):
    """An application (any kind with a `case`) if `user` may see it; None otherwise (→ 404)."""
    try:
        application = model.objects.select_related("case", "organization").get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, model.DoesNotExist):
        return None
    return (
        application
        if user.is_authenticated and user.has_perm("reviews.view_case", application.case)
        else None
    )


def application_to_read(model, user, pk):
    """For an API read: the application, or NotFound; a staff read is logged as personal data access."""
    from innocluster.core.errors import NotFound

    application = application_for(model, user, pk)
    if application is None:
        raise NotFound()
    if user.is_staff:
        read_for_staff(user, application.case)
    return application


def application_to_decide(model, user, pk):
    """For a decision: NotFound to whoever may not see it, PermissionDenied to its own people."""
    from innocluster.core.errors import NotFound, PermissionDenied

    application = application_for(model, user, pk)
    if application is None:
        raise NotFound()
    if not user.has_perm("reviews.handle_case", application.case):
        raise PermissionDenied()
    return application


# --- the desk's throughput (the staff dashboards read this) -----------------------------------

# The decided cases grouped by (day of the decision, day of the submission) first: at 250,000 cases
# some 37,000 pairs, each given its working days by the calendar joined twice, then counted per
# week and number of working days. The median is taken from those counts here: PERCENTILE_CONT
# over the cases themselves sorted 230,000 rows on disk (0.4 s against 0.15 s).
_DECIDED_SQL = """
WITH calendar (day, counted) AS (SELECT * FROM unnest(%s::date[], %s::integer[])),
pairs AS (
    SELECT decided_on, submitted_on,
        count(*) AS decided,
        count(*) FILTER (WHERE decided_on <= due) AS in_time,
        count(due) AS with_due
    FROM ({cases} OFFSET 0) AS cases (decided_on, submitted_on, due)
    GROUP BY decided_on, submitted_on
)
SELECT p.decided_on - (extract(isodow FROM p.decided_on)::integer - 1) AS week,
    d.counted - s.counted AS working_days,
    sum(p.decided), sum(p.in_time), sum(p.with_due)
FROM pairs p
LEFT JOIN calendar d ON d.day = p.decided_on
LEFT JOIN calendar s ON s.day = p.submitted_on
GROUP BY 1, 2
"""


def iso_weeks_of(year: int) -> tuple[dt.date, dt.date]:
    """The Monday of the first week that starts in `year`, and the day after the last such week."""
    january_first = dt.date(year, 1, 1)
    first_monday = january_first + dt.timedelta(days=-january_first.weekday() % 7)
    december_last = dt.date(year, 12, 31)
    return first_monday, december_last - dt.timedelta(days=december_last.weekday()) + dt.timedelta(days=7)


def _working_day_counts(first: dt.date, last: dt.date) -> tuple[list[dt.date], list[int]]:
    """Every day from `first` to `last` and the number of working days after `first` up to and
    including it, so that working days between two of them are a difference (`working_days_between`
    for all of them: the production calendar with its overrides, one query)."""
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    steps = calendar.working_days_between_many(list(itertools.pairwise(days)))
    return days, [0, *itertools.accumulate(steps)]


def _median(counts: dict[int, int]) -> Decimal | None:
    """The median of values given as {value: how many times}; between the two middle ones for an
    even number (as PERCENTILE_CONT(0.5)), to one decimal place."""
    total = sum(counts.values())
    if not total:
        return None

    def nth(index: int) -> int:
        seen = 0
        for value in sorted(counts):
            seen += counts[value]
            if index < seen:
                return value
        raise IndexError(index)

    return (Decimal(nth((total - 1) // 2) + nth(total // 2)) / 2).quantize(Decimal("0.1"))


def desk_throughput(*, year: int | None = None, region: str = "", case_ids=None) -> list[dict]:
    """[{week, submitted, decided, decided_with_due, in_time, median_working_days}] per week (its
    Monday) with a submission or a decision, oldest first, over the cases of every kind:
    `submitted` the cases submitted that week; `decided` those decided that week (approved,
    rejected or returned; a withdrawn request is not a decision), the day of the decision in the
    platform's time zone; `in_time` of them decided on or before their answer's due date, of the
    `decided_with_due` that have one; `median_working_days` the median of the working days from
    the submission to the decision (the production calendar: the submission day does not count,
    the decision day does), None without decided cases. Only the weeks that start in `year`, the
    cases of organisations of a region, and `case_ids` (a subquery of case ids, as another app's
    selectors give) when given. Three queries whatever the number of cases: submissions per day,
    the calendar's overrides for their span, decisions."""
    cases = ReviewCase.objects.all()
    if region:
        cases = cases.filter(organization__region_id=region)
    if case_ids is not None:
        cases = cases.filter(pk__in=case_ids)
    decided = cases.filter(decided_at__isnull=False).exclude(status=ReviewStatus.WITHDRAWN)
    first = after = None
    if year:
        first, after = iso_weeks_of(year)
        decided = decided.filter(
            decided_at__gte=timezone.make_aware(dt.datetime.combine(first, dt.time.min)),
            decided_at__lt=timezone.make_aware(dt.datetime.combine(after, dt.time.min)),
        )
    weeks: dict[dt.date, dict] = {}
    histograms: dict[dt.date, dict[int, int]] = {}

    def week(monday: dt.date) -> dict:
        return weeks.setdefault(
            monday,
            {"week": monday, "submitted": 0, "decided": 0, "decided_with_due": 0, "in_time": 0},
        )

    # every submission (the table has no index to narrow a year by): its earliest day starts the
    # calendar, since every decided case was submitted no earlier
    today = timezone.localdate()
    earliest, latest = today, today
    for day, count in (
        cases.filter(submitted_on__isnull=False)
        .values("submitted_on")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("submitted_on", "n")
    ):
        earliest, latest = min(earliest, day), max(latest, day)
        monday = day - dt.timedelta(days=day.weekday())
        if first is None or first <= monday < after:
            week(monday)["submitted"] += count
    # a decision past the calendar's end (a clock set wrong) is counted, without working days
    days, counted = _working_day_counts(earliest, max(latest, today) + dt.timedelta(days=366))
    inner, inner_params = (
        decided.annotate(decided_on=TruncDate("decided_at"))
        .values_list("decided_on", "submitted_on", "review_due")
        .order_by()
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(_DECIDED_SQL.format(cases=inner), [days, counted, *inner_params])
        found = cursor.fetchall()
    for monday, working_days, count, in_time, with_due in found:
        entry = week(monday)
        entry["decided"] += int(count)
        entry["in_time"] += int(in_time)
        entry["decided_with_due"] += int(with_due)
        if working_days is not None:
            spread = histograms.setdefault(monday, {})
            spread[max(0, working_days)] = spread.get(max(0, working_days), 0) + int(count)
    return [
        {**weeks[monday], "median_working_days": _median(histograms.get(monday, {}))}
        for monday in sorted(weeks)
    ]
