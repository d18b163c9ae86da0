from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import AuditAction, register_audit_actions, register_object_nouns


@register_audit_actions
class KpiAuditAction(AuditAction):
    INDICATOR_CREATED = "kpi.indicator_created", _("KPI indicator created")
    TARGET_SET = "kpi.target_set", _("KPI target set")
    REPORT_SUBMITTED = "kpi.report_submitted", _("KPI report submitted")
    REPORT_ACCEPTED = "kpi.report_accepted", _("KPI report accepted")
    REPORT_RETURNED = "kpi.report_returned", _("KPI report returned for correction")


register_object_nouns(
    {"kpi.report": _("KPI report"), "kpi.target": _("KPI target"), "kpi.indicator": _("indicator")}
)
