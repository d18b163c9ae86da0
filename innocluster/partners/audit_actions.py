from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import (
    AuditAction,
    register_audit_actions,
    register_object_nouns,
    register_states,
)
from innocluster.partners.models import AccessStatus, OrderStatus


@register_audit_actions
class PartnersAuditAction(AuditAction):
    ORDER_POSTED = "partners.order_posted", _("Production order posted")
    ORDER_AWARDED = "partners.order_awarded", _("Production order awarded")
    ORDER_FILE_ADDED = "partners.order_file_added", _("File attached to the order")
    ORDER_FILE_VIEWED = "partners.order_file_viewed", _("Order file opened")
    ORDER_FILE_VISIBILITY = "partners.order_file_visibility", _("Order file visibility changed")
    QUOTE_SUBMITTED = "partners.quote_submitted", _("Quote submitted")
    SYNONYM_SAVED = "partners.synonym_saved", _("Search synonyms saved")
    SYNONYM_DELETED = "partners.synonym_deleted", _("Search synonyms deleted")
    UNMET_SEARCH_HANDLED = "partners.unmet_search_handled", _("Search that found little marked as handled")
    UNMET_SEARCH_DELETED = "partners.unmet_search_deleted", _("Search that found little deleted")
    FILE_ACCESS_REQUESTED = "partners.file_access_requested", _("Access to a file asked")
    FILE_ACCESS_APPROVED = "partners.file_access_approved", _("Access to a file granted")
    FILE_ACCESS_DECLINED = "partners.file_access_declined", _("Access to a file declined")


register_states("partners.file_access_", AccessStatus)
register_states("partners.order_", OrderStatus)
register_object_nouns({"partners.order": _("production order")})
