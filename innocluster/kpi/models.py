from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.files import random_name
from innocluster.core.models import TimeStampedModel
from innocluster.kpi.enums import Better, PeriodKind, ReportStatus, ValueKind


class Indicator(TimeStampedModel):
    """A key performance indicator the coordinators define (SPEC C9)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(
        _("name (English)"),
        max_length=200,
        blank=True,
        help_text=_("Shown on English pages; empty: the name."),
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    unit_en = models.CharField(
        _("unit (English)"),
        max_length=30,
        blank=True,
        help_text=_("Shown on English pages; empty: the unit."),
    )
    better = models.CharField(_("better"), max_length=6, choices=Better.choices)
    period = models.CharField(_("period"), max_length=7, choices=PeriodKind.choices)
    value_kind = models.CharField(
        _("values"), max_length=6, choices=ValueKind.choices, default=ValueKind.AMOUNT
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language: the English one on English pages, where given."""
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def unit_label(self) -> str:
        return self.unit_en if get_language() == "en" and self.unit_en else self.unit


class Target(TimeStampedModel):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("indicator")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="kpi_targets",
        verbose_name=_("organisation"),
    )
    period = models.CharField(_("period"), max_length=7)
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=2)
    tolerance_percent = models.DecimalField(_("tolerance, %"), max_digits=5, decimal_places=2, default=0)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("set by")
    )

    class Meta:
        ordering = ["period", "organization_id", "indicator_id"]
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organization", "period"], name="kpi_target_unique"),
            models.CheckConstraint(
                condition=Q(tolerance_percent__gte=0, tolerance_percent__lte=100), name="kpi_tolerance_0_100"
            ),
        ]
        indexes = [models.Index(fields=["period", "indicator"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}: {self.value}"


class Report(TimeStampedModel):
    """An organisation's report for a period; a correction is the next version, the old one kept."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="kpi_reports",
        verbose_name=_("organisation"),
    )
    period = models.CharField(_("period"), max_length=7)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices)
    due = models.DateField(_("due"))
    late = models.BooleanField(_("late"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_comment = models.TextField(_("reasons"), blank=True)
    # Each version is an application on the review desk (its due date, reminders to coordinators);
    # it is decided on the report's own page.
    case = models.OneToOneField(
        "reviews.ReviewCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kpi_report",
        verbose_name=_("review case"),
    )

    class Meta:
        ordering = ["organization_id", "period", "-version"]
        verbose_name = _("KPI report")
        verbose_name_plural = _("KPI reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period", "version"], name="kpi_report_version_unique"
            )
        ]
        indexes = [models.Index(fields=["period", "organization"])]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.period} v{self.version}"


class ReportValue(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="values", verbose_name=_("report")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    explanation = models.TextField(_("explanation of a deviation"), blank=True)
    corrective_action = models.TextField(_("corrective action"), blank=True)
    evidence_link = models.URLField(_("evidence"), max_length=500, blank=True)
    # What the platform itself knew of this value when the report was submitted (grants paid,
    # pilots completed, contracts awarded, patents compensated); None where it knows nothing.
    known_value = models.DecimalField(
        _("value known to the platform"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    return_reason = models.TextField(_("reason for correction"), blank=True)
    evidence = models.ManyToManyField(
        "Evidence", blank=True, related_name="values", verbose_name=_("evidence files")
    )

    class Meta:
        ordering = ["indicator_id"]
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="kpi_value_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


def evidence_path(instance, filename: str) -> str:
    """A random name: the original one is kept in `original_name`, the file has no public URL."""
    return random_name(f"kpi/{instance.organization_id}", filename)


class Evidence(TimeStampedModel):
    """A file backing a value of an organisation's report for a period. Uploaded while the report
    is typed; a submitted version keeps the files it was submitted with, also once removed from
    the draft (`removed_at`)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="kpi_evidence",
        verbose_name=_("organisation"),
    )
    period = models.CharField(_("period"), max_length=7)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("KPI evidence file")
        verbose_name_plural = _("KPI evidence files")
        indexes = [models.Index(fields=["organization", "period"])]

    def __str__(self) -> str:
        return self.original_name


class ReportDraft(models.Model):
    """What a participant has typed of the next version of a report, saved as they type."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    period = models.CharField(_("period"), max_length=7)
    data = models.JSONField(_("typed values"), default=dict)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("saved by")
    )

    class Meta:
        verbose_name = _("KPI report draft")
        verbose_name_plural = _("KPI report drafts")
        constraints = [models.UniqueConstraint(fields=["organization", "period"], name="kpi_draft_unique")]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.period}"


class ReportReminder(models.Model):
    """A reminder sent to an organisation of a report's due date, once each: 10 and 2 working days
    before it and when it is overdue."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    period = models.CharField(_("period"), max_length=7)
    which = models.CharField(_("reminder"), max_length=10)
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("KPI report reminder")
        verbose_name_plural = _("KPI report reminders")
        constraints = [
            models.UniqueConstraint(fields=["organization", "period", "which"], name="kpi_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.period} {self.which}"
