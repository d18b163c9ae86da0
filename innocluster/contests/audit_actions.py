from django.utils.translation import gettext_lazy as _

from innocluster.contests.enums import ContestStatus
from innocluster.core.audit_actions import (
    AuditAction,
    register_audit_actions,
    register_object_nouns,
    register_states,
)


@register_audit_actions
class ContestAuditAction(AuditAction):
    CREATED = "contest.created", _("Contest created")
    UPDATED = "contest.updated", _("Contest changed")
    PUBLISHED = "contest.published", _("Contest published")
    CLOSED = "contest.closed", _("Contest closed for solutions: scoring")
    RESULTS_PUBLISHED = "contest.results_published", _("Contest results published")
    CANCELLED = "contest.cancelled", _("Contest cancelled")
    SOLUTION_SUBMITTED = "contest.solution_submitted", _("Solution submitted")
    SOLUTION_CHANGED = "contest.solution_changed", _("Solution changed")
    FILE_ADDED = "contest.file_added", _("File added to a solution")
    FILE_REMOVED = "contest.file_removed", _("File removed from a solution")
    EXPERT_ADDED = "contest.expert_added", _("Expert added to the contest")
    CONFLICTS_DECLARED = "contest.conflicts_declared", _("Conflicts of interest declared")
    ASSIGNED = "contest.assigned", _("Experts assigned automatically")
    ASSIGNED_BY_HAND = "contest.assigned_by_hand", _("Expert assigned by hand")
    SCORED = "contest.scored", _("Solution scored")
    SCORES_VOIDED = "contest.scores_voided", _("Scores set aside: the solution changed after them")


register_states("contest.", ContestStatus)
register_object_nouns({"contests.contest": _("contest"), "contests.solution": _("solution")})
