"""The one transition function of every application, and what hangs on it: assignment,
decisions, reminders."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core import audit, calendar
from innocluster.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, TransitionNotAllowed
from innocluster.core.formats import lazy_human_date
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.organizations.selectors import people_in_roles
from innocluster.reviews.enums import (
    APP,
    APPLICANT,
    DECISION_TO_STATUS,
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    REMIND_BEFORE_WORKING_DAYS,
    Decision,
    ReviewStatus,
)
from innocluster.reviews.error_codes import ReviewErrorCode
from innocluster.reviews.kinds import get_kind
from innocluster.reviews.models import ReviewCase
from innocluster.reviews.rules import is_reviewer, is_supervisor


def create_case(*, kind: str, organization, applicant, title: str, title_en: str = "") -> ReviewCase:
    """A new case in draft (`title_en`: its title on English pages, where it is the platform's
    words). Side effects: audit `review.created`."""
    case = ReviewCase.objects.create(
        kind=kind,
        organization=organization,
        applicant=applicant,
        title=title[:300],
        title_en=title_en[:300],
        status=ReviewStatus.DRAFT,
    )
    audit.record(
        actor=applicant, action="review.created", obj=case, to_state=ReviewStatus.DRAFT, data={"kind": kind}
    )
    return case


def applicant_people(case: ReviewCase) -> list:
    """Who hears of a case's changes: the applicant and the organisation's owners and managers."""
    people = [case.applicant]
    if case.organization_id:
        people += people_in_roles(case.organization)
    return people


def _supervisors():
    User = get_user_model()
    return User.objects.filter(is_active=True, is_staff=True, groups__name="coordinator").distinct()


@transaction.atomic
def transition(case: ReviewCase, to: str, *, actor, comment: str = "") -> ReviewCase:
    """Move a case to `to` if the kind's table allows it from the current state and `actor` may
    make it. The row is locked first, so that of two simultaneous decisions the second finds the
    new state and gets `transition_not_allowed`.
    Side effects: dates (submission and due date, decision), the kind's own hook (participant
    number, register entry…), audit `review.transition`, notifications of the applicant's people
    (and of the reviewer on a resubmission), e-mails after commit."""
    case = (
        ReviewCase.objects.select_for_update(of=("self",))
        .select_related("organization", "applicant")
        .get(pk=case.pk)
    )
    kind = get_kind(case.kind)
    rule = kind.transitions.get((case.status, to))
    if rule is None:
        raise TransitionNotAllowed(
            _("An application in status “%(from)s” cannot become “%(to)s”.")
            % {
                "from": ReviewStatus(case.status).label,
                "to": ReviewStatus(to).label if to in ReviewStatus.values else to,
            },
            details={"from": case.status, "to": to},
        )
    if rule["by"] == APP:
        raise TransitionNotAllowed(
            _("This application is answered on its own page, not on the review desk."),
            details={"from": case.status, "to": to},
        )
    if rule["by"] == APPLICANT:
        if not actor.has_perm("reviews.act_as_applicant", case):
            raise NotFound() if not actor.has_perm("reviews.view_case", case) else PermissionDenied()
    elif not actor.has_perm("reviews.handle_case", case):
        raise NotFound()
    comment = clean_text(comment, field="comment", max_length=5000)
    if rule["comment"] and not comment:
        raise InvalidInput(_("Give the reasons: they are sent to the applicant."), field="comment")

    before = case.status
    today = timezone.localdate()
    case.status = to
    if to == ReviewStatus.SUBMITTED:
        case.submitted_on = today
        case.review_due = calendar.add_working_days(today, kind.days_for(case))
        case.reminded_before_on = case.reminded_overdue_on = None
        case.decided_at, case.decided_by, case.decision_comment = None, None, ""
    elif to in DECISION_TO_STATUS.values():
        case.decided_at, case.decided_by, case.decision_comment = timezone.now(), actor, comment
        if case.assignee_id is None and is_reviewer(actor) and not is_supervisor(actor):
            case.assignee = actor
    elif to == ReviewStatus.IN_REVIEW and case.assignee_id is None:
        case.assignee = actor
    case.save()
    if kind.on_transition is not None:
        kind.on_transition(case, kind.application_of(case), before, to, actor)
    audit.record(
        actor=actor,
        action="review.transition",
        obj=case,
        from_state=before,
        to_state=to,
        comment=comment,
        data={"kind": case.kind},
    )
    subject = format_lazy(
        gettext_lazy("{kind} No. {number}: {title} — {status}"),
        kind=kind.label,
        number=case.number,
        title=case.lazy_title,
        status=ReviewStatus(to).label,
    )
    notify(
        recipients=applicant_people(case),
        kind=f"review.{to}",
        subject=subject,
        body=_transition_body(case, to, comment),
        url=kind.applicant_url(case),
    )
    if to == ReviewStatus.SUBMITTED and case.assignee_id:
        notify(
            recipients=[case.assignee],
            kind="review.resubmitted",
            subject=subject,
            url=f"/staff/desk/{case.pk}/",
        )
    return case


def open_app_case(*, kind: str, organization, applicant, title: str, title_en: str = "") -> ReviewCase:
    """A case of a kind answered in its own app (`ReviewKind.decided_by_app`), submitted today: its
    due date is the kind's working days after today, as for every application. The app has checked
    who asks. Side effects: audit `review.transition` (→ submitted)."""
    today = timezone.localdate()
    case = ReviewCase.objects.create(
        kind=kind,
        organization=organization,
        applicant=applicant,
        title=title[:300],
        title_en=title_en[:300],
        status=ReviewStatus.SUBMITTED,
        submitted_on=today,
    )
    case.review_due = calendar.add_working_days(today, get_kind(kind).days_for(case))
    case.save(update_fields=["review_due"])
    audit.record(
        actor=applicant,
        action="review.transition",
        obj=case,
        from_state=ReviewStatus.DRAFT,
        to_state=ReviewStatus.SUBMITTED,
        data={"kind": kind},
    )
    return case


@transaction.atomic
def settle_app_case(case: ReviewCase, to: str, *, actor, comment: str = "") -> ReviewCase:
    """Record on the case the answer its app made (the site accepted or declined a pilot, the
    company withdrew its request): checked against the kind's table; the app has checked who acts
    and tells the people concerned. Side effects: audit `review.transition`."""
    case = ReviewCase.objects.select_for_update(of=("self",)).get(pk=case.pk)
    kind = get_kind(case.kind)
    rule = kind.transitions.get((case.status, to))
    if not kind.decided_by_app or rule is None or rule["by"] != APP:
        raise TransitionNotAllowed(
            _("An application in status “%(from)s” cannot become “%(to)s”.")
            % {"from": ReviewStatus(case.status).label, "to": ReviewStatus(to).label},
            details={"from": case.status, "to": to},
        )
    before = case.status
    case.status = to
    case.decided_at, case.decided_by, case.decision_comment = timezone.now(), actor, comment
    case.save(update_fields=["status", "decided_at", "decided_by", "decision_comment", "updated_at"])
    audit.record(
        actor=actor,
        action="review.transition",
        obj=case,
        from_state=before,
        to_state=to,
        comment=comment,
        data={"kind": case.kind},
    )
    return case


def _transition_body(case: ReviewCase, to: str, comment: str):
    """What the applicant's notification (and its e-mail) says beyond its subject: what happens
    next and by when, and the reviewer's words (a bare link said nothing)."""
    due = lazy_human_date(case.review_due) if case.review_due else ""
    if to == ReviewStatus.SUBMITTED:
        text = format_lazy(
            gettext_lazy("It was received on {date}; the answer is due by {due}."),
            date=lazy_human_date(case.submitted_on),
            due=due,
        )
    elif to == ReviewStatus.IN_REVIEW:
        text = format_lazy(
            gettext_lazy("A reviewer has begun to review it; the answer is due by {due}."), due=due
        )
    elif to == ReviewStatus.APPROVED:
        text = gettext_lazy("It is approved.")
    elif to == ReviewStatus.REJECTED:
        text = gettext_lazy("It is rejected. The reasons:")
    elif to == ReviewStatus.RETURNED:
        text = gettext_lazy(
            "It is returned for revision: correct what the reviewer asks and submit it again."
        )
    else:
        return comment
    return format_lazy("{text}\n\n{comment}", text=text, comment=comment) if comment else text


def decide(case: ReviewCase, decision: str, *, actor, comment: str = "") -> ReviewCase:
    """A reviewer's decision. Whoever does not handle the case learns nothing of its state: a 404
    if they may not see it, a 403 if they may (its applicant), before any check of the status."""
    if not actor.has_perm("reviews.handle_case", case):
        raise NotFound() if not actor.has_perm("reviews.view_case", case) else PermissionDenied()
    if decision not in Decision.values:
        raise InvalidInput(_("The decision is one of: approve, reject, return."), field="decision")
    return transition(case, DECISION_TO_STATUS[decision], actor=actor, comment=comment)


@transaction.atomic
def assign(case: ReviewCase, *, assignee, actor) -> ReviewCase:
    """Give the case to a reviewer (a supervisor to anyone with the reviewer role; a reviewer only
    takes unassigned cases for themself); a submitted case is then in review. Side effects: audit
    `review.assigned`; the reviewer is notified; the transition to in review (its audit and
    notifications)."""
    case = ReviewCase.objects.select_for_update().get(pk=case.pk)
    if not actor.has_perm("reviews.handle_case", case):
        raise NotFound()
    if assignee is not None and not (is_reviewer(assignee) or is_supervisor(assignee)):
        raise InvalidInput(_("Choose a person with the reviewer role."), field="assignee")
    if not is_supervisor(actor) and (assignee is None or assignee.pk != actor.pk):
        raise PermissionDenied(_("A reviewer takes cases only for themself."))
    if case.status not in OPEN_STATUSES:
        raise TransitionNotAllowed(_("Only open applications are assigned."))
    if get_kind(case.kind).decided_by_app:
        raise TransitionNotAllowed(_("This application is answered on its own page, not on the review desk."))
    before = case.assignee_id
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    audit.record(
        actor=actor,
        action="review.assigned",
        obj=case,
        data={"from": before, "to": assignee.pk if assignee else None},
    )
    if assignee is not None and assignee.pk != actor.pk:
        notify(
            recipients=[assignee],
            kind="review.assigned",
            subject=format_lazy(gettext_lazy("Assigned to you: {title}"), title=case.lazy_title),
            url=f"/staff/desk/{case.pk}/",
        )
    if (
        assignee is not None
        and case.status == ReviewStatus.SUBMITTED
        and (case.status, ReviewStatus.IN_REVIEW) in get_kind(case.kind).transitions
    ):
        # a reviewer has it: its review has begun (SPEC: submitted → in review → decision), and
        # the applicant's people are told so
        case = transition(case, ReviewStatus.IN_REVIEW, actor=actor)
    return case


def reminder_due(case: ReviewCase, today: dt.date) -> str | None:
    """Which reminder a case needs today: "before" from the 2nd working day before its due date,
    "overdue" from the day after it; each once."""
    if case.status not in OPEN_STATUSES or case.review_due is None:
        return None
    if today > case.review_due:
        return None if case.reminded_overdue_on else "overdue"
    if case.reminded_before_on:
        return None
    if calendar.working_days_between(today, case.review_due) <= REMIND_BEFORE_WORKING_DAYS:
        return "before" if calendar.is_working_day(today) else None
    return None


def send_reminders(*, today: dt.date | None = None) -> int:
    """Remind reviewers (or, for unassigned cases, coordinators) of due dates. Idempotent: several
    workers may run it at once. Side effects: notifications; audit `review.reminded`."""
    today = today or timezone.localdate()
    horizon = calendar.add_working_days(today, REMIND_BEFORE_WORKING_DAYS)
    candidates = ReviewCase.objects.filter(status__in=OPEN_STATUSES, review_due__lte=horizon).filter(
        reminded_overdue_on__isnull=True
    )
    sent = 0
    for case_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            case = ReviewCase.objects.select_for_update(skip_locked=True).filter(pk=case_id).first()
            which = case and reminder_due(case, today)
            if not which:
                continue
            if which == "overdue":
                case.reminded_overdue_on = today
                subject = format_lazy(
                    gettext_lazy("Overdue since {due}: {title}"),
                    due=lazy_human_date(case.review_due),
                    title=case.lazy_title,
                )
            else:
                case.reminded_before_on = today
                subject = format_lazy(
                    gettext_lazy("Answer due {due}: {title}"),
                    due=lazy_human_date(case.review_due),
                    title=case.lazy_title,
                )
            case.save(update_fields=["reminded_before_on", "reminded_overdue_on", "updated_at"])
            kind = get_kind(case.kind)
            if kind.reminder_recipients is not None:
                recipients = list(kind.reminder_recipients(case))
            else:
                recipients = [case.assignee] if case.assignee_id else list(_supervisors())
            notify(
                recipients=recipients,
                kind=f"review.reminder_{which}",
                subject=subject,
                url=kind.reminder_url(case) if kind.reminder_url is not None else f"/staff/desk/{case.pk}/",
            )
            audit.record(
                actor=None, action="review.reminded", obj=case, data={"which": which, "on": today.isoformat()}
            )
            sent += 1
    return sent


def import_case(
    *,
    kind: str,
    organization,
    applicant,
    title: str,
    status: str,
    submitted_on: dt.date | None = None,
    assignee=None,
    decided_by=None,
    comment: str = "",
) -> ReviewCase:
    """A case carried over from before the platform (a previous system, the demo cluster), in any
    state and with its original dates; the due date is computed from the submission date as the
    transition function would have. Side effects: audit `review.imported`."""
    review_due = (
        calendar.add_working_days(submitted_on, get_kind(kind).review_days) if submitted_on else None
    )  # kind default
    decided = status in DECISION_TO_STATUS.values()
    case = ReviewCase.objects.create(
        kind=kind,
        organization=organization,
        applicant=applicant,
        title=title[:300],
        status=status,
        submitted_on=submitted_on,
        review_due=review_due,
        assignee=assignee,
        decided_by=decided_by if decided else None,
        decided_at=timezone.now() if decided else None,
        decision_comment=comment,
    )
    audit.record(actor=None, action="review.imported", obj=case, to_state=status, data={"kind": kind})
    return case


def backdate_submission(case: ReviewCase, *, submitted_on: dt.date) -> ReviewCase:
    """Carry over an earlier submission date (an import from a previous system, the demo cluster):
    the due date follows from it as at a real submission. Side effects: audit `review.backdated`."""
    case.submitted_on = submitted_on
    case.review_due = calendar.add_working_days(submitted_on, get_kind(case.kind).days_for(case))
    case.save(update_fields=["submitted_on", "review_due", "updated_at"])
    audit.record(
        actor=None, action="review.backdated", obj=case, data={"submitted_on": submitted_on.isoformat()}
    )
    return case


def editable_application(model, *, kind: str, organization, actor, title: str):
    """The organisation's application of `model` that may be edited now (a draft or a returned
    one), or a new one in draft with its case when the last was decided; `under_review` while one
    is open. Returns an unsaved new instance or the existing one."""
    latest = (
        model.objects.filter(organization=organization)
        .select_related("case")
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is not None and latest.case.status in OPEN_STATUSES:
        raise Conflict(
            _("The application is under review; it cannot be changed now."), code=ReviewErrorCode.UNDER_REVIEW
        )
    if latest is not None and latest.case.status in EDITABLE_STATUSES:
        return latest
    case = create_case(kind=kind, organization=organization, applicant=actor, title=title)
    return model(organization=organization, case=case)
