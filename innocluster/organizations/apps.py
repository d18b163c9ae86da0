from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class OrganizationsConfig(AppConfig):
    name = "innocluster.organizations"
    label = "organizations"
    verbose_name = _("Organisations")
    role_permissions = {
        "coordinator": ["organizations.view_organization", "organizations.view_invitation"],
        "administrator": ["organizations.view_organization", "organizations.change_organization"],
        "reviewer": ["organizations.view_organization"],
    }

    def ready(self) -> None:
        from innocluster.core.cabinet import CabinetSection, register_section, register_stat
        from innocluster.organizations import rules  # noqa: F401  (registers the permissions)
        from innocluster.organizations.models import Organization, Region
        from innocluster.organizations.selectors import cabinet_section

        register_section(CabinetSection(10, "organizations/_cabinet.html", cabinet_section))
        register_stat(
            10,
            "organizations",
            lambda n: npgettext("home page figure", "organisation", "organisations", n),
            lambda: Organization.objects.count(),
        )
        register_stat(
            20,
            "regions",
            lambda n: npgettext("home page figure", "region", "regions", n),
            lambda: Region.objects.filter(organization__isnull=False).distinct().count(),
        )
