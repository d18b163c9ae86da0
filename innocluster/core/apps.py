from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "innocluster.core"
    label = "core"
    verbose_name = _("Platform core")
    role_permissions = {
        "administrator": [
            "core.add_calendaroverride",
            "core.change_calendaroverride",
            "core.delete_calendaroverride",
            "core.view_calendaroverride",
            "core.view_auditevent",
        ],
        "coordinator": ["core.view_calendaroverride", "core.view_auditevent"],
    }

    def ready(self) -> None:
        from datetime import timedelta

        from django.conf import settings
        from django.utils.module_loading import autodiscover_modules

        from innocluster.core.periodic import register_periodic
        from innocluster.core.tasks import (
            clear_expired_sessions,
            prune_rate_counters,
            prune_task_results,
            scheduled_backup,
        )

        # every app's error_codes.py registers its codes, so the API can list them all
        autodiscover_modules("error_codes")
        register_periodic(prune_rate_counters, every=timedelta(hours=6))
        register_periodic(clear_expired_sessions, every=timedelta(hours=6))
        register_periodic(prune_task_results, every=timedelta(hours=6))
        if settings.BACKUP_DIR:
            # checked hourly, written once a day: the first check of a day (soon after midnight
            # while a worker runs) makes it, whichever worker comes first
            register_periodic(scheduled_backup, every=timedelta(hours=1))
