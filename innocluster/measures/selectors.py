import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from innocluster.core.errors import Conflict
from innocluster.core.formats import human_date
from innocluster.measures import quote as engine
from innocluster.measures.enums import PaymentStatus
from innocluster.measures.error_codes import MeasureErrorCode
from innocluster.measures.models import (
    AnnualLedger,
    ApplicationItem,
    Measure,
    MeasureApplication,
    MeasureBudget,
    MeasureVersion,
    Payment,
)
from innocluster.reviews.enums import ReviewStatus

ZERO = Decimal("0.00")


def catalogue() -> QuerySet[Measure]:
    return Measure.objects.filter(is_active=True).prefetch_related("versions")


def get_measure(code: str) -> Measure | None:
    return Measure.objects.filter(code=str(code)[:40]).first()


def application_for(user, pk, *, perm: str = "reviews.view_case") -> MeasureApplication | None:
    """The application if `user` may see it (its people, staff handling it); else None → 404."""
    try:
        application = (
            MeasureApplication.objects.select_related("measure", "version", "case", "organization", "person")
            .prefetch_related(
                "items", "documents", Prefetch("payments", queryset=Payment.objects.order_by("pk")), "reports"
            )
            .get(pk=int(pk))
        )
    except (ValueError, TypeError, OverflowError, MeasureApplication.DoesNotExist):
        return None
    return application if user.is_authenticated and user.has_perm(perm, application.case) else None


def annual_cap_of(rules: list[dict]) -> dict | None:
    caps = engine.rules_of(rules, "annual_cap")
    return caps[0] if caps else None


def version_on(measure: Measure, on: dt.date) -> MeasureVersion:
    version = measure.versions.filter(effective_from__lte=on).order_by("-effective_from").first()
    if version is None:
        raise Conflict(
            _("The measure has no rules in force on %(date)s.") % {"date": human_date(on)},
            code=MeasureErrorCode.NO_RULES,
        )
    return version


def used_this_year(
    *, measure: Measure, rules: list[dict], year: int, organization=None, person=None
) -> Decimal | None:
    """What the holder received under the annual cap in `year`; None when the measure has none."""
    cap = annual_cap_of(rules)
    if cap is None:
        return None
    holder = {"organization": organization} if cap["per"] == "organization" else {"person": person}
    if next(iter(holder.values())) is None:
        return None
    row = (
        AnnualLedger.objects.filter(measure=measure, year=year, **holder)
        .values_list("used", flat=True)
        .first()
    )
    return row if row is not None else ZERO


def known_choices() -> dict[str, set[str]]:
    """Every value a cost item's choice fields take in some measure's rules, any version: an item
    category, an origin, a jurisdiction. One small query (the rules are a few kilobytes)."""
    categories: set[str] = set()
    values: dict[str, set[str]] = {"origin": set(), "jurisdiction": set()}
    for rules in MeasureVersion.objects.values_list("rules", flat=True):
        categories.update(engine.eligible_categories(rules))
        for attribute in values:
            values[attribute].update(engine.attribute_values(rules, attribute))
    return {"category": categories, **values}


def case_numbers(application_ids) -> dict[int, int]:
    """{application id: its case's number} in one query."""
    return dict(MeasureApplication.objects.filter(pk__in=application_ids).values_list("pk", "case_id"))


# --- what the platform knows of an organisation's grants (the KPI reads these) ----------------

PATENT_COMPENSATION = "patent-compensation"
# An approved application holds its grant in these states; a terminated one no longer does.
HOLDING_GRANT = (
    ReviewStatus.APPROVED,
    ReviewStatus.AGREEMENT_SIGNED,
    ReviewStatus.PAYING,
    ReviewStatus.COMPLETED,
)


def grants_paid(organization_ids, first_day: dt.date, last_day: dt.date) -> dict[int, Decimal]:
    """{organisation id: Σ of the payments of its grants (any measure) paid from `first_day` to
    `last_day`, both included}; organisations paid nothing are left out. One query."""
    rows = (
        Payment.objects.filter(
            status=PaymentStatus.PAID,
            paid_on__range=(first_day, last_day),
            application__organization_id__in=list(organization_ids),
        )
        .values("application__organization_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["application__organization_id"]: row["total"] for row in rows}


def patents_compensated(organization_ids, first_day: dt.date, last_day: dt.date) -> dict[int, int]:
    """{organisation id: the number of patent applications (the cost items of the patent
    compensation measure, one per patent) whose compensation was paid from `first_day` to
    `last_day`, both included}; organisations with none are left out. One query."""
    rows = (
        ApplicationItem.objects.filter(
            application__measure__code=PATENT_COMPENSATION,
            application__organization_id__in=list(organization_ids),
            application__payments__status=PaymentStatus.PAID,
            application__payments__paid_on__range=(first_day, last_day),
        )
        .values("application__organization_id")
        .annotate(patents=Count("pk", distinct=True))
        .order_by()
    )
    return {row["application__organization_id"]: row["patents"] for row in rows}


def grant_recipients(measure: Measure, year: int) -> list[int]:
    """The ids of the organisations granted the measure in `year` (the year of approval) that
    still hold the grant (approved, agreement signed, paying or completed; not terminated), in
    order. One query."""
    return list(
        MeasureApplication.objects.filter(
            measure=measure,
            approved_year=year,
            organization__isnull=False,
            case__status__in=HOLDING_GRANT,
        )
        .values_list("organization_id", flat=True)
        .distinct()
        .order_by("organization_id")
    )


def recipient_ids(measure_code: str) -> QuerySet:
    """The ids of the organisations that hold a grant of the measure (any year), as a subquery
    for another app's filter (the KPI board's "by measure")."""
    return (
        MeasureApplication.objects.filter(
            measure__code=measure_code, organization__isnull=False, case__status__in=HOLDING_GRANT
        )
        .values("organization_id")
        .distinct()
    )


def holding_grants() -> QuerySet:
    """The grants that still hold: approved, agreement signed, paying or completed (a terminated
    one no longer counts). What the open data and the home page's total count alike."""
    return MeasureApplication.objects.filter(case__status__in=HOLDING_GRANT, approved_year__isnull=False)


def granted_total() -> Decimal:
    """The sum of the grants that still hold (holding_grants), in rubles."""
    return holding_grants().aggregate(total=Sum("approved_amount"))["total"] or Decimal(0)


def grants_by_measure_year(*, year: int | None = None, region: str = "", measure: str = "") -> list[dict]:
    """[{measure_code, title_ru, title_en, year, count, amount}]: the grants that still hold
    (approved, agreement signed, paying or completed; a terminated one no longer counts) per
    measure and year of approval, `amount` the sum of the amounts granted; only `year`, the
    organisations of a region (a person's grant has no region: it is left out then) and one
    measure's code when given. In the catalogue's order of measures, then by year. One query."""
    grants = holding_grants()
    if year:
        grants = grants.filter(approved_year=year)
    if region:
        grants = grants.filter(organization__region_id=region)
    if measure:
        grants = grants.filter(measure__code=measure)
    return list(
        grants.values(
            "approved_year",
            measure_code=F("measure__code"),
            title_ru=F("measure__title_ru"),
            title_en=F("measure__title_en"),
            order=F("measure__order"),
        )
        .annotate(count=Count("pk"), amount=Sum("approved_amount"))
        .order_by("order", "measure_code", "approved_year")
    )


def paid_by_measure_year(*, year: int | None = None, region: str = "", measure: str = "") -> list[dict]:
    """[{measure_code, title_ru, title_en, order, year, count, amount}]: the payments made (paid)
    per measure and calendar year of payment, `amount` their sum, whatever became of the grant
    since; only `year`, the organisations of a region (a person's grant has no region: it is left
    out then) and one measure's code when given. In the catalogue's order of measures, then by
    year. One query."""
    paid = Payment.objects.filter(status=PaymentStatus.PAID, paid_on__isnull=False)
    if year:
        paid = paid.filter(paid_on__range=(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if region:
        paid = paid.filter(application__organization__region_id=region)
    if measure:
        paid = paid.filter(application__measure__code=measure)
    return list(
        paid.values(
            measure_code=F("application__measure__code"),
            title_ru=F("application__measure__title_ru"),
            title_en=F("application__measure__title_en"),
            order=F("application__measure__order"),
            year=ExtractYear("paid_on"),
        )
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("order", "measure_code", "year")
    )


def case_ids_of(measure_code: str) -> QuerySet:
    """The review case ids of the measure's applications, as a subquery for another app's filter
    (the desk's throughput by measure)."""
    return MeasureApplication.objects.filter(measure__code=measure_code).values("case_id")


def budgets_by_measure_year(*, year: int | None = None, measure: str = "") -> list[dict]:
    """[{measure_code, title_ru, title_en, order, year, amount}]: the measures' budgets as
    coordinators set them. One query."""
    budgets = MeasureBudget.objects.all()
    if year:
        budgets = budgets.filter(year=year)
    if measure:
        budgets = budgets.filter(measure__code=measure)
    return list(
        budgets.values(
            "year",
            "amount",
            measure_code=F("measure__code"),
            title_ru=F("measure__title_ru"),
            title_en=F("measure__title_en"),
            order=F("measure__order"),
        )
    )
