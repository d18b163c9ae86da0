from django.utils.translation import gettext_lazy as _

from innocluster.consortia.enums import InvitationStatus, JoinRequestStatus
from innocluster.core.audit_actions import AuditAction, register_audit_actions, register_states


@register_audit_actions
class ConsortiumAuditAction(AuditAction):
    CREATED = "consortium.created", _("Intersectoral cluster created")
    INVITED = "consortium.invited", _("Organisation invited to the intersectoral cluster")
    INVITATION_ACCEPTED = (
        "consortium.invitation_accepted",
        _("Invitation to the intersectoral cluster accepted"),
    )
    JOIN_REQUESTED = "consortium.join_requested", _("Asked to join the intersectoral cluster")
    INVITATION_DECLINED = (
        "consortium.invitation_declined",
        _("Invitation to the intersectoral cluster declined"),
    )
    JOIN_ADMITTED = "consortium.join_admitted", _("Admitted to the intersectoral cluster")
    JOIN_DECLINED = "consortium.join_declined", _("Request to join the intersectoral cluster declined")
    LEFT = "consortium.left", _("Left the intersectoral cluster")
    PROJECT_ADDED = "consortium.project_added", _("Joint project added")
    ROLE_ADDED = "consortium.role_added", _("Role in the intersectoral cluster added")
    ROLE_ASSIGNED = "consortium.role_assigned", _("Role in the intersectoral cluster assigned")
    BELOW_MINIMUM = "consortium.below_minimum", _("Fewer than 30 participants")
    MINIMUM_RESTORED = "consortium.minimum_restored", _("30 participants again")


register_states("consortium.invit", InvitationStatus)
register_states("consortium.join", JoinRequestStatus)
