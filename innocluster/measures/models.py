from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.files import random_name
from innocluster.core.formats import numbered
from innocluster.core.models import TimeStampedModel
from innocluster.measures.enums import ApplicantKind, PaymentKind, PaymentStatus, ReportStatus

MONEY = {"max_digits": 14, "decimal_places": 2}


class Measure(TimeStampedModel):
    """A support measure of the catalogue. Its numbers live in versions, each in force from a date."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_ru = models.TextField(_("conditions (Russian)"), blank=True)
    summary_en = models.TextField(_("conditions (English)"), blank=True)
    applicant_kind = models.CharField(_("who applies"), max_length=20, choices=ApplicantKind.choices)
    review_days = models.PositiveSmallIntegerField(_("review, working days"), default=10)
    is_active = models.BooleanField(_("open for applications"), default=True)
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order in the catalogue"))
    # What an application names in another programme (`links.py`): "pilot" for `pilot-testing`.
    link = models.CharField(
        _("the application names"),
        max_length=20,
        blank=True,
        help_text=_("“pilot”: the applicant's own accepted, running or completed pilot."),
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("support measure")
        verbose_name_plural = _("support measures")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" else self.title_ru

    @property
    def summary(self) -> str:
        return self.summary_en if get_language() == "en" else self.summary_ru


class MeasureBudget(TimeStampedModel):
    """The money a measure has for a year, as the city's budget law gives it: what the staff
    dashboards set the grants paid against. Set by coordinators in the back office."""

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("support measure")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("budget, ₽"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["measure", "-year"]
        verbose_name = _("budget of a measure")
        verbose_name_plural = _("budgets of measures")
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="measure_budget_once_a_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="measure_budget_not_negative"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="measure_budget_year_2000_2100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.year}: {self.amount}"


class MeasureVersion(TimeStampedModel):
    """The measure's rules and numbers from `effective_from` on. An application keeps the version
    in force when it was submitted; a new version never changes a decided application."""

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="versions", verbose_name=_("support measure")
    )
    effective_from = models.DateField(_("in force from"))
    rules = models.JSONField(
        _("rules"), help_text=_("A list of rules: see the rule kinds in the documentation.")
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["measure", "-effective_from"]
        verbose_name = _("measure version")
        verbose_name_plural = _("measure versions")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "effective_from"], name="measures_one_version_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} from {self.effective_from:%Y-%m-%d}"


class MeasureApplication(TimeStampedModel):
    """An application for a measure: the cost items, the documents, the quote at submission and
    the amount granted. Its state is its review case."""

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="applications", verbose_name=_("support measure")
    )
    version = models.ForeignKey(
        MeasureVersion,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("measure version"),
    )
    case = models.OneToOneField(
        "reviews.ReviewCase",
        on_delete=models.PROTECT,
        related_name="measure_application",
        verbose_name=_("review case"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measure_applications",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="measure_applications",
        verbose_name=_("applicant"),
    )
    project_title = models.CharField(_("project"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    # The pilot a `pilot-testing` grant names (SPEC C6): its id, not a foreign key, because
    # measures does not depend on pilots (the link goes through `links.py`).
    pilot_id = models.PositiveBigIntegerField(_("pilot of the grant"), null=True, blank=True, db_index=True)
    requested_amount = models.DecimalField(_("requested amount"), default=Decimal("0.00"), **MONEY)
    approved_amount = models.DecimalField(_("granted amount"), null=True, blank=True, **MONEY)
    approved_year = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("year of approval")
    )
    quote = models.JSONField(_("derivation at submission"), default=dict, blank=True)
    approval_quote = models.JSONField(_("derivation at approval"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("measure application")
        verbose_name_plural = _("measure applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0), name="measures_requested_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gte=0),
                name="measures_approved_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {numbered(self.case_id)}"

    @property
    def number(self) -> int:
        """The number people read: its review case's (the same in the cabinet and on the desk)."""
        return self.case_id


class ApplicationItem(models.Model):
    application = models.ForeignKey(MeasureApplication, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(_("category"), max_length=40)
    amount = models.DecimalField(_("amount"), **MONEY)
    origin = models.CharField(_("origin"), max_length=20, blank=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=20, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    investee_inn = models.CharField(_("investee's INN"), max_length=12, blank=True)
    description = models.CharField(_("what it is"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="measures_item_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.amount}"


def document_path(instance, filename: str) -> str:
    """A random name: the original one is kept in `original_name`, the file has no public URL."""
    return random_name(f"measures/{instance.application_id}", filename)


class Document(TimeStampedModel):
    """A supporting document; served only to the application's people and staff."""

    application = models.ForeignKey(MeasureApplication, on_delete=models.CASCADE, related_name="documents")
    report = models.ForeignKey(
        "CostReport", null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(upload_to=document_path, max_length=300)
    original_name = models.CharField(max_length=255)
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.original_name


class AnnualLedger(models.Model):
    """What one organisation (or person) received under a measure's annual cap in one calendar year.
    Approvals lock this row; the database refuses `used` above `limit` whatever the code does."""

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="+", verbose_name=_("support measure")
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    limit = models.DecimalField(**MONEY, verbose_name=_("limit"))
    used = models.DecimalField(default=Decimal("0.00"), **MONEY, verbose_name=_("used"))

    class Meta:
        verbose_name = _("annual cap ledger")
        verbose_name_plural = _("annual cap ledgers")
        constraints = [
            models.CheckConstraint(
                condition=Q(used__gte=0) & Q(used__lte=F("limit")), name="measures_ledger_within_limit"
            ),
            models.CheckConstraint(
                condition=Q(organization__isnull=True) ^ Q(person__isnull=True),
                name="measures_ledger_one_holder",
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "organization"],
                name="measures_ledger_org_year",
                condition=Q(person__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "person"],
                name="measures_ledger_person_year",
                condition=Q(organization__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.year}: {self.used}/{self.limit}"


class Agreement(TimeStampedModel):
    application = models.OneToOneField(MeasureApplication, on_delete=models.PROTECT, related_name="agreement")
    number = models.CharField(_("agreement number"), max_length=40, unique=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.number


class Payment(TimeStampedModel):
    application = models.ForeignKey(MeasureApplication, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("kind"), max_length=10, choices=PaymentKind.choices)
    year_index = models.PositiveSmallIntegerField(_("year of the project"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.SCHEDULED
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="measures_payment_not_negative"),
            models.UniqueConstraint(
                fields=["application", "kind", "year_index"],
                name="measures_one_payment_per_year",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class CostReport(TimeStampedModel):
    """A year's actual costs of an import-substitution project, with documents; staff confirm them."""

    application = models.ForeignKey(MeasureApplication, on_delete=models.PROTECT, related_name="reports")
    year_index = models.PositiveSmallIntegerField(_("year of the project"))
    items = models.JSONField(_("actual costs"), default=list)
    compensable = models.DecimalField(_("compensable"), default=Decimal("0.00"), **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["year_index", "pk"]
        verbose_name = _("cost report")
        verbose_name_plural = _("cost reports")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "year_index"],
                condition=~Q(status="rejected"),
                name="measures_one_live_report_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"report {self.year_index} of {self.application_id}"


class FormDraft(models.Model):
    """What a person has typed into an application form, kept as they type (SPEC §3: nothing is
    lost), before it is valid enough to save as the application: per person, measure and
    application (none for a new one). Deleted once the form is saved."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="+", verbose_name=_("support measure")
    )
    application = models.ForeignKey(
        MeasureApplication,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("application"),
    )
    data = models.JSONField(_("typed values"), default=dict)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        verbose_name = _("application form draft")
        verbose_name_plural = _("application form drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "measure", "application"],
                nulls_distinct=False,
                name="measures_one_form_draft",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.measure_id} {self.application_id}"
