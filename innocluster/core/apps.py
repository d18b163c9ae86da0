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
        from django.utils.module_loading import autodiscover_modules

        # every app's error_codes.py registers its codes, so the API can list them all
        autodiscover_modules("error_codes")
