"""Statuses after the review (agreement, payments) and the measures' transitions table: the review
desk's table plus the agreement and payment steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innocluster.reviews.enums import APPLICANT, STAFF, TRANSITIONS, ReviewStatus

MEASURE_TRANSITIONS = {
    **TRANSITIONS,
    (ReviewStatus.APPROVED, ReviewStatus.AGREEMENT_SIGNED): {"by": APPLICANT, "comment": False},
    (ReviewStatus.AGREEMENT_SIGNED, ReviewStatus.PAYING): {"by": STAFF, "comment": False},
    (ReviewStatus.PAYING, ReviewStatus.COMPLETED): {"by": STAFF, "comment": False},
    (ReviewStatus.AGREEMENT_SIGNED, ReviewStatus.TERMINATED): {"by": STAFF, "comment": True},
    (ReviewStatus.PAYING, ReviewStatus.TERMINATED): {"by": STAFF, "comment": True},
}


class ApplicantKind(models.TextChoices):
    ORGANIZATION = "organization", _("Organisation")
    PERSON = "person", _("Person")


class PaymentKind(models.TextChoices):
    SINGLE = "single", _("Single payment")
    ADVANCE = "advance", _("Advance")
    ANNUAL = "annual", _("Annual payment")


class PaymentStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


# The only changes of status a payment and a cost report may make (rule 3 of DESIGN.md): anything
# else is refused by their transition functions in services/payments.py.
PAYMENT_TRANSITIONS = {
    (PaymentStatus.SCHEDULED, PaymentStatus.PAID),
    (PaymentStatus.SCHEDULED, PaymentStatus.CANCELLED),
}
REPORT_TRANSITIONS = {
    (ReportStatus.SUBMITTED, ReportStatus.CONFIRMED),
    (ReportStatus.SUBMITTED, ReportStatus.REJECTED),
}


CATEGORY_LABELS = {
    "logistics": _("Logistics"),
    "insurance": _("Insurance"),
    "certification": _("Certification"),
    "consumables": _("Consumables and components"),
    "labor": _("Labour"),
    "maintenance": _("Repair and maintenance"),
    "equipment_rental": _("Equipment rental"),
    "patent": _("Patent application"),
    "invention": _("Invention"),
    "utility_model": _("Utility model"),
    # the object of a patent (Civil Code art. 1352): «промышленный образец», not the design service
    "industrial_design": pgettext_lazy("object of a patent", "Industrial design"),
    "purchase": _("Equipment purchase"),
    "leasing": _("Leasing"),
    "loan_interest": _("Loan interest"),
    "investment": _("Investment"),
    "real_estate": _("Real estate"),
    "utility_connection": _("Utility connection (electricity, gas, water, heat, sewerage)"),
    "ip_rights": _("Intellectual property rights"),
    "equipment": _("Equipment"),
    "software": _("Software"),
    "salaries": _("Salaries"),
}
ATTRIBUTE_LABELS = {
    "origin": _("Origin"),
    "jurisdiction": _("Jurisdiction"),
    "date": _("Date"),
    "investee_inn": _("Investee's INN"),
}
VALUE_LABELS = {
    "domestic": _("domestic"),
    "imported": _("imported"),
    "ru": _("Russia"),
    "foreign": _("abroad"),
}
CAP_LABELS = {
    "per_application": _("Per application"),
    "per_organization_per_year": _("Per organisation per calendar year"),
    "per_person_per_year": _("Per investor per calendar year"),
}
