from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "innocluster.pilots"
    label = "pilots"
    verbose_name = _("Pilot testing")

    def ready(self) -> None:
        from datetime import timedelta

        from innocluster.core.periodic import register_periodic
        from innocluster.pilots import rules  # noqa: F401  (registers the permissions)
        from innocluster.pilots.tasks import start_due_pilots

        register_periodic(start_due_pilots, every=timedelta(hours=1))
