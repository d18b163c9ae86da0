from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.core.formats import numbered
from innocluster.core.models import TimeStampedModel


class MembershipApplication(TimeStampedModel):
    """What an organisation writes to join the cluster (SPEC C2); its state is its review case."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="membership_applications",
        verbose_name=_("organisation"),
    )
    case = models.OneToOneField(
        "reviews.ReviewCase",
        on_delete=models.PROTECT,
        related_name="membership_application",
        verbose_name=_("review case"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_position = models.CharField(_("position"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    activity = models.TextField(_("what the organisation does"), blank=True)
    innovation_areas = models.TextField(_("technology areas"), blank=True)
    goals = models.TextField(_("what the organisation expects from the cluster"), blank=True)
    consent_personal_data = models.BooleanField(_("consent to personal data processing"), default=False)
    consent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("consent given"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")

    def __str__(self) -> str:
        return f"membership #{self.pk} of {self.organization_id}"


class Participation(TimeStampedModel):
    """The organisation is a participant of the cluster: its number is unique, sequential and never
    reused (a PostgreSQL sequence gives it)."""

    organization = models.OneToOneField(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="participation",
        verbose_name=_("organisation"),
    )
    number = models.PositiveIntegerField(_("participant number"), unique=True)
    since = models.DateField(_("participant since"))
    application = models.OneToOneField(
        MembershipApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participation",
        verbose_name=_("application"),
    )
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("admitted by"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return numbered(self.number)
