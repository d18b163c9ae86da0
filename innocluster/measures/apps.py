from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "innocluster.measures"
    label = "measures"
    verbose_name = _("Support measures")
    role_permissions = {
        "coordinator": [
            "measures.view_measure",
            "measures.change_measure",
            "measures.view_measureversion",
            "measures.add_measureversion",
            "measures.view_measureapplication",
            "measures.view_annualledger",
            "measures.view_measurebudget",
            "measures.add_measurebudget",
            "measures.change_measurebudget",
        ],
        "administrator": ["measures.view_measure", "measures.view_measureversion"],
    }

    def ready(self) -> None:
        from innocluster.core.cabinet import register_stat
        from innocluster.measures.enums import MEASURE_TRANSITIONS
        from innocluster.measures.services import on_measure_transition
        from innocluster.reviews.kinds import ReviewKind, register

        register(
            ReviewKind(
                key="measure",
                label=_("Support measure"),
                model="measures.MeasureApplication",
                applicant_url=lambda case: f"/measures/applications/by-case/{case.pk}/",
                staff_template="measures/staff_application.html",
                transitions=MEASURE_TRANSITIONS,
                on_transition=on_measure_transition,
                review_days_of=lambda case: case.measure_application.measure.review_days,
            )
        )

        def granted_total():
            # the grants that still hold, as the open data counts them (a terminated one does not);
            # the home page writes it as "491,0 млн ₽". Imported here: the models are not ready
            # when apps.py is imported.
            from innocluster.measures.selectors import granted_total

            return granted_total()

        register_stat(40, "granted", _("granted"), granted_total)
