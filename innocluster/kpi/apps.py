from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    name = "innocluster.kpi"
    label = "kpi"
    verbose_name = _("KPI of participants")
    role_permissions = {
        "coordinator": [
            "kpi.add_indicator",
            "kpi.change_indicator",
            "kpi.view_indicator",
            "kpi.view_target",
            "kpi.view_report",
            "kpi.view_reportvalue",
        ],
        "administrator": [
            "kpi.view_indicator",
            "kpi.view_target",
            "kpi.view_report",
            "kpi.view_reportvalue",
            "kpi.view_evidence",
            "kpi.view_reportreminder",
        ],
    }

    def ready(self) -> None:
        from datetime import timedelta

        from innocluster.core.cabinet import CabinetSection, register_section
        from innocluster.core.periodic import register_periodic
        from innocluster.kpi import rules  # noqa: F401  (registers the permissions)
        from innocluster.kpi.enums import CASE_STATUS_LABELS, KPI_CASE_TRANSITIONS
        from innocluster.kpi.tasks import send_kpi_reminders
        from innocluster.reviews.kinds import ReviewKind, register

        register_periodic(send_kpi_reminders, every=timedelta(hours=1))
        register_section(CabinetSection(19, "kpi/_cabinet.html", _cabinet))
        # Each submitted version of a report is an application on the review desk: its answer is
        # due in 10 working days and the coordinators are reminded; it is decided on its own page.
        register(
            ReviewKind(
                key="kpi_report",
                label=_("KPI report"),
                model="kpi.Report",
                applicant_url=lambda case: f"/kpi/reports/{case.kpi_report.pk}/",
                staff_template="kpi/staff_case.html",
                transitions=KPI_CASE_TRANSITIONS,
                status_labels=CASE_STATUS_LABELS,
                decided_by_app=True,
                reminder_url=lambda case: f"/kpi/reports/{case.kpi_report.pk}/",
            )
        )


def _cabinet(request):
    """The "KPI reports" section: the periods this person's organisations report, by when."""
    from innocluster.kpi import selectors

    return {"kpi_due": selectors.due_reports(request.user)}
