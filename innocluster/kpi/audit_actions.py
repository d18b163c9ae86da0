from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import AuditAction, register_audit_actions, register_object_nouns


@register_audit_actions
class KpiAuditAction(AuditAction):
    INDICATOR_CREATED = "kpi.indicator_created", _("KPI indicator created")
    INDICATOR_UPDATED = "kpi.indicator_updated", _("KPI indicator changed")
    TARGET_SET = "kpi.target_set", _("KPI target set")
    REPORT_SUBMITTED = "kpi.report_submitted", _("KPI report submitted")
    REPORT_ACCEPTED = "kpi.report_accepted", _("KPI report accepted")
    REPORT_RETURNED = "kpi.report_returned", _("KPI report returned for correction")
    EVIDENCE_ADDED = "kpi.evidence_added", _("KPI evidence file added")
    EVIDENCE_REMOVED = "kpi.evidence_removed", _("KPI evidence file removed")
    REPORT_REMINDED = "kpi.report_reminded", _("Reminder of a KPI report's due date sent")


register_object_nouns(
    {
        "kpi.report": _("KPI report"),
        "kpi.target": _("KPI target"),
        "kpi.indicator": _("indicator"),
        "kpi.evidence": _("KPI evidence file"),
    }
)
