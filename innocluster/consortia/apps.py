from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class ConsortiaConfig(AppConfig):
    name = "innocluster.consortia"
    label = "consortia"
    verbose_name = _("Intersectoral clusters")

    def ready(self) -> None:
        from innocluster.consortia.enums import CASE_STATUS_LABELS
        from innocluster.consortia.models import Consortium
        from innocluster.consortia.services import on_consortium_transition
        from innocluster.core.cabinet import CabinetSection, register_section, register_stat
        from innocluster.reviews.enums import ReviewStatus
        from innocluster.reviews.kinds import ReviewKind, register

        register(
            ReviewKind(
                key="consortium",
                label=_("Intersectoral cluster"),
                model="consortia.Consortium",
                applicant_url=lambda case: f"/consortia/by-case/{case.pk}/",
                staff_template="consortia/staff_application.html",
                on_transition=on_consortium_transition,
                status_labels=CASE_STATUS_LABELS,
            )
        )
        register_section(CabinetSection(15, "consortia/_cabinet.html", _cabinet))
        register_stat(
            20,
            "consortia",
            lambda n: npgettext("home page figure", "intersectoral cluster", "intersectoral clusters", n),
            lambda: Consortium.objects.filter(case__status=ReviewStatus.APPROVED).count(),
        )


def _cabinet(request):
    from innocluster.consortia.enums import InvitationStatus
    from innocluster.consortia.models import Consortium, ConsortiumInvitation

    org_ids = list(
        request.user.organization_roles.filter(role__in=["owner", "manager"]).values_list(
            "organization_id", flat=True
        )
    )
    all_ids = list(request.user.organization_roles.values_list("organization_id", flat=True))
    return {
        "invitations": ConsortiumInvitation.objects.filter(
            organization_id__in=org_ids, status=InvitationStatus.PENDING
        )
        .select_related("consortium", "organization")
        .order_by("-created_at"),
        "consortia": Consortium.objects.filter(
            memberships__organization_id__in=all_ids, memberships__left_at__isnull=True
        )
        .select_related("case")
        .distinct()
        .order_by("name"),
    }
