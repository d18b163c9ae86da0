from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegistryConfig(AppConfig):
    name = "innocluster.registry"
    label = "registry"
    verbose_name = _("Register of startups and high-tech companies")

    def ready(self) -> None:
        from django.urls import reverse

        from innocluster.core.cabinet import register_stat
        from innocluster.organizations.selectors import CABINET_LINKS
        from innocluster.registry.models import RegistryEntry
        from innocluster.registry.services import on_registry_transition
        from innocluster.reviews.kinds import ReviewKind, register

        register(
            ReviewKind(
                key="registry",
                label=_("Register of startups and high-tech companies"),
                model="registry.RegistryApplication",
                applicant_url=lambda case: reverse("registry:apply", args=[case.organization_id]),
                staff_template="registry/staff_application.html",
                on_transition=on_registry_transition,
            )
        )
        label = pgettext_lazy("the registry", "Register")
        if all(name != "registry:apply" for name, _label in CABINET_LINKS):
            CABINET_LINKS.append(("registry:apply", label))
        register_stat(
            30,
            "register",
            _("in the register"),
            lambda: RegistryEntry.objects.filter(excluded_on__isnull=True).count(),
        )
