from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import AuditAction, register_audit_actions


@register_audit_actions
class MembershipAuditAction(AuditAction):
    PARTICIPANT_ADMITTED = "membership.participant_admitted", _("Admitted to the cluster")
