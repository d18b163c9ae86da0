from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganizationKind(models.TextChoices):
    LEGAL_ENTITY = "legal_entity", _("Legal entity")
    SOLE_PROPRIETOR = "sole_proprietor", _("Sole proprietor")


class SmeCategory(models.TextChoices):
    MICRO = "micro", pgettext_lazy("enterprise size", "Micro")
    SMALL = "small", pgettext_lazy("enterprise size", "Small")
    MEDIUM = "medium", pgettext_lazy("enterprise size", "Medium")
    LARGE = "large", pgettext_lazy("enterprise size", "Large")


class OrganizationRole(models.TextChoices):
    """A person's role inside one organisation (SPEC §1)."""

    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    MEMBER = "member", pgettext_lazy("organisation role", "Member")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


# Who may do what inside an organisation: the role and every role above it.
ROLE_RANK = {OrganizationRole.MEMBER: 1, OrganizationRole.MANAGER: 2, OrganizationRole.OWNER: 3}
INVITATION_TTL_DAYS = 14
