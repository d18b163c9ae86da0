from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "innocluster.organizations"
    label = "organizations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from innocluster.organizations import rules  # noqa: F401  (registers the permissions)
