from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import (
    AuditAction,
    register_audit_actions,
    register_object_nouns,
    register_states,
)
from innocluster.pilots.enums import PilotStatus


@register_audit_actions
class PilotAuditAction(AuditAction):
    SITE_CREATED = "pilot.site_created", _("Test site created")
    REQUESTED = "pilot.requested", _("Pilot requested")
    ACCEPTED = "pilot.accepted", _("Pilot accepted by the site")
    DECLINED = "pilot.declined", _("Pilot declined by the site")
    CANCELLED = "pilot.cancelled", _("Pilot cancelled by the company")
    RUNNING = "pilot.running", _("Pilot started")
    COMPLETED = "pilot.completed", _("Pilot completed with its protocol")
    PROTOCOL_CORRECTED = "pilot.protocol_corrected", _("Pilot protocol corrected")
    FEEDBACK_LEFT = "pilot.feedback_left", _("Rating left through the public feedback link")
    FEEDBACK_ENTERED = "pilot.feedback_entered", _("Users' feedback entered by the site")
    PUBLISH_SET = "pilot.publish_set", _("Consent to show the pilot publicly changed")


register_states("pilot.", PilotStatus)
register_object_nouns({"pilots.pilot": _("pilot"), "pilots.testsite": _("test site")})
