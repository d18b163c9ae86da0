from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class MembershipConfig(AppConfig):
    name = "innocluster.membership"
    label = "membership"
    verbose_name = _("Cluster membership")

    def ready(self) -> None:
        from django.urls import reverse

        from innocluster.core.cabinet import register_stat
        from innocluster.membership.models import Participation
        from innocluster.membership.services import on_membership_transition
        from innocluster.organizations.selectors import CABINET_LINKS
        from innocluster.reviews.kinds import ReviewKind, register

        if all(name != "membership:page" for name, _label in CABINET_LINKS):
            CABINET_LINKS.append(("membership:page", _("Membership")))
        register_stat(
            5,
            "participants",
            lambda n: npgettext("home page figure", "participant", "participants", n),
            lambda: Participation.objects.count(),
        )

        register(
            ReviewKind(
                key="membership",
                label=_("Cluster membership"),
                model="membership.MembershipApplication",
                applicant_url=lambda case: reverse("membership:page", args=[case.organization_id]),
                staff_template="membership/staff_application.html",
                on_transition=on_membership_transition,
            )
        )
