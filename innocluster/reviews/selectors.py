"""Reads for the review desk, scoped to who asks. Every list is one query plus a count,
whatever the number of rows."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from innocluster.core import audit, calendar
from innocluster.core.models import AuditEvent
from innocluster.reviews.enums import OPEN_STATUSES, REMIND_BEFORE_WORKING_DAYS
from innocluster.reviews.models import ReviewCase
from innocluster.reviews.rules import is_supervisor, may_use_desk

BUCKETS = ("overdue", "today", "soon")


def visible_cases(user) -> QuerySet[ReviewCase]:
    """What the desk shows this person: everything to coordinators and administrators; the
    unassigned queue and their own cases to a reviewer; nothing to anyone else."""
    cases = ReviewCase.objects.select_related("organization", "assignee", "applicant")
    if is_supervisor(user):
        return cases
    if may_use_desk(user):
        return cases.filter(Q(assignee__isnull=True) | Q(assignee=user))
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
        match = Q(title__icontains=q) | Q(organization__inn=q)
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
    return application if user.has_perm("reviews.view_case", application.case) else None


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
