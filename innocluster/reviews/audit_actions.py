from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import (
    AuditAction,
    register_audit_actions,
    register_object_nouns,
    register_states,
)
from innocluster.reviews.enums import ReviewStatus


@register_audit_actions
class ReviewAuditAction(AuditAction):
    CREATED = "review.created", _("Application created")
    TRANSITION = "review.transition", _("Status changed")
    ASSIGNED = "review.assigned", _("Reviewer assigned")
    REMINDED = "review.reminded", _("Reminder of the due date sent")
    IMPORTED = "review.imported", _("Application imported")
    BACKDATED = "review.backdated", _("Submission date set")


register_states("review.", ReviewStatus)
register_object_nouns({"reviews.reviewcase": _("application")})
