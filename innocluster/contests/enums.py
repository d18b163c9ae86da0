"""Statuses of a contest and its transitions table (SPEC C7), the reasons of a conflict of
interest, the numbers of the rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DEFAULT_EXPERTS_PER_SOLUTION = 3  # SPEC C7: k experts per solution (default 3)
MIN_POINTS, MAX_POINTS = 0, 10  # each criterion is scored 0-10 in whole points
# Experts disagree when the standard deviation of their points on a criterion reaches this.
DISAGREEMENT_SPREAD = 2


class ContestStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("contest status", "Draft")
    OPEN = "open", pgettext_lazy("contest status", "Open")
    SCORING = "scoring", pgettext_lazy("contest status", "Scoring")
    RESULTS_PUBLISHED = "results_published", pgettext_lazy("contest status", "Results published")
    CANCELLED = "cancelled", pgettext_lazy("contest status", "Cancelled")


class ConflictReason(models.TextChoices):
    SAME_ORGANISATION = "same_organisation", _("a person of the submitting organisation")
    SAME_CONSORTIUM = "same_consortium", _("a person of an organisation in the same intersectoral cluster")
    DECLARED = "declared", _("declared by the expert")


class AssignedBy(models.TextChoices):
    HAND = "hand", _("by hand")
    AUTO = "auto", _("automatically")


# The only changes of status (rule 3 of DESIGN.md): who makes each. "system" is the platform
# itself (the deadline passes); "coordinator" a coordinator or an administrator.
COORDINATOR, SYSTEM = "coordinator", "system"
CONTEST_TRANSITIONS = {
    (ContestStatus.DRAFT, ContestStatus.OPEN): COORDINATOR,
    (ContestStatus.DRAFT, ContestStatus.CANCELLED): COORDINATOR,
    (ContestStatus.OPEN, ContestStatus.SCORING): SYSTEM,
    (ContestStatus.OPEN, ContestStatus.CANCELLED): COORDINATOR,
    (ContestStatus.SCORING, ContestStatus.RESULTS_PUBLISHED): COORDINATOR,
    (ContestStatus.SCORING, ContestStatus.CANCELLED): COORDINATOR,
}
