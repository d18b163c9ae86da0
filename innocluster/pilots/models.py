from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.models import TimeStampedModel
from innocluster.pilots.enums import Better, Conclusion, FeedbackSource, PilotStatus, SiteCategory


class TestSite(TimeStampedModel):
    """A city organisation where companies test products in real conditions (SPEC C6). Its
    organisation's owners and managers are its representatives."""

    __test__ = False  # not a pytest class, whatever its name

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="test_sites",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(_("category"), max_length=20, choices=SiteCategory.choices)
    address = models.CharField(_("address"), max_length=500)
    district = models.CharField(_("district"), max_length=100, blank=True)
    testable = models.TextField(_("what can be tested"))
    capacity = models.PositiveIntegerField(_("pilots at once"), validators=[MinValueValidator(1)])
    contact_email = models.EmailField(_("contact e-mail"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("test site")
        verbose_name_plural = _("test sites")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="pilots_site_capacity_positive")
        ]

    def __str__(self) -> str:
        return self.name


class Pilot(TimeStampedModel):
    """A company's request to test its product at a site, and the pilot it becomes."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="pilots",
        verbose_name=_("company"),
    )
    site = models.ForeignKey(
        TestSite, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("test site")
    )
    product = models.CharField(_("product"), max_length=300)
    goals = models.TextField(_("goals"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=12, choices=PilotStatus.choices, default=PilotStatus.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    answer_due = models.DateField(_("answer due"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_comment = models.TextField(_("decision comment"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    # The request's place in the review machinery: its answer's due date, reminders and the desk's
    # overdue board are those of every application (the site answers, not the desk).
    case = models.OneToOneField(
        "reviews.ReviewCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilot",
        verbose_name=_("review case"),
    )
    # The company agrees to show the completed pilot (product, company, site, conclusion) publicly.
    publish = models.BooleanField(_("shown publicly when completed"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="pilots_period_in_order")
        ]
        indexes = [models.Index(fields=["site", "status"])]

    def __str__(self) -> str:
        return self.product


class Criterion(models.Model):
    """A measurable success criterion of a pilot: met when the measured value reaches the target
    from the better side (exactly at the target counts as met)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    better = models.CharField(_("better"), max_length=6, choices=Better.choices)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("success criterion")
        verbose_name_plural = _("success criteria")
        constraints = [models.UniqueConstraint(fields=["pilot", "name"], name="pilots_criterion_name_unique")]

    def __str__(self) -> str:
        return self.name


class Protocol(models.Model):
    """The site's protocol of a pilot. A submitted version never changes; a correction is the
    next version, and the old one stays."""

    pilot = models.ForeignKey(
        Pilot, on_delete=models.PROTECT, related_name="protocols", verbose_name=_("pilot")
    )
    version = models.PositiveIntegerField(_("version"))
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=Conclusion.choices)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )

    class Meta:
        ordering = ["pilot", "-version"]
        verbose_name = _("pilot protocol")
        verbose_name_plural = _("pilot protocols")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "version"], name="pilots_protocol_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.pilot} v{self.version}"


class ProtocolResult(models.Model):
    """A measured value against a criterion, with the target and direction as they were."""

    protocol = models.ForeignKey(Protocol, on_delete=models.PROTECT, related_name="results")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    met = models.BooleanField(_("met"))

    class Meta:
        ordering = ["criterion_id"]
        verbose_name = _("protocol result")
        verbose_name_plural = _("protocol results")

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class Feedback(models.Model):
    """A user's rating of the product in a pilot: entered by the site with its protocol, or left
    through the pilot's public link (protocol empty)."""

    pilot = models.ForeignKey(
        Pilot, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("pilot")
    )
    protocol = models.ForeignKey(
        Protocol,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("protocol"),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=8, choices=FeedbackSource.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="pilots_rating_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5"
