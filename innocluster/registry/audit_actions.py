from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import AuditAction, register_audit_actions


@register_audit_actions
class RegistryAuditAction(AuditAction):
    INCLUDED = "registry.included", _("Included in the register")
    EXCLUDED = "registry.excluded", _("Excluded from the register")
