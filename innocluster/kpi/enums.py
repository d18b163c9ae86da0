"""Indicators' directions and periods, the report's statuses (SPEC C9), the default indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innocluster.reviews.enums import APP, ReviewStatus


class Better(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", pgettext_lazy("KPI period", "Quarter")
    YEAR = "year", pgettext_lazy("KPI period", "Year")


class ValueKind(models.TextChoices):
    """What an indicator's values may be: checked when a report or a target is given."""

    AMOUNT = "amount", _("An amount: not negative, at most 2 decimal places")
    COUNT = "count", _("A count: a whole number, not negative")
    SIGNED = "signed", _("A number that may be negative (a profit, a change)")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("KPI report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("KPI report status", "Returned for correction")
    ACCEPTED = "accepted", pgettext_lazy("KPI report status", "Accepted")


# A report may go from submitted to accepted or returned; a returned one is corrected by a new
# version (the old one stays as it was).
REPORT_TRANSITIONS = {
    (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED): {"comment": False},
    (ReportStatus.SUBMITTED, ReportStatus.RETURNED): {"comment": True},
}

# SPEC C9's defaults: code, Russian and English names, unit, better, period.
DEFAULT_INDICATORS = [
    ("revenue", "Выручка", "Revenue", "₽", "higher", "year"),
    ("rnd_spending", "Расходы на НИОКР", "R&D spending", "₽", "higher", "year"),
    ("staff", "Численность работников", "Staff", "чел.", "higher", "year"),
    ("investments", "Привлечённые инвестиции", "Investments attracted", "₽", "higher", "year"),
    ("contracts", "Заключённые контракты", "Contracts concluded", "₽", "higher", "year"),
    ("patents", "Полученные патенты", "Patents obtained", "шт.", "higher", "year"),
    ("products", "Выведенные на рынок продукты", "Products launched", "шт.", "higher", "year"),
]

# The report's review case (reviews): decided on the report's page, accepted or returned.
KPI_CASE_TRANSITIONS = {
    (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED): {"by": APP, "comment": False},
    (ReviewStatus.SUBMITTED, ReviewStatus.RETURNED): {"by": APP, "comment": True},
}
CASE_STATUS = {ReportStatus.ACCEPTED: ReviewStatus.APPROVED, ReportStatus.RETURNED: ReviewStatus.RETURNED}
# the case's status in the report's own words (the cabinet and the desk say what the KPI page says)
CASE_STATUS_LABELS = {
    ReviewStatus.SUBMITTED: ReportStatus.SUBMITTED.label,
    ReviewStatus.APPROVED: ReportStatus.ACCEPTED.label,
    ReviewStatus.RETURNED: ReportStatus.RETURNED.label,
}
