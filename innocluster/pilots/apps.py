from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "innocluster.pilots"
    label = "pilots"
    verbose_name = _("Pilot testing")
    role_permissions = {
        "coordinator": [
            "pilots.view_testsite",
            "pilots.view_pilot",
            "pilots.view_protocol",
            "pilots.view_feedback",
        ],
        "administrator": [
            "pilots.view_testsite",
            "pilots.view_pilot",
            "pilots.view_protocol",
            "pilots.view_feedback",
        ],
    }

    def ready(self) -> None:
        from datetime import timedelta

        from innocluster.core.cabinet import CabinetSection, register_section
        from innocluster.core.periodic import register_periodic
        from innocluster.measures.links import register as register_application_link
        from innocluster.pilots import rules  # noqa: F401  (registers the permissions)
        from innocluster.pilots.enums import ANSWER_WORKING_DAYS
        from innocluster.pilots.grant_link import PILOT_LINK
        from innocluster.pilots.tasks import start_due_pilots
        from innocluster.reviews.enums import APP_TRANSITIONS
        from innocluster.reviews.kinds import ReviewKind, register

        register_periodic(start_due_pilots, every=timedelta(hours=1))
        register_section(CabinetSection(18, "pilots/_cabinet.html", _cabinet))
        # the `pilot-testing` grant names its pilot through measures' registry (measures/links.py)
        register_application_link(PILOT_LINK)
        # A pilot request is an application like any other for its due date, its reminders and
        # the desk's overdue board; the site answers it on the pilot's page.
        register(
            ReviewKind(
                key="pilot",
                label=_("Pilot request"),
                model="pilots.Pilot",
                applicant_url=lambda case: f"/pilots/by-case/{case.pk}/",
                staff_template="pilots/staff_case.html",
                review_days=ANSWER_WORKING_DAYS,
                transitions=APP_TRANSITIONS,
                decided_by_app=True,
                reminder_recipients=_site_representatives_of_case,
                reminder_url=lambda case: f"/pilots/by-case/{case.pk}/",
            )
        )


def _cabinet(request):
    """The "Pilot testing" section: the requests and pilots at the sites this person represents
    (what to answer, by when; which protocols are due), and their own companies' pilots."""
    from django.utils import timezone

    from innocluster.pilots import selectors

    return {
        "sites": list(selectors.represented_sites(request.user)),
        "site_pilots": list(selectors.site_requests(request.user)[:30]),
        "company_pilots": list(selectors.company_pilots(request.user)[:10]),
        "today": timezone.localdate(),
    }


def _site_representatives_of_case(case):
    from innocluster.pilots.models import Pilot
    from innocluster.pilots.services import site_representatives

    return site_representatives(Pilot.objects.select_related("site__organization").get(case=case))
