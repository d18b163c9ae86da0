from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.models import TimeStampedModel
from innocluster.kpi.enums import Better, PeriodKind, ReportStatus


class Indicator(TimeStampedModel):
    """A key performance indicator the coordinators define (SPEC C9)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    better = models.CharField(_("better"), max_length=6, choices=Better.choices)
    period = models.CharField(_("period"), max_length=7, choices=PeriodKind.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


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
    evidence_link = models.URLField(_("evidence"), max_length=500, blank=True)

    class Meta:
        ordering = ["indicator_id"]
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="kpi_value_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"
