"""The status timeline of any application: submitted → in review → decision → agreement →
payments, each step done, current or upcoming, with the date it was reached. Read from the case's
own fields and its audited transitions; the agreement and payments steps only for the kinds whose
workflow goes on after the decision (support measures)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.core.models import AuditEvent
from innocluster.reviews.enums import DECISION_TO_STATUS, ReviewStatus
from innocluster.reviews.kinds import get_kind
from innocluster.reviews.models import ReviewCase

DONE, CURRENT, UPCOMING = "done", "current", "upcoming"
DECIDED = tuple(DECISION_TO_STATUS.values())
AFTER_APPROVAL = (ReviewStatus.AGREEMENT_SIGNED, ReviewStatus.PAYING, ReviewStatus.COMPLETED)
ENDED = (ReviewStatus.REJECTED, ReviewStatus.TERMINATED, ReviewStatus.COMPLETED)


@dataclass(frozen=True)
class Step:
    key: str
    label: object  # a translated text
    state: str  # done / current / upcoming
    date: dt.date | None = None


def _reached_on(case: ReviewCase) -> dict[str, dt.date]:
    """The last date each state was entered, from the audited transitions (one query)."""
    reached: dict[str, dt.date] = {}
    events = AuditEvent.objects.filter(
        object_type="reviews.reviewcase", object_id=str(case.pk), action="review.transition"
    ).order_by("at", "pk")
    for to_state, at in events.values_list("to_state", "at"):
        if to_state:
            reached[to_state] = timezone.localdate(at)
    return reached


def _local(value) -> dt.date | None:
    if value is None:
        return None
    return timezone.localdate(value) if isinstance(value, dt.datetime) else value


def case_timeline(case: ReviewCase) -> list[Step]:
    """The steps of `case` for a page's timeline (templates/includes/timeline.html)."""
    status = case.status
    reached = _reached_on(case)
    goes_on = any(ReviewStatus.AGREEMENT_SIGNED in pair for pair in get_kind(case.kind).transitions)
    submitted = status != ReviewStatus.DRAFT
    # returned: the applicant corrects and submits again, so the decision is not taken yet
    returned = status == ReviewStatus.RETURNED
    decided = status in (ReviewStatus.APPROVED, ReviewStatus.REJECTED) or status in AFTER_APPROVAL
    decided = decided or status == ReviewStatus.TERMINATED
    in_review = decided or returned or status == ReviewStatus.IN_REVIEW

    decision_status = (
        status if status in (ReviewStatus.APPROVED, ReviewStatus.REJECTED) else ReviewStatus.APPROVED
    )
    decision_label = (
        _("Decision: %(decision)s") % {"decision": ReviewStatus(decision_status).label}
        if decided
        else _("Decision")
    )
    steps = [
        (ReviewStatus.SUBMITTED, _("Submitted"), submitted, case.submitted_on or reached.get("submitted")),
        (ReviewStatus.IN_REVIEW, _("In review"), in_review, reached.get("in_review")),
    ]
    if returned:
        steps.append((ReviewStatus.RETURNED, ReviewStatus.RETURNED.label, False, reached.get("returned")))
    else:
        steps.append(
            ("decision", decision_label, decided, _local(case.decided_at) or reached.get(decision_status))
        )
    if goes_on and status not in (ReviewStatus.REJECTED, ReviewStatus.RETURNED):
        signed_on = reached.get(ReviewStatus.AGREEMENT_SIGNED)
        agreement_done = status in AFTER_APPROVAL or (
            status == ReviewStatus.TERMINATED and signed_on is not None
        )
        steps.append(("agreement", _("Agreement"), agreement_done, signed_on))
        if status == ReviewStatus.TERMINATED:
            steps.append(
                (
                    ReviewStatus.TERMINATED,
                    ReviewStatus.TERMINATED.label,
                    True,
                    reached.get(ReviewStatus.TERMINATED),
                )
            )
        else:
            steps.append(
                (
                    "payments",
                    _("Payments"),
                    status == ReviewStatus.COMPLETED,
                    reached.get(ReviewStatus.COMPLETED) or reached.get(ReviewStatus.PAYING),
                )
            )
    result, current_given = [], status in ENDED
    for key, label, done, date in steps:
        if done:
            state = DONE
        elif not current_given:
            state, current_given = CURRENT, True
        else:
            state = UPCOMING
        # a step in progress shows since when (the first payment of a paying application)
        # and since when an application waits for its applicant's correction
        in_progress = (key == "payments" and status == ReviewStatus.PAYING) or key == ReviewStatus.RETURNED
        shown = date if state == DONE or in_progress else None
        result.append(Step(key=str(key), label=label, state=state, date=shown))
    return result
