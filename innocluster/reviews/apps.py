from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "innocluster.reviews"
    label = "reviews"
    verbose_name = _("Review desk")

    def ready(self) -> None:
        from datetime import timedelta

        from innocluster.core.cabinet import CabinetSection, register_section
        from innocluster.core.periodic import register_periodic
        from innocluster.organizations.selectors import STAFF_REASONS
        from innocluster.reviews import rules  # noqa: F401  (registers the permissions)
        from innocluster.reviews.selectors import assigned_case_reason, cabinet_cases
        from innocluster.reviews.tasks import send_review_reminders

        register_periodic(send_review_reminders, every=timedelta(hours=1))
        if assigned_case_reason not in STAFF_REASONS:
            STAFF_REASONS.append(assigned_case_reason)
        register_section(
            CabinetSection(
                20,
                "reviews/_cabinet.html",
                lambda request: {
                    "cases": cabinet_cases(request.user),
                    "has_organization": request.user.organization_roles.exists(),
                },
            )
        )
