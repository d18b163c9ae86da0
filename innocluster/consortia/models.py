from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.consortia.enums import InvitationStatus, JoinRequestStatus, MemberRole, ProjectRoleKind
from innocluster.core.models import TimeStampedModel


class Consortium(TimeStampedModel):
    """An intersectoral cluster (SPEC C4): a coordinator organisation, members that are all
    participants of the cluster, partners, joint projects. Its state is its review case."""

    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"))
    areas = ArrayField(models.CharField(max_length=100), verbose_name=_("adjacent areas"), default=list)
    coordinator = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="coordinated_consortia",
        verbose_name=_("coordinator"),
    )
    case = models.OneToOneField(
        "reviews.ReviewCase",
        on_delete=models.PROTECT,
        related_name="consortium",
        verbose_name=_("review case"),
    )
    below_minimum_since = models.DateTimeField(_("below 30 participants since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("intersectoral cluster")
        verbose_name_plural = _("intersectoral clusters")

    def __str__(self) -> str:
        return self.name


class ConsortiumMember(TimeStampedModel):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="consortium_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("consortium member")
        verbose_name_plural = _("consortium members")
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "organization"],
                condition=Q(left_at__isnull=True),
                name="consortia_one_active_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.role} of {self.consortium_id}"


class ConsortiumInvitation(TimeStampedModel):
    """Single-use, bound to the invited organisation, valid for 30 days."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="consortium_invitations"
    )
    role = models.CharField(
        _("as"),
        max_length=12,
        choices=[
            (MemberRole.MEMBER, MemberRole.MEMBER.label),
            (MemberRole.PARTNER, MemberRole.PARTNER.label),
        ],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField(_("expires"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consortium invitation")
        verbose_name_plural = _("consortium invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "organization"],
                condition=Q(status="pending"),
                name="consortia_one_pending_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.consortium_id} ({self.status})"


class JoinRequest(TimeStampedModel):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="join_requests")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "organization"],
                condition=Q(status="pending"),
                name="consortia_one_pending_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} asks {self.consortium_id}"


class JointProject(TimeStampedModel):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")

    def __str__(self) -> str:
        return self.title


class ProjectRole(TimeStampedModel):
    """A link of the project's cooperation chain, held by a member or partner (or open)."""

    project = models.ForeignKey(JointProject, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=24, choices=ProjectRoleKind.choices)
    note = models.CharField(_("what is needed"), max_length=300, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("project role")
        verbose_name_plural = _("project roles")

    def __str__(self) -> str:
        return f"{self.kind} of {self.project_id}"
