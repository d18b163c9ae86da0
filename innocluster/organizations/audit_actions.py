from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import AuditAction, register_audit_actions, register_object_nouns


@register_audit_actions
class OrganizationAuditAction(AuditAction):
    REGISTERED = "organization.registered", _("Organisation registered")
    PROFILE_UPDATED = "organization.profile_updated", _("Organisation's profile changed")
    PERSON_INVITED = "organization.person_invited", _("Person invited to the organisation")
    INVITATION_WITHDRAWN = "organization.invitation_withdrawn", _("Invitation to the organisation withdrawn")
    PERSON_JOINED = "organization.person_joined", _("Person joined the organisation")
    ROLE_CHANGED = "organization.role_changed", _("Person's role in the organisation changed")


register_object_nouns({"organizations.organization": _("organisation")})
