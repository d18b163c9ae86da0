from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.formats import numbered
from innocluster.core.models import TimeStampedModel
from innocluster.registry.enums import RegistryCategory


class DateRange(Func):
    function = "daterange"
    output_field = DateRangeField()


class RegistryApplication(TimeStampedModel):
    """A participant's request to enter the register of startups and high-tech companies (SPEC C3),
    with the facts the decision rests on."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="registry_applications",
        verbose_name=_("organisation"),
    )
    case = models.OneToOneField(
        "reviews.ReviewCase",
        on_delete=models.PROTECT,
        related_name="registry_application",
        verbose_name=_("review case"),
    )
    category = models.CharField(_("category"), max_length=20, choices=RegistryCategory.choices)
    revenue_last_year = models.DecimalField(
        _("revenue last year, ₽"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    rnd_spending_last_year = models.DecimalField(
        _("R&D spending last year, ₽"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    ip_objects = models.PositiveIntegerField(_("patents and other IP objects"), null=True, blank=True)
    technology = models.TextField(_("the technology or product"), blank=True)
    novelty = models.TextField(_("what is new in it"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("register application")
        verbose_name_plural = _("register applications")

    def __str__(self) -> str:
        return f"register application #{self.pk}"


class RegistryEntry(TimeStampedModel):
    """A period of an organisation in the register: from `included_on` (inclusive) to
    `excluded_on` (exclusive; open while null). Entries are never deleted: the history answers
    "was this INN in the register on date D"; periods of one organisation never overlap."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="registry_entries",
        verbose_name=_("organisation"),
    )
    number = models.PositiveIntegerField(_("register number"), unique=True)
    category = models.CharField(_("category"), max_length=20, choices=RegistryCategory.choices)
    included_on = models.DateField(_("included on"))
    excluded_on = models.DateField(_("excluded on"), null=True, blank=True)
    exclusion_reason = models.TextField(_("reason for exclusion"), blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("excluded by"),
    )
    application = models.OneToOneField(
        RegistryApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entry",
        verbose_name=_("application"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(excluded_on__isnull=True) | Q(excluded_on__gt=F("included_on")),
                name="registry_entry_excluded_after_included",
            ),
            ExclusionConstraint(
                name="registry_entry_periods_do_not_overlap",
                expressions=[
                    ("organization", RangeOperators.EQUAL),
                    (DateRange("included_on", "excluded_on"), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        return numbered(self.number)

    @property
    def is_active(self) -> bool:
        return self.excluded_on is None
