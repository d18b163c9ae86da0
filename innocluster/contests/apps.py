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
        from innocluster.core.periodic import register_periodic

        register_periodic(close_due_contests, every=timedelta(hours=1))
