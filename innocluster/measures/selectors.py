import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from innocluster.core.errors import Conflict
from innocluster.core.formats import human_date
from innocluster.measures import quote as engine
from innocluster.measures.error_codes import MeasureErrorCode
from innocluster.measures.models import AnnualLedger, Measure, MeasureApplication, MeasureVersion, Payment

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
