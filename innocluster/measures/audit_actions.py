from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import (
    AuditAction,
    register_audit_actions,
    register_object_nouns,
    register_object_numbers,
    register_states,
)
from innocluster.measures.enums import PaymentStatus, ReportStatus
from innocluster.measures.selectors import case_numbers


@register_audit_actions
class MeasureAuditAction(AuditAction):
    UPDATED = "measure.updated", _("Support measure changed")
    BUDGET_SET = "measure.budget_set", _("Budget of a support measure set")
    VERSION_ADDED = "measure.version_added", _("New rules of the support measure")
    DOCUMENT_ADDED = "measure.document_added", _("Document attached")
    DOCUMENT_REMOVED = "measure.document_removed", _("Document removed")
    GRANTED = "measure.granted", _("Support granted")
    PAYMENT_PAID = "measure.payment_paid", _("Payment made")
    PAYMENT_CANCELLED = "measure.payment_cancelled", _("Payment cancelled")
    REPORT_SUBMITTED = "measure.report_submitted", _("Cost report submitted")
    REPORT_CONFIRMED = "measure.report_confirmed", _("Cost report confirmed")
    REPORT_REJECTED = "measure.report_rejected", _("Cost report rejected")


register_states("measure.payment_", PaymentStatus)
register_states("measure.report_", ReportStatus)
register_object_nouns({"measures.measureapplication": _("application")})
# an application is known by its case's number, on its page, in the cabinet and on the desk
register_object_numbers("measures.measureapplication", case_numbers)
