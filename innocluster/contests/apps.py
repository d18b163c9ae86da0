from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "innocluster.contests"
    label = "contests"
    verbose_name = _("Technology contests")
    role_permissions = {
        "coordinator": [
            "contests.view_contest",
            "contests.view_solution",
            "contests.view_assignment",
            "contests.view_scoresheet",
        ],
        "administrator": ["contests.view_contest", "contests.view_solution"],
    }

    def ready(self) -> None:
        from datetime import timedelta

        from innocluster.contests import rules  # noqa: F401  (registers the permissions)
        from innocluster.contests.tasks import close_due_contests
        from innocluster.core.cabinet import CabinetSection, register_section
        from innocluster.core.periodic import register_periodic

        register_periodic(close_due_contests, every=timedelta(hours=1))
        register_section(CabinetSection(19, "contests/_cabinet.html", _cabinet))


def _cabinet(request):
    """The "Technology contests" section: an expert's contests with what to do (declare, N to
    score), and the solutions of this person's organisations with their results."""
    from innocluster.contests import selectors

    return {
        "pools": selectors.pools_of_expert(request.user),
        "solutions": list(selectors.solutions_of_person(request.user)[:20]),
    }
