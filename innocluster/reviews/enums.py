"""The review workflow as data: states, decisions, and who may move a case from which state to
which. Every application kind (membership, the register, measures, consortia, pilots) reuses it;
a kind may bring its own table (`ReviewKind.transitions`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("application status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
    IN_REVIEW = "in_review", pgettext_lazy("application status", "In review")
    APPROVED = "approved", pgettext_lazy("application status", "Approved")
    REJECTED = "rejected", pgettext_lazy("application status", "Rejected")
    RETURNED = "returned", pgettext_lazy("application status", "Returned for revision")
    # after an approval, for the kinds that go on (support measures)
    AGREEMENT_SIGNED = "agreement_signed", pgettext_lazy("application status", "Agreement signed")
    PAYING = "paying", pgettext_lazy("application status", "Paying")
    COMPLETED = "completed", pgettext_lazy("application status", "Completed")
    TERMINATED = "terminated", pgettext_lazy("application status", "Terminated")
    # the applicant withdrew it before the answer (a pilot request the company cancelled)
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    RETURN = "return", _("Return for revision")


DECISION_TO_STATUS = {
    Decision.APPROVE: ReviewStatus.APPROVED,
    Decision.REJECT: ReviewStatus.REJECTED,
    Decision.RETURN: ReviewStatus.RETURNED,
}

# Who may make a transition: the applicant's people, or the staff handling the case; or the kind's
# own app, which checks who acts (a pilot request is answered by the site, not by the desk).
APPLICANT, STAFF, APP = "applicant", "staff", "app"

# (from, to) -> who may make it, and whether a comment (the reasons) is required.
TRANSITIONS: dict[tuple[str, str], dict] = {
    (ReviewStatus.DRAFT, ReviewStatus.SUBMITTED): {"by": APPLICANT, "comment": False},
    (ReviewStatus.RETURNED, ReviewStatus.SUBMITTED): {"by": APPLICANT, "comment": False},
    (ReviewStatus.SUBMITTED, ReviewStatus.IN_REVIEW): {"by": STAFF, "comment": False},
    (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED): {"by": STAFF, "comment": False},
    (ReviewStatus.SUBMITTED, ReviewStatus.REJECTED): {"by": STAFF, "comment": True},
    (ReviewStatus.SUBMITTED, ReviewStatus.RETURNED): {"by": STAFF, "comment": True},
    (ReviewStatus.IN_REVIEW, ReviewStatus.APPROVED): {"by": STAFF, "comment": False},
    (ReviewStatus.IN_REVIEW, ReviewStatus.REJECTED): {"by": STAFF, "comment": True},
    (ReviewStatus.IN_REVIEW, ReviewStatus.RETURNED): {"by": STAFF, "comment": True},
}

# The table of a kind answered in its own app (`ReviewKind.decided_by_app`): the case records the
# answer that the app made; the desk follows it and reminds, but does not decide.
APP_TRANSITIONS: dict[tuple[str, str], dict] = {
    (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED): {"by": APP, "comment": False},
    (ReviewStatus.SUBMITTED, ReviewStatus.REJECTED): {"by": APP, "comment": True},
    (ReviewStatus.SUBMITTED, ReviewStatus.WITHDRAWN): {"by": APP, "comment": False},
}

OPEN_STATUSES = (ReviewStatus.SUBMITTED, ReviewStatus.IN_REVIEW)
EDITABLE_STATUSES = (ReviewStatus.DRAFT, ReviewStatus.RETURNED)
DEFAULT_REVIEW_DAYS = 10  # SPEC: "the answer is due within 10 working days"
REMIND_BEFORE_WORKING_DAYS = 2
